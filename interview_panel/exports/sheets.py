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
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from itertools import zip_longest

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..domain.campaign import Candidate
from ..domain.errors import ValidationError
from ..domain.framework import BY_SLUG, LEVEL_SCOPE
from ..domain.items import BEHAVIOUR, CRITERION, Item, Question, QuestionSet
from ..domain.plan import CHECK_STATES, Plan
from ..domain.profile import SECTION_TITLES, RoleProfile
from ..domain.progress import NO_PROGRESS, Progress
from ..domain.scoring import ScoringRules
from .atomic import atomic_path
from .fonts import draw_string, string_width
from .pdf_common import (
    LANDSCAPE,
    PORTRAIT,
    Hook,
    PageDecor,
    SectionStart,
    Styles,
    build_pdf,
    esc,
    fit_text,
    frame_size,
    styles,
)

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
        return (
            f"{cluster}CVF level {item.level} ({LEVEL_SCOPE.get(item.level or 1, '')}); "
            f"the indicators and anchors below are written for this question at level {item.level}."
        )
    if item.kind == CRITERION:
        section = SECTION_TITLES.get(item.section or "", item.section or "")
        return f"Section: {section}. Criterion: {item.text}"
    return "Values: " + ", ".join(item.values)


def values_detail(item: Item, q: Question | None) -> str:
    """The values line: the values this question targets (scored against their indicators only)."""
    if q is not None and q.focus:
        return "Values this question targets: " + ", ".join(q.focus) + ". Score against these values’ indicators only."
    return assessed_detail(item)


# ---------------------------------------------------------------------------------------------
# Small flowables
# ---------------------------------------------------------------------------------------------
class _Box(Flowable):  # type: ignore[misc]  # reportlab has no type information
    """An empty tick box."""

    def __init__(self, size: float = 3.2 * mm) -> None:
        super().__init__()
        self.size = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setLineWidth(0.7)
        self.canv.rect(0, 0, self.size, self.size)


class _Lines(Flowable):  # type: ignore[misc]  # reportlab has no type information
    """A lined notes area that fills the space left on the page (less ``reserve``), at least ``min_lines``."""

    def __init__(self, *, gap: float = 7.5 * mm, reserve: float = 0, min_lines: int = 5, max_lines: int = 40) -> None:
        super().__init__()
        self.gap, self.reserve, self.min_lines, self.max_lines = gap, reserve, min_lines, max_lines
        self.lines = min_lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
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


class _Vertical(Flowable):  # type: ignore[misc]  # reportlab has no type information
    """Text turned 90° (grid column headers), bottom to top."""

    def __init__(self, text: str, font: str, size: float) -> None:
        super().__init__()
        self.text, self.font, self.size = text, font, size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
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
def _id_width(items: Sequence[Item], style: ParagraphStyle, minimum: float) -> float:
    """A column width that fits the longest item id on one line (ids are contract slugs, not wrapped)."""
    widest = max((string_width(i.id, style.fontName, style.fontSize) for i in items), default=0)
    return max(minimum, widest + 14)  # + cell padding (up to 6 pt each side) and a little air


def _date_text(d: date | datetime | None) -> str | None:
    if d is None:
        return None
    if isinstance(d, datetime):
        return d.strftime("%d %B %Y, %H:%M")
    return d.strftime("%d %B %Y")


def _cover(
    profile: RoleProfile,
    qs: QuestionSet,
    rules: ScoringRules,
    candidate: Candidate | None,
    member: str | None,
    interview_date: date | datetime | None,
    st: Styles,
) -> list[Flowable]:
    """The pack's first page: who and when, the items with their pass rule, the timing and the scale."""
    width, _ = frame_size(PORTRAIT)
    out: list[Flowable] = [
        Paragraph("Interview question pack", st["h1"]),
        Paragraph(esc(profile.post_title or "Untitled post"), st["h2"]),
        Spacer(1, 3 * mm),
        _cover_facts(profile, candidate, member, interview_date, st, width),
        Spacer(1, 5 * mm),
        Paragraph("Items assessed at this interview", st["h3"]),
    ]
    if qs.items:
        out.append(_cover_items(qs, rules, st, width))
    if qs.plan is not None:
        out += [Spacer(1, 3 * mm), _cover_timing(qs, st)]
    return out + _cover_scale(rules, st)


def _cover_facts(
    profile: RoleProfile,
    candidate: Candidate | None,
    member: str | None,
    interview_date: date | datetime | None,
    st: Styles,
    width: float,
) -> Table:
    """Post, grade, candidate, member and date, with ruled blanks to fill in by hand."""
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
    facts.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, _RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return facts


