"""The Results CSV: same rows as the workbook, BOM for Excel, no formula triggers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from interview_panel.domain.progress import Cancelled, Progress
from interview_panel.exports.csv_export import write_csv
from interview_panel.exports.safe import TRIGGERS, restore

from .factories import make_results
from .test_workbook import PAYLOADS


def _read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM so Excel reads accented names right
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_csv_has_the_results_columns_and_values(tmp_path: Path) -> None:
    results = make_results(4, names=["Łukasz Żółć-Nguyễn", "Ana", "Bo", "Cy"], unmoderated=1)
    header, *rows = _read(write_csv(results, tmp_path / "r.csv"))
    assert header[:6] == ["Campaign", "Post title", "Candidate reference", "Candidate name", "Interview date", "Status"]
    assert header[-7:] == ["Total", "Maximum", "Outcome", "Rank", "Reasons", "Moderated by", "Moderated at"]
    data = results.to_json()["candidates"]
    for row, cand in zip(rows, data):
        rec = dict(zip(header, row))
        assert rec["Candidate name"] == cand["name"]
        assert rec["Total"] == ("" if cand["total"] is None else str(cand["total"]))
        assert rec["Rank"] == ("" if cand["rank"] is None else str(cand["rank"]))
        for item in results.items:
            assert rec[item.id] == str(cand["agreed"].get(item.id, ""))
    assert rows[0][4] == results.candidates[0].candidate.slot.strftime("%Y-%m-%d %H:%M")


def test_csv_neutralises_payloads_but_not_numbers(tmp_path: Path) -> None:
    results = make_results(
        len(PAYLOADS), names=PAYLOADS, references=PAYLOADS, member_names=PAYLOADS[:3], campaign_name=PAYLOADS[2]
    )
    results.candidates[0].total = -2
    header, *rows = _read(write_csv(results, tmp_path / "r.csv"))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c.startswith(TRIGGERS) and c != "-2"]
    assert rows[0][header.index("Total")] == "-2"
    assert [restore(r[header.index("Candidate name")]) for r in rows] == PAYLOADS


def test_cancelled_csv_leaves_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "r.csv"
    target.write_text("old")
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        write_csv(make_results(3), target, progress)
    assert target.read_text() == "old" and len(list(tmp_path.iterdir())) == 1
