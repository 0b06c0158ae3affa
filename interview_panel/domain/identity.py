"""When two references, or two names, are the same: the rule every import, add and lookup shares.

People type references and names with invisible differences: "A1" and "a1", a fullwidth "Ａ1" pasted from
a web form, "A1" followed by a zero-width space, "José" with its accent composed (NFC) or combining (NFD).
Those are one person, so they are compared by :func:`match_key`: NFKC normalised, zero-width characters
removed, case folded and spaces collapsed. What is *stored* is :func:`tidy_text`: the text as typed, in
NFC, without invisible or control characters and with runs of spaces made one.

Interview slots are stored as :func:`canonical_slot` gives them: naive local wall-clock time (the time
in the room where the interview happens), to the minute. A slot given with a UTC offset is converted to
the local time of the machine that reads it, so every stored slot has one form and text order is time
order.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

MAX_NAME = 200  # characters in a candidate's or panel member's name (printed on sheets and the record)
MAX_REFERENCE = 100  # characters in a candidate reference

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_DROP = dict.fromkeys(map(ord, ZERO_WIDTH + "\u00ad\u200e\u200f"), None)
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def tidy_text(text: object) -> str:
    """The stored form of a name or reference: NFC, invisible and control characters dropped, spaces collapsed."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text)).translate(_DROP)
    return " ".join(_CONTROLS.sub(" ", value).split())


def match_key(text: object) -> str:
    """The form two references (or two names) are compared in: equal keys mean the same person."""
    value = unicodedata.normalize("NFKC", tidy_text(text))
    value = unicodedata.normalize("NFKC", value.casefold()).translate(_DROP)
    return " ".join(value.split())


def name_problem(name: str, what: str = "name") -> str | None:
    """Why ``name`` (already tidied) cannot be a person's name, or None."""
    if not name:
        return f"the {what} is empty"
    if len(name) > MAX_NAME:
        return f"the {what} is {len(name):,} characters long (at most {MAX_NAME})"
    return None


def reference_problem(reference: str) -> str | None:
    """Why ``reference`` (already tidied) cannot be a candidate reference, or None."""
    if not reference:
        return "the reference is empty"
    if len(reference) > MAX_REFERENCE:
        return f"the reference is {len(reference):,} characters long (at most {MAX_REFERENCE})"
    return None


def canonical_slot(slot: datetime | None) -> datetime | None:
    """A slot as stored: naive local time to the minute (an aware value is converted to local time first)."""
    if slot is None:
        return None
    if slot.tzinfo is not None:
        slot = slot.astimezone().replace(tzinfo=None)
    return slot.replace(second=0, microsecond=0)
