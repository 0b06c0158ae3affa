"""Bytes -> clean text: the encodings a Windows machine produces, and the clean-up every reader shares.

``decode_text(data, name)`` accepts UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or without one
when the NUL pattern makes it unmistakable) and Windows-1252 (the fallback when UTF-8 fails). Text that
is not plausibly a document (NULs, many control characters) raises :class:`ProfileImportError`.

``clean_text(text)`` is applied to text from every source (.txt and .docx alike) so that both give the
same result: line ends to LF, NBSP and friends to spaces, non-breaking hyphens to "-", curly quotes to
straight ones, invisible characters dropped, Word artefacts such as ``[bookmark: _GoBack]`` removed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..domain.errors import InterviewPanelError, ProfileImportError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_TRANSLATE = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u3000": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u200e": None,
        "\u200f": None,
        "\uf0b7": "\u00b7",
        "\uf0a7": "\u00b7",
        "\uf0d8": "\u00b7",
        "\uf076": "\u00b7",
        "\uf0fc": "\u00b7",
        "\u000b": "\n",
        "\u000c": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u0085": "\n",
    }
)

_WORD_ARTEFACTS = re.compile(r"\[(?:bookmark|BOOKMARK):[^\]\n]*\]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffd\ud800-\udfff]")


def _utf16_without_bom(data: bytes) -> str | None:
    """'le'/'be' when the bytes look like BOM-less UTF-16 of mostly-ASCII text, else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return None


def decode_text(
    data: bytes, name: str, *, kind: str | None = None, error: type[InterviewPanelError] = ProfileImportError
) -> str:
    """Decode file bytes to text (not yet cleaned). Raises ``error`` naming ``name``.

    ``kind`` ("text CSV file") replaces "role profile" / "text or Word document" in the messages.
    """
    text: str | None = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(enc)
            except UnicodeDecodeError:
                raise error(
                    f"{name}: starts with a {enc.upper()} byte-order mark but is not valid {enc.upper()} text"
                ) from None
            break
    if text is None:
        enc16 = _utf16_without_bom(data) if b"\x00" in data else None
        if enc16:
            try:
                text = data.decode(enc16)
            except UnicodeDecodeError:
                text = None
        if text is None:
            if b"\x00" in data:
                raise error(f"{name}: is binary data, not a {kind or 'text or Word document'}")
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = data.decode("cp1252")
                except UnicodeDecodeError:
                    raise error(f"{name}: is not readable text (neither UTF-8, UTF-16 nor Windows-1252)") from None
    _check_plausible(text, name, kind, error)
    return text


def _check_plausible(
    text: str, name: str, kind: str | None = None, error: type[InterviewPanelError] = ProfileImportError
) -> None:
    """Refuse decoded text that is mostly binary noise (control characters, NULs, replacement chars)."""
    if not text.strip():
        raise error(f"{name}: contains no text")
    bad = len(_BAD_CHARS.findall(text))
    if bad > max(3, len(text) // 200):
        raise error(f"{name}: is binary data or garbled text, not a {kind or 'role profile'}")


def clean_text(text: str) -> str:
    """Normalise line ends, spaces, hyphens, quotes; drop invisible characters and Word artefacts."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = _WORD_ARTEFACTS.sub("", text)
    # any remaining C0/C1 controls except tab and newline are noise
    return _CONTROLS.sub("", text)
