"""Charts of a campaign's agreed scores, as reportlab drawings for the PDF record.

* :func:`agreed_distribution`: one stacked bar per item; each band counts the candidates whose agreed score
  for that item was 1, 2, … (up to the scale's maximum). Shows at a glance which items separated candidates
  and which everyone passed or failed.
* :func:`total_distribution`: a histogram of moderated candidates' totals.

The numbers are the domain's (:func:`~interview_panel.domain.charts.chart_figures`, the same the Results page
and ``report panel`` show); this module only draws them.
"""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from ..domain.campaign import CampaignResults
from ..domain.charts import ChartFigures, Histogram
from .fonts import font_for

# Low scores warm, high scores cool; readable in greyscale too (lightness increases with the score).
_PALETTE = ["#8c2d04", "#d94801", "#fd8d3c", "#9ecae1", "#4292c6", "#2171b5", "#08519c"]


def _colours(n: int) -> list[colors.Color]:
    if n <= len(_PALETTE):
        picks = [_PALETTE[round(k * (len(_PALETTE) - 1) / max(1, n - 1))] for k in range(n)]
    else:
        picks = [_PALETTE[k % len(_PALETTE)] for k in range(n)]
    return [colors.HexColor(p) for p in picks]


def agreed_distribution(
    results: CampaignResults, figures: ChartFigures, width: float, height: float, font: str
) -> Drawing:
    """Stacked bars of agreed-score counts per item (``figures.agreed_counts``), with a legend of the scale
    anchors."""
    scale = results.rules.scale
    counts = figures.agreed_counts
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


def total_distribution(totals: Histogram | None, width: float, height: float, font: str) -> Drawing:
    """Histogram of moderated candidates' totals (``ChartFigures.totals``); a note instead when nobody is
    moderated yet."""
    d = Drawing(width, height)
    if totals is None:
        d.add(String(0, height / 2, "No candidate has been moderated yet.", fontName=font, fontSize=9))
        return d
    counts, labels, step, nbins = list(totals.counts), list(totals.labels), totals.step, len(totals.counts)
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
