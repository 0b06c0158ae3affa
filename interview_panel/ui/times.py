"""Stored times (UTC) shown in the laptop's local time."""

from __future__ import annotations

from datetime import datetime


def local(when: datetime) -> datetime:
    """A stored (UTC) time in the laptop's local time, for display."""
    return when.astimezone() if when.tzinfo is not None else when


def fmt_when(value: datetime | None) -> str:
    return local(value).strftime("%a %d %b %Y %H:%M") if isinstance(value, datetime) else ""
