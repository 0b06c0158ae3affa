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
IGNORED = "ignored"

_KSE = r"(?:knowledge|skills?|experience|abilities|ability)"
_QET = r"(?:qualifications?|education|training)"
CRITERIA = "criteria"  # a person specification whose rows say their own section (default: knowledge/experience)
ANY_CRITERIA = CRITERIA_SECTIONS + (CRITERIA,)
# "a. ", "1) ", "Part C - ", "Section 2: " before a heading
_ENUM = r"(?:(?:part|section)\s+[a-z0-9]{1,3}\s*[-\u2013\u2014:.]?\s*|[a-z0-9]{1,2}[.)]\s+)?"
_HEADING_WORDS: tuple[tuple[str, str], ...] = (
    (
        PURPOSE,
        r"(?:job|role|post) purpose|(?:the )?(?:main |overall |key )?purpose of (?:the )?(?:job|role|post)"
        r"|(?:main |overall )purpose",
    ),
    (
        RESPONSIBILITIES,
        r"(?:main |principal )?(?:key )?(?:responsibilities|accountabilities|duties)"
        r"(?: and (?:responsibilities|accountabilities|duties))?"
        r"|key result areas|key outputs(?: for (?:the )?role)?|main tasks|key tasks",
    ),
    (
        BEHAVIOURS,
        r"behaviours?|competencies|(?:cvf )?competencies and values|competency and values framework"
        r"|(?:the )?competency and values framework \(cvf\)|behavioural competencies|cvf competencies"
        r"|cvf behaviours|level required|cvf levels?",
    ),
    (VALUES, r"(?:police |our |cvf |core )?values"),
    (QUALIFICATION, _QET + r"(?:\s*(?:/|,|&|and)\s*" + _QET + r")*"),
    (KNOWLEDGE, _KSE + r"(?:\s*(?:/|,|&|and)\s*" + _KSE + r")*"),
    (
        OTHER,
        r"others?(?: requirements| criteria| information)?|additional requirements|(?:other )?special requirements"
        r"|special conditions",
    ),
    (PROGRESSION, r"progression(?: arrangements| criteria)?"),
    (CRITERIA, r"person specification|selection criteria|essential and desirable criteria"),
)
_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(r"^" + _ENUM + r"(?:" + pat + r")\s*:?$", re.IGNORECASE)) for key, pat in _HEADING_WORDS
)
# a heading with text after its colon ("Role purpose: To keep ...", "a. OVERALL PURPOSE OF THE ROLE: Defines ...")
_HEADING_REST = tuple(
    (key, re.compile(r"^" + _ENUM + r"(?:" + pat + r")\s*:\s*(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL))
    for key, pat in _HEADING_WORDS
    if key in (PURPOSE, RESPONSIBILITIES)
)
# template guidance after a heading's colon ("Defines the main reason the role exists") is not the purpose
GUIDANCE = re.compile(
    r"^(?:defines|describes|outlines|sets out|summaris|summariz|explains|details|lists|"
    r"state|give|provide|insert|enter|list)\w*\b",
    re.IGNORECASE,
)

_CRITERIA_HEADER = re.compile(
    r"^(?:essential(?: criteria| requirements?)?|desirable(?: criteria| requirements?)?|(?:to be )?identified by|"
    r"(?:method of |how )?assess(?:ed|ment)(?: by| method| stage)?|methods?(?: of assessment)?|behaviours?|level|"
    r"e\s*/\s*d|e or d|essential\s*(?:/|or)\s*desirable(?: \(e\s*/\s*d\))?|criteria|criterion|requirements?|"
    r"evidenced by|stage assessed|how (?:it will be )?(?:assessed|tested|measured)|attributes?|"
    r"knowledge, skills and experience|description)\s*:?$",
    re.IGNORECASE,
)
_ROLE_WORDS = (
    ("flag", re.compile(r"^(?:e\s*/\s*d|e or d|essential\s*(?:/|or)\s*desirable.*)$", re.I)),
    ("essential", re.compile(r"^essential(?: criteria| requirements?)?$", re.I)),
    ("desirable", re.compile(r"^desirable(?: criteria| requirements?)?$", re.I)),
    (
        "method",
        re.compile(
            r"^(?:(?:to be )?identified by|(?:method of |how )?assess.*|methods?.*|evidenced by|"
            r"stage assessed|how .*)$",
            re.I,
        ),
    ),
)
FLAG = re.compile(r"^(?:(E)|(D)|(essential)|(desirable))\.?$", re.IGNORECASE)
INLINE_FLAG = re.compile(r"\s*[(\[]\s*(E|D|essential|desirable)\s*[)\]]\s*", re.IGNORECASE)


def column_role(text: str) -> str:
    """What a criteria table's column holds, from its heading: essential, desirable, flag, method or text."""
    t = " ".join(text.split()).rstrip(" :")
    for role, pat in _ROLE_WORDS:
        if pat.match(t):
            return role
    return "text"


def flag_of(text: str) -> str | None:
    """ "essential"/"desirable" for an E/D cell ("E", "Desirable"), else None."""
    m = FLAG.match(" ".join(text.split()))
    if not m:
        return None
    return "essential" if (m.group(1) or m.group(3)) else "desirable"


def level_of(text: str) -> int | None:
    """The CVF level a cell states on its own ("1", "Level 1", "L1", "level one"), else None."""
    m = LEVEL.match(" ".join(text.split()))
    return LEVEL_WORDS[m.group(1).lower()] if m else None


_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(r"^(?:" + pat + r")\s*(?::\s*(?P<rest>.*))?$", re.IGNORECASE | re.DOTALL))
    for key, pat in (
        ("post_title", r"(?:post|job|role) title|role|position|post"),
        ("grade", r"grade|rank\s*/\s*grade|current grade|scale|band(?: level)?|pay band|salary grade"),
        ("job_evaluation", r"(?:JE|J\.E\.|job evaluation)(?:\s*(?:no\.?|number|ref\.?|reference))?"),
        ("location", r"location|work location|base|based at|station|area"),
        ("responsible_to", r"responsible to|reports to|reporting to|line manager|accountable to"),
        # labels with no field in the contract: their value is skipped, never taken for another field
        (
            IGNORED,
            r"directorate|division|department|division\s*/\s*department|department\s*/\s*(?:unit|division)"
            r"|role code|post number|position number|unit|team|section|hours|working hours|salary"
            r"|contract(?: type)?|vetting(?: level)?|date of issue|version|role family|job family|command",
        ),
    )
)

