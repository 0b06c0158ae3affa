"""Scoring rules: scales, pass marks, gating, disagreement flags, outcomes and ranks.

All rules are pure functions over plain values so the same answer is computed for the screen, the CLI,
the workbook and the PDF.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from .errors import ValidationError
from .items import BEHAVIOUR, CRITERION, VALUES, Item

FLAG_SPREAD = "spread"
FLAG_STRADDLE = "straddles pass mark"
APPOINTABLE = "appointable"
NOT_APPOINTABLE = "not appointable"


@dataclass(frozen=True)
class Scale:
    key: str
    minimum: int
    maximum: int
    anchors: tuple[tuple[int, str], ...]

    def anchor(self, n: int) -> str:
        return dict(self.anchors).get(n, "")

    def contains(self, n: int) -> bool:
        return self.minimum <= n <= self.maximum

    @property
    def points(self) -> range:
        return range(self.minimum, self.maximum + 1)


SCALE_1_5 = Scale(
    "1-5",
    1,
    5,
    (
        (1, "No evidence"),
        (2, "Limited evidence"),
        (3, "Meets the required level"),
        (4, "Strong evidence"),
        (5, "Exceptional evidence"),
    ),
)
SCALE_1_7 = Scale(
    "1-7",
    1,
    7,
    (
        (1, "Not demonstrated"),
        (2, "Minimal demonstration"),
        (3, "Moderate demonstration"),
        (4, "Acceptable demonstration"),
        (5, "Good demonstration"),
        (6, "Strong demonstration"),
        (7, "Outstanding demonstration"),
    ),
)
SCALES = {s.key: s for s in (SCALE_1_5, SCALE_1_7)}
DEFAULT_PASS = {"1-5": 3, "1-7": 4}


@dataclass(frozen=True)
class ScoringRules:
    scale: Scale = SCALE_1_5
    pass_mark: int = 3
    gate_behaviours: bool = True
    gate_essential: bool = True
    gate_values: bool = True  # values gate by default (resources/plan_rules.json "values_gate" agrees)
    overall_minimum: int | None = None
    spread_threshold: int = 2

    def problems(self) -> list[str]:
        out = []
        if not self.scale.contains(self.pass_mark):
            out.append(f"pass mark {self.pass_mark} is outside the {self.scale.key} scale")
        if self.spread_threshold < 1:
            out.append("the spread threshold must be at least 1")
        if self.overall_minimum is not None and self.overall_minimum < 0:
            out.append("the overall minimum cannot be negative")
        return out

    def check_score(self, score: object) -> int:
        """``score`` when it is a whole number on this scale; ValidationError naming the scale otherwise."""
        scale = self.scale
        if isinstance(score, bool) or not isinstance(score, int):
            raise ValidationError(f"score {score!r} is not a whole number on the {scale.key} scale")
        if not scale.contains(score):
            raise ValidationError(
                f"score {score} is outside the {scale.key} scale ({scale.minimum} to {scale.maximum})"
            )
        return score

    def is_gating(self, item: Item) -> bool:
        if item.kind == BEHAVIOUR:
            return self.gate_behaviours
        if item.kind == CRITERION:
            return self.gate_essential and item.requirement == "essential"
        if item.kind == VALUES:
            return self.gate_values
        return False

    def with_scale(self, key: str) -> ScoringRules:
        """Switch scale, moving the pass mark to that scale's usual pass."""
        return replace(self, scale=SCALES[key], pass_mark=DEFAULT_PASS[key])

    def to_json(self) -> dict[str, Any]:
        return {
            "scale": self.scale.key,
            "pass_mark": self.pass_mark,
            "gate_behaviours": self.gate_behaviours,
            "gate_essential": self.gate_essential,
            "gate_values": self.gate_values,
            "overall_minimum": self.overall_minimum,
            "spread_threshold": self.spread_threshold,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ScoringRules:
        return cls(
            scale=SCALES[d.get("scale", "1-5")],
            pass_mark=int(d.get("pass_mark", 3)),
            gate_behaviours=bool(d.get("gate_behaviours", True)),
            gate_essential=bool(d.get("gate_essential", True)),
            gate_values=bool(d.get("gate_values", True)),
            overall_minimum=d.get("overall_minimum"),
            spread_threshold=int(d.get("spread_threshold", 2)),
        )


def flags(scores: Iterable[int], rules: ScoringRules) -> list[str]:
    """Why the panel's scores for one item need discussion: a wide spread, or a split on the pass mark."""
    s = list(scores)
    if len(s) < 2:
        return []
    out = []
    if max(s) - min(s) >= rules.spread_threshold:
        out.append(FLAG_SPREAD)
    if min(s) < rules.pass_mark <= max(s):
        out.append(FLAG_STRADDLE)
    return out


def panel_median(scores: Iterable[int]) -> int:
    """The median of the members' scores, rounded half down to a whole point (the cautious choice)."""
    m = statistics.median(list(scores))
    return int(m)  # a median of x.5 rounds down to x


@dataclass(frozen=True)
class Outcome:
    total: int
    maximum: int
    gating_failures: tuple[str, ...]
    below_overall_minimum: bool
    result: str  # APPOINTABLE | NOT_APPOINTABLE

    @property
    def reasons(self) -> list[str]:
        out = [f"{i} below the pass mark" for i in self.gating_failures]
        if self.below_overall_minimum:
            out.append("total below the overall minimum")
        return out


def outcome(agreed: Mapping[str, int], items: Iterable[Item], rules: ScoringRules) -> Outcome:
    """Non-compensatory outcome: every gating item at or above the pass mark, and the overall minimum."""
    return outcome_function(items, rules)(agreed)


def outcome_function(items: Iterable[Item], rules: ScoringRules) -> Callable[[Mapping[str, int]], Outcome]:
    """``outcome(agreed, items, rules)`` as a function of ``agreed`` alone, for the many candidates of one
    campaign: which items gate, the maximum and the thresholds are worked out once, not per candidate."""
    items = list(items)
    ids = [i.id for i in items]
    gating = [i.id for i in items if rules.is_gating(i)]
    maximum = rules.scale.maximum * len(ids)
    pass_mark = rules.pass_mark
    minimum = rules.overall_minimum

    def apply(agreed: Mapping[str, int]) -> Outcome:
        get = agreed.get
        total = sum([get(i, 0) for i in ids])
        failures = tuple([i for i in gating if get(i, 0) < pass_mark])
        below = minimum is not None and total < minimum
        return Outcome(total, maximum, failures, below, NOT_APPOINTABLE if failures or below else APPOINTABLE)

    return apply


def ranks(outcomes: Mapping[str, Outcome]) -> dict[str, int]:
    """Rank candidates: appointable ones first, then by total, highest first; ties share a rank (1, 1, 3)."""

    def key(ref: str) -> tuple[int, int]:
        o = outcomes[ref]
        return (0 if o.result == APPOINTABLE else 1, -o.total)

    ordered = sorted(outcomes, key=key)
    out: dict[str, int] = {}
    prev = None
    for pos, ref in enumerate(ordered, start=1):
        k = key(ref)
        out[ref] = out[ordered[pos - 2]] if prev == k else pos
        prev = k
    return out


@dataclass(frozen=True)
class Spread:
    minimum: int
    maximum: int
    median: float

    @property
    def width(self) -> int:
        return self.maximum - self.minimum


def spread(scores: Iterable[int]) -> Spread | None:
    s = list(scores)
    if not s:
        return None
    return Spread(min(s), max(s), statistics.median(s))
