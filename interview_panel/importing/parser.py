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

from ..domain.framework import CLUSTERS, CVF_2016, CVF_2024, VALUES, match_competency, match_value
from ..domain.profile import SECTION_PREFIX, Behaviour, Criterion, RoleProfile, Source
from . import vocab
from .cells import ROW, Stream

_HEADER_STOP = (vocab.PURPOSE, vocab.RESPONSIBILITIES, vocab.BEHAVIOURS, vocab.VALUES) + vocab.CRITERIA_SECTIONS
_INTRO_WORDS = ("comprehensive list", "illustrative", "not exhaustive", "not an exhaustive", "include:")


def _flat(text: str) -> str:
    return " ".join(text.split())


@dataclass
class _Found:
    fields: dict[str, str | None] = field(default_factory=dict)
    job_evaluation: str | None = None
    purpose: list[str] = field(default_factory=list)
    responsibilities: list[str] = field(default_factory=list)
    behaviours: list[tuple[object, str | None, int, tuple[str, ...]]] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    value_frameworks: set[str] = field(default_factory=set)
    criteria: list[tuple[str, str, str, tuple[str, ...]]] = field(default_factory=list)
    progression: list[str] = field(default_factory=list)
    last_updated: str | None = None


def parse_stream(stream: Stream, source: Source | None) -> RoleProfile:
    """Build the role profile the stream describes (validation of the result is the caller's job)."""
    found = _Found()
    cells = list(stream)  # our own copy: the caller's list is never changed
    section: str | None = None
    seen_header_stop = False
    pending: list[str | None] = []  # criteria cells since the last method cell, ROW markers kept
    consumed: set[int] = set()  # indices already used as a header value or a behaviour's level/method

    for i, cell in enumerate(cells):
        if cell is ROW:
            if section in vocab.CRITERIA_SECTIONS:
                pending.append(ROW)
            continue
        if i in consumed:
            continue
        text = _flat(cell)
        if not text:
            if section in vocab.CRITERIA_SECTIONS:
                pending.append("")
            continue

        if found.last_updated is None:
            m = vocab.LAST_UPDATED.search(cell)
            if m:
                found.last_updated = _flat(m.group(1)).strip(" .,;") or None
                cell = cell[:m.start()] + cell[m.end():]
                text = _flat(cell)
                if not text:
                    continue

        heading = vocab.heading_of(text)
        if heading is not None and not (section == vocab.PROGRESSION and heading != vocab.PROGRESSION):
            section = heading
            pending = []
            if heading in _HEADER_STOP:
                seen_header_stop = True
            continue

        if section == vocab.PROGRESSION:
            item = vocab.strip_bullet(text)
            if found.progression and not any(ch.isalnum() for ch in text):
                found.progression[-1] += text  # a stray "." that Word wrapped onto its own line
                continue
            found.progression.append(text if item is None else f"\u2022 {item}")
            continue

        label = vocab.label_of(text)
        if label is not None and section not in vocab.CRITERIA_SECTIONS:
            key, rest = label
            value = rest or _next_value(cells, i, consumed)
            if value is not None:
                je = vocab.JE.search(value)
                if je and key == "grade":
                    found.job_evaluation = found.job_evaluation or je.group(1)
                    value = _flat(value[:je.start()] + value[je.end():]).replace("()", "").replace("[]", "")
                    value = _flat(value).strip(" ,;-") or None
                elif je and key != "grade":
                    value = None if vocab.JE.fullmatch(value.strip()) else value
            if key not in found.fields or found.fields[key] is None:
                found.fields[key] = value
            continue

        if not seen_header_stop and found.job_evaluation is None:
            je = vocab.JE.search(text)
            if je:
                found.job_evaluation = je.group(1)
                continue

        if section not in vocab.CRITERIA_SECTIONS:
            hit = match_competency(text)
            if hit is not None:
                _behaviour(cells, i, hit, found, consumed)
                continue

        if section == vocab.PURPOSE:
            found.purpose.append(text)
        elif section == vocab.RESPONSIBILITIES:
            found.responsibilities.append(text)
        elif section == vocab.VALUES:
            _values(text, found)
        elif section in vocab.CRITERIA_SECTIONS:
            if vocab.is_table_header(text):
                pending = []
            elif vocab.is_method_cell(cell):
                _emit_row(pending, cell, section, found)
                pending = []
            else:
                pending.append(cell)

    return _build(found, source)


