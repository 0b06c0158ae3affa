"""The results page: the services' ranking and outcomes on screen, the charts' figures, the exports."""

from __future__ import annotations

import statistics
import threading
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton

from interview_panel.domain.scoring import APPOINTABLE, NOT_APPOINTABLE
from interview_panel.services import moderation
from interview_panel.services.demo import create_demo_campaign
from interview_panel.services.store import open_store
from interview_panel.ui.models.results_model import COL_GATING, COL_OUTCOME, COL_RANK, COL_REF, COL_TOTAL
from interview_panel.ui.pages.results import PDF, WORKBOOK, ResultsPage

from .live_fixtures import make_ctx, open_results_page, results_of  # noqa: F401


@pytest.fixture
def demo_db(tmp_path: Path) -> tuple[Path, int]:
    db = tmp_path / "demo.db"
    with open_store(db) as store:
        cid = create_demo_campaign(store)
    return db, cid


def open_page(qtbot, ctx, cid: int) -> ResultsPage:  # type: ignore[no-untyped-def]
    return open_results_page(qtbot, ctx, cid, ResultsPage)


def table_rows(page: ResultsPage) -> list[dict[str, str]]:
    out = []
    model = page.table.model()
    for r in range(model.rowCount()):

        def at(col: int) -> str:
            return model.index(r, col).data()

        out.append(
            {
                "rank": at(COL_RANK),
                "ref": at(COL_REF),
                "total": at(COL_TOTAL),
                "outcome": at(COL_OUTCOME),
                "gating": at(COL_GATING),
            }
        )
    return out


def test_table_shows_the_services_rank_and_outcome(qtbot, demo_db, make_ctx) -> None:
    db, cid = demo_db
    expected = results_of(db, cid)
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    rows = table_rows(page)
    assert len(rows) == len(expected.candidates) == 12
    by_ref = {c.reference: c for c in expected.candidates}
    moderated = [c for c in expected.candidates if c.rank is not None]
    assert len(moderated) == 5  # the demo moderates five
    for row in rows:
        c = by_ref[row["ref"]]
        assert row["rank"] == ("" if c.rank is None else str(c.rank))
        assert row["total"] == ("" if c.total is None else str(c.total))
        assert row["outcome"] == (c.outcome or "pending")
        assert row["gating"] == "; ".join(c.reasons)  # the Reasons column: the domain's sentences
        if c.gating_failures:
            assert all(f"{i} (" in row["gating"] for i in c.gating_failures)
    # ranked first, best first, in the services' order
    assert [r["ref"] for r in rows[:5]] == [c.reference for c in sorted(moderated, key=lambda c: c.rank)]
    assert {r["outcome"] for r in rows[:5]} <= {APPOINTABLE, NOT_APPOINTABLE}
    assert "12 candidates" in page.summary.text()


def test_panel_agreement_is_shown_with_the_services_figures(qtbot, demo_db, make_ctx) -> None:
    from interview_panel.domain.agreement import panel_agreement

    db, cid = demo_db
    expected = panel_agreement(results_of(db, cid))
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    text = page.agreement.text()
    assert expected.icc is not None and expected.alpha is not None  # the demo has submitted panels
    assert text == expected.summary()
    assert f"ICC(2,1) {expected.icc:.2f}" in text and f"(ordinal) {expected.alpha:.2f}" in text
    assert page.agreement.isVisible()


def test_clicking_a_header_sorts_and_the_selected_candidate_stays_selected(qtbot, demo_db, make_ctx) -> None:
    db, cid = demo_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    header = page.table.horizontalHeader()

    def click(col: int) -> None:
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(col) + 5, 5)
        )

    page.table.selectRow(0)
    chosen = table_rows(page)[0]["ref"]  # the best-ranked candidate
    click(COL_TOTAL)
    totals = [r["total"] for r in table_rows(page)]
    numbers = [int(t) for t in totals if t]
    order = header.sortIndicatorOrder()
    assert numbers == sorted(numbers, reverse=order == Qt.SortOrder.DescendingOrder)
    # blank totals (not moderated) sort as lowest: after the numbers ascending, before them descending
    blanks = [n for n, t in enumerate(totals) if not t]
    assert blanks == (
        list(range(len(numbers), len(totals))) if order == Qt.SortOrder.DescendingOrder else list(range(len(blanks)))
    )
    selected = page.table.selectionModel().selectedRows()
    assert [page.model.candidate(i.row()).reference for i in selected] == [chosen]
    click(COL_TOTAL)  # the other way round
    assert header.sortIndicatorOrder() != order
    assert [int(r["total"]) for r in table_rows(page) if r["total"]] == sorted(
        numbers, reverse=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    )
    click(COL_RANK)
    ranks = [int(r["rank"]) for r in table_rows(page) if r["rank"]]
    assert ranks == sorted(ranks, reverse=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder)


