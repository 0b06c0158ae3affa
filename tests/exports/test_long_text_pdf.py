"""Very long names and unbreakable words wrap in every PDF instead of failing (issue 11, finding 10).

An old database (from before names were capped at 200 characters) can hold an 8,000-character name; any
text can hold a 300-character word. Packs (``sheets --candidate`` and the full set with the chair's grid) and
the PDF record must still be written, whole and valid.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from interview_panel.cli import main
from interview_panel.domain.campaign import Candidate
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign
from interview_panel.services.moderation import moderate, results
from interview_panel.services.scoring import record_score, submit
from interview_panel.services.store import open_store

from .factories import make_profile

PART = "Wolfeschlegelsteinhausenbergerdorff"
LONG_NAME = " ".join([PART] * 222)  # about 8,000 characters
WORD = "Q" * 300
CHAIR = f"Chair {WORD}"
MEMBER = "M" * 400


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built through the services with ordinary names, then given the long ones the way a database from
    before the 200-character cap holds them (the services refuse such names now)."""
    import sqlite3

    path = tmp_path_factory.mktemp("long") / "long.db"
    assert len(LONG_NAME) > 7900
    names = {"L1": LONG_NAME, "L2": WORD, "L3": f"Ann {WORD} Lee"}
    with open_store(path) as store:
        cid = create_campaign(store, profile=make_profile(2), name="Campaign")
        add_member(store, cid, "Chair", chair=True)
        add_member(store, cid, "Member")
        items = [i.id for i in results(store, cid, audit=False).items]
        for ref in names:
            add_candidate(store, cid, Candidate(ref, f"Name {ref}", datetime(2026, 3, 2, 9, tzinfo=UTC)))
            for member in ("Chair", "Member"):
                for item in items:
                    record_score(
                        store, cid, candidate=ref, member=member, item=item, score=2, note=f"{WORD} {LONG_NAME[:3000]}"
                    )
                submit(store, cid, candidate=ref, member=member)
            for item in items:
                moderate(store, cid, candidate=ref, item=item, score=2, rationale=f"{WORD} {LONG_NAME}")
    conn = sqlite3.connect(path)
    with conn:
        for ref, name in names.items():
            conn.execute("UPDATE candidates SET name = ? WHERE reference = ?", (name, ref))
        conn.execute("UPDATE members SET name = ? WHERE name = 'Chair'", (CHAIR,))
        conn.execute("UPDATE members SET name = ? WHERE name = 'Member'", (MEMBER,))
        conn.execute("UPDATE campaigns SET name = ?", (f"Campaign {WORD}",))
    conn.close()
    return path


def _text(pdf: Path) -> str:
    assert subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True).returncode == 0
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_the_pack_of_a_candidate_with_an_8000_character_name(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "l1.pdf"
    assert main(["sheets", "--db", str(db), "--campaign", "1", "--candidate", "L1", "-o", str(out)]) == 0, (
        capsys.readouterr().err
    )
    text = _text(out)
    assert text.count(PART) >= 2 * 222  # the whole name, wrapped, in each of the two packs


def test_every_pack_and_the_chair_grid_with_long_names_and_words(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.pdf"
    assert main(["sheets", "--db", str(db), "--campaign", "1", "-o", str(out)]) == 0, capsys.readouterr().err
    text = _text(out)
    assert "L3" in text and "Ann" in text
    assert text.count("Q") >= 300  # the unbreakable word is printed (cut into lines), not lost


def test_the_pdf_record_with_long_names_rationales_and_words(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "record.pdf"
    assert main(["export", "pdf", "--db", str(db), "--campaign", "1", "-o", str(out)]) == 0, capsys.readouterr().err
    text = _text(out)
    # the long name in L1's heading, and each candidate's long rationales printed whole (continued on the
    # next page), not cut
    assert text.count(PART) >= 222 + 3 * 222
    assert "L2" in text and "L3" in text


def test_a_blank_pack_for_a_profile_still_works(tmp_path: Path) -> None:
    from tests.conftest import DATA

    out = tmp_path / "blank.pdf"
    assert main(["sheets", "--profile", str(DATA / "sample_admin_l1.txt"), "-o", str(out)]) == 0
    assert "Interview question pack" in _text(out)
