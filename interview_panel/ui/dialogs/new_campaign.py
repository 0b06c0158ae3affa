"""New campaign from a role profile: pick or drop a .docx/.txt, check the parsed profile, save.

Reading the file happens on the job thread; the review dialog shows the source text on the left and an
editable form of the parsed profile on the right, with what will be asked at interview highlighted in
both. Saving calls services.campaigns.create_campaign on the database thread.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QTextEdit, QVBoxLayout, QWidget)

from ...domain.profile import RoleProfile
from ..context import CAMPAIGNS, AppContext, tr
from ..widgets.banner import Banner
from ..widgets.panes import two_panes
from ..widgets.profile_form import ProfileForm

PROFILE_SUFFIXES = (".docx", ".txt")
PROFILE_FILTER = "Role profiles (*.docx *.txt);;All files (*)"


def read_source_text(path: Path) -> str:
    """The document's text for display beside the parsed form (best effort, never raises on content)."""
    if path.suffix.lower() == ".docx":
        try:
            import docx  # lazy: python-docx is slow to import

            doc = docx.Document(str(path))
            lines = [p.text for p in doc.paragraphs]
            for table in doc.tables:
                for row in table.rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        if cell.text not in cells:
                            cells.append(cell.text)
                    lines.append("\t".join(cells))
            return "\n".join(lines)
        except Exception:  # noqa: BLE001 - the parsed form is what matters; the text is a courtesy
            return tr("(The document's text cannot be shown.)")
    raw = path.read_bytes()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = raw.decode("utf-16", errors="replace")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_for_review(path: Path) -> tuple[RoleProfile, str]:
    """Job-thread work: parse the profile (ProfileImportError when it is not one) and read its text."""
    from ...services.profiles import load_profile

    profile = load_profile(path)
    return profile, read_source_text(path)


def interview_phrases(profile: RoleProfile) -> list[str]:
    """Short phrases to find in the source text for what will be asked at interview."""
    out = [b.name for b in profile.behaviours if b.at_interview]
    for c in profile.criteria:
        if c.at_interview:
            words = c.text.split()
            out.append(" ".join(words[:6]))
    return [p for p in out if len(p) >= 4]


class NewCampaignDialog(QDialog):
    """Review a parsed profile and create a campaign from it. ``created(campaign_id)`` on success."""

    created = Signal(int)

    def __init__(self, ctx: AppContext, path: Path, profile: RoleProfile, source_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = path
        self.setObjectName("newCampaignDialog")
        self.setWindowTitle(tr("New campaign from {file}").format(file=path.name))
        self.banner = Banner(self)

        self.source = QPlainTextEdit()
        self.source.setReadOnly(True)
        self.source.setPlainText(source_text)
        self.source.setAccessibleName(tr("Role profile source text"))
        self.source.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.source.setTabChangesFocus(True)
        self.source.setTabStopDistance(self.source.fontMetrics().averageCharWidth() * 4)

        self.name = QLineEdit()
        self.name.setAccessibleName(tr("Campaign name"))
        self.form = ProfileForm()
        self.form.set_profile(profile)
        self.name.setText(f"{profile.post_title or path.stem} — {date.today():%B %Y}")
        self.form.changed.connect(self._highlight)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        top = QFormLayout()
        top.addRow(tr("Campaign &name:"), self.name)
        rl.addLayout(top)
        rl.addWidget(self.form, 1)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        src_label = QLabel(tr("&Source document (highlighted: asked at interview)"))
        src_label.setBuddy(self.source)
        ll.addWidget(src_label)
        ll.addWidget(self.source, 1)

        split = two_panes(left, right, (2, 3))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(tr("Create campa&ign"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addWidget(split, 1)
        lay.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 200, self.fontMetrics().lineSpacing() * 45)
        self._highlight()

    def _highlight(self) -> None:
        """Mark, in the source text, the behaviours and criteria the panel will ask about."""
        fmt = QTextCharFormat()
        pal = self.palette()
        fmt.setBackground(pal.color(QPalette.ColorRole.Highlight))
        fmt.setForeground(pal.color(QPalette.ColorRole.HighlightedText))
        doc: QTextDocument = self.source.document()
        selections = []
        for phrase in interview_phrases(self.form.profile()):
            pattern = r"\s+".join(re.escape(w) for w in phrase.split())
            rx = QRegularExpression(pattern, QRegularExpression.PatternOption.CaseInsensitiveOption)
            cur = doc.find(rx, 0)
            while not cur.isNull():
                sel = QTextEdit.ExtraSelection()
                sel.cursor = QTextCursor(cur)
                sel.format = fmt
                selections.append(sel)
                cur = doc.find(rx, cur)
        self.source.setExtraSelections(selections)

    def save(self) -> None:
        profile = self.form.profile()
        name = " ".join(self.name.text().split())
        problems = profile.problems()
        if not name:
            problems.insert(0, tr("the campaign needs a name"))
        if problems:
            self.banner.show_message(tr("Cannot create the campaign: {p}.").format(p="; ".join(problems)))
            return
        self.save_button.setEnabled(False)
        from ...services.campaigns import create_campaign

        def done(cid: Any) -> None:
            self.ctx.notify(CAMPAIGNS)
            self.ctx.set_campaign(int(cid))
            self.created.emit(int(cid))
            self.accept()

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.banner.show_message(str(exc))
            self.ctx.show_error(self, exc)

        self.ctx.db(lambda store: create_campaign(store, profile=profile, name=name, actor="chair"), done, failed)


def choose_profile_file(parent: QWidget | None) -> Path | None:
    """The native file dialog, filtered to role profiles; None when the user cancels."""
    path, _ = QFileDialog.getOpenFileName(parent, tr("New campaign from a role profile"), "", tr(PROFILE_FILTER))
    return Path(path) if path else None


def start_new_campaign(ctx: AppContext, parent: QWidget | None, path: Path | None = None) -> None:
    """Ask for a file (unless given), read it in the background, then open the review dialog.

    A file that is not a role profile gives a readable message box, nothing else.
    """
    if path is None:
        path = choose_profile_file(parent)
        if path is None:
            return
    ctx.statusMessage.emit(tr("Reading {file}…").format(file=path.name))

    def done(result: tuple[RoleProfile, str]) -> None:
        profile, text = result
        dlg = NewCampaignDialog(ctx, path, profile, text, parent)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        ctx.statusMessage.emit(tr("Check the profile, then create the campaign."))

    ctx.tasks.job(lambda: load_for_review(path), done, lambda exc: ctx.show_error(
        parent, exc, tr("Cannot import the role profile")))