def _cover_items(qs: QuestionSet, rules: ScoringRules, st: Styles, width: float) -> Table:
    idw = _id_width(qs.items, st["idcell"], 25 * mm)
    head = [
        Paragraph("Item", st["label"]),
        Paragraph("What is assessed", st["label"]),
        Paragraph("Pass", st["label"]),
    ]
    items = [
        [
            Paragraph(esc(i.id), st["idcell"]),
            Paragraph(esc(assessed_summary(i, 62)), st["small"]),
            Paragraph("gating" if rules.is_gating(i) else "", st["small"]),
        ]
        for i in qs.items
    ]
    t = Table([head, *items], colWidths=[idw, width - idw - 16 * mm, 16 * mm], repeatRows=1, splitInRow=1)
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), _GREY),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, _RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return t


def _cover_timing(qs: QuestionSet, st: Styles) -> Paragraph:
    plan = qs.plan
    assert plan is not None
    ids = [i.id for i in qs.items]
    planned, slot = plan.planned_minutes(ids), plan.slot_minutes
    state = f"RUNS {planned - slot} MINUTES OVER THE SLOT" if planned > slot else "fits the slot"
    return Paragraph(
        esc(
            f"Timing: {slot}-minute slot; planned {planned} minutes ({plan.open_minutes} to open, "
            f"{sum(plan.minutes_for(i) for i in ids)} of questions, {plan.close_minutes} to close): "
            f"{state}."
        ),
        st["small"],
    )


def _cover_scale(rules: ScoringRules, st: Styles) -> list[Flowable]:
    scale = ", ".join(f"{n} {rules.scale.anchor(n).lower()}" for n in rules.scale.points)
    return [
        Spacer(1, 6 * mm),
        Paragraph(
            esc(
                f"Scale {rules.scale.key}: {scale}. Pass mark {rules.pass_mark}; "
                "\u201cgating\u201d items must each reach the pass mark."
            ),
            st["small"],
        ),
        Spacer(1, 2 * mm),
        Paragraph(
            "Ask each question as written and use the probes to fill gaps in the answer. Write notes "
            "of what the candidate says first; score each item on its own evidence afterwards, before "
            "any discussion with the panel.",
            st["small"],
        ),
    ]


def _score_boxes(item: Item, rules: ScoringRules, width: float, st: Styles, q: Question | None = None) -> Table:
    points = list(rules.scale.points)
    col = (width - 30 * mm) / len(points)
    head = [Paragraph("Score", st["cellbold"])] + [Paragraph(f"<b>{n}</b>", st["cell"]) for n in points]
    anchors = [Paragraph("Anchor", st["tiny"])] + [Paragraph(esc(rules.scale.anchor(n)), st["tiny"]) for n in points]
    tick = [Paragraph("Tick one", st["tiny"])] + ["" for _ in points]
    t = Table([head, anchors, tick], colWidths=[30 * mm] + [col] * len(points), rowHeights=[None, None, 9 * mm])
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("BACKGROUND", (0, 0), (-1, 1), _GREY),
                ("ALIGN", (1, 0), (-1, 0), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return t


def _gate_text(item: Item, rules: ScoringRules) -> str:
    return (
        f"Gating: must reach {rules.pass_mark}"
        if rules.is_gating(item)
        else f"Pass mark {rules.pass_mark} (not gating)"
    )


def _indicator_table(positive: Sequence[str], negative: Sequence[str], width: float, st: Styles) -> Table:
    rows = [[Paragraph("Positive indicators", st["cellbold"]), Paragraph("Negative indicators", st["cellbold"])]]
    for p, n in zip_longest(positive, negative):
        rows.append(
            [
                Paragraph(_indicator_markup(p), st["cell"]) if p else "",
                Paragraph(_indicator_markup(n), st["cell"]) if n else "",
            ]
        )
    if len(rows) == 1:
        rows.append([Paragraph("(none recorded)", st["cell"]), Paragraph("(none recorded)", st["cell"])])
    t = Table(rows, colWidths=[width / 2, width / 2], repeatRows=1, splitInRow=1)
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, -1), _POS),
                ("BACKGROUND", (1, 0), (1, -1), _NEG),
                ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                ("LINEAFTER", (0, 0), (0, -1), 0.6, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 1), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 2),
            ]
        )
    )
    return t


