"""Printed question packs for interview panels, and the chair's paper moderation grid (reportlab).

:func:`render_pack` is a pure renderer: everything it prints comes from its arguments. One pack is made per
``(candidate, member)`` pair (either may be None for a blank line to write on). Each pack has a cover and, per
item, what is assessed, the question, probes as a checklist, positive and negative indicators side by side,
a lined notes area and score boxes with the scale's anchors. Every page carries the protective marking at top
and bottom, the post title, and "Page n of N" counted within its pack. The chair's grid (landscape,
candidates × items, empty cells) follows when asked for.

The file is written through :func:`~interview_panel.exports.atomic.atomic_path`: a failed or cancelled job
(``progress.cancel()`` → :class:`~interview_panel.domain.progress.Cancelled`) leaves no file behind.
"""
from __future__ import annotations

import os
from datetime import date, datetime
from itertools import zip_longest
from typing import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (CondPageBreak, Flowable, KeepTogether, NextPageTemplate, PageBreak, Paragraph,
                                Spacer, Table, TableStyle)

from ..domain.campaign import Candidate
from ..domain.errors import ValidationError
from ..domain.framework import BY_SLUG, LEVEL_SCOPE
from ..domain.items import BEHAVIOUR, CRITERION, Item, QuestionSet
from ..domain.profile import SECTION_TITLES, RoleProfile
from ..domain.progress import NO_PROGRESS, Progress
from ..domain.scoring import ScoringRules
from .atomic import atomic_path
from .fonts import draw_string, string_width
from .pdf_common import (LANDSCAPE, PORTRAIT, Hook, PageDecor, SectionStart, build_pdf, esc, fit_text,
                         frame_size, styles)

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
GRID_BLANK_ROWS = 14
_GREY = colors.HexColor("#f0f0f0")
_RULE = colors.HexColor("#999999")
_POS = colors.HexColor("#e8f3ea")
_NEG = colors.HexColor("#f8e9e9")

Pack = tuple[Candidate | None, str | None]


# ---------------------------------------------------------------------------------------------
# What is assessed
# ---------------------------------------------------------------------------------------------
def assessed_heading(item: Item) -> str:
    """A one-line heading: "We take ownership — level 2", "K3 — Essential criterion", "Values"."""
    if item.kind == BEHAVIOUR:
        return f"{item.text} \u2014 level {item.level}"
    if item.kind == CRITERION:
        return f"{item.id} \u2014 {(item.requirement or '').capitalize()} criterion"
    return "Values"


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:- ") + "\u2026"


def assessed_summary(item: Item, limit: int = 110) -> str:
    """A short line for lists and keys: the behaviour and level, or requirement and (shortened) criterion."""
    if item.kind == CRITERION:
        return f"{(item.requirement or '').capitalize()}: {_shorten(item.text, limit)}"
    return assessed_heading(item)


def assessed_detail(item: Item) -> str:
    """The line under the heading: cluster and level scope, or section and criterion text, or the values."""
    if item.kind == BEHAVIOUR:
        comp = BY_SLUG.get(item.competency or item.id)
        cluster = f"Cluster: {comp.cluster}. " if comp else ""
        return (f"{cluster}CVF level {item.level} ({LEVEL_SCOPE.get(item.level or 1, '')}); "
                f"indicators are cumulative up to level {item.level}.")
    if item.kind == CRITERION:
        section = SECTION_TITLES.get(item.section or "", item.section or "")
        return f"Section: {section}. Criterion: {item.text}"
    return "Values: " + ", ".join(item.values)


# ---------------------------------------------------------------------------------------------
# Small flowables
# ---------------------------------------------------------------------------------------------
class _Box(Flowable):
    """An empty tick box."""

    def __init__(self, size: float = 3.2 * mm) -> None:
        super().__init__()
        self.size = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setLineWidth(0.7)
        self.canv.rect(0, 0, self.size, self.size)