def test_a_hidden_results_page_waits_until_shown_to_load(qtbot, demo_db, make_ctx) -> None:
    """Reading a whole campaign's results is the app's heaviest load: not for a page nobody is looking at."""
    db, cid = demo_db
    ctx = make_ctx(db)
    page = ResultsPage(ctx)
    qtbot.addWidget(page)
    ctx.set_campaign(cid)
    qtbot.wait(200)
    assert ctx.tasks.pending == 0 and page.results is None
    page.show()
    qtbot.waitUntil(lambda: page.results is not None, timeout=10_000)
    assert page.results.campaign_id == cid


def test_results_follow_moderation(qtbot, demo_db, make_ctx) -> None:
    """Agreeing the last items of a candidate elsewhere in the app updates the ranking here."""
    db, cid = demo_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    before = results_of(db, cid)
    waiting = next(c for c in before.candidates if c.status == "submitted" and not any(c.flags.values()))
    with open_store(db) as store:
        moderation.agree_unflagged_at_median(store, cid, candidate=waiting.reference)
    ctx.notify("moderation")
    qtbot.waitUntil(lambda: any(r["ref"] == waiting.reference and r["rank"] for r in table_rows(page)), timeout=10_000)
    after = {c.reference: c for c in results_of(db, cid).candidates}
    for row in table_rows(page):
        assert row["rank"] == ("" if after[row["ref"]].rank is None else str(after[row["ref"]].rank))


def test_charts_summarise_spread_and_calibration(qtbot, demo_db, make_ctx) -> None:
    db, cid = demo_db
    res = results_of(db, cid)
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    spread = {d.item_id: d for d in page.spread_chart.data}
    assert list(spread) == [i.id for i in res.items]
    for item in res.items:
        agreed = [c.agreed[item.id] for c in res.candidates if item.id in c.agreed]
        assert spread[item.id].agreed_min == min(agreed) and spread[item.id].agreed_max == max(agreed)
        assert spread[item.id].flagged == sum(1 for c in res.candidates if c.flags.get(item.id))
    calib = {d.member: d for d in page.calibration_chart.data}
    assert list(calib) == [m.name for m in res.members]
    for m in res.members:
        mine = [
            (c.scores[i][m.name], a)
            for c in res.candidates
            for i, a in c.agreed.items()
            if m.name in c.scores.get(i, {})
        ]
        assert calib[m.name].n == len(mine)
        assert calib[m.name].bias == pytest.approx(statistics.fmean(s - a for s, a in mine))
    assert m.name in page.calibration_chart.accessibleDescription()
    # they draw (QPainter, no QtCharts) without error, at a readable size
    img = page.calibration_chart.grab()
    assert img.height() >= 60 and not img.isNull()


def test_export_workbook_in_the_background(qtbot, demo_db, make_ctx, tmp_path: Path) -> None:
    db, cid = demo_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    out = tmp_path / "hr.xlsx"
    with qtbot.waitSignal(page.exportFinished, timeout=30_000) as sig:
        page.export_to(WORKBOOK, out)
        assert not page.workbook_button.isEnabled()  # one export at a time
    assert sig.args == [WORKBOOK, out]
    assert page.message.text() == f"Saved {out}"
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames[0] == "Results"
    assert page.workbook_button.isEnabled()


def test_cancelled_export_writes_nothing(qtbot, demo_db, make_ctx, tmp_path: Path) -> None:
    db, cid = demo_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    gate = threading.Event()
    ctx.tasks.job(gate.wait)  # hold the job thread so the cancel lands before the export starts
    out = tmp_path / "record.pdf"
    with qtbot.waitSignal(page.exportFinished, timeout=30_000) as sig:
        page.export_to(PDF, out)
        page.progress_dialog.findChild(QPushButton).click()  # the user presses Cancel
        gate.set()
    assert sig.args == [PDF, None]
    assert "Cancelled" in page.message.text()
    assert not out.exists()


