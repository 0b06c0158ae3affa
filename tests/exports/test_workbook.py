"""The HR workbook: contract sheets and columns, typed cells, round trip, formula injection, cancel."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from interview_panel.domain.progress import Cancelled, Progress
from interview_panel.exports.safe import TRIGGERS, naive_local, restore
from interview_panel.exports.workbook import SCHEMA, write_workbook

from .factories import make_results

PAYLOADS = [
    '=HYPERLINK("http://x","click")',
    "+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
]


def _sheets(path: Path) -> dict[str, list[list[object]]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def _num(v: object) -> object:
    """Calamine gives numbers as floats and empty cells as ''; compare with the JSON's ints and nulls."""
    if v == "":
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def test_sheets_and_columns_follow_the_contract(tmp_path: Path) -> None:
    results = make_results(3)
    out = write_workbook(results, tmp_path / "hr.xlsx")
    sheets = _sheets(out)
    assert list(sheets) == ["Results", "Scores", "Items", "Audit", "About"]
    assert sheets["Results"][0] == [
        "Campaign",
        "Post title",
        "Candidate reference",
        "Candidate name",
        "Interview date",
        "Status",
        *(i.id for i in results.items),
        "Total",
        "Maximum",
        "Outcome",
        "Rank",
        "Reasons",
        "Moderated by",
        "Moderated at",
    ]
    assert sheets["Scores"][0] == [
        "Candidate reference",
        "Item",
        "Item text",
        "Member",
        "Score",
        "Notes",
        "Agreed score",
        "Rationale",
        "Submitted at",
    ]
    assert SCHEMA == "interview-panel/results/2"
    assert sheets["Items"][0][:3] == ["Item", "Kind", "Text"]
    assert sheets["Audit"][0] == ["Seq", "At", "Actor", "Action", "Target", "Old", "New", "Reason", "Hash"]
    about = {row[0]: row[1] for row in sheets["About"][1:]}
    assert about["Schema"] == SCHEMA
    assert about["App version"] == __import__("interview_panel").__version__
    assert about["Campaign"] == results.campaign_name
    assert about["Generated at"] == naive_local(results.generated_at)
    assert _num(about["Pass mark"]) == 3 and about["Scale"] == "1-5"


def test_round_trip_through_calamine_matches_results_json(tmp_path: Path) -> None:
    results = make_results(6, members=4, unmoderated=1)
    data = results.to_json()
    sheets = _sheets(write_workbook(results, tmp_path / "hr.xlsx"))
    header, *rows = sheets["Results"]
    col = {h: n for n, h in enumerate(header)}
    assert len(rows) == len(data["candidates"])
    for row, cand in zip(rows, data["candidates"]):
        assert row[col["Candidate reference"]] == cand["reference"]
        assert row[col["Candidate name"]] == cand["name"]
        assert {i["id"]: _num(row[col[i["id"]]]) for i in data["items"]} == {
            i["id"]: cand["agreed"].get(i["id"]) for i in data["items"]
        }
        for key, column in (("total", "Total"), ("maximum", "Maximum"), ("rank", "Rank")):
            assert _num(row[col[column]]) == cand[key]
        assert (row[col["Outcome"]] or None) == cand["outcome"]
    assert rows[-1][col["Total"]] == "" and rows[-1][col["Outcome"]] == ""  # still being scored
    assert isinstance(rows[0][col["Interview date"]], datetime)

    s_header, *s_rows = sheets["Scores"]
    sc = {h: n for n, h in enumerate(s_header)}
    got = {}
    agreed = {}
    for r in s_rows:
        key = (r[sc["Candidate reference"]], r[sc["Item"]])
        got.setdefault(key[0], {}).setdefault(key[1], {})[r[sc["Member"]]] = _num(r[sc["Score"]])
        agreed[key] = _num(r[sc["Agreed score"]])
    assert got == {c["reference"]: c["scores"] for c in data["candidates"]}
    assert agreed == {(c["reference"], i): c["agreed"].get(i) for c in data["candidates"] for i in c["scores"]}
    assert len(s_rows) == 6 * 4 * len(results.items)


