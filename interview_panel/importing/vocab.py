"""The words of a role profile: section headings, field labels, assessment methods, bullets.

Everything here works on one cell's text and is deliberately forgiving about case, spacing, a trailing
colon and the singular/plural spellings forces use ("Other"/"Others", "Qualification"/"Qualifications").
"""
from __future__ import annotations

import re

BULLET_CHARS = "\u00b7\u2022\u25aa\u25e6\u2023\u2219\u25cf\u25cb\u25a0\u25a1\u27a2\u2713\u2714\uf0b7\uf0a7\u00a7*-"

# section keys
PURPOSE = "purpose"
RESPONSIBILITIES = "responsibilities"
BEHAVIOURS = "behaviours"
VALUES = "values"
QUALIFICATION = "qualification"
KNOWLEDGE = "knowledge_experience"
OTHER = "other"
PROGRESSION = "progression"
CRITERIA_SECTIONS = (QUALIFICATION, KNOWLEDGE, OTHER)

_KSE = r"(?:knowledge|skills?|experience|abilities|ability)"
_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(r"^(?:" + pat + r")\s*:?$", re.IGNORECASE))
    for key, pat in (
        (PURPOSE, r"(?:job|role|post) purpose|purpose of the (?:job|role|post)"),
        (RESPONSIBILITIES, r"(?:main |principal )?(?:key )?(?:responsibilities|accountabilities|duties)"
                           r"(?: and (?:responsibilities|accountabilities|duties))?"),
        (BEHAVIOURS, r"behaviours?|competencies|(?:cvf )?competencies and values|competency and values framework"),
        (VALUES, r"(?:police |our |cvf )?values"),
        (QUALIFICATION, r"qualifications?"),
        (KNOWLEDGE, _KSE + r"(?:\s*(?:/|,|&|and)\s*" + _KSE + r")*"),
        (OTHER, r"others?(?: requirements| criteria| information)?|additional requirements"),
        (PROGRESSION, r"progression(?: arrangements| criteria)?"),
    )
)

_CRITERIA_HEADER = re.compile(
    r"^(?:essential(?: criteria)?|desirable(?: criteria)?|(?:to be )?identified by|"
    r"(?:method of |how )?assess(?:ed|ment)(?: by| method)?|methods?|behaviours?|level)\s*:?$",
    re.IGNORECASE)

_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(r"^(?:" + pat + r")\s*(?::\s*(?P<rest>.*))?$", re.IGNORECASE | re.DOTALL))
    for key, pat in (
        ("post_title", r"(?:post|job|role) title"),
        ("grade", r"grade"),
        ("location", r"location|base|based at"),
        ("responsible_to", r"responsible to|reports to|reporting to"),
    )
)

JE = re.compile(r"\b(?:JE|J\.E\.|Job Evaluation)\s*(?:no\.?|number|ref\.?|reference)?\s*[:.\-]?\s*(\d{2,7})\b")
LAST_UPDATED = re.compile(r"date\s+last\s+updated\s*:?[ \t]*([^\n]*)", re.IGNORECASE)
LEVEL = re.compile(r"^(?:level\s*)?([1-3])\.?$", re.IGNORECASE)
BULLET = re.compile(r"^[" + BULLET_CHARS + r"]\s*")

_METHOD_PARTS = re.compile(
    r"^(?:"
    r"(?:online |paper )?application(?: form)?s?"
    r"|(?:competency[- ]based |structured |panel |final |formal |second |telephone )?interviews?"
    r"|(?:typing|keyboard|skills?|written|practical|numeracy|literacy|psychometric|ability|aptitude|driving|"
    r"it|computer|word[- ]processing|audio|knowledge|technical|fitness|assessment|work[- ]based) "
    r"(?:test|tests|exercise|exercises|assessment|check)"
    r"|tests?|exercises?|assessments?"
    r"|assessment (?:centre|center|day|exercise)s?"
    r"|presentations?|in[- ]tray(?: exercise)?|role[- ]?play(?: exercise)?|group exercise"
    r"|references?|(?:pre[- ]employment |enhanced |security )?(?:checks?|vetting|medical|vetting checks?|"
    r"medical checks?)"
    r"|(?:copy of |sight of )?certificates?(?: check)?|certification|proof of qualification"
    r"|(?:self[- ])?declaration|cv|portfolio|short[- ]?listing|observation|questionnaire|simulation"
    r")(?:\s*\([^)]*\))?$",
    re.IGNORECASE)
_METHOD_SENTENCE = re.compile(
    r"^(?:(?:attendance|sickness|absence)\b.*\b(?:check|checked|reference|references)\b"
    r"|(?:to be )?(?:checked|verified|confirmed)\b|via references?\b)",
    re.IGNORECASE | re.DOTALL)


def heading_of(text: str) -> str | None:
    """The section key a heading cell names ("Others" -> "other"), or None."""
    t = " ".join(text.split())
    if not t or len(t) > 60:
        return None
    for key, pat in _HEADINGS:
        if pat.match(t):
            return key
    return None


def is_table_header(text: str) -> bool:
    """Column headings of the behaviour and criteria tables ("Essential", "To be identified by", ...)."""
    return bool(_CRITERIA_HEADER.match(" ".join(text.split())))


def label_of(text: str) -> tuple[str, str] | None:
    """(field, value-in-the-same-cell) for a header label cell such as "Post Title:" or "Grade: LC5"."""
    t = " ".join(text.split())
    if len(t) > 300:
        return None
    for key, pat in _LABELS:
        m = pat.match(t)
        if m:
            return key, (m.group("rest") or "").strip()
    return None


def is_label(text: str) -> bool:
    return label_of(text) is not None


def split_methods(text: str) -> tuple[str, ...]:
    """A method cell split on "/" and trimmed: "Application Form /\\nInterview" -> two methods."""
    return tuple(p for p in (" ".join(part.split()) for part in text.split("/")) if p)


def is_method_cell(text: str) -> bool:
    """True when a cell names how a requirement is assessed (every "/" part is a known method)."""
    t = " ".join(text.split())
    if not t or len(t) > 250:
        return False
    if _METHOD_SENTENCE.match(t):
        return True
    parts = split_methods(t)
    return bool(parts) and all(_METHOD_PARTS.match(p) for p in parts)


def strip_bullet(text: str) -> str | None:
    """The text of a bullet item without its bullet, or None when ``text`` is not a bullet item."""
    t = text.strip()
    m = BULLET.match(t)
    if not m:
        return None
    rest = t[m.end():]
    # "-" and "*" only count as bullets when followed by a space ("-5" is not a bullet)
    if t[0] in "-*" and not t[1:2].isspace():
        return None
    return " ".join(rest.split())
