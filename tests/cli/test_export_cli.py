"""`interview-panel export xlsx|pdf|csv`: the files agree with `interview-panel results --json`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from interview_panel.cli import main

from ..services.test_exports import CANDIDATES, build_campaign


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-export") / "panel.db"
    build_campaign(path)
    return path


def _results_json(db: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["results", "--db", str(db), "--campaign", "1", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _int(v: object) -> int | None:
    return None if v == "" else int(v)  # type: ignore[arg-type]


def test_xlsx_matches_results_json(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _results_json(db, capsys)
    out = tmp_path / "hr.xlsx"
    assert main(["export", "xlsx", "--db", str(db), "--campaign", "1", "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    wb = CalamineWorkbook.from_path(str(out))
    header, *rows = wb.get_sheet_by_name("Results").to_python()
    assert len(rows) == len(data["candidates"]) == len(CANDIDATES)
    for row, cand in zip(rows, data["candidates"]):
        rec = dict(zip(header, row))
        assert rec["Candidate reference"] == cand["reference"]
        assert {i["id"]: _int(rec[i["id"]]) for i in data["items"]} == {
            i["id"]: cand["agreed"].get(i["id"]) for i in data["items"]
        }
        assert [_int(rec["Total"]), _int(rec["Maximum"]), _int(rec["Rank"])] == [
            cand["total"],
            cand["maximum"],
            cand["rank"],
        ]
        assert (rec["Outcome"] or None) == cand["outcome"]
    s_header, *s_rows = wb.get_sheet_by_name("Scores").to_python()
    got: dict = {}
    for r in s_rows:
        rec = dict(zip(s_header, r))
        member = rec["Member"][1:] if rec["Member"].startswith("'=") else rec["Member"]
        got.setdefault(rec["Candidate reference"], {}).setdefault(rec["Item"], {})[member] = int(rec["Score"])
    assert got == {c["reference"]: c["scores"] for c in data["candidates"]}


def test_a_path_the_console_cannot_encode_is_still_reported(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A console that cannot show the file name (ASCII, cp1252) must not turn a written export into exit 1."""
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii"))
    out = tmp_path / "résumé ọ̀.xlsx"
    assert main(["export", "xlsx", "--db", str(db), "--campaign", "1", "-o", str(out)]) == 0
    assert out.exists()
    assert raw.getvalue().decode("utf-8") == f"{out}\n"


def test_csv_and_pdf_commands(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _results_json(db, capsys)
    out = tmp_path / "results.csv"
    assert main(["export", "csv", "--db", str(db), "--campaign", "1", "-o", str(out)]) == 0
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["Total"] for r in rows] == ["" if c["total"] is None else str(c["total"]) for c in data["candidates"]]
    pdf = tmp_path / "record.pdf"
    assert main(["export", "pdf", "--db", str(db), "--campaign", "1", "-o", str(pdf)]) == 0
    check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_errors_are_one_line_and_write_nothing(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.xlsx"
    assert main(["export", "xlsx", "--db", str(db), "--campaign", "7", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "campaign 7" in err
    assert main(["export", "pdf", "--db", str(tmp_path / "nope.db"), "--campaign", "1", "-o", str(out)]) == 2
    assert "nope.db" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["export", "docx", "--db", str(db), "--campaign", "1", "-o", str(out)])
    assert exc.value.code == 2
    assert list(tmp_path.iterdir()) == []