JE_VALUE = r"([A-Z]{0,3}-?\d{2,7}[A-Z]{0,2})"
JE = re.compile(
    r"\b(?:JE|J\.E\.|(?i:job evaluation))(?:\s*(?i:no\.?|number|ref\.?|reference))?\s*[:.\-]?\s*"
    + JE_VALUE
    + r"(?![\w/])"
)
JE_ALONE = re.compile(r"^" + JE_VALUE + r"$")
LAST_UPDATED = re.compile(r"date\s+last\s+updated\s*:?[ \t]*([^\n]*)", re.IGNORECASE)
LEVEL = re.compile(
    r"^(?:(?:cvf\s+)?level\s*|l)?([1-3]|one|two|three)\.?(?:\s*(?:required|\(required\)))?$", re.IGNORECASE
)
LEVEL_WORDS = {"1": 1, "2": 2, "3": 3, "one": 1, "two": 2, "three": 3}
# "Level 2", "level two", "L2" somewhere in a line ("We collaborate - Level 2")
LEVEL_IN = re.compile(r"\b(?:level\s*|l)([1-3]|one|two|three)\b", re.IGNORECASE)
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
    re.IGNORECASE,
)
_METHOD_SENTENCE = re.compile(
    r"^(?:(?:attendance|sickness|absence)\b.*\b(?:check|checked|reference|references)\b"
    r"|(?:to be )?(?:checked|verified|confirmed)\b|via references?\b)",
    re.IGNORECASE | re.DOTALL,
)


def heading_of(text: str) -> str | None:
    """The section key a heading cell names ("Others" -> "other"), or None."""
    t = " ".join(text.split())
    if not t or len(t) > 60:
        return None
    for key, pat in _HEADINGS:
        if pat.match(t):
            return key
    return None


def heading_with_rest(text: str) -> tuple[str, str] | None:
    """(section, text after the colon) for "Role purpose: To keep ..." (purpose and responsibilities only)."""
    t = " ".join(text.split())
    if len(t) > 2000:
        return None
    for key, pat in _HEADING_REST:
        m = pat.match(t)
        if m:
            return key, m.group("rest").strip()
    return None


