"""The HR workbook (contract: DESIGN.md "HR workbook"), written from one :class:`CampaignResults`.

Sheets, in order: ``Results``, ``Scores``, ``Items``, ``Audit``, ``About``.

* ``Results``: one row per candidate, in the order of ``results.candidates``: Campaign, Post title,
  Candidate reference, Candidate name, Interview date, Status, one column per item id (the agreed score),
  Total, Maximum, Outcome, Rank, Reasons, Moderated by, Moderated at, then one column per check. A candidate
  not yet moderated has empty score, total, outcome and rank cells; a withdrawn or absent one never has an
  outcome or rank. Reasons: the domain's sentences (each gating item under its pass mark, a total under the
  overall minimum, open checks; why a candidate is withdrawn or absent), joined by "; ".
* ``Scores``: long form, one row per candidate × item × member for which the member recorded a score:
  Candidate reference, Item, Item text, Member, Score, Notes, Agreed score, Rationale, Submitted at.
* ``Items``: Item, Kind, Text, Level, Requirement, Section, Gating (yes/no), Pass mark, Maximum.
* ``Audit``: Seq, At, Actor, Action, Target, Old, New, Reason, Hash.
* ``About``: two columns (Field, Value): schema ``interview-panel/results/2``, app version, campaign,
  post, generated at, scale, pass mark, gating and overall-minimum rules, panel, and how text is protected.

Cells are typed: scores, totals and ranks are numbers; times are date cells (naive local time, see
:func:`exports.safe.naive_local`); ``None`` is an empty cell. Free text goes through
:func:`exports.safe.neutralise` and is a string cell, never a formula. Every sheet has its header row
frozen, an autofilter over its data and column widths estimated from the content (capped); printed, it is
landscape A4, one page wide, with the header row repeated.

Written with openpyxl's write-only mode (rows stream to disk, into the process's private scratch folder,
never the shared system temp folder), through :func:`exports.atomic.atomic_path`: a cancelled
(:class:`domain.progress.Cancelled`), failed or killed export leaves any existing file untouched and no
temporary file behind (removed at once, or swept at the next start after a kill).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import ALL_TEMP_FILES, WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from .. import __version__
from ..domain.campaign import CampaignResults
from ..domain.progress import NO_PROGRESS, Progress
from . import scratch
from .atomic import atomic_path
from .safe import ERROR_TEXTS, naive_local, neutralise

SCHEMA = "interview-panel/results/2"
SHEETS = ("Results", "Scores", "Items", "Audit", "About")
RESULTS_LEADING = ("Campaign", "Post title", "Candidate reference", "Candidate name", "Interview date", "Status")
RESULTS_TRAILING = ("Total", "Maximum", "Outcome", "Rank", "Reasons", "Moderated by", "Moderated at")
SCORES_COLUMNS = (
    "Candidate reference",
    "Item",
    "Item text",
    "Member",
    "Score",
    "Notes",
    "Agreed score",
    "Rationale",
    "Submitted at",
)
REASONS_SEPARATOR = "; "
ITEMS_COLUMNS = ("Item", "Kind", "Text", "Level", "Requirement", "Section", "Gating", "Pass mark", "Maximum")
AUDIT_COLUMNS = ("Seq", "At", "Actor", "Action", "Target", "Old", "New", "Reason", "Hash")
ABOUT_COLUMNS = ("Field", "Value")

DATE_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 60
MIN_WIDTH = 6
DATE_WIDTH = 17
PROTECTION_NOTE = (
    "Text starting with = + - @ (or a look-alike such as a fullwidth sign or the minus sign, "
    "also after leading spaces or invisible characters), a tab or a line break is shown with "
    "a leading ' so that no spreadsheet runs it as a formula."
)


# -- rows shared with the CSV export ----------------------------------------------------------------------
def check_ids(results: CampaignResults) -> list[str]:
    """The ids of the campaign's checks (eligibility conditions the chair confirms), when it has any."""
    out = []
    for c in getattr(results, "checks", None) or ():
        out.append(c[0] if isinstance(c, tuple) else getattr(c, "id", c))  # (criterion id, text) pairs
    return out


def results_header(results: CampaignResults) -> list[str]:
    """The Results sheet's header: the fixed columns around one column per item id, then one per check."""
    return [*RESULTS_LEADING, *(i.id for i in results.items), *RESULTS_TRAILING, *check_ids(results)]


