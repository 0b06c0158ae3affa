"""The GUI's background runner: database calls in order on one thread, results back on the GUI thread."""

from __future__ import annotations

import threading
from typing import Any

from interview_panel.ui.tasks import TaskRunner


class FakeStore:
    """Records the thread it was opened and closed on, and every write in the order it arrived."""

    def __init__(self) -> None:
        self.opened_on = threading.get_ident()
        self.closed_on: int | None = None
        self.writes: list[int] = []
        self.write_threads: set[int] = set()

    def write(self, n: int) -> int:
        self.writes.append(n)
        self.write_threads.add(threading.get_ident())
        return n

    def close(self) -> None:
        self.closed_on = threading.get_ident()


def _runner() -> tuple[TaskRunner, list[FakeStore]]:
    stores: list[FakeStore] = []

    def open_store() -> FakeStore:
        stores.append(FakeStore())
        return stores[-1]

    return TaskRunner(open_store), stores


def test_two_hundred_writes_run_in_submission_order_on_one_thread(qtbot: Any) -> None:
    runner, stores = _runner()
    delivered: list[int] = []
    for n in range(200):
        runner.db(lambda store, n=n: store.write(n), delivered.append)
    assert runner.pending == 200
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)
    assert len(stores) == 1  # opened once, on first use
    store = stores[0]
    assert store.writes == list(range(200))
    assert delivered == list(range(200))  # callbacks on the GUI thread, same order
    assert store.write_threads == {store.opened_on}
    assert store.opened_on != threading.get_ident()
    runner.shutdown()


def test_close_store_runs_on_the_database_thread_after_queued_writes(qtbot: Any) -> None:
    runner, stores = _runner()
    gate = threading.Event()
    runner.db(lambda store: gate.wait(5))
    for n in range(20):
        runner.db(lambda store, n=n: store.write(n))
    gate.set()
    runner.close_store()  # returns only once the store is closed
    store = stores[0]
    assert store.writes == list(range(20))
    assert store.closed_on == store.opened_on
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
    runner.shutdown()


def test_a_failing_call_reaches_its_error_callback_and_later_calls_still_run(qtbot: Any) -> None:
    runner, _stores = _runner()
    errors: list[BaseException] = []
    results: list[int] = []

    def boom(store: Any) -> None:
        raise ValueError("bad value")

    with qtbot.waitSignal(runner.failed, timeout=5000) as sig:
        runner.db(boom, on_error=errors.append)
    runner.db(lambda store: store.write(7), results.append)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
    assert isinstance(sig.args[0], ValueError)
    assert errors == [sig.args[0]] and "bad value" in errors[0].__traceback_text__
    assert results == [7]
    runner.shutdown()


def test_shutdown_finishes_the_running_job_and_drops_queued_ones(qtbot: Any) -> None:
    runner, _ = _runner()
    gate = threading.Event()
    started = threading.Event()
    ran: list[str] = []

    def first() -> None:
        started.set()
        gate.wait(5)
        ran.append("first")

    runner.job(first)
    runner.job(lambda: ran.append("second"))
    assert started.wait(5)
    threading.Timer(0.1, gate.set).start()
    runner.shutdown()
    assert ran == ["first"]


def test_finished_tasks_leave_no_stale_wrappers_behind(qtbot: Any) -> None:
    """Qt deletes a finished runnable; a Qt object later made at its address must come back as itself."""
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QListWidget

    runner, _ = _runner()
    for n in range(300):
        runner.db(lambda store, n=n: store.write(n))
        runner.job(lambda n=n: n)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)
    for _ in range(300):
        view = QListWidget()
        assert isinstance(view.selectionModel(), QItemSelectionModel)
        view.deleteLater()
    runner.shutdown()
