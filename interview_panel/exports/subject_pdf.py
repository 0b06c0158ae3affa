"""The subject-access PDF (issue 17 item 2): everything held about one candidate, from a ``SubjectRecord``.

Sections: the candidate and campaign; each member's scores and notes; agreed scores and rationales; outcome
and reasons; reasonable adjustments; equality monitoring (held apart from scores); retention; the audit rows
about the candidate and the chain's head hash. Laid out with the shared helpers (``pdf_common``), every page
marked OFFICIAL-SENSITIVE with "Page n of N"; the file replaces ``out`` only when complete (``atomic_path``).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from .atomic import atomic_path
from .pdf_common import PageDecor, SectionStart, build_pdf, esc, frame_size, styles

MARKING = "OFFICIAL-SENSITIVE — PERSONAL"
_RULE = colors.HexColor("#999999")
_HEAD_BG = colors.HexColor("#e8ecf2")


def _when(text: str | None) -> str:
    if not text:
        return "–"
    try:
        return datetime.fromisoformat(text).strftime("%d %b %Y %H:%M")
    except ValueError:
        return text


def _table(rows: list[list[Any]], widths: list[float], st: dict[str, Any]) -> Table:
    cells = [
        [c if isinstance(c, Flowable) else Paragraph(esc(c), st["cellbold" if r == 0 else "cell"]) for c in row]
        for r, row in enumerate(rows)
    ]
    t = Table(cells, colWidths=widths, repeatRows=1, splitInRow=1)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, _RULE),
                ("BACKGROUND", (0, 0), (-1, 0), _HEAD_BG),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return t


def _none(st: dict[str, Any], text: str) -> Paragraph:
    return Paragraph(esc(text), st["small"])


def story(r: Any) -> list[Flowable]:
    """The whole copy for one candidate: what is held, their scores, the outcome, the rest, the audit."""
    st = styles()
    width = frame_size()[0]
    return (
        _held(r, st, width)
        + _scores(r, st, width)
        + _outcome(r, st, width)
        + _other_records(r, st, width)
        + _audit(r, st, width)
    )


def _held(r: Any, st: dict[str, Any], width: float) -> list[Flowable]:
    out: list[Flowable] = [
        SectionStart("Subject access"),
        Paragraph("Subject access copy", st["h1"]),
        Paragraph(f"{esc(r.reference)} — {esc(r.name)}", st["h2"]),
    ]
    facts = [
        ["Campaign", f"{r.campaign_name} (id {r.campaign_id})"],
        ["Post", r.post_title or "–"],
        ["Reference", r.reference],
        ["Name held", r.name],
        ["Interview", _when(r.slot)],
        ["Panel", ", ".join(m + (" (chair)" if chair else "") for m, chair in r.members) or "–"],
        ["Generated", _when(r.generated_at)],
    ]
    out += [_table([["What", "Held"]] + facts, [35 * mm, width - 35 * mm], st)]
    if r.redacted:
        out.append(_none(st, "Panel members' names are replaced by Member 1, Member 2… in this copy."))
    return out


def _scores(r: Any, st: dict[str, Any], width: float) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Panel members' scores and notes", st["h3"])]
    if r.scores:
        rows = [["Member", "Item", "Score", "Note", "Recorded"]]
        rows += [
            [m, item, "–" if score is None else str(score), note or "", _when(at)]
            for m, item, score, note, at in r.scores
        ]
        out.append(_table(rows, [28 * mm, 34 * mm, 13 * mm, width - 105 * mm, 30 * mm], st))
    else:
        out.append(_none(st, "No scores or notes are held for this candidate."))
    if r.submitted:
        out.append(_none(st, "Submitted: " + "; ".join(f"{m} at {_when(at)}" for m, at in sorted(r.submitted.items()))))

    out.append(Paragraph("Agreed scores and rationales", st["h3"]))
    if r.agreed:
        rows = [["Item", "Agreed", "Rationale", "Agreed by", "When"]]
        rows += [[item, str(score), rationale or "", by, _when(at)] for item, score, rationale, by, at in r.agreed]
        out.append(_table(rows, [34 * mm, 15 * mm, width - 107 * mm, 28 * mm, 30 * mm], st))
    else:
        out.append(_none(st, "No agreed scores yet."))
    return out


def _outcome(r: Any, st: dict[str, Any], width: float) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Outcome", st["h3"])]
    total = "–" if r.total is None else f"{r.total} of {r.maximum}"
    rows = [
        ["What", "Held"],
        ["Status", r.status],
        ["Total", total],
        ["Outcome", r.outcome or "not decided"],
        ["Rank", "–" if r.rank is None else str(r.rank)],
        ["Below the pass mark", ", ".join(r.gating_failures) or "none"],
        ["Reasons", "; ".join(r.reasons) or "–"],
    ]
    rows += [[k, v] for k, v in r.checks]
    out.append(_table(rows, [35 * mm, width - 35 * mm], st))
    return out


def _other_records(r: Any, st: dict[str, Any], width: float) -> list[Flowable]:
    """Adjustments, equality monitoring and retention."""
    out: list[Flowable] = [Paragraph("Reasonable adjustments", st["h3"])]
    out.append(
        _table([["What", "Held"]] + [[k, v] for k, v in r.adjustments], [35 * mm, width - 35 * mm], st)
        if r.adjustments
        else _none(st, "None recorded.")
    )
    out.append(Paragraph("Equality monitoring (held apart from scores, never seen by the panel)", st["h3"]))
    out.append(
        _table(
            [["Category", "Group"]] + [[k, v] for k, v in sorted(r.monitoring.items())], [60 * mm, width - 60 * mm], st
        )
        if r.monitoring
        else _none(st, "None held.")
    )
    out.append(Paragraph("Retention", st["h3"]))
    out += [_none(st, line) for line in r.retention]
    return out


def _audit(r: Any, st: dict[str, Any], width: float) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Audit log entries about this candidate", st["h3"])]
    if r.audit:
        rows = [["#", "When", "Who", "Action", "What", "Before", "After", "Reason"]]
        rows += [
            [str(seq), _when(at), actor, action, target, old, new, reason]
            for seq, at, actor, action, target, old, new, reason in r.audit
        ]
        w = width - (10 + 24 + 22 + 16 + 30) * mm
        out.append(_table(rows, [10 * mm, 24 * mm, 22 * mm, 16 * mm, 30 * mm, w / 3, w / 3, w / 3], st))
    else:
        out.append(_none(st, "No audit entries name this candidate."))
    out += [
        Spacer(1, 3 * mm),
        Paragraph("Completeness", st["h3"]),
        Paragraph(esc(r.verified), st["small"]),
        Paragraph(
            f"Audit chain head when this copy was made: <font name='Courier'>{esc(r.head or '–')}</font>. "
            "Anyone holding the database can check the log still holds it and that the data above matches "
            "the log: <i>interview-panel audit verify --db DATABASE --head HASH</i>.",
            st["small"],
        ),
    ]
    return out


def write_subject_pdf(record: Any, out: str | os.PathLike[str]) -> Path:
    out = Path(out)
    with atomic_path(out) as tmp:
        build_pdf(
            str(tmp),
            story(record),
            decor=PageDecor(MARKING, f"Subject access — {record.reference}"),
            title=f"Subject access copy — {record.reference}",
        )
    return out
