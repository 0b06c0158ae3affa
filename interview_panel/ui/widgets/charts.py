"""Results charts drawn with QPainter (PySide6-Essentials has no QtCharts).

- :class:`ItemSpreadChart`: one row per item; the bar spans the lowest to the highest agreed score across
  candidates, the dot is the median, and the text gives the mean spread of members' scores (amber when it
  reaches the campaign's spread threshold) and how many candidates were flagged.
- :class:`CalibrationChart`: one row per member; the bar is the member's mean score, the black tick the mean
  agreed score over the same items, and the text the difference (a lenient or severe scorer shows at once).

Both widgets also put their figures into ``accessibleDescription`` so a screen reader gets the numbers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain.scoring import SCALE_1_5, Scale
from ..context import tr
from ..models.results_model import ItemSpread, MemberCalibration

ROW_H = 22
LABEL_W = 150
TEXT_W = 190
TOP = 44
AMBER = QColor("#f57c00")
BLUE = QColor("#5c6bc0")
GREEN = QColor("#66bb6a")


class _ScaleChart(QWidget):
    """Shared drawing: a title, a score axis and one labelled row per entry."""

    title = ""
    subtitle = ""
    empty_text = ""  # shown instead of rows when there is no data

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale: Scale = SCALE_1_5
        self._data: list[Any] = []
        self._rows: int = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so its description is read out

    def _set(self, data: list[Any], scale: Scale, description: str) -> None:
        """Show ``data`` (one row each) on ``scale``; ``description`` is what a screen reader reads out."""
        self._data, self._scale = list(data), scale
        self._rows = len(self._data)
        self.setMinimumHeight(self.sizeHint().height())
        self.setAccessibleDescription(description)
        self.updateGeometry()
        self.update()

    @property
    def data(self) -> list[Any]:
        return list(self._data)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        x0, step = self._axis(p)
        if not self._data:
            self._empty(p, self.empty_text)
            return
        for row, d in enumerate(self._data):
            self._paint_row(p, row, d, x0, step, TOP + row * ROW_H + ROW_H / 2)

    def _paint_row(self, p: QPainter, row: int, d: Any, x0: float, step: float, cy: float) -> None:
        """Draw entry ``d`` in row ``row`` (its centre line at ``cy``)."""
        raise NotImplementedError

    def sizeHint(self) -> QSize:
        return QSize(520, TOP + 20 + ROW_H * max(self._rows, 1) + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(420, self.sizeHint().height())

    def _axis(self, p: QPainter) -> tuple[float, float]:
        """Draw the title and the score axis; return the x of the scale minimum and the width per point."""
        p.setPen(self.palette().text().color())
        f = QFont(self.font())
        f.setBold(True)
        p.setFont(f)
        p.drawText(QRectF(4, 2, self.width() - 8, 20), Qt.AlignmentFlag.AlignLeft, self.title)
        p.setFont(self.font())
        p.setPen(self.palette().placeholderText().color())
        p.drawText(
            QRectF(4, 20, self.width() - 8, 18),
            Qt.AlignmentFlag.AlignLeft,
            p.fontMetrics().elidedText(self.subtitle, Qt.TextElideMode.ElideRight, self.width() - 8),
        )
        p.setPen(self.palette().text().color())
        x0 = LABEL_W
        x1 = max(x0 + 60, self.width() - TEXT_W)
        span = max(1, self._scale.maximum - self._scale.minimum)
        step = (x1 - x0) / span
        grid = QPen(QColor("#cccccc"))
        grid.setStyle(Qt.PenStyle.DotLine)
        bottom = TOP + ROW_H * self._rows
        for n in self._scale.points:
            x = x0 + (n - self._scale.minimum) * step
            p.setPen(grid)
            p.drawLine(QPointF(x, TOP), QPointF(x, bottom))
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(x - 10, bottom + 2, 20, 16), Qt.AlignmentFlag.AlignCenter, str(n))
        return x0, step

    def _x(self, value: float, x0: float, step: float) -> float:
        return x0 + (value - self._scale.minimum) * step

    def _label(self, p: QPainter, row: int, text: str) -> None:
        p.setPen(self.palette().text().color())
        rect = QRectF(4, TOP + row * ROW_H, LABEL_W - 10, ROW_H)
        p.drawText(
            rect,
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width())),
        )

    def _note(self, p: QPainter, row: int, text: str, colour: QColor | None = None) -> None:
        p.setPen(colour or self.palette().text().color())
        p.drawText(
            QRectF(self.width() - TEXT_W + 8, TOP + row * ROW_H, TEXT_W - 10, ROW_H),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            text,
        )

    def _empty(self, p: QPainter, text: str) -> None:
        p.setPen(self.palette().placeholderText().color())
        p.drawText(QRectF(0, TOP, self.width(), ROW_H), Qt.AlignmentFlag.AlignCenter, text)


class ItemSpreadChart(_ScaleChart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = tr("Agreed scores by item")
        self.subtitle = tr("bar: lowest to highest agreed score, dot: median; right: members' mean spread")
        self.setAccessibleName(tr("Item score spread chart"))
        self.empty_text = tr("No scores yet")
        self._threshold = 2

    def set_data(self, data: list[ItemSpread], scale: Scale, spread_threshold: int = 2) -> None:
        self._threshold = spread_threshold
        self._set(
            data,
            scale,
            "; ".join(
                tr("{item}: agreed {lo}–{hi}, mean panel spread {s}, {f} flagged").format(
                    item=d.item_id,
                    lo=d.agreed_min if d.agreed_min is not None else "-",
                    hi=d.agreed_max if d.agreed_max is not None else "-",
                    s="-" if d.mean_panel_spread is None else f"{d.mean_panel_spread:.1f}",
                    f=d.flagged,
                )
                for d in data
            ),
        )

    def _paint_row(self, p: QPainter, row: int, d: ItemSpread, x0: float, step: float, cy: float) -> None:
        self._label(p, row, d.item_id)
        if d.agreed_min is not None and d.agreed_max is not None:
            xa, xb = self._x(d.agreed_min, x0, step), self._x(d.agreed_max, x0, step)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(BLUE.lighter(150))
            p.drawRoundedRect(QRectF(xa - 4, cy - 5, max(8.0, xb - xa + 8), 10), 4, 4)
            if d.agreed_median is not None:
                p.setBrush(BLUE.darker(130))
                p.drawEllipse(QPointF(self._x(d.agreed_median, x0, step), cy), 5, 5)
        wide = d.mean_panel_spread is not None and d.mean_panel_spread >= self._threshold
        spread = "–" if d.mean_panel_spread is None else f"{d.mean_panel_spread:.1f}"
        text = tr("spread {s}, {f} flagged").format(s=spread, f=d.flagged)
        self._note(p, row, ("⚠ " if wide else "") + text, AMBER if wide else None)


class CalibrationChart(_ScaleChart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = tr("Calibration: each member against the agreed scores")
        self.subtitle = tr("bar: the member's mean score, tick: the agreed mean on the same items")
        self.setAccessibleName(tr("Member calibration chart"))
        self.empty_text = tr("No panel members")

    def set_data(self, data: list[MemberCalibration], scale: Scale) -> None:
        self._set(
            data,
            scale,
            "; ".join(
                tr("{m}: mean {a}, agreed {b}, difference {d}").format(
                    m=d.member,
                    a="-" if d.mean_score is None else f"{d.mean_score:.2f}",
                    b="-" if d.mean_agreed is None else f"{d.mean_agreed:.2f}",
                    d="-" if d.bias is None else f"{d.bias:+.2f}",
                )
                for d in data
            ),
        )

    def _paint_row(self, p: QPainter, row: int, d: MemberCalibration, x0: float, step: float, cy: float) -> None:
        self._label(p, row, d.member)
        if d.mean_score is None or d.mean_agreed is None:
            self._note(p, row, tr("nothing agreed yet"))
            return
        xs = self._x(d.mean_score, x0, step)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(GREEN)
        p.drawRect(QRectF(x0, cy - 6, max(1.0, xs - x0), 12))
        xa = self._x(d.mean_agreed, x0, step)
        pen = QPen(self.palette().text().color())
        pen.setWidth(3)
        p.setPen(pen)
        p.drawLine(QPointF(xa, cy - 9), QPointF(xa, cy + 9))
        bias = d.bias or 0.0
        far = abs(bias) >= 0.5
        self._note(
            p,
            row,
            tr("{a:.2f} vs {b:.2f} ({d:+.2f}, n={n})").format(a=d.mean_score, b=d.mean_agreed, d=bias, n=d.n),
            AMBER if far else None,
        )
