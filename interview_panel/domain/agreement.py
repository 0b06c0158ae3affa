"""How consistently the panel scored, across a whole campaign (never per candidate: too few ratings).

A *unit* is one answer: a candidate's answer to one item, scored independently by the panel members.
Only candidates whose whole panel has submitted count, so the figures describe final, independent scores.

* :func:`icc_2_1` is the intraclass correlation ICC(2,1) of Shrout and Fleiss: two-way random effects,
  absolute agreement, one rater. It needs every rater's score for a unit, so it uses complete units only.
* :func:`krippendorff_alpha_ordinal` is Krippendorff's alpha with the ordinal difference function. It
  treats scores as ranks (a 1 against a 2 is a smaller disagreement than a 1 against a 5) and uses every
  unit with at least two scores, so a missing score only removes that score.

Bands, as usually quoted: ICC below .50 poor, .50-.75 moderate, .75-.90 good, above .90 excellent; alpha
from .80 reliable, .667-.80 tentative, below that not reliable.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from .campaign import STATUS_MODERATED, STATUS_SUBMITTED, CampaignResults


def icc_2_1(rows: Iterable[Sequence[float]]) -> float | None:
    """ICC(2,1) of ``rows`` (one row per unit, one column per rater, no gaps); None when undefined.

    Undefined with fewer than two units or raters, or when the scores do not vary at all. Identical rows
    are summed once with their count (a campaign has 50,000 answers but only a few hundred patterns).
    """
    return _icc(Counter(map(tuple, rows)))


def _icc(patterns: Counter[tuple[float, ...]]) -> float | None:
    """ICC(2,1) from distinct complete rows and how often each occurs."""
    n = sum(patterns.values())
    widths = {len(p) for p in patterns}
    k = widths.pop() if len(widths) == 1 else 0
    if n < 2 or k < 2:
        return None
    total = sum(sum(p) * c for p, c in patterns.items())
    grand = total / (n * k)
    col_sums = [sum(p[j] * c for p, c in patterns.items()) for j in range(k)]
    ss_total = sum(c * sum((x - grand) ** 2 for x in p) for p, c in patterns.items())
    ss_rows = k * sum(c * (sum(p) / k - grand) ** 2 for p, c in patterns.items())
    ss_cols = n * sum((s / n - grand) ** 2 for s in col_sums)
    ms_rows = ss_rows / (n - 1)
    ms_cols = ss_cols / (k - 1)
    ms_error = (ss_total - ss_rows - ss_cols) / ((n - 1) * (k - 1))
    denominator = ms_rows + (k - 1) * ms_error + k * (ms_cols - ms_error) / n
    if denominator <= 0:
        return None
    return (ms_rows - ms_error) / denominator


def krippendorff_alpha_ordinal(units: Iterable[Sequence[int]]) -> float | None:
    """Krippendorff's alpha (ordinal) over ``units`` (each: the scores one answer received, any number).

    Units with fewer than two scores carry no pairs and are left out. None with fewer than two pairable
    units, or when every score has the same value (no expected disagreement).
    """
    return _alpha(Counter(tuple(sorted(u)) for u in units))


def _alpha(patterns: Counter[tuple[int, ...]]) -> float | None:
    """Alpha (ordinal) from distinct units (their scores, sorted) and how often each occurs."""
    coincidence: defaultdict[tuple[int, int], float] = defaultdict(float)
    pairable = 0
    for unit, times in patterns.items():
        m = len(unit)
        if m < 2:
            continue
        pairable += times
        counts = Counter(unit)
        for c, nc in counts.items():
            for k, nk in counts.items():
                pairs = nc * (nk - 1) if c == k else nc * nk  # ordered pairs of different coders
                if pairs:
                    coincidence[c, k] += times * pairs / (m - 1)
    if pairable < 2:
        return None
    marginals: defaultdict[int, float] = defaultdict(float)
    for (c, _k), o in coincidence.items():
        marginals[c] += o
    values = sorted(marginals)
    n = sum(marginals.values())
    if len(values) < 2 or n <= 1:
        return None
    cumulative = dict(zip(values, accumulate(marginals[v] for v in values)))

    def delta2(c: int, k: int) -> float:
        lo, hi = min(c, k), max(c, k)
        between = cumulative[hi] - cumulative[lo] + marginals[lo]  # n_lo + ... + n_hi
        return (between - (marginals[lo] + marginals[hi]) / 2) ** 2

    observed = sum(o * delta2(c, k) for (c, k), o in coincidence.items())
    expected = sum(marginals[c] * marginals[k] * delta2(c, k) for c in values for k in values) / (n - 1)
    if expected == 0:
        return None
    return 1 - observed / expected


def icc_band(value: float | None) -> str:
    if value is None:
        return ""
    if value < 0.5:
        return "poor"
    if value < 0.75:
        return "moderate"
    if value <= 0.9:
        return "good"
    return "excellent"


def alpha_band(value: float | None) -> str:
    if value is None:
        return ""
    if value >= 0.8:
        return "reliable"
    if value >= 0.667:
        return "tentative"
    return "not reliable"


@dataclass(frozen=True)
class PanelAgreement:
    icc: float | None  # ICC(2,1) over the complete units
    icc_units: int  # answers scored by every member
    alpha: float | None  # Krippendorff's alpha, ordinal
    alpha_units: int  # answers scored by at least two members
    raters: int  # panel members

    def figures(self) -> str:
        """The figures in words, e.g. 'ICC(2,1) 0.78 (good) over 240 answers scored by all 3 members; …'."""
        if self.icc is None and self.alpha is None:
            return (
                "not enough independently scored answers yet (it needs the submitted scores of at least "
                "two answers from two or more members, and some variation)"
            )
        parts = []
        if self.icc is not None:
            parts.append(
                f"ICC(2,1) {self.icc:.2f} ({icc_band(self.icc)}) over {self.icc_units} answers "
                f"scored by all {self.raters} members"
            )
        if self.alpha is not None:
            parts.append(
                f"Krippendorff's alpha (ordinal) {self.alpha:.2f} ({alpha_band(self.alpha)}) over "
                f"{self.alpha_units} answers"
            )
        return "; ".join(parts)

    def summary(self) -> str:
        """One line for screens: 'Panel agreement: <figures>.'"""
        return f"Panel agreement: {self.figures()}."


def panel_agreement(results: CampaignResults) -> PanelAgreement:
    """Agreement of the members' scores over every item of every candidate whose panel has submitted."""
    members = [m.name for m in results.members]
    item_ids = [i.id for i in results.items]
    answers: Counter[tuple[int | None, ...]] = Counter()  # members' scores of one answer, in member order
    for cand in results.candidates:
        if cand.status not in (STATUS_SUBMITTED, STATUS_MODERATED):
            continue
        scores = cand.scores
        for item_id in item_ids:
            given = scores.get(item_id)
            if given:
                answers[tuple([given.get(m) for m in members])] += 1
    complete: Counter[tuple[float, ...]] = Counter()
    units: Counter[tuple[int, ...]] = Counter()
    for answer, times in answers.items():
        values = [v for v in answer if v is not None]
        if len(values) >= 2:
            units[tuple(sorted(values))] += times
        if len(values) == len(answer):
            complete[tuple(values)] += times
    return PanelAgreement(
        icc=_icc(complete),
        icc_units=sum(complete.values()),
        alpha=_alpha(units),
        alpha_units=sum(units.values()),
        raters=len(members),
    )