def results_rows(results: CampaignResults) -> list[list[Any]]:
    """The Results sheet's data rows: neutralised text, ints, naive local datetimes, ``None`` for empty."""
    campaign = neutralise(results.campaign_name)
    post = neutralise(results.profile.post_title)
    item_ids = [i.id for i in results.items]
    checks = check_ids(results)
    rows = []
    for c in results.candidates:
        state = getattr(c, "checks", None) or {}
        rows.append(
            [
                campaign,
                post,
                neutralise(c.candidate.reference),
                neutralise(c.candidate.name),
                naive_local(c.candidate.slot),
                str(c.status),
                *(c.agreed.get(i) for i in item_ids),
                c.total,
                c.maximum,
                neutralise(c.outcome),
                c.rank,
                neutralise(REASONS_SEPARATOR.join(c.reasons) or None),
                neutralise(c.moderated_by),
                naive_local(c.moderated_at),
                *(neutralise(state.get(k)) for k in checks),
            ]
        )
    return rows


# -- writing ----------------------------------------------------------------------------------------------
def _width(values: Iterable[Any]) -> float:
    longest = 0
    for v in values:
        if v is None:
            continue
        if isinstance(v, datetime):
            n = DATE_WIDTH
        else:
            s = v if isinstance(v, str) else str(v)
            n = max((len(line) for line in s.split("\n")), default=0)
        if n > longest:
            longest = n
    return float(max(MIN_WIDTH, min(MAX_WIDTH, round(longest * 1.1) + 3)))


class _Sheet:
    """A write-only sheet: bold frozen header, widths set up front, autofilter on close."""

    def __init__(self, wb: Workbook, title: str, header: Sequence[str], widths: Sequence[float]) -> None:
        self.ws = wb.create_sheet(title)
        self.columns = len(header)
        self.rows = 1
        for n, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(n)].width = w
        self.ws.freeze_panes = "A2"
        # Printed: landscape, as wide as one page, the header row repeated on every page.
        self.ws.page_setup.orientation = "landscape"
        self.ws.page_setup.paperSize = "9"  # A4
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ws.page_setup.fitToWidth = 1
        self.ws.page_setup.fitToHeight = 0
        self.ws.print_title_rows = "1:1"
        bold = Font(bold=True)
        cells = []
        for h in header:
            cell = WriteOnlyCell(self.ws, h)
            cell.data_type = "s"
            cell.font = bold
            cell.alignment = Alignment(vertical="top")
            cells.append(cell)
        _private_writer(self.ws)
        self.ws.append(cells)
        self._date_cells: dict[int, Cell] = {}

    def text(self, value: str | None) -> Any:
        """A neutralised text as an appendable value: a string cell even when it looks like an error code."""
        if value in ERROR_TEXTS:
            cell = WriteOnlyCell(self.ws, value)
            cell.data_type = "s"
            # A styled cell is never reused by openpyxl for the next value, so it is safe to repeat.
            cell.quotePrefix = True
            return cell
        return value

    def date(self, value: datetime | None) -> Any:
        if value is None:
            return None
        cell = WriteOnlyCell(self.ws, value)
        cell.number_format = DATE_FORMAT
        return cell

    def append(self, row: list[Any]) -> None:
        self.ws.append(row)
        self.rows += 1

    def close(self) -> None:
        self.ws.auto_filter.ref = f"A1:{get_column_letter(self.columns)}{self.rows}"


def _private_writer(ws: Any) -> None:
    """Stream the write-only sheet into a file in the process's private scratch folder (exports.scratch)
    instead of the shared system temp folder openpyxl would use. Called once the sheet's set-up (widths,
    panes, print settings) is done: the writer writes it first."""
    try:
        path = str(scratch.temp_file(suffix=".xml", prefix="sheet-"))
    except OSError:
        return  # no private folder can be made: openpyxl's own temporary file it is
    ALL_TEMP_FILES.append(path)  # openpyxl removes it after copying it into the workbook (and at exit)
    ws._writer = WorksheetWriter(ws, out=path)
    ws._writer.write_top()


def _save(wb: Workbook, path: Path) -> None:
    """``wb.save(path)``, except that a failure (a full disk) closes the half-written zip here: otherwise
    its finaliser retries the write later and prints a traceback ("Exception ignored in ZipFile.__del__")."""
    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        wb.properties.modified = datetime.now(tz=UTC).replace(tzinfo=None)
        ExcelWriter(wb, archive).save()
    except BaseException:
        fp, archive.fp = archive.fp, None  # the archive is abandoned: its finaliser must not write again
        if fp is not None:
            with contextlib.suppress(Exception):
                fp.close()
        raise


