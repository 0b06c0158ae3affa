"""The PDF reading itself, run in a child process by :mod:`.pdf_reader` (``python -m ...pdf_worker``).

Reads the PDF's bytes from stdin and writes one JSON object to stdout: ``{"stream": [...]}`` (cells as
strings, row breaks as null) or ``{"error": "..."}`` (the sentence after "FILE: "). Limits its own memory
and CPU time first (where the platform allows), then checks the file before laying any page out.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import zlib
from typing import Any

from . import vocab
from .decode import clean_text

Line = dict[str, Any]  # a pdfplumber text line or char: text, x0, x1, top, bottom, ...
Block = list[Any]  # a page's paragraphs (list[str]) or a table's rows (list[list[str]])

MAX_PAGES = 60
MAX_OBJECTS = 100_000
MAX_STREAM_BYTES = 16 * 1024 * 1024
MAX_TOTAL_INFLATED = 64 * 1024 * 1024
_JS = re.compile(rb"/(?:JS|JavaScript)(?![A-Za-z0-9])")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$", re.IGNORECASE)


class Refused(Exception):
    pass


def _limit_resources() -> None:
    try:
        import resource
    except ImportError:  # Windows: the parent's timeout still applies
        return
    memory = int(os.environ.get("INTERVIEW_PANEL_PDF_MEMORY", str(1536 * 1024 * 1024)))
    for what, value in ((resource.RLIMIT_AS, memory), (resource.RLIMIT_CPU, 30)):
        try:
            _soft, hard = resource.getrlimit(what)
            if hard == resource.RLIM_INFINITY or value < hard:
                resource.setrlimit(what, (value, hard))
        except (ValueError, OSError):
            pass


def _inflated_size(raw: bytes, limit: int) -> int:
    """How many bytes a FlateDecode stream inflates to, stopping once past ``limit`` (never inflated whole)."""
    d = zlib.decompressobj()
    total = 0
    chunk = raw
    while chunk:
        out = d.decompress(chunk, 1024 * 1024)
        total += len(out)
        if _JS.search(out):
            raise Refused("contains JavaScript; a role profile never does, so it was not opened")
        if total > limit:
            return total
        chunk = d.unconsumed_tail
    return total


def _check(data: bytes) -> None:
    """Refuse hostile or unreadable PDFs before any page is laid out."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect, PDFXRefFallback
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

    if _JS.search(data):
        raise Refused("contains JavaScript; a role profile never does, so it was not opened")
    if re.search(rb"/Encrypt(?![A-Za-z0-9])", data):
        raise Refused("is encrypted; save an unprotected copy and import that")
    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise Refused("is encrypted; save an unprotected copy and import that") from None
    if doc.encryption:
        raise Refused("is encrypted; save an unprotected copy and import that")
    if any(isinstance(x, PDFXRefFallback) for x in doc.xrefs):
        raise Refused("is not a readable PDF (its cross-reference table is damaged); open it and save a new copy")
    objids = [objid for xref in doc.xrefs for objid in xref.get_objids()]
    if len(objids) > MAX_OBJECTS:
        raise Refused(f"has {len(objids)} objects, far more than a role profile")
    total = 0
    for objid in set(objids):
        try:
            obj = doc.getobj(objid)
        except Exception:
            continue
        if not isinstance(obj, PDFStream):
            continue
        filters = obj.get_filters()
        if any(f in LITERALS_FLATE_DECODE for f, _ in filters):
            size = _inflated_size(obj.rawdata or b"", MAX_STREAM_BYTES)
            total += size
            if size > MAX_STREAM_BYTES or total > MAX_TOTAL_INFLATED:
                raise Refused(
                    "holds a compressed stream that unpacks to far more than a role profile (a decompression bomb?)"
                )
        elif not filters and obj.rawdata and _JS.search(obj.rawdata):
            raise Refused("contains JavaScript; a role profile never does, so it was not opened")
    try:
        pages = resolve1(resolve1(doc.catalog.get("Pages")).get("Count"))
    except Exception:
        pages = None
    if isinstance(pages, int) and pages > MAX_PAGES:
        raise Refused(f"has {pages} pages, far more than a role profile (limit {MAX_PAGES})")


def _paragraphs(lines: list[Line]) -> list[str]:
    """Lines outside tables grouped into paragraphs by their spacing; bullets, numbers, headings and labels
    always start a new one."""
    out: list[list[str]] = []
    prev: Line | None = None
    left = min((ln["x0"] for ln in lines), default=0.0)
    right = max((ln["x1"] for ln in lines), default=0.0)
    short = right - 0.12 * max(1.0, right - left)  # a line ending before this ends its paragraph
    for line in lines:
        text = " ".join(clean_text(line["text"]).split())
        if not text or _PAGE_NUMBER.match(text):
            continue
        new = prev is None
        if prev is not None:
            height = max(1.0, prev["bottom"] - prev["top"])
            gap = line["top"] - prev["bottom"]
            prev_text = out[-1][-1]
            new = (
                gap > 0.45 * height
                or gap < -height
                or prev["x1"] < short
                or vocab.strip_bullet(text) is not None
                or bool(re.match(r"^\d{1,2}[.)]?\s", text))
                or vocab.heading_of(text) is not None
                or vocab.is_label(text)
                or vocab.heading_of(prev_text) is not None
                or vocab.is_label(prev_text)
                or (abs(line["x0"] - prev["x0"]) > 40 and line["x0"] > prev["x0"])
            )
        if new:
            out.append([text])
        else:
            out[-1].append(text)
        prev = line
    return [" ".join(p) for p in out]


