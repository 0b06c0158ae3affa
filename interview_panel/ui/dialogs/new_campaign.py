"""New campaign from a role profile: pick or drop a .docx/.pdf/.txt, check the parsed profile, save.

Reading the file happens on the job thread; the review dialog shows the source text on the left and an
editable form of the parsed profile on the right, with what will be asked at interview marked in both and
what the import could not read listed at the top of the form. Selecting a field or a row in the form
highlights its whole source span, in a colour of its own (not the text-selection colour). Saving calls
services.campaigns.create_campaign on the database thread.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.profile import RoleProfile
from ..context import AppContext, tr
from ..ops import Changed, Op
from ..widgets.banner import Banner
from ..widgets.panes import two_panes
from ..widgets.profile_form import ProfileForm

_SPAN = QTextCharFormat.Property.UserProperty + 1  # marks the selected field's span among the extra selections
PROFILE_SUFFIXES = (".docx", ".pdf", ".txt")
PROFILE_FILTER = "Role profiles (*.docx *.pdf *.txt);;All files (*)"


def read_source_text(path: Path) -> str:
    """The document's text for display beside the parsed form (best effort, never raises on content)."""
    from ...services.profiles import profile_source_text

    try:
        return profile_source_text(path)
    except Exception:
        return tr("(The document's text cannot be shown.)")


def source_span(text: str, phrase: str) -> tuple[int, int] | None:
    """Where ``phrase`` (a field or criterion as imported) lies in ``text``, as (start, end) in Qt's UTF-16
    positions; words may be split by any spaces, line breaks, tabs, bullets or punctuation. None if absent."""
    words = re.findall(r"\w+", phrase)
    if not words or len(words) > 200:
        return None
    m = re.search(r"\W+".join(re.escape(w) for w in words), text, re.IGNORECASE)
    if m is None:
        return None

    def utf16(i: int) -> int:
        return len(text[:i].encode("utf-16-le")) // 2

    return utf16(m.start()), utf16(m.end())


def span_colour(pal: QPalette) -> QColor:
    """An amber wash over the base colour: visible in light and dark palettes, unlike the selection colour."""
    base = pal.color(QPalette.ColorRole.Base)
    amber = QColor(255, 176, 0)
    k = 0.45
    colour = QColor(
        int(base.red() * (1 - k) + amber.red() * k),
        int(base.green() * (1 - k) + amber.green() * k),
        int(base.blue() * (1 - k) + amber.blue() * k),
    )
    if colour == pal.color(QPalette.ColorRole.Highlight):
        colour = colour.darker(120)
    return colour


def load_for_review(path: Path) -> tuple[RoleProfile, str]:
    """Job-thread work: parse the profile (ProfileImportError when it is not one) and read its text."""
    from ...services.profiles import load_profile

    profile = load_profile(path)
    return profile, read_source_text(path)


def interview_phrases(profile: RoleProfile) -> list[str]:
    """What will be asked at interview, to mark in the source text (behaviour names, whole criteria)."""
    out = [b.name for b in profile.behaviours if b.at_interview]
    out += [c.text for c in profile.criteria if c.at_interview]
    return [p for p in out if len(p) >= 4]


class NewCampaignDialog(QDialog):
    """Review a parsed profile and create a campaign from it. ``created(campaign_id)`` on success."""

    created = Signal(int)

    def __init__(
        self, ctx: AppContext, path: Path, profile: RoleProfile, source_text: str, parent: QWidget | None = None
    ) -> None:
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
        self.form.field_selected.connect(self.show_source_of)
        self._span: tuple[int, int] | None = None

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        top = QFormLayout()
        top.addRow(tr("Campaign &name:"), self.name)
        rl.addLayout(top)
        # on a small screen the form scrolls rather than squeezing each list to a row or two
        for view in self.form.findChildren(QTableView):
            row = max(view.verticalHeader().defaultSectionSize(), view.sizeHintForRow(0))
            view.setMinimumHeight(view.horizontalHeader().sizeHint().height() + 4 * row + 2 * view.frameWidth())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        rl.addWidget(scroll, 1)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        src_label = QLabel(
            tr("&Source document (bold underlined: asked at interview; amber: the field selected in the form)")
        )
        src_label.setBuddy(self.source)
        ll.addWidget(src_label)
        ll.addWidget(self.source, 1)

        split = two_panes(left, right, (2, 3))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
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

    def show_source_of(self, text: str) -> None:
        """Highlight the whole source span of the field the chair selected, and scroll to it."""
        self._span = source_span(self.source.toPlainText(), text) if text.strip() else None
        self._highlight()
        if self._span is not None:
            cur = QTextCursor(self.source.document())
            cur.setPosition(self._span[1])
            self.source.setTextCursor(cur)
            self.source.ensureCursorVisible()
            cur.setPosition(self._span[0])
            self.source.setTextCursor(cur)
            self.source.ensureCursorVisible()

    def selected_span_selection(self) -> QTextEdit.ExtraSelection | None:
        """The extra selection marking the selected field's source span (None when nothing is selected)."""
        return next((s for s in self.source.extraSelections() if s.format.property(_SPAN) is True), None)

    def _highlight(self) -> None:
        """Mark, in the source text, the behaviours and criteria the panel will ask about (underlined), and
        the selected field's whole source span (amber)."""
        fmt = QTextCharFormat()
        pal = self.palette()
        fmt.setFontUnderline(True)
        fmt.setUnderlineColor(pal.color(QPalette.ColorRole.Highlight))
        fmt.setFontWeight(700)
        doc: QTextDocument = self.source.document()
        selections = []
        if self._span is not None:
            span = QTextEdit.ExtraSelection()
            cur = QTextCursor(doc)
            cur.setPosition(self._span[0])
            cur.setPosition(self._span[1], QTextCursor.MoveMode.KeepAnchor)
            span.cursor = cur
            sfmt = QTextCharFormat()
            sfmt.setBackground(span_colour(pal))
            sfmt.setForeground(pal.color(QPalette.ColorRole.Text))
            sfmt.setProperty(_SPAN, True)
            span.format = sfmt
            selections.append(span)
        text = self.source.toPlainText()
        for phrase in interview_phrases(self.form.profile()):
            where = source_span(text, phrase)
            if where is None:
                continue
            sel = QTextEdit.ExtraSelection()
            cur = QTextCursor(doc)
            cur.setPosition(where[0])
            cur.setPosition(where[1], QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cur
            sel.format = fmt
            selections.append(sel)
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

        def done(cid: int) -> None:
            self.ctx.set_campaign(cid)
            self.created.emit(cid)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.banner.show_message(str(exc))
            self.ctx.show_error(self, exc)

        create = Op(lambda store: create_campaign(store, profile=profile, name=name, actor="chair"), Changed.CAMPAIGNS)
        self.ctx.run(create, done, failed)


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

    ctx.tasks.job(
        lambda: load_for_review(path),
        done,
        lambda exc: ctx.show_error(parent, exc, tr("Cannot import the role profile")),
    )