def _indicator_markup(text: str) -> str:
    """Bold the "Level n:" / "<Value>:" label an indicator starts with, if any."""
    head, sep, rest = text.partition(": ")
    if sep and len(head) <= 24 and not head.endswith("."):
        return f"\u2022 <b>{esc(head)}:</b> {esc(rest)}"
    return f"\u2022 {esc(text)}"


def _probes(probes: Sequence[str], width: float, st: Styles) -> Table | None:
    if not probes:
        return None
    t = Table(
        [[_Box(), Paragraph(esc(p), st["cell"])] for p in probes], colWidths=[7 * mm, width - 7 * mm], splitInRow=1
    )
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 1),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return t


def _item_pages(item: Item, qs: QuestionSet, rules: ScoringRules, st: Styles, profile: RoleProfile) -> list[Flowable]:
    width, _ = frame_size(PORTRAIT)
    q = qs.questions.get(item.id)
    minutes = qs.plan.minutes_for(item.id) if qs.plan is not None else 0
    heading = assessed_heading(item) + (f"  ·  about {minutes} minutes" if minutes else "")
    out: list[Flowable] = [
        Paragraph(esc(heading), st["h2"]),
        Paragraph(esc(values_detail(item, q) if item.kind == "values" else assessed_detail(item)), st["small"]),
        Spacer(1, 3 * mm),
        Paragraph("Question", st["label"]),
        Paragraph(esc(q.text if q else "(no question set for this item)"), st["question"]),
        Spacer(1, 2 * mm),
    ]
    if q is not None:
        probes = _probes(q.probes, width, st)
        if probes is not None:
            out += [KeepTogether([Paragraph("Probes (tick when covered)", st["label"]), probes]), Spacer(1, 3 * mm)]
        out += [_indicator_table(q.positive, q.negative, width, st), Spacer(1, 3 * mm)]
    covers = qs.plan.covers(item.id) if qs.plan is not None else []
    if covers:
        texts = {c.id: c.text for c in profile.criteria}
        lines = "".join(f"• <b>{esc(c)}</b> {esc(texts.get(c, ''))}<br/>" for c in covers)
        out += [
            Paragraph("Also listen for (criteria this answer evidences; no separate score)", st["label"]),
            Paragraph(lines, st["cell"]),
            Spacer(1, 3 * mm),
        ]
    own = q.anchors_on(rules.scale.points) if q is not None else {}
    if own:
        rows = [
            [
                Paragraph(f"<b>{esc(k)}</b> {esc(rules.scale.anchor(int(k)).lower())}", st["cell"]),
                Paragraph(esc(v), st["cell"]),
            ]
            for k, v in own.items()
        ]
        at = Table(rows, colWidths=[38 * mm, width - 38 * mm])
        at.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, _RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        out += [
            KeepTogether([Paragraph("Anchors: what an answer to this question sounds like", st["label"]), at]),
            Spacer(1, 3 * mm),
        ]
    boxes = _score_boxes(item, rules, width, st)
    _, box_h = boxes.wrap(width, 1000)
    reserve = box_h + 14 * mm
    out += [
        CondPageBreak(6 * 7.5 * mm + reserve + 12),
        Paragraph("Notes (what the candidate said and did)", st["label"]),
        Spacer(1, 1 * mm),
        _Lines(reserve=reserve),
        Spacer(1, 3 * mm),
        KeepTogether(
            [
                Paragraph(esc(f"Score for {item.id} \u2014 {_gate_text(item, rules)}"), st["label"]),
                Spacer(1, 1 * mm),
                boxes,
            ]
        ),
    ]
    return out


