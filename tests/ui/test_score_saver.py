"""The scoring page's save queue on its own, without Qt: a fake executor decides when each write runs and
whether it fails; a fake disk records what reached it. The last test writes through the real service."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from interview_panel.ui.score_saver import SaveKey, SaveState, ScoreSaver, Summary, Value

ROOT = Path(__file__).resolve().parents[2]
AT = datetime(2026, 3, 2, 10, 42, 13)


class Disk:
    """The fake database: the last value per item, and every write in the order it ran."""

    def __init__(self) -> None:
        self.values: dict[SaveKey, Value] = {}
        self.log: list[tuple[str, int | None, str]] = []
        self.broken: str | None = None  # when set, every write fails with this message

    def write(self, store: object, key: SaveKey, value: Value) -> object:
        assert store is self
        if self.broken:
            raise OSError(28, self.broken)
        self.values[key] = value
        self.log.append((key.item, value.score, value.note))
        return value


class Deferred:
    """An executor that queues jobs (in order) until the test runs them, as the database thread would."""

    def __init__(self, disk: Disk) -> None:
        self.disk = disk
        self.queue: list[
            tuple[Callable[[object], object], Callable[[object], None], Callable[[BaseException], None]]
        ] = []

    def submit(self, job, on_done, on_error) -> None:  # type: ignore[no-untyped-def]
        self.queue.append((job, on_done, on_error))

    def run(self, n: int | None = None) -> None:
        """Run the next ``n`` jobs (all by default) in submission order, delivering each outcome."""
        for _ in range(len(self.queue) if n is None else n):
            job, on_done, on_error = self.queue.pop(0)
            try:
                result = job(self.disk)
            except Exception as exc:
                on_error(exc)
            else:
                on_done(result)


class Recorder:
    def __init__(self) -> None:
        self.items: dict[str, tuple[SaveState, str]] = {}
        self.summaries: list[Summary] = []

    def on_item(self, key: SaveKey, state: SaveState, error: str) -> None:
        self.items[key.item] = (state, error)

    @property
    def last(self) -> Summary:
        return self.summaries[-1]


def key(item: str, candidate: str = "C001") -> SaveKey:
    return SaveKey(1, candidate, "Blake", item)


def make() -> tuple[ScoreSaver, Deferred, Disk, Recorder]:
    disk, seen = Disk(), Recorder()
    ex = Deferred(disk)
    saver = ScoreSaver(
        ex.submit,
        write=disk.write,
        on_item=seen.on_item,
        on_summary=seen.summaries.append,
        describe=lambda exc: str(exc.args[-1]),
        clock=lambda: AT,
    )
    return saver, ex, disk, seen


def test_writes_reach_the_disk_in_typing_order_and_saved_only_after_they_returned() -> None:
    saver, ex, disk, seen = make()
    for item, score in (("ownership", 3), ("K1", 4), ("ownership", 2), ("values", 5)):
        saver.save(key(item), score, "")
    assert seen.last.state == SaveState.SAVING and saver.in_flight == 4
    assert seen.items["ownership"][0] == SaveState.SAVING
    ex.run(3)  # three of four written: not "saved" yet
    assert disk.log == [("ownership", 3, ""), ("K1", 4, ""), ("ownership", 2, "")]
    assert seen.last.state == SaveState.SAVING and not saver.all_saved
    assert seen.items["ownership"][0] == SaveState.SAVED and seen.items["values"][0] == SaveState.SAVING
    ex.run()
    assert seen.last == Summary(SaveState.SAVED, at=AT) and saver.all_saved and saver.in_flight == 0
    assert disk.values[key("ownership")] == Value(2, "")


def test_a_later_save_supersedes_an_earlier_one_in_flight() -> None:
    saver, ex, disk, seen = make()
    saver.save(key("K1"), 3, "")
    saver.save(key("K1"), 4, "")
    ex.run(1)  # the older write came back: the item still waits for its newest value
    assert saver.state(key("K1")) == SaveState.SAVING and seen.items["K1"][0] == SaveState.SAVING
    assert saver.unsaved(1, "C001", "Blake") == {"K1": (Value(4, ""), SaveState.SAVING, "")}
    ex.run()
    assert disk.values[key("K1")] == Value(4, "") and saver.state(key("K1")) == SaveState.SAVED


def test_an_older_write_failing_does_not_report_a_value_that_a_newer_write_saves() -> None:
    saver, ex, disk, seen = make()
    saver.save(key("K1"), 3, "")
    saver.save(key("K1"), 4, "")
    disk.broken = "the disk is full"
    ex.run(1)
    assert saver.state(key("K1")) == SaveState.SAVING and not saver.has_failed()
    assert seen.last.state == SaveState.SAVING
    disk.broken = None
    ex.run()
    assert disk.values[key("K1")] == Value(4, "") and seen.last == Summary(SaveState.SAVED, at=AT)


def test_a_failed_save_is_kept_shown_unsaved_and_retried() -> None:
    saver, ex, disk, seen = make()
    saver.save(key("ownership"), 3, "Owned the missed deadline")
    disk.broken = "the disk is full"
    ex.run()
    assert seen.last == Summary(SaveState.FAILED, reason="the disk is full")
    assert seen.items["ownership"] == (SaveState.FAILED, "the disk is full")
    assert saver.has_failed(1, "C001", "Blake") and not saver.has_failed(1, "C002")
    assert saver.unsaved(1, "C001", "Blake") == {
        "ownership": (Value(3, "Owned the missed deadline"), SaveState.FAILED, "the disk is full")
    }
    # another item saved meanwhile: the footer still says what is not saved
    saver.save(key("K1"), 4, "")
    disk.broken = None
    ex.run()
    assert seen.last == Summary(SaveState.FAILED, reason="the disk is full") and not saver.all_saved
    # retry writes the kept value; only its return makes it saved
    assert saver.retry() == 1
    assert saver.state(key("ownership")) == SaveState.SAVING and seen.last.state == SaveState.SAVING
    ex.run()
    assert disk.values[key("ownership")] == Value(3, "Owned the missed deadline")
    assert seen.items["ownership"] == (SaveState.SAVED, "") and seen.last == Summary(SaveState.SAVED, at=AT)
    assert saver.unsaved(1, "C001", "Blake") == {} and saver.retry() == 0


def test_a_value_typed_after_a_failure_is_the_one_kept_and_written() -> None:
    saver, ex, disk, _seen = make()
    disk.broken = "database is locked"
    saver.save(key("K2"), 2, "")
    ex.run()
    saver.save(key("K2"), 5, "Strong example")  # typed again while the failure shows: the newest is kept
    ex.run()
    assert saver.unsaved(1, "C001", "Blake")["K2"][0] == Value(5, "Strong example")
    disk.broken = None
    saver.retry()
    ex.run()
    assert disk.values[key("K2")] == Value(5, "Strong example")
    assert [entry for entry in disk.log if entry[0] == "K2"] == [("K2", 5, "Strong example")]


def test_an_edit_waiting_to_be_written_is_not_saved() -> None:
    saver, ex, _disk, seen = make()
    saver.edited(key("ownership"))  # a note typed, its write waits for the pause
    assert seen.last.state == SaveState.SAVING and saver.state(key("ownership")) == SaveState.SAVING
    saver.save(key("K1"), 4, "")
    ex.run()  # another item's write returned, but the note is still only on screen
    assert seen.last.state == SaveState.SAVING and not saver.all_saved
    saver.save(key("ownership"), None, "Named the risk")
    ex.run()
    assert seen.last == Summary(SaveState.SAVED, at=AT) and saver.all_saved


def test_at_closing_what_is_not_on_disk_is_known() -> None:
    saver, ex, disk, _seen = make()
    disk.broken = "the disk is full"
    saver.save(key("ownership"), 3, "")
    ex.run()
    disk.broken = None
    saver.save(key("K1"), 4, "")
    assert saver.in_flight == 1 and saver.failures() == {key("ownership"): "the disk is full"}
    ex.run()  # the executor finishes what is queued before the store closes
    assert disk.values == {key("K1"): Value(4, "")} and saver.failures() == {key("ownership"): "the disk is full"}
    fresh = ScoreSaver(ex.submit)
    assert fresh.all_saved and not fresh.failures() and fresh.in_flight == 0  # nothing typed: nothing to ask


def test_the_saver_does_not_import_qt() -> None:
    code = "import sys, interview_panel.ui.score_saver; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_default_write_records_the_score_through_the_service(tmp_path: Path) -> None:
    from interview_panel.services import scoring
    from interview_panel.services.store import open_store

    from .live_fixtures import MEMBER_B, build_campaign

    db = tmp_path / "c.sqlite"
    cid = build_campaign(db)
    store = open_store(db)

    def run_now(job, on_done, on_error) -> None:  # type: ignore[no-untyped-def]
        try:
            result = job(store)
        except Exception as exc:
            on_error(exc)
        else:
            on_done(result)

    try:
        saver = ScoreSaver(run_now)
        saver.save(SaveKey(cid, "C001", MEMBER_B, "ownership"), 4, "Clear example")
        saver.save(SaveKey(cid, "C001", MEMBER_B, "no-such-item"), 4, "")  # refused by the service: kept
        saved = scoring.member_scores(store, cid, candidate="C001", member=MEMBER_B)
    finally:
        store.close()
    assert saved["ownership"].score == 4 and saved["ownership"].note == "Clear example"
    assert saver.state(SaveKey(cid, "C001", MEMBER_B, "ownership")) == SaveState.SAVED
    kept = saver.unsaved(cid, "C001", MEMBER_B)
    assert list(kept) == ["no-such-item"] and kept["no-such-item"][1] == SaveState.FAILED
    assert "no-such-item" in kept["no-such-item"][2]
