"""Table rows rebuilt in LibreOffice's "save as text" layout (one cell a line, no tabs, no row separators).

LibreOffice writes every table cell on a line of its own (an empty cell as an empty line, a cell of several
paragraphs as several lines) and marks neither row ends nor table ends, except that a blank line follows
each table. :func:`table_stream` finds the tables by their heading row (two or more known column headings in
a row: "Essential", "E/D", "Method", "Level", "Competency", "How assessed", ...), counts their columns, and
regroups the following lines into rows of that width, checking each line against its column's kind (a level,
a method, an E/D flag, a competency, a section label or free text). A line that does not fit its column
continues the cell before it (a text cell of several paragraphs, a method cell ending in "and" or "/").
A table ends at a section heading, or at a blank line after which no complete row follows.

The result is the stream the .docx reader gives (each paragraph a row, each table row a row), so the parser
reads both alike. When any table heading row is found whose rows cannot all be rebuilt cleanly, ``None`` is
returned and the caller keeps the plain one-cell-a-line stream (which the parser reads by cell order).
"""

from __future__ import annotations

import re

from ..domain.framework import CLUSTERS, match_competency
from . import vocab
from .cells import split_cell_lines

ROW = None
MAX_COLUMNS = 8

# column kinds
LABEL, TEXT, FLAG, METHOD, LEVEL, COMPETENCY, CLUSTER, NUMBER = (
    "label",
    "text",
    "flag",
    "method",
    "level",
    "comp",
    "cluster",
    "number",
)

_EXTRA_HEADINGS = re.compile(
    r"^(?:(?:cvf )?competenc(?:y|ies)|cvf behaviours?|(?:cvf )?(?:behaviours?|competency) (?:area|name)s?|cluster|"
    r"(?:cvf )?level(?: required)?|required level)\s*:?$",
    re.IGNORECASE,
)
_LEVEL_HEADING = re.compile(r"^(?:cvf )?level(?: required)?$|^required level$", re.IGNORECASE)
_COMP_HEADING = re.compile(
    r"^(?:(?:cvf )?competenc(?:y|ies)|(?:cvf )?behaviours?|(?:cvf )?(?:behaviours?|competency) "
    r"(?:area|name)s?)$",
    re.IGNORECASE,
)
# a column of row numbers or references ("No.", "Ref", "#"): counted in a heading row beside real headings
_NUMBER_HEADING = re.compile(r"^(?:no\.?|number|ref\.?|reference|#|item|id)\s*:?$", re.IGNORECASE)
_NUMBER_CELL = re.compile(r"^\(?[A-Z]{0,2}\d{1,3}[.)]?$")
# the heading of a row-label column, when its rows start with section labels ("Qualifications")
_LABEL_HEADING = re.compile(
    r"^(?:area|section|category|type|heading|(?:criteria|requirement) type)\s*:?$", re.IGNORECASE
)
_SEPARATOR_END = re.compile(r"(?:/|&|,|;|\+|\band\b|\bor\b)\s*$", re.IGNORECASE)
_CLUSTER_KEYS = frozenset("".join(ch for ch in c.lower() if ch.isalpha()) for c in CLUSTERS)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _is_heading_cell(line: str) -> bool:
    t = _flat(line)
    return bool(t) and len(t) <= 60 and (vocab.is_table_header(t) or bool(_EXTRA_HEADINGS.match(t)))


def _kind(heading: str) -> str:
    t = _flat(heading).rstrip(" :")
    if not t or _LABEL_HEADING.match(t):
        return LABEL
    if _NUMBER_HEADING.match(t):
        return NUMBER
    if _LEVEL_HEADING.match(t):
        return LEVEL
    if _COMP_HEADING.match(t):
        return COMPETENCY
    if t.lower() == "cluster":
        return CLUSTER
    role = vocab.column_role(t)
    return {"flag": FLAG, "method": METHOD}.get(role, TEXT)


def _is_cluster(t: str) -> bool:
    return len(t) < 80 and "".join(ch for ch in t.lower() if ch.isalpha()) in _CLUSTER_KEYS


def _criteria_heading(t: str) -> bool:
    return vocab.heading_of(t) in vocab.ANY_CRITERIA


def _fits(kind: str, line: str) -> bool:
    """Whether ``line`` can be the (first line of the) cell of a column of this kind."""
    t = _flat(line)
    if not t:
        return True
    if kind == LABEL:
        return _criteria_heading(t)
    if vocab.heading_of(t) is not None and kind != TEXT:
        return False
    if kind == FLAG:
        return vocab.flag_of(t) is not None
    if kind == METHOD:
        return vocab.looks_like_methods(line)
    if kind == LEVEL:
        return vocab.level_of(t) is not None or _is_cluster(t)
    if kind == COMPETENCY:
        return match_competency(t) is not None or _is_cluster(t)
    if kind == CLUSTER:
        return _is_cluster(t)
    if kind == NUMBER:
        return bool(_NUMBER_CELL.match(t))
    return vocab.heading_of(t) is None  # free text: anything but a section heading


def _continues(kind: str, cell: list[str], line: str) -> bool:
    """Whether ``line`` can be a later paragraph of a cell of this kind that holds ``cell`` so far."""
    t = _flat(line)
    if not t or not cell or not _flat(cell[-1]):
        return False
    if kind == TEXT:
        return vocab.heading_of(t) is None
    if kind == METHOD:
        return bool(_SEPARATOR_END.search(cell[-1])) or t.startswith(("/", "&", ",", "and ", "or "))
    return False


