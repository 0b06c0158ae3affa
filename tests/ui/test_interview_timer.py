"""The interview timer on its own: start and pause, amber at 80 % of the slot, red once over, a stored
timer shown without a signal, and what the user did reported for the page to keep."""

from __future__ import annotations

from PySide6.QtCore import Qt

from interview_panel.ui.widgets.interview_timer import DEFAULT_SLOT_MINUTES, InterviewTimer


def make(qtbot) -> tuple[InterviewTimer, list[str]]:  # type: ignore[no-untyped-def]
    timer = InterviewTimer()
    qtbot.addWidget(timer)
    timer.show()
    said: list[str] = []
    timer.changed.connect(said.append)
    return timer, said


def test_start_pause_and_reset_are_reported_and_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    timer, said = make(qtbot)
    assert timer.slot.value() == DEFAULT_SLOT_MINUTES and timer.label.text() == "00:00 / 45:00"
    assert timer.start_button.text() == "Start" and not timer.running
    qtbot.mouseClick(timer.start_button, Qt.MouseButton.LeftButton)
    assert timer.running and timer.start_button.text() == "Pause" and said == ["start"]
    qtbot.waitUntil(lambda: timer.label.text().startswith("00:01"), timeout=5000)  # it counts on its own
    assert timer.elapsed_ms() >= 1000
    qtbot.mouseClick(timer.start_button, Qt.MouseButton.LeftButton)
    used = timer.elapsed_ms()
    assert not timer.running and timer.start_button.text() == "Start" and said == ["start", "stop"]
    qtbot.wait(300)
    assert timer.elapsed_ms() == used  # paused: the time used is kept, not counting
    qtbot.mouseClick(timer.reset_button, Qt.MouseButton.LeftButton)
    assert timer.elapsed_ms() == 0 and timer.label.text().startswith("00:00") and said[-1] == "reset"


def test_amber_from_80_percent_of_the_slot_and_red_once_over(qtbot) -> None:  # type: ignore[no-untyped-def]
    timer, _said = make(qtbot)
    timer.slot.setValue(30)
    timer.set_elapsed_ms(23 * 60_000)  # under 80 % of 30 minutes
    assert timer.state() == "normal" and "background" not in timer.label.styleSheet()
    timer.set_elapsed_ms(24 * 60_000)
    assert timer.state() == "amber" and "ffbf00" in timer.label.styleSheet()
    assert timer.label.text() == "24:00 / 30:00"
    timer.slot.setValue(60)  # a longer slot: back to normal at once
    assert timer.state() == "normal" and "ffbf00" not in timer.label.styleSheet()
    timer.set_elapsed_ms(61 * 60_000)
    assert timer.state() == "red" and "c62828" in timer.label.styleSheet() and timer.label.text() == "61:00 / 60:00"


def test_a_stored_timer_is_shown_without_being_reported(qtbot) -> None:  # type: ignore[no-untyped-def]
    timer, said = make(qtbot)
    timer.load(12 * 60_000 + 5_000, True)
    assert timer.running and timer.label.text().startswith("12:05") and said == []
    timer.stop()  # the page stops it after a submit: no signal, the time used is kept
    assert not timer.running and timer.elapsed_ms() >= 12 * 60_000 + 5_000 and said == []
    timer.load(-5, False)  # nonsense from storage is shown as nothing used
    assert timer.elapsed_ms() == 0 and not timer.running
