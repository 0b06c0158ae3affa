"""Print packs page: question sheets per candidate × member (or all of them) in one PDF.

The PDF is rendered on the job thread with its own read connection (the database thread stays free for
scores), behind a progress dialog that appears after half a second and can cancel. When done the PDF is
opened with the system's viewer, unless that is switched off (setting, or INTERVIEW_PANEL_NO_VIEWER).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.campaign import Candidate, Member
from ...domain.progress import Progress
from ...services.campaigns import get_campaign, list_candidates, list_members
from ..context import AppContext, tr
from ..ops import Changed
from ..settings import documents_folder
from ..widgets.banner import Banner
from ..widgets.busy import BackgroundJob, is_cancelled
from ..widgets.page import CampaignPage

if TYPE_CHECKING:
    from ...services.store import Store


def render_packs(
    db_path: Path, cid: int, out: Path, candidate: str | None, member: str | None, progress: Progress
) -> Path:
    """Job-thread work: open a separate connection, render, close. Returns the PDF written."""
    from ...services.sheets import sheets_for_campaign
    from ...services.store import open_store

    store = open_store(db_path)
    try:
        result = sheets_for_campaign(store, cid, out, candidate=candidate, member=member, progress=progress)
    finally:
        store.close()
    return Path(getattr(result, "path", None) or out)


class PacksPage(CampaignPage):
    watches = Changed.CANDIDATES | Changed.PANEL
    generated = Signal(object)  # Path of the PDF, or None when cancelled or failed

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("packsPage")
        self.job: BackgroundJob | None = None
        self.campaign_name = ""
        self.banner = Banner(self)
        intro = QLabel(
            tr(
                "A pack holds, for each candidate and panel member, the questions with their probes, "
                "the indicators and a space for notes and scores. Print them for the interview day."
            )
        )
        intro.setWordWrap(True)
        self.candidate = QComboBox()
        self.candidate.setAccessibleName(tr("Candidate"))
        self.member = QComboBox()
        self.member.setAccessibleName(tr("Panel member"))
        self.out = QLineEdit()
        self.out.setAccessibleName(tr("PDF file"))
        self.browse = QPushButton(tr("&Browse…"))
        self.browse.clicked.connect(self._browse)
        self.open_after = QCheckBox(tr("&Open the PDF when it is ready"))
        self.open_after.setChecked(self.ctx.prefs.open_viewer_setting())
        self.open_after.toggled.connect(self.ctx.prefs.set_open_viewer)
        self.generate_button = QPushButton(tr("Generate &PDF"))
        self.generate_button.clicked.connect(self.generate)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setOpenExternalLinks(True)

        form = QFormLayout()
        form.addRow(tr("&Candidate:"), self.candidate)
        form.addRow(tr("Panel &member:"), self.member)
        row = QHBoxLayout()
        row.addWidget(self.out, 1)
        row.addWidget(self.browse)
        form.addRow(tr("Save &as:"), row)
        lab = form.labelForField(row)
        if isinstance(lab, QLabel):
            lab.setBuddy(self.out)
        form.addRow("", self.open_after)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.generate_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addLayout(buttons)
        lay.addWidget(self.result)
        lay.addStretch(1)
        self._fill([], [])

    def title(self) -> str:
        return tr("Print packs")

    def reload(self) -> None:
        cid = self.ctx.campaign_id
        if cid is None:
            return

        def fetch(store: Store) -> tuple[str, list[Candidate], list[Member]]:
            return get_campaign(store, cid).name, list_candidates(store, cid), list_members(store, cid)

        self.load(fetch, lambda r: self._fill(r[1], r[2], r[0]))

    def clear(self) -> None:
        self._fill([], [])

    def _fill(self, candidates: list[Candidate], members: list[Member], name: str = "") -> None:
        keep_c, keep_m = self.candidate.currentData(), self.member.currentData()
        self.candidate.clear()
        self.candidate.addItem(tr("All candidates ({n})").format(n=len(candidates)), None)
        for c in candidates:
            self.candidate.addItem(f"{c.reference} — {c.name}", c.reference)
        self.member.clear()
        self.member.addItem(tr("All members ({n})").format(n=len(members)), None)
        for m in members:
            self.member.addItem(m.name + (tr(" (chair)") if m.chair else ""), m.name)
        self.candidate.setCurrentIndex(max(0, self.candidate.findData(keep_c)))
        self.member.setCurrentIndex(max(0, self.member.findData(keep_m)))
        if name and (not self.out.text() or name != self.campaign_name):
            self.out.setText(
                str(self.default_output(name, self.ctx.prefs.output_folder(self.ctx.db_path, self.ctx.campaign_id)))
            )
        self.campaign_name = name
        self.generate_button.setEnabled(bool(name) and self.job is None)
        if name and not (members and candidates):
            self.banner.show_message(
                tr("No {what} yet: the packs will have a blank {line} line.").format(
                    what=tr("panel members") if not members else tr("candidates"),
                    line=tr("member") if not members else tr("candidate"),
                )
            )
        else:
            self.banner.show_message(None)

    @staticmethod
    def default_output(campaign_name: str, folder: Path | None = None) -> Path:
        """The packs' file in ``folder`` (default: Documents when it exists, else home; never a missing folder)."""
        safe = re.sub(r"[^\w\- ]+", "", campaign_name).strip() or "campaign"
        return (folder or documents_folder()) / f"{safe} - interview packs.pdf"

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Save the packs as"), self.out.text(), tr("PDF (*.pdf)"))
        if path:
            self.out.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def generate(self) -> None:
        """Render the chosen packs in the background; ``generated`` says how it ended."""
        cid = self.ctx.campaign_id
        text = self.out.text().strip()
        if cid is None or not text or self.job is not None:
            return
        out = Path(text).expanduser()
        candidate, member = self.candidate.currentData(), self.member.currentData()
        db_path = self.ctx.db_path
        self.generate_button.setEnabled(False)
        self.result.setText(tr("Generating…"))
        self.job = BackgroundJob(
            self.ctx,
            self.window(),
            tr("Generating interview packs"),
            lambda progress: render_packs(db_path, cid, out, candidate, member, progress),
        )
        self.job.finished.connect(self._finished)

    def _finished(self, result: Path | None, error: BaseException | None) -> None:
        self.job = None
        self.generate_button.setEnabled(self.ctx.campaign_id is not None)
        if error is not None:
            if is_cancelled(error):
                self.result.setText(tr("Cancelled: no PDF was written."))
            else:
                self.result.setText("")
                self.ctx.show_error(self, error, tr("Cannot generate the packs"))
            self.generated.emit(None)
            return
        assert result is not None  # render_packs returns the PDF written
        path = Path(result)
        self.ctx.prefs.remember_output_folder(self.ctx.db_path, self.ctx.campaign_id, path)
        url = QUrl.fromLocalFile(str(path.resolve()))
        self.result.setText(
            tr('Saved <a href="{url}">{path}</a>.').format(url=html.escape(url.toString()), path=html.escape(str(path)))
        )
        self.ctx.statusMessage.emit(tr("Packs saved to {path}").format(path=path))
        if self.open_after.isChecked() and self.ctx.prefs.open_viewer():
            QDesktopServices.openUrl(url)
        self.generated.emit(path)