def _header_at(lines: list[str], i: int) -> int:
    """The number of column headings in a run starting at ``i`` (0 when fewer than two)."""
    n = real = 0
    while i + n < len(lines) and n < MAX_COLUMNS:
        if _is_heading_cell(lines[i + n]):
            real += 1
        elif not _NUMBER_HEADING.match(_flat(lines[i + n])):
            break
        n += 1
    return n if real >= 2 else 0


def _read_row(lines: list[str], i: int, kinds: list[str]) -> tuple[list[list[str]], int] | None:
    """The row starting at ``i`` (its cells as lines, the index after it), or None when no complete row
    of these columns starts there."""
    cells: list[list[str]] = []
    j = i
    # a row that starts with an empty cell may really be the blank line LibreOffice writes after a table:
    # it must then be plain (one line a cell, no note or key)
    strict = not _flat(lines[i])
    for k, kind in enumerate(kinds):
        while True:
            if j >= len(lines):
                return None
            line = lines[j]
            if (strict or (k == 0 and not cells)) and _flat(line) and _AFTER_TABLE.search(_flat(line)):
                return None
            if cells and not strict and _continues(kinds[k - 1], cells[-1], line) and not _fits(kind, line):
                cells[-1].append(line)
                j += 1
                continue
            break
        if not _fits(kind, line):
            return None
        cells.append([line])
        j += 1
    # later paragraphs of the last cell: lines that cannot start the next row
    while (
        not strict and j < len(lines) and _continues(kinds[-1], cells[-1], lines[j]) and not _fits(kinds[0], lines[j])
    ):
        cells[-1].append(lines[j])
        j += 1
    if (
        kinds[-1] == METHOD
        and j < len(lines)
        and _SEPARATOR_END.search(cells[-1][-1])
        and _flat(lines[j])
        and vocab.looks_like_methods(lines[j])
    ):
        cells[-1].append(lines[j])  # "Application form and" / "Interview"
        j += 1
    return cells, j


def _table(lines: list[str], i: int, width: int, label: str | None) -> tuple[list[str | None], int] | None:
    """The table whose heading row is ``lines[i:i + width]``: its rows as stream items and the index after
    it, or None when its rows do not line up."""
    n = len(lines)
    headings = ([] if label is None else [label]) + lines[i : i + width]
    kinds = [_kind(h) for h in headings]
    out: list[str | None] = [*headings, ROW]
    i += width
    rows = 0
    while i < n:
        t = _flat(lines[i])
        if t and kinds[0] != LABEL and _criteria_heading(t) and not _header_at(lines, i + 1):
            out.extend([lines[i], ROW])  # a section heading across the table ("Knowledge/Experience")
            i += 1
            continue
        got = _read_row(lines, i, kinds)
        if got is None and _is_cluster(t) and COMPETENCY in kinds:
            out.extend([lines[i], ROW])  # a cluster's name across a behaviour table (a merged row)
            i += 1
            continue
        if got is None:
            break
        cells, i = got
        for cell in cells:
            filled = [c for c in cell if _flat(c)]
            out.extend(split_cell_lines(filled) if filled else [""])
        out.append(ROW)
        rows += 1
    if rows == 0 or not _ends_table(lines, i, kinds):
        return None  # a heading row whose rows do not line up
    return out, i


_AFTER_TABLE = re.compile(r"^(?:key|note|notes|please note|methods?|codes?|date last updated)\b|=", re.IGNORECASE)


def _ends_table(lines: list[str], i: int, kinds: list[str]) -> bool:
    """Whether the line where no further row could be read plainly follows the table: the end of the text,
    a blank line, a heading, another table's heading row, a line that cannot start a row of this table,
    or a note or key ("Key: A = Application form")."""
    if i >= len(lines):
        return True
    t = _flat(lines[i])
    return (
        not t
        or vocab.heading_of(t) is not None
        or bool(_header_at(lines, i))
        or not _fits(kinds[0], t)
        or bool(_AFTER_TABLE.search(t))
    )


def table_stream(lines: list[str]) -> list[str | None] | None:
    """The stream with table rows rebuilt, or None when the text has no table heading row, or one whose
    rows cannot be read (then the one-cell-a-line stream stands). ``lines`` are squashed lines."""
    out: list[str | None] = []
    tables = 0
    i = 0
    n = len(lines)
    while i < n:
        width = _header_at(lines, i)
        if not width:
            if _flat(lines[i]):
                out.extend([lines[i], ROW])
            i += 1
            continue
        tries = []
        if vocab.heading_of(_flat(lines[i])) is not None and width >= 3:
            tries.append((i + 1, width - 1))  # "Behaviours" heading the section, then "Level | Competency | ..."
        tries.append((i, width))
        for at, w in tries:
            before = _flat(lines[at - 1]) if at > 0 else None
            label = (
                before
                if (before == "" or (before and _LABEL_HEADING.match(before)))
                and at + w < n
                and _criteria_heading(_flat(lines[at + w]))
                else None
            )
            got = _table(lines, at, w, label)
            if got is not None:
                if label and at == i and out[-2:] == [lines[i - 1], ROW]:
                    del out[-2:]  # the row labels' heading ("Area") was taken for a paragraph
                if at > i:
                    out.extend([lines[i], ROW])
                out.extend(got[0])
                i = got[1]
                tables += 1
                break
        else:
            return None  # a heading row whose rows do not line up: not a layout we can rebuild
    return out if tables else None