# headings of a criteria table's row-number and row-label columns ("No.", "Ref", "Area"): a heading row may
# hold them beside real column headings, but they never make one on their own
AUX_HEADING = re.compile(
    r"^(?:no\.?|number|ref\.?|reference|#|item|id|area|section|category|type|heading|"
    r"(?:criteria|requirement) type)\s*:?$",
    re.IGNORECASE,
)


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


_METHOD_SPLIT = re.compile(r"\s*(?:/|&|;|,|\n|\band/or\b|\band\b|\bor\b|\+)\s*", re.IGNORECASE)
_METHOD_WORDS = re.compile(
    r"\b(?:interview\w*|application|test\w*|exercise\w*|assess\w*|presentation\w*|short[- ]?list\w*|checks?|"
    r"checked|vetting|medical|references?|certificat\w*|centre|declaration|portfolio|observation|role[- ]?play|"
    r"in[- ]tray|psychometric|occupational health|screening|verification|pre[- ]employment|evidence|cv)\b",
    re.IGNORECASE,
)
CODE = re.compile(r"^[A-Z]{1,3}$")
_ENDS_WITH_SEPARATOR = re.compile(r"(?:/|&|,|;|\band\b|\bor\b|\+)\s*$", re.IGNORECASE)


def split_methods(text: str) -> tuple[str, ...]:
    """A method cell split on "/", "&", "and", commas or line breaks and trimmed; a sentence is kept whole.

    "Application Form /\nInterview" -> ("Application Form", "Interview"); "Attendance to be checked post
    interview by Recruitment, via references" stays one method.
    """
    t = text.strip()
    if _METHOD_SENTENCE.match(" ".join(t.split())):
        return (" ".join(t.split()),)
    lines = [ln.strip() for ln in t.split("\n") if ln.strip()]
    merged: list[str] = []
    for ln in lines:  # a method wrapped over two lines ("Assessment\nCentre") is one method
        if merged and not _ENDS_WITH_SEPARATOR.search(merged[-1]):
            last = _METHOD_SPLIT.split(merged[-1])[-1]
            first = _METHOD_SPLIT.split(ln)[0]
            if (ln[:1].islower() and not _METHOD_PARTS.match(first)) or (
                _METHOD_PARTS.match(f"{last} {first}")
                and not (_METHOD_PARTS.match(last) and _METHOD_PARTS.match(first))
            ):
                merged[-1] += " " + ln
                continue
        merged.append(ln)
    t = "\n".join(merged)
    return tuple(p for p in (" ".join(part.split()).strip(" .") for part in _METHOD_SPLIT.split(t)) if p)


def is_method_cell(text: str) -> bool:
    """True when a cell names how a requirement is assessed (every part is a known method)."""
    t = " ".join(text.split())
    if not t or len(t) > 250:
        return False
    if _METHOD_SENTENCE.match(t):
        return True
    parts = split_methods(text)
    return bool(parts) and all(_METHOD_PARTS.match(p) for p in parts)


def is_code_cell(text: str) -> bool:
    """True for a cell of method codes only ("A/I", "A, I, P")."""
    parts = split_methods(text)
    return bool(parts) and all(CODE.match(p) for p in parts) and len(text) <= 40


def looks_like_methods(text: str) -> bool:
    """A known method cell, a code cell, or short parts each naming some kind of assessment
    ("Portfolio review / Interview", "Occupational Health assessment")."""
    if is_method_cell(text) or is_code_cell(text):
        return True
    t = " ".join(text.split())
    if not t or len(t) > 120 or t.endswith((".", ":")):
        return False
    parts = split_methods(text)
    return bool(parts) and all(len(p.split()) <= 5 and _METHOD_WORDS.search(p) for p in parts)


def strip_bullet(text: str) -> str | None:
    """The text of a bullet item without its bullet, or None when ``text`` is not a bullet item."""
    t = text.strip()
    m = BULLET.match(t)
    if not m:
        return None
    rest = t[m.end() :]
    # "-" and "*" only count as bullets when followed by a space ("-5" is not a bullet)
    if t[0] in "-*" and not t[1:2].isspace():
        return None
    return " ".join(rest.split())
