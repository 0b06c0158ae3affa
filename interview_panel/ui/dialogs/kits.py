"""Several laptops in the GUI: make a member kit (chair), open one (member), hand in scores (member), and
receive score packs (chair: a preview of what each pack adds, then one all-or-nothing merge).

Every step calls the same services as the command line (services.kits); files are read and written on the
database thread, and every refusal is shown as its one-line message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext, tr, user_message
from ..ops import Changed, Op

if TYPE_CHECKING:
    from ...domain.campaign import Member
    from ...services.kits import KitMade, KitOpened, PackCheck, PackMade, PacksImported

KIT_FILTER = "Member kits (*.ipkit);;All files (*)"
PACK_FILTER = "Score packs (*.ippack);;All files (*)"


def _info(parent: QWidget, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("kitInfoBox")
    box.open()
    return box


def _slug(name: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in name).split()).lower() or "member"


# -- chair: make a member kit ----------------------------------------------------------------------------------
class MakeKitDialog(QDialog):
    """Choose the member and where to save their kit."""

    def __init__(self, ctx: AppContext, members: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("makeKitDialog")
        self.setWindowTitle(tr("Make a member kit"))
        self.member = QComboBox()
        self.member.setObjectName("kitMember")
        self.member.addItems(members)
        note = QLabel(
            tr(
                "The kit holds this campaign's set-up (profile, questions, rules, candidates and panel) and "
                "a signing key for this member alone. Give it to that member directly, for example on a "
                "USB stick, and delete it once they have opened it."
            )
        )
        note.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("&Member:"), self.member)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton(tr("&Save kit…"))
        self.save_button.setDefault(True)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)

    def save(self, path: str | Path | None = None) -> None:
        from ...services.kits import KIT_SUFFIX, make_member_kit

        cid, member = self.ctx.campaign_id, self.member.currentText()
        if cid is None or not member:
            return
        if path is None:
            start = self.ctx.prefs.output_folder(self.ctx.db_path, cid) / f"{_slug(member)}{KIT_SUFFIX}"
            path, _ = QFileDialog.getSaveFileName(self, tr("Save member kit"), str(start), tr(KIT_FILTER))
            if not path:
                return
        target = Path(path)
        if target.suffix.lower() != KIT_SUFFIX:
            target = target.with_name(target.name + KIT_SUFFIX)

        def done(made: KitMade) -> None:
            self.ctx.prefs.remember_output_folder(self.ctx.db_path, cid, made.path)
            self.ctx.statusMessage.emit(
                tr("Saved {file}: kit {n} for {name}.").format(
                    file=made.path.name, n=made.kit_version, name=made.member
                )
            )
            self.accept()

        self.ctx.run(
            Op(lambda store: make_member_kit(store, cid, member, target), Changed.PANEL),
            done,
            lambda exc: self.error.setText(user_message(exc)),
        )


def make_member_kit(ctx: AppContext, parent: QWidget) -> MakeKitDialog | None:
    from ...services.campaigns import list_members

    cid = ctx.campaign_id
    if cid is None:
        ctx.statusMessage.emit(tr("Open a campaign first (Campaigns page)."))
        return None
    dialog = MakeKitDialog(ctx, [], parent)

    def show(members: list[Member]) -> None:
        dialog.member.addItems([m.name for m in members])
        dialog.open()

    ctx.db(lambda store: list_members(store, cid), show, parent=parent)
    return dialog


# -- member: open a kit ----------------------------------------------------------------------------------------
def open_member_kit(ctx: AppContext, parent: QWidget, path: str | Path | None = None) -> None:
    """Open a kit into the database this window has open, then show its campaign's Scoring page for the member."""
    from ...services.kits import open_member_kit as open_kit

    if path is None:
        path, _ = QFileDialog.getOpenFileName(
            parent, tr("Open member kit"), str(ctx.prefs.output_folder(ctx.db_path, None)), tr(KIT_FILTER)
        )
        if not path:
            return
    kit = Path(path)

    def done(opened: KitOpened) -> None:
        ctx.member = opened.member
        ctx.set_campaign(opened.campaign_id)
        if opened.up_to_date:
            text = tr("{file} is already open here: nothing changed.").format(file=kit.name)
        elif opened.created:
            text = tr(
                "Opened {name}'s kit for {campaign}. Choose the candidate and score; hand in your scores "
                "with File ▸ Hand in scores… once you have submitted."
            ).format(name=opened.member, campaign=opened.campaign_name)
        else:
            text = tr(
                "Updated {campaign} from kit {n}: {added} candidate(s) added, {changed} changed; every score kept."
            ).format(
                campaign=opened.campaign_name,
                n=opened.kit_version,
                added=len(opened.added),
                changed=len(opened.changed),
            )
        ctx.statusMessage.emit(text)
        show_page = getattr(parent.window(), "show_page", None)
        if callable(show_page):
            show_page("scoring")

    # a new campaign here, or an update of its set-up: candidates and panel as the chair's kit has them
    opened = Op(lambda store: open_kit(store, kit), Changed.CAMPAIGNS | Changed.CANDIDATES | Changed.PANEL)
    ctx.run(opened, done, parent=parent)


