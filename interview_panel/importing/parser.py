"""Cell stream -> :class:`RoleProfile`, following the rules of DESIGN.md "Role profiles".

The parser walks the cells once, switching section at each heading it recognises, and reads:

- header fields from label cells ("Post Title:", "Grade:", "Location:", "Responsible to:"), the value in the
  same cell after the colon or else the next non-empty cell; the JE number from a "JE: 1586" cell before
  the job purpose (it may share the grade cell); absent fields stay ``None``;
- the job purpose paragraphs, the bullet items of the key responsibilities (falling back to the paragraphs
  after the intro sentence when there are no bullets);
- behaviours: a cell naming a CVF competency (2016 or 2024 wording), then its level (1-3) and its method
  cell in the next cells, in either order;
- values named in the Values section;
- criteria in the qualification / knowledge & experience / other sections: each method cell ends a row;
  the essential and desirable cells are the two cells before it (within the row when rows are known).
  A row gives the essential criterion, then the desirable one, sharing the row's methods; ids are
  Q/K/O numbered in document order;
- "Date last updated: ..." and the PROGRESSION ARRANGEMENTS text.

Nothing is guessed: what is not found is ``None`` or empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain.framework import (
    CLUSTERS,
    COMPETENCIES,
    CVF_2016,
    CVF_2024,
    VALUES,
    Competency,
    match_competency,
    match_value,
)
from ..domain.profile import SECTION_PREFIX, Behaviour, Criterion, RoleProfile, Source, read_warnings
from . import vocab
from .cells import ROW, Stream

_HEADER_STOP = (vocab.PURPOSE, vocab.RESPONSIBILITIES, vocab.BEHAVIOURS, vocab.VALUES) + vocab.ANY_CRITERIA
_INTRO_WORDS = ("comprehensive list", "illustrative", "not exhaustive", "not an exhaustive", "include:")


def _flat(text: str) -> str:
    return " ".join(text.split())


@dataclass
class _Found:
    fields: dict[str, str | None] = field(default_factory=dict)
    job_evaluation: str | None = None
    purpose: list[str] = field(default_factory=list)
    responsibilities: list[str] = field(default_factory=list)
    behaviours: list[tuple[Competency, str | None, int, tuple[str, ...]]] = field(default_factory=list)
    all_level: int | None = None  # "Level 1 in all six competencies"
    behaviour_methods: tuple[str, ...] = ()  # "All behaviours will be assessed at interview"
    values: list[str] = field(default_factory=list)
    value_frameworks: set[str] = field(default_factory=set)
    criteria: list[tuple[str, str, str, tuple[str, ...]]] = field(default_factory=list)
    criteria_methods: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "all"/"essential"/"desirable"
    key: dict[str, str] = field(default_factory=dict)  # method codes: "A" -> "Application form"
    progression: list[str] = field(default_factory=list)
    last_updated: str | None = None


@dataclass
class _Table:
    """Criteria table state: the column roles from its heading row, the requirement a list heading set."""

    roles: list[str] | None = None
    list_requirement: str | None = None
    row: list[str] = field(default_factory=list)
    labelled: bool = False  # the row's first column named its section ("Qualifications | ...")


def parse_stream(stream: Stream, source: Source | None) -> RoleProfile:
    """Build the role profile the stream describes (validation of the result is the caller's job)."""
    return _build(_Walk(stream).run(), source)


class _Walk:
    """One pass over the cells: the section the walk is in, the criteria table being read, and what was found.

    Each cell is offered to the readers in a fixed order (headings, progression text, sentences about methods
    and values, header fields, behaviours, then the section's own content); the first that takes it wins."""

    def __init__(self, stream: Stream) -> None:
        self.cells = list(stream)  # our own copy: the caller's list is never changed
        self.rows_known = any(c is ROW for c in self.cells)
        self.found = _Found()
        self.section: str | None = None
        self.seen_header_stop = False
        self.pending: list[str | None] = []  # criteria cells since the last method cell, ROW markers kept
        self.table = _Table()
        self.consumed: set[int] = set()  # indices already used as a header value or a behaviour's level/method

    @property
    def in_criteria(self) -> bool:
        return self.section in vocab.ANY_CRITERIA

    def run(self) -> _Found:
        for i, cell in enumerate(self.cells):
            if cell is ROW:
                if self.in_criteria:
                    self.pending.append(ROW)
                    self.flush_row()
                continue
            if i in self.consumed:
                continue
            text = _flat(cell)
            if not text:
                if self.in_criteria:
                    self.pending.append("")
                    self.table.row.append("")
                continue
            if self.found.last_updated is None:
                m = vocab.LAST_UPDATED.search(cell)
                if m:
                    self.found.last_updated = _flat(m.group(1)).strip(" .,;") or None
                    cell = cell[: m.start()] + cell[m.end() :]
                    text = _flat(cell)
                    if not text:
                        continue
            self.read(i, cell, text)
        self.flush_row()
        return self.found

    def read(self, i: int, cell: str, text: str) -> None:
        """One non-empty cell (``text``: the cell on one line)."""
        found = self.found
        if self._heading(text) or self._progression(text):
            return
        if _method_key(text, found) or _sentences(text, found, self.section):
            return
        if not self.in_criteria and self._outside_criteria(i, text):
            return
        if not self.seen_header_stop and found.job_evaluation is None:
            je = vocab.JE.search(text)
            if je:
                found.job_evaluation = je.group(1)
                return
        if not self.in_criteria:
            hit = match_competency(text)
            if hit is not None:
                _behaviour(self.cells, i, hit, found, self.consumed, self.rows_known)
                return
            if _inline_behaviour(text, found):
                return
        section = self.section
        if section == vocab.PURPOSE:
            found.purpose.append(text)
        elif section == vocab.RESPONSIBILITIES:
            found.responsibilities.append(text)
        elif section == vocab.VALUES or (section == vocab.BEHAVIOURS and _value_line(text) is not None):
            _values(text, found)
        elif self.in_criteria:
            self._criteria_cell(i, cell, text)

    def flush_row(self) -> None:
        table = self.table
        if table.row and self.in_criteria and self.rows_known:
            _criteria_row(table.row, table, _section_of(self.section), self.found)
        table.row = []
        table.labelled = False

    def _enter(self, section: str | None) -> None:
        self.section = section
        self.pending = []
        if section in _HEADER_STOP:
            self.seen_header_stop = True

    def _heading(self, text: str) -> bool:
        heading = vocab.heading_of(text)
        if heading is None or (self.section == vocab.PROGRESSION and heading != vocab.PROGRESSION):
            return False
        self.flush_row()
        if self.in_criteria and heading in vocab.ANY_CRITERIA and self.rows_known:
            self.table.row.append("")  # the row label's column
            self.table.labelled = True
        self._enter(heading)
        return True

    def _progression(self, text: str) -> bool:
        if self.section != vocab.PROGRESSION:
            return False
        progression = self.found.progression
        item = vocab.strip_bullet(text)
        if progression and not any(ch.isalnum() for ch in text):
            progression[-1] += text  # a stray "." that Word wrapped onto its own line
        else:
            progression.append(text if item is None else f"\u2022 {item}")
        return True

    def _outside_criteria(self, i: int, text: str) -> bool:
        """Lines read the same in any section but the criteria: a values sentence, a requirement heading that
        starts the criteria, a heading with its text in the same cell, a header field's label."""
        found = self.found
        if _values_sentence(text):
            _values(text, found)  # "Values: Courage, Respect and empathy, Public service." in any section
            return True
        req_heading = _requirement_heading(text)
        if req_heading is not None and _CRITERIA_OR_REQUIREMENTS.search(text) and len(text) < 40:
            self.flush_row()  # "Essential criteria" heading a list, outside any criteria section so far
            self._enter(vocab.CRITERIA)
            self.table.list_requirement = req_heading
            return True
        rest = vocab.heading_with_rest(text)
        if rest is not None:
            self.flush_row()
            section, value = rest
            self._enter(section)
            self.seen_header_stop = True
            if not vocab.GUIDANCE.match(value):
                (found.purpose if section == vocab.PURPOSE else found.responsibilities).append(value)
            return True
        label = vocab.label_of(text)
        if label is not None:
            _label(self.cells, i, label, found, self.consumed)
            return True
        return False

    def _criteria_cell(self, i: int, cell: str, text: str) -> None:
        """A cell in a criteria section: part of a table row, or (no rows known) an item of a list, a list or
        table heading, or a method cell ending the row of the cells pending before it."""
        table = self.table
        table.row.append(cell)
        if self.rows_known:
            return
        section = _section_of(self.section)
        bullet = vocab.strip_bullet(text) is not None or _NUMBERED_ITEM.match(text) is not None
        flagged_line = _FLAG_AT_END.search(text) is not None and len(text) < 400
        if (table.list_requirement is not None and (bullet or vocab.INLINE_FLAG.search(text))) or (
            (bullet or flagged_line) and vocab.INLINE_FLAG.search(text)
        ):
            item = _NUMBERED_ITEM.sub("", cell, count=1) if _NUMBERED_ITEM.match(text) else cell
            _criteria_row([item], table, section, self.found)  # an item of an "Essential" list
            self.pending = []
        elif _list_heading(text) and _next_is_item(self.cells, i):
            table.list_requirement = _requirement_heading(text)  # "Essential" heading a list of items
            self.pending = []
        elif vocab.is_table_header(text):
            req = _requirement_heading(text)
            if req is not None and _CRITERIA_OR_REQUIREMENTS.search(text):
                table.list_requirement = req
            self.pending = []
        elif vocab.is_method_cell(cell):
            _emit_row(self.pending, cell, section, self.found)
            self.pending = []
        else:
            self.pending.append(cell)


_CRITERIA_OR_REQUIREMENTS = re.compile(r"\b(?:criteria|requirements)\b", re.IGNORECASE)


def _section_of(section: str | None) -> str:
    return vocab.KNOWLEDGE if section == vocab.CRITERIA or section is None else section


# -- header ----------------------------------------------------------------------------------------
def _label(cells: Stream, i: int, label: tuple[str, str], found: _Found, consumed: set[int]) -> None:
    key, rest = label
    value = rest or _next_value(cells, i, consumed)
    if key == vocab.IGNORED:
        return
    if key == "job_evaluation":
        m = vocab.JE_ALONE.match(value or "") or vocab.JE.search(value or "")
        if m and found.job_evaluation is None:
            found.job_evaluation = m.group(1)
        return
    if value is not None:
        je = vocab.JE.search(value)
        if je and key == "grade":
            found.job_evaluation = found.job_evaluation or je.group(1)
            value = _flat(value[: je.start()] + value[je.end() :]).replace("()", "").replace("[]", "")
            value = _flat(value).strip(" ,;-") or None
        elif je and key != "grade":
            value = None if vocab.JE.fullmatch(value.strip()) else value
    if key not in found.fields or found.fields[key] is None:
        found.fields[key] = value


def _next_value(cells: Stream, i: int, consumed: set[int]) -> str | None:
    """The next non-empty cell after a label, unless it is itself a label or heading."""
    for j in range(i + 1, min(len(cells), i + 12)):
        c = cells[j]
        if c is ROW or not _flat(c):
            continue
        t = _flat(c)
        if (
            vocab.is_label(t)
            or vocab.heading_of(t) is not None
            or vocab.heading_with_rest(t) is not None
            or match_competency(t) is not None
        ):
            return None
        if vocab.JE.fullmatch(t):
            return None  # "Grade:" followed straight by "JE: 1586": no grade given
        consumed.add(j)
        return t
    return None


# -- sentences that apply to a whole list, and method keys -----------------------------------------
_ASSESSED = re.compile(
    r"\b(?:will be|are|is|to be|shall be|being|must be)\s+(?:assessed|tested|identified|evaluated|measured|explored|"
    r"examined)\s+(?:at|by|through|via|during|in|using|within)\s+(?:the\s+|an?\s+)?(?P<m>[^.;:]{2,80})",
    re.IGNORECASE,
)
_ALL_SIX = re.compile(
    r"\ball\s+(?:of\s+the\s+)?(?:six|6|the)?\s*(?:cvf\s+)?(?:competencies|behaviours|competency areas)\b", re.IGNORECASE
)
_BEHAVIOUR_WORDS = re.compile(r"\b(?:behaviours?|competenc(?:y|ies))\b", re.IGNORECASE)
_CRITERIA_WORDS = re.compile(r"\b(?:criteria|criterion|requirements)\b", re.IGNORECASE)
_STAGE = re.compile(r"\s+(?:stages?|process|phase)\b.*$", re.IGNORECASE)
_KEY_PAIR = re.compile(
    r"(?:^|[,;(]|\s)\s*([A-Z]{1,3})\s*(?:=|:|-|\u2013)\s*([A-Za-z][A-Za-z' -]{2,40}?)\s*"
    r"(?=[,;)]|\s+[A-Z]{1,3}\s*(?:=|:|-|\u2013)\s*[A-Za-z]|$)"
)


def _sentence_methods(phrase: str) -> tuple[str, ...]:
    """ "application form and interview stage" -> ("Application form", "Interview")."""
    phrase = _STAGE.sub("", phrase.strip())
    phrase = re.sub(r"\s+(?:of|for)\s+.*$", "", phrase)
    parts = [p for p in vocab.split_methods(phrase) if p]
    if not parts or any(len(p.split()) > 4 for p in parts):
        return ()
    return tuple(p[:1].upper() + p[1:] for p in parts)


def _sentences(text: str, found: _Found, section: str | None) -> bool:
    """A sentence that sets the level or method of all behaviours, or the method of a list of criteria."""
    if len(text) > 400 or len(text) < 15:
        return False
    used = False
    if _ALL_SIX.search(text):
        m = vocab.LEVEL_IN.search(text)
        if m:
            found.all_level = vocab.LEVEL_WORDS[m.group(1).lower()]
            used = True
    m = _ASSESSED.search(text)
    if m:
        methods = _sentence_methods(m.group("m"))
        head = text[: m.start()]
        if methods and _BEHAVIOUR_WORDS.search(head) and not _CRITERIA_WORDS.search(head):
            found.behaviour_methods = methods
            used = True
        elif methods and (_CRITERIA_WORDS.search(head) or section in vocab.ANY_CRITERIA):
            low = head.lower()
            scope = (
                "essential"
                if "essential" in low and "desirable" not in low
                else "desirable"
                if "desirable" in low and "essential" not in low
                else "all"
            )
            if _CRITERIA_WORDS.search(head):
                found.criteria_methods[scope] = methods
                used = True
    return used


def _method_key(text: str, found: _Found) -> bool:
    """A key to method codes ("Key: A = Application form, I = Interview, P = Presentation")."""
    if len(text) > 300 or ("=" not in text and not text.lower().startswith("key")):
        return False
    pairs = _KEY_PAIR.findall(text.split(":", 1)[1] if text.lower().startswith("key") and ":" in text else text)
    if len(pairs) < 2:
        return False
    for code, meaning in pairs:
        found.key.setdefault(code, meaning.strip())
    return True


# -- behaviours and values -------------------------------------------------------------------------
def _row_span(cells: Stream, i: int) -> tuple[int, int]:
    start = i
    while start > 0 and cells[start - 1] is not ROW:
        start -= 1
    end = i + 1
    while end < len(cells) and cells[end] is not ROW:
        end += 1
    return start, end


def _behaviour(
    cells: Stream, i: int, hit: tuple[Competency, str | None], found: _Found, consumed: set[int], rows_known: bool
) -> None:
    comp, fw = hit
    level: int | None = None
    methods: tuple[str, ...] = ()
    if rows_known:  # a table row: the level and method cells may sit in any column, before or after the name
        start, end = _row_span(cells, i)
        for j in range(start, end):
            c = cells[j]
            if c is ROW or j == i or not _flat(c):
                continue
            lv = vocab.level_of(c)
            if lv is not None and level is None:
                level = lv
            elif not methods and vocab.looks_like_methods(c) and not _is_cluster(_flat(c)):
                methods = vocab.split_methods(c)
        if level is not None:
            consumed.update(range(i + 1, end))
        else:
            methods = ()
    if level is None:
        looked = 0
        for j in range(i + 1, min(len(cells), i + 10)):
            c = cells[j]
            if c is ROW or not _flat(c):
                continue
            t = _flat(c)
            if (
                match_competency(t) is not None
                or vocab.heading_of(t) is not None
                or _is_cluster(t)
                or vocab.LAST_UPDATED.search(t)
            ):
                break
            lv = vocab.level_of(t)
            if lv is not None and level is None:
                level = lv
                consumed.add(j)
            elif not methods and vocab.is_method_cell(c):
                methods = vocab.split_methods(c)
                consumed.add(j)
            else:
                break
            looked += 1
            if looked == 2 or (level is not None and methods):
                break
    if level is None:
        return  # a behaviour without a level is not guessed
    if any(b[0] is comp for b in found.behaviours):
        return
    found.behaviours.append((comp, fw, level, methods))


def _name_pattern(name: str) -> str:
    words = re.findall(r"[a-z]+", name.lower())
    return r"[\s,\-]*".join(words)


_NAMES = sorted(
    ((c, fw, n) for c in COMPETENCIES for fw, n in ((CVF_2016, c.name_2016), (CVF_2024, c.name_2024))),
    key=lambda t: -len(t[2]),
)
_INLINE = re.compile(
    r"^(?:["
    + vocab.BULLET_CHARS
    + r"]\s*)?(?P<name>"
    + "|".join(_name_pattern(n) for _, _, n in _NAMES)
    + r")\b(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def _inline_behaviour(text: str, found: _Found) -> bool:
    """ "We collaborate - Level 2", "We take ownership (level one) - assessed at interview"."""
    if len(text) > 200:
        return False
    m = _INLINE.match(text)
    if not m:
        return False
    lv = vocab.LEVEL_IN.search(m.group("rest"))
    if lv is None:
        return False
    hit = match_competency(m.group("name"))
    if hit is None:
        return False
    comp, fw = hit
    rest = (m.group("rest")[: lv.start()] + " " + m.group("rest")[lv.end() :]).strip(" -\u2013\u2014:()[],.")
    methods: tuple[str, ...] = ()
    a = _ASSESSED.search("will be " + rest) if rest.lower().startswith("assessed") else None
    if a:
        methods = _sentence_methods(a.group("m"))
    elif rest and vocab.looks_like_methods(rest):
        methods = vocab.split_methods(rest)
    if not any(b[0] is comp for b in found.behaviours):
        found.behaviours.append((comp, fw, vocab.LEVEL_WORDS[lv.group(1).lower()], methods))
    return True


_CLUSTER_KEYS = frozenset("".join(ch for ch in c.lower() if ch.isalpha()) for c in CLUSTERS)


def _is_cluster(text: str) -> bool:
    return len(text) < 80 and "".join(ch for ch in text.lower() if ch.isalpha()) in _CLUSTER_KEYS


_VALUE_LINE = None  # compiled below, after _VALUE_NAMES


def _value_line(text: str) -> str | None:
    """The value a line starts with when it goes on to explain it ("Integrity - we do what is right")."""
    item = vocab.strip_bullet(text)
    t = item if item is not None else text
    m = _VALUE_LINE.match(t) if _VALUE_LINE is not None else None
    return m.group(1) if m else None


def _values(text: str, found: _Found) -> None:
    """Values named in a cell: the whole cell, the items of a list ("Courage, Respect and empathy"), a line that
    explains one ("Integrity - we ..."), or a sentence that names them ("Our values are ...")."""
    line = _value_line(text)
    if line is not None:
        text = line
    elif re.search(r"\bvalues\b", text, re.IGNORECASE) and len(text) < 300 and re.search(r"\b(?:are|is|:)", text):
        named = [m.group(1) for m in _VALUE_NAMES.finditer(text)]
        if len(named) >= 2:
            text = ", ".join(named)
    pieces = [text] if match_value(text) is not None else _split_list(text)
    for piece in pieces:
        hits = [piece] if match_value(piece) is not None else _values_named_in(piece)
        for part in hits:
            hit = match_value(part)
            if hit is None:
                continue
            name, fw = hit
            if name.casefold() != "public service":
                found.value_frameworks.add(fw)
            if all(v.casefold() != name.casefold() for v in found.values):
                found.values.append(name)


_VALUE_NAMES = re.compile(
    r"\b(" + "|".join(sorted({re.escape(v) for vs in VALUES.values() for v in vs}, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


_VALUE_LINE = re.compile(_VALUE_NAMES.pattern + r"\s*(?:[-\u2013\u2014:]|\s-\s)\s*\S", re.IGNORECASE)


_VALUES_LEAD = re.compile(
    r"^(?:[-\u2022*]\s*)?(?:(?:our|the|these|police|force|organisational|core)\s+)*values\b", re.IGNORECASE
)


def _values_sentence(text: str) -> bool:
    """A line that introduces the values and names at least two of them ("Our values are Integrity, ...")."""
    return (
        len(text) < 300
        and _VALUES_LEAD.match(text) is not None
        and len({m.group(1).casefold() for m in _VALUE_NAMES.finditer(text)}) >= 2
    )


def _values_named_in(text: str) -> list[str]:
    """Value names joined by "and"/"&" ("Respect and empathy and Public service"); [] for other prose."""
    if len(text) > 200:
        return []
    residue = re.sub(r"\b(?:and)\b|[&,;.]", " ", _VALUE_NAMES.sub(" ", text), flags=re.IGNORECASE)
    return [m.group(1) for m in _VALUE_NAMES.finditer(text)] if not residue.strip() else []


def _split_list(text: str) -> list[str]:
    out = [text]
    for sep in (",", ";", "\n", "\u00b7", "\u2022"):
        out = [piece for chunk in out for piece in chunk.split(sep)]
    return [p.strip(" .") for p in out if p.strip(" .")]


# -- criteria --------------------------------------------------------------------------------------
def _emit_row(pending: list[str | None], method_cell: str, section: str, found: _Found) -> None:
    """Without row breaks (LibreOffice layout): a method cell ends a row; the two cells before it are the
    essential and desirable criteria."""
    cells = pending
    if ROW in cells:
        last_break = len(cells) - 1 - cells[::-1].index(ROW)
        in_row = list(cells[last_break + 1 :])
        if in_row:
            cells = in_row
    cells = [c for c in cells if c is not ROW]
    if len(cells) >= 2:
        essential, desirable = cells[-2], cells[-1]
    elif len(cells) == 1:
        essential, desirable = cells[0], ""
    else:
        return
    methods = vocab.split_methods(method_cell)
    for requirement, text in (("essential", essential), ("desirable", desirable)):
        for piece in _pieces(text or ""):
            found.criteria.append((section, requirement, piece, methods))


_NUMBER_ONLY = re.compile(r"^\(?\d{1,2}[.)]?$")
_NUMBERED = re.compile(r"(?:^|(?<=\s))\(?(\d{1,2})[.)]\s+(?=\S)|^(\d{1,2})\s+(?=[A-Z])", re.MULTILINE)


def _pieces(text: str) -> list[str]:
    """One criterion per numbered requirement or bullet line in a cell; numbers and bullets stripped."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) > 1 and sum(1 for ln in lines if vocab.strip_bullet(ln) is not None) >= 2:
        items: list[str] = []
        for ln in lines:
            b = vocab.strip_bullet(ln)
            if b is not None or not items:
                items.append(b if b is not None else ln)
            else:
                items[-1] += " " + ln
        return [_flat(x) for x in items if _flat(x)]
    marks = list(_NUMBERED.finditer(text))
    numbers = [int(m.group(1) or m.group(2)) for m in marks]
    if marks and numbers == list(range(1, len(numbers) + 1)) and not text[: marks[0].start()].strip():
        out = []
        for k, m in enumerate(marks):
            end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
            piece = _flat(text[m.end() : end]).rstrip(";")
            if piece:
                out.append(piece)
        return out
    b = vocab.strip_bullet(text)
    t = _flat(b if b is not None else text)
    return [t] if t else []


def _merge_bullets(cells: list[str]) -> list[str]:
    """Bullet lines of one cell arrive as cells of their own; put them back together."""
    out: list[str] = []
    for c in cells:
        is_bullet = vocab.strip_bullet(c) is not None
        if (
            is_bullet
            and out
            and out[-1].strip()
            and (vocab.strip_bullet(out[-1].split("\n")[-1]) is not None or out[-1].rstrip().endswith(":"))
        ):
            out[-1] += "\n" + c
        else:
            out.append(c)
    return out


_FLAG_AT_END = re.compile(r"[(\[]\s*(?:E|D|essential|desirable)\s*[)\]]\s*[.;]?\s*$", re.IGNORECASE)
_NUMBERED_ITEM = re.compile(r"^\s*\(?\d{1,2}[.)]\s+(?=\S)")


def _list_heading(text: str) -> bool:
    """A short "Essential" / "Desirable:" / "Essential criteria" line standing above a list."""
    return _requirement_heading(text) is not None and len(_flat(text).rstrip(" :")) <= 30


def _next_is_item(cells: Stream, i: int) -> bool:
    """Whether the next non-empty cell after ``i`` is a bulleted or numbered item."""
    for c in cells[i + 1 : i + 6]:
        if c is ROW or not _flat(c):
            continue
        t = _flat(c)
        return vocab.strip_bullet(t) is not None or _NUMBERED_ITEM.match(t) is not None
    return False


def _requirement_heading(text: str) -> str | None:
    t = _flat(text).rstrip(" :").lower()
    if t.startswith("essential") and "desirable" not in t:
        return "essential"
    if t.startswith("desirable") and "essential" not in t:
        return "desirable"
    return None


def _criteria_row(raw: list[str], table: _Table, section: str, found: _Found) -> None:
    """One table row (or paragraph) of a criteria section, with row breaks known."""
    cells = _merge_bullets(raw)
    nonempty = [c for c in cells if _flat(c)]
    if not nonempty:
        return
    if all(vocab.is_table_header(_flat(c)) or vocab.AUX_HEADING.match(_flat(c)) for c in nonempty) and any(
        vocab.is_table_header(_flat(c)) for c in nonempty
    ):
        if len(nonempty) >= 2:
            table.roles = [vocab.column_role(c) if _flat(c) else "label" for c in cells]
            table.list_requirement = None
        else:
            req = _requirement_heading(nonempty[0])
            if req is not None:
                table.list_requirement = req
        return
    if len(nonempty) == 1 and _requirement_heading(nonempty[0]) is not None and nonempty[0].rstrip().endswith(":"):
        table.list_requirement = _requirement_heading(nonempty[0])
        return

    flag: str | None = None
    method_cell: str | None = None
    items: list[tuple[str | None, str]] = []
    if table.roles is not None and len(cells) >= 2:
        roles = table.roles
        row = cells[len(cells) - len(roles) :] if len(cells) > len(roles) else cells
        for c, role in zip(row, roles):
            if not _flat(c) or _NUMBER_ONLY.match(_flat(c)):
                continue
            if role == "flag":
                flag = vocab.flag_of(c) or flag
            elif role == "method":
                method_cell = c
            elif role in ("essential", "desirable"):
                items.append((role, c))
            elif role == "label":
                flag = vocab.flag_of(c) or flag
            else:
                items.append((None, c))
    else:
        rest = [c for c in cells if not _NUMBER_ONLY.match(_flat(c))]
        kept: list[str] = []
        for c in rest:
            f = vocab.flag_of(c) if _flat(c) else None
            if f is not None:
                flag = f
            else:
                kept.append(c)
        filled = [k for k, c in enumerate(kept) if _flat(c)]
        if len(filled) >= 2 and vocab.looks_like_methods(kept[filled[-1]]):
            method_cell = kept[filled[-1]]
            kept = kept[: filled[-1]]
        texts = [c for c in kept if _flat(c)]
        if flag is not None or table.list_requirement is not None or len(texts) == 1:
            items = [(None, c) for c in texts]
        elif len(kept) >= 2:
            items = [("essential", kept[-2]), ("desirable", kept[-1])]
        if len(cells) == 1 and not table.labelled and flag is None and table.list_requirement is None:
            only = nonempty[0]
            if not (vocab.strip_bullet(only) is not None or _NUMBERED.match(only) or vocab.INLINE_FLAG.search(only)):
                return  # a paragraph of prose between the rows, not a requirement
    methods = vocab.split_methods(method_cell) if method_cell else ()
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for req, text in items:
        inline = vocab.INLINE_FLAG.search(text)
        if inline:
            req = req or ("essential" if inline.group(1).lower().startswith("e") else "desirable")
            text = (text[: inline.start()] + " " + text[inline.end() :]).strip()
        own = methods
        paren = re.search(r"\(([^()]{2,80})\)\s*\.?\s*$", text)
        if paren and not own and vocab.looks_like_methods(paren.group(1)):
            own = vocab.split_methods(paren.group(1))
            text = text[: paren.start()].rstrip()
        requirement = req or flag or table.list_requirement or "essential"
        for piece in _pieces(text):
            out.append((requirement, piece, own))
    out.sort(key=lambda t: t[0] != "essential")
    for requirement, piece, own in out:
        found.criteria.append((section, requirement, piece, own))


# -- result ----------------------------------------------------------------------------------------
_PERCENT = re.compile(r"^(?:%\s*(?:of\s+)?time|time\s*%|\d{1,3}\s*%|%|time)$", re.IGNORECASE)
_DUTY_NUMBER = re.compile(r"^\(?(\d{1,2})[.):]?\s+(?=[A-Z])")


def _responsibilities(paragraphs: list[str]) -> tuple[str, ...]:
    paras = [p for p in paragraphs if not _NUMBER_ONLY.match(p) and not _PERCENT.match(p)]
    marked = [vocab.strip_bullet(p) is not None or bool(_DUTY_NUMBER.match(p)) for p in paras]
    if any(marked):
        items: list[str] = []
        for p, is_item in zip(paras, marked):
            if is_item:
                b = vocab.strip_bullet(p)
                if b is None and (number := _DUTY_NUMBER.match(p)) is not None:
                    b = p[number.end() :]
                items.append(p if b is None else b)
            elif items and p[:1].islower():
                items[-1] += " " + p  # the rest of a duty that was wrapped onto a line of its own
        return tuple(i for i in (_flat(x) for x in items) if i)
    rest = list(paras)
    if rest and (any(w in rest[0].lower() for w in _INTRO_WORDS) or rest[0].endswith(":")):
        rest = rest[1:]
    return tuple(rest)


_TRAILING_CODES = re.compile(r"\s*\(([A-Z]{1,3}(?:\s*[/,&]\s*[A-Z]{1,3})*)\)\s*\.?$")


def _expand(methods: tuple[str, ...], key: dict[str, str]) -> tuple[str, ...]:
    if key and methods and all(m in key for m in methods):
        return tuple(key[m] for m in methods)
    return methods


def _build(found: _Found, source: Source | None) -> RoleProfile:
    wording_2024 = any(fw == CVF_2024 for _, fw, _, _ in found.behaviours)
    framework = CVF_2024 if wording_2024 or CVF_2024 in found.value_frameworks else CVF_2016
    rows = list(found.behaviours)
    if found.all_level is not None:
        have = {b[0] for b in rows}
        rows += [(c, None, found.all_level, ()) for c in COMPETENCIES if c not in have]
        order = {c: n for n, c in enumerate(COMPETENCIES)}
        rows.sort(key=lambda b: order[b[0]])
    behaviours = tuple(
        Behaviour(
            comp.slug, comp.name(framework), comp.cluster, level, _expand(methods, found.key) or found.behaviour_methods
        )
        for comp, _, level, methods in rows
    )
    values = []
    for v in found.values:
        canonical = next((c for c in VALUES[framework] if c.casefold() == v.casefold()), v)
        if canonical not in values:
            values.append(canonical)
    counters = dict.fromkeys(vocab.CRITERIA_SECTIONS, 0)
    criteria = []
    for section, requirement, text, methods in found.criteria:
        counters[section] += 1
        coded = _TRAILING_CODES.search(text) if not methods and found.key else None
        if coded and all(part in found.key for part in vocab.split_methods(coded.group(1))):
            methods, text = vocab.split_methods(coded.group(1)), text[: coded.start()].rstrip()  # "... (A)"
        methods = (
            _expand(methods, found.key)
            or found.criteria_methods.get(requirement)
            or found.criteria_methods.get("all", ())
        )
        criteria.append(Criterion(f"{SECTION_PREFIX[section]}{counters[section]}", section, requirement, text, methods))
    fields = found.fields
    profile = RoleProfile(
        source=source,
        framework=framework,
        post_title=fields.get("post_title") or None,
        grade=fields.get("grade") or None,
        job_evaluation=found.job_evaluation,
        location=fields.get("location") or None,
        responsible_to=fields.get("responsible_to") or None,
        job_purpose=" ".join(found.purpose) or None,
        key_responsibilities=_responsibilities(found.responsibilities),
        behaviours=behaviours,
        values=tuple(values),
        criteria=tuple(criteria),
        progression="\n".join(found.progression) or None,
        last_updated=found.last_updated,
    )
    if not (profile.post_title or profile.behaviours or profile.criteria or profile.key_responsibilities):
        return profile
    return profile.with_changes(warnings=read_warnings(profile))
