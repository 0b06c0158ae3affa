"""The figures behind the results charts, worked out once for the app's Results page, the PDF record and the
command line (``report panel``), so all three give the same numbers. Drawing is left to the screen
(``ui/widgets/charts.py``) and the PDF (``exports/charts.py``). Pure: no I/O.

- per item (:class:`ItemSpread`): the lowest, median and highest agreed score, how far apart the members'
  scores were (the mean over candidates of highest minus lowest) and how many candidates' scores were flagged;
- per member (:class:`MemberCalibration`): the mean of their scores against the mean agreed score, over the
  answers that have both;
- ``agreed_counts``: per item, how many candidates were agreed each point of the scale;
- ``totals`` (:class:`Histogram`): the moderated candidates' totals in at most ``bins`` bins.

Only what :class:`~.campaign.CampaignResults` holds counts: members' scores appear there once they submitted.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Any

from .campaign import CampaignResults


def _fixed(value: float | None, places: int, sign: str = "") -> str:
    return "-" if value is None else f"{value:{sign}.{places}f}"


@dataclass(frozen=True)
class ItemSpread:
    """One item across the campaign: the range of agreed scores and how far apart members scored."""

    item_id: str
    agreed_min: int | None
    agreed_max: int | None
    agreed_median: float | None
    mean_panel_spread: float | None  # mean over candidates of (max - min) of members' scores
    flagged: int  # candidates whose scores for this item were flagged
    n: int  # candidates with scores from two members or more

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item_id,
            "agreed_min": self.agreed_min,
            "agreed_median": self.agreed_median,
            "agreed_max": self.agreed_max,
            "mean_panel_spread": self.mean_panel_spread,
            "flagged": self.flagged,
            "candidates": self.n,
        }

    def cells(self) -> tuple[str, ...]:
        """Item, lowest, median, highest agreed, mean spread, flagged: as the PDF and the CLI print them."""
        median = "-" if self.agreed_median is None else f"{self.agreed_median:g}"
        low, high = (str(v) if v is not None else "-" for v in (self.agreed_min, self.agreed_max))
        return (self.item_id, low, median, high, _fixed(self.mean_panel_spread, 1), str(self.flagged))


@dataclass(frozen=True)
class MemberCalibration:
    """One member against the agreed scores, over the answers where both exist."""

    member: str
    mean_score: float | None
    mean_agreed: float | None
    n: int

    @property
    def bias(self) -> float | None:
        if self.mean_score is None or self.mean_agreed is None:
            return None
        return self.mean_score - self.mean_agreed

    def to_json(self) -> dict[str, Any]:
        return {
            "member": self.member,
            "mean_score": self.mean_score,
            "mean_agreed": self.mean_agreed,
            "difference": self.bias,
            "scores": self.n,
        }

    def cells(self) -> tuple[str, ...]:
        """Member, mean score, mean agreed, difference, scores: as the PDF and the CLI print them."""
        return (
            self.member,
            _fixed(self.mean_score, 2),
            _fixed(self.mean_agreed, 2),
            _fixed(self.bias, 2, "+"),
            str(self.n),
        )


@dataclass(frozen=True)
class Histogram:
    """Counts in consecutive bins of ``step`` points each; ``labels`` name the bins ("12" or "12–14")."""

    labels: tuple[str, ...]
    counts: tuple[int, ...]
    step: int

    def to_json(self) -> dict[str, Any]:
        return {"bins": list(self.labels), "candidates": list(self.counts), "step": self.step}


def histogram(values: list[int], bins: int = 20) -> Histogram | None:
    """``values`` in at most ``bins`` bins of whole points from the lowest value; None when there are none."""
    if not values:
        return None
    lo, hi = min(values), max(values)
    step = max(1, math.ceil((hi - lo + 1) / bins))
    counts = [0] * ((hi - lo) // step + 1)
    for v in values:
        counts[(v - lo) // step] += 1
    labels = [
        str(lo + k * step) if step == 1 else f"{lo + k * step}–{lo + (k + 1) * step - 1}" for k in range(len(counts))
    ]
    return Histogram(tuple(labels), tuple(counts), step)


@dataclass(frozen=True)
class ChartFigures:
    spreads: tuple[ItemSpread, ...]
    calibration: tuple[MemberCalibration, ...]
    agreed_counts: dict[str, dict[int, int]]  # item id -> agreed score -> candidates
    totals: Histogram | None  # moderated candidates' totals; None when nobody is moderated yet

    def to_json(self) -> dict[str, Any]:
        return {
            "items": [s.to_json() for s in self.spreads],
            "members_against_agreed": [c.to_json() for c in self.calibration],
            "agreed_counts": {i: {str(k): n for k, n in per.items()} for i, per in self.agreed_counts.items()},
            "totals": None if self.totals is None else self.totals.to_json(),
        }

    def lines(self) -> list[str]:
        out = ["Per item: agreed lowest / median / highest; mean spread of members' scores; candidates flagged"]
        out += ["  {}: agreed {} / {} / {}; spread {}; {} flagged".format(*s.cells()) for s in self.spreads]
        out.append("Each member against the agreed scores: mean score vs mean agreed (difference, scores)")
        out += ["  {}: {} vs {} ({}, n={})".format(*c.cells()) for c in self.calibration]
        return out


SPREAD_HEADERS = ("Item", "Agreed lowest", "Median", "Highest", "Mean spread", "Flagged")
CALIBRATION_HEADERS = ("Member", "Mean score", "Mean agreed", "Difference", "Scores")


def chart_figures(results: CampaignResults, bins: int = 20) -> ChartFigures:
    """Every chart figure of ``results`` in one pass over its candidates."""
    ids = [i.id for i in results.items]
    points = list(results.rules.scale.points)
    agreed: dict[str, list[int]] = {i: [] for i in ids}
    widths: dict[str, list[int]] = {i: [] for i in ids}
    flagged = dict.fromkeys(ids, 0)
    counts = {i: dict.fromkeys(points, 0) for i in ids}
    names = [m.name for m in results.members]
    mine: dict[str, list[int]] = {n: [] for n in names}
    theirs: dict[str, list[int]] = {n: [] for n in names}
    totals: list[int] = []
    for cr in results.candidates:
        if cr.total is not None:
            totals.append(cr.total)
        scores, flags = cr.scores, cr.flags
        for item_id, per in scores.items():
            if item_id in widths and len(per) >= 2:
                vals = per.values()
                widths[item_id].append(max(vals) - min(vals))
        for item_id in flags:
            if item_id in flagged:
                flagged[item_id] += 1
        for item_id, a in cr.agreed.items():
            if item_id in agreed:
                agreed[item_id].append(a)
                counts[item_id][a] = counts[item_id].get(a, 0) + 1
            panel = scores.get(item_id)
            if panel:
                for member, s in panel.items():
                    if member in mine:
                        mine[member].append(s)
                        theirs[member].append(a)
    spreads = tuple(
        ItemSpread(
            i,
            min(agreed[i]) if agreed[i] else None,
            max(agreed[i]) if agreed[i] else None,
            statistics.median(agreed[i]) if agreed[i] else None,
            statistics.fmean(widths[i]) if widths[i] else None,
            flagged[i],
            len(widths[i]),
        )
        for i in ids
    )
    calibration = tuple(
        MemberCalibration(
            n,
            statistics.fmean(mine[n]) if mine[n] else None,
            statistics.fmean(theirs[n]) if theirs[n] else None,
            len(mine[n]),
        )
        for n in names
    )
    return ChartFigures(spreads, calibration, counts, histogram(totals, bins))
