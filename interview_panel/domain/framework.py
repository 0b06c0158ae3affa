"""The College of Policing Competency and Values Framework (CVF): competencies, clusters, levels, values.

Only facts live here (names, slugs, clusters, levels). The app's descriptive texts are in the question
bank under ``resources/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CVF_2016 = "CVF-2016"
CVF_2024 = "CVF-2024"
FRAMEWORKS = (CVF_2016, CVF_2024)

LEVELS = (1, 2, 3)
LEVEL_SCOPE = {
    1: "Practitioner / staff member",
    2: "Supervisor / middle manager",
    3: "Senior manager / executive",
}

CLUSTER_RESOLUTE = "Resolute, compassionate and committed"
CLUSTER_LEADERSHIP = "Inclusive, enabling and visionary leadership"
CLUSTER_INTELLIGENT = "Intelligent, creative and informed policing"
CLUSTERS = (CLUSTER_RESOLUTE, CLUSTER_LEADERSHIP, CLUSTER_INTELLIGENT)


@dataclass(frozen=True)
class Competency:
    slug: str
    cluster: str
    name_2016: str
    name_2024: str

    def name(self, framework: str = CVF_2016) -> str:
        return self.name_2024 if framework == CVF_2024 else self.name_2016


COMPETENCIES: tuple[Competency, ...] = (
    Competency("emotionally-aware", CLUSTER_RESOLUTE, "We are emotionally aware", "We are emotionally aware"),
    Competency("ownership", CLUSTER_RESOLUTE, "We take ownership", "We take ownership"),
    Competency("collaborative", CLUSTER_LEADERSHIP, "We are collaborative", "We collaborate"),
    Competency(
        "deliver-support-inspire", CLUSTER_LEADERSHIP, "We deliver, support and inspire", "We support and inspire"
    ),
    Competency("analyse-critically", CLUSTER_INTELLIGENT, "We analyse critically", "We analyse critically"),
    Competency(
        "innovative-open-minded",
        CLUSTER_INTELLIGENT,
        "We are innovative and open-minded",
        "We are innovative and open-minded",
    ),
)
BY_SLUG = {c.slug: c for c in COMPETENCIES}

VALUES_2016 = ("Integrity", "Impartiality", "Public Service", "Transparency")
VALUES_2024 = ("Courage", "Respect and empathy", "Public service")
VALUES = {CVF_2016: VALUES_2016, CVF_2024: VALUES_2024}


def _key(text: str) -> str:
    """Fold a heading to letters only: case, hyphens, commas and spacing do not matter."""
    return re.sub(r"[^a-z]", "", text.lower())


_NAME_KEYS: dict[str, tuple[Competency, str]] = {}
for _c in COMPETENCIES:
    _NAME_KEYS[_key(_c.name_2016)] = (_c, CVF_2016)
    if _c.name_2024 != _c.name_2016:
        _NAME_KEYS[_key(_c.name_2024)] = (_c, CVF_2024)


def match_competency(text: str) -> tuple[Competency, str | None] | None:
    """The competency a behaviour name denotes, with the framework its wording belongs to.

    The framework is None when the wording is shared by 2016 and 2024. Accepts "open minded" and
    "open-minded", any case, stray punctuation. Returns None when the text names no competency.
    """
    key = _key(text)
    if not key:
        return None
    hit = _NAME_KEYS.get(key)
    if hit is None:
        return None
    comp, fw = hit
    if comp.name_2016 == comp.name_2024:
        return comp, None
    return comp, fw


def match_value(text: str) -> tuple[str, str] | None:
    """The canonical value name and its framework ("Public service" is in both; 2016 wins on ties)."""
    key = _key(text)
    for fw in (CVF_2016, CVF_2024):
        for v in VALUES[fw]:
            if _key(v) == key:
                return v, fw
    return None
