"""Times stored in UTC are shown in the laptop's local time."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from interview_panel.ui.times import fmt_when


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_summer_utc_time_is_shown_in_british_summer_time(london) -> None:  # type: ignore[no-untyped-def]
    assert fmt_when(datetime(2026, 6, 1, 12, 0, tzinfo=UTC)) == "Mon 01 Jun 2026 13:00"
    assert fmt_when(datetime(2026, 1, 5, 12, 0, tzinfo=UTC)) == "Mon 05 Jan 2026 12:00"
    assert fmt_when(None) == ""
