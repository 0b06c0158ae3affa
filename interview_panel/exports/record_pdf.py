"""The PDF moderation record for HR's file, written from one :class:`CampaignResults`.

Contents, in order: a cover (campaign, post, grade, panel with the chair marked, interview dates, scoring
rules, items, generated at), the ranked results table, charts of the score distributions, then one
moderation record per candidate (each item with every member's score, the agreed score, flags and the
rationale; totals, gating failures, outcome, rank; signature lines for the chair and each member), each
starting on a new page.

Every page carries the protective marking ``OFFICIAL-SENSITIVE`` at top and bottom and "Page n of N". The
total N is drawn from a PDF form that is filled in once the last page is known, so the document is laid
out in one pass with constant memory per page. The PDF outline has entries for the cover, results and
charts, and a "Moderation records" entry with one child per candidate. Metadata: title, author
"Interview Panel", subject. Text is set in the Unicode font from :func:`exports.fonts.register_fonts`.

Scale: simple flowables only (one results table per page, paragraphs only where text wraps), so
time grows linearly with candidates; the story is generated chunk by chunk as platypus consumes it, so only a
few candidates' flowables are in memory at once. ``progress.step`` is called as each candidate's record is laid out;
a :class:`Cancelled` raised there, or any error, leaves the target path as it was (``atomic_path``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .. import __version__
from ..domain.agreement import panel_agreement
from ..domain.campaign import CampaignResults, CandidateResult
from ..domain.charts import CALIBRATION_HEADERS, SPREAD_HEADERS, chart_figures
from ..domain.progress import NO_PROGRESS, Progress
from ..domain.scoring import APPOINTABLE
from .atomic import atomic_path
from .charts import agreed_distribution, total_distribution
from .fonts import draw_string, needs_fallback, register_fonts
from .pdf_common import clip, esc, fit_text
from .safe import naive_local

MARKING = "OFFICIAL-SENSITIVE"
AUTHOR = "Interview Panel"
PAGE = A4
MARGIN = 15 * mm
TOP_SPACE = 12 * mm
BOTTOM_SPACE = 12 * mm
FRAME_HEIGHT = PAGE[1] - 2 * MARGIN - TOP_SPACE - BOTTOM_SPACE
_TOTAL_FORM = "ipTotalPages"
_GREY = colors.HexColor("#555555")
_RULE = colors.HexColor("#999999")
# Names in the score table's narrow header cells and on the fixed-height signature lines are shortened (the
# full name is in the panel list and the candidate heading, where it wraps).
HEAD_NAME_LIMIT = 40
SIGN_NAME_LIMIT = 60
_HEAD_BG = colors.HexColor("#e8ecf2")
_FAIL_BG = colors.HexColor("#f8d7d3")


def _when(value: datetime | None, fmt: str = "%d %b %Y %H:%M") -> str:
    v = naive_local(value)
    return v.strftime(fmt) if v else "–"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    base = ParagraphStyle("ipr-body", fontName=regular, fontSize=9.5, leading=12)
    return {
        "body": base,
        "small": ParagraphStyle("ipr-small", parent=base, fontSize=8, leading=10),
        "cell": ParagraphStyle("ipr-cell", parent=base, fontSize=8, leading=9.8),
        "head": ParagraphStyle("ipr-head", parent=base, fontName=bold, fontSize=8, leading=9.8),
        "h1": ParagraphStyle("ipr-h1", parent=base, fontName=bold, fontSize=20, leading=25, spaceAfter=8),
        "h2": ParagraphStyle("ipr-h2", parent=base, fontName=bold, fontSize=13.5, leading=17, spaceAfter=4),
        "h3": ParagraphStyle(
            "ipr-h3", parent=base, fontName=bold, fontSize=10.5, leading=13, spaceBefore=8, spaceAfter=3
        ),
        "regular": regular,
        "bold": bold,
    }


class _Mark(Flowable):  # type: ignore[misc]  # reportlab has no type information
    """Zero-size flowable: a bookmark + outline entry at the page it lands on, and a progress hook."""

    def __init__(self, key: str, title: str, level: int, on_draw: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.key, self.title, self.level, self.on_draw = key, title, level, on_draw
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if self.on_draw is not None:
            self.on_draw()
        self.canv.bookmarkPage(self.key, fit="XYZ", top=PAGE[1])
        self.canv.addOutlineEntry(
            self.title, self.key, level=self.level, closed=self.level == 0 and self.key == "records"
        )


class _RecordDoc(BaseDocTemplate):  # type: ignore[misc]  # reportlab has no type information
    """One frame per A4 page; each page is decorated with the marking, titles and "Page n of N"."""

    def __init__(self, filename: str, results: CampaignResults, *, decorate: bool = True, **kw: Any) -> None:
        super().__init__(
            filename,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + TOP_SPACE,
            bottomMargin=MARGIN + BOTTOM_SPACE,
            **kw,
        )
        self.results = results
        self.regular, self.bold = register_fonts()
        self.generated = _when(results.generated_at)
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        if decorate:
            self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])
        else:
            self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def _decorate(self, canv: Any, doc: Any) -> None:
        w, h = PAGE
        canv.saveState()
        canv.setFont(self.bold, 10)
        canv.setFillColor(colors.black)
        canv.drawCentredString(w / 2, h - MARGIN, MARKING)
        canv.drawCentredString(w / 2, MARGIN - 4, MARKING)
        canv.setFont(self.regular, 7.5)
        canv.setFillColor(_GREY)
        top = h - MARGIN - 11
        draw_string(
            canv,
            MARGIN,
            top,
            fit_text(self.results.campaign_name, self.regular, 7.5, w / 2 - MARGIN),
            self.regular,
            7.5,
        )
        canv.drawRightString(w - MARGIN, top, "Moderation record")
        canv.setStrokeColor(_RULE)
        canv.setLineWidth(0.4)
        canv.line(MARGIN, top - 3, w - MARGIN, top - 3)
        bottom = MARGIN + 8
        canv.line(MARGIN, bottom + 9, w - MARGIN, bottom + 9)
        canv.drawString(MARGIN, bottom, f"Generated {self.generated}")
        # "Page n of " ends where the total (a form filled in after the last page) begins.
        total_x = w - MARGIN - stringWidth("00000", self.regular, 7.5)
        canv.drawRightString(total_x, bottom, f"Page {canv.getPageNumber()} of ")
        canv.saveState()
        canv.translate(total_x, bottom)
        canv.doForm(_TOTAL_FORM)
        canv.restoreState()
        canv.restoreState()

    def finish(self, canv: Any) -> None:
        """Define the total-pages form once the number of pages is known (called before save)."""
        canv.beginForm(_TOTAL_FORM, lowerx=0, lowery=-3, upperx=60, uppery=12)
        canv.setFont(self.regular, 7.5)
        canv.setFillColor(_GREY)
        canv.drawString(0, 0, str(canv.getPageNumber() - 1))
        canv.endForm()


def _grid(header_rows: int = 1) -> list[tuple[Any, ...]]:
    return [
        ("GRID", (0, 0), (-1, -1), 0.4, _RULE),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), _HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]


# -- the story ---------------------------------------------------------------------------------------------
def _interview_dates(results: CampaignResults) -> str:
    slots = [c.candidate.slot for c in results.candidates]
    days = sorted({naive_local(slot).date() for slot in slots if slot is not None})
    if not days:
        return "not scheduled"
    if len(days) <= 6:
        return ", ".join(d.strftime("%d %b %Y") for d in days)
    return f"{days[0]:%d %b %Y} to {days[-1]:%d %b %Y} ({len(days)} days)"


AGREEMENT_BANDS = (
    "<font size=7>Members' submitted scores of the same answers, whole campaign. ICC(2,1): "
    "below 0.50 poor, 0.50-0.75 moderate, 0.75-0.90 good, above 0.90 excellent. Krippendorff's "
    "alpha (ordinal): 0.80 and above reliable, 0.667-0.80 tentative.</font>"
)


def _cover(results: CampaignResults, st: dict[str, Any], width: float, marks: bool) -> list[Flowable]:
    p = results.profile
    rules = results.rules
    moderated = [c for c in results.candidates if c.outcome is not None]
    appointable = sum(1 for c in moderated if c.outcome == APPOINTABLE)
    panel = "<br/>".join(esc(m.name) + (" <b>(chair)</b>" if m.chair else "") for m in results.members) or "–"
    gating = [
        name
        for flag, name in (
            (rules.gate_behaviours, "behaviours"),
            (rules.gate_essential, "essential criteria"),
            (rules.gate_values, "values"),
        )
        if flag
    ]
    agreement = panel_agreement(results).figures()
    rows = [
        ("Campaign", esc(results.campaign_name)),
        ("Post", esc(p.post_title or "–")),
        ("Grade", esc(p.grade or "–")),
        ("Framework", esc(p.framework)),
        ("Panel", panel),
        ("Interview dates", esc(_interview_dates(results))),
        ("Candidates", f"{len(results.candidates)} ({len(moderated)} moderated, {appointable} appointable)"),
        ("Scale", esc(f"{rules.scale.key}: " + "; ".join(f"{n} {t}" for n, t in rules.scale.anchors))),
        (
            "Pass mark",
            f"{rules.pass_mark} on each gating item ({esc(', '.join(gating) or 'none')})"
            + (f"; overall minimum total {rules.overall_minimum}" if rules.overall_minimum is not None else ""),
        ),
        ("Panel agreement", esc(agreement[:1].upper() + agreement[1:]) + "<br/>" + AGREEMENT_BANDS),
        ("Generated", esc(_when(results.generated_at)) + f" by Interview Panel {esc(__version__)}"),
    ]
    table = Table(
        [[Paragraph(k, st["head"]), Paragraph(v, st["body"])] for k, v in rows],
        colWidths=[35 * mm, width - 35 * mm],
        splitInRow=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, _RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story: list[Flowable] = []
    if marks:
        story.append(_Mark("cover", "Cover", 0))
    story += [
        Spacer(1, 6 * mm),
        Paragraph("Interview moderation record", st["h1"]),
        Paragraph(esc(results.campaign_name), st["h2"]),
        Spacer(1, 4 * mm),
        table,
        Paragraph("Items assessed", st["h3"]),
    ]
    head = [Paragraph(h, st["head"]) for h in ("Item", "Kind", "What is assessed", "Gating")]
    item_rows = [head] + [
        [
            Paragraph(esc(i.id), st["cell"]),
            i.kind,
            Paragraph(esc(i.describe), st["cell"]),
            "yes" if rules.is_gating(i) else "no",
        ]
        for i in results.items
    ]
    items = Table(item_rows, colWidths=[40 * mm, 18 * mm, width - 72 * mm, 14 * mm], repeatRows=1, splitInRow=1)
    items.setStyle(TableStyle(_grid() + [("FONT", (0, 1), (-1, -1), st["regular"], 8)]))
    story += [items, PageBreak()]
    return story


def _ranked(results: CampaignResults, st: dict[str, Any], width: float, marks: bool) -> list[Flowable]:
    """The ranked table, cut into one table per page (each with its header) by measuring the rows once.

    One table per page keeps layout linear in the number of candidates (splitting one long table
    re-measures all remaining rows at every page). Should a page still overflow, the table splits with
    its header repeated, so nothing is lost.
    """
    order = sorted(results.candidates, key=lambda c: (c.rank is None, c.rank or 0, c.reference))
    story: list[Flowable] = []
    if marks:
        story.append(_Mark("results", "Ranked results", 0))
    intro = [
        Paragraph("Ranked results", st["h2"]),
        Paragraph(
            "Appointable candidates first, then by total agreed score; equal totals share a rank. "
            "Candidates still being scored or moderated are listed last.",
            st["small"],
        ),
        Spacer(1, 3 * mm),
    ]
    story += intro
    labels = ("Rank", "Reference", "Candidate", "Total", "Outcome", "Reasons")
    widths = [12 * mm, 24 * mm, 50 * mm, 18 * mm, 26 * mm, width - 130 * mm]
    pad = 4 + 0.5  # top + bottom padding and the grid line
    page_h = (FRAME_HEIGHT - 2) * 0.97
    avail = page_h - sum(f.wrap(width, FRAME_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in intro)
    head_h = max(Paragraph(h, st["head"]).wrap(w - 6, FRAME_HEIGHT)[1] for h, w in zip(labels, widths)) + pad

    def emit(chunk: list[list[Any]], bold_rows: list[int]) -> None:
        style = _grid() + [
            ("FONT", (0, 1), (-1, -1), st["regular"], 8),
            ("ALIGN", (0, 1), (0, -1), "RIGHT"),
            ("ALIGN", (3, 1), (3, -1), "RIGHT"),
        ]
        style += [("FONT", (4, k), (4, k), st["bold"], 8) for k in bold_rows]
        table = Table(
            [[Paragraph(h, st["head"]) for h in labels]] + chunk, colWidths=widths, repeatRows=1, splitInRow=1
        )
        table.setStyle(TableStyle(style))
        story.append(table)

    chunk: list[list[Any]] = []
    bold: list[int] = []
    used = head_h
    for c in order:
        total = "–" if c.total is None else f"{c.total} / {c.maximum}"
        cells = [
            Paragraph(esc(c.reference), st["cell"]),
            Paragraph(esc(c.candidate.name), st["cell"]),
            Paragraph(esc("; ".join(c.reasons)), st["cell"]) if c.reasons else "",
        ]
        h = (
            max(
                [9.6]
                + [
                    p.wrap(w - 6, FRAME_HEIGHT)[1]
                    for p, w in zip(cells, (widths[1], widths[2], widths[5]))
                    if isinstance(p, Paragraph)
                ]
            )
            + pad
        )
        if chunk and used + h > avail:
            emit(chunk, bold)
            story.append(PageBreak())
            chunk, bold, used, avail = [], [], head_h, page_h
        chunk.append(
            ["" if c.rank is None else str(c.rank), cells[0], cells[1], total, c.outcome or c.status, cells[2]]
        )
        if c.outcome == APPOINTABLE:
            bold.append(len(chunk))
        used += h
    emit(chunk, bold)
    story.append(PageBreak())
    return story


def _charts(results: CampaignResults, st: dict[str, Any], width: float, marks: bool) -> list[Flowable]:
    """The score distributions, then the figures the app's Results page charts (domain.charts)."""
    figures = chart_figures(results)
    story: list[Flowable] = []
    if marks:
        story.append(_Mark("charts", "Score distribution", 0))
    story += [
        Paragraph("Score distribution", st["h2"]),
        Paragraph(
            "Agreed scores of moderated candidates, item by item: each bar is split by the score agreed.", st["small"]
        ),
        agreed_distribution(results, figures, width, 105 * mm, st["regular"]),
        Spacer(1, 6 * mm),
        Paragraph("Totals of moderated candidates.", st["small"]),
        total_distribution(figures.totals, width, 75 * mm, st["regular"]),
        Paragraph("Per item: agreed scores and how far apart the members scored", st["h3"]),
        _figures_table(SPREAD_HEADERS, [s.cells() for s in figures.spreads], st, width),
        Paragraph("Each member against the agreed scores", st["h3"]),
        _figures_table(CALIBRATION_HEADERS, [c.cells() for c in figures.calibration], st, width),
        PageBreak(),
    ]
    return story


