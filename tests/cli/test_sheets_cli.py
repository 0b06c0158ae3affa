"""``interview-panel sheets``: the command line over the sheets services."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from interview_panel.cli import main
from interview_panel.domain.campaign import Candidate
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign
from interview_panel.services.profiles import load_profile
from interview_panel.services.store import open_store


def _text(pdf: Path) -> str:
    return " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )


def test_sheets_from_a_profile(tmp_path: Path, seed_cse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cse.pdf"
    assert main(["sheets", "--profile", str(seed_cse), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""  # stdout is kept for --json output
    assert "1 pack" in captured.err
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0
    assert "CSE (Child Sexual Exploitation) Administration Assistant" in _text(out)


def test_sheets_from_a_campaign_filtered_by_member(tmp_path: Path, seed_iact: Path) -> None:
    db = tmp_path / "c.db"
    store = open_store(db)
    cid = create_campaign(store, profile=load_profile(seed_iact), name="IACT")
    add_candidate(store, cid, Candidate("A01", "Ana Silva"))
    add_member(store, cid, "Sam Chair", chair=True)
    add_member(store, cid, "Alex Member")
    store.close()
    out = tmp_path / "c.pdf"
    assert main(["sheets", "--db", str(db), "--campaign", str(cid), "--member", "Alex Member", "-o", str(out)]) == 0
    text = _text(out)
    assert "A01 / Alex Member" in text and "Sam Chair" not in text
    assert main(["--db", str(db), "sheets", "--campaign", str(cid), "-o", str(out)]) == 0  # --db before too
    assert "Sam Chair" in _text(out)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["sheets", "-o", "x.pdf"], "one of the arguments --profile --campaign is required"),
        (["sheets", "--profile", "a.txt", "--campaign", "1", "-o", "x.pdf"], "not allowed with argument"),
        (["sheets", "--campaign", "1", "-o", "x.pdf"], "--db PATH is required"),
        (["sheets", "--profile", "missing.txt", "-o", "x.pdf"], "missing.txt"),
    ],
)
def test_bad_use_is_exit_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse refusals
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()