def test_export_buttons_are_keyboard_reachable(qtbot, demo_db, make_ctx) -> None:
    db, cid = demo_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    assert page.workbook_button.text().replace("&", "") == "Export workbook (Excel)…"
    assert "&" in page.workbook_button.text() and "&" in page.pdf_button.text()  # Alt mnemonics
    assert page.table.accessibleName() and page.spread_chart.accessibleName()
    assert page.spread_chart.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_export_dialog_opens_in_an_existing_folder_then_where_the_last_export_went(
    qtbot, demo_db, make_ctx, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from interview_panel.ui import settings

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(settings, "documents_location", lambda: str(home / "Documents"))  # not created
    asked: list[str] = []
    answer = tmp_path / "hr exports" / "hr.xlsx"
    answer.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda _parent, _title, start, _filter: (asked.append(start), (str(answer), ""))[1]),
    )
    db, cid = demo_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    with qtbot.waitSignal(page.exportFinished, timeout=30_000):
        page.workbook_button.click()
    assert Path(asked[0]).parent == home  # not the working directory, not a missing Documents folder
    assert answer.is_file()
    with qtbot.waitSignal(page.exportFinished, timeout=30_000):
        page.pdf_button.click()
    assert Path(asked[1]).parent == answer.parent.resolve()


def test_exporting_onto_the_open_database_is_refused_and_it_is_unchanged(qtbot, demo_db, make_ctx) -> None:
    """The save dialog's path goes through the same check as -o: the database is never written over."""
    import hashlib

    db, cid = demo_db
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with qtbot.waitSignal(page.exportFinished, timeout=30_000) as sig:
        page.export_to(WORKBOOK, db)
    assert sig.args == [WORKBOOK, None]
    assert "campaign database in use" in page.message.text() and str(db) in page.message.text()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in db.parent.iterdir() if p.name.endswith(".part")) == []


def test_panel_statistics_and_equality_tabs(qtbot, tmp_path, make_ctx) -> None:  # type: ignore[no-untyped-def]
    """The Results page's second and third tabs: the panel's figures, then equality monitoring off until HR's file
    is imported, after which selection rates show by group with small groups suppressed."""
    from interview_panel.services import moderation as mod
    from tests.ui.live_fixtures import CHAIR, MEMBER_B, MEMBER_C, build_campaign, score_all

    db = tmp_path / "tabs.db"
    cid = build_campaign(db, candidates=10)
    items = ("ownership", "analyse-critically", "K1", "K2", "values")
    for n in range(1, 11):
        mark = 4 if n <= 6 else 2
        score_all(db, cid, f"C{n:03d}", {m: dict.fromkeys(items, mark) for m in (CHAIR, MEMBER_B, MEMBER_C)})
        with open_store(db) as store:
            mod.agree_unflagged_at_median(store, cid, candidate=f"C{n:03d}")
    ctx = make_ctx(db)
    page = open_page(qtbot, ctx, cid)
    stats = page.report_tab(1)
    qtbot.waitUntil(lambda: stats.model.rowCount() == 4, timeout=10_000)
    assert stats.model.item(0, 0).text() == "Whole panel" and stats.model.item(0, 1).text() == str(10 * 3 * 5)
    assert stats.model.item(0, 5).text() == "60%"
    eq = page.report_tab(2)
    qtbot.waitUntil(lambda: "off" in eq.status.text(), timeout=10_000)
    assert eq.model.rowCount() == 0
    f = tmp_path / "mon.csv"
    f.write_text(
        "Reference,Sex,Disability\n"
        + "".join(f"C{n:03d},{'F' if n <= 5 else 'M'},{'Yes' if n == 1 else 'No'}\n" for n in range(1, 11)),
        encoding="utf-8",
    )
    eq.import_file(f)
    qtbot.waitUntil(lambda: eq.model.rowCount() > 0, timeout=10_000)
    rows = [[eq.model.item(r, c).text() for c in range(eq.model.columnCount())] for r in range(eq.model.rowCount())]
    f_row = next(r for r in rows if r[0] == "Sex" and r[2] == "F")
    m_row = next(r for r in rows if r[0] == "Sex" and r[2] == "M")
    assert f_row[3:6] == ["5", "5", "100%"] and f_row[7] == "highest"
    assert m_row[3:6] == ["5", "1", "20%"] and "below 4/5" in m_row[6]
    yes_row = next(r for r in rows if r[0] == "Disability" and r[2] == "Yes")
    assert yes_row[3] == "under 5" and yes_row[4] == ""
    assert "fewer than 5" in eq.notes.text()
