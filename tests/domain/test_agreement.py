"""Panel agreement statistics: checked against the worked examples published with each method."""

from __future__ import annotations

import random

import pytest

from interview_panel.domain.agreement import PanelAgreement, alpha_band, icc_2_1, icc_band, krippendorff_alpha_ordinal

# Shrout & Fleiss (1979), table 2: six targets rated by four judges; ICC(2,1) = .29
SHROUT_FLEISS = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]

# Krippendorff's reliability-data example: four coders, twelve units, gaps where a coder gave no value.
# Published: nominal .743, ordinal .815, interval .849.
_CODERS = (
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
)
KRIPPENDORFF_UNITS = [[v for v in unit if v is not None] for unit in zip(*_CODERS)]


def test_icc_matches_shrout_and_fleiss() -> None:
    assert icc_2_1(SHROUT_FLEISS) == pytest.approx(0.2898, abs=5e-4)


def test_alpha_matches_krippendorff_ordinal_example() -> None:
    assert krippendorff_alpha_ordinal(KRIPPENDORFF_UNITS) == pytest.approx(0.815, abs=5e-4)


def test_perfect_agreement_is_one_and_a_constant_rater_offset_lowers_icc() -> None:
    rows = [[1, 1, 1], [3, 3, 3], [5, 5, 5], [2, 2, 2]]
    assert icc_2_1(rows) == pytest.approx(1.0)
    assert krippendorff_alpha_ordinal(rows) == pytest.approx(1.0)
    lenient = [[a, b, c + 1] for a, b, c in rows]  # absolute agreement: a lenient member costs agreement
    assert icc_2_1(lenient) < 1.0


def test_random_scores_agree_about_as_well_as_chance() -> None:
    rng = random.Random(7)
    rows = [[rng.randint(1, 5) for _ in range(3)] for _ in range(600)]
    assert abs(icc_2_1(rows)) < 0.1  # type: ignore[arg-type]
    assert abs(krippendorff_alpha_ordinal(rows)) < 0.1  # type: ignore[arg-type]


def test_alpha_uses_every_unit_with_two_scores_and_ignores_singletons() -> None:
    with_singletons = KRIPPENDORFF_UNITS + [[4], [1]]
    assert krippendorff_alpha_ordinal(with_singletons) == krippendorff_alpha_ordinal(KRIPPENDORFF_UNITS)


@pytest.mark.parametrize("rows", [[], [[3, 4]], [[3], [4]], [[2, 2], [2, 2]], [[1, 2], [3]]])
def test_undefined_cases_give_none_not_an_error(rows: list[list[int]]) -> None:
    assert icc_2_1(rows) is None
    assert krippendorff_alpha_ordinal(rows) is None


def test_alpha_is_ordinal_a_far_miss_costs_more_than_a_near_one() -> None:
    base = [[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]] * 4
    near = base + [[2, 3]]
    far = base + [[1, 5]]
    assert krippendorff_alpha_ordinal(far) < krippendorff_alpha_ordinal(near) < 1.0  # type: ignore[operator]


def test_bands_and_summary_line() -> None:
    assert [icc_band(v) for v in (0.2, 0.6, 0.8, 0.95, None)] == ["poor", "moderate", "good", "excellent", ""]
    assert [alpha_band(v) for v in (0.5, 0.7, 0.85)] == ["not reliable", "tentative", "reliable"]
    line = PanelAgreement(icc=0.781, icc_units=240, alpha=0.8123, alpha_units=244, raters=3).summary()
    assert line == (
        "Panel agreement: ICC(2,1) 0.78 (good) over 240 answers scored by all 3 members; "
        "Krippendorff's alpha (ordinal) 0.81 (reliable) over 244 answers."
    )
    assert "not enough" in PanelAgreement(None, 0, None, 0, 3).summary()
