"""Charts of a campaign's agreed scores, as reportlab drawings for the PDF record.

* :func:`agreed_distribution`: one stacked bar per item; each band counts the moderated candidates whose
  agreed score for that item was 1, 2, … (up to the scale's maximum). Shows at a glance which items
  separated candidates and which everyone passed or failed.
* :func:`total_distribution`: a histogram of moderated candidates' totals, in at most ``bins`` bins.

Both are pure functions of :class:`CampaignResults`; counting is one pass over the candidates.
"""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from ..domain.campaign import CampaignResults
from .fonts import font_for

# Low scores warm, high scores cool; readable in greyscale too (lightness increases with the score).
_PALETTE = ["#8c2d04", "#d94801", "#fd8d3c", "#9ecae1", "#4292c6", "#2171b5", "#08519c"]


def _colours(n: int) -> list[colors.Color]:
    if n <= len(_PALETTE):
        picks = [_PALETTE[round(k * (len(_PALETTE) - 1) / max(1, n - 1))] for k in range(n)]
    else:
        picks = [_PALETTE[k % len(_PALETTE)] for k in range(n)]
    return [colors.HexColor(p) for p in picks]


def agreed_counts(results: CampaignResults) -> dict[str, dict[int, int]]:
    """item id -> agreed score -> number of candidates with that agreed score."""
    points = list(results.rules.scale.points)
    counts = {i.id: dict.fromkeys(points, 0) for i in results.items}
    for c in results.candidates:
        for item_id, score in c.agreed.items():
            per = counts.get(item_id)
            if per is not None:
                per[score] = per.get(score, 0) + 1
    return counts


def agreed_distribution(results: CampaignResults, width: float, height: float, font: str) -> Drawing:
    """Stacked bars of agreed-score counts per item, with a legend of the scale anchors."""
    scale = results.rules.scale
    counts = agreed_counts(results)
    ids = [i.id for i in results.items]
    points = list(scale.points)
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 36, 70
    chart.width, chart.height = width - 46, height - 110
    chart.data = [[counts[i].get(p, 0) for i in ids] for p in points] or [[0]]
    chart.categoryAxis.categoryNames = ids
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.angle = 35
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.categoryAxis.labels.dy = -2
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 6.5 if len(ids) > 14 else 8
    for k, item_id in enumerate(ids):  # an item id in a script the main font lacks: its fallback font
        label_font = font_for(item_id, font)
        if label_font != font:
            chart.categoryAxis.labels[k].fontName = label_font
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    top = max((sum(per.values()) for per in counts.values()), default=0)
    chart.valueAxis.valueMax = max(1, top)
    chart.valueAxis.valueStep = max(1, math.ceil(max(1, top) / 8))
    chart.barSpacing = 0
    chart.groupSpacing = 4
    for k, colour in enumerate(_colours(len(points))):
        chart.bars[k].fillColor = colour
        chart.bars[k].strokeColor = colors.white
        chart.bars[k].strokeWidth = 0.3
    d.add(chart)
    legend = Legend()
    rows = 1 if len(points) <= 5 else 2
    per_row = math.ceil(len(points) / rows)
    legend.x, legend.y = 0, height - 8
    legend.fontName = font
    legend.fontSize = 6.5
    legend.alignment = "right"
    legend.columnMaximum = rows
    legend.dx, legend.dy = 7, 7
    legend.deltay = 9
    legend.autoXPadding = 4
    legend.deltax = width / per_row
    legend.colorNamePairs = [(c, f"{p} {scale.anchor(p)}") for p, c in zip(points, _colours(len(points)))]
    d.add(legend)
    d.add(String(0, height - 34, "Candidates", fontName=font, fontSize=7))
    return d


def total_distribution(results: CampaignResults, width: float, height: float, font: str, bins: int = 20) -> Drawing:
    """Histogram of moderated candidates' totals; a note instead when nobody is moderated yet."""
    totals = [c.total for c in results.candidates if c.total is not None]
    d = Drawing(width, height)
    if not totals:
        d.add(String(0, height / 2, "No candidate has been moderated yet.", fontName=font, fontSize=9))
        return d
    lo, hi = min(totals), max(totals)
    step = max(1, math.ceil((hi - lo + 1) / bins))
    nbins = (hi - lo) // step + 1
    counts = [0] * nbins
    for t in totals:
        counts[(t - lo) // step] += 1
    labels = [str(lo + k * step) if step == 1 else f"{lo + k * step}–{lo + (k + 1) * step - 1}" for k in range(nbins)]
    chart = VerticalBarChart()
    chart.x, chart.y = 36, 40
    chart.width, chart.height = width - 46, height - 60
    chart.data = [counts]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 35 if step > 1 or nbins > 12 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if chart.categoryAxis.labels.angle else "n"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(1, max(counts))
    chart.valueAxis.valueStep = max(1, math.ceil(max(counts) / 8))
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = colors.HexColor("#4292c6")
    chart.bars[0].strokeColor = colors.white
    d.add(chart)
    d.add(String(chart.x + chart.width / 2, 4, "Total agreed score", fontName=font, fontSize=8, textAnchor="middle"))
    d.add(String(0, height - 10, "Candidates", fontName=font, fontSize=7))
    return d
