"""CampaignResults.to_json_text: exactly the compact json.dumps of to_json(), whatever the content."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from interview_panel.domain.campaign import CampaignResults, Candidate, CandidateResult, Member
from interview_panel.domain.items import Item
from interview_panel.domain.profile import RoleProfile
from interview_panel.domain.scoring import ScoringRules, outcome, outcome_function


def _results(candidates: list[CandidateResult]) -> CampaignResults:
    items = [
        Item(id="K1", kind="criterion", text="Knows the “job”", requirement="essential"),
        Item(id="K2", kind="criterion", text="Nice to have", requirement="desirable"),
    ]
    return CampaignResults(
        campaign_id=3,
        campaign_name="Wash-up ✓",
        profile=RoleProfile(source=None, post_title="Clerk"),
        rules=ScoringRules(),
        items=items,
        members=[Member("Ann", True), Member("Zoë")],
        candidates=candidates,
        audit=[],
        generated_at=datetime.now(UTC),
    )


def test_to_json_text_matches_json_dumps_for_awkward_content() -> None:
    tricky = '"scores":"\x00"'  # the placeholder's own text inside a value must not confuse the splice
    cands = [
        CandidateResult(
            Candidate("C1", tricky),
            "moderated",
            scores={"K1": {"Ann": 4, "Zoë": 5}, "K2": {"Ann": 1}},
            agreed={"K1": 4, "K2": 1},
            flags={"K1": []},
            total=5,
            maximum=10,
            outcome="appointable",
            rank=1,
            reasons=['Subject to O1 (pending): a "clean" licence\t.'],
            checks={"O1": "pending", "O2": "confirmed"},
        ),
        CandidateResult(Candidate("C2", "Siân “Quote” O'Neil\n"), "scoring", scores={"K1": {"Zoë": 5, "Ann": 4}}),
        CandidateResult(Candidate("C3", "Nobody"), "not started"),
        CandidateResult(
            Candidate("C4", "Same as C1"),
            "submitted",
            scores={"K1": {"Ann": 4, "Zoë": 5}, "K2": {"Ann": 1}},
            agreed={"K2": 1},
            flags={"K1": ["spread", "straddles pass mark"]},
            checks={"O1": "pending", "O2": "confirmed"},
        ),
    ]
    res = _results(cands)
    expected = json.dumps(res.to_json(), ensure_ascii=False, separators=(",", ":"))
    assert res.to_json_text() == expected
    assert json.loads(res.to_json_text())["candidates"][0]["name"] == tricky
    assert _results([]).to_json_text() == json.dumps(_results([]).to_json(), ensure_ascii=False, separators=(",", ":"))


def test_outcome_function_agrees_with_outcome() -> None:
    items = [
        Item(id="B", kind="behaviour", text="b", level=1),
        Item(id="E", kind="criterion", text="e", requirement="essential"),
        Item(id="D", kind="criterion", text="d", requirement="desirable"),
        Item(id="V", kind="values", text="v"),
    ]
    rules = ScoringRules(overall_minimum=10)
    fn = outcome_function(iter(items), rules)  # a one-shot iterator is fine too
    for agreed in (
        {"B": 3, "E": 3, "D": 1, "V": 1},
        {"B": 2, "E": 5, "D": 5, "V": 5},
        {"B": 5, "E": 5},
        {"B": 4, "E": 2, "D": 3, "V": 3},
        {},
    ):
        assert fn(agreed) == outcome(agreed, items, rules)
