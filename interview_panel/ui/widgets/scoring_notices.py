"""What the scoring page tells a member in words: why a candidate is locked, and the questions it asks
before submitting or closing. Every box is non-blocking (``open()``), named for tests, and the caller
connects its ``finished``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from ...domain.campaign import Candidate
from ...domain.items import Item
from ..context import tr
from ..times import local


def lock_message(candidate: Candidate | None, submitted: datetime | None) -> str | None:
    """Why the member cannot score ``candidate`` (withdrawn or absent, or already submitted), else None."""
    if candidate is not None and not candidate.active:
        why = f": {candidate.attendance_reason}" if candidate.attendance_reason else ""
        return tr(
            "{ref} is {status}{why}. A {status} candidate is not scored; the chair can "
            "mark them active again on the Candidates page."
        ).format(ref=candidate.reference, status=tr(str(candidate.attendance)), why=why)
    if submitted is not None:
        return tr(
            "Submitted on {when}: these scores are locked and can no longer be changed "
            "(the panel's independent scores are kept as submitted). The chair agrees "
            "any change at moderation."
        ).format(when=local(submitted).strftime("%d %b %Y %H:%M"))
    return None


def incomplete_box(parent: QWidget, missing: Sequence[Item]) -> QMessageBox:
    """The service refuses an incomplete submission: say which items, do not offer to submit."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("Submit scores"),
        tr("{n} item(s) have no score yet: {items}.").format(n=len(missing), items=", ".join(i.id for i in missing)),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("submitIncomplete")
    box.setInformativeText(tr("Score every item before submitting."))
    return box


def confirm_submit_box(parent: QWidget, member: str, candidate: str) -> QMessageBox:
    """Submit or cancel (the default): submitted scores are locked."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        tr("Submit scores"),
        tr("Submit {member}'s scores for {candidate}? They are locked afterwards.").format(
            member=member, candidate=candidate
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("confirmSubmit")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def unsaved_box(parent: QWidget, reasons: Sequence[str]) -> tuple[QMessageBox, QPushButton, QPushButton]:
    """Closing with values that failed to save: retry (the default), close without them, or cancel.
    Returns the box, its Retry button and its Close-without button."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("Scores not saved"),
        tr("{n} score(s) or note(s) could not be saved: {reason}").format(n=len(reasons), reason=reasons[0]),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("unsavedOnClose")
    box.setInformativeText(tr("Try to save them again, or close and lose them."))
    retry = box.addButton(tr("&Retry saving"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(tr("Close &without them"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(retry)
    return box, retry, discard
