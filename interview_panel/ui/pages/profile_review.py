"""Profile page: the campaign's role profile as imported, editable until scoring starts.

Saving calls services.campaigns.update_profile (which rebuilds items and questions) and is undoable.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ...domain.campaign import Campaign
from ...domain.profile import RoleProfile
from ...services.campaigns import get_campaign, update_profile
from ..context import AppContext, SnapshotCommand, tr
from ..ops import Changed, Op
from ..widgets.banner import FROZEN, Banner
from ..widgets.page import CampaignPage
from ..widgets.profile_form import ProfileForm


class ProfilePage(CampaignPage):
    watches = Changed.CAMPAIGN

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("profilePage")
        self.campaign: Campaign | None = None
        self.banner = Banner(self)
        self.form = ProfileForm()
        self.form.changed.connect(self._edited)
        self.save_button = QPushButton(tr("&Save profile changes"))
        self.save_button.setEnabled(False)
        self.save_button.setToolTip(tr("Items and questions are rebuilt from the corrected profile."))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(tr("D&iscard changes"))
        self.revert_button.setEnabled(False)
        self.revert_button.clicked.connect(lambda: self._show_campaign(self.campaign))

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addWidget(self.form, 1)
        lay.addLayout(buttons)

    def title(self) -> str:
        return tr("Role profile")

    def reload(self) -> None:
        cid = self.ctx.campaign_id
        if cid is not None:
            self.load(lambda store: get_campaign(store, cid), self._show_campaign)

    def clear(self) -> None:
        self.campaign = None
        self.form.set_profile(None)

    def _show_campaign(self, campaign: Campaign | None) -> None:
        self.campaign = campaign
        if campaign is None:
            self.clear()
            return
        self.form.set_profile(campaign.profile)
        self.form.set_read_only(campaign.scoring_started)
        self.banner.show_message(tr(FROZEN) if campaign.scoring_started else None)
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)

    def _edited(self) -> None:
        dirty = (
            self.campaign is not None
            and not self.campaign.scoring_started
            and self.form.profile() != self.campaign.profile
        )
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def save(self) -> None:
        if self.campaign is None:
            return
        new = self.form.profile()
        problems = new.problems()
        if problems:
            self.banner.show_message(tr("Cannot save: {p}.").format(p="; ".join(problems)))
            return
        self.ctx.undo_stack.push(SnapshotCommand(tr("Edit role profile"), self._apply, self.campaign.profile, new))

    def _apply(self, profile: RoleProfile) -> None:
        """Save ``profile`` (undo/redo land here too) and show the campaign as stored: items and questions
        are rebuilt from it, so the other pages showing the campaign reload; this one shows the result."""
        cid = self.ctx.campaign_id
        if cid is None:
            return
        self.save_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.ctx.undo_stack.clear()  # the stack no longer matches the database
            self.ctx.show_error(self, exc)
            self.mark_dirty()

        save = Op(lambda store: update_profile(store, cid, profile, actor="chair"), Changed.CAMPAIGN)
        self.run(save, self._show_campaign, failed)
