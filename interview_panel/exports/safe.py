"""Text that no spreadsheet will run: the one place that decides how free text reaches a cell.

The rule (OWASP "CSV injection"; DOMAIN.md "Spreadsheet exports"):

* A text value that starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line feed could be
  taken as a formula by Excel or LibreOffice. So could one that starts with a look-alike of those four
  (fullwidth ``＝＋－＠``, the minus sign U+2212, small and super/subscript forms, dashes: anything that
  NFKC-normalises to a trigger, plus the dashes that do not), or with any run of whitespace or invisible
  characters (space, NBSP, zero-width space/joiner, BOM, bidi marks, other controls and format characters)
  before a trigger or look-alike: programs trim or normalise such text on import or re-save.
  :func:`neutralise` puts one apostrophe (``'``) in front of any of these.
  The apostrophe is kept *visibly* in the value on purpose: the same text is then inert in the workbook, in
  the CSV file, and in whatever HR copies it into or re-saves it as (a CSV re-saved from Excel keeps it).
  :func:`restore` undoes exactly that change, for anyone reading the files back.
* In the workbook every text cell is also written as a string cell (``data_type = "s"``), never a formula
  or an error cell; numbers (scores, totals, ranks) are written as numbers, so a genuine negative number is
  a number and never gets an apostrophe.
* Characters that XML (and so the .xlsx format) cannot hold (C0 controls other than tab, CR and LF) are
  replaced with U+FFFD so that one odd byte in a pasted note cannot make an export fail.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import overload

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
_FORMULA_START = frozenset("=+-@")
# Look-alikes of + and - that NFKC leaves alone: the minus sign, heavy plus/minus, dashes, modifier minus.
_LOOKALIKES = frozenset("\u2212\u2795\u2796\u2010\u2011\u2012\u2013\u2014\u2015\ufe58\u02d7\u2e3a\u2e3b")
# Characters that show as nothing (or as blank) although their category is a letter.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_INVISIBLE_CATEGORIES = frozenset(("Cc", "Cf", "Zs", "Zl", "Zp", "Cn", "Co"))
QUOTE = "'"
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Texts openpyxl would otherwise write as error cells.
ERROR_TEXTS = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))


def _is_trigger(ch: str) -> bool:
    return ch in _FORMULA_START or ch in _LOOKALIKES or unicodedata.normalize("NFKC", ch)[:1] in _FORMULA_START


def _is_invisible(ch: str) -> bool:
    return ch.isspace() or ch in _BLANK_LETTERS or unicodedata.category(ch) in _INVISIBLE_CATEGORIES


def is_dangerous(text: str) -> bool:
    """True when a spreadsheet could evaluate ``text`` as a formula: it starts with a trigger character,
    a look-alike of one, or whitespace/invisible characters followed by either."""
    first = text[:1]
    if "!" <= first <= "~" and first not in _FORMULA_START:
        return False  # the usual case, decided at once: a printable ASCII character that starts no formula
    if text.startswith(TRIGGERS):
        return True
    for ch in text:
        if _is_trigger(ch):
            return True
        if not _is_invisible(ch):
            return False
    return False


def neutralise(value: object) -> str | None:
    """Free text as it may be written to a cell: ``None`` stays ``None`` (an empty cell).

    Illegal control characters become U+FFFD; a value starting with a trigger character gets a leading
    apostrophe. Anything else comes back unchanged.
    """
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("\ufffd", text)
    if is_dangerous(text):
        return QUOTE + text
    return text


def restore(text: str | None) -> str | None:
    """The original text of a value written by :func:`neutralise` (drops the apostrophe it added)."""
    if text is not None and text.startswith(QUOTE) and is_dangerous(text[1:]):
        return text[1:]
    return text


@overload
def naive_local(value: datetime) -> datetime: ...
@overload
def naive_local(value: None) -> None: ...
@overload
def naive_local(value: datetime | None) -> datetime | None: ...


def naive_local(value: datetime | None) -> datetime | None:
    """A datetime a spreadsheet can hold: aware values are converted to local time and made naive.

    Spreadsheets have no time zones; HR reads times as wall-clock times where the export was made.
    Naive values are taken to be local already and are returned unchanged. Microseconds are dropped.
    """
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.replace(microsecond=0)
