"""Which candidate the scoring page offers, and what it reads for one member, without widgets."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from interview_panel.domain.campaign import Attendance, Candidate
from interview_panel.ui.scoring_data import keep_timer, member_sheet, next_candidate, scoring_setup

from .live_fixtures import MEMBER_B, build_campaign, score_all

DAY = [
    Candidate("C001", "Ada", datetime(2026, 3, 2, 9, tzinfo=UTC)),
    Candidate("C002", "Bo", datetime(2026, 3, 2, 10, tzinfo=UTC), Attendance.WITHDRAWN, "took another post"),
    Candidate("C003", "Cy", datetime(2026, 3, 2, 11, tzinfo=UTC)),
]


def test_the_next_candidate_is_the_first_active_one_not_submitted() -> None:
    assert next_candidate(DAY, {}) == "C001"
    when = datetime(2026, 3, 2, 9, 50, tzinfo=UTC)
    assert next_candidate(DAY, {"C001": when}) == "C003"  # C002 withdrew: not offered
    assert next_candidate(DAY, {"C001": when, "C003": when}) is None
    assert next_candidate(DAY, {"C001": None}) == "C001"  # scored but not submitted: still theirs


def test_where_the_member_was_last_time_comes_first_when_still_listed() -> None:
    assert next_candidate(DAY, {}, resume="C003") == "C003"
    assert next_candidate(DAY, {}, resume="C999") == "C001"  # gone since: the usual rule


def test_a_member_sheet_holds_only_their_scores_and_their_timer(tmp_path: Path) -> None:
    from interview_panel.services.store import open_store

    db = tmp_path / "c.sqlite"
    cid = build_campaign(db)
    score_all(db, cid, "C001", {MEMBER_B: {"ownership": 4}}, submit=False)
    with open_store(db) as store:
        setup = scoring_setup(store, cid)
        keep_timer(store, cid, "start", candidate="C001", member=MEMBER_B)
        sheet = member_sheet(store, cid, candidate="C001", member=MEMBER_B)
        other = member_sheet(store, cid, candidate="C002", member=MEMBER_B)
    assert [c.reference for c in setup.candidates][:2] == ["C001", "C002"] and len(setup.members) == 3
    assert {k: s.score for k, s in sheet.scores.items()} == {"ownership": 4} and sheet.submitted is None
    assert sheet.timer.running and not other.timer.running and other.scores == {}
