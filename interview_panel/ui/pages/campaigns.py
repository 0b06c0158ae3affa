"""Campaigns page: the campaigns in this database; open one, or start a new one from a role profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext, tr
from ..ops import Changed
from ..startup.campaign_list import CampaignListModel
from ..startup.first_window import probe_campaigns
from ..widgets.page import CampaignPage

if TYPE_CHECKING:
    from ...services.campaign_list import CampaignSummary


class CampaignsPage(CampaignPage):
    watches = Changed.CAMPAIGNS
    needs_campaign = False
    openRequested = Signal(int)  # the user opened a campaign (the window may switch to its first page)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("campaignsPage")
        self.model = CampaignListModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("Campaigns"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setTabKeyNavigation(False)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(self._activated)

        # bold through rich text, not bold(): see ui/startup
        heading = tr("Campaigns in this database").replace("&", "&amp;").replace("<", "&lt;")
        self.heading = QLabel(f"<b>{heading}</b>")
        self.heading.setObjectName("pageHeading")
        self.empty = QLabel(
            tr(
                "No campaign yet. Start one from a role profile (.docx or .txt): use the button "
                "below or drop the file on this window."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.new_button = QPushButton(tr("&New campaign from role profile…"))
        self.new_button.clicked.connect(self._new_campaign)
        self.open_button = QPushButton(tr("&Open campaign"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(lambda: self._activated(self.view.currentIndex()))
        self.open_button.setEnabled(False)
        self.view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.open_button.setEnabled(cur.isValid())
        )

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.empty)
        lay.addWidget(self.view, 1)
        lay.addLayout(buttons)

    def title(self) -> str:
        return tr("Campaigns")

    def _new_campaign(self) -> None:
        from ..dialogs.new_campaign import start_new_campaign

        start_new_campaign(self.ctx, self.window())

    def reload(self) -> None:
        self.load(probe_campaigns, self._show)

    def expect_rows(self) -> None:
        """Do not query on first show: the app's start-up probe lists the campaigns and hands them over."""
        self._dirty = False

    def show_rows(self, rows: list[CampaignSummary]) -> None:
        """Show ``rows`` (``list_campaigns`` as fetched by the app) as if this page had loaded them."""
        self._dirty = False
        self._show(rows)
        self.loaded.emit()

    def _show(self, rows: list[CampaignSummary]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for n, c in enumerate(self.model.rows):
            if c.id == self.ctx.campaign_id:
                self.view.selectRow(n)

    def _activated(self, index: QModelIndex) -> None:
        c = self.model.row_object(index.row()) if index.isValid() else None
        if c is not None:
            self.ctx.set_campaign(c.id)
            self.openRequested.emit(c.id)
