"""Adverse-impact screening of selection outcomes by equality-monitoring group, per stage.

For each monitoring category (for example sex, ethnic group, age band) and each stage (the interview outcome;
the appointment when HR records it), every group's *selection rate* is the share of its candidates selected at
that stage. Each rate is compared with the highest group's rate:

* the *impact ratio* (rate / highest rate), flagged under the four-fifths rule when below 0.8;
* Fisher's exact test on the 2x2 table (this group against the highest group, selected against not), two-sided,
  because with interview-sized groups a ratio alone moves a long way on one person.

Groups with fewer than :data:`MIN_GROUP` candidates are suppressed: their counts are not shown (so nobody in a
small group can be identified) and they take no part in the comparisons; the report says so. Pure functions:
no I/O, no Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from math import comb

MIN_GROUP = 5
FOUR_FIFTHS = 0.8


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test for the 2x2 table [[a, b], [c, d]].

    Conditioning on the margins, the count in the top-left cell follows a hypergeometric distribution; the
    p-value is the total probability of every table at most as likely as the one observed (the usual
    definition, as R's ``fisher.test`` and SciPy's ``fisher_exact`` give it), with a small relative tolerance so
    that tables exactly as likely are not lost to rounding.
    """
    if min(a, b, c, d) < 0:
        raise ValueError("a 2x2 table holds counts, which cannot be negative")
    row1, row2, col1 = a + b, c + d, a + c
    n = row1 + row2
    total = comb(n, col1)
    if total == 0:
        return 1.0
    lo, hi = max(0, col1 - row2), min(col1, row1)
    probs = {x: comb(row1, x) * comb(row2, col1 - x) / total for x in range(lo, hi + 1)}
    observed = probs[a]
    p = sum(q for q in probs.values() if q <= observed * (1 + 1e-7))
    return min(1.0, p)


@dataclass(frozen=True)
class GroupRow:
    group: str
    candidates: int | None  # None when suppressed
    selected: int | None
    rate: float | None
    ratio: float | None  # rate / the highest group's rate
    p_value: float | None  # Fisher's exact test against the highest group (None for the highest itself)
    suppressed: bool = False
    highest: bool = False

    @property
    def adverse(self) -> bool:
        """Flagged under the four-fifths rule."""
        return self.ratio is not None and self.ratio < FOUR_FIFTHS

    def to_json(self) -> dict[str, object]:
        return {
            "group": self.group,
            "suppressed": self.suppressed,
            "candidates": self.candidates,
            "selected": self.selected,
            "rate": self.rate,
            "impact_ratio": self.ratio,
            "four_fifths_flag": self.adverse,
            "fisher_p": self.p_value,
            "highest": self.highest,
        }


@dataclass(frozen=True)
class StageReport:
    stage: str  # "interview" or "appointment"
    category: str
    rows: tuple[GroupRow, ...]
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "stage": self.stage,
            "category": self.category,
            "groups": [r.to_json() for r in self.rows],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class EqualityReport:
    stages: tuple[StageReport, ...] = ()
    candidates: int = 0  # candidates with monitoring data and an outcome at the first stage
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, object]:
        return {
            "schema": "interview-panel/equality/1",
            "candidates": self.candidates,
            "min_group": MIN_GROUP,
            "four_fifths": FOUR_FIFTHS,
            "stages": [s.to_json() for s in self.stages],
            "warnings": list(self.warnings),
        }


def stage_report(stage: str, category: str, groups: Mapping[str, str], selected: Mapping[str, bool]) -> StageReport:
    """One category at one stage. ``groups``: candidate -> group; ``selected``: candidate -> selected at this
    stage, for every candidate who reached its decision (others are left out)."""
    counts: dict[str, list[int]] = {}
    for ref, group in groups.items():
        if ref not in selected or not group:
            continue
        n_sel = counts.setdefault(group, [0, 0])
        n_sel[0] += 1
        n_sel[1] += int(bool(selected[ref]))
    shown = {g: v for g, v in counts.items() if v[0] >= MIN_GROUP}
    hidden = sorted(g for g in counts if g not in shown)
    warnings = []
    if hidden:
        warnings.append(
            f"{category}, {stage}: {len(hidden)} group(s) with fewer than {MIN_GROUP} candidates "
            f"suppressed ({', '.join(hidden)}); numbers this small say little"
        )
    if len(shown) < 2:
        warnings.append(
            f"{category}, {stage}: fewer than two groups of {MIN_GROUP} or more candidates, "
            "so no comparison can be made"
        )
    rates = {g: (s / n if n else 0.0) for g, (n, s) in shown.items()}
    top = max(rates, key=lambda g: (rates[g], shown[g][0]), default=None)
    rows = []
    for g in sorted(shown, key=lambda g: (-rates[g], g)):
        n, s = shown[g]
        if top is None or g == top or len(shown) < 2:
            rows.append(GroupRow(g, n, s, rates[g], 1.0 if g == top else None, None, highest=g == top))
            continue
        tn, ts = shown[top]
        ratio = rates[g] / rates[top] if rates[top] else None
        rows.append(GroupRow(g, n, s, rates[g], ratio, fisher_exact(s, n - s, ts, tn - ts)))
    rows.extend(GroupRow(g, None, None, None, None, None, suppressed=True) for g in hidden)
    if top is not None and len(shown) >= 2 and any(r.adverse for r in rows):
        flagged = [r.group for r in rows if r.adverse]
        warnings.append(
            f"{category}, {stage}: selection rate below four-fifths of the highest group's "
            f"({top}) for {', '.join(flagged)}"
        )
    return StageReport(stage, category, tuple(rows), tuple(warnings))


def equality_report(
    monitoring: Mapping[str, Mapping[str, str]],
    interview: Mapping[str, bool],
    appointed: Mapping[str, bool] | None = None,
) -> EqualityReport:
    """Every category at every stage. ``monitoring``: candidate -> {category: group}; ``interview``: candidate ->
    appointable (candidates with an outcome only); ``appointed``: candidate -> appointed, when recorded."""
    categories = sorted({c for per in monitoring.values() for c in per})
    stages: list[StageReport] = []
    for stage, outcome in (("interview", interview), ("appointment", appointed or {})):
        if not outcome:
            continue
        for cat in categories:
            groups = {ref: per.get(cat, "") for ref, per in monitoring.items()}
            stages.append(stage_report(stage, cat, groups, outcome))
    counted = sum(1 for ref in monitoring if ref in interview)
    warnings: list[str] = []
    if not monitoring:
        warnings.append("no equality-monitoring data has been imported for this campaign")
    elif not interview:
        warnings.append("no candidate has an interview outcome yet")
    return EqualityReport(tuple(stages), counted, tuple(warnings))


def selection(outcomes: Iterable[tuple[str, str | None]], chosen: str) -> dict[str, bool]:
    """candidate -> (outcome == chosen), for candidates with an outcome."""
    return {ref: out == chosen for ref, out in outcomes if out is not None}
