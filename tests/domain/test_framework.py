from __future__ import annotations

import pytest

from interview_panel.domain.framework import (
    BY_SLUG,
    COMPETENCIES,
    CVF_2016,
    CVF_2024,
    VALUES,
    match_competency,
    match_value,
)

CONTRACT_SLUGS = [
    "emotionally-aware",
    "ownership",
    "collaborative",
    "deliver-support-inspire",
    "analyse-critically",
    "innovative-open-minded",
]


def test_the_six_contract_slugs_in_framework_order() -> None:
    assert [c.slug for c in COMPETENCIES] == CONTRACT_SLUGS


@pytest.mark.parametrize(
    "text, slug, fw",
    [
        ("We are innovative and open minded", "innovative-open-minded", None),
        ("We are innovative and open-minded", "innovative-open-minded", None),
        ("WE ARE EMOTIONALLY AWARE ", "emotionally-aware", None),
        ("We deliver, support and inspire", "deliver-support-inspire", CVF_2016),
        ("We support and inspire", "deliver-support-inspire", CVF_2024),
        ("We collaborate", "collaborative", CVF_2024),
        ("We are collaborative", "collaborative", CVF_2016),
    ],
)
def test_behaviour_names_in_either_framework_map_to_the_contract_slug(text: str, slug: str, fw: str | None) -> None:
    comp, framework = match_competency(text)
    assert comp.slug == slug
    assert framework == fw


def test_text_that_names_no_competency_is_not_matched() -> None:
    assert match_competency("We take the bus") is None
    assert match_competency("") is None


def test_2024_renames_two_competencies_and_keeps_the_clusters() -> None:
    renamed = {c.slug for c in COMPETENCIES if c.name_2016 != c.name_2024}
    assert renamed == {"collaborative", "deliver-support-inspire"}
    assert BY_SLUG["collaborative"].name(CVF_2024) == "We collaborate"
    assert len({c.cluster for c in COMPETENCIES}) == 3


def test_values_of_each_framework() -> None:
    assert VALUES[CVF_2016] == ("Integrity", "Impartiality", "Public Service", "Transparency")
    assert VALUES[CVF_2024] == ("Courage", "Respect and empathy", "Public service")
    assert match_value("respect AND empathy") == ("Respect and empathy", CVF_2024)
    assert match_value("Integrity") == ("Integrity", CVF_2016)
    assert match_value("Bravery") is None
