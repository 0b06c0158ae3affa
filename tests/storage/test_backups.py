"""Backups that are real: checked before they are trusted, surviving a full disk and a kill; rolling
backups kept and pruned; empty and foreign files never made into a database; file modes."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interview_panel.domain.errors import StorageError
from interview_panel.services.backups import auto_backup, backup_after_session
from interview_panel.services.store import open_store
from interview_panel.storage import SCHEMA_VERSION, backup_path, open_database
from interview_panel.storage.backup import Backup, backups_folder, check_file, list_backups, rolling_backup, to_prune

from .definitions import bare_campaign
from .factories import count, scored_campaign, tmpfs

ROOT = Path(__file__).resolve().parents[2]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def v1_database(path: Path, *, scores: int, note: int = 0) -> None:
    """A v1 database holding ``scores`` scores (each with a ``note``-character note), in WAL mode."""
    db = open_database(path, target=1)
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO campaigns VALUES (1, 'Spring', '2025-01-01T00:00:00+00:00', '{}', 'abc', '{}', '{}', 1)")
    conn.execute("INSERT INTO items VALUES (1, 'ownership', 0, 'behaviour', 'We take ownership')")
    conn.execute("INSERT INTO members VALUES (1, 1, 'Ann', 1)")
    conn.executemany(
        "INSERT INTO candidates VALUES (?, 1, ?, ?, NULL)",
        [(n, f"C{n:05d}", f"Candidate {n}") for n in range(1, scores + 1)],
    )
    conn.executemany(
        "INSERT INTO scores VALUES (1, ?, 1, 'ownership', 3, ?, '2025-01-02T00:00:00+00:00')",
        [(n, "n" * note) for n in range(1, scores + 1)],
    )
    conn.commit()
    conn.close()


# -- Finding 2: migration backups ------------------------------------------------------------------------
def test_a_migration_backup_is_checked_and_a_bad_one_is_written_again(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    v1_database(path, scores=50)
    bak = backup_path(path, 1)
    bak.write_bytes(b"")  # what a full disk used to leave: an empty "backup", then trusted
    db = open_database(path)
    db.close()
    assert check_file(bak) is None
    assert count(bak, "scores") == 50
    assert stat.S_IMODE(bak.stat().st_mode) == 0o600


def test_a_migration_backup_that_does_not_fit_on_the_disk_stops_the_upgrade(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "4m") as disk:
        path = disk / "old.db"
        v1_database(path, scores=1500, note=300)  # about 600 KB
        filler = disk / "filler"
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        filler.write_bytes(b"\0" * (free - 100_000))  # room for less than a third of the backup
        before = sha(path)
        with pytest.raises(StorageError) as err:
            open_database(path)
        msg = str(err.value)
        assert "\n" not in msg and "disk is full" in msg and "not changed" in msg
        assert sha(path) == before  # not migrated, not switched, not touched
        assert not backup_path(path, 1).exists()  # no half-written file under the backup's own name
        assert not list(disk.glob("*.partial*"))
        filler.unlink()  # space freed: the next start makes a whole backup, then migrates
        db = open_database(path)
        assert db.user_version() == SCHEMA_VERSION
        db.close()
        assert check_file(backup_path(path, 1)) is None
        assert count(backup_path(path, 1), "scores") == 1500


KILLED_OPEN = r"""
import sys
from interview_panel.storage import open_database
print("go", flush=True)
open_database(sys.argv[1]).close()
print("done", flush=True)
"""


@pytest.mark.slow
def test_a_kill_during_the_migration_backup_never_leaves_a_backup_that_is_trusted(tmp_path: Path) -> None:
    template = tmp_path / "template.db"
    v1_database(template, scores=20_000, note=400)  # about 10 MB: the backup takes a while

    def attempt(path: Path, delay: float | None) -> tuple[bool, float]:
        proc = subprocess.Popen(
            [sys.executable, "-c", KILLED_OPEN, str(path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "go"
        start = time.perf_counter()
        if delay is None:
            proc.communicate(timeout=120)
            return False, time.perf_counter() - start
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        return proc.returncode == -signal.SIGKILL, delay

    # how long a whole open (backup + migration) takes here, to spread the kills across it
    calibrate = tmp_path / "calibrate.db"
    calibrate.write_bytes(template.read_bytes())
    _, whole = attempt(calibrate, None)
    killed = 0
    for n in range(8):
        path = tmp_path / f"k{n}.db"
        path.write_bytes(template.read_bytes())
        was_killed, _ = attempt(path, whole * (n + 0.5) / 8)
        killed += was_killed
        bak = backup_path(path, 1)
        version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
        if bak.exists():  # a file under the backup's name is always a whole, checked copy
            assert check_file(bak) is None, f"kill {n}: {check_file(bak)}"
            assert count(bak, "scores") == 20_000
        else:
            assert version == 1  # never migrated without its backup
        db = open_database(path)  # the next start finishes the job
        assert db.user_version() == SCHEMA_VERSION
        db.close()
        assert check_file(bak) is None and count(bak, "scores") == 20_000
        assert count(path, "scores") == 20_000
    assert killed >= 4


# -- rolling backups ---------------------------------------------------------------------------------------
def test_opening_backs_up_only_when_the_data_changed_and_not_more_than_every_interval(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    scored_campaign(path, candidates=3)
    store = open_store(path)
    try:
        first = auto_backup(store)
        assert first.path is not None and first.problem is None
        assert check_file(first.path) is None and count(first.path, "scores") == count(path, "scores")
        assert auto_backup(store, every=None).path is None  # nothing changed since: no copy
        store.write(lambda repo: repo.insert_campaign(name="B", **bare_campaign()))
        time.sleep(0.01)
        assert auto_backup(store).path is None  # changed, but the newest backup is minutes old: not yet
        second = backup_after_session(store)  # the end of a moderation session: whenever changed
        assert second.path is not None and second.path != first.path
        assert count(second.path, "campaigns") == 2
    finally:
        store.close()
    assert stat.S_IMODE(backups_folder(path).stat().st_mode) == 0o700
    assert all(stat.S_IMODE(b.path.stat().st_mode) == 0o600 for b in list_backups(path))


def test_the_last_few_backups_and_one_a_day_are_kept(tmp_path: Path) -> None:
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    hourly = [Backup(tmp_path / f"h{n}", now - timedelta(hours=n)) for n in range(10)]
    daily = [Backup(tmp_path / f"d{n}", now - timedelta(days=n, hours=1)) for n in range(1, 12)]
    gone = set(to_prune(hourly + daily))
    kept = {b.path for b in hourly + daily} - gone
    assert {b.path for b in hourly[:5]} <= kept  # the newest five
    assert {b.path for b in daily[:6]} <= kept  # plus the newest of each of the last seven days
    assert {b.path for b in daily[7:]} <= gone and hourly[9].path in gone


def test_rolling_backups_are_pruned_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    scored_campaign(path, candidates=2)
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    for n in range(8):
        rolling_backup(path, now=start + timedelta(minutes=n))
    names = [b.taken for b in list_backups(path)]
    assert len(names) == 5 and names[0] == start + timedelta(minutes=7)


def test_a_backup_that_cannot_be_made_is_reported_not_raised(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "1200k") as disk:  # room for the keyed audit rows and their text (schema v5, v6)
        path = disk / "c.db"
        scored_campaign(path, candidates=30)
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        (disk / "filler").write_bytes(b"\0" * max(0, free - 96 * 1024))  # room to open, none for a backup
        store = open_store(path)
        try:
            result = auto_backup(store)
        finally:
            store.close()
        assert result.path is None and "disk is full" in (result.problem or "")
        assert not list_backups(path)
        assert not list(backups_folder(path).glob("*.partial*"))


# -- Finding 4: empty and foreign files ----------------------------------------------------------------------
def test_an_empty_file_is_never_made_into_a_database_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "e.db"
    path.write_bytes(b"")
    for opener in (lambda: open_database(path), lambda: open_store(path), lambda: open_database(path, create=False)):
        with pytest.raises(StorageError, match="empty file"):
            opener()
        assert path.stat().st_size == 0
        assert not Path(f"{path}-wal").exists()
    open_database(path, create=True).close()  # campaign create / the GUI's "New database"
    assert check_file(path) is None


def test_a_sqlite_file_without_tables_or_with_a_version_but_no_campaign_tables_is_refused(tmp_path: Path) -> None:
    blank = tmp_path / "blank.db"
    conn = sqlite3.connect(blank)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("DROP TABLE t")  # a SQLite header, no tables
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.execute("PRAGMA user_version = 2")  # another program that also numbers its schema
    conn.close()
    for path in (blank, other):
        before = sha(path)
        with pytest.raises(StorageError, match="not an Interview Panel database|empty file"):
            open_database(path)
        assert sha(path) == before


def test_a_missing_file_is_created_whole_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_database(path).close()
    assert check_file(path) is None
    assert not list(tmp_path.glob(".new.db.new*"))
    with pytest.raises(StorageError, match="no such database"):
        open_database(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


# -- Finding 8: file modes ---------------------------------------------------------------------------------
def test_database_wal_shm_and_backups_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)  # a usual desktop umask: new files would be 0644
    try:
        path = tmp_path / "c.db"
        store = open_store(path)
        try:
            store.write(lambda repo: repo.insert_campaign(name="A", **bare_campaign()))
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"))}
            made = auto_backup(store).path
        finally:
            store.close()
    finally:
        os.umask(old)
    assert modes == {"c.db": 0o600, "c.db-wal": 0o600, "c.db-shm": 0o600}
    assert made is not None and stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700


def test_an_existing_database_keeps_its_own_mode(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    open_database(path).close()
    os.chmod(path, 0o640)  # the user chose to share it with their group
    open_database(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_killed_backups_leftover_is_swept_but_another_process_s_copy_in_progress_is_not(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    scored_campaign(path, candidates=2)
    folder = backups_folder(path)
    folder.mkdir()
    old = folder / "2026-01-01T00-00-00.000000Z.sqlite.999.partial"
    old.write_bytes(b"half a copy")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    busy = folder / "2026-01-01T00-00-01.000000Z.sqlite.998.partial"
    busy.write_bytes(b"being written now")
    rolling_backup(path)
    assert not old.exists() and busy.exists()
    assert len(list_backups(path)) == 1
