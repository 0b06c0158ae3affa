"""PIN prompts: before a member's scoring view and before the chair's moderation, and changing a PIN.

The check runs on the database thread (``services.pins.unlock``: a slow hash, and the wrong-PIN count is
saved). ``ctx.unlocked`` remembers who gave their PIN in this window, per campaign; choosing another member
asks again, so nobody reaches a member's unsubmitted scores without that member's PIN.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..context import AppContext, tr, user_message
from ..ops import Changed, Op

if TYPE_CHECKING:
    from ...services.store import Store


class PinDialog(QDialog):
    """Ask ``member`` for their PIN; ``accept()`` only once the PIN is right."""

    def __init__(self, ctx: AppContext, cid: int, member: str, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.cid, self.member = ctx, cid, member
        self.setObjectName("pinDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # each prompt is asked once, then gone
        self.setWindowTitle(tr("PIN for {name}").format(name=member))
        self.intro = QLabel(purpose)
        self.intro.setWordWrap(True)
        self.pin = QLineEdit()
        self.pin.setObjectName("pinEdit")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(tr("PIN"))
        self.error = QLabel()
        self.error.setObjectName("pinError")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.check)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(tr("&PIN:"), self.pin)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)

    def check(self) -> None:
        from ...services.pins import unlock

        cid, member, pin = self.cid, self.member, self.pin.text()
        self.buttons.setEnabled(False)

        def done(_r: object) -> None:
            self.ctx.unlocked.add((cid, member))
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.pin.selectAll()
            self.error.setText(user_message(exc))
            self.pin.setFocus()

        self.ctx.db(lambda store: unlock(store, cid, member, pin), done, failed)


def require_pin(
    ctx: AppContext,
    parent: QWidget,
    cid: int,
    member: str,
    purpose: str,
    proceed: Callable[[str | None], None],
    cancelled: Callable[[], None] | None = None,
    *,
    always: bool = False,
) -> None:
    """Call ``proceed(pin)`` at once when ``member`` has no PIN (``pin`` None) or already gave it in this window;
    otherwise ask first and pass the PIN given. ``always``: ask even when it was given before."""
    from ...services.pins import has_pin

    if (cid, member) in ctx.unlocked and not always:
        proceed(None)
        return

    def known(needs: bool) -> None:
        if not needs:
            proceed(None)
            return
        dialog = PinDialog(ctx, cid, member, purpose, parent)
        dialog.accepted.connect(lambda: proceed(dialog.pin.text()))
        if cancelled is not None:
            dialog.rejected.connect(cancelled)
        dialog.open()

    ctx.db(lambda store: has_pin(store, cid, member), known, parent=parent)


class ChangePinDialog(QDialog):
    """Set, change or remove a member's PIN. Changing or removing an existing PIN needs the current one."""

    def __init__(self, ctx: AppContext, cid: int, member: str, has_pin: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.cid, self.member, self.has_pin = ctx, cid, member, has_pin
        self.setObjectName("changePinDialog")
        self.setWindowTitle(tr("PIN for {name}").format(name=member))
        self.current = QLineEdit()
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.new = QLineEdit()
        self.new.setObjectName("newPinEdit")
        self.new.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("againPinEdit")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        note = QLabel(
            tr(
                "A PIN keeps others at this laptop out of this member's unsubmitted scores (and, for the "
                "chair, out of moderation). It does not protect the database file itself: keep it on "
                "encrypted storage. Leave the new PIN empty to remove it."
            )
        )
        note.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("pinError")
        self.error.setWordWrap(True)
        form = QFormLayout()
        if has_pin:
            form.addRow(tr("&Current PIN:"), self.current)
        form.addRow(tr("&New PIN:"), self.new)
        form.addRow(tr("&Repeat new PIN:"), self.again)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)

    def save(self) -> None:
        from ...services.pins import check_pin_text, set_pin, unlock

        new, again = self.new.text(), self.again.text()
        if new != again:
            self.error.setText(tr("The two new PINs differ."))
            return
        try:
            if new:
                check_pin_text(new)
        except Exception as exc:
            self.error.setText(user_message(exc))
            return
        cid, member, current, had = self.cid, self.member, self.current.text(), self.has_pin

        def action(store: Store) -> None:
            if had:
                unlock(store, cid, member, current)
            set_pin(store, cid, member, new or None, actor=member)

        def failed(exc: BaseException) -> None:
            self.error.setText(user_message(exc))

        self.ctx.run(Op(action, Changed.PANEL), lambda _r: self.accept(), failed)


def choose_and_change_pin(ctx: AppContext, parent: QWidget) -> None:
    """Panel ▸ Set or change a PIN: pick the member (the kit's member only, in a member's database)."""
    from PySide6.QtWidgets import QInputDialog

    from ...services.campaigns import list_members
    from ...services.kits import kit_member
    from ...services.pins import members_with_pins

    cid = ctx.campaign_id
    if cid is None:
        ctx.statusMessage.emit(tr("Open a campaign first (Campaigns page)."))
        return

    def show(res: tuple[list[str], set[str]]) -> None:
        names, pinned = res
        if len(names) == 1:
            member = names[0]
        else:
            member, ok = QInputDialog.getItem(parent, tr("Set or change a PIN"), tr("Panel member:"), names, 0, False)
            if not ok:
                return
        dialog = ChangePinDialog(ctx, cid, member, member in pinned, parent)
        dialog.accepted.connect(lambda: ctx.statusMessage.emit(tr("PIN saved for {name}.").format(name=member)))
        dialog.open()

    def query(store: Store) -> tuple[list[str], set[str]]:
        owner = kit_member(store, cid)
        names = [owner] if owner else [m.name for m in list_members(store, cid)]
        return names, members_with_pins(store, cid)

    ctx.db(query, show, parent=parent)