_IO_ERROR = re.compile(r"\bIO_(E[A-Z0-9]+)\b")


@contextlib.contextmanager
def _io_errors_as_os_errors() -> Iterator[None]:
    """lxml reports a failed write of a sheet file (a full disk) as ``SerialisationError: IO_ENOSPC``:
    raise it as the OSError it is, so it is reported (on the target) like any other write error."""
    try:
        yield
    except Exception as exc:
        m = None if isinstance(exc, OSError) else _IO_ERROR.search(str(exc))
        code = getattr(errno, m.group(1), None) if m else None
        if not isinstance(code, int):
            raise
        raise OSError(code, os.strerror(code)) from None


def _discard(wb: Workbook) -> None:
    """Remove the temporary files openpyxl streams write-only sheets into (after a cancel or failure)."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            rows = getattr(ws, "_rows", None)
            if rows is not None:
                rows.close()
        with contextlib.suppress(Exception):
            writer.xf.close()
        with contextlib.suppress(Exception):
            writer.cleanup()


def write_workbook(results: CampaignResults, out: str | os.PathLike[str], progress: Progress | None = None) -> Path:
    """Write the HR workbook for ``results`` to ``out`` and return its path.

    Calls ``progress.step`` about once per candidate per sheet; a :class:`Cancelled` raised there (or any
    error) leaves ``out`` as it was before the call.
    """
    progress = progress or NO_PROGRESS
    out = Path(out)
    n = len(results.candidates)
    total_steps = 2 * n + 2
    wb = Workbook(write_only=True)
    try:
        with atomic_path(out) as tmp, _io_errors_as_os_errors():
            progress.step(0, total_steps, "Results")
            _write_results(wb, results, progress, total_steps)
            _write_scores(wb, results, progress, total_steps)
            _write_items(wb, results)
            progress.step(2 * n + 1, total_steps, "Audit")
            _write_audit(wb, results)
            _write_about(wb, results)
            _save(wb, tmp)
            progress.step(total_steps, total_steps, "Saved")
    except BaseException:
        _discard(wb)
        raise
    return out


def _write_results(wb: Workbook, results: CampaignResults, progress: Progress, total: int) -> None:
    header = results_header(results)
    rows = results_rows(results)
    widths = [_width([h, *(r[n] for r in rows)]) for n, h in enumerate(header)]
    sheet = _Sheet(wb, "Results", header, widths)
    n_checks = len(check_ids(results))
    last = len(header) - n_checks  # the columns after Moderated at are the checks
    date_cols = (4, last - 1)
    text_cols = (0, 1, 2, 3, 5, last - 5, last - 3, last - 2, *range(last, len(header)))
    for k, row in enumerate(rows):
        if k % 50 == 0:
            progress.step(k, total, "Results")
        for col in text_cols:
            row[col] = sheet.text(row[col])
        for col in date_cols:
            row[col] = sheet.date(row[col])
        sheet.append(row)
    sheet.close()


def _write_scores(wb: Workbook, results: CampaignResults, progress: Progress, total: int) -> None:
    items = [(i.id, neutralise(i.id), neutralise(i.text)) for i in results.items]
    names = [m.name for m in results.members]
    known = set(names)
    # Scores from someone no longer on the panel are still exported (after the panel, by name).
    names += sorted({name for c in results.candidates for per in c.scores.values() for name in per} - known)
    members = [(name, neutralise(name)) for name in names]
    refs = [neutralise(c.candidate.reference) for c in results.candidates]
    widths = [
        _width(["Candidate reference", *refs[:5000]]),
        _width(["Item", *(i[1] for i in items)]),
        _width(["Item text", *(i[2] for i in items)]),
        _width(["Member", *(m[1] for m in members)]),
        8.0,
        float(MAX_WIDTH),
        14.0,
        float(MAX_WIDTH),
        float(DATE_WIDTH + 2),
    ]
    sheet = _Sheet(wb, "Scores", SCORES_COLUMNS, widths)
    items = [(item_id, sheet.text(sid), sheet.text(text)) for item_id, sid, text in items]
    members = [(name, sheet.text(sname)) for name, sname in members]
    n = len(results.candidates)
    for k, c in enumerate(results.candidates):
        if k % 10 == 0:
            progress.step(n + k, total, "Scores")
        ref = sheet.text(refs[k])
        submitted = {name: sheet.date(naive_local(at)) for name, at in c.submitted_at.items()}
        for item_id, sid, text in items:
            per = c.scores.get(item_id)
            if not per:
                continue
            agreed = c.agreed.get(item_id)
            rationale = sheet.text(neutralise(c.rationale.get(item_id) or None))
            notes = c.notes.get(item_id) or {}
            for name, sname in members:
                score = per.get(name)
                if score is None:
                    continue
                note = notes.get(name)
                sheet.append(
                    [
                        ref,
                        sid,
                        text,
                        sname,
                        score,
                        sheet.text(neutralise(note)) if note else None,
                        agreed,
                        rationale,
                        submitted.get(name),
                    ]
                )
    sheet.close()


def _write_items(wb: Workbook, results: CampaignResults) -> None:
    rules = results.rules
    rows = [
        [
            neutralise(i.id),
            i.kind,
            neutralise(i.text),
            i.level,
            i.requirement,
            i.section,
            "yes" if rules.is_gating(i) else "no",
            rules.pass_mark,
            rules.scale.maximum,
        ]
        for i in results.items
    ]
    widths = [_width([h, *(r[n] for r in rows)]) for n, h in enumerate(ITEMS_COLUMNS)]
    sheet = _Sheet(wb, "Items", ITEMS_COLUMNS, widths)
    for r in rows:
        sheet.append([sheet.text(v) if isinstance(v, str) else v for v in r])
    sheet.close()


def _write_audit(wb: Workbook, results: CampaignResults) -> None:
    sample = results.audit[:2000]
    widths = [
        8.0,
        float(DATE_WIDTH + 2),
        *(_width([h, *(neutralise(getattr(a, h.lower())) for a in sample)]) for h in AUDIT_COLUMNS[2:8]),
        66.0,
    ]
    sheet = _Sheet(wb, "Audit", AUDIT_COLUMNS, widths)
    for a in results.audit:
        sheet.append(
            [
                a.seq,
                sheet.date(naive_local(a.at)),
                sheet.text(neutralise(a.actor)),
                sheet.text(neutralise(a.action)),
                sheet.text(neutralise(a.target)),
                sheet.text(neutralise(a.old)),
                sheet.text(neutralise(a.new)),
                sheet.text(neutralise(a.reason)),
                sheet.text(neutralise(a.hash)),
            ]
        )
    sheet.close()


def about_rows(results: CampaignResults) -> list[tuple[str, Any]]:
    """The About sheet's (field, value) pairs."""
    rules = results.rules
    p = results.profile
    panel = "; ".join(f"{m.name} (chair)" if m.chair else m.name for m in results.members)
    return [
        ("Schema", SCHEMA),
        ("App version", __version__),
        ("Campaign id", results.campaign_id),
        ("Campaign", results.campaign_name),
        ("Post title", p.post_title),
        ("Grade", p.grade),
        ("Framework", p.framework),
        ("Role profile sha256", p.source.sha256 if p.source else None),
        ("Generated at", naive_local(results.generated_at)),
        ("Audit head", results.audit_head),
        ("Candidates", len(results.candidates)),
        ("Items", len(results.items)),
        ("Panel", panel),
        ("Scale", rules.scale.key),
        ("Scale anchors", "; ".join(f"{n} {text}" for n, text in rules.scale.anchors)),
        ("Pass mark", rules.pass_mark),
        ("Behaviours gating", "yes" if rules.gate_behaviours else "no"),
        ("Essential criteria gating", "yes" if rules.gate_essential else "no"),
        ("Values gating", "yes" if rules.gate_values else "no"),
        ("Overall minimum total", rules.overall_minimum),
        ("Spread needing a rationale", rules.spread_threshold),
        (
            "Outcome rule",
            "appointable when every gating item reaches the pass mark and the total reaches the "
            "overall minimum; rank by outcome, then total (ties share a rank)",
        ),
        ("Times", "local time where the export was made"),
        ("Text protection", PROTECTION_NOTE),
    ]


def _write_about(wb: Workbook, results: CampaignResults) -> None:
    rows = [(k, neutralise(v) if isinstance(v, str) else v) for k, v in about_rows(results)]
    sheet = _Sheet(
        wb, "About", ABOUT_COLUMNS, [_width(["Field", *(r[0] for r in rows)]), _width(["Value", *(r[1] for r in rows)])]
    )
    for k, v in rows:
        sheet.append([k, sheet.date(v) if isinstance(v, datetime) else sheet.text(v) if isinstance(v, str) else v])
    sheet.close()
