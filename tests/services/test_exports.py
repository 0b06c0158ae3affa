"""services.exports: a campaign built through the services comes out in the workbook, CSV and PDF."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from interview_panel.domain.campaign import Candidate
from interview_panel.domain.errors import ValidationError
from interview_panel.domain.progress import Cancelled, Progress
from interview_panel.exports.safe import TRIGGERS
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign
from interview_panel.services.exports import export_csv, export_pdf, export_workbook
from interview_panel.services.moderation import moderate, results
from interview_panel.services.scoring import record_score, submit
from interview_panel.services.store import open_store

from ..exports.factories import make_profile

MEMBERS = ["Amira Fraser", "=1+1", "Łukasz Żółć-Nguyễn"]
CANDIDATES = [
    ("C001", "Dev Patel"),
    ("C002", '=HYPERLINK("http://x","click")'),
    ("C003", "@SUM(1+1)"),
    ("C004", "Grace Hughes"),
]


def build_campaign(db: Path) -> int:
    """Four candidates, a panel of three (payloads in names, notes and rationales); C004 not moderated."""
    with open_store(db) as store:
        cid = create_campaign(store, profile=make_profile(2), name="Case support 2026")
        for n, name in enumerate(MEMBERS):
            add_member(store, cid, name, chair=n == 0)
        items = [i.id for i in results(store, cid, audit=False).items]
        for k, (ref, name) in enumerate(CANDIDATES):
            add_candidate(store, cid, Candidate(ref, name, datetime(2026, 3, 2, 9 + k, tzinfo=UTC)))
            for m, member in enumerate(MEMBERS):
                for j, item in enumerate(items):
                    record_score(
                        store,
                        cid,
                        candidate=ref,
                        member=member,
                        item=item,
                        score=1 + (k + m + j) % 5,
                        note="-1+1 said the candidate" if j == 0 else None,
                    )
                submit(store, cid, candidate=ref, member=member)
            if ref == "C004":
                continue
            for j, item in enumerate(items):
                moderate(
                    store,
                    cid,
                    candidate=ref,
                    item=item,
                    score=1 + (k + 1 + j) % 5,
                    rationale="+cmd|' /C calc'!A0 was not evidence",
                )
    return cid


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    db = tmp_path_factory.mktemp("exports") / "panel.db"
    return db, build_campaign(db)


def test_workbook_from_the_store_matches_results(campaign: tuple[Path, int], tmp_path: Path) -> None:
    db, cid = campaign
    with open_store(db) as store:
        data = results(store, cid, audit=False).to_json()
        out = export_workbook(store, cid, tmp_path / "hr.xlsx")
    wb = CalamineWorkbook.from_path(str(out))
    header, *rows = wb.get_sheet_by_name("Results").to_python()
    assert [r[header.index("Candidate reference")] for r in rows] == [c["reference"] for c in data["candidates"]]
    for row, cand in zip(rows, data["candidates"]):
        for item in data["items"]:
            cell = row[header.index(item["id"])]
            assert (None if cell == "" else int(cell)) == cand["agreed"].get(item["id"])
        assert (None if row[header.index("Rank")] == "" else int(row[header.index("Rank")])) == cand["rank"]
    audit = wb.get_sheet_by_name("Audit").to_python()
    assert len(audit) > 1 + 4 * 3  # the campaign's audit trail is in the workbook
    for name in wb.sheet_names:
        for row in wb.get_sheet_by_name(name).to_python():
            assert not any(isinstance(v, str) and v.startswith(TRIGGERS) for v in row), (name, row)


def test_pdf_and_csv_from_the_store(campaign: tuple[Path, int], tmp_path: Path) -> None:
    db, cid = campaign
    with open_store(db) as store:
        pdf = export_pdf(store, cid, tmp_path / "record.pdf")
        csv_path = export_csv(store, cid, tmp_path / "results.csv")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Łukasz Żółć-Nguyễn" in text and "Dev Patel" in text
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + len(CANDIDATES)
    assert "'=HYPERLINK" in lines[2]


def test_cancelled_export_keeps_the_previous_file(campaign: tuple[Path, int], tmp_path: Path) -> None:
    db, cid = campaign
    target = tmp_path / "record.pdf"
    target.write_bytes(b"%PDF previous")
    progress = Progress(lambda done, total, msg: progress.cancel() if msg == "Laying out records" else None)
    with open_store(db) as store, pytest.raises(Cancelled):
        export_pdf(store, cid, target, progress)
    assert target.read_bytes() == b"%PDF previous"
    assert list(tmp_path.iterdir()) == [target]


def test_unknown_campaign_and_bad_target_are_refused(campaign: tuple[Path, int], tmp_path: Path) -> None:
    db, _ = campaign
    with open_store(db) as store:
        with pytest.raises(ValidationError, match="campaign 99"):
            export_workbook(store, 99, tmp_path / "x.xlsx")
        with pytest.raises(ValidationError, match="does not exist"):
            export_csv(store, 1, tmp_path / "missing" / "x.csv")
    assert list(tmp_path.iterdir()) == []