def _figures_table(headers: tuple[str, ...], rows: list[tuple[str, ...]], st: dict[str, Any], width: float) -> Table:
    """A table of figures: the first column as text, the others numbers (right-aligned)."""
    first = width * 0.34
    rest = (width - first) / (len(headers) - 1)
    table = Table(
        [[Paragraph(h, st["head"]) for h in headers], *[list(r) for r in rows]],
        colWidths=[first] + [rest] * (len(headers) - 1),
        repeatRows=1,
        splitInRow=1,
    )
    table.setStyle(
        TableStyle(_grid() + [("FONT", (0, 1), (-1, -1), st["regular"], 8), ("ALIGN", (1, 1), (-1, -1), "RIGHT")])
    )
    return table


@lru_cache(maxsize=512)
def _item_label(head: str, name: str, font: str, width: float) -> str:
    """An item's id (with * when gating) over its readable name, each cut to fit the column."""
    return fit_text(head, font, 8, width) + "\n" + fit_text(name, font, 7.5, width)


def _record(results: CampaignResults, c: CandidateResult, st: dict[str, Any], width: float) -> list[Flowable]:
    names = [m.name for m in results.members]
    names += sorted({n for per in c.scores.values() for n in per} - set(names))
    chair = next((m.name for m in results.members if m.chair), None)
    story: list[Flowable] = [
        Paragraph(f"{esc(c.reference)} — {esc(c.candidate.name)}", st["h2"]),
        _facts_table(c, st, width),
        Spacer(1, 3 * mm),
        _scores_table(results, c, names, chair, st, width),
        Paragraph(
            f"* gating item: the agreed score must reach the pass mark ({results.rules.pass_mark}). "
            "A shaded agreed score is below it.",
            st["small"],
        ),
        Paragraph("Signatures", st["h3"]),
        _signatures_table(names, chair, st, width),
    ]
    if results.audit_head:
        story += [
            Spacer(1, 2 * mm),
            Paragraph(
                f"Audit head when this record was made: <font name='Courier'>{results.audit_head}</font>. "
                "Anyone can check later that the log still holds it: <i>interview-panel audit verify "
                f"--db DATABASE --head {results.audit_head[:12]}…</i> (the full hash).",
                st["small"],
            ),
        ]
    story.append(PageBreak())
    return story