class _Lines(Flowable):
    """A lined notes area that fills the space left on the page (less ``reserve``), at least ``min_lines``."""

    def __init__(self, *, gap: float = 7.5 * mm, reserve: float = 0, min_lines: int = 5,
                 max_lines: int = 40) -> None:
        super().__init__()
        self.gap, self.reserve, self.min_lines, self.max_lines = gap, reserve, min_lines, max_lines
        self.lines = min_lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        fit = int((availHeight - self.reserve) // self.gap)
        self.lines = max(self.min_lines, min(self.max_lines, fit))
        return availWidth, self.lines * self.gap

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(_RULE)
        c.setLineWidth(0.4)
        for i in range(self.lines):
            y = i * self.gap
            c.line(0, y, self.width, y)


class _Vertical(Flowable):
    """Text turned 90° (grid column headers), bottom to top."""

    def __init__(self, text: str, font: str, size: float) -> None:
        super().__init__()
        self.text, self.font, self.size = text, font, size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.size * 1.2, string_width(self.text, self.font, self.size)

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.rotate(90)
        draw_string(c, 0, -self.size, self.text, self.font, self.size)
        c.restoreState()


# ---------------------------------------------------------------------------------------------
# Pack parts
# ---------------------------------------------------------------------------------------------
def _id_width(items: Sequence[Item], style, minimum: float) -> float:
    """A column width that fits the longest item id on one line (ids are contract slugs, not wrapped)."""
    widest = max((string_width(i.id, style.fontName, style.fontSize) for i in items), default=0)
    return max(minimum, widest + 14)  # + cell padding (up to 6 pt each side) and a little air


def _date_text(d: date | datetime | None) -> str | None:
    if d is None:
        return None
    if isinstance(d, datetime):
        return d.strftime("%d %B %Y, %H:%M")
    return d.strftime("%d %B %Y")


def _cover(profile: RoleProfile, qs: QuestionSet, rules: ScoringRules, candidate: Candidate | None,
           member: str | None, interview_date: date | datetime | None, st: dict) -> list[Flowable]:
    width, _ = frame_size(PORTRAIT)
    blank = "\u00a0"
    when = _date_text(interview_date) or _date_text(candidate.slot if candidate else None)
    rows = [
        ("Post", profile.post_title or ""),
        ("Grade", profile.grade or ""),
        ("Candidate reference", candidate.reference if candidate else blank),
        ("Candidate name", candidate.name if candidate else blank),
        ("Panel member", member or blank),
        ("Date of interview", when or blank),
    ]
    data = [[Paragraph(esc(k), st["label"]), Paragraph(esc(v), st["body"])] for k, v in rows]
    facts = Table(data, colWidths=[45 * mm, width - 45 * mm], rowHeights=None, splitInRow=1)
    facts.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (1, 0), (1, -1), 0.6, _RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    out: list[Flowable] = [
        Paragraph("Interview question pack", st["h1"]),
        Paragraph(esc(profile.post_title or "Untitled post"), st["h2"]),
        Spacer(1, 3 * mm), facts, Spacer(1, 5 * mm),
        Paragraph("Items assessed at this interview", st["h3"]),
    ]
    idw = _id_width(qs.items, st["idcell"], 25 * mm)
    items = [[Paragraph(esc(i.id), st["idcell"]), Paragraph(esc(assessed_summary(i, 62)), st["small"]),
              Paragraph("gating" if rules.is_gating(i) else "", st["small"])] for i in qs.items]
    if items:
        t = Table([[Paragraph("Item", st["label"]), Paragraph("What is assessed", st["label"]),
                    Paragraph("Pass", st["label"])]] + items,
                  colWidths=[idw, width - idw - 16 * mm, 16 * mm], repeatRows=1, splitInRow=1)
        t.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, 0), _GREY), ("LINEBELOW", (0, 0), (-1, -1), 0.3, _RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]))
        out.append(t)
    scale = ", ".join(f"{n} {rules.scale.anchor(n).lower()}" for n in rules.scale.points)
    out += [
        Spacer(1, 6 * mm),
        Paragraph(esc(f"Scale {rules.scale.key}: {scale}. Pass mark {rules.pass_mark}; "
                      "\u201cgating\u201d items must each reach the pass mark."), st["small"]),
        Spacer(1, 2 * mm),
        Paragraph("Ask each question as written and use the probes to fill gaps in the answer. Write notes "
                  "of what the candidate says first; score each item on its own evidence afterwards, before "
                  "any discussion with the panel.", st["small"]),
    ]
    return out


def _score_boxes(item: Item, rules: ScoringRules, width: float, st: dict) -> Table:
    points = list(rules.scale.points)
    col = (width - 30 * mm) / len(points)
    head = [Paragraph("Score", st["cellbold"])] + [Paragraph(f"<b>{n}</b>", st["cell"]) for n in points]
    anchors = [Paragraph("Anchor", st["tiny"])] + [Paragraph(esc(rules.scale.anchor(n)), st["tiny"])
                                                      for n in points]
    tick = [Paragraph("Tick one", st["tiny"])] + ["" for _ in points]
    gate = (f"Gating: must reach {rules.pass_mark}" if rules.is_gating(item) else
            f"Pass mark {rules.pass_mark} (not gating)")
    t = Table([head, anchors, tick], colWidths=[30 * mm] + [col] * len(points),
              rowHeights=[None, None, 9 * mm])
    t.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, 0), (-1, 1), _GREY),
        ("ALIGN", (1, 0), (-1, 0), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    t._ip_gate = gate  # type: ignore[attr-defined]
    return t


def _indicator_table(positive: Sequence[str], negative: Sequence[str], width: float, st: dict) -> Table:
    rows = [[Paragraph("Positive indicators", st["cellbold"]), Paragraph("Negative indicators", st["cellbold"])]]
    for p, n in zip_longest(positive, negative):
        rows.append([Paragraph(_indicator_markup(p), st["cell"]) if p else "",
                     Paragraph(_indicator_markup(n), st["cell"]) if n else ""])
    if len(rows) == 1:
        rows.append([Paragraph("(none recorded)", st["cell"]), Paragraph("(none recorded)", st["cell"])])
    t = Table(rows, colWidths=[width / 2, width / 2], repeatRows=1, splitInRow=1)
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (0, -1), _POS), ("BACKGROUND", (1, 0), (1, -1), _NEG),
        ("BOX", (0, 0), (-1, -1), 0.6, colors.black), ("LINEAFTER", (0, 0), (0, -1), 0.6, colors.black),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 1), (-1, -1), 2), ("BOTTOMPADDING", (0, 1), (-1, -1), 2),
    ]))
    return t


