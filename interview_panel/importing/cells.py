"""The internal model every reader produces: a stream of cells with row breaks.

A role profile is a Word document made of paragraphs and tables. Every reader flattens it to the same
``Stream``: a list whose items are cell/paragraph texts (``str``, possibly ``""`` for an empty cell,
possibly containing ``"\\n"`` for a cell of several lines) or ``ROW`` (``None``) where a table row or a
paragraph ends, when the layout shows it. The parser (:mod:`.parser`) relies on cell order only and uses
row breaks as a hint, so the layouts below give identical profiles:

- Word "save as text": a table cell is a line starting with a tab, a cell wrapped onto the next line
  continues without a tab, rows are separated by blank lines, paragraphs are lines without a tab;
- LibreOffice "save as text": one cell or paragraph per line, no tabs, empty cells as empty lines, no row
  separators (table rows are rebuilt from each table's heading row by :mod:`.lo_tables`);
- .docx (see :mod:`.docx_reader`): body paragraphs and table rows in document order.
"""

from __future__ import annotations

import re

from . import vocab

ROW = None
Stream = list[str | None]

_BULLET_START = re.compile(r"^\s*[" + vocab.BULLET_CHARS + r"]")


def is_word_tab_layout(text: str) -> bool:
    """True when the text looks like Word's export: some lines start with a tab (table cells)."""
    return any(line.startswith("\t") for line in text.split("\n"))


def _starts_new_paragraph(line: str) -> bool:
    """A tab-less line that cannot be the wrapped tail of the cell above it."""
    if line[:1].isspace() or _BULLET_START.match(line):
        return True
    return vocab.heading_of(line) is not None or vocab.is_label(line)


def split_cell_lines(lines: list[str]) -> list[str]:
    """The lines of one cell as stream items: continuation lines join the cell (with "\\n"), but a line
    that starts a new paragraph (heading, label, bullet, indented) becomes an item of its own.

    Word's text export writes a cell's later paragraphs on untabbed lines, exactly like a wrapped cell, so
    the .docx reader uses this rule too and both layouts give the same stream.
    """
    groups: list[list[str]] = []
    for n, line in enumerate(lines):
        if n == 0 or _starts_new_paragraph(line):
            groups.append([_squash(line)])
        else:
            groups[-1].append(_squash(line))
    return [_join(g) for g in groups]


def word_tab_stream(text: str) -> Stream:
    """Cells of Word's tab layout (``text`` already cleaned: LF line ends)."""
    items: list[list[str] | None] = []  # each cell as its lines, joined at the end (no quadratic concatenation)
    prev = "blank"
    for line in text.split("\n"):
        if line.startswith("\t"):
            items.append([_squash(line)])
            prev = "cell"
        elif "\t" in line.strip() and prev != "cell" and vocab.is_label(line.split("\t", 1)[0]):
            # "Job Title<tab>Case Officer" typed or pasted on one line: the label and its value are two cells
            for part in line.split("\t"):
                if part.strip():
                    items.append([_squash(part)])
            prev = "para"
        elif not line.strip():
            if items and items[-1] is not ROW:
                items.append(ROW)
            prev = "blank"
        elif prev == "cell" and (last := items[-1]) is not ROW and not _starts_new_paragraph(line):
            last.append(_squash(line))
        else:
            items.append([_squash(line)])
            prev = "para"
    return [ROW if item is ROW else _join(item) for item in items]


def libreoffice_stream(text: str) -> Stream:
    """Cells of LibreOffice's one-cell-per-line layout: table rows rebuilt from the tables' heading rows
    (:mod:`.lo_tables`) when they line up, else one item a line, a line ending in "/" continuing on the next."""
    from .lo_tables import table_stream  # here: lo_tables builds on this module

    rebuilt = table_stream([_squash(line) for line in text.split("\n")])
    if rebuilt is not None:
        return rebuilt
    items: list[list[str]] = []
    joining = False
    for line in text.split("\n"):
        if "\t" in line.strip() and vocab.is_label(line.split("\t", 1)[0]):
            items.extend([_squash(part)] for part in line.split("\t") if part.strip())
            joining = False
            continue
        cell = _squash(line)
        if joining and cell:
            items[-1].append(cell)
        else:
            items.append([cell])
        joining = bool(cell) and cell.endswith("/")
    return [_join(item) for item in items]


def _join(lines: list[str]) -> str:
    """A cell's lines joined with newlines, leading empty lines dropped ("\t" then text = that text)."""
    while len(lines) > 1 and not lines[0]:
        lines = lines[1:]
    return "\n".join(lines)


def text_stream(text: str) -> Stream:
    """The stream for cleaned text in whichever layout it is."""
    return word_tab_stream(text) if is_word_tab_layout(text) else libreoffice_stream(text)


def _squash(line: str) -> str:
    """Tabs become spaces, runs of spaces collapse, ends trimmed (newlines are kept by the callers)."""
    return " ".join(line.replace("\t", " ").split())
