"""Panel page: the members who score this campaign; exactly one of them may be the chair.

Corrections (undoable, Edit ▸ Undo): rename a member, remove a member who has no scores, make another
member the chair before moderation begins. Enter on the name box or on the Chair checkbox adds the member;
Space toggles the checkbox.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaign import Member
from ...services.campaigns import add_member, list_members
from ...services.corrections import remove_member, rename_member, set_chair
from ..context import AppContext, tr
from ..models.tables import MembersModel
from ..ops import Changed, Op
from ..widgets.commands import DbCommand
from ..widgets.page import CampaignPage


class EnterCheckBox(QCheckBox):
    """A checkbox on which Enter/Return activates the form (``entered``); Space toggles it as usual."""

    def __init__(self, text: str, on_enter: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._on_enter = on_enter

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_enter()
            event.accept()
            return
        super().keyPressEvent(event)


class PanelPage(CampaignPage):
    watches = Changed.PANEL

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("panelPage")
        self.model = MembersModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("Panel members"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.note = QLabel(tr("Every member scores each candidate independently; the chair then moderates."))
        self.note.setWordWrap(True)

        self.rename_button = QPushButton(tr("Rena&me…"))
        self.rename_button.setObjectName("renameMember")
        self.rename_button.clicked.connect(self.rename_selected)
        self.remove_button = QPushButton(tr("Remo&ve"))
        self.remove_button.setObjectName("removeMember")
        self.remove_button.setToolTip(tr("Take the member off the panel (only while they have no scores)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.chair_button = QPushButton(tr("Make chai&r"))
        self.chair_button.setObjectName("makeChair")
        self.chair_button.setToolTip(tr("Make this member the chair instead (only before moderation begins)"))
        self.chair_button.clicked.connect(self.make_selected_chair)
        self.view.selectionModel().currentRowChanged.connect(lambda _c, _p: self._update_buttons())
        tools = QHBoxLayout()
        for b in (self.rename_button, self.remove_button, self.chair_button):
            tools.addWidget(b)
        tools.addStretch(1)

        self.add_button = QPushButton(tr("&Add member"))
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self.add)
        self.name = QLineEdit()
        self.name.setAccessibleName(tr("New member's name"))
        self.name.returnPressed.connect(self.add)
        self.name.textChanged.connect(
            lambda t: self.add_button.setEnabled(bool(t.strip()) and self.ctx.campaign_id is not None)
        )
        self.chair = EnterCheckBox(tr("&Chair of the panel"), self.add)
        self.chair.setObjectName("chairCheck")
        box = QGroupBox(tr("Add a member"))
        form = QFormLayout(box)
        form.addRow(tr("&Name:"), self.name)
        row = QHBoxLayout()
        row.addWidget(self.chair)
        row.addStretch(1)
        row.addWidget(self.add_button)
        form.addRow("", row)

        self.kit_button = QPushButton(tr("Make member &kit…"))
        self.kit_button.setObjectName("makeKitButton")
        self.kit_button.setToolTip(
            tr(
                "Give a member this campaign on their own laptop; their signed score pack "
                "comes back with File ▸ Receive scores…"
            )
        )
        self.kit_button.clicked.connect(self._make_kit)
        self.pin_button = QPushButton(tr("Set or change a &PIN…"))
        self.pin_button.setObjectName("pinButton")
        self.pin_button.clicked.connect(self._change_pin)
        laptops = QHBoxLayout()
        laptops.addWidget(self.kit_button)
        laptops.addWidget(self.pin_button)
        laptops.addStretch(1)

        lay = QVBoxLayout(self)
        lay.addWidget(self.note)
        lay.addWidget(self.view, 1)
        lay.addLayout(tools)
        lay.addLayout(laptops)
        lay.addWidget(box)
        self._update_buttons()

    def _make_kit(self) -> None:
        from ..dialogs.kits import make_member_kit

        make_member_kit(self.ctx, self)

    def _change_pin(self) -> None:
        from ..dialogs.pin import choose_and_change_pin

        choose_and_change_pin(self.ctx, self)

    def title(self) -> str:
        return tr("Panel")

    def reload(self) -> None:
        cid = self.ctx.campaign_id
        if cid is not None:
            self.load(lambda store: list_members(store, cid), self._show)

    def clear(self) -> None:
        self._show([])

    def _show(self, members: list[Member]) -> None:
        keep = self.selected()
        self.model.set_rows(members)
        chair = next((m.name for m in members if m.chair), None)
        self.chair.setEnabled(chair is None)
        if chair is not None:
            self.chair.setChecked(False)
            self.chair.setToolTip(tr("{name} is the chair; a panel has one chair.").format(name=chair))
        else:
            self.chair.setToolTip(tr("The chair moderates once every member has submitted."))
        if keep is not None:
            self.select(keep.name)
        self._update_buttons()

    # -- selection ---------------------------------------------------------------------------------
    def selected(self) -> Member | None:
        idx = self.view.selectionModel().currentIndex()
        if not idx.isValid() or idx.row() >= self.model.rowCount():
            return None
        return self.model.row_object(idx.row())

    def select(self, name: str) -> None:
        for r, member in enumerate(self.model.rows):
            if member.name == name:
                self.view.selectRow(r)
                self.view.setCurrentIndex(self.model.index(r, 0))
                return

    def _update_buttons(self) -> None:
        m = self.selected()
        for b in (self.rename_button, self.remove_button):
            b.setEnabled(m is not None)
        self.chair_button.setEnabled(m is not None and not m.chair)

    # -- actions -------------------------------------------------------------------------------------
    def add(self) -> None:
        name = " ".join(self.name.text().split())
        if not name or self.ctx.campaign_id is None:
            return
        cid, chair = self.ctx.campaign_id, self.chair.isChecked()

        # announced to every page, this one included: the new row comes with its reload
        add = Op(lambda store: add_member(store, cid, name, chair=chair, actor="chair"), Changed.PANEL)
        self.ctx.run(add, lambda _m: self.name.clear(), parent=self)

    def rename_selected(self) -> None:
        m = self.selected()
        if m is None:
            return
        dlg = QInputDialog(self)
        dlg.setObjectName("renameMemberDialog")
        dlg.setWindowTitle(tr("Rename panel member"))
        dlg.setLabelText(tr("New name for {name}:").format(name=m.name))
        dlg.setTextValue(m.name)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.textValueSelected.connect(lambda text: self.rename(m.name, text))
        dlg.open()

    def rename(self, old: str, new: str) -> None:
        """Rename ``old`` to ``new`` (undoable)."""
        new = " ".join(new.split())
        cid = self.ctx.campaign_id
        if cid is None or not new or new == old:
            return
        self.ctx.undo_stack.push(
            DbCommand(
                self.ctx,
                tr("Rename {old} to {new}").format(old=old, new=new),
                lambda store: rename_member(store, cid, old, new),
                lambda store: rename_member(store, cid, new, old),
                Changed.PANEL,
                self,
            )
        )

    def remove_selected(self) -> None:
        """Remove the selected member (undoable; refused with a message when they have scores)."""
        m = self.selected()
        cid = self.ctx.campaign_id
        if m is None or cid is None:
            return
        self.ctx.undo_stack.push(
            DbCommand(
                self.ctx,
                tr("Remove {name}").format(name=m.name),
                lambda store: remove_member(store, cid, m.name),
                lambda store: add_member(store, cid, m.name, chair=m.chair),
                Changed.PANEL,
                self,
            )
        )

    def make_selected_chair(self) -> None:
        """Make the selected member the chair (undoable; refused once moderation has begun)."""
        m = self.selected()
        cid = self.ctx.campaign_id
        if m is None or cid is None or m.chair:
            return
        previous = next((x.name for x in self.model.rows if x.chair), None)
        self.ctx.undo_stack.push(
            DbCommand(
                self.ctx,
                tr("Make {name} the chair").format(name=m.name),
                lambda store: set_chair(store, cid, m.name),
                lambda store: set_chair(store, cid, previous),
                Changed.PANEL,
                self,
            )
        )