def _facts_table(c: CandidateResult, st: dict[str, Any], width: float) -> Table:
    """The candidate's status, total, outcome, rank, reasons and moderation, in two columns of label/value."""
    total = "–" if c.total is None else f"{c.total} of {c.maximum}"
    reasons = "; ".join(c.reasons) if c.reasons else ("none" if c.outcome else "–")
    inactive = not c.candidate.active
    facts = [
        ("Interview", _when(c.candidate.slot)),
        ("Status", str(c.status)),
        ("Total", total),
        ("Outcome", c.outcome or ("none: " + str(c.status) if inactive else "not decided")),
        ("Rank", "–" if c.rank is None else str(c.rank)),
        ("Reasons", reasons),
        ("Moderated by", c.moderated_by or "–"),
        ("Moderated at", _when(c.moderated_at)),
    ]
    half = (len(facts) + 1) // 2
    fact_rows = []
    for k in range(half):
        row: list[Any] = []
        for label, value in (facts[k], facts[k + half] if k + half < len(facts) else ("", "")):
            row += [label, Paragraph(esc(value), st["cell"])]
        fact_rows.append(row)
    table = Table(fact_rows, colWidths=[26 * mm, width / 2 - 26 * mm] * 2, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (0, -1), st["bold"], 8),
                ("FONT", (2, 0), (2, -1), st["bold"], 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _scores_table(
    results: CampaignResults, c: CandidateResult, names: list[str], chair: str | None, st: dict[str, Any], width: float
) -> Table:
    """One row per item: each member's score, the agreed score (shaded when a gating item fails), the flags
    and the rationale; the members' notes on a full-width line under their item."""
    rules = results.rules
    score_w = 13 * mm if len(names) <= 5 else max(8 * mm, 65 * mm / len(names))
    item_w, agreed_w, flag_w = 38 * mm, 15 * mm, 26 * mm
    rationale_w = max(30 * mm, width - item_w - agreed_w - flag_w - score_w * len(names))
    head = (
        [Paragraph("Item", st["head"])]
        + [Paragraph(esc(clip(n, HEAD_NAME_LIMIT)) + (" (chair)" if n == chair else ""), st["head"]) for n in names]
        + [Paragraph("Agreed", st["head"]), Paragraph("Flags", st["head"]), Paragraph("Rationale", st["head"])]
    )
    rows: list[list[Any]] = [head]
    agreed_col = len(names) + 1
    style = _grid() + [
        ("FONT", (0, 1), (-1, -1), st["regular"], 8),
        ("ALIGN", (1, 1), (agreed_col, -1), "CENTER"),
        ("FONT", (agreed_col, 1), (agreed_col, -1), st["bold"], 8.5),
    ]
    for item in results.items:
        per = c.scores.get(item.id, {})
        agreed = c.agreed.get(item.id)
        gating = rules.is_gating(item)
        label = _item_label(item.id + (" *" if gating else ""), item.short_label, st["regular"], item_w - 6)
        flags = c.flags.get(item.id) or []
        rationale = c.rationale.get(item.id)
        rows.append(
            [label if not needs_fallback(label) else Paragraph(esc(label).replace("\n", "<br/>"), st["cell"])]
            + [("–" if per.get(n) is None else str(per[n])) for n in names]
            + [
                "–" if agreed is None else str(agreed),
                Paragraph(esc("; ".join(flags)), st["cell"]) if flags else "",
                Paragraph(esc(rationale), st["cell"]) if rationale else "",
            ]
        )
        if gating and agreed is not None and agreed < rules.pass_mark:
            k = len(rows) - 1
            style.append(("BACKGROUND", (agreed_col, k), (agreed_col, k), _FAIL_BG))
        notes = c.notes.get(item.id) or {}
        said = [f"<b>{esc(n)}:</b> {esc(notes[n])}" for n in names if notes.get(n)]
        if said:  # the members' notes under the item, one line across the table
            rows.append([Paragraph("Notes — " + " · ".join(said), st["cell"])] + [""] * (len(names) + 3))
            k = len(rows) - 1
            style += [("SPAN", (0, k), (-1, k)), ("TEXTCOLOR", (0, k), (-1, k), _GREY)]
    # splitInRow: a rationale longer than a page continues on the next page instead of failing.
    table = Table(
        rows, colWidths=[item_w] + [score_w] * len(names) + [agreed_w, flag_w, rationale_w], repeatRows=1, splitInRow=1
    )
    table.setStyle(TableStyle(style))
    return table


def _signatures_table(names: list[str], chair: str | None, st: dict[str, Any], width: float) -> Table:
    """A row per panel member, to sign and date by hand."""
    sign: list[list[Any]] = [["Role", "Name", "Signature", "Date"]]
    for n in names:
        sign.append(
            ["Chair" if n == chair else "Panel member", Paragraph(esc(clip(n, SIGN_NAME_LIMIT)), st["cell"]), "", ""]
        )
    table = Table(
        sign, colWidths=[26 * mm, 55 * mm, width - 111 * mm, 30 * mm], rowHeights=[None] + [11 * mm] * (len(sign) - 1)
    )
    table.setStyle(
        TableStyle(
            _grid()
            + [
                ("FONT", (0, 0), (-1, 0), st["bold"], 8),
                ("FONT", (0, 1), (-1, -1), st["regular"], 8),
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def iter_story(
    results: CampaignResults,
    progress: Progress | None = None,
    *,
    marks: bool = True,
    width: float = PAGE[0] - 2 * MARGIN,
) -> Iterator[list[Flowable]]:
    """The record's flowables in chunks: cover, results and charts first, then one chunk per candidate.

    With ``marks`` each candidate's chunk starts with an outline entry whose drawing calls
    ``progress.step(k, n, "Laying out records")`` (so a cancel takes effect during layout).
    """
    progress = progress or NO_PROGRESS
    st = _styles()
    n = len(results.candidates)
    head = _cover(results, st, width, marks) + _ranked(results, st, width, marks) + _charts(results, st, width, marks)
    if marks:
        head.append(_Mark("records", "Moderation records", 0))
    yield head
    for k, c in enumerate(results.candidates):
        chunk: list[Flowable] = []
        if marks:
            chunk.append(
                _Mark(
                    f"c{k}",
                    f"{c.reference} — {c.candidate.name}",
                    1,
                    partial(progress.step, k, n, "Laying out records"),
                )
            )
        yield chunk + _record(results, c, st, width)


def build_story(
    results: CampaignResults,
    progress: Progress | None = None,
    *,
    marks: bool = True,
    width: float = PAGE[0] - 2 * MARGIN,
) -> list[Flowable]:
    """All the record's flowables in one list. ``marks=False`` leaves out outline entries and progress hooks."""
    return [f for chunk in iter_story(results, progress, marks=marks, width=width) for f in chunk]


class _LazyStory(list):  # type: ignore[type-arg]
    """A story that asks for the next chunks when it runs low.

    platypus consumes its story from the front (``len``, ``[0]``, ``del [0]``, inserts for splits), so only
    a few candidates' flowables exist at any time: memory stays flat however many candidates there are.
    """

    def __init__(self, chunks: Iterator[list[Flowable]], low: int = 40) -> None:
        super().__init__()
        self._chunks: Iterator[list[Flowable]] | None = chunks
        self._low = low

    def __len__(self) -> int:
        while self._chunks is not None and list.__len__(self) < self._low:
            chunk = next(self._chunks, None)
            if chunk is None:
                self._chunks = None
            else:
                self.extend(chunk)
        return list.__len__(self)


def write_record_pdf(results: CampaignResults, out: str | os.PathLike[str], progress: Progress | None = None) -> Path:
    """Write the moderation record for ``results`` to ``out`` and return its path."""
    progress = progress or NO_PROGRESS
    out = Path(out)
    story = _LazyStory(iter_story(results, progress))
    with atomic_path(out) as tmp:
        doc = _RecordDoc(
            str(tmp),
            results,
            title=f"Interview moderation record — {results.campaign_name}",
            author=AUTHOR,
            creator=f"Interview Panel {__version__}",
            subject=f"Moderated interview results: {results.profile.post_title or 'post'}",
        )

        def finish(canv: Any) -> None:
            doc.finish(canv)
            canv.showOutline()

        doc.build(story, canvasmaker=_canvasmaker(finish))
        n = len(results.candidates)
        progress.step(n, n, "Saved")
    return out


def _canvasmaker(finish: Callable[[Any], None]) -> Any:
    from reportlab.pdfgen.canvas import Canvas

    class _Canvas(Canvas):  # type: ignore[misc]  # reportlab has no type information
        def save(self) -> None:
            finish(self)
            super().save()

    return _Canvas


def write_plain_pdf(results: CampaignResults, out: str | os.PathLike[str]) -> Path:
    """The same pages laid out by bare reportlab: whole story in one list, no marking, page numbers,
    outline, metadata, progress or atomic replace. The floor that ``bench/export.py`` measures against."""
    doc = _RecordDoc(str(out), results, decorate=False)
    doc.build(build_story(results, marks=False, width=doc.width))
    return Path(out)