def test_cells_are_typed_and_sheets_are_usable(tmp_path: Path) -> None:
    results = make_results(3, names=["Amira Ahmed", "Bartholomew Fitzwilliam-Montgomery", "Jo"])
    wb = openpyxl.load_workbook(write_workbook(results, tmp_path / "hr.xlsx"))
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}", ws.title
        assert ws["A1"].font.b
    res = wb["Results"]
    head = [c.value for c in res[1]]
    date = res.cell(2, head.index("Interview date") + 1)
    assert date.is_date and date.value == naive_local(results.candidates[0].candidate.slot)
    assert "yyyy" in date.number_format
    assert res.cell(2, head.index("Total") + 1).data_type == "n"
    assert res.cell(2, head.index(results.items[0].id) + 1).data_type == "n"
    name_width = res.column_dimensions[res.cell(1, head.index("Candidate name") + 1).column_letter].width
    assert name_width >= len("Bartholomew Fitzwilliam-Montgomery")
    assert res.column_dimensions["B"].width < 40  # fits the content, not a fixed huge width
    assert wb["Scores"].cell(2, 9).is_date


def _all_text(path: Path) -> list[tuple[str, object, str]]:
    wb = openpyxl.load_workbook(path)
    return [(ws.title, c.value, c.data_type) for ws in wb.worksheets for row in ws.iter_rows() for c in row]


def test_formula_injection_payloads_never_become_formulas(tmp_path: Path) -> None:
    results = make_results(
        len(PAYLOADS),
        members=len(PAYLOADS),
        names=PAYLOADS,
        references=PAYLOADS,
        member_names=PAYLOADS,
        rationale=PAYLOADS[0],
        note=PAYLOADS[1],
        campaign_name=PAYLOADS[4],
    )
    results.candidates[0].total = -2  # a genuine negative number stays a number
    out = write_workbook(results, tmp_path / "hr.xlsx")

    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                xml = z.read(name).decode()
                assert "<f>" not in xml and "<f " not in xml, name

    cells = _all_text(out)
    assert all(dtype != "f" for _, _, dtype in cells)
    texts = [v for _, v, dtype in cells if isinstance(v, str)]
    assert not [t for t in texts if t.startswith(TRIGGERS)]
    for payload in PAYLOADS:
        assert "'" + payload in texts or "'" + payload.replace("\r", "\n") in texts, payload

    sheets = _sheets(out)
    for title, rows in sheets.items():
        for row in rows:
            for v in row:
                assert not (isinstance(v, str) and v.startswith(TRIGGERS)), (title, v)
    header, *rows = sheets["Results"]
    assert restore(rows[0][header.index("Candidate name")]) == PAYLOADS[0]
    assert rows[0][header.index("Total")] == -2.0
    s_header, *s_rows = sheets["Scores"]
    assert all(isinstance(r[s_header.index("Score")], float) for r in s_rows)
    assert {restore(r[s_header.index("Member")]) for r in s_rows} == set(PAYLOADS)


def test_error_like_and_control_character_text_is_kept_as_text(tmp_path: Path) -> None:
    results = make_results(2, names=["#N/A", "Jo\x01 Bloggs"])
    wb = openpyxl.load_workbook(write_workbook(results, tmp_path / "hr.xlsx"))
    names = [(c.value, c.data_type) for c in wb["Results"]["D"][1:]]
    assert names == [("#N/A", "s"), ("Jo\ufffd Bloggs", "s")]


def test_cancel_leaves_no_file_and_keeps_a_previous_one(tmp_path: Path) -> None:
    results = make_results(120, members=3)
    target = tmp_path / "hr.xlsx"

    def cancel_in_scores(done: int, total: int, message: str) -> None:
        if message == "Scores" and done > 150:
            progress.cancel()

    progress = Progress(cancel_in_scores)
    with pytest.raises(Cancelled):
        write_workbook(results, target, progress)
    assert list(tmp_path.iterdir()) == []

    target.write_bytes(b"previous export")
    progress = Progress(cancel_in_scores)
    with pytest.raises(Cancelled):
        write_workbook(results, target, progress)
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["hr.xlsx"]