def _indicator_markup(text: str) -> str:
    """Bold the "Level n:" / "<Value>:" label an indicator starts with, if any."""
    head, sep, rest = text.partition(": ")
    if sep and len(head) <= 24 and not head.endswith("."):
        return f"\u2022 <b>{esc(head)}:</b> {esc(rest)}"
    return f"\u2022 {esc(text)}"


def _probes(probes: Sequence[str], width: float, st: dict) -> Table | None:
    if not probes:
        return None
    t = Table([[_Box(), Paragraph(esc(p), st["cell"])] for p in probes], colWidths=[7 * mm, width - 7 * mm],
              splitInRow=1)
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, -1), 1), ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]))
    return t


def _item_pages(item: Item, qs: QuestionSet, rules: ScoringRules, st: dict) -> list[Flowable]:
    width, _ = frame_size(PORTRAIT)
    q = qs.questions.get(item.id)
    out: list[Flowable] = [
        Paragraph(esc(assessed_heading(item)), st["h2"]),
        Paragraph(esc(assessed_detail(item)), st["small"]),
        Spacer(1, 3 * mm),
        Paragraph("Question", st["label"]),
        Paragraph(esc(q.text if q else "(no question set for this item)"), st["question"]),
        Spacer(1, 2 * mm),
    ]
    if q is not None:
        probes = _probes(q.probes, width, st)
        if probes is not None:
            out += [KeepTogether([Paragraph("Probes (tick when covered)", st["label"]), probes]),
                    Spacer(1, 3 * mm)]
        out += [_indicator_table(q.positive, q.negative, width, st), Spacer(1, 3 * mm)]
    boxes = _score_boxes(item, rules, width, st)
    _, box_h = boxes.wrap(width, 1000)
    reserve = box_h + 14 * mm
    out += [
        CondPageBreak(6 * 7.5 * mm + reserve + 12),
        Paragraph("Notes (what the candidate said and did)", st["label"]),
        Spacer(1, 1 * mm),
        _Lines(reserve=reserve),
        Spacer(1, 3 * mm),
        KeepTogether([Paragraph(esc(f"Score for {item.id} \u2014 {boxes._ip_gate}"), st["label"]),  # type: ignore[attr-defined]
                      Spacer(1, 1 * mm), boxes]),
    ]
    return out


