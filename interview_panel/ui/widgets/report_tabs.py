"""The Results page's second and third tabs: the panel's figures (as FOI requests ask for them) and the
equality-monitoring report. Each loads on the database thread when its tab is first shown or the data changes.

Monitoring data is shown here only as group totals, rates and ratios, never beside any candidate's scores;
groups under five are suppressed by the report itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext, tr, user_message


def _pct(v: float | None) -> str:
    return "" if v is None else f"{v:.0%}"


def _num(v: float | None, digits: int = 2) -> str:
    return "" if v is None else f"{v:.{digits}f}"


def _table(parent: QWidget, name: str, headers: list[str]) -> tuple[QTableView, QStandardItemModel]:
    model = QStandardItemModel(0, len(headers), parent)
    model.setHorizontalHeaderLabels(headers)
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view, model


def _row(model: QStandardItemModel, cells: list[str]) -> None:
    items = []
    for text in cells:
        item = QStandardItem(text)
        item.setEditable(False)
        items.append(item)
    model.appendRow(items)


class PanelStatsTab(QWidget):
    """Per member and for the whole panel: scores, mean, lowest, highest, pass rate; and moderation's shift."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("panelStatsTab")
        self.view, self.model = _table(
            self,
            "panelStatsTable",
            [tr("Member"), tr("Scores"), tr("Mean"), tr("Lowest"), tr("Highest"), tr("Pass rate")],
        )
        self.view.setAccessibleName(tr("Panel statistics"))
        self.moderation = QLabel(self)
        self.moderation.setObjectName("moderationShift")
        self.moderation.setWordWrap(True)
        note = QLabel(
            tr(
                "Submitted scores only. The published inter-rater reliability of panel interviews is about "
                "0.74 (compare the ICC on the first tab)."
            ),
            self,
        )
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.moderation)
        lay.addWidget(note)

    def reload(self) -> None:
        from ...services.equality import panel_statistics

        cid = self.ctx.campaign_id
        if cid is None:
            self.model.setRowCount(0)
            return
        self.ctx.db(lambda store: panel_statistics(store, cid), self.show_stats, parent=self)

    def show_stats(self, stats: Any) -> None:
        self.model.setRowCount(0)
        for s in (stats.campaign, *stats.members):
            _row(
                self.model,
                [
                    s.who,
                    str(s.scores),
                    _num(s.mean),
                    "" if s.lowest is None else str(s.lowest),
                    "" if s.highest is None else str(s.highest),
                    _pct(s.pass_rate),
                ],
            )
        if stats.agreed:
            self.moderation.setText(
                tr(
                    "Moderation: {n} agreed scores; {share} differ from the members' median, by "
                    "{shift} points on average."
                ).format(n=stats.agreed, share=_pct(stats.moved_share), shift=_num(stats.mean_shift))
            )
        else:
            self.moderation.setText(tr("Moderation: no agreed scores yet."))


class EqualityTab(QWidget):
    """Selection rate per group and stage, the ratio to the highest group's rate (four-fifths rule) and Fisher's
    exact p. Off until HR's monitoring file is imported."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("equalityTab")
        self.status = QLabel(self)
        self.status.setObjectName("equalityStatus")
        self.status.setWordWrap(True)
        self.import_button = QPushButton(tr("Import monitoring &data…"), self)
        self.import_button.setObjectName("importMonitoring")
        self.import_button.clicked.connect(lambda: self.import_file())
        self.clear_button = QPushButton(tr("Remove monitoring data"), self)
        self.clear_button.setObjectName("clearMonitoring")
        self.clear_button.clicked.connect(self.clear_data)
        self.view, self.model = _table(
            self,
            "equalityTable",
            [
                tr("Category"),
                tr("Stage"),
                tr("Group"),
                tr("Candidates"),
                tr("Selected"),
                tr("Rate"),
                tr("Ratio to highest"),
                tr("Fisher p"),
            ],
        )
        self.view.setAccessibleName(tr("Equality monitoring report"))
        self.notes = QLabel(self)
        self.notes.setObjectName("equalityNotes")
        self.notes.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.import_button)
        top.addWidget(self.clear_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.notes)

    def reload(self) -> None:
        from ...services.equality import equality, monitoring_counts

        cid = self.ctx.campaign_id
        if cid is None:
            self.model.setRowCount(0)
            return
        self.ctx.db(lambda store: (monitoring_counts(store, cid), equality(store, cid)), self.show_report, parent=self)

    def show_report(self, loaded: tuple[tuple[int, int], Any]) -> None:
        (people, categories), report = loaded
        self.model.setRowCount(0)
        self.clear_button.setEnabled(people > 0)
        if not people:
            self.status.setText(
                tr(
                    "Equality monitoring is off for this campaign. Import HR's monitoring file (a "
                    "reference column and one column per category) to report selection rates by "
                    "group. The panel never sees it."
                )
            )
            self.notes.clear()
            return
        self.status.setText(
            tr("Monitoring data for {n} candidate(s) in {c} categor(ies); groups under 5 are suppressed.").format(
                n=people, c=categories
            )
        )
        for stage in report.stages:
            for r in stage.rows:
                if r.suppressed:
                    _row(self.model, [stage.category, stage.stage, r.group, tr("under 5"), "", "", "", ""])
                    continue
                ratio = _num(r.ratio) + (tr("  below 4/5") if r.adverse else "")
                p = tr("highest") if r.highest else ("" if r.p_value is None else f"{r.p_value:.3f}")
                _row(
                    self.model,
                    [stage.category, stage.stage, r.group, str(r.candidates), str(r.selected), _pct(r.rate), ratio, p],
                )
        notes = [*report.warnings, *(w for s in report.stages for w in s.warnings)]
        self.notes.setText("\n".join(notes))

    def import_file(self, path: str | Path | None = None) -> None:
        from ...services.equality import import_monitoring

        cid = self.ctx.campaign_id
        if cid is None:
            return
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                tr("Import monitoring data"),
                str(self.ctx.prefs.output_folder(self.ctx.db_path, cid)),
                tr("Monitoring files (*.csv *.xlsx);;All files (*)"),
            )
            if not chosen:
                return
            path = chosen
        p = Path(path)

        def failed(exc: BaseException) -> None:
            self.status.setText(tr("Not imported: {why}").format(why=user_message(exc)))

        self.ctx.db(lambda store: import_monitoring(store, cid, p), lambda _r: self.reload(), failed)

    def clear_data(self) -> None:
        from ...services.equality import clear_monitoring

        cid = self.ctx.campaign_id
        if cid is not None:
            self.ctx.db(lambda store: clear_monitoring(store, cid), lambda _r: self.reload(), parent=self)
