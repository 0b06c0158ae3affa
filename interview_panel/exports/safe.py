"""Text that no spreadsheet will run: the one place that decides how free text reaches a cell.

The rule (OWASP "CSV injection"; DOMAIN.md "Spreadsheet exports"):

* A text value that starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line feed could be
  taken as a formula by Excel or LibreOffice. :func:`neutralise` puts one apostrophe (``'``) in front of it.
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
from datetime import datetime

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
QUOTE = "'"
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Texts openpyxl would otherwise write as error cells.
ERROR_TEXTS = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))


def is_dangerous(text: str) -> bool:
    """True when a spreadsheet could evaluate ``text`` as a formula (it starts with a trigger character)."""
    return text.startswith(TRIGGERS)


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
    if text.startswith(TRIGGERS):
        return QUOTE + text
    return text


def restore(text: str | None) -> str | None:
    """The original text of a value written by :func:`neutralise` (drops the apostrophe it added)."""
    if text is not None and text.startswith(QUOTE) and text[1:].startswith(TRIGGERS):
        return text[1:]
    return text


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

