"""Interview slots as people type them, each mistake given its real reason.

Accepted: a spreadsheet date-time cell; ISO ``2026-03-02T09:30`` or ``2026-03-02 09:30`` (seconds and a UTC
offset such as ``+01:00`` or ``Z`` allowed); day-first UK ``02/03/2026 09:30`` (``-`` or ``.`` between the
parts, a two-digit year, ``9:30am``); and a date and a time from two columns. The result is
:func:`~interview_panel.domain.identity.canonical_slot`: naive local time, to the minute.

A value that looks like a date but is not one says why: "31/11/2026: November has 30 days",
"2026-02-29: 2026 is not a leap year", "25:00 is not a time of day".
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, time, timedelta, timezone

from ..domain.identity import canonical_slot

_TIME = r"(?P<hh>\d{1,2})[:.](?P<mm>\d{2})(?::(?P<ss>\d{2})(?:[.,]\d+)?)?\s*(?P<ampm>[ap]\.?m\.?)?"
_ZONE = r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?"
_ISO_DATE = r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
_UK_DATE = r"(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
_ISO = re.compile(rf"{_ISO_DATE}(?:(?:[T ]|,\s*|\s+)(?P<time>{_TIME}){_ZONE})?", re.I)
_UK = re.compile(rf"{_UK_DATE}(?:(?:[T ]|,\s*|\s+)(?P<time>{_TIME}){_ZONE})?", re.I)
_TIME_ONLY = re.compile(rf"(?P<time>{_TIME})", re.I)

EXAMPLE = "use 2026-03-02 09:30 or 02/03/2026 09:30"


class SlotError(ValueError):
    """A slot value that is not a date and time; the message is the reason, naming the value."""


def _date(m: re.Match[str], as_written: str) -> date:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if len(m["y"]) == 2:
        y += 2000
    if not 1 <= mo <= 12:
        hint = f"; dates are day first ({mo:02d}/{d:02d}/{y})" if "sep" in m.re.groupindex and 1 <= d <= 12 else ""
        raise SlotError(f"{as_written}: there is no month {mo}{hint}")
    days = calendar.monthrange(y, mo)[1]
    if d < 1:
        raise SlotError(f"{as_written}: there is no day 0")
    if d > days:
        if mo == 2 and d == 29:
            raise SlotError(f"{as_written}: {y} is not a leap year")
        raise SlotError(f"{as_written}: {calendar.month_name[mo]} has {days} days")
    return date(y, mo, d)


def _time(m: re.Match[str]) -> time:
    text = m["time"].strip()
    hh, mm, ss = int(m["hh"]), int(m["mm"]), int(m["ss"] or 0)
    ampm = (m["ampm"] or "").replace(".", "").lower()
    if ampm:
        if not 1 <= hh <= 12:
            raise SlotError(f"{text} is not a time of day ({hh} o'clock with am/pm)")
        hh = hh % 12 + (12 if ampm == "pm" else 0)
    if hh > 23 or mm > 59 or ss > 59:
        raise SlotError(f"{text} is not a time of day")
    return time(hh, mm, ss)


def _zone(text: str | None) -> timezone | None:
    if not text:
        return None
    t = text.upper()
    if t in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if t[0] == "-" else 1
    digits = t[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        raise SlotError(f"{text} is not a UTC offset")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_date(value: object) -> date | None:
    """A date alone (from a Date column): a date cell, ISO or day-first UK text. Blank gives None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = " ".join(str(value).split())
    if not text:
        return None
    for pattern in (_ISO, _UK):
        m = pattern.fullmatch(text)
        if m and not m["time"]:
            return _date(m, text)
    raise SlotError(f"{text!r} is not a date (use 02/03/2026 or 2026-03-02)")


def parse_time(value: object) -> time | None:
    """A time of day alone (from a Time column): a time cell, a fraction of a day, or "09:30"."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, time):
        return value.replace(microsecond=0)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 0 <= value < 1:
            raise SlotError(f"{value} is not a time of day")
        seconds = round(value * 86400)
        return time(seconds // 3600, seconds // 60 % 60)
    text = " ".join(str(value).split())
    if not text:
        return None
    m = _TIME_ONLY.fullmatch(text)
    if m is None:
        raise SlotError(f"{text!r} is not a time of day (use 09:30)")
    return _time(m)


def parse_slot(value: object) -> datetime | None:
    """An interview slot: a date-time cell or text (see the module). Blank gives None; else SlotError."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return canonical_slot(value)
    if isinstance(value, date):
        raise SlotError(f"{value.isoformat()} has no time of day")
    text = " ".join(str(value).split())
    if not text:
        return None
    for pattern in (_ISO, _UK):
        m = pattern.fullmatch(text)
        if m is None:
            continue
        date_text = text[: m.end("y") if pattern is _UK else m.end("d")]
        day = _date(m, date_text)
        if not m["time"]:
            raise SlotError(f"{text} has no time of day ({EXAMPLE})")
        return canonical_slot(datetime.combine(day, _time(m), tzinfo=_zone(m["tz"])))
    if _TIME_ONLY.fullmatch(text):
        raise SlotError(f"{text} has no date ({EXAMPLE})")
    raise SlotError(f"{text!r} is not a date and time ({EXAMPLE})")


def combine_slot(day: object, at: object) -> datetime | None:
    """A slot from a Date column and a Time column; both blank gives None."""
    d, t = parse_date(day), parse_time(at)
    if d is None and t is None:
        return None
    if d is None:
        raise SlotError(f"{t:%H:%M} has no date (the date column is empty)")
    if t is None:
        raise SlotError(f"{d:%d/%m/%Y} has no time of day (the time column is empty)")
    return canonical_slot(datetime.combine(d, t))