def test_progress_reaches_the_end(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_workbook(make_results(30), tmp_path / "hr.xlsx", Progress(lambda d, t, m: seen.append((d, t))))
    assert seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_empty_campaign_gives_headers_only(tmp_path: Path) -> None:
    sheets = _sheets(write_workbook(make_results(0), tmp_path / "hr.xlsx"))
    assert len(sheets["Results"]) == 1 and len(sheets["Scores"]) == 1
    assert sheets["Results"][0][:3] == ["Campaign", "Post title", "Candidate reference"]


def test_status_reasons_and_notes_read_back_by_calamine(tmp_path: Path) -> None:
    """Schema /2: Status and Reasons on Results (a withdrawn candidate has no outcome or rank), each member's
    note beside their score on Scores. Built from a real database through the services."""
    from interview_panel.domain.campaign import Candidate
    from interview_panel.domain.scoring import ScoringRules
    from interview_panel.services import campaigns, corrections, moderation, scoring
    from interview_panel.services.store import open_store

    from .factories import make_profile

    with open_store(tmp_path / "c.db") as store:
        cid = campaigns.create_campaign(store, profile=make_profile(3), name="Spring")
        items = [i.id for i in campaigns.get_campaign(store, cid).items]
        # an overall minimum that a total of 4 per item misses by one point
        campaigns.update_rules(store, cid, ScoringRules(overall_minimum=4 * len(items) + 1), actor="chair")
        for m in ("Ann", "Bob"):
            campaigns.add_member(store, cid, m, chair=m == "Ann")
        for ref in ("C1", "C2", "C3"):
            campaigns.add_candidate(store, cid, Candidate(ref, f"Name {ref}", datetime(2026, 3, 2, 10)))
        for ref, mark in (("C1", 4), ("C2", 2), ("C3", 4)):
            for m in ("Ann", "Bob"):
                for i in items:
                    scoring.record_score(
                        store, cid, candidate=ref, member=m, item=i, score=mark, note=f"{m} noted {i} for {ref}"
                    )
                scoring.submit(store, cid, candidate=ref, member=m)
            moderation.agree_unflagged_at_median(store, cid, candidate=ref)
        corrections.set_candidate_status(store, cid, "C3", "withdrawn", "accepted another post")
        results = moderation.results(store, cid)
    sheets = _sheets(write_workbook(results, tmp_path / "hr.xlsx"))
    header, *rows = sheets["Results"]
    rec = {r[header.index("Candidate reference")]: dict(zip(header, r)) for r in rows}
    assert rec["C1"]["Status"] == "moderated" and rec["C1"]["Outcome"] == "not appointable"
    total = 4 * len(items)
    assert rec["C1"]["Reasons"] == f"total {total} is under the overall minimum of {total + 1}"
    assert rec["C2"]["Outcome"] == "not appointable"
    first_gating = items[0]
    assert rec["C2"]["Reasons"].startswith(f"{first_gating} (") and "under the pass mark of 3" in rec["C2"]["Reasons"]
    assert rec["C3"]["Status"] == "withdrawn"
    assert (rec["C3"]["Outcome"], rec["C3"]["Rank"], rec["C3"]["Total"]) == ("", "", "")
    assert rec["C3"]["Reasons"] == "withdrew: accepted another post"
    s_header, *s_rows = sheets["Scores"]
    notes = {
        (r[s_header.index("Candidate reference")], r[s_header.index("Item")], r[s_header.index("Member")]): r[
            s_header.index("Notes")
        ]
        for r in s_rows
    }
    assert notes[("C2", items[1], "Bob")] == f"Bob noted {items[1]} for C2"
    assert len(notes) == 3 * 2 * len(items)
    about = {row[0]: row[1] for row in sheets["About"][1:]}
    assert about["Schema"] == "interview-panel/results/2"
