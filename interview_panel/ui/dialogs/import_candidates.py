"""Import candidates from .csv/.xlsx: map the columns, preview new, unchanged and changed rows, import.

The file is read on the job thread (services.campaigns.read_candidates_table). Its columns are mapped from
the header (Forename + Surname, "Candidate No.", Date + Time … are recognised: the same mapping as the
command line); the chair can change any of them with the combo boxes, and the preview is rebuilt on the
database thread against the candidates already in the campaign. Import stays disabled while any row has a
problem (the import is all or nothing) and while changed rows are there but "Update" is not ticked.
Enter triggers Import, never "Choose another file…".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaign import Candidate
from ..context import AppContext, tr, user_message
from ..models.base import Column, ListTableModel
from ..ops import Changed, Op
from ..times import fmt_when
from ..widgets.banner import Banner

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from ...importing.candidates import Table
    from ...services.campaigns import ImportPlan

CANDIDATE_FILTER = "Candidate lists (*.csv *.xlsx);;All files (*)"

# The roles a column can play (services.campaigns.ROLES), in the order the combo boxes are laid out.
ROLES = ("reference", "name", "forename", "surname", "slot", "date", "time")
ROLE_LABELS = {
    "reference": "&Reference:",
    "name": "&Name:",
    "forename": "&Forename:",
    "surname": "S&urname:",
    "slot": "Interview s&lot:",
    "date": "Interview &date:",
    "time": "Interview ti&me:",
}
NEW, UNCHANGED, CHANGED = "new", "unchanged", "changed"


@dataclass(frozen=True)
class PreviewRow:
    status: str  # NEW, UNCHANGED or CHANGED
    line: int
    candidate: Candidate
    change: str = ""  # what a changed row changes, in words


def preview_model(parent: QObject | None = None) -> ListTableModel[PreviewRow]:
    status = {NEW: tr("New"), UNCHANGED: tr("Unchanged"), CHANGED: tr("Changed")}
    return ListTableModel(
        [
            Column(tr("Line"), lambda r: r.line, align=Qt.AlignmentFlag.AlignRight),
            Column(tr("Status"), lambda r: status[r.status]),
            Column(tr("Reference"), lambda r: r.candidate.reference),
            Column(tr("Name"), lambda r: r.candidate.name),
            Column(tr("Interview slot"), lambda r: fmt_when(r.candidate.slot) or tr("not scheduled")),
            Column(tr("Change"), lambda r: r.change, tooltip=lambda r: r.change),
        ],
        parent,
    )


class ImportCandidatesDialog(QDialog):
    """Preview ``path`` and import it into the current campaign; ``imported(count)`` on success."""

    imported = Signal(int)
    parsed = Signal()  # the preview is shown (tests wait on it)

    def __init__(self, ctx: AppContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = path
        self.table: Table | None = None  # the file as read
        self.plan: ImportPlan | None = None  # what importing it with the current mapping does
        self.errors: list[tuple[int, str]] = []
        self.setObjectName("importCandidatesDialog")
        self.setWindowTitle(tr("Import candidates from {file}").format(file=path.name))
        self.banner = Banner(self)
        self.summary = QLabel(tr("Reading {file}…").format(file=path.name))
        self.summary.setWordWrap(True)
        self.combos: dict[str, QComboBox] = {}
        columns = QGroupBox(tr("Columns"))
        grid = QGridLayout(columns)
        for n, role in enumerate(ROLES):
            combo = QComboBox()
            combo.setObjectName(f"column_{role}")
            combo.setEnabled(False)
            combo.currentIndexChanged.connect(lambda _i: self._remap())
            label = QLabel(tr(ROLE_LABELS[role]))
            label.setBuddy(combo)
            combo.setAccessibleName(tr(ROLE_LABELS[role]).replace("&", "").rstrip(":") + tr(" column"))
            self.combos[role] = combo
            row, col = (n, 0) if n < 4 else (n - 4, 2)
            grid.addWidget(label, row, col)
            grid.addWidget(combo, row, col + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.model = preview_model(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("Candidates to import"))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.error_list = QListWidget()
        self.error_list.setAccessibleName(tr("Problems in the file"))
        self.error_label = QLabel(tr("&Problems (fix them in the file, then choose it again):"))
        self.error_label.setBuddy(self.error_list)
        self.update_box = QCheckBox(tr("&Update the changed candidates to the file's name and slot"))
        self.update_box.setObjectName("updateChanged")
        self.update_box.toggled.connect(self._enable)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton(tr("&Import"))
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button = QPushButton(tr("Choose another &file…"))
        self.buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        for b in self.buttons.buttons():
            if isinstance(b, QPushButton):
                b.setAutoDefault(False)  # Enter never presses a button just because it has focus: it imports
        self.other_button.clicked.connect(self._choose_other)
        self.buttons.accepted.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addWidget(self.summary)
        lay.addWidget(columns)
        lay.addWidget(self.view, 3)
        lay.addWidget(self.error_label)
        lay.addWidget(self.error_list, 1)
        lay.addWidget(self.update_box)
        lay.addWidget(self.buttons)
        self.import_button.setDefault(True)  # once in the dialog (a default set before has no dialog to tell)
        self.resize(self.fontMetrics().averageCharWidth() * 140, self.fontMetrics().lineSpacing() * 40)
        self._read()

    # -- reading and mapping -------------------------------------------------------------------------
    def _read(self) -> None:
        from ...services.campaigns import read_candidates_table

        path = self.path
        self.import_button.setEnabled(False)
        self.ctx.tasks.job(lambda: read_candidates_table(path), self._read_done, self._failed)

    def _read_done(self, table: Table) -> None:
        from ...importing.candidates import guess_columns

        self.table = table
        guessed = guess_columns(table.header)
        none = tr("(not in the file)")
        letters = [_column_letter(i) for i in range(len(table.header))]
        for role, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(none, None)
            for i, h in enumerate(table.header):
                combo.addItem(f"{letters[i]}: {h}" if h else letters[i], i)
            combo.setCurrentIndex(combo.findData(guessed[role]) if role in guessed else 0)
            combo.setEnabled(True)
            combo.blockSignals(False)
        self._remap()

    def columns(self) -> dict[str, int]:
        """The mapping the combo boxes show: role -> column index."""
        return {role: c.currentData() for role, c in self.combos.items() if c.currentData() is not None}

    def _remap(self) -> None:
        if self.table is None:
            return
        from ...services.campaigns import preview_import

        table, cols, cid = self.table, self.columns(), self.ctx.campaign_id
        if cid is None:
            return
        self.import_button.setEnabled(False)
        self.ctx.db(lambda store: preview_import(store, cid, table, cols), self._show, self._failed)

    def _show(self, plan: ImportPlan) -> None:
        from ...services.campaigns import describe_change

        self.plan = plan
        parsed = plan.file
        unit = tr("Row") if parsed.unit == "row" else tr("Line")
        self.errors = sorted(list(parsed.errors) + list(plan.clashes))
        rows = [PreviewRow(NEW, n, c) for n, c in plan.new]
        rows += [PreviewRow(UNCHANGED, n, c) for n, c in plan.unchanged]
        rows += [PreviewRow(CHANGED, n, new, describe_change(old, new)) for n, old, new in plan.changed]
        self.model.set_rows(sorted(rows, key=lambda r: r.line))
        if len(rows) <= 500:  # measuring every row of a long list would stall the GUI thread
            for col in (0, 1, 2, 4):
                self.view.resizeColumnToContents(col)
        self.error_list.clear()
        for line, msg in self.errors:
            self.error_list.addItem(tr("{unit} {n}: {msg}").format(unit=unit, n=line, msg=msg))
        has_errors = bool(self.errors)
        self.error_label.setVisible(has_errors)
        self.error_list.setVisible(has_errors)
        self.update_box.setVisible(bool(plan.changed))
        counts = tr("{new} new, {same} unchanged, {changed} changed.").format(
            new=len(plan.new), same=len(plan.unchanged), changed=len(plan.changed)
        )
        if has_errors:
            self.summary.setText(
                counts
                + " "
                + tr("{bad} with problems: nothing will be imported until every row is right.").format(
                    bad=len(self.errors)
                )
            )
            header_line = self.table.header_line if self.table is not None else None
            header = any(n == header_line for n, _ in parsed.errors)
            self.banner.show_message(
                tr("Choose the columns that hold the reference and the name.")
                if header
                else tr("Import is not possible: {n} bad row(s).").format(n=len(self.errors))
            )
        else:
            self.summary.setText(counts)
            self.banner.show_message(None)
        self._enable()
        self.parsed.emit()

    def _enable(self) -> None:
        plan = self.plan
        if plan is None:
            self.import_button.setEnabled(False)
            return
        update = self.update_box.isChecked()
        if not self.errors and plan.changed and not update:
            self.banner.show_message(
                tr(
                    "{n} row(s) change candidates already in the campaign: tick “Update” to "
                    "change them, or correct the file."
                ).format(n=len(plan.changed))
            )
        elif not self.errors:
            self.banner.show_message(None)
        ok = not self.errors and (plan.changed == [] or update) and bool(plan.new or plan.changed)
        self.import_button.setEnabled(ok)

    def _failed(self, exc: BaseException) -> None:
        self.plan = None
        self.model.set_rows([])
        self.summary.setText("")
        self.banner.show_message(user_message(exc))
        self.import_button.setEnabled(False)
        self.parsed.emit()

    def _choose_other(self) -> None:
        path = choose_candidates_file(self)
        if path is not None:
            self.path = path
            self.table = self.plan = None
            self.setWindowTitle(tr("Import candidates from {file}").format(file=path.name))
            self._read()

    # -- importing -----------------------------------------------------------------------------------
    def do_import(self) -> None:
        if self.errors or not self.import_button.isEnabled():
            return
        from ...services.campaigns import import_candidates

        cid, path, cols, update = self.ctx.campaign_id, self.path, self.columns(), self.update_box.isChecked()
        if cid is None:
            return
        self.import_button.setEnabled(False)

        def done(plan: ImportPlan) -> None:
            self.ctx.statusMessage.emit(tr("Candidates imported: {summary}.").format(summary=plan.summary()))
            self.imported.emit(len(plan.added) + len(plan.changed))
            self.accept()

        def failed(exc: BaseException) -> None:  # e.g. the file was changed since the preview
            self.banner.show_message(user_message(exc))
            self.import_button.setEnabled(True)

        add = Op(
            lambda store: import_candidates(store, cid, path, actor="chair", update=update, columns=cols),
            Changed.CANDIDATES,
        )
        self.ctx.run(add, done, failed)


def _column_letter(i: int) -> str:
    """Spreadsheet column letters: 0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def choose_candidates_file(parent: QWidget | None) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

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
