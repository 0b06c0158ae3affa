"""Panel statistics as Freedom of Information requests ask for them: per campaign and per panel member, the
mean, lowest and highest score, the pass rate, and how far the agreed scores moved from the members' median.

Only members' *submitted* scores count (the same scores the agreement figures use). "Moved" compares each agreed
score with the median of the members' scores for that answer: the mean absolute difference, and the share of
agreed scores that differ from the median at all. The published benchmark for the inter-rater reliability of
panel interviews (about .74, Huffcutt, Culbertson & Weyhrauch 2013) is given beside the campaign's own ICC for
reference. The figures behind the results charts (:mod:`.charts`) come with them. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

from .campaign import CampaignResults
from .charts import ChartFigures, chart_figures

PANEL_BENCHMARK = 0.74


@dataclass(frozen=True)
class ScoreStats:
    who: str  # a member's name, or "Whole panel"
    scores: int
    mean: float | None
    lowest: int | None
    highest: int | None
    pass_rate: float | None  # share of scores at or above the pass mark

    def to_json(self) -> dict[str, object]:
        return {
            "member": self.who,
            "scores": self.scores,
            "mean": self.mean,
            "min": self.lowest,
            "max": self.highest,
            "pass_rate": self.pass_rate,
        }


@dataclass(frozen=True)
class PanelStats:
    campaign: ScoreStats
    members: tuple[ScoreStats, ...]
    agreed: int  # agreed scores with at least one member's score to compare
    mean_shift: float | None  # mean |agreed - members' median|
    moved_share: float | None  # share of agreed scores that differ from the members' median
    benchmark: float = PANEL_BENCHMARK
    charts: ChartFigures | None = None  # the Results page's chart figures (per item, each member vs agreed)

    def to_json(self) -> dict[str, object]:
        return {
            "schema": "interview-panel/panel-stats/1",
            "campaign": self.campaign.to_json(),
            "members": [m.to_json() for m in self.members],
            "moderation": {
                "agreed": self.agreed,
                "mean_shift_from_median": self.mean_shift,
                "share_moved_from_median": self.moved_share,
            },
            "benchmark_panel_reliability": self.benchmark,
            "charts": None if self.charts is None else self.charts.to_json(),
        }

    def lines(self) -> list[str]:
        def row(s: ScoreStats) -> str:
            if not s.scores:
                return f"{s.who}: no submitted scores"
            return (
                f"{s.who}: {s.scores} scores, mean {s.mean:.2f}, min {s.lowest}, max {s.highest}, "
                f"pass rate {s.pass_rate:.0%}"
            )

        out = [row(self.campaign), *(row(m) for m in self.members)]
        if self.agreed:
            out.append(
                f"Moderation: {self.agreed} agreed scores; {self.moved_share:.0%} differ from the members' "
                f"median, by {self.mean_shift:.2f} points on average"
            )
        else:
            out.append("Moderation: no agreed scores yet")
        out.append(f"Reference: panel interviews' published inter-rater reliability is about {self.benchmark:.2f}")
        if self.charts is not None:
            out += self.charts.lines()
        return out


def _stats(who: str, scores: Iterable[int], pass_mark: int) -> ScoreStats:
    values = list(scores)
    if not values:
        return ScoreStats(who, 0, None, None, None, None)
    return ScoreStats(
        who,
        len(values),
        sum(values) / len(values),
        min(values),
        max(values),
        sum(1 for v in values if v >= pass_mark) / len(values),
    )


def panel_stats(results: CampaignResults) -> PanelStats:
    pass_mark = results.rules.pass_mark
    per_member: dict[str, list[int]] = {m.name: [] for m in results.members}
    shifts: list[float] = []
    for c in results.candidates:
        for item, by_member in c.scores.items():
            for member, score in by_member.items():
                per_member.setdefault(member, []).append(score)
            agreed = c.agreed.get(item)
            if agreed is not None and by_member:
                shifts.append(abs(agreed - median(by_member.values())))
    everyone = [s for values in per_member.values() for s in values]
    return PanelStats(
        campaign=_stats("Whole panel", everyone, pass_mark),
        members=tuple(_stats(name, values, pass_mark) for name, values in per_member.items()),
        agreed=len(shifts),
        mean_shift=sum(shifts) / len(shifts) if shifts else None,
        moved_share=sum(1 for s in shifts if s) / len(shifts) if shifts else None,
        charts=chart_figures(results),
    )