def _grid_key(items: Sequence[Item], width: float, st: dict, columns: int = 3) -> Table:
    """Item id → what it assesses, in ``columns`` side-by-side columns (top to bottom) so the key stays short."""
    cells = [Paragraph(f"<b>{esc(i.id)}</b>\u2002{esc(assessed_summary(i, 90))}", st["tiny"]) for i in items]
    per = max(1, -(-len(cells) // columns))
    data = [[cells[c * per + r] if c * per + r < len(cells) else "" for c in range(columns)] for r in range(per)]
    key = Table(data, colWidths=[width / columns] * columns, splitInRow=1)
    key.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
    return key


def _grid(profile: RoleProfile, qs: QuestionSet, rules: ScoringRules, candidates: Sequence[Candidate],
          st: dict) -> list[Flowable]:
    bold = st["cellbold"].fontName
    width, height = frame_size(LANDSCAPE)
    items = list(qs.items)
    name_w, total_w, outcome_w = 58 * mm, 14 * mm, 24 * mm
    if (width - name_w - total_w - outcome_w) / max(1, len(items)) < 6 * mm:  # many items: narrower names
        name_w = 42 * mm
    col = min(22 * mm, (width - name_w - total_w - outcome_w) / max(1, len(items)))
    header = ([Paragraph("Candidate", st["cellbold"])] + [_Vertical(i.id, bold, 8.5) for i in items]
              + [Paragraph("Total", st["cellbold"]), Paragraph("Outcome / rank", st["cellbold"])])
    rows = [header]
    cell = st["cell"]
    for c in candidates:  # one line per candidate, whatever the length of the name
        room_w = name_w - 12 - string_width(c.reference + " ", bold, cell.fontSize)
        name = fit_text(" ".join(c.name.split()), cell.fontName, cell.fontSize, room_w)
        rows.append([Paragraph(f"<b>{esc(c.reference)}</b> {esc(name)}", cell)] + [""] * (len(items) + 2))
    widths = [name_w] + [col] * len(items) + [total_w, outcome_w]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), _GREY),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"), ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (len(items), 0), "CENTER"),
    ]
    for n, i in enumerate(items, start=1):
        if rules.is_gating(i):
            style.append(("BACKGROUND", (n, 1), (n, -1), colors.HexColor("#fbf7e6")))
    key = _grid_key(items, width, st)
    _, head_h = Table([header], colWidths=widths).wrap(width, height)
    _, key_h = key.wrap(width, height)
    room = height - head_h - key_h - 26 * mm  # title, intro, spacing
    if candidates:  # rows as tall as fit on one page (8 mm at most, 6 mm at least: then it runs on)
        row_h = max(6 * mm, min(8 * mm, room / len(candidates)))
    else:  # blank rows to write names in: as many as fit on the page, up to GRID_BLANK_ROWS
        row_h = 8 * mm
        blank = max(3, min(GRID_BLANK_ROWS, int(room // row_h)))
        rows += [[""] * (len(items) + 3) for _ in range(blank)]
    t = Table(rows, colWidths=widths, repeatRows=1, rowHeights=[None] + [row_h] * (len(rows) - 1),
              hAlign="LEFT")
    t.setStyle(TableStyle(style))
    scale = f"Scale {rules.scale.key}; pass mark {rules.pass_mark}. Shaded columns are gating items."
    return [
        Paragraph("Chair\u2019s moderation grid \u2014 agreed scores", st["h2"]),
        Paragraph(esc(f"{profile.post_title or ''}. {scale} Write the agreed score in each cell; record the "
                      "reason wherever the panel disagreed."), st["small"]),
        Spacer(1, 3 * mm), t, Spacer(1, 4 * mm),
        Paragraph("Key", st["label"]), key,
    ]


# ---------------------------------------------------------------------------------------------
# The renderer
# ---------------------------------------------------------------------------------------------
def render_pack(out_path: str | os.PathLike[str], *, profile: RoleProfile, question_set: QuestionSet,
                rules: ScoringRules, packs: Sequence[Pack], interview_date: date | datetime | None = None,
                marking: str = DEFAULT_MARKING, progress: Progress | None = None,
                grid: Sequence[Candidate] | None = None, include_grid: bool = True) -> None:
    """Write question packs (one per ``(candidate, member)``) and the chair's grid to ``out_path``.

    ``grid``: the candidates listed in the chair's grid (None/empty: blank rows to fill in). Progress steps
    once per item page and per pack cover, and once for the grid; cancelling leaves no file.
    """
    progress = progress or NO_PROGRESS
    st = styles()
    items = list(question_set.items)
    total = len(packs) * (len(items) + 1) + (1 if include_grid else 0)
    done = [0]

    def stepper(msg: str):  # noqa: ANN202 - small closure
        def step() -> None:
            done[0] += 1
            progress.step(done[0], total, msg)
        return step

    progress.step(0, total, "Preparing question sheets")
    story: list[Flowable] = []
    for n, (cand, member) in enumerate(packs, start=1):
        who = " / ".join(x for x in ((cand.reference if cand else None), member) if x) or "Blank pack"
        if story:
            story += [NextPageTemplate(PORTRAIT), PageBreak()]
        story.append(SectionStart(f"Pack {n}: {who}", stepper(f"Pack {n} of {len(packs)}: {who}")))
        story += _cover(profile, question_set, rules, cand, member, interview_date, st)
        for item in items:
            story += [PageBreak(), Hook(stepper(f"{who}: {item.id}"))]
            story += _item_pages(item, question_set, rules, st)
    if not packs and not include_grid:
        raise ValidationError("nothing to print: no packs and no chair's grid")
    if include_grid:
        if story:
            story += [NextPageTemplate(LANDSCAPE), PageBreak()]
        story.append(SectionStart("Chair\u2019s grid", stepper("Chair's grid")))
        story += _grid(profile, question_set, rules, list(grid or ()), st)
    decor = PageDecor(marking=marking, title=profile.post_title or "Interview question pack")
    with atomic_path(out_path) as tmp:
        build_pdf(str(tmp), story, decor=decor, title=f"Question pack: {profile.post_title or ''}",
                  first=PORTRAIT if packs else LANDSCAPE)
