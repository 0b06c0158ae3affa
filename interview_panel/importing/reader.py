"""Front door of the importing layer: a file path -> a checked :class:`RoleProfile`.

``import_profile(path)`` refuses, with one :class:`ProfileImportError` line naming the file, anything that
is missing, a directory, empty, too large, binary, an old .doc, a damaged or oversized .docx, a scanned or hostile PDF (see :mod:`.pdf_reader`), or text
in which no role profile is found (neither a post title nor any behaviour, criterion or
responsibility). Anything less than a full read imports with ``warnings`` (see ``read_warnings``). Limits keep every refusal fast.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..domain.errors import ProfileImportError
from ..domain.profile import RoleProfile, Source
from .cells import Stream, text_stream
from .decode import clean_text, decode_text
from .docx_reader import docx_stream
from .parser import parse_stream
from .pdf_reader import pdf_stream
from .safe_open import open_input

MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_DOCX_BYTES = 20 * 1024 * 1024
MAX_CELLS = 20_000  # real role profiles have a few hundred
MAX_LINES = 50_000

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def import_profile(path: str | os.PathLike[str]) -> RoleProfile:
    """Read the role profile in ``path`` (.txt in any supported layout/encoding, or .docx)."""
    p = Path(path)
    name = str(path)
    return profile_from_bytes(_read(p, name), name=name, file=p.name)


def profile_from_bytes(data: bytes, *, name: str, file: str) -> RoleProfile:
    """The role profile in a file's bytes; ``name`` is used in messages, ``file`` in ``source.file``.

    A .docx is recognised by its zip signature or a ``.docx`` file name; anything else is text.
    """
    source = Source(file=file, sha256=hashlib.sha256(data).hexdigest())
    if not data:
        raise ProfileImportError(f"{name}: is empty")
    if data.startswith(_ZIP_MAGIC) or file.lower().endswith(".docx"):
        if not data.startswith(_ZIP_MAGIC):
            raise ProfileImportError(f"{name}: is not a valid .docx file (not a zip archive)")
        if len(data) > MAX_DOCX_BYTES:
            raise ProfileImportError(
                f"{name}: is over {MAX_DOCX_BYTES // (1024 * 1024)} MB, too large for a role profile"
            )
        return profile_from_stream(docx_stream(data, name), source, name)
    if data.startswith(_OLE_MAGIC):
        raise ProfileImportError(f"{name}: is an old Word .doc file; save it as .docx or text and try again")
    if data.startswith(b"%PDF") or (file.lower().endswith(".pdf") and b"%PDF" in data[:1024]):
        return profile_from_stream(pdf_stream(data, name), source, name)
    if file.lower().endswith(".pdf"):
        raise ProfileImportError(f"{name}: is not a valid PDF file (no PDF header)")
    if len(data) > MAX_TEXT_BYTES:
        raise ProfileImportError(
            f"{name}: is over {MAX_TEXT_BYTES // (1024 * 1024)} MB, too large for a role profile text file"
        )
    return parse_text(decode_text(data, name), source, name)


def parse_text(text: str, source: Source | None = None, name: str = "text") -> RoleProfile:
    """The role profile in already-decoded text (Word tab layout or LibreOffice layout)."""
    lines = text.count("\n") + text.count("\r") // 2
    if lines > MAX_LINES:
        raise ProfileImportError(f"{name}: has {lines} lines, far more than a role profile (limit {MAX_LINES})")
    return profile_from_stream(text_stream(clean_text(text)), source, name)


def profile_from_stream(stream: Stream, source: Source | None, name: str) -> RoleProfile:
    """Parse a cell stream and refuse it when it holds no role profile (or far too many cells for one)."""
    cells = sum(1 for c in stream if c is not None)
    if cells > MAX_CELLS:
        raise ProfileImportError(
            f"{name}: has {cells} lines or cells, far more than a role profile (limit {MAX_CELLS})"
        )
    profile = parse_stream(stream, source)
    if not (profile.post_title or profile.behaviours or profile.criteria or profile.key_responsibilities):
        raise ProfileImportError(
            f"{name}: is not a role profile (no post title, behaviours, criteria or responsibilities found)"
        )
    return profile


def _read(p: Path, name: str) -> bytes:
    """The file's bytes: a FIFO, device, socket or folder is refused before any read (safe_open)."""
    data = open_input(p, MAX_DOCX_BYTES, what="role profile file", error=ProfileImportError, name=name)
    if not data:
        raise ProfileImportError(f"{name}: is empty")
    return data


def document_text(path: str | os.PathLike[str]) -> str:
    """The document's text as the importer reads it, for showing beside the parsed form: a text file as
    decoded and cleaned; a .docx or PDF as its cells in document order (a row's cells joined by tabs, one row
    or paragraph a line). Raises ProfileImportError like :func:`import_profile`."""
    p = Path(path)
    name = str(path)
    data = _read(p, name)
    if data.startswith(_ZIP_MAGIC):
        stream = docx_stream(data, name)
    elif data.startswith(b"%PDF") or (p.suffix.lower() == ".pdf" and b"%PDF" in data[:1024]):
        stream = pdf_stream(data, name)
    else:
        return clean_text(decode_text(data, name))
    lines: list[str] = []
    row: list[str] = []
    for item in stream:
        if item is None:
            if row:
                lines.append("\t".join(row))
            row = []
        else:
            row.append(item)
    if row:
        lines.append("\t".join(row))
    return "\n".join(lines)