# -- member: hand in scores ------------------------------------------------------------------------------------
def hand_in_scores(ctx: AppContext, parent: QWidget, path: str | Path | None = None) -> None:
    """Save the current member's submitted scores as a signed pack (their PIN is asked first when they have one)."""
    from ...services.kits import PACK_SUFFIX, export_scores, kit_member
    from .pin import require_pin

    cid = ctx.campaign_id
    if cid is None:
        ctx.statusMessage.emit(tr("Open a campaign first (Campaigns page)."))
        return

    def with_member(owner: str | None) -> None:
        member = owner or ctx.member
        if not member:
            ctx.show_error(parent, ValueError(tr("Choose yourself on the Scoring page first.")))
            return
        target = path
        if target is None:
            start = ctx.prefs.output_folder(ctx.db_path, cid) / f"{_slug(member)}-scores{PACK_SUFFIX}"
            target, _ = QFileDialog.getSaveFileName(parent, tr("Hand in scores"), str(start), tr(PACK_FILTER))
            if not target:
                return
        out = Path(target)
        if out.suffix.lower() != PACK_SUFFIX:
            out = out.with_name(out.name + PACK_SUFFIX)

        def write(pin: str | None) -> None:
            def done(made: PackMade) -> None:
                ctx.prefs.remember_output_folder(ctx.db_path, cid, made.path)
                _info(
                    parent,
                    tr("Scores handed in"),
                    tr(
                        "Saved {file}: {n} submitted candidate(s), {s} score(s), signed as {name}. Give the file to the "
                        "chair."
                    ).format(file=made.path.name, n=made.candidates, s=made.scores, name=made.member),
                )

            ctx.db(lambda store: export_scores(store, cid, member, out, pin=pin), done, parent=parent)

        require_pin(
            ctx,
            parent,
            cid,
            member,
            tr("Enter {name}'s PIN to hand in their scores.").format(name=member),
            write,
            always=True,
        )

    ctx.db(lambda store: kit_member(store, cid), with_member, parent=parent)


# -- chair: receive score packs --------------------------------------------------------------------------------
class ReceiveScoresDialog(QDialog):
    """Verify the packs and list what each adds; Import merges them all in one transaction."""

    def __init__(self, ctx: AppContext, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.paths = ctx, paths
        self.setObjectName("receiveScoresDialog")
        self.setWindowTitle(tr("Receive scores"))
        self.summary = QLabel(tr("Checking {n} score pack(s)…").format(n=len(paths)))
        self.summary.setObjectName("packSummary")
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("packList")
        self.list.setAccessibleName(tr("Score packs"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton(tr("&Import"))
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().lineSpacing() * 16)
        self.checked: list[PackCheck] = []
        self._check()

    def _check(self) -> None:
        from ...services.kits import check_packs

        paths = list(self.paths)

        def done(checks: list[PackCheck]) -> None:
            self.checked = checks
            self.list.clear()
            for c in checks:
                self.list.addItem(c.describe())
            new = sum(len(c.new) for c in checks)
            if new:
                self.summary.setText(
                    tr("Every pack's signature checks out. Import adds {n} candidate(s) in one step.").format(n=new)
                )
                self.import_button.setEnabled(True)
            else:
                self.summary.setText(tr("Nothing new: every pack was already imported."))

        def failed(exc: BaseException) -> None:
            self.list.clear()
            self.summary.setText(tr("Refused, nothing will be imported: {why}").format(why=user_message(exc)))

        self.ctx.db(lambda store: check_packs(store, paths), done, failed)

    def do_import(self) -> None:
        from ...services.kits import import_packs

        paths = list(self.paths)
        self.import_button.setEnabled(False)

        def done(report: PacksImported) -> None:
            self.ctx.statusMessage.emit(
                tr("Imported {c} candidate(s), {s} score(s) from {n} pack(s).").format(
                    c=report.candidates, s=report.scores, n=len(report.packs)
                )
            )
            self.accept()

        def failed(exc: BaseException) -> None:
            self.summary.setText(tr("Refused, nothing was imported: {why}").format(why=user_message(exc)))

        self.ctx.run(Op(lambda store: import_packs(store, paths), Changed.SCORES), done, failed)


def receive_scores(ctx: AppContext, parent: QWidget, paths: list[Path] | None = None) -> ReceiveScoresDialog | None:
    if paths is None:
        chosen, _ = QFileDialog.getOpenFileNames(
            parent, tr("Receive scores"), str(ctx.prefs.output_folder(ctx.db_path, ctx.campaign_id)), tr(PACK_FILTER)
        )
        paths = [Path(p) for p in chosen]
    if not paths:
        return None
    dialog = ReceiveScoresDialog(ctx, paths, parent)
    dialog.open()
    return dialog
