"""Scoring rules page: scale, pass mark, gating, overall minimum and flag threshold, defaults shown.

Saving is one undoable command calling services.campaigns.update_rules; read-only once scoring started.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaign import Campaign
from ...domain.scoring import SCALES, ScoringRules
from ...services.campaigns import get_campaign, update_rules
from ..context import AppContext, SnapshotCommand, tr
from ..ops import Changed, Op
from ..widgets.banner import Banner
from ..widgets.look import bold, hint
from ..widgets.page import CampaignPage

DEFAULTS = ScoringRules()


def _default(text: str) -> QLabel:
    lab = QLabel(tr("Default: {d}").format(d=text))
    lab.setObjectName("defaultHint")
    hint(lab)
    return lab


class RulesPage(CampaignPage):
    watches = Changed.CAMPAIGN

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("rulesPage")
        self.campaign: Campaign | None = None
        self.rules: ScoringRules | None = None
        self.banner = Banner(self)
        self._build_fields()
        form, gating = self._build_form()
        self.problems = QLabel()
        self.problems.setObjectName("formError")
        bold(self.problems)
        self.problems.setWordWrap(True)
        self.save_button = QPushButton(tr("Save r&ules"))
        self.save_button.clicked.connect(self.save)
        self.defaults_button = QPushButton(tr("Reset to &defaults"))
        self.defaults_button.clicked.connect(lambda: self._show_rules(DEFAULTS))
        self.revert_button = QPushButton(tr("D&iscard changes"))
        self.revert_button.clicked.connect(lambda: self._show_rules(self.rules))

        buttons = QHBoxLayout()
        buttons.addWidget(self.defaults_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addLayout(form)
        lay.addWidget(gating)
        lay.addWidget(self.problems)
        lay.addStretch(1)
        lay.addLayout(buttons)

        self.scale.currentIndexChanged.connect(self._scale_changed)
        for box in (self.gate_behaviours, self.gate_essential, self.gate_values, self.use_minimum):
            box.toggled.connect(self._edited)
        for spin in (self.pass_mark, self.minimum, self.spread):
            spin.valueChanged.connect(self._edited)
        self._set_enabled(False)

    def _build_fields(self) -> None:
        self.scale = QComboBox()
        for key, scale in SCALES.items():
            self.scale.addItem(
                tr("{k} ({lo} {lo_text} … {hi} {hi_text})").format(
                    k=key.replace("-", "–"),
                    lo=scale.minimum,
                    lo_text=scale.anchor(scale.minimum).lower(),
                    hi=scale.maximum,
                    hi_text=scale.anchor(scale.maximum).lower(),
                ),
                key,
            )
        self.anchors = QLabel()
        self.anchors.setWordWrap(True)
        self.pass_mark = QSpinBox()
        self.gate_behaviours = QCheckBox(tr("&Behaviours must each reach the pass mark"))
        self.gate_essential = QCheckBox(tr("Essential c&riteria must each reach the pass mark"))
        self.gate_values = QCheckBox(tr("&Values must reach the pass mark"))
        self.use_minimum = QCheckBox(tr("Require an &overall minimum total"))
        self.minimum = QSpinBox()
        self.minimum.setRange(0, 999)
        self.spread = QSpinBox()
        self.spread.setRange(1, 6)
        for w, name in (
            (self.scale, tr("Scale")),
            (self.pass_mark, tr("Pass mark")),
            (self.minimum, tr("Overall minimum total")),
            (self.spread, tr("Flag when scores differ by at least")),
        ):
            w.setAccessibleName(name)

    def _build_form(self) -> tuple[QFormLayout, QGroupBox]:
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.scale, 1)
        row.addWidget(_default("1–5"))
        form.addRow(tr("&Scale:"), row)
        form.addRow("", self.anchors)
        row = QHBoxLayout()
        row.addWidget(self.pass_mark)
        row.addWidget(_default(tr("{n} on 1–5, 4 on 1–7").format(n=DEFAULTS.pass_mark)))
        row.addStretch(1)
        form.addRow(tr("&Pass mark per item:"), row)
        gating = QGroupBox(tr("Gating (non-compensatory)"))
        gl = QVBoxLayout(gating)
        gl.addWidget(self.gate_behaviours)
        gl.addWidget(self.gate_essential)
        gl.addWidget(self.gate_values)
        gl.addWidget(
            _default(
                tr("behaviours and essential criteria gate; values do not; desirable criteria only add to the total")
            )
        )
        row = QHBoxLayout()
        row.addWidget(self.use_minimum)
        row.addWidget(self.minimum)
        row.addWidget(_default(tr("none")))
        row.addStretch(1)
        form.addRow(tr("Overall minimum:"), row)
        row = QHBoxLayout()
        row.addWidget(self.spread)
        row.addWidget(QLabel(tr("points between the lowest and highest score")))
        row.addWidget(_default(str(DEFAULTS.spread_threshold)))
        row.addStretch(1)
        form.addRow(tr("F&lag for discussion at:"), row)
        for field in (self.scale, self.pass_mark, self.spread):
            self._buddy(form, field)
        return form, gating

    @staticmethod
    def _buddy(form: QFormLayout, field: QWidget) -> None:
        for r in range(form.rowCount()):
            f = form.itemAt(r, QFormLayout.ItemRole.FieldRole)
            lay = f.layout() if f else None
            if f and (f.widget() is field or (lay is not None and lay.indexOf(field) >= 0)):
                lab = form.itemAt(r, QFormLayout.ItemRole.LabelRole)
                label = lab.widget() if lab else None
                if isinstance(label, QLabel):
                    label.setBuddy(field)

    def title(self) -> str:
        return tr("Scoring rules")

    def reload(self) -> None:
        cid = self.ctx.campaign_id
        if cid is not None:
            self.load(lambda store: get_campaign(store, cid), self._show_campaign)

    def clear(self) -> None:
        self.campaign = self.rules = None
        self._set_enabled(False)

    def _show_campaign(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self.rules = campaign.rules
        self.banner.show_message(
            tr("Scoring has started, so the rules are frozen: every candidate is judged by the same rules.")
            if campaign.scoring_started
            else None
        )
        self._show_rules(campaign.rules)

    # -- form <-> rules ----------------------------------------------------------------------
    def _show_rules(self, rules: ScoringRules | None) -> None:
        if rules is None:
            return
        widgets = (
            self.scale,
            self.pass_mark,
            self.gate_behaviours,
            self.gate_essential,
            self.gate_values,
            self.use_minimum,
            self.minimum,
            self.spread,
        )
        for w in widgets:
            w.blockSignals(True)
        self.scale.setCurrentIndex(max(0, self.scale.findData(rules.scale.key)))
        self.pass_mark.setRange(rules.scale.minimum, rules.scale.maximum)
        self.pass_mark.setValue(rules.pass_mark)
        self.gate_behaviours.setChecked(rules.gate_behaviours)
        self.gate_essential.setChecked(rules.gate_essential)
        self.gate_values.setChecked(rules.gate_values)
        self.use_minimum.setChecked(rules.overall_minimum is not None)
        self.minimum.setValue(rules.overall_minimum or 0)
        self.spread.setValue(rules.spread_threshold)
        for w in widgets:
            w.blockSignals(False)
        self._edited()

    def form_rules(self) -> ScoringRules:
        key = self.scale.currentData() or "1-5"
        return ScoringRules(
            scale=SCALES[key],
            pass_mark=self.pass_mark.value(),
            gate_behaviours=self.gate_behaviours.isChecked(),
            gate_essential=self.gate_essential.isChecked(),
            gate_values=self.gate_values.isChecked(),
            overall_minimum=self.minimum.value() if self.use_minimum.isChecked() else None,
            spread_threshold=self.spread.value(),
        )

    def _scale_changed(self) -> None:
        cur = self.form_rules()
        moved = cur.with_scale(self.scale.currentData() or "1-5")
        self.pass_mark.blockSignals(True)
        self.pass_mark.setRange(moved.scale.minimum, moved.scale.maximum)
        self.pass_mark.setValue(moved.pass_mark)
        self.pass_mark.blockSignals(False)
        self._edited()

    def _edited(self) -> None:
        rules = self.form_rules()
        scale = rules.scale
        self.anchors.setText("   ".join(f"{n} {t}" for n, t in scale.anchors))
        problems = rules.problems()
        self.problems.setText("; ".join(problems))
        frozen = self.campaign is None or self.campaign.scoring_started
        self._set_enabled(not frozen)
        self.minimum.setEnabled(not frozen and self.use_minimum.isChecked())
        dirty = self.rules is not None and rules != self.rules
        self.save_button.setEnabled(not frozen and dirty and not problems)
        self.revert_button.setEnabled(not frozen and dirty)

    def _set_enabled(self, on: bool) -> None:
        for w in (
            self.scale,
            self.pass_mark,
            self.gate_behaviours,
            self.gate_essential,
            self.gate_values,
            self.use_minimum,
            self.minimum,
            self.spread,
            self.defaults_button,
        ):
            w.setEnabled(on)
        if not on:
            self.save_button.setEnabled(False)
            self.revert_button.setEnabled(False)

    # -- saving ------------------------------------------------------------------------------
    def save(self) -> None:
        new = self.form_rules()
        if self.rules is None or new == self.rules or new.problems():
            return
        self.ctx.undo_stack.push(SnapshotCommand(tr("Change scoring rules"), self._apply, self.rules, new))

    def _apply(self, rules: ScoringRules) -> None:
        """Show and save ``rules`` (undo and redo land here too). The page shows what it saved, so it is not
        reloaded by its own change; the other pages showing the campaign are."""
        cid = self.ctx.campaign_id
        if cid is None:
            return
        self.rules = rules
        self._show_rules(rules)

        def failed(exc: BaseException) -> None:
            self.ctx.undo_stack.clear()
            self.ctx.show_error(self, exc)
            self.mark_dirty()

        self.run(Op(lambda store: update_rules(store, cid, rules, actor="chair"), Changed.CAMPAIGN), None, failed)