def _bullet_fix(text: str) -> str:
    # LibreOffice draws Word's list bullets with a symbol font; they come out as "•" or a private-use glyph
    return re.sub(r"^[\u2022\u25cf\uf0b7\uf0a7\u00b7\u2023\u25aa]\s*", "\u00b7 ", text)


def _cells_of(raw: str | None) -> list[str]:
    lines = [" ".join(clean_text(ln).split()) for ln in (raw or "").split("\n")]
    lines = [_bullet_fix(ln) for ln in lines if ln]
    if not lines:
        return [""]
    # a PDF cannot tell a wrapped line from a new paragraph: only a bullet starts a new item
    items: list[list[str]] = []
    for ln in lines:
        if not items or vocab.strip_bullet(ln) is not None:
            items.append([ln])
        else:
            items[-1].append(ln)
    return ["\n".join(i) for i in items]


def _continues(before: list[list[str]], after: list[list[str]]) -> bool:
    """True when the table at the top of a page goes on from the one that ended the page before."""
    if not before or not after:
        return False
    return len(before[-1]) == len(after[0])


def _join_rows(before: list[list[str]], after: list[list[str]]) -> None:
    """Append the continued table's rows; its first row is the rest of the split row when every filled cell
    of it starts in lower case (a wrapped line), and is dropped when it repeats the table's heading row."""
    first = after[0]
    filled = [c.strip() for c in first if c.strip()]
    if filled and all(c[:1].islower() for c in filled):
        before[-1] = [(a + "\n" + b) if a and b else (a or b) for a, b in zip(before[-1], first)]
        after = after[1:]
    elif before and first == before[0]:
        after = after[1:]
    before.extend(after)


def extract(data: bytes) -> dict[str, Any]:
    """The JSON-ready result for a PDF's bytes (see the module docstring)."""
    try:
        _check(data)
        import pdfplumber

        stream: list[str | None] = []
        blocks: list[tuple[str, Block]] = []
        chars = 0
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                if number > MAX_PAGES:
                    raise Refused(f"has more than {MAX_PAGES} pages, far more than a role profile")
                tables = page.find_tables()
                boxes = [t.bbox for t in tables]

                def outside(obj: Line, boxes: list[tuple[float, float, float, float]] = boxes) -> bool:
                    if obj.get("object_type") != "char":
                        return True
                    x = (obj["x0"] + obj["x1"]) / 2
                    y = (obj["top"] + obj["bottom"]) / 2
                    return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

                page_blocks: list[tuple[float, str, Block]] = []
                lines = page.filter(outside).extract_text_lines(strip=True, return_chars=False)
                chars += sum(len(ln["text"].strip()) for ln in lines)
                # paragraphs keep their position so tables slot in between them
                para_lines: list[list[Line]] = [[]]
                for ln in lines:
                    if para_lines[-1] and any(para_lines[-1][-1]["bottom"] <= b[1] <= ln["top"] for b in boxes):
                        para_lines.append([])
                    para_lines[-1].append(ln)
                for group in para_lines:
                    paras = _paragraphs(group) if group else []
                    if paras:
                        page_blocks.append((group[0]["top"], "para", [_bullet_fix(x) for x in paras]))
                for table in tables:
                    rows = [[c or "" for c in row if c is not None] for row in table.extract()]
                    chars += sum(len(c.strip()) for row in rows for c in row)
                    page_blocks.append((table.bbox[1], "table", rows))
                page_blocks.sort(key=lambda b: b[0])
                for n, (_, kind, content) in enumerate(page_blocks):
                    if (
                        n == 0
                        and kind == "table"
                        and blocks
                        and blocks[-1][0] == "table"
                        and _continues(blocks[-1][1], content)
                    ):
                        _join_rows(blocks[-1][1], content)  # a table row that Word split across the page break
                    else:
                        blocks.append((kind, content))
                page.flush_cache()
        for kind, content in blocks:
            if kind == "para":
                for para in content:
                    stream += [para, None]
            else:
                for row in content:
                    for c in row:
                        stream += _cells_of(c)
                    stream.append(None)
        if chars == 0:
            raise Refused("has no text to read (a scanned image?); import the Word document or a text export instead")
        return {"stream": stream}
    except Refused as exc:
        return {"error": str(exc)}
    except MemoryError:
        return {"error": "needs too much memory to read, so it was stopped (a damaged or hostile PDF?)"}
    except RecursionError:
        return {"error": "is not a readable PDF (its structure nests too deeply)"}
    except Exception as exc:
        return {"error": f"is not a readable PDF (damaged or not a PDF: {exc.__class__.__name__})"}


def main() -> None:
    _limit_resources()
    # a windowed (no-console) frozen app has no sys.stdin/stdout objects, but the pipes are there
    source = sys.stdin.buffer if sys.stdin is not None else os.fdopen(0, "rb")
    data = source.read()
    result = json.dumps(extract(data)).encode("utf-8")
    if sys.stdout is not None:
        sys.stdout.buffer.write(result)
        sys.stdout.flush()
    else:
        with os.fdopen(1, "wb") as out:
            out.write(result)


if __name__ == "__main__":
    main()
