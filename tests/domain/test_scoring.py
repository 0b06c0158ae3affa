from __future__ import annotations

from interview_panel.domain.items import Item
from interview_panel.domain.scoring import (
    APPOINTABLE,
    FLAG_SPREAD,
    FLAG_STRADDLE,
    NOT_APPOINTABLE,
    SCALE_1_7,
    Outcome,
    ScoringRules,
    flags,
    outcome,
    panel_median,
    ranks,
)

BEH = Item("ownership", "behaviour", "We take ownership", level=1, competency="ownership")
ESS = Item("K1", "criterion", "Experience of minute taking", requirement="essential", section="knowledge_experience")
DES = Item("K2", "criterion", "Knowledge of partner agencies", requirement="desirable", section="knowledge_experience")
VAL = Item("values", "values", "Values", values=("Integrity",))
ITEMS = [BEH, ESS, DES, VAL]


def test_flags_for_a_wide_spread_and_for_a_split_on_the_pass_mark() -> None:
    rules = ScoringRules()
    assert flags([3, 3, 3], rules) == []
    assert flags([3, 4, 4], rules) == []
    assert flags([2, 3, 3], rules) == [FLAG_STRADDLE]
    assert flags([3, 5, 4], rules) == [FLAG_SPREAD]
    assert flags([1, 3], rules) == [FLAG_SPREAD, FLAG_STRADDLE]
    assert flags([4], rules) == []


def test_the_spread_threshold_is_configurable() -> None:
    assert flags([3, 4], ScoringRules(spread_threshold=1)) == [FLAG_SPREAD]


def test_gating_is_behaviours_values_and_essential_criteria_by_default() -> None:
    rules = ScoringRules()
    assert [i.id for i in ITEMS if rules.is_gating(i)] == ["ownership", "K1", "values"]
    assert ScoringRules(gate_values=False).is_gating(VAL) is False
    assert ScoringRules.from_json({"scale": "1-5"}).gate_values  # values gate unless a campaign says otherwise


def test_a_strong_total_does_not_compensate_for_a_failed_gating_item() -> None:
    rules = ScoringRules()
    o = outcome({"ownership": 2, "K1": 5, "K2": 5, "values": 5}, ITEMS, rules)
    assert o.total == 17 and o.maximum == 20
    assert o.result == NOT_APPOINTABLE
    assert o.gating_failures == ("ownership",)


def test_a_low_desirable_score_only_lowers_the_total() -> None:
    o = outcome({"ownership": 3, "K1": 3, "K2": 1, "values": 3}, ITEMS, ScoringRules())
    assert o.result == APPOINTABLE and o.total == 10


def test_the_overall_minimum_is_applied() -> None:
    o = outcome({"ownership": 3, "K1": 3, "K2": 1, "values": 3}, ITEMS, ScoringRules(overall_minimum=12))
    assert o.result == NOT_APPOINTABLE and o.below_overall_minimum
    assert "total below the overall minimum" in o.reasons


def test_ties_share_a_rank_and_appointable_candidates_rank_first() -> None:
    out = {
        "A": Outcome(18, 20, (), False, APPOINTABLE),
        "B": Outcome(18, 20, (), False, APPOINTABLE),
        "C": Outcome(15, 20, (), False, APPOINTABLE),
        "D": Outcome(19, 20, ("K1",), False, NOT_APPOINTABLE),
    }
    assert ranks(out) == {"A": 1, "B": 1, "C": 3, "D": 4}


def test_the_panel_median_rounds_a_half_down() -> None:
    assert panel_median([3, 4]) == 3
    assert panel_median([2, 4, 5]) == 4


def test_switching_to_the_seven_point_scale_moves_the_pass_mark() -> None:
    rules = ScoringRules().with_scale("1-7")
    assert rules.scale is SCALE_1_7 and rules.pass_mark == 4
    assert ScoringRules.from_json(rules.to_json()) == rules
    assert ScoringRules(pass_mark=6).problems() == ["pass mark 6 is outside the 1-5 scale"]
