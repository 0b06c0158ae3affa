"""The PDF moderation record: text in any script, valid file, outline, page numbers, marking, cancel."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from interview_panel.domain.progress import Cancelled, Progress
from interview_panel.exports.record_pdf import MARKING, write_record_pdf

from .factories import make_results

NAME = "Łukasz Żółć-Nguyễn"


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    results = make_results(
        7,
        members=4,
        names=[NAME, "A & <b>B</b>", "Grace Hughes"],
        unmoderated=1,
        rationale="Scores 2 and 4 <disagreed>; agreed on the evidence & the probes",
    )
    out = write_record_pdf(results, tmp_path_factory.mktemp("pdf") / "record.pdf")
    return out, results


def test_pdf_is_valid_and_names_render(record: tuple[Path, object]) -> None:
    pdf, results = record
    check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    text = _text(pdf)
    assert NAME in text
    assert "A & <b>B</b>" in text  # markup characters in a name are shown, not interpreted
    assert "<disagreed>" in text
    for member in results.members:  # type: ignore[attr-defined]
        assert member.name in text
    assert f"{results.members[0].name} (chair)" in text  # type: ignore[attr-defined]


def test_every_page_is_marked_and_numbered(record: tuple[Path, object]) -> None:
    pdf, _ = record
    pages = int(subprocess.run(["qpdf", "--show-npages", str(pdf)], capture_output=True, text=True).stdout)
    per_page = _text(pdf).split("\f")[:pages]
    assert pages >= 3 + 7
    for n, page in enumerate(per_page, start=1):
        assert page.count(MARKING) == 2, n  # top and bottom
        assert re.search(rf"Page {n} of\s+{pages}\b", page), page[-300:]


def test_outline_has_one_entry_per_candidate(record: tuple[Path, object]) -> None:
    pdf, results = record
    data = json.loads(
        subprocess.run(
            ["qpdf", "--json", "--json-key=outlines", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
    )
    top = data["outlines"]
    assert [o["title"] for o in top] == ["Cover", "Ranked results", "Score distribution", "Moderation records"]
    kids = top[-1]["kids"]
    cands = results.candidates  # type: ignore[attr-defined]
    assert [k["title"] for k in kids] == [f"{c.reference} — {c.candidate.name}" for c in cands]
    pages = [k["destpageposfrom1"] for k in kids]
    assert pages == sorted(set(pages)) and pages[0] > top[2]["destpageposfrom1"]


def test_record_shows_scores_outcome_and_signatures(record: tuple[Path, object]) -> None:
    pdf, results = record
    page_texts = _text(pdf).split("\f")
    data = json.loads(
        subprocess.run(
            ["qpdf", "--json", "--json-key=outlines", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
    )
    first = data["outlines"][-1]["kids"][0]["destpageposfrom1"]
    after = data["outlines"][-1]["kids"][1]["destpageposfrom1"]
    page = "\n".join(page_texts[first - 1 : after - 1])  # the candidate's record (notes may take it on a page)
    c = results.candidates[0]  # type: ignore[attr-defined]
    assert f"{c.total} of {c.maximum}" in page
    assert c.outcome in page and "Signatures" in page and "Chair" in page
    assert "Scores 2 and 4 <disagreed>" in page
    first_item = results.items[0].id  # type: ignore[attr-defined]
    row = next(line for line in page.splitlines() if line.strip().startswith(first_item))
    scores = [str(c.scores[first_item][m.name]) for m in results.members]  # type: ignore[attr-defined]
    assert re.findall(r"\b\d\b", row)[: len(scores) + 1] == scores + [str(c.agreed[first_item])]


def test_pdf_metadata(record: tuple[Path, object]) -> None:
    pdf, results = record
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Author:\s+Interview Panel$", info, re.M)
    assert results.campaign_name in info  # type: ignore[attr-defined]
    assert re.search(r"^Subject:\s+.*Case Support Officer", info, re.M)


def test_cancel_during_layout_leaves_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "record.pdf"
    target.write_bytes(b"old record")
    seen = []

    def on_step(done: int, total: int, message: str) -> None:
        seen.append(message)
        if message == "Laying out records" and done > total * 0.6:
            progress.cancel()

    progress = Progress(on_step)
    with pytest.raises(Cancelled):
        write_record_pdf(make_results(30), target, progress)
    assert target.read_bytes() == b"old record"
    assert [p.name for p in tmp_path.iterdir()] == ["record.pdf"]
    assert "Laying out records" in seen


def test_long_rationale_flows_onto_further_pages(tmp_path: Path) -> None:
    long = " ".join(f"point{n}" for n in range(1500))  # far taller than a page in its table cell
    results = make_results(1, rationale=long)
    out = write_record_pdf(results, tmp_path / "record.pdf")
    text = _text(out)
    assert "point0 " in text and "point1499" in text


def test_empty_campaign_still_gives_a_record(tmp_path: Path) -> None:
    out = write_record_pdf(make_results(0), tmp_path / "record.pdf")
    text = _text(out)
    assert "Interview moderation record" in text and "No candidate has been moderated yet." in text


def test_streamed_story_lays_out_every_page_of_the_full_story(tmp_path: Path) -> None:
    """The record is generated chunk by chunk (flat memory); it must equal a build of the whole story."""
    from interview_panel.exports.record_pdf import write_plain_pdf

    results = make_results(9, members=3, rationale="a reason " * 40)
    seen: list[int] = []
    streamed = write_record_pdf(
        results,
        tmp_path / "streamed.pdf",
        Progress(lambda d, t, m: seen.append(d) if m == "Laying out records" else None),
    )
    full = write_plain_pdf(results, tmp_path / "full.pdf")

    def npages(p: Path) -> int:
        return int(subprocess.run(["qpdf", "--show-npages", str(p)], capture_output=True, text=True).stdout)

    assert npages(streamed) == npages(full)
    assert seen == list(range(9))  # one progress step per candidate, in order
    text = _text(streamed)
    assert all(c.candidate.name in text for c in results.candidates)


WORLD = ["王小明", "佐藤 花子", "김민준", "Łukasz Żółć-Nguyễn", "Παπαδόπουλος", "Иванова"]


def test_names_in_any_script_come_back_exactly_and_cjk_fonts_are_embedded(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics

    from interview_panel.exports.fonts import runs

    results = make_results(
        len(WORLD),
        members=3,
        names=WORLD,
        member_names=["李华", "Anna Nowak", "박지성"],
        campaign_name="春季 recruitment 2026",
        rationale="面接で合意した & agreed",
    )
    pdf = write_record_pdf(results, tmp_path / "record.pdf")
    check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    pages = [" ".join(p.split()) for p in _text(pdf).split("\f")[:-1]]
    assert all("春季 recruitment 2026" in p for p in pages)  # header on every page
    for k, name in enumerate(WORLD, start=1):
        assert f"C{k:04d} — {name}" in " ".join(pages)  # each candidate's record heading
    assert "李华 (chair)" in pages[0] and "박지성" in pages[0]
    assert "面接で合意した & agreed" in " ".join(pages)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    embedded = {
        c[0].split("+", 1)[-1]
        for c in (line.split() for line in fonts.splitlines()[2:])
        if len(c) >= 7 and c[-5] == "yes"
    }
    for sample in ("王小明", "김민준"):
        ((font, _),) = runs(sample)
        assert font is not None
        face = pdfmetrics.getFont(font).face.name
        assert (face.decode() if isinstance(face, bytes) else face) in embedded


def test_cover_states_the_panel_agreement(record: tuple[Path, object]) -> None:
    from interview_panel.domain.agreement import panel_agreement

    pdf, results = record
    agreement = panel_agreement(results)  # type: ignore[arg-type]
    cover = " ".join(_text(pdf).split("\f")[0].split())
    assert "Panel agreement" in cover
    if agreement.icc is not None:
        assert f"ICC(2,1) {agreement.icc:.2f}" in cover
    if agreement.alpha is not None:
        assert f"(ordinal) {agreement.alpha:.2f}" in cover
    assert agreement.icc is not None or agreement.alpha is not None  # the factory's panels submitted
