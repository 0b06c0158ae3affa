"""Adverse impact: selection rates, the four-fifths rule, Fisher's exact test (checked against a table worked by
hand and published values), and small groups suppressed."""

from __future__ import annotations

from math import isclose

import pytest

from interview_panel.domain.equality import MIN_GROUP, equality_report, fisher_exact, stage_report

# B: 4 of 10 selected; A: 8 of 10 selected; 12 selected in all, 20 candidates.
# Conditioned on the margins, B's selected count x runs 2..10 with weights C(10,x)*C(10,12-x) over C(20,12)=125970:
#   x:      2     3     4      5      6      7      8     9    10
#   weight: 45  1200  9450  30240  44100  30240  9450  1200   45
# Observed x=4 (weight 9450). Tables no more likely: x = 2, 3, 4, 8, 9, 10 -> 45+1200+9450+9450+1200+45 = 21390.
HAND_WORKED_P = 21390 / 125970  # 0.169802...


def test_fisher_exact_matches_a_table_worked_by_hand() -> None:
    assert isclose(fisher_exact(4, 6, 8, 2), HAND_WORKED_P, rel_tol=1e-12)


@pytest.mark.parametrize(
    "table, p",
    [
        ((3, 1, 1, 3), 0.4857142857),  # the tea-tasting experiment
        ((1, 9, 11, 3), 0.0027594562),  # a classic textbook table
        ((8, 2, 1, 5), 0.0349650350),
        ((5, 0, 0, 5), 0.0079365079),
        ((2, 2, 2, 2), 1.0),
    ],
)
def test_fisher_exact_matches_published_values(table: tuple[int, int, int, int], p: float) -> None:
    assert isclose(fisher_exact(*table), p, rel_tol=1e-8)


def _people(group: str, n: int, selected: int) -> tuple[dict[str, str], dict[str, bool]]:
    refs = [f"{group}{i}" for i in range(n)]
    return dict.fromkeys(refs, group), {r: i < selected for i, r in enumerate(refs)}


def test_four_fifths_ratio_and_fisher_against_the_highest_group_and_small_groups_suppressed() -> None:
    groups, sel = {}, {}
    for g, n, s in (("A", 10, 8), ("B", 10, 4), ("C", 3, 0)):
        gg, ss = _people(g, n, s)
        groups.update(gg)
        sel.update(ss)
    rep = stage_report("interview", "Ethnic group", groups, sel)
    rows = {r.group: r for r in rep.rows}
    assert rows["A"].highest and rows["A"].rate == 0.8 and rows["A"].ratio == 1.0
    assert rows["B"].rate == 0.4 and isclose(rows["B"].ratio, 0.5) and rows["B"].adverse
    assert isclose(rows["B"].p_value, HAND_WORKED_P, rel_tol=1e-12)
    assert rows["C"].suppressed and rows["C"].candidates is None and rows["C"].rate is None
    assert any("suppressed" in w and "C" in w and "small" in w for w in rep.warnings)
    assert any("four-fifths" in w and "B" in w for w in rep.warnings)


def test_a_group_at_four_fifths_or_above_is_not_flagged() -> None:
    groups, sel = {}, {}
    for g, n, s in (("A", 10, 5), ("B", 10, 4)):
        gg, ss = _people(g, n, s)
        groups.update(gg)
        sel.update(ss)
    rows = {r.group: r for r in stage_report("interview", "Sex", groups, sel).rows}
    assert isclose(rows["B"].ratio, 0.8) and not rows["B"].adverse


def test_report_covers_each_category_and_the_appointment_stage_when_recorded() -> None:
    monitoring = {
        f"R{i}": {"Sex": "F" if i % 2 else "M", "Age band": "under 35" if i < 6 else "35 and over"} for i in range(12)
    }
    interview = {f"R{i}": i % 3 != 0 for i in range(12)}
    rep = equality_report(monitoring, interview, {f"R{i}": i in (1, 2) for i in range(12)})
    assert {(s.stage, s.category) for s in rep.stages} == {
        ("interview", "Age band"),
        ("interview", "Sex"),
        ("appointment", "Age band"),
        ("appointment", "Sex"),
    }
    assert rep.candidates == 12
    assert all(r.candidates is None or r.candidates >= MIN_GROUP for s in rep.stages for r in s.rows)


def test_no_data_says_so() -> None:
    rep = equality_report({}, {})
    assert rep.stages == () and "no equality-monitoring data" in rep.warnings[0]
