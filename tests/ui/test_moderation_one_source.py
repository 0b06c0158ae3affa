"""The moderation rules have one home (domain.moderation / domain.status): the campaign list, the grid, its
filters and panes show what the domain says, for a campaign with a candidate in every state, and they follow
a member's submission made after the grid was loaded."""

from __future__ import annotations

from PySide6.QtCore import Qt

from interview_panel.domain.status import CandidateStatus, ModerationFilter, filter_counts, matches
from interview_panel.services import corrections, moderation, scoring
from interview_panel.services.campaigns import list_campaigns
from interview_panel.services.store import open_store
from interview_panel.ui.context import SCORES
from interview_panel.ui.models.moderation_model import COL_OUTCOME, COL_STATUS, COL_TOTAL, FILTERS
from interview_panel.ui.pages.moderation import ModerationPage

from .live_fixtures import (  # noqa: F401
    CHAIR,
    MEMBER_B,
    MEMBER_C,
    build_campaign,
    idle,
    make_ctx,
    open_results_page,
    results_of,
    score_all,
)
from .test_moderation import CALM, PANEL, THREE_FLAGS, WHY, shown

STATES = {
    "C001": CandidateStatus.SUBMITTED,  # ready, flagged items to agree
    "C002": CandidateStatus.SUBMITTED,  # ready, nothing flagged
    "C003": CandidateStatus.SCORING,  # two of three submitted
    "C004": CandidateStatus.NOT_STARTED,
    "C005": CandidateStatus.MODERATED,
    "C006": CandidateStatus.SUBMITTED,  # one item agreed, flagged ones still to agree
    "C007": CandidateStatus.WITHDRAWN,  # every item agreed, then withdrew: not moderated, no outcome
    "C008": CandidateStatus.ABSENT,
    "C009": CandidateStatus.SCORING,  # scored, nobody submitted: the scores stay private
}


def every_state(db) -> int:  # type: ignore[no-untyped-def]
    cid = build_campaign(db, candidates=9)
    score_all(db, cid, "C001", PANEL)
    score_all(db, cid, "C002", CALM)
    score_all(db, cid, "C003", {CHAIR: CALM[CHAIR], MEMBER_B: CALM[MEMBER_B]})
    score_all(db, cid, "C005", CALM)
    score_all(db, cid, "C006", THREE_FLAGS)
    score_all(db, cid, "C007", CALM)
    score_all(db, cid, "C009", CALM, submit=False)
    with open_store(db) as store:
        moderation.agree_unflagged_at_median(store, cid, candidate="C005")
        moderation.agree_unflagged_at_median(store, cid, candidate="C007")
        moderation.moderate(store, cid, candidate="C006", item="K1", score=3, rationale=WHY)
        corrections.set_candidate_status(store, cid, "C007", "withdrawn", "took another post")
        corrections.set_candidate_status(store, cid, "C008", "absent")
    return cid


def moderated_in_list(db, cid: int) -> int:  # type: ignore[no-untyped-def]
    with open_store(db) as store:
        return next(s.moderated for s in list_campaigns(store) if s.id == cid)


def test_grid_filters_and_campaign_list_show_the_domains_answers(qtbot, tmp_path, make_ctx) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "states.db"
    cid = every_state(db)
    res = results_of(db, cid)
    by_ref = {c.reference: c for c in res.candidates}
    assert {r: c.status for r, c in by_ref.items()} == STATES
    assert by_ref["C009"].scores == {} and by_ref["C007"].outcome is None and by_ref["C007"].rank is None
    # the campaign list counts what the domain calls moderated: C005, not the withdrawn C007
    assert moderated_in_list(db, cid) == 1

    page = open_results_page(qtbot, make_ctx(db), cid, ModerationPage)
    counts = filter_counts(res.candidates)
    assert counts[ModerationFilter.WAITING] == 5 and counts[ModerationFilter.FLAGGED] == 2  # not vacuous
    for key, label in FILTERS:
        page.set_filter(key)
        expected = [c.reference for c in res.candidates if matches(c, key)]
        assert shown(page) == expected, key
        assert page.filter_combo.currentText() == f"{label} ({counts[key]})"
    assert f"{counts['flagged_items']} flagged item(s) still to agree" in page.summary.text()

    m = page.model
    for c in res.candidates:
        r = m.row_of(c.reference)
        status = m.index(r, COL_STATUS).data()
        if c.status == CandidateStatus.SUBMITTED:
            assert status == f"ready — {len(c.to_agree)} to agree"
        elif c.status in (CandidateStatus.NOT_STARTED, CandidateStatus.SCORING):
            assert status == f"{3 - len(c.waiting)}/3 submitted"
        else:
            assert status == c.status
        assert [m.item_at(col).id for col in m.open_flagged_columns(r)] == list(c.open_flags)  # type: ignore[union-attr]
        p = c.provisional
        if c.status == CandidateStatus.MODERATED:
            assert (m.index(r, COL_TOTAL).data(), m.index(r, COL_OUTCOME).data()) == (str(c.total), c.outcome)
        elif p is not None and p.outcome is not None:
            assert m.index(r, COL_OUTCOME).data() == f"{p.outcome.result}?"
        else:
            assert m.index(r, COL_TOTAL).data() == ""
    assert by_ref["C006"].provisional is not None and by_ref["C006"].provisional.agreed_total == 3


def test_a_submission_after_the_grid_loaded_updates_the_waiting_pane(qtbot, tmp_path, make_ctx) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "states.db"
    cid = every_state(db)
    ctx = make_ctx(db)
    page = open_results_page(qtbot, ctx, cid, ModerationPage)
    page.select("C003", "K2")
    assert f"waiting for {MEMBER_C} to submit" in page.reason.text() and not page.agree_button.isEnabled()
    before = page.model.counts()

    # the last member submits (the scoring page's way) while the grid stays on screen
    score_all(db, cid, "C003", {MEMBER_C: CALM[MEMBER_C]}, submit=False)
    ctx.db(lambda store: scoring.submit(store, cid, candidate="C003", member=MEMBER_C), lambda _r: ctx.notify(SCORES))
    qtbot.waitUntil(lambda: page.model.counts()[ModerationFilter.READY] == before[ModerationFilter.READY] + 1)
    idle(qtbot, ctx)
    assert page._selected() == ("C003", "K2")
    assert page.reason.isHidden() and "waiting" not in page.reason.text()
    assert page.agree_button.isEnabled()
    assert page.model.counts() == filter_counts(results_of(db, cid).candidates)

    # the chair finishes C003: the grid, the domain and the campaign list agree it is moderated
    qtbot.mouseClick(page.median_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Agreed 5 unflagged" in page.message.text(), timeout=5000)
    idle(qtbot, ctx)
    res = results_of(db, cid)
    c003 = next(c for c in res.candidates if c.reference == "C003")
    assert c003.status == CandidateStatus.MODERATED
    assert page.model.index(page.model.row_of("C003"), COL_STATUS).data() == "moderated"
    assert moderated_in_list(db, cid) == 2 == sum(c.status == CandidateStatus.MODERATED for c in res.candidates)