def _guidance(
    profile: RoleProfile,
    qs: QuestionSet,
    candidate: Candidate | None,
    member: str | None,
    adjustments: str | None,
    st: Styles,
) -> list[Flowable]:
    """The panel's guidance page: opening script, probing, notes, conflict of interest, the candidate's
    reasonable adjustments (this candidate's only) and the timing plan."""
    width, _ = frame_size(PORTRAIT)
    plan = qs.plan
    ids = [i.id for i in qs.items]
    n = len(ids)
    planned = plan.planned_minutes(ids) if plan is not None else None
    length = f"about {planned} minutes" if planned else "about the time set for it"
    out: list[Flowable] = [
        Paragraph("Guidance for the panel", st["h2"]),
        Paragraph("Opening (the chair reads this aloud)", st["label"]),
        Paragraph(
            esc(
                f"Thank you for coming. I am chairing this panel; I will ask my colleagues to introduce "
                f"themselves. The interview will take {length}. We will ask you {n} questions, most of "
                "them about times when you did something at work. After each answer we may ask follow-up "
                "questions to make sure we have the whole picture. We will all take notes: that is normal "
                "and helps us be fair to every candidate. Take your time, and ask us to repeat a question "
                "whenever you like. At the end you can ask us questions. Before we start, are the "
                "arrangements for today working for you?"
            ),
            st["cell"],
        ),
        Spacer(1, 2 * mm),
        Paragraph("Probing without leading", st["label"]),
        Paragraph(
            esc(
                "Ask the question as written. Use the probes only for what the answer has not covered: "
                "the situation, the candidate’s own task, what they did (ask “what did you do?” "
                "when they say “we”) and the result. Ask open questions (what, how, tell us more), "
                "one at a time. Do not suggest an answer, finish the candidate’s sentences or signal "
                "approval. Keep every candidate to the same questions and the same time."
            ),
            st["cell"],
        ),
        Spacer(1, 2 * mm),
        Paragraph("Notes and scoring", st["label"]),
        Paragraph(
            esc(
                "Observe and record what the candidate says and does, in their words where you can. "
                "Afterwards classify your notes against the question’s indicators, then evaluate: score "
                "against the anchors on your own, before any discussion. Never score the candidate’s "
                "manner, background or anything not in the answer. Pre-employment checks are not scored."
            ),
            st["cell"],
        ),
        Spacer(1, 2 * mm),
    ]
    out += _guidance_adjustments(candidate, adjustments, st)
    if plan is not None:
        out += [Paragraph("Timing plan", st["label"]), _timing_table(qs, st, width), Spacer(1, 3 * mm)]
    out += _declaration(member, st)
    return out


def _guidance_adjustments(candidate: Candidate | None, adjustments: str | None, st: Styles) -> list[Flowable]:
    """This candidate's reasonable adjustments (lines to fill in on a blank pack)."""
    out: list[Flowable] = []
    adj = (adjustments or "").strip()
    who = candidate.reference if candidate else "this candidate"
    out += [Paragraph(esc(f"Reasonable adjustments for {who} (confidential: do not copy or discuss)"), st["label"])]
    if adj:
        out.append(Paragraph(esc(adj).replace("\n", "<br/>"), st["cell"]))
    elif candidate is not None:
        out.append(Paragraph("None recorded.", st["cell"]))
    else:
        out.append(_Lines(min_lines=2, max_lines=2, gap=6.5 * mm))
    out.append(Spacer(1, 2 * mm))
    return out


def _timing_table(qs: QuestionSet, st: Styles, width: float) -> Table:
    """Minutes for the opening, each item and the closing, against the slot."""
    plan = qs.plan
    assert plan is not None
    planned = plan.planned_minutes([i.id for i in qs.items])
    rows = [
        [Paragraph("Part", st["cellbold"]), Paragraph("Minutes", st["cellbold"])],
        [
            Paragraph("Opening: introductions and the arrangements", st["cell"]),
            Paragraph(str(plan.open_minutes), st["cell"]),
        ],
    ]
    for i in qs.items:
        what = (
            i.text
            if i.kind == CRITERION
            else values_detail(i, qs.questions.get(i.id)).split(".")[0]
            if i.kind == "values"
            else assessed_heading(i)
        )
        rows.append([Paragraph(esc(f"{i.id}: {what}"), st["cell"]), Paragraph(str(plan.minutes_for(i.id)), st["cell"])])
    rows += [
        [
            Paragraph("Closing: the candidate’s questions, what happens next", st["cell"]),
            Paragraph(str(plan.close_minutes), st["cell"]),
        ],
        [
            Paragraph(esc(f"Planned total (slot {plan.slot_minutes} minutes)"), st["cellbold"]),
            Paragraph(
                esc(f"{planned}" + ("  OVER THE SLOT" if planned and planned > plan.slot_minutes else "")),
                st["cellbold"],
            ),
        ],
    ]
    t = Table(rows, colWidths=[width - 40 * mm, 40 * mm], repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), _GREY),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, _RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return t


def _declaration(member: str | None, st: Styles) -> list[Flowable]:
    return [
        Paragraph("Conflict of interest declaration", st["label"]),
        Paragraph(
            esc(
                "I know of no personal, family, financial or working relationship with this candidate "
                "that could affect, or appear to affect, my judgement. If I become aware of one I will "
                "tell the chair at once and step aside."
            ),
            st["cell"],
        ),
        Spacer(1, 4 * mm),
        Paragraph(esc(f"Name: {member or '_' * 30}      Signature: {'_' * 30}      Date: {'_' * 14}"), st["cell"]),
    ]


