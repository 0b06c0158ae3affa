"""Helpers for the importing tests (imported by the test modules beside it).

They turn a Word tab-layout text into the other layouts independently of the importer.

The converters here deliberately do not use the importer: they read Word's layout with their own simple
rules (tab line = cell, untabbed line right after a cell = more of that cell, blank line = end of row) and
write LibreOffice's one-cell-per-line text or a real .docx made with python-docx.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

BULLETS = ("\u00b7", "\u2022")


def _blocks(word_text: str) -> list[tuple[str, list]]:
    """[("para", [text]) | ("row", [[cell lines], ...])] from Word's tab layout."""
    blocks: list[tuple[str, list]] = []
    row: list[list[str]] | None = None
    prev = "blank"
    for line in word_text.replace("\r\n", "\n").split("\n"):
        if line.startswith("\t"):
            if row is None:
                row = []
                blocks.append(("row", row))
            row.append([line.strip()])
            prev = "cell"
        elif not line.strip():
            row = None
            prev = "blank"
        elif prev == "cell" and row is not None and not line.startswith(" "):
            row[-1].append(line.strip())
        else:
            row = None
            blocks.append(("para", [line.strip()]))
            prev = "para"
    return blocks


def word_to_libreoffice(word_text: str) -> str:
    """One cell per line (a cell's lines each on their own line), empty cells as empty lines, CRLF."""
    out: list[str] = []
    for kind, content in _blocks(word_text):
        if kind == "para":
            text = content[0]
            if text.startswith(BULLETS):
                text = "\u2022 " + text[1:].strip()  # LibreOffice writes a different bullet
            out += [text, ""]
        else:
            for cell in content:
                lines = [ln for ln in cell if ln] or [""]
                out += lines
    return "\r\n".join(out) + "\r\n"


def word_to_libreoffice_export(word_text: str) -> str:
    """What LibreOffice itself writes: one cell or paragraph a line, no blank line after a paragraph, one
    blank line after each table (a run of rows), LF line ends."""
    out: list[str] = []
    in_table = False
    for kind, content in _blocks(word_text):
        if kind == "para":
            if in_table:
                out.append("")
            in_table = False
            text = content[0]
            out.append("\u2022 " + text[1:].strip() if text.startswith(BULLETS) else text)
        else:
            in_table = True
            for cell in content:
                out += [ln for ln in cell if ln] or [""]
    if in_table:
        out.append("")
    return "\n".join(out) + "\n"


def word_to_docx(word_text: str) -> bytes:
    """A .docx: consecutive rows form one table (short rows merge their last cell across), paragraphs
    between tables, "·" paragraphs as Word List Bullet items, a cell's extra lines as extra paragraphs."""
    import docx

    document = docx.Document()
    groups: list[tuple[str, list]] = []
    for kind, content in _blocks(word_text):
        if kind == "row" and groups and groups[-1][0] == "table":
            groups[-1][1].append(content)
        elif kind == "row":
            groups.append(("table", [content]))
        else:
            groups.append(("para", content))
    for kind, content in groups:
        if kind == "para":
            text = content[0]
            if text.startswith(BULLETS):
                document.add_paragraph(text[1:].strip(), style="List Bullet")
            else:
                document.add_paragraph(text)
            continue
        cols = max(len(r) for r in content)
        table = document.add_table(rows=len(content), cols=cols)
        for r, row in enumerate(content):
            cells = table.rows[r].cells
            if len(row) < cols:
                cells[len(row) - 1].merge(cells[cols - 1])
            for c, lines in enumerate(row):
                lines = [ln for ln in lines if ln] or [""]
                cell = table.cell(r, c)
                cell.paragraphs[0].text = lines[0]
                for extra in lines[1:]:
                    cell.add_paragraph(extra)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def without_source(data: dict) -> str:
    """The profile JSON apart from ``source``, as canonical text for equality checks."""
    data = dict(data)
    data.pop("source", None)
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)


def write(tmp_path: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path
