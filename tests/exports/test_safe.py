"""exports.safe: the rule that keeps free text from being run by a spreadsheet."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from interview_panel.exports.safe import is_dangerous, naive_local, neutralise, restore

PAYLOADS = [
    '=HYPERLINK("http://x","click")',
    "+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_get_a_visible_apostrophe_and_restore_exactly(payload: str) -> None:
    safe = neutralise(payload)
    assert safe == "'" + payload
    assert not is_dangerous(safe)
    assert restore(safe) == payload


@pytest.mark.parametrize("text", ["Łukasz Żółć-Nguyễn", "O'Brien", "'quoted", "A=B", "", "3 + 4"])
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert neutralise(text) == text
    assert restore(text) == text


def test_none_stays_empty_and_control_characters_are_replaced() -> None:
    assert neutralise(None) is None
    assert neutralise("Jo\x01hn\x00") == "Jo\ufffdhn\ufffd"
    assert neutralise("line one\nline two") == "line one\nline two"  # inner breaks are fine


def test_aware_times_become_naive_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    try:
        summer = datetime(2026, 7, 1, 9, 30, 15, 123456, tzinfo=UTC)
        assert naive_local(summer) == datetime(2026, 7, 1, 10, 30, 15)  # BST is UTC+1
        assert naive_local(datetime(2026, 1, 5, 9, 0)) == datetime(2026, 1, 5, 9, 0)  # naive: kept
        assert naive_local(None) is None
    finally:
        monkeypatch.undo()
        time.tzset()
