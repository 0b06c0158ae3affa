"""Retention of a campaign's personal data (issue 17): when it falls due, and whether it may be erased."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

DEFAULT_MONTHS = 6


def add_months(day: date, months: int) -> date:
    """``day`` moved on by whole calendar months (31 August + 6 months = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Retention:
    campaign_id: int
    until: date | None  # when the personal data falls due for erasure (None: no outcome yet, nothing set)
    set_by_chair: bool  # True: a date the chair set; False: ``months`` after the last outcome
    months: int
    last_outcome: date | None
    hold: bool
    purged_at: str | None

    def due(self, today: date) -> bool:
        return self.until is not None and today >= self.until

    def lines(self) -> list[str]:
        if self.until is None:
            when = f"not set: {self.months} month(s) after the last outcome, and no candidate has an outcome yet"
        elif self.set_by_chair:
            when = f"{self.until.isoformat()} (set for this campaign)"
        else:
            when = (
                f"{self.until.isoformat()} ({self.months} month(s) after the last outcome, "
                f"{self.last_outcome.isoformat() if self.last_outcome else '-'})"
            )
        out = [
            f"campaign {self.campaign_id}: personal data kept until {when}",
            "legal hold: " + ("ON (erasure is blocked)" if self.hold else "off"),
        ]
        if self.purged_at:
            out.append(f"personal data erased at {self.purged_at}")
        return out
