"""Look-alike formula triggers are neutralised in the workbook and the CSV (issue 11, finding 14).

Each class of look-alike (fullwidth signs, the minus sign and other dashes, small forms, and whitespace or
invisible characters before a trigger) gets the leading apostrophe; read back with python-calamine (not
openpyxl) the cell is a string starting with it, and scores stay numbers.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from interview_panel.domain.campaign import Candidate
from interview_panel.exports.safe import is_dangerous, neutralise, restore
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign
from interview_panel.services.exports import export_csv, export_workbook
from interview_panel.services.moderation import moderate, results
from interview_panel.services.scoring import record_score, submit
from interview_panel.services.store import open_store

from .factories import make_profile

LOOKALIKES = {
    "fullwidth equals": '\uff1dHYPERLINK("http://x","y")',
    "fullwidth plus": "\uff0b1\uff0b1",
    "fullwidth minus": "\uff0d1\uff0b1",
    "fullwidth at": "\uff20SUM(1,1)",
    "minus sign": "\u22121+1",
    "en dash": "\u20131+1",
    "small equals": "\ufe66cmd",
    "space before equals": " =1+1",
    "nbsp before plus": "\u00a0+1+1",
    "zero-width space before equals": "\u200b=1+1",
    "zero-width joiner before at": "\u200d@SUM(1)",
    "zero-width non-joiner before minus": "\u200c-1",
    "bom before equals": "\ufeff=1+1",
    "word joiner before fullwidth equals": "\u2060\uff1d1",
    "ideographic space before equals": "\u3000=1",
    "bidi mark and spaces before equals": "\u200e \u2003=1",
}
SAFE_TEXTS = [
    "Łukasz Żółć-Nguyễn",
    "O'Brien",
    " leading space only",
    "\u200bhidden but harmless",
    "A=B",
    "3 + 4",
    "\uff21lpha",
    "",
]


@pytest.mark.parametrize("text", list(LOOKALIKES.values()), ids=list(LOOKALIKES))
def test_each_lookalike_is_neutralised_and_restores(text: str) -> None:
    assert is_dangerous(text)
    safe = neutralise(text)
    assert safe is not None and safe.startswith("'") and not is_dangerous(safe)
    assert restore(safe) == text


def test_a_control_character_before_a_trigger_is_replaced_and_inert() -> None:
    assert is_dangerous("\x0b=1") and not is_dangerous(neutralise("\x0b=1") or "")


@pytest.mark.parametrize("text", SAFE_TEXTS)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("lookalike")
    db = folder / "c.db"
    names = {f"L{n:02d}": text for n, text in enumerate(LOOKALIKES.values())}
    with open_store(db) as store:
        cid = create_campaign(store, profile=make_profile(1), name="\uff1dcampaign")
        add_member(store, cid, "\uff1dChair", chair=True)
        items = [i.id for i in results(store, cid, audit=False).items]
        for ref, name in names.items():
            add_candidate(store, cid, Candidate(ref, f"{name}", datetime(2026, 3, 2, 9, tzinfo=UTC)))
            for item in items:
                record_score(store, cid, candidate=ref, member="\uff1dChair", item=item, score=2, note=name)
            submit(store, cid, candidate=ref, member="\uff1dChair")
            for item in items:
                moderate(store, cid, candidate=ref, item=item, score=2, rationale=f"\u2212{name}")
        stored = {c.reference: c.candidate.name for c in results(store, cid, audit=False).candidates}
        export_workbook(store, cid, folder / "hr.xlsx")
        export_csv(store, cid, folder / "hr.csv")
    return folder / "hr.xlsx", folder / "hr.csv", stored


def test_the_workbook_read_back_with_calamine_has_only_inert_text(exported: tuple[Path, Path, dict[str, str]]) -> None:
    xlsx, _csv, stored = exported
    wb = CalamineWorkbook.from_path(str(xlsx))
    header, *rows = wb.get_sheet_by_name("Results").to_python()
    assert rows
    for row in rows:
        rec = dict(zip(header, row))
        name = stored[rec["Candidate reference"]]
        if is_dangerous(name):  # the app may have trimmed the name when it was stored
            assert rec["Candidate name"] == "'" + name
        assert rec["Campaign"] == "'\uff1dcampaign"
        assert isinstance(rec["Total"], (int, float)) and not isinstance(rec["Total"], bool)
    assert sum(is_dangerous(n) for n in stored.values()) >= len(LOOKALIKES) - 4
    s_header, *s_rows = wb.get_sheet_by_name("Scores").to_python()
    for row in s_rows:
        rec = dict(zip(s_header, row))
        assert rec["Member"].startswith("'") and rec["Rationale"].startswith("'\u2212")
        assert isinstance(rec["Score"], (int, float))
    for title in wb.sheet_names:
        for row in wb.get_sheet_by_name(title).to_python():
            for v in row:
                assert not (isinstance(v, str) and is_dangerous(v)), (title, v)


def test_the_csv_has_only_inert_text(exported: tuple[Path, Path, dict[str, str]]) -> None:
    _xlsx, path, stored = exported
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(stored)
    for rec in rows:
        name = stored[rec["Candidate reference"]]
        if is_dangerous(name):
            assert rec["Candidate name"] == "'" + name
        assert int(rec["Total"]) > 0
        for v in rec.values():
            assert not is_dangerous(v), v
