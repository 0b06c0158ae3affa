"""File ▸ Erase personal data…: the campaign's retention date and hold, a confirmation naming what is erased
and what is kept, then the purge (services/privacy.py) on the database thread."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from ..context import AppContext, tr
from ..ops import Changed, Op

if TYPE_CHECKING:
    from ...domain.retention import Retention
    from ...services.privacy import PurgeReport


def erase_personal_data(ctx: AppContext, parent: QWidget) -> None:
    """Ask, then erase the current campaign's personal data. The box is kept on ``parent.erase_box``."""
    from ...services.privacy import ERASED_SUMMARY, KEPT_SUMMARY, retention

    cid = ctx.campaign_id
    if cid is None:
        ctx.statusMessage.emit(tr("Open a campaign first (Campaigns page)."))
        return

    def ask(r: Retention) -> None:
        from datetime import datetime

        today = datetime.now(UTC).date()
        due = r.due(today)
        when = "\n".join(r.lines()[:2])
        if r.hold:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                tr("Erase personal data"),
                tr("This campaign is under a legal hold, so its personal data cannot be erased.\n\n{when}").format(
                    when=when
                ),
                QMessageBox.StandardButton.Close,
                parent,
            )
            box.setObjectName("eraseBox")
            parent.erase_box = box  # type: ignore[attr-defined]
            box.open()
            return
        text = tr(
            "Erase the personal data of this campaign?\n\nErased: {erased}.\n\nKept: {kept}.\n\n"
            "The database file is rewritten and its backups replaced, so the erased text is gone from "
            "this computer's copies. Files already exported (workbooks, PDFs, kits) are not changed.\n\n"
            "{when}"
        ).format(erased=ERASED_SUMMARY, kept=KEPT_SUMMARY, when=when)
        if not due:
            text += "\n\n" + tr(
                "The retention date has not come yet: erasing now is recorded in the audit log as done early."
            )
        box = QMessageBox(
            QMessageBox.Icon.Warning, tr("Erase personal data"), text, QMessageBox.StandardButton.Cancel, parent
        )
        box.setObjectName("eraseBox")
        erase = box.addButton(
            tr("Erase now") if due else tr("Erase now, before the date"), QMessageBox.ButtonRole.DestructiveRole
        )
        erase.setObjectName("eraseButton")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        parent.erase_box = box  # type: ignore[attr-defined]

        def chosen(button: QAbstractButton) -> None:
            if button is erase:
                run(force=not due)

        box.buttonClicked.connect(chosen)
        box.open()

    def run(force: bool) -> None:
        from ...services.privacy import purge

        def done(report: PurgeReport) -> None:
            ctx.statusMessage.emit(report.lines()[0])

        erase = Op(lambda store: purge(store, cid, force=force, actor="chair"), Changed.EVERYTHING)
        ctx.run(erase, done, parent=parent)

    ctx.db(lambda store: retention(store, cid), ask, parent=parent)


def subject_access_copy(
    ctx: AppContext, parent: QWidget, reference: str, path: str | None = None, redact: bool | None = None
) -> None:
    """Candidates ▸ Subject access copy…: one PDF with everything held about ``reference``. Asks for the file
    (never a database: the same output check as the CLI) and whether to name the panel members."""
    from PySide6.QtWidgets import QFileDialog

    from ...services.subject_access import export_subject_access

    cid = ctx.campaign_id
    if cid is None:
        return
    if path is None:
        path, _ = QFileDialog.getSaveFileName(
            parent,
            tr("Subject access copy for {ref}").format(ref=reference),
            str(ctx.db_path.parent / f"subject-access-{reference}.pdf"),
            tr("PDF (*.pdf)"),
        )
        if not path:
            return
    if redact is None:
        answer = QMessageBox.question(
            parent,
            tr("Subject access copy"),
            tr("Name the panel members in the copy? Choose No to show them as Member 1, Member 2…"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        redact = answer == QMessageBox.StandardButton.No
    target = str(path)

    def done(written: Path) -> None:
        ctx.statusMessage.emit(tr("Subject access copy written to {path}").format(path=written))

    ctx.db(
        lambda store: export_subject_access(store, cid, reference, target, redact_members=bool(redact)),
        done,
        parent=parent,
    )
