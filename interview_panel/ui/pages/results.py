"""Results: the ranked table, the spread and calibration charts, and the HR exports.

Contract:
- Everything shown comes from one ``services.moderation.results`` call (database thread): totals, gating
  failures, outcome and rank are the service's, exactly as the CLI and the exports give them.
- Exports ask for a file name, then run ``services.exports.export_workbook`` / ``export_pdf`` on the job
  thread with their own store connection and a :class:`Progress`; a cancellable progress dialog appears if
  the job takes longer than half a second. Cancelling leaves no file behind (the export writes atomically).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.agreement import PanelAgreement, panel_agreement
from ...domain.campaign import CampaignResults
from ...domain.charts import ChartFigures, chart_figures
from ...domain.progress import Progress
from ...domain.scoring import APPOINTABLE
from ...services import moderation as moderation_service
from ..context import CAMPAIGN, CANDIDATES, MODERATION, PANEL, SCORES, AppContext, tr, user_message
from ..models.results_model import ResultsModel
from ..shortcuts import page_action
from ..widgets import colours
from ..widgets.charts import CalibrationChart, ItemSpreadChart
from ..widgets.page import CampaignPage
from ..widgets.panes import two_panes

WORKBOOK = "xlsx"
PDF = "pdf"


class Loaded(NamedTuple):
    """One load of the page: the results and what the page derives from them (built off the GUI thread)."""

    results: CampaignResults
    agreement: PanelAgreement
    figures: ChartFigures  # the charts' figures (domain.charts: the PDF record and the CLI give the same)


class _ProgressBridge(QObject):
    """Carries progress from the job thread to the GUI thread (queued signal); never touches widgets."""

    progressed = Signal(int, int, str)


def _run_export(kind: str, db_path: Path, cid: int, out: Path, progress: Progress, anonymise: bool = False) -> Path:
    """The job-thread body: its own store connection (a store is used from one thread only)."""
    from ...services import exports
    from ...services.store import open_store

    fn: Callable[..., Any] = exports.export_workbook if kind == WORKBOOK else exports.export_pdf
    store = open_store(db_path)
    try:
        fn(store, cid, out, progress=progress, **({"anonymise": True} if anonymise else {}))
    finally:
        store.close()
    return out


class ResultsPage(CampaignPage):
    """See the module docstring. ``ctx`` is the shared AppContext. Loads when shown (CampaignPage)."""

    exportFinished = Signal(str, object)  # kind, Path (or None when it failed / was cancelled)
    watches = (SCORES, MODERATION, CANDIDATES, PANEL, CAMPAIGN)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("resultsPage")
        self.results: CampaignResults | None = None
        self.progress_dialog: QProgressDialog | None = None
        self._progress: Progress | None = None
        self._build()

    def _build(self) -> None:
        top = self._build_top()
        split = two_panes(self._build_table(), self._build_charts(), (3, 2), sizes=(700, 520), parent=self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("resultsTabs")
        self.tabs.addTab(split, tr("Ranked results"))
        self._report_tabs: dict[int, Any] = {}  # built when first shown: the ranked results come first
        self.tabs.addTab(QWidget(), tr("Panel statistics"))
        self.tabs.addTab(QWidget(), tr("Equality monitoring"))
        self.tabs.currentChanged.connect(self._tab_shown)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.message)
        self.setTabOrder(self.table, self.refresh_button)
        self.setTabOrder(self.refresh_button, self.workbook_button)
        self.setTabOrder(self.workbook_button, self.pdf_button)
        self.setTabOrder(self.pdf_button, self.spread_chart)
        self.setTabOrder(self.spread_chart, self.calibration_chart)
        page_action(self, tr("&Export the HR workbook…"), "Ctrl+E", lambda: self.export(WORKBOOK))
        page_action(self, tr("Export the &PDF record…"), "Ctrl+P", lambda: self.export(PDF))
        page_action(self, tr("&Refresh"), "F5", self._refresh)
        self._set_export_enabled(False)

    def _build_top(self) -> QHBoxLayout:
        """The summary, Refresh and the export buttons; the export message (shown under the tabs)."""
        self.summary = QLabel(self)
        self.summary.setObjectName("resultsSummary")
        self.summary.setWordWrap(True)
        self.workbook_button = QPushButton(tr("Export &workbook (Excel)…"), self)
        self.workbook_button.setObjectName("exportWorkbook")
        self.workbook_button.setToolTip(tr("The HR workbook: results, scores, items, audit (Ctrl+E)"))
        self.workbook_button.clicked.connect(lambda: self.export(WORKBOOK))
        self.anonymise_box = QCheckBox(tr("A&nonymised (research)"), self)
        self.anonymise_box.setObjectName("exportAnonymised")
        self.anonymise_box.setToolTip(
            tr(
                "The workbook with random ids instead of references, without names, "
                "notes, rationales or the audit log; never monitoring data"
            )
        )
        self.pdf_button = QPushButton(tr("Export &PDF record…"), self)
        self.pdf_button.setObjectName("exportPdf")
        self.pdf_button.setToolTip(tr("The PDF record for the file (Ctrl+P)"))
        self.pdf_button.clicked.connect(lambda: self.export(PDF))
        self.refresh_button = QPushButton(tr("&Refresh"), self)
        self.refresh_button.clicked.connect(self._refresh)
        self.message = QLabel(self)
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.workbook_button)
        top.addWidget(self.anonymise_box)
        top.addWidget(self.pdf_button)
        return top

    def _build_table(self) -> QTableView:
        self.model = ResultsModel(self)  # sorts itself (see ResultsModel.sort): no proxy on 2,000 rows
        self.table = QTableView(self)
        self.table.setObjectName("resultsTable")
        self.table.setAccessibleName(tr("Ranked results"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        for col, w in enumerate((46, 80, 150, 86, 46, 64, 110)):
            self.table.setColumnWidth(col, w)
        return self.table

    def _build_charts(self) -> QScrollArea:
        """The panel agreement line and the two charts, in a scroll area."""
        self.spread_chart = ItemSpreadChart(self)
        self.spread_chart.setObjectName("spreadChart")
        self.calibration_chart = CalibrationChart(self)
        self.calibration_chart.setObjectName("calibrationChart")
        self.agreement = QLabel(self)
        self.agreement.setObjectName("agreementLabel")
        self.agreement.setWordWrap(True)
        self.agreement.setContentsMargins(4, 0, 4, 4)  # lined up with the charts' titles
        self.agreement.setAccessibleName(tr("Panel agreement"))
        self.agreement.setToolTip(
            tr(
                "How consistently the members scored the same answers, over every "
                "candidate whose whole panel has submitted. ICC(2,1): below 0.50 poor, "
                "0.50-0.75 moderate, 0.75-0.90 good, above 0.90 excellent. "
                "Krippendorff's alpha: 0.80 and above reliable, 0.667-0.80 tentative."
            )
        )
        self.agreement.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        charts = QWidget(self)
        cl = QVBoxLayout(charts)
        cl.addWidget(self.agreement)
        cl.addWidget(self.spread_chart)
        cl.addWidget(self.calibration_chart)
        cl.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(charts)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        return scroll

    def _tab_shown(self, index: int) -> None:
        """The statistics and equality tabs are built, and load, the first time they are shown."""
        if index == 0:
            return
        tab = self._report_tabs.get(index)
        if tab is None:
            from ..widgets.report_tabs import EqualityTab, PanelStatsTab

            tab = (PanelStatsTab if index == 1 else EqualityTab)(self.ctx, self)
            title = self.tabs.tabText(index)
            self.tabs.blockSignals(True)
            placeholder = self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, tab, title)
            self.tabs.setCurrentIndex(index)
            self.tabs.blockSignals(False)
            if placeholder is not None:
                placeholder.deleteLater()
            self._report_tabs[index] = tab
        tab.reload()

    def report_tab(self, index: int) -> Any:
        """Show tab ``index`` (1: panel statistics, 2: equality monitoring) and return it."""
        self.tabs.setCurrentIndex(index)
        return self._report_tabs[index]

    # ------------------------------------------------------------------------------ loading ----
    def clear(self) -> None:
        self._show(None)
        self.summary.setText(tr("No campaign open."))

    def reload(self) -> None:
        self.summary.setText(tr("Loading…"))
        cid = self.ctx.campaign_id
        assert cid is not None  # a CampaignPage loads only with a campaign open

        def read(store: Any) -> Loaded:
            # everything derived from the results is computed here too: the agreement and the two charts'
            # figures take ~0.3 s on 2,000 candidates x 25 items, which the GUI thread must not spend
            res = moderation_service.results(store, cid, audit=False)
            return Loaded(res, panel_agreement(res), chart_figures(res))

        self.load(read, self._loaded)

    def _loaded(self, loaded: Loaded) -> None:
        self._show(loaded)
        current = self._report_tabs.get(self.tabs.currentIndex())
        if current is not None:
            current.reload()

    def _show(self, loaded: Loaded | None) -> None:
        res = loaded.results if loaded is not None else None
        self.results = res
        self.model.set_results(res)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._set_export_enabled(res is not None)
        if loaded is None or res is None:
            self.spread_chart.set_data([], self.spread_chart._scale)
            self.calibration_chart.set_data([], self.calibration_chart._scale)
            self.agreement.clear()
            return
        self.agreement.setText(loaded.agreement.summary())
        self.spread_chart.set_data(list(loaded.figures.spreads), res.rules.scale, res.rules.spread_threshold)
        self.calibration_chart.set_data(list(loaded.figures.calibration), res.rules.scale)
        n = len(res.candidates)
        appointable = sum(1 for c in res.candidates if c.outcome == APPOINTABLE)
        pending = sum(1 for c in res.candidates if c.outcome is None)
        title = res.profile.post_title or ""
        self.summary.setText(
            tr("<b>{name}</b> — {post}: {n} candidates, {a} appointable, {p} not yet decided").format(
                name=res.campaign_name, post=title, n=n, a=appointable, p=pending
            )
        )

    # ------------------------------------------------------------------------------ exports ----
    def _set_export_enabled(self, enabled: bool) -> None:
        busy = self._progress is not None
        self.workbook_button.setEnabled(enabled and not busy)
        self.pdf_button.setEnabled(enabled and not busy)

    def export(self, kind: str) -> None:
        """Ask where to save, then export in the background."""
        if self.ctx.campaign_id is None or self._progress is not None:
            return
        name = (self.results.campaign_name if self.results else "results").replace("/", "-")
        prefs, cid = self.ctx.prefs, self.ctx.campaign_id
        folder = prefs.output_folder(self.ctx.db_path, cid)  # exists: Documents, home, or where it went last
        if kind == WORKBOOK:
            if self.anonymise_box.isChecked():
                name += "-anonymised"
            path, _ = QFileDialog.getSaveFileName(
                self, tr("Export the HR workbook"), str(folder / f"{name}.xlsx"), tr("Excel workbook (*.xlsx)")
            )
        else:
            path, _ = QFileDialog.getSaveFileName(
                self, tr("Export the PDF record"), str(folder / f"{name}.pdf"), tr("PDF document (*.pdf)")
            )
        if path:
            prefs.remember_output_folder(self.ctx.db_path, cid, path)
            self.export_to(kind, Path(path))

    def export_to(self, kind: str, out: Path) -> Progress:
        """Start the export of ``kind`` (WORKBOOK or PDF) to ``out``; returns its Progress (to cancel)."""
        cid = self.ctx.campaign_id
        assert cid is not None
        anonymise = kind == WORKBOOK and self.anonymise_box.isChecked()
        bridge = _ProgressBridge(self)
        progress = Progress(lambda done, total, msg: bridge.progressed.emit(done, total, msg))
        self._progress = progress
        self._set_export_enabled(True)
        label = tr("Writing the workbook…") if kind == WORKBOOK else tr("Writing the PDF record…")
        dlg = QProgressDialog(label, tr("Cancel"), 0, 0, self)
        dlg.setObjectName("exportProgress")
        dlg.setWindowTitle(tr("Export"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(500)  # only for jobs longer than half a second
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.canceled.connect(progress.cancel)
        self.progress_dialog = dlg

        def on_progress(done: int, total: int, msg: str) -> None:
            if total > 0:
                dlg.setMaximum(total)
                dlg.setValue(min(done, total))
            if msg:
                dlg.setLabelText(msg)

        bridge.progressed.connect(on_progress)
        self.message.setText(label)

        def finish(path: Path | None, text: str, error: bool) -> None:
            self._progress = None
            self.progress_dialog = None
            dlg.reset()
            dlg.hide()
            dlg.deleteLater()
            bridge.deleteLater()
            self._set_export_enabled(self.results is not None)
            self.message.setText(text)
            self.message.setStyleSheet(f"color:{colours.css(colours.ERROR, self.palette())};" if error else "")
            self.ctx.statusMessage.emit(text)
            self.exportFinished.emit(kind, path)

        self.ctx.tasks.job(
            lambda: _run_export(kind, self.ctx.db_path, cid, out, progress, anonymise),
            lambda path: finish(path, tr("Saved {file}").format(file=path), False),
            lambda exc: finish(None, user_message(exc), True),
        )
        return progress
