"""Checked copies of a campaign database: migration backups, rolling backups, checks and restore.

Contract:

* A backup is never trusted because it exists. ``checked_copy`` writes it under a temporary name (the
  target's name plus ``.partial``) with SQLite's backup API, fsyncs the file, checks it
  (``PRAGMA integrity_check`` is ``ok`` and every table has as many rows as the source had at the same
  moment) and only then renames it into place and fsyncs the folder. A full disk or a kill leaves at most a
  ``.partial`` file, which the next attempt replaces; it never leaves a file under the backup's own name.
* Rolling backups live in ``<db>.backups/`` as ``<UTC time>.sqlite`` (0600, folder 0700): the newest
  :data:`KEEP_RECENT`, plus the newest of each of the last :data:`KEEP_DAILY` days, are kept.
* ``restore`` copies a checked backup over the database only when no other connection has the database
  open; the file it replaces is renamed aside (``<db>.damaged-<time>``, with its -wal), never deleted.

Everything here opens its own connections, so it may run on any thread (the GUI's job thread, say).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from ..domain.errors import StorageError

BUSY_TIMEOUT_S = 10.0
KEEP_RECENT = 5
KEEP_DAILY = 7
BACKUP_EVERY = timedelta(minutes=30)  # at most one automatic backup per this long when a database is opened
_SUFFIX = ".sqlite"
_STAMP = "%Y-%m-%dT%H-%M-%S.%fZ"
_HEADER = b"SQLite format 3\x00"
_CAMPAIGN_TABLES = ("campaigns", "audit")


# -- files ----------------------------------------------------------------------------------------------
def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a folder
        pass
    finally:
        os.close(fd)


def create_private(path: Path) -> None:
    """Create ``path`` as an empty file readable and writable by its owner only (0600 on POSIX).

    SQLite gives the -wal and -shm files it makes later the database file's own permissions.
    """
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # the umask can only take bits away; this is for a umask that took none


def private_folder(folder: Path) -> None:
    """Create ``folder`` (0700 on POSIX) when missing; an existing folder keeps its mode."""
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)


def _unlink(path: Path) -> None:
    for p in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):
            p.unlink()


def reason(exc: BaseException) -> str:
    """A few words for why a copy failed."""
    text = " ".join(str(exc).split()).lower()
    if "full" in text or getattr(exc, "errno", None) == 28:
        return "the disk is full"
    if "readonly" in text or "read-only" in text or "permission" in text:
        return "the folder cannot be written"
    return " ".join(str(exc).split()) or exc.__class__.__name__


# -- checking --------------------------------------------------------------------------------------------
def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that never writes ``path``: ``mode=ro``, or ``immutable=1`` when the folder cannot be
    written and no -wal file holds changes (then no other program can be writing it either)."""
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(
            f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        wal = Path(f"{path}-wal")
        if os.access(path.parent, os.W_OK) or (wal.exists() and wal.stat().st_size > 0):
            raise
    return sqlite3.connect(
        f"{uri}?immutable=1", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )


def integrity(conn: sqlite3.Connection, *, quick: bool = False, limit: int = 3) -> str | None:
    """None when SQLite finds the file whole, else a short description of the first problems."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}({int(limit)})")]
    except sqlite3.DatabaseError as exc:
        return " ".join(str(exc).split())
    if rows == ["ok"]:
        return None
    return "; ".join(" ".join(r.split()) for r in rows[:limit]) or "no result"


def check_file(path: Path, counts: dict[str, int] | None = None, *, newest: int | None = None) -> str | None:
    """None when ``path`` is a whole Interview Panel database (and has exactly ``counts`` rows per table,
    when given); else why not. ``newest``: the highest schema version this app understands."""
    try:
        if not path.is_file() or path.stat().st_size < 100:
            return "missing or empty"
        with open(path, "rb") as fh:
            if fh.read(16) != _HEADER:
                return "not a SQLite file"
        conn = connect_readonly(path)
    except (OSError, sqlite3.Error) as exc:
        return reason(exc)
    try:
        problem = integrity(conn)
        if problem:
            return f"integrity check failed: {problem}"
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version < 1 or not is_campaign(conn):
            return "not an Interview Panel database"
        if newest is not None and version > newest:
            return f"written by a newer version (schema {version})"
        if counts is not None:
            got = table_counts(conn)
            if got != counts:
                diff = [f"{t} {got.get(t)} of {n}" for t, n in counts.items() if got.get(t) != n]
                return "rows missing: " + ", ".join(diff or ["different tables"])
        return None
    except sqlite3.Error as exc:
        return " ".join(str(exc).split())
    finally:
        conn.close()


def is_campaign(conn: sqlite3.Connection) -> bool:
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return all(t in names for t in _CAMPAIGN_TABLES)


# -- copying ---------------------------------------------------------------------------------------------
def checked_copy(source: sqlite3.Connection, dest: Path, *, newest: int | None = None) -> None:
    """Copy the database behind ``source`` to ``dest`` atomically, checked (see the module docstring).

    ``source`` must not be inside a transaction. Raises OSError/sqlite3.Error on failure, with nothing
    left under ``dest`` that was not there before.
    """
    tmp = dest.with_name(f"{dest.name}.{os.getpid()}.partial")  # per process: two never share one
    _unlink(tmp)
    try:
        create_private(tmp)
        source.execute("BEGIN")  # one snapshot for the row counts and the copy
        try:
            counts = table_counts(source)
            out = sqlite3.connect(str(tmp), isolation_level=None)
            try:
                source.backup(out)
                # the copy is a plain rollback-journal file: checking or restoring it leaves no -wal/-shm
                out.execute("PRAGMA journal_mode = DELETE").fetchone()
            finally:
                out.close()
        finally:
            if source.in_transaction:
                source.execute("COMMIT")
        fsync_file(tmp)
        problem = check_file(tmp, counts, newest=newest)
        if problem:
            raise sqlite3.DatabaseError(f"the copy failed its check ({problem})")
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
    except BaseException:
        _unlink(tmp)
        raise


# -- rolling backups -------------------------------------------------------------------------------------
class Backup(NamedTuple):
    path: Path
    taken: datetime  # UTC


def backups_folder(db: Path) -> Path:
    return Path(f"{db}.backups")


def list_backups(db: Path) -> list[Backup]:
    """Rolling backups of ``db``, newest first (unchecked)."""
    folder = backups_folder(db)
    found: list[Backup] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for p in entries:
        if p.suffix != _SUFFIX:
            continue
        try:
            taken = datetime.strptime(p.stem, _STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(Backup(p, taken))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def migration_backups(db: Path) -> list[Backup]:
    """``<db>.bak-v<N>`` files, newest first."""
    found = []
    for p in db.parent.glob(f"{db.name}.bak-v*"):
        if p.name.endswith(".partial"):
            continue
        with contextlib.suppress(OSError):
            found.append(Backup(p, datetime.fromtimestamp(p.stat().st_mtime, UTC)))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def newest_good_backup(db: Path, *, newest: int | None = None) -> Backup | None:
    """The newest backup (rolling or migration) that passes ``check_file``."""
    for b in sorted(list_backups(db) + migration_backups(db), key=lambda b: b.taken, reverse=True):
        if check_file(b.path, newest=newest) is None:
            return b
    return None


def data_mtime(db: Path) -> float:
    """When the data last changed, as far as the file system shows (the -wal counts when it holds frames)."""
    times = [db.stat().st_mtime]
    wal = Path(f"{db}-wal")
    with contextlib.suppress(OSError):
        st = wal.stat()
        if st.st_size > 0:
            times.append(st.st_mtime)
    return max(times)


def backup_due(db: Path, *, every: timedelta | None, now: datetime | None = None) -> bool:
    """True when ``db`` changed since its newest rolling backup and that backup is older than ``every``."""
    backups = list_backups(db)
    if not backups:
        return True
    newest = backups[0]
    now = now or datetime.now(UTC)
    if every is not None and now - newest.taken < every:
        return False
    try:
        return data_mtime(db) > newest.path.stat().st_mtime
    except OSError:
        return True


def rolling_backup(db: Path, *, newest: int | None = None, now: datetime | None = None) -> Path:
    """Take one checked rolling backup of ``db`` now and prune the old ones; returns the new file.

    The backup's modification time is set to the source's data time seen before the copy, so
    ``backup_due`` sees any change made during or after it.
    """
    folder = backups_folder(db)
    private_folder(folder)
    now = now or datetime.now(UTC)
    dest = folder / f"{now.strftime(_STAMP)}{_SUFFIX}"
    seen = data_mtime(db)
    conn = connect_readonly(db)
    try:
        checked_copy(conn, dest, newest=newest)
    finally:
        conn.close()
    with contextlib.suppress(OSError):
        os.utime(dest, (time.time(), seen))
    prune(db)
    return dest


def to_prune(backups: list[Backup], *, keep_recent: int = KEEP_RECENT, keep_daily: int = KEEP_DAILY) -> list[Path]:
    """The backups to delete: all but the newest ``keep_recent`` and the newest of each of the
    ``keep_daily`` most recent days that have one."""
    ordered = sorted(backups, key=lambda b: b.taken, reverse=True)
    keep = {b.path for b in ordered[:keep_recent]}
    days: list[object] = []
    for b in ordered:
        day = b.taken.date()
        if day not in days:
            days.append(day)
            if len(days) <= keep_daily:
                keep.add(b.path)
    return [b.path for b in ordered if b.path not in keep]


STALE = 600.0  # seconds: a temporary file this old was left by a killed process, not one still writing


def sweep(folder: Path, pattern: str) -> None:
    """Remove temporary files matching ``pattern`` in ``folder`` that a killed process left behind."""
    now = time.time()
    for p in folder.glob(pattern):
        with contextlib.suppress(OSError):
            if now - p.stat().st_mtime > STALE:
                _unlink(p)


def prune(db: Path) -> None:
    for p in to_prune(list_backups(db)):
        with contextlib.suppress(OSError):
            p.unlink()
    sweep(backups_folder(db), "*.partial")


# -- restore ---------------------------------------------------------------------------------------------
_PENDING_BYTE = 0x40000000  # SQLite's lock bytes: pending, reserved and the 510-byte shared range
_SHM_DMS = 128  # unix VFS: (22 + 8) * 4 + 8, the -shm byte held (shared) by every WAL connection


@contextlib.contextmanager
def exclusive(db: Path) -> Iterator[None]:
    """Hold SQLite's own locks on ``db`` so no connection (in any process, this one included) is using it.

    Raises StorageError when another connection has it open: WAL connections hold a shared lock for their
    whole life. Open-file-description locks (Linux) also see this process's own connections.
    """
    try:
        import fcntl
        import struct
    except ImportError:  # pragma: no cover - Windows: the rename below fails while the file is open
        yield
        return
    if not db.exists():
        yield
        return
    cmd = getattr(fcntl, "F_OFD_SETLK", fcntl.F_SETLK)
    fds: list[int] = []
    try:
        # the database file's lock bytes (any transaction), then the -shm "dead man switch" byte that every
        # open WAL connection holds a shared lock on, even when idle
        for file, start, length in ((db, _PENDING_BYTE, 512), (Path(f"{db}-shm"), _SHM_DMS, 1)):
            if not file.exists():
                continue
            fds.append(os.open(file, os.O_RDWR))
            try:
                fcntl.fcntl(fds[-1], cmd, struct.pack("hhqqi", fcntl.F_WRLCK, os.SEEK_SET, start, length, 0))
            except OSError:
                raise StorageError(
                    f"{db} is open in another program (Interview Panel, or a command still "
                    "running): close it and try again. Nothing was changed."
                ) from None
        yield
    finally:
        for fd in fds:
            os.close(fd)


def aside_name(db: Path, now: datetime) -> Path:
    base = f"{db.name}.damaged-{now.strftime('%Y%m%dT%H%M%SZ')}"
    candidate = db.with_name(base)
    n = 1
    while candidate.exists():
        n += 1
        candidate = db.with_name(f"{base}-{n}")
    return candidate


def restore(db: Path, source: Path, *, newest: int | None = None) -> Path | None:
    """Replace ``db`` with a checked copy of ``source``; returns where the old file was kept (None if none).

    Refused (StorageError, nothing changed) when ``source`` fails its check or ``db`` is in use.
    """
    problem = check_file(source, newest=newest)
    if problem:
        raise StorageError(f"{source} cannot be restored: {problem}. Nothing was changed.")
    if db.exists() and source.resolve() == db.resolve():
        raise StorageError(f"{source} is the database itself, not a backup")
    private_folder(db.parent)
    tmp = db.with_name(f".{db.name}.restore-{os.getpid()}")
    with exclusive(db):
        src = connect_readonly(source)
        try:
            checked_copy(src, tmp, newest=newest)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(f"{db}: could not copy {source} ({reason(exc)}); nothing was changed") from None
        finally:
            src.close()
        aside = None
        if db.exists():
            aside = aside_name(db, datetime.now(UTC))
            os.rename(db, aside)
            for ext in ("-wal", "-shm"):
                side = Path(f"{db}{ext}")
                if side.exists():
                    os.rename(side, Path(f"{aside}{ext}"))
        os.rename(tmp, db)
        fsync_dir(db.parent)
    return aside


def integrity_of(db: Path) -> str | None:
    """``PRAGMA integrity_check`` of ``db`` through a read-only connection: None when whole."""
    try:
        conn = connect_readonly(db)
    except sqlite3.Error as exc:
        return " ".join(str(exc).split())
    try:
        return integrity(conn)
    finally:
        conn.close()
