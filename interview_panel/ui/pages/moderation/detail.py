"""The moderation page's detail pane: one candidate and item (why moderation is not open yet, the members'
scores and notes, the agreed score and its rationale, with the chair's rationale presets) and the actions."""

from __future__ import annotations

import html

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ....domain.campaign import CandidateResult, Member
from ....domain.items import Item
from ....domain.scoring import ScoringRules
from ...context import tr
from ...models.moderation_model import MemberScoresModel, flag_text
from ...widgets import colours

PRESETS_KEY = "moderation/rationale_presets"
DEFAULT_PRESETS = (
    "Scores either side of the pass mark; after discussion the panel agreed the evidence met the required "
    "level, so the panel median stands.",
    "Scores either side of the pass mark; after discussion the panel agreed the evidence fell short of the "
    "required level.",
    "Wide spread: one member had noted evidence the others had not; after discussion the panel agreed this score.",
    "The example described the team's actions more than the candidate's own; the panel agreed this score.",
)


def _button(text: str, name: str, tip: str, parent: QWidget) -> QPushButton:
    b = QPushButton(text, parent)
    b.setObjectName(name)
    b.setToolTip(tip)
    return b


class ModerationDetail(QWidget):
    """See the module docstring. The page connects the buttons and decides what is enabled."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setMinimumWidth(340)
        self._labels()
        self._inputs()
        self._buttons()
        self._lay_out()
        self.fill_presets()

    # ------------------------------------------------------------------------------- layout ----
    def _labels(self) -> None:
        self.detail_title = QLabel(self)
        self.detail_title.setObjectName("detailTitle")
        self.detail_title.setWordWrap(True)
        self.reason = QLabel(self)  # why moderation is not open (waiting for submissions, withdrawn...)
        self.reason.setObjectName("moderationReason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet(colours.box_css(colours.NOTE_BOX, self.palette()))
        self.reason.setVisible(False)
        self.item_title = QLabel(self)
        self.item_title.setObjectName("itemTitle")
        self.item_title.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("moderationMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Moderation message"))

    def _inputs(self) -> None:
        self.members_model = MemberScoresModel(self)
        self.members_view = QTableView(self)
        self.members_view.setObjectName("memberScores")
        self.members_view.setAccessibleName(tr("Each member's score and notes for the selected item"))
        self.members_view.setModel(self.members_model)
        self.members_view.verticalHeader().setVisible(False)
        self.members_view.setWordWrap(True)
        self.members_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        mh = self.members_view.horizontalHeader()
        for col, mode in enumerate(("ResizeToContents", "ResizeToContents", "Stretch", "ResizeToContents")):
            mh.setSectionResizeMode(col, getattr(QHeaderView.ResizeMode, mode))
        self.members_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.agreed_spin = QSpinBox(self)
        self.agreed_spin.setObjectName("agreedScore")
        self.agreed_spin.setAccessibleName(tr("Agreed score"))
        self.agreed_spin.setMaximumWidth(90)
        self.rationale = QPlainTextEdit(self)
        self.rationale.setObjectName("rationaleEdit")
        self.rationale.setAccessibleName(tr("Rationale for the agreed score"))
        self.rationale.setTabChangesFocus(True)
        self.rationale.setPlaceholderText(tr("Why the panel agreed this score (required when flagged)"))
        self.rationale.setMaximumHeight(110)
        self.preset_combo = QComboBox(self)
        self.preset_combo.setObjectName("rationalePresets")
        self.preset_combo.setAccessibleName(tr("Rationale presets"))
        self.preset_combo.setToolTip(tr("Pick a rationale to start from; edit it before agreeing if needed"))
        self.preset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset_combo.setMinimumContentsLength(20)
        self.preset_combo.activated.connect(self._preset_chosen)

    def _buttons(self) -> None:
        self.edit_presets_button = _button(tr("Edit presets…"), "editPresetsButton", "", self)
        self.edit_presets_button.clicked.connect(self.edit_presets)
        self.straddle_button = _button(
            tr("&Bulk-agree ± pass items (median passes)"),
            "agreeStraddlesButton",
            tr(
                "For every candidate shown: each item still to agree whose only flag is "
                "± pass and whose panel median reaches the pass mark is agreed at the "
                "median, with the rationale above (Ctrl+Shift+M)"
            ),
            self,
        )
        self.view_button = _button(
            tr("Candi&date view…"),
            "candidateViewButton",
            tr("Every item of this candidate on one screen (Ctrl+D)"),
            self,
        )
        self.agree_button = _button(
            tr("&Agree score"), "agreeButton", tr("Record the agreed score for this item (Ctrl+Enter)"), self
        )
        self.median_button = _button(
            tr("Agree the remaining &unflagged items at the panel median"),
            "agreeMedianButton",
            tr("One action for every item of this candidate that is not flagged and not yet agreed (Ctrl+M)"),
            self,
        )

    def _lay_out(self) -> None:
        form = QFormLayout()
        agreed_label = QLabel(tr("Agreed &score:"), self)
        agreed_label.setBuddy(self.agreed_spin)
        form.addRow(agreed_label, self.agreed_spin)
        presets = QHBoxLayout()
        presets.addWidget(self.preset_combo, 1)
        presets.addWidget(self.edit_presets_button)
        preset_label = QLabel(tr("&Preset:"), self)
        preset_label.setBuddy(self.preset_combo)
        form.addRow(preset_label, presets)
        rationale_label = QLabel(tr("Ra&tionale:"), self)
        rationale_label.setBuddy(self.rationale)
        form.addRow(rationale_label, self.rationale)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 0, 0, 0)
        for w in (self.detail_title, self.reason, self.item_title):
            lay.addWidget(w)
        lay.addWidget(self.members_view, 1)
        lay.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.agree_button)
        buttons.addStretch(1)
        buttons.addWidget(self.view_button)
        lay.addLayout(buttons)
        for end in (self.median_button, self.straddle_button, self.message):
            lay.addWidget(end)

    # -------------------------------------------------------------------------------- showing ----
    def show_nothing(self) -> None:
        self.detail_title.setText(tr("Select a candidate and an item in the grid."))
        self.item_title.setText("")
        self.reason.setVisible(False)
        self.members_model.show(None, None, [])

    def show_item(
        self, cr: CandidateResult, item: Item, rules: ScoringRules, members: list[Member], median: int | None
    ) -> None:
        """Show ``item`` of ``cr`` as the domain assessed it; the agreed score input starts at the agreed
        score, else at the panel ``median``. Members' scores only once moderation is open (``cr.ready``)."""
        e = html.escape
        ready = cr.ready
        slot = cr.candidate.slot.strftime(" · %d %b %H:%M") if cr.candidate.slot else ""
        self.detail_title.setText(f"<b>{e(cr.reference)} — {e(cr.candidate.name)}</b>{e(slot)}")
        flags = cr.flags.get(item.id, []) if ready else []
        gating = tr(" · gating (pass mark {n})").format(n=rules.pass_mark) if rules.is_gating(item) else ""
        warning = colours.css(colours.WARNING, self.palette())
        flag_html = f"<br><span style='color:{warning}'><b>{e(flag_text(flags))}</b></span>" if flags else ""
        agreed_html = ""
        if item.id in cr.agreed:
            why = cr.rationale.get(item.id)
            agreed_html = f"<br>{e(tr('Agreed {n}').format(n=cr.agreed[item.id]))}" + (f": {e(why)}" if why else "")
        self.item_title.setText(f"<b>{e(item.label)}</b>{e(gating)}{flag_html}{agreed_html}")
        self.members_model.show(cr if ready else None, item.id, members)
        if item.id in cr.agreed:
            self.agreed_spin.setValue(cr.agreed[item.id])
        elif median is not None and ready:
            self.agreed_spin.setValue(median)
        self.rationale.setPlainText(cr.rationale.get(item.id, ""))
        why_not = cr.not_ready or tr("not every member has submitted")
        self.reason.setText(
            "" if ready else tr("Moderation is not open for this candidate: {reason}").format(reason=why_not)
        )
        self.reason.setVisible(not ready)

    def set_enabled(self, enabled: bool, *, median: bool, straddle: bool, view: bool) -> None:
        for w in (self.agreed_spin, self.rationale, self.agree_button, self.preset_combo):
            w.setEnabled(enabled)
        self.median_button.setEnabled(median)
        self.straddle_button.setEnabled(straddle)
        self.view_button.setEnabled(view)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        colour = colours.css(colours.ERROR if error else colours.POSITIVE, self.palette())
        self.message.setStyleSheet(f"color:{colour};" + ("font-weight:bold;" if error else ""))

    # ------------------------------------------------------------------------- rationale presets -----
    def presets(self) -> list[str]:
        """The chair's rationale presets (settings), or the defaults."""
        saved = self.settings.value(PRESETS_KEY)
        if isinstance(saved, str):
            saved = [saved]
        out = [" ".join(str(p).split()) for p in (saved or []) if str(p).strip()]
        return out or [tr(p) for p in DEFAULT_PRESETS]

    def set_presets(self, presets: list[str]) -> None:
        clean = [" ".join(p.split()) for p in presets if p.strip()]
        self.settings.setValue(PRESETS_KEY, clean)
        self.fill_presets()

    def fill_presets(self) -> None:
        self.preset_combo.clear()
        self.preset_combo.addItem(tr("— choose a preset —"), "")
        for p in self.presets():
            self.preset_combo.addItem(p if len(p) <= 70 else p[:69] + "…", p)
            self.preset_combo.setItemData(self.preset_combo.count() - 1, p, Qt.ItemDataRole.ToolTipRole)

    def choose_preset(self, index: int) -> None:
        """Pick preset ``index`` (0-based in the list): it fills the rationale, still editable."""
        self.preset_combo.setCurrentIndex(index + 1)
        self._preset_chosen(index + 1)

    def _preset_chosen(self, combo_index: int) -> None:
        text = self.preset_combo.itemData(combo_index)
        if text:
            self.rationale.setPlainText(text)
            self.rationale.setFocus()

    def edit_presets(self) -> None:
        """A small editor: one preset per line (non-modal; OK saves)."""
        dlg = QDialog(self)
        dlg.setObjectName("presetsDialog")
        dlg.setWindowTitle(tr("Rationale presets"))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        edit = QPlainTextEdit(dlg)
        edit.setObjectName("presetsEdit")
        edit.setPlainText("\n".join(self.presets()))
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dlg)

        def save() -> None:
            self.set_presets(edit.toPlainText().splitlines())
            dlg.accept()

        box.accepted.connect(save)
        box.rejected.connect(dlg.reject)
        lay = QVBoxLayout(dlg)
        lay.addWidget(QLabel(tr("One rationale per line:"), dlg))
        lay.addWidget(edit)
        lay.addWidget(box)
        dlg.resize(640, 320)
        dlg.open()
