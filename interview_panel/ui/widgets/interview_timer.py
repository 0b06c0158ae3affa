"""The interview timer: time used against the slot length, amber from 80 % of the slot, red once over.

The timer only shows and counts; the scoring page keeps it in the database for the member and candidate
shown (``changed`` says what the user did), and :meth:`InterviewTimer.load` shows a stored one.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from ..context import tr

DEFAULT_SLOT_MINUTES = 45


class InterviewTimer(QWidget):
    """Elapsed interview time against the slot length; amber from 80 % of the slot, red once over.

    ``changed`` says what the user did ("start", "stop", "reset") so the page can keep it in the database
    for the member and candidate shown; :meth:`load` shows a stored timer without emitting anything.
    """

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._elapsed_before = 0  # ms accumulated before the current run
        self._clock = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._refresh)
        self.label = QLabel(self)
        self.label.setObjectName("timerLabel")
        self.label.setAccessibleName(tr("Interview time"))
        self.label.setMinimumWidth(120)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.slot = QSpinBox(self)
        self.slot.setObjectName("slotMinutes")
        self.slot.setRange(5, 240)
        self.slot.setValue(DEFAULT_SLOT_MINUTES)
        self.slot.setSuffix(tr(" min"))
        self.slot.setAccessibleName(tr("Slot length in minutes"))
        self.slot.setToolTip(tr("Length of the interview slot"))
        self.slot.valueChanged.connect(self._refresh)
        self.start_button = QPushButton(tr("Start"), self)
        self.start_button.setObjectName("timerStart")
        self.start_button.setToolTip(tr("Start or pause the interview timer (Ctrl+T)"))
        self.start_button.clicked.connect(self.toggle)
        self.reset_button = QPushButton(tr("Reset"), self)
        self.reset_button.setObjectName("timerReset")
        self.reset_button.clicked.connect(self.reset)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(tr("Timer"), self))
        lay.addWidget(self.label)
        lay.addWidget(self.start_button)
        lay.addWidget(self.reset_button)
        lay.addWidget(self.slot)
        self._refresh()

    @property
    def running(self) -> bool:
        return self._tick.isActive()

    def elapsed_ms(self) -> int:
        return self._elapsed_before + (self._clock.elapsed() if self.running else 0)

    def set_elapsed_ms(self, ms: int) -> None:
        """Set the time already used (tests, and resuming after a break)."""
        self._elapsed_before = ms
        if self.running:
            self._clock.restart()
        self._refresh()

    def toggle(self) -> None:
        if self.running:
            self.stop()
            self.changed.emit("stop")
        else:
            self._clock.restart()
            self._tick.start()
            self._refresh()
            self.changed.emit("start")

    def stop(self) -> None:
        """Pause, keeping the time used (no signal: the page or the service already knows)."""
        if self.running:
            self._elapsed_before += self._clock.elapsed()
            self._tick.stop()
        self._refresh()

    def reset(self) -> None:
        self._tick.stop()
        self._elapsed_before = 0
        self._refresh()
        self.changed.emit("reset")

    def load(self, elapsed_ms: int, running: bool) -> None:
        """Show a stored timer: ``elapsed_ms`` used so far, still counting when ``running``."""
        self._tick.stop()
        self._elapsed_before = max(0, int(elapsed_ms))
        if running:
            self._clock.restart()
            self._tick.start()
        self._refresh()

    def state(self) -> str:
        """ "normal", "amber" (80 % of the slot used) or "red" (over time)."""
        used = self.elapsed_ms()
        slot = self.slot.value() * 60_000
        if used >= slot:
            return "red"
        if used >= slot * 0.8:
            return "amber"
        return "normal"

    def _refresh(self) -> None:
        secs = self.elapsed_ms() // 1000
        self.label.setText(f"{secs // 60:02d}:{secs % 60:02d} / {self.slot.value():02d}:00")
        colour = {"normal": "", "amber": "background:#ffbf00;color:black;", "red": "background:#c62828;color:white;"}[
            self.state()
        ]
        self.label.setStyleSheet(f"QLabel{{{colour}font-weight:bold;padding:2px 6px;border-radius:3px;}}")
        self.start_button.setText(tr("Pause") if self.running else tr("Start"))
