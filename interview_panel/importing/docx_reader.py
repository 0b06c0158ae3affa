"""``.docx`` -> cell stream, with the zip checked before python-docx is allowed near it.

The body is read in document order (paragraphs and tables interleaved, by walking the body XML), each
table row giving its cells once (a cell spanning several grid columns is one ``w:tc``; a vertically merged
continuation cell is read as empty), then a row break. List paragraphs (Word bullets, which carry no
bullet character in the XML) get a "·" bullet, as Word's text export writes them, so .docx and .txt give the
same profile.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..domain.errors import ProfileImportError
from .cells import ROW, Stream, split_cell_lines
from .decode import clean_text
from .vocab import is_method_cell

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

QName = Callable[[str], str]  # python-docx's qn: "w:p" -> the element's Clark name (imported late, with docx)

MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_STREAM = 40_000  # stream items (cells and row breaks); real role profiles have a few hundred
MAX_BODY_XML = 5 * 1024 * 1024  # word/document.xml alone (pictures live elsewhere)


def check_zip(data: bytes, name: str) -> None:
    """Refuse what is not a sound, reasonably sized Word zip, from the zip directory alone."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise ProfileImportError(
            f"{name}: is not a valid .docx file (damaged, truncated or not a zip archive)"
        ) from None
    if len(infos) > MAX_ENTRIES:
        raise ProfileImportError(f"{name}: has {len(infos)} parts, too many for a Word document")
    total = sum(max(0, i.file_size) for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise ProfileImportError(
            f"{name}: would unpack to {total // (1024 * 1024)} MB, over the "
            f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB limit for a role profile"
        )
    body = next((i for i in infos if i.filename == "word/document.xml"), None)
    if body is not None and body.file_size > MAX_BODY_XML:
        raise ProfileImportError(
            f"{name}: its text part unpacks to {body.file_size // (1024 * 1024)} MB, over the "
            f"{MAX_BODY_XML // (1024 * 1024)} MB limit for a role profile"
        )
    names = {i.filename for i in infos}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise ProfileImportError(f"{name}: is a zip archive but not a Word .docx document")


def docx_stream(data: bytes, name: str) -> Stream:
    """The cell stream of a .docx file's body. Raises ProfileImportError for anything unreadable."""
    check_zip(data, name)
    try:
        import docx  # python-docx
        from docx.oxml.ns import qn

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        out: Stream = []
        _walk(body, out, qn, name)
    except ProfileImportError:
        raise
    except Exception as exc:
        raise ProfileImportError(f"{name}: is not a readable Word document ({exc.__class__.__name__})") from None
    return out


def _walk(parent: BaseOxmlElement, out: Stream, qn: QName, name: str) -> None:
    for child in parent.iterchildren():
        if len(out) > MAX_STREAM:
            raise ProfileImportError(
                f"{name}: has far more paragraphs and cells than a role profile (limit {MAX_STREAM // 2})"
            )
        tag = child.tag
        if tag == qn("w:p"):
            text = _paragraph_text(child, qn)
            for line in text.split("\n"):  # a manual line break is a new line in Word's text export
                if line.strip():
                    out.append(" ".join(line.split()))
                    out.append(ROW)
        elif tag == qn("w:tbl"):
            above: dict[int, str] = {}  # grid column -> text of the cell a vertical merge starts from
            for tr in child.iterchildren(qn("w:tr")):
                if len(out) > MAX_STREAM:
                    raise ProfileImportError(
                        f"{name}: has far more paragraphs and cells than a role profile (limit {MAX_STREAM // 2})"
                    )
                cells = _row_cells(tr, qn, above)
                out.extend(cells)
                out.append(ROW)
        elif tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _walk(content, out, qn, name)


def _row_cells(tr: BaseOxmlElement, qn: QName, above: dict[int, str]) -> list[str]:
    """The row's cells once each; a cell of several paragraphs is split like Word's text export.

    A cell continuing a vertical merge repeats the merged cell when that is a method cell ("Application
    Form / Interview" spanning two rows applies to both); otherwise it reads as an empty cell.
    """
    cells: list[str] = []
    col = 0
    for tc in tr.iter(qn("w:tc")):
        if tc.getparent() is not tr and tc.getparent().tag != qn("w:sdtContent"):
            continue  # cells of nested tables are read as part of their outer cell
        tcpr = tc.find(qn("w:tcPr"))
        span_el = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
        try:
            span = max(1, int(span_el.get(qn("w:val")))) if span_el is not None else 1
        except (TypeError, ValueError):
            span = 1
        vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
        here, col = col, col + span
        if vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue"):
            top = above.get(here, "")
            cells.append(top if is_method_cell(top) else "")
            continue
        lines = [_paragraph_text(p, qn) for p in tc.iter(qn("w:p"))]
        lines = [part for line in lines for part in line.split("\n") if part.strip()]
        parts = split_cell_lines(lines) if lines else [""]
        cells.extend(parts)
        above[here] = "\n".join(parts)
    return cells


def _paragraph_text(p: BaseOxmlElement, qn: QName) -> str:
    text = clean_text(p.text)  # a w:p element (CT_P): the text python-docx's Paragraph.text gives
    ppr = p.find(qn("w:pPr"))
    is_list = False
    if ppr is not None:
        style = ppr.find(qn("w:pStyle"))
        is_list = ppr.find(qn("w:numPr")) is not None or (
            style is not None and (style.get(qn("w:val")) or "").lower().startswith("listbullet")
        )
    if is_list and text.strip():
        return "\u00b7 " + text.strip()
    return text
