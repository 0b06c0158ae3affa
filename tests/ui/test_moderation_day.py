"""A chair's day: moderating a 40-candidate campaign with rationale presets, the ± pass bulk agreement, the
compact grid with total and outcome, and the per-candidate view."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt

from interview_panel.services import moderation
from interview_panel.services.audit import audit_log, verify_audit
from interview_panel.services.store import open_store
from interview_panel.ui.models.moderation_model import COL_OUTCOME, COL_TOTAL, FIXED_COLUMNS
from interview_panel.ui.pages.moderation import ModerationPage

from .live_fixtures import (  # noqa: F401
    CHAIR,
    MEMBER_B,
    MEMBER_C,
    MEMBERS,
    build_campaign,
    idle,
    make_ctx,
    open_results_page,
    score_all,
)

ITEMS = ("ownership", "analyse-critically", "K1", "K2", "values")


def day_campaign(db) -> int:  # type: ignore[no-untyped-def]
    """40 candidates, every member submitted; many 2-and-3 splits on the pass mark, some wide spreads."""
    from datetime import datetime, timedelta

    from interview_panel.domain.campaign import Candidate
    from interview_panel.services import campaigns

    cid = build_campaign(db, candidates=0)
    with open_store(db) as store:
        for n in range(1, 41):
            campaigns.add_candidate(
                store,
                cid,
                Candidate(f"C{n:03d}", f"Candidate {n}", datetime(2026, 3, 2, 9) + timedelta(minutes=45 * n)),
            )
    rng = random.Random(15)
    for n in range(1, 41):
        table = {}
        for m in MEMBERS:
            table[m] = {}
            for it in ITEMS:
                base = rng.choice((2, 3, 3, 4))
                table[m][it] = max(1, min(5, base + rng.choice((0, 0, 0, 1, -1))))
        score_all(db, cid, f"C{n:03d}", table)
    return cid


def test_a_chair_moderates_forty_candidates_with_presets(qtbot, tmp_path, make_ctx) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "day.db"
    cid = day_campaign(db)
    with open_store(db) as store:
        before = moderation.results(store, cid)
    straddles = sum(1 for c in before.candidates for it in ITEMS if c.flags.get(it) == ["straddles pass mark"])
    assert straddles > 40  # a real day: many ± pass items
    ctx = make_ctx(db)
    page = open_results_page(qtbot, ctx, cid, ModerationPage)
    page.resize(1366, 720)
    assert page.model.columnCount() == FIXED_COLUMNS + len(ITEMS)
    assert page.grid.columnWidth(FIXED_COLUMNS) <= 70  # compact item columns

    # the presets: edit the list, pick one, bulk-agree the ± pass items whose median passes
    page.set_presets(
        [
            "Split on the pass mark; discussed; the evidence met the level, median agreed.",
            "Wide spread; discussed the evidence; the panel agreed this score.",
        ]
    )
    assert page.preset_combo.count() == 3
    page.choose_preset(0)
    assert page.rationale.toPlainText().startswith("Split on the pass mark")
    qtbot.mouseClick(page.straddle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "± pass item(s)" in page.message.text(), timeout=20000)
    idle(qtbot, ctx)
    with open_store(db) as store:
        mid = moderation.results(store, cid)
        log = audit_log(store, cid)
    bulk = [a for a in log if a.action == "agreed" and a.reason and a.reason.startswith("Split on the pass")]
    agreed_now = sum(len(c.agreed) for c in mid.candidates)
    assert len(bulk) == agreed_now > 0  # one audit row per item, each with the shared rationale
    for c in mid.candidates:
        for it, score in c.agreed.items():
            assert before.candidates[[x.reference for x in before.candidates].index(c.reference)].flags[it] == [
                "straddles pass mark"
            ]
            assert score >= 3  # only those whose median passes
    # the grid shows the running total and a provisional outcome for a candidate part-way through
    r = next(i for i, c in enumerate(mid.candidates) if c.agreed)
    ref = mid.candidates[r].reference
    row = page.model.row_of(ref)
    assert page.model.index(row, COL_TOTAL).data() == str(sum(mid.candidates[r].agreed.values()))
    assert page.model.index(row, COL_OUTCOME).data().endswith("?")

    # the rest, candidate by candidate: the unflagged at the median (Ctrl+M), then each flagged item still to
    # agree with the second preset (F8, preset, Agree)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    for c in mid.candidates:
        page.select(c.reference)
        page.agree_unflagged()
        idle(qtbot, ctx)
    while page.next_flagged(forward=True):
        page.choose_preset(1)
        page.agree()
        idle(qtbot, ctx)
    idle(qtbot, ctx)
    with open_store(db) as store:
        done = moderation.results(store, cid)
        assert verify_audit(store).ok
    assert all(c.status == "moderated" and c.outcome and c.rank for c in done.candidates)
    assert "0 flagged item(s) still to agree" in page.summary.text()
    row = page.model.row_of("C001")
    assert page.model.index(row, COL_OUTCOME).data() == done.candidates[0].outcome  # no "?" once moderated

    # the per-candidate view: every item, each member's score and notes, agreed, total and outcome
    page.select("C007")
    view = page.open_candidate_view()
    assert view is not None and view.isVisible()
    c7 = next(c for c in done.candidates if c.reference == "C007")
    assert view.model.rowCount() == len(ITEMS)
    assert view.model.headers[1:4] == MEMBERS
    k1 = ITEMS.index("K1")
    assert view.model.index(k1, 0).data().startswith("K1 * — Keeping accurate records")
    assert [view.model.index(k1, 1 + m).data() for m in range(3)] == [str(c7.scores["K1"][m]) for m in MEMBERS]
    assert view.model.index(k1, 4).data() == str(c7.agreed["K1"])
    assert f"{MEMBER_B}: {MEMBER_B} heard evidence for K1" in view.model.index(k1, 6).data()
    assert f"Running total {c7.total}" in view.summary.text() and c7.outcome in view.summary.text()


def test_the_candidate_view_follows_agreements(qtbot, tmp_path, make_ctx) -> None:  # type: ignore[no-untyped-def]
    from .test_moderation import PANEL

    db = tmp_path / "one.db"
    cid = build_campaign(db, candidates=2)
    score_all(db, cid, "C001", PANEL)
    ctx = make_ctx(db)
    page = open_results_page(qtbot, ctx, cid, ModerationPage)
    page.select("C001", "K2")
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.grid, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    view = page.candidate_view
    assert view is not None and view.isVisible()
    assert "Running total 0 (0 of 5 items agreed" in view.summary.text()
    assert "Provisional outcome" in view.summary.text()
    page.agree_unflagged()
    idle(qtbot, ctx)
    assert "3 of 5 items agreed" in view.summary.text()
    assert view.model.index(3, 4).data() == "3"  # K2 agreed 3