# -- header ----------------------------------------------------------------------------------------
def _next_value(cells: Stream, i: int, consumed: set[int]) -> str | None:
    """The next non-empty cell after a label, unless it is itself a label or heading."""
    for j in range(i + 1, min(len(cells), i + 12)):
        c = cells[j]
        if c is ROW or not _flat(c):
            continue
        t = _flat(c)
        if vocab.is_label(t) or vocab.heading_of(t) is not None or match_competency(t) is not None:
            return None
        if vocab.JE.fullmatch(t):
            return None  # "Grade:" followed straight by "JE: 1586": no grade given
        consumed.add(j)
        return t
    return None


# -- behaviours and values -------------------------------------------------------------------------
def _behaviour(cells: Stream, i: int, hit: tuple, found: _Found, consumed: set[int]) -> None:
    comp, fw = hit
    level: int | None = None
    methods: tuple[str, ...] = ()
    looked = 0
    for j in range(i + 1, min(len(cells), i + 10)):
        c = cells[j]
        if c is ROW or not _flat(c):
            continue
        t = _flat(c)
        if (match_competency(t) is not None or vocab.heading_of(t) is not None or _is_cluster(t)
                or vocab.LAST_UPDATED.search(t)):
            break
        m = vocab.LEVEL.match(t)
        if m and level is None:
            level = int(m.group(1))
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


_CLUSTER_KEYS = frozenset("".join(ch for ch in c.lower() if ch.isalpha()) for c in CLUSTERS)


def _is_cluster(text: str) -> bool:
    return len(text) < 80 and "".join(ch for ch in text.lower() if ch.isalpha()) in _CLUSTER_KEYS


def _values(text: str, found: _Found) -> None:
    """Values named in a cell: the whole cell, or the items of a list ("Courage, Respect and empathy")."""
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
    re.IGNORECASE)


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
    cells = pending
    if ROW in cells:
        last_break = len(cells) - 1 - cells[::-1].index(ROW)
        in_row = [c for c in cells[last_break + 1:]]
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
        t = _flat(text or "")
        if t:
            found.criteria.append((section, requirement, t, methods))


# -- result ----------------------------------------------------------------------------------------
def _responsibilities(paragraphs: list[str]) -> tuple[str, ...]:
    bullets = [b for b in (vocab.strip_bullet(p) for p in paragraphs) if b]
    if bullets:
        return tuple(bullets)
    rest = list(paragraphs)
    if rest and (any(w in rest[0].lower() for w in _INTRO_WORDS) or rest[0].endswith(":")):
        rest = rest[1:]
    return tuple(rest)


def _build(found: _Found, source: Source | None) -> RoleProfile:
    wording_2024 = any(fw == CVF_2024 for _, fw, _, _ in found.behaviours)
    framework = CVF_2024 if wording_2024 or CVF_2024 in found.value_frameworks else CVF_2016
    behaviours = tuple(
        Behaviour(comp.slug, comp.name(framework), comp.cluster, level, methods)
        for comp, _, level, methods in found.behaviours
    )
    values = []
    for v in found.values:
        canonical = next((c for c in VALUES[framework] if c.casefold() == v.casefold()), v)
        if canonical not in values:
            values.append(canonical)
    counters = {s: 0 for s in vocab.CRITERIA_SECTIONS}
    criteria = []
    for section, requirement, text, methods in found.criteria:
        counters[section] += 1
        criteria.append(Criterion(f"{SECTION_PREFIX[section]}{counters[section]}", section, requirement, text,
                                  methods))
    fields = found.fields
    return RoleProfile(
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
