"""Panel statistics for FOI: per member mean/min/max/pass rate, and how far agreed scores moved from the median."""

from __future__ import annotations

from datetime import UTC, datetime
from math import isclose

from interview_panel.domain.campaign import CampaignResults, Candidate, CandidateResult, Member
from interview_panel.domain.panel_stats import PANEL_BENCHMARK, panel_stats
from interview_panel.domain.profile import RoleProfile
from interview_panel.domain.scoring import ScoringRules


def _results() -> CampaignResults:
    c1 = CandidateResult(
        Candidate("C1", "One"),
        "moderated",
        scores={"a": {"Ann": 2, "Bob": 4, "Cy": 3}, "b": {"Ann": 5, "Bob": 5, "Cy": 4}},
        agreed={"a": 3, "b": 4},
    )
    c2 = CandidateResult(Candidate("C2", "Two"), "submitted", scores={"a": {"Ann": 1, "Bob": 3, "Cy": 3}})
    return CampaignResults(
        1,
        "x",
        RoleProfile(source=None),
        ScoringRules(),
        [],
        [Member("Ann", True), Member("Bob"), Member("Cy")],
        [c1, c2],
        [],
        datetime.now(UTC),
    )


def test_per_member_and_campaign_figures() -> None:
    s = panel_stats(_results())
    ann = next(m for m in s.members if m.who == "Ann")
    assert (ann.scores, ann.lowest, ann.highest) == (3, 1, 5)
    assert isclose(ann.mean, 8 / 3) and isclose(ann.pass_rate, 1 / 3)
    assert s.campaign.scores == 9 and isclose(s.campaign.mean, 30 / 9) and isclose(s.campaign.pass_rate, 7 / 9)


def test_moderation_shift_from_the_members_median() -> None:
    s = panel_stats(_results())
    # a: median 3, agreed 3 (no move); b: median 5, agreed 4 (moved by 1)
    assert s.agreed == 2 and isclose(s.mean_shift, 0.5) and isclose(s.moved_share, 0.5)
    assert s.benchmark == PANEL_BENCHMARK == 0.74
    assert any("0.74" in line for line in s.lines())
