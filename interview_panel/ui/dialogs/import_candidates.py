"""Import candidates from .csv/.xlsx: a preview of the rows, every bad row with its line number.

The file is parsed on the job thread (services.campaigns.parse_candidates_file). Import stays disabled
while there are errors: the import is all-or-nothing, so the chair fixes the file and chooses it again.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QLabel,
                               QListWidget, QPushButton, QTableView, QVBoxLayout, QWidget)

from ..context import CANDIDATES, AppContext, tr
from ..models.tables import candidates_model
from ..widgets.banner import Banner

CANDIDATE_FILTER = "Candidate lists (*.csv *.xlsx);;All files (*)"


class ImportCandidatesDialog(QDialog):
    """Preview ``path`` and import it into the current campaign; ``imported(count)`` on success."""

    imported = Signal(int)
    parsed = Signal()  # the preview is shown (tests wait on it)

    def __init__(self, ctx: AppContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = path
        self.errors: list[tuple[int, str]] = []
        self.setObjectName("importCandidatesDialog")
        self.setWindowTitle(tr("Import candidates from {file}").format(file=path.name))
        self.banner = Banner(self)
        self.summary = QLabel(tr("Reading {file}…").format(file=path.name))
        self.summary.setWordWrap(True)
        self.model = candidates_model(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("Candidates to import"))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.error_list = QListWidget()
        self.error_list.setAccessibleName(tr("Problems in the file"))
        self.error_label = QLabel(tr("&Problems (fix them in the file, then choose it again):"))
        self.error_label.setBuddy(self.error_list)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton(tr("&Import"))
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button = QPushButton(tr("Choose another &file…"))
        self.buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.other_button.clicked.connect(self._choose_other)
        self.other_button.setAutoDefault(False)  # Enter imports; it never opens the file chooser
        self.buttons.accepted.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addWidget(self.summary)
        lay.addWidget(self.view, 3)
        lay.addWidget(self.error_label)
        lay.addWidget(self.error_list, 1)
        lay.addWidget(self.buttons)
        self.import_button.setDefault(True)  # once in the dialog (a default set before has no dialog to tell)
        self.resize(self.fontMetrics().averageCharWidth() * 100, self.fontMetrics().lineSpacing() * 30)
        self._parse()

    def _parse(self) -> None:
        from ...services.campaigns import parse_candidates_file

        path = self.path
        self.import_button.setEnabled(False)
        self.ctx.tasks.job(lambda: parse_candidates_file(path), self._show, self._failed)

    def _show(self, parsed: Any) -> None:
        self.errors = list(parsed.errors)
        self.model.set_rows(parsed.rows)
        self.error_list.clear()
        for line, msg in self.errors:
            self.error_list.addItem(tr("Line {n}: {msg}").format(n=line, msg=msg))
        has_errors = bool(self.errors)
        self.error_label.setVisible(has_errors)
        self.error_list.setVisible(has_errors)
        if has_errors:
            self.summary.setText(tr("{ok} rows read, {bad} with problems. Nothing will be imported until every "
                                    "row is right.").format(ok=len(parsed.rows), bad=len(self.errors)))
            self.banner.show_message(tr("Import is not possible: {n} bad row(s).").format(n=len(self.errors)))
        else:
            self.summary.setText(tr("{n} candidates ready to import.").format(n=len(parsed.rows)))
            self.banner.show_message(None)
        self.import_button.setEnabled(not has_errors and bool(parsed.rows))
        self.parsed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.model.set_rows([])
        self.summary.setText("")
        self.banner.show_message(str(exc))
        self.import_button.setEnabled(False)
        self.parsed.emit()

    def _choose_other(self) -> None:
        path = choose_candidates_file(self)
        if path is not None:
            self.path = path
            self.setWindowTitle(tr("Import candidates from {file}").format(file=path.name))
            self._parse()

    def do_import(self) -> None:
        if self.errors or not self.import_button.isEnabled():
            return
        from ...services.campaigns import import_candidates

        cid, path = self.ctx.campaign_id, self.path
        self.import_button.setEnabled(False)

        def done(plan: Any) -> None:
            self.ctx.notify(CANDIDATES)
            self.ctx.statusMessage.emit(tr("{n} candidates imported.").format(n=len(plan.added)))
            self.imported.emit(len(plan.added))
            self.accept()

        def failed(exc: BaseException) -> None:
            self.banner.show_message(str(exc))

        self.ctx.db(lambda store: import_candidates(store, cid, path, actor="chair"), done, failed)


def choose_candidates_file(parent: QWidget | None) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, tr("Import candidates"), "", tr(CANDIDATE_FILTER))
    return Path(path) if path else None


def open_import(ctx: AppContext, parent: QWidget | None, path: Path | None = None) -> ImportCandidatesDialog | None:
    if path is None:
        path = choose_candidates_file(parent)
        if path is None:
            return None
    dlg = ImportCandidatesDialog(ctx, path, parent)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg
