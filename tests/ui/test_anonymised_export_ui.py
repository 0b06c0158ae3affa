"""Results ▸ Anonymised (research) + Export workbook: the research copy, with no name, note or reference."""

from __future__ import annotations

from pathlib import Path

from interview_panel.ui.pages.results import WORKBOOK, ResultsPage
from tests.services.test_anonymised_export import MEMBERS, REFS, cells
from tests.services.test_privacy import NAMES, NOTES, RATIONALES, fill
from tests.ui.live_fixtures import make_ctx, open_results_page  # noqa: F401 - fixture


def test_anonymised_checkbox_exports_the_research_copy(qtbot, make_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "gui.db"
    cid = fill(db, tmp_path)
    ctx = make_ctx(db)
    page = open_results_page(qtbot, ctx, cid, ResultsPage)
    assert page.anonymise_box.text().replace("&", "").startswith("Anonymised")
    page.anonymise_box.click()
    assert page.anonymise_box.isChecked()
    out = tmp_path / "research.xlsx"
    with qtbot.waitSignal(page.exportFinished, timeout=30_000) as sig:
        page.export_to(WORKBOOK, out)
    assert sig.args == [WORKBOOK, out]
    text = [str(v) for rows in cells(out).values() for row in rows for v in row]
    for personal in (*NAMES, *NOTES, *RATIONALES, *MEMBERS, *REFS):
        assert not any(personal in v for v in text), personal
    page.anonymise_box.click()  # unticked: the HR workbook as before, names and all
    full = tmp_path / "hr.xlsx"
    with qtbot.waitSignal(page.exportFinished, timeout=30_000):
        page.export_to(WORKBOOK, full)
    assert any(NAMES[0] in str(v) for row in cells(full)["Results"] for v in row)
