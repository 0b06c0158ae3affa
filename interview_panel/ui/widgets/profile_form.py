"""An editable form of a RoleProfile: the chair corrects what the import read before it is used.

What the profile still lacks (``read_warnings``: no behaviours, criteria without a method, ...) is listed at
the top and updated as the chair edits, so a partial import is the start of an edit. Behaviours are added
with a CVF picker: a competency (or all six) at a level, assessed by a method. Rows assessed at interview
are bold and counted in a summary line. ``profile()`` returns the corrected profile with criteria
renumbered (Q1.., K1.., O1..). ``field_selected(text)`` says which imported text the chair is looking at
(a header field gaining focus, a behaviour or criterion row becoming current), for the source view.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.framework import BY_SLUG, COMPETENCIES, CVF_2016, FRAMEWORKS, LEVEL_SCOPE, LEVELS
from ...domain.profile import REQUIREMENTS, SECTION_TITLES, SECTIONS, Behaviour, RoleProfile, read_warnings
from ..context import tr
from ..models.profile import BehavioursModel, CriteriaModel, split_methods
from .delegates import ChoiceDelegate, SpinDelegate
from .look import italic
from .panes import two_panes


def _group(title: str, view: QWidget, *buttons: QWidget) -> QGroupBox:
    """A titled box: ``view`` above a row of ``buttons`` (left-aligned)."""
    box = QGroupBox(title)
    lay = QVBoxLayout(box)
    lay.addWidget(view)
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    lay.addLayout(row)
    return box


def _table(model: object, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    view.setWordWrap(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(False)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    return view


ALL_SIX = "all"


class ProfileForm(QWidget):
    changed = Signal()
    field_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base: RoleProfile | None = None
        self._read_only = False
        grid = self._build_fields()
        bbox = self._build_behaviours()
        cbox = self._build_criteria()
        self._build_notices()
        tables = two_panes(bbox, cbox, (2, 3), orientation=Qt.Orientation.Vertical)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.warnings)
        lay.addLayout(grid)
        lay.addWidget(self.summary)
        lay.addWidget(tables, 1)

        # widths are fitted once per profile (ResizeToContents would re-measure every cell on each change)
        self.behaviours_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.criteria_view.horizontalHeader().setSectionResizeMode(CriteriaModel.TEXT, QHeaderView.ResizeMode.Stretch)

        for line in (self.post_title, self.grade, self.job_evaluation, self.location, self.responsible_to, self.values):
            line.textEdited.connect(self._emit)
        self.job_purpose.textChanged.connect(self._emit)
        self.framework.currentIndexChanged.connect(self._emit)
        self.behaviours.edited.connect(self._emit)
        self.criteria.edited.connect(self._emit)
        for w in (
            self.post_title,
            self.grade,
            self.job_evaluation,
            self.location,
            self.responsible_to,
            self.values,
            self.job_purpose,
        ):
            w.installEventFilter(self)
        self.behaviours_view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._row_selected(self.behaviours, cur)
        )
        self.criteria_view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._row_selected(self.criteria, cur)
        )

    def _build_fields(self) -> QGridLayout:
        """The header fields (title, grade, JE, location, responsible to, framework, values, purpose)."""
        self.post_title = QLineEdit()
        self.grade = QLineEdit()
        self.job_evaluation = QLineEdit()
        self.location = QLineEdit()
        self.responsible_to = QLineEdit()
        self.framework = QComboBox()
        for fw in FRAMEWORKS:
            self.framework.addItem(fw, fw)
        self.values = QLineEdit()
        self.values.setPlaceholderText(tr("comma-separated, e.g. Integrity, Impartiality"))
        self.job_purpose = QPlainTextEdit()
        self.job_purpose.setTabChangesFocus(True)
        self.job_purpose.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        named: tuple[tuple[QWidget, str], ...] = (
            (self.post_title, tr("Post title")),
            (self.grade, tr("Grade")),
            (self.job_evaluation, tr("Job evaluation number")),
            (self.location, tr("Location")),
            (self.responsible_to, tr("Responsible to")),
            (self.framework, tr("Framework")),
            (self.values, tr("Values")),
            (self.job_purpose, tr("Job purpose")),
        )
        for w, name in named:
            w.setAccessibleName(name)

        grid = QGridLayout()
        fields = (
            (tr("Post &title:"), self.post_title),
            (tr("Gra&de:"), self.grade),
            (tr("&Location:"), self.location),
            (tr("Job evaluation (&JE):"), self.job_evaluation),
            (tr("Responsible t&o:"), self.responsible_to),
            (tr("Framewor&k:"), self.framework),
        )
        for n, (text, field) in enumerate(fields):
            lab = QLabel(text)
            lab.setBuddy(field)
            grid.addWidget(lab, n // 2, (n % 2) * 2)
            grid.addWidget(field, n // 2, (n % 2) * 2 + 1)
        for text, field in ((tr("&Values:"), self.values), (tr("Job &purpose:"), self.job_purpose)):
            lab = QLabel(text)
            lab.setBuddy(field)
            r = grid.rowCount()
            grid.addWidget(lab, r, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(field, r, 1, 1, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)

        return grid

    def _build_behaviours(self) -> QGroupBox:
        """The behaviours table and the CVF picker that adds them."""
        self.behaviours = BehavioursModel(self)
        self.behaviours_view = _table(self.behaviours, tr("Behaviours"))
        self.behaviours_view.setItemDelegateForColumn(
            BehavioursModel.LEVEL, SpinDelegate(min(LEVELS), max(LEVELS), self.behaviours_view)
        )
        # the CVF picker: a competency (or all six) at a level, assessed by a method
        self.pick_competency = QComboBox()
        self.pick_competency.setAccessibleName(tr("Competency to add"))
        self.pick_competency.addItem(tr("All six competencies"), ALL_SIX)
        for comp in COMPETENCIES:
            self.pick_competency.addItem(comp.name_2016, comp.slug)
        self.pick_level = QComboBox()
        self.pick_level.setAccessibleName(tr("Level"))
        for level in LEVELS:
            self.pick_level.addItem(tr("Level {n} ({scope})").format(n=level, scope=LEVEL_SCOPE[level].lower()), level)
        self.pick_method = QLineEdit("Interview")
        self.pick_method.setAccessibleName(tr("Assessed by"))
        self.pick_method.setToolTip(tr("Methods separated by /, e.g. Interview / Presentation"))
        self.pick_method.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16)
        self.add_behaviour = QPushButton(tr("&Add behaviour"))
        self.add_behaviour.setToolTip(
            tr(
                "Add the chosen competency (or all six) at the chosen level; one already "
                "listed is set to that level and method"
            )
        )
        self.add_behaviour.clicked.connect(self._add_behaviours)
        self.framework.currentIndexChanged.connect(self._name_competencies)
        self.remove_behaviour = QPushButton(tr("&Remove behaviour"))
        self.remove_behaviour.clicked.connect(lambda: self._remove(self.behaviours_view, self.behaviours))
        bbox = _group(
            tr("Behaviours (double-click a level or method to change it)"),
            self.behaviours_view,
            self.pick_competency,
            self.pick_level,
            self.pick_method,
            self.add_behaviour,
            self.remove_behaviour,
        )

        return bbox

    def _build_criteria(self) -> QGroupBox:
        self.criteria = CriteriaModel(self)
        self.criteria_view = _table(self.criteria, tr("Criteria"))
        self.criteria_view.setItemDelegateForColumn(
            CriteriaModel.SECTION, ChoiceDelegate([(s, SECTION_TITLES[s]) for s in SECTIONS], self.criteria_view)
        )
        self.criteria_view.setItemDelegateForColumn(
            CriteriaModel.REQUIREMENT, ChoiceDelegate([(r, r.capitalize()) for r in REQUIREMENTS], self.criteria_view)
        )
        self.add_criterion = QPushButton(tr("Add &criterion"))
        self.add_criterion.clicked.connect(self._add_criterion)
        self.remove_criterion = QPushButton(tr("Re&move criterion"))
        self.remove_criterion.clicked.connect(lambda: self._remove(self.criteria_view, self.criteria))
        cbox = _group(tr("Criteria"), self.criteria_view, self.add_criterion, self.remove_criterion)

        return cbox

    def _build_notices(self) -> None:
        """What the import could not read (top), and what is asked at interview (under the fields)."""
        self.warnings = QLabel()
        self.warnings.setObjectName("profileWarnings")
        self.warnings.setAccessibleName(tr("What the import could not read"))
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.setFrameShape(QLabel.Shape.StyledPanel)
        self.warnings.setContentsMargins(6, 4, 6, 4)
        font = self.warnings.font()
        font.setBold(True)
        self.warnings.setFont(font)
        self.warnings.hide()

        self.summary = QLabel()
        self.summary.setObjectName("interviewSummary")
        italic(self.summary)
        self.summary.setContentsMargins(0, 4, 0, 4)
        self.summary.setWordWrap(True)

    # -- data --------------------------------------------------------------------------------
    def set_profile(self, profile: RoleProfile | None) -> None:
        self._base = profile
        blockers = [w.blockSignals(True) for w in (self.job_purpose, self.framework)]
        p = profile or RoleProfile(source=None)
        self.post_title.setText(p.post_title or "")
        self.grade.setText(p.grade or "")
        self.job_evaluation.setText(p.job_evaluation or "")
        self.location.setText(p.location or "")
        self.responsible_to.setText(p.responsible_to or "")
        self.framework.setCurrentIndex(max(0, self.framework.findData(p.framework)))
        self.values.setText(", ".join(p.values))
        self.job_purpose.setPlainText(p.job_purpose or "")
        for w, b in zip((self.job_purpose, self.framework), blockers):
            w.blockSignals(b)
        self.behaviours.set_rows(list(p.behaviours))
        self.criteria.set_rows(list(p.criteria))
        cap = self.fontMetrics().averageCharWidth() * 30
        for view, cols in (
            (self.behaviours_view, (1, 2, 3)),
            (self.criteria_view, (0, 1, 2, CriteriaModel.METHODS, CriteriaModel.METHODS + 1)),
        ):
            header = view.horizontalHeader()
            for col in cols:
                view.resizeColumnToContents(col)
                header.resizeSection(col, min(header.sectionSize(col), cap))
        self._update_summary()

    def profile(self) -> RoleProfile:
        """The profile as corrected in the form (criteria renumbered in their current order)."""
        base = self._base or RoleProfile(source=None)

        def opt(edit: QLineEdit) -> str | None:
            return " ".join(edit.text().split()) or None

        values = tuple(v.strip() for v in self.values.text().split(",") if v.strip())
        edited = base.with_changes(
            post_title=opt(self.post_title),
            grade=opt(self.grade),
            job_evaluation=opt(self.job_evaluation),
            location=opt(self.location),
            responsible_to=opt(self.responsible_to),
            framework=self.framework.currentData() or CVF_2016,
            values=values,
            job_purpose=self.job_purpose.toPlainText().strip() or None,
            behaviours=tuple(self.behaviours.rows),
            criteria=tuple(self.criteria.rows),
        ).renumbered()
        # the import's warnings follow the edits (a gap the chair filled is no longer reported)
        return edited.with_changes(warnings=read_warnings(edited) if base.warnings else ())

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for w in (self.post_title, self.grade, self.job_evaluation, self.location, self.responsible_to, self.values):
            w.setReadOnly(read_only)
        self.job_purpose.setReadOnly(read_only)
        self.framework.setEnabled(not read_only)
        for b in (
            self.add_behaviour,
            self.remove_behaviour,
            self.add_criterion,
            self.remove_criterion,
            self.pick_competency,
            self.pick_level,
            self.pick_method,
        ):
            b.setEnabled(not read_only)
        trig = (
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.behaviours_view.setEditTriggers(trig)
        self.criteria_view.setEditTriggers(trig)

    # -- internals ---------------------------------------------------------------------------
    def _emit(self) -> None:
        self._update_summary()
        self.changed.emit()

    def _update_summary(self) -> None:
        b = sum(1 for x in self.behaviours.rows if x.at_interview)
        c = sum(1 for x in self.criteria.rows if x.at_interview)
        has_values = bool(self.values.text().strip())
        text = tr("Asked at interview (bold rows): {b} behaviours, {c} criteria{v}.").format(
            b=b, c=c, v=tr(" and the values") if has_values else ""
        )
        current = self.profile()
        warnings = read_warnings(current) if self._base is not None else ()
        self.warnings.setText("\n".join(f"\u26a0 {w}" for w in warnings))
        self.warnings.setVisible(bool(warnings))
        problems = current.problems() if (self.post_title.text() or self.behaviours.rows) else []
        if problems:
            text += " " + tr("Needs attention: {p}.").format(p="; ".join(problems))
        self.summary.setText(text)

    def _name_competencies(self) -> None:
        fw = self.framework.currentData() or CVF_2016
        for n, comp in enumerate(COMPETENCIES, 1):
            self.pick_competency.setItemText(n, comp.name(fw))

    def _add_behaviours(self) -> None:
        """Add (or set) the picked competency, or all six, at the picked level and method."""
        fw = self.framework.currentData() or CVF_2016
        level = int(self.pick_level.currentData())
        methods = split_methods(self.pick_method.text()) or ("Interview",)
        picked = self.pick_competency.currentData()
        comps = list(COMPETENCIES) if picked == ALL_SIX else [BY_SLUG[picked]]
        for comp in comps:
            new = Behaviour(comp.slug, comp.name(fw), comp.cluster, level, methods)
            row = next((n for n, b in enumerate(self.behaviours.rows) if b.competency == comp.slug), None)
            if row is None:
                self.behaviours.insert(new)
            elif self.behaviours.rows[row] != new:
                self.behaviours.replace_row(row, new)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, (QLineEdit, QPlainTextEdit)):
            text = watched.toPlainText() if isinstance(watched, QPlainTextEdit) else watched.text()
            if watched is self.values:
                text = ""
            self.field_selected.emit(text)
        return super().eventFilter(watched, event)

    def _row_selected(self, model: BehavioursModel | CriteriaModel, current: QModelIndex) -> None:
        if current.isValid() and 0 <= current.row() < len(model.rows):
            obj = model.rows[current.row()]
            self.field_selected.emit(obj.name if isinstance(obj, Behaviour) else obj.text)

    def _add_criterion(self) -> None:
        row = self.criteria.insert(self.criteria.new_criterion())
        self.criteria_view.selectRow(row)
        self.criteria_view.setFocus()
        self.criteria_view.edit(self.criteria.index(row, CriteriaModel.TEXT))

    def _remove(self, view: QTableView, model: BehavioursModel | CriteriaModel) -> None:
        rows = view.selectionModel().selectedRows()
        if rows:
            model.remove(rows[0].row())