def _checks_page(
    profile: RoleProfile, qs: QuestionSet, candidate: Candidate | None, states: Mapping[str, str] | None, st: Styles
) -> list[Flowable]:
    """Pre-employment checks, apart from the scored items: the chair records each once per candidate."""
    width, _ = frame_size(PORTRAIT)
    plan: Plan | None = qs.plan
    checks = plan.checks if plan is not None else []
    by_id = {c.id: c for c in profile.criteria}
    out: list[Flowable] = [
        Paragraph("Pre-employment checks (the chair records these; they are not scored)", st["h2"]),
        Paragraph(
            esc(
                "These conditions are confirmed once for the candidate, not scored by the panel and never "
                "part of the total. The outcome comes from the interview; any check not confirmed is listed "
                "as a condition of an offer."
            ),
            st["small"],
        ),
        Spacer(1, 3 * mm),
    ]
    if not checks:
        return out + [Paragraph("No pre-employment checks in this interview plan.", st["cell"])]
    head = [Paragraph(h, st["cellbold"]) for h in ("Check", "Condition", *[c.capitalize() for c in CHECK_STATES])]
    rows = [head]
    for cid in checks:
        c = by_id.get(cid)
        state = (states or {}).get(cid)
        marks = [Paragraph("✔" if state == s else "", st["cell"]) if state else _Box() for s in CHECK_STATES]
        rows.append(
            [
                Paragraph(f"<b>{esc(cid)}</b>", st["cell"]),
                Paragraph(esc(f"{c.text} ({c.requirement})" if c else cid), st["cell"]),
                *marks,
            ]
        )
    t = Table(rows, colWidths=[16 * mm, width - 16 * mm - 3 * 24 * mm] + [24 * mm] * 3, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), _GREY),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (2, 1), (-1, -1), "CENTER"),
            ]
        )
    )
    who = candidate.reference if candidate else "the candidate"
    return out + [
        t,
        Spacer(1, 5 * mm),
        Paragraph(esc(f"Recorded for {who} by: {'_' * 28}   Date: {'_' * 14}"), st["cell"]),
    ]


