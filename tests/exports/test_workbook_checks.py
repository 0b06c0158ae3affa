"""The workbook's Results sheet has one column per check of the plan, holding each candidate's check state, and
unconfirmed checks are given in Reasons (read back with python-calamine, not the library that wrote it)."""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook

from interview_panel.services.demo import create_demo_campaign
from interview_panel.services.exports import export_workbook
from interview_panel.services.moderation import results
from interview_panel.services.store import open_store


def test_check_columns_and_unconfirmed_checks_in_reasons(tmp_path: Path) -> None:
    with open_store(tmp_path / "d.db", create=True) as store:
        cid = create_demo_campaign(store)
        res = results(store, cid)
        checks = [k for k, _ in res.checks]
        assert checks, "the demo plan has at least one check"
        export_workbook(store, cid, tmp_path / "hr.xlsx")
    rows = CalamineWorkbook.from_path(str(tmp_path / "hr.xlsx")).get_sheet_by_name("Results").to_python()
    header = rows[0]
    assert header[-len(checks) :] == checks and header[header.index("Moderated at") + 1 :] == checks
    states = {r[2]: r[-len(checks) :] for r in rows[1:]}
    for c in res.candidates:
        assert states[c.reference] == [c.checks.get(k) for k in checks]
        if c.outcome is not None and any(c.checks.get(k) != "confirmed" for k in checks):
            reasons = rows[[r[2] for r in rows].index(c.reference)][header.index("Reasons")]
            assert any(k in reasons for k in checks)
