"""Panel page: the members who score this campaign; exactly one of them may be the chair."""
from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from ...domain.campaign import Member
from ..context import PANEL, AppContext, tr
from ..models.tables import MembersModel
from ..widgets.page import CampaignPage


class PanelPage(CampaignPage):
    watches = (PANEL,)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("panelPage")
        self.model = MembersModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("Panel members"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.note = QLabel(tr("Every member scores each candidate independently; the chair then moderates."))
        self.note.setWordWrap(True)

        self.name = QLineEdit()
        self.name.setAccessibleName(tr("New member's name"))
        self.name.returnPressed.connect(self.add)
        self.name.textChanged.connect(lambda t: self.add_button.setEnabled(bool(t.strip())
                                                                            and self.ctx.campaign_id is not None))
        self.chair = QCheckBox(tr("&Chair of the panel"))
        self.add_button = QPushButton(tr("&Add member"))
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self.add)
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
        self.kit_button.setToolTip(tr("Give a member this campaign on their own laptop; their signed score pack "
                                      "comes back with File ▸ Receive scores…"))
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
        lay.addLayout(laptops)
        lay.addWidget(box)

    def _make_kit(self) -> None:
        from ..dialogs.kits import make_member_kit

        make_member_kit(self.ctx, self)

    def _change_pin(self) -> None:
        from ..dialogs.pin import choose_and_change_pin

        choose_and_change_pin(self.ctx, self)

    def title(self) -> str:
        return tr("Panel")

    def reload(self) -> None:
        from ...services.campaigns import list_members

        cid = self.ctx.campaign_id
        self.load(lambda store: list_members(store, cid), self._show)

    def clear(self) -> None:
        self._show([])

    def _show(self, members: list[Member]) -> None:
        self.model.set_rows(members)
        chair = next((m.name for m in members if m.chair), None)
        self.chair.setEnabled(chair is None)
        if chair is not None:
            self.chair.setChecked(False)
            self.chair.setToolTip(tr("{name} is the chair; a panel has one chair.").format(name=chair))
        else:
            self.chair.setToolTip(tr("The chair moderates once every member has submitted."))

    def add(self) -> None:
        from ...services.campaigns import add_member

        name = " ".join(self.name.text().split())
        if not name or self.ctx.campaign_id is None:
            return
        cid, chair = self.ctx.campaign_id, self.chair.isChecked()

        def done(_m: Member) -> None:
            self.name.clear()
            self.ctx.notify(PANEL)

        self.ctx.db(lambda store: add_member(store, cid, name, chair=chair, actor="chair"), done, parent=self)