def _grid_key(items: Sequence[Item], width: float, st: Styles, columns: int = 3) -> Table:
    """Item id → what it assesses, in ``columns`` side-by-side columns (top to bottom) so the key stays short."""
    cells = [Paragraph(f"<b>{esc(i.id)}</b>\u2002{esc(assessed_summary(i, 90))}", st["tiny"]) for i in items]
    per = max(1, -(-len(cells) // columns))
    data = [[cells[c * per + r] if c * per + r < len(cells) else "" for c in range(columns)] for r in range(per)]
    key = Table(data, colWidths=[width / columns] * columns, splitInRow=1)
    key.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return key


def _grid(
    profile: RoleProfile, qs: QuestionSet, rules: ScoringRules, candidates: Sequence[Candidate], st: Styles
) -> list[Flowable]:
    bold = st["cellbold"].fontName
    width, height = frame_size(LANDSCAPE)
    items = list(qs.items)
    name_w, total_w, outcome_w, why_w = 50 * mm, 14 * mm, 24 * mm, 70 * mm
    if (width - name_w - total_w - outcome_w - why_w) / max(1, len(items)) < 7 * mm:  # many items
        name_w, why_w = 40 * mm, 52 * mm
    col = min(16 * mm, (width - name_w - total_w - outcome_w - why_w) / max(1, len(items)))
    why_w = width - name_w - total_w - outcome_w - col * len(items)  # the rationale takes the room left
    header = (
        [Paragraph("Candidate", st["cellbold"])]
        + [_Vertical(i.id, bold, 8.5) for i in items]
        + [
            Paragraph("Total", st["cellbold"]),
            Paragraph("Outcome / rank", st["cellbold"]),
            Paragraph("Rationale: item, agreed score and the reason, where the panel disagreed", st["tinybold"]),
        ]
    )
    rows = [header]
    cell = st["cell"]
    for c in candidates:  # one line per candidate, whatever the length of the name
        room_w = name_w - 12 - string_width(c.reference + " ", bold, cell.fontSize)
        name = fit_text(" ".join(c.name.split()), cell.fontName, cell.fontSize, room_w)
        rows.append([Paragraph(f"<b>{esc(c.reference)}</b> {esc(name)}", cell)] + [""] * (len(items) + 3))
    widths = [name_w] + [col] * len(items) + [total_w, outcome_w, why_w]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), _GREY),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (len(items), 0), "CENTER"),
    ]
    for n, i in enumerate(items, start=1):
        if rules.is_gating(i):
            style.append(("BACKGROUND", (n, 1), (n, -1), colors.HexColor("#fbf7e6")))
    key = _grid_key(items, width, st)
    _, head_h = Table([header], colWidths=widths).wrap(width, height)
    _, key_h = key.wrap(width, height)
    room = height - head_h - key_h - 26 * mm  # title, intro, spacing
    if candidates:  # rows as tall as fit on one page (12 mm at most, for the rationale; 6 mm at least)
        row_h = max(6 * mm, min(12 * mm, room / len(candidates)))
    else:  # blank rows to write names in: as many as fit on the page, up to GRID_BLANK_ROWS
        row_h = 10 * mm
        blank = max(3, min(GRID_BLANK_ROWS, int(room // row_h)))
        rows += [[""] * (len(items) + 4) for _ in range(blank)]
    t = Table(rows, colWidths=widths, repeatRows=1, rowHeights=[None] + [row_h] * (len(rows) - 1), hAlign="LEFT")
    t.setStyle(TableStyle(style))
    scale = f"Scale {rules.scale.key}; pass mark {rules.pass_mark}. Shaded columns are gating items."
    return [
        Paragraph("Chair\u2019s moderation grid \u2014 agreed scores", st["h2"]),
        Paragraph(
            esc(
                f"{profile.post_title or ''}. {scale} Write the agreed score in each cell; record the "
                "reason wherever the panel disagreed."
            ),
            st["small"],
        ),
        Spacer(1, 3 * mm),
        t,
        Spacer(1, 4 * mm),
        Paragraph("Key", st["label"]),
        key,
    ]


# ---------------------------------------------------------------------------------------------
# The renderer
# ---------------------------------------------------------------------------------------------
def render_pack(
    out_path: str | os.PathLike[str],
    *,
    profile: RoleProfile,
    question_set: QuestionSet,
    rules: ScoringRules,
    packs: Sequence[Pack],
    interview_date: date | datetime | None = None,
    marking: str = DEFAULT_MARKING,
    progress: Progress | None = None,
    grid: Sequence[Candidate] | None = None,
    include_grid: bool = True,
    adjustments: Mapping[str, str] | None = None,
    check_states: Mapping[str, Mapping[str, str]] | None = None,
) -> None:
    """Write question packs (one per ``(candidate, member)``) and the chair's grid to ``out_path``.

    ``grid``: the candidates listed in the chair's grid (None/empty: blank rows to fill in). Progress steps
    once per item page and per pack cover, and once for the grid; cancelling leaves no file.
    ``adjustments`` (candidate reference -> text) is printed only on that candidate's guidance page;
    ``check_states`` (reference -> {check id: state}) fills in the checks page where recorded.
    """
    progress = progress or NO_PROGRESS
    st = styles()
    items = list(question_set.items)
    total = len(packs) * (len(items) + 1) + (1 if include_grid else 0)
    done = [0]

    def stepper(msg: str) -> Callable[[], None]:
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
        story += [PageBreak()]
        story += _guidance(
            profile, question_set, cand, member, (adjustments or {}).get(cand.reference) if cand else None, st
        )
        for item in items:
            story += [PageBreak(), Hook(stepper(f"{who}: {item.id}"))]
            story += _item_pages(item, question_set, rules, st, profile)
        story += [PageBreak()]
        story += _checks_page(
            profile, question_set, cand, (check_states or {}).get(cand.reference) if cand else None, st
        )
    if not packs and not include_grid:
        raise ValidationError("nothing to print: no packs and no chair's grid")
    if include_grid:
        if story:
            story += [NextPageTemplate(LANDSCAPE), PageBreak()]
        story.append(SectionStart("Chair\u2019s grid", stepper("Chair's grid")))
        story += _grid(profile, question_set, rules, list(grid or ()), st)
    decor = PageDecor(marking=marking, title=profile.post_title or "Interview question pack")
    with atomic_path(out_path) as tmp:
        build_pdf(
            str(tmp),
            story,
            decor=decor,
            title=f"Question pack: {profile.post_title or ''}",
            first=PORTRAIT if packs else LANDSCAPE,
        )
