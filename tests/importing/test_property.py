"""Whatever text it is fed, the importer returns a RoleProfile or raises ProfileImportError: nothing else."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_panel.domain.errors import ProfileImportError
from interview_panel.domain.profile import RoleProfile
from interview_panel.importing import parse_text, profile_from_bytes

from ..conftest import DATA, real_profiles

# the templates' Word text and LibreOffice text exports (*_libreoffice.txt: tables rebuilt from heading rows)
TEMPLATES = sorted((Path(__file__).resolve().parent.parent / "data" / "templates").glob("*.txt"))
BASES = [
    p.read_text(encoding="utf-8")
    for p in [*real_profiles(), DATA / "sample_admin_l1.txt", DATA / "sample_supervisor_l2_libreoffice.txt", *TEMPLATES]
]
TOKENS = list("\t\n\r :/-*ab1239") + [
    "\u00b7",
    "\u2022",
    "JE",
    "\u00a0",
    "\u2011",
    "\ufeff",
    "\x00",
    "Interview",
    "Essential",
    "Other",
    "We take ownership",
    "Level",
    "[bookmark: _GoBack]",
    "(E)",
    "(D)",
    "L2",
    "level one",
    "1. ",
    "A = Application form, I = Interview",
    "We collaborate - Level 2",
    "Level 1 in all six competencies",
    "All behaviours will be assessed at interview",
    "Job Title",
    "E/D",
    "Essential criteria",
    "Key outputs for role",
    "% time",
    "A/I",
    "Role:",
    "\nE\n",
    "\n\n",
    "\nHow assessed\n",
    "\nCompetency\n",
    "Ref",
    "Area",
]
NOISE = st.lists(st.sampled_from(TOKENS), max_size=8).map("".join)


def test_bases_include_the_libreoffice_layout() -> None:
    """The mutated documents include LibreOffice's one-cell-a-line text of the new table layouts."""
    lo = [p for p in TEMPLATES if p.stem.endswith("_libreoffice")]
    assert len(lo) >= 6 and all(
        not any(ln.startswith("\t") for ln in p.read_text(encoding="utf-8").splitlines()) for p in lo
    )


def _check(result_of) -> None:
    try:
        profile = result_of()
    except ProfileImportError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(profile, RoleProfile)
    assert profile.post_title or profile.behaviours or profile.criteria or profile.key_responsibilities
    assert "warnings" not in profile.to_json() or all(w and "\n" not in w for w in profile.warnings)
    profile.to_json()
    ids = [c.id for c in profile.criteria]
    assert len(ids) == len(set(ids))
    assert all(b.level in (1, 2, 3) for b in profile.behaviours)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from(range(len(BASES))),
    seed=st.integers(0, 2**32 - 1),
    drops=st.integers(0, 30),
    dups=st.integers(0, 10),
    swaps=st.integers(0, 10),
    noise=st.lists(NOISE, max_size=8),
)
def test_mutated_documents(base: int, seed: int, drops: int, dups: int, swaps: int, noise: list[str]) -> None:
    rng = random.Random(seed)
    lines = BASES[base].splitlines()
    for _ in range(drops):
        if lines:
            del lines[rng.randrange(len(lines))]
    for _ in range(dups):
        if lines:
            i = rng.randrange(len(lines))
            lines.insert(rng.randrange(len(lines) + 1), lines[i])
    for _ in range(swaps):
        if len(lines) > 1:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
    for chunk in noise:
        if lines:
            i = rng.randrange(len(lines))
            pos = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:pos] + chunk + lines[i][pos:]
    text = "\n".join(lines)
    _check(lambda: parse_text(text, name="mutated.txt"))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    _check(lambda: parse_text(text, name="random.txt"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["x.txt", "x.docx"]))
def test_random_bytes(data: bytes, name: str) -> None:
    _check(lambda: profile_from_bytes(data, name=name, file=name))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(range(len(BASES))), st.data())
def test_truncated_documents(base: int, data: st.DataObject) -> None:
    raw = BASES[base].encode("utf-8")
    cut = data.draw(st.integers(0, len(raw)))
    _check(lambda: profile_from_bytes(raw[:cut], name="cut.txt", file="cut.txt"))


PDF_SAMPLES = sorted((Path(__file__).resolve().parent.parent / "data" / "templates").glob("*.pdf"))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(max(1, len(PDF_SAMPLES)))), st.data())
def test_damaged_pdfs(base: int, data: st.DataObject) -> None:
    """A sample PDF cut short or with bytes overwritten: a profile or one refusal line, never anything else."""
    raw = bytearray(PDF_SAMPLES[base].read_bytes())
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    else:
        for _ in range(data.draw(st.integers(1, 20))):
            if raw:
                raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    _check(lambda: profile_from_bytes(bytes(raw), name="damaged.pdf", file="damaged.pdf"))
