"""Opening, migrating and writing to the campaign database file.

Contract:

* ``open_database(path)`` creates the file when missing (built under a temporary name and linked into
  place, 0600: a file at ``path`` is always a whole campaign database), refuses a file that is not SQLite
  or is not an Interview Panel database, and refuses an empty (0-byte or table-less) file unless
  ``create=True`` (``campaign create`` and the GUI's "New database" only). It refuses a database written
  by a newer version *before anything is written* (the file stays byte-for-byte the same and no
  -wal/-shm appears), backs an older database up to ``<db>.bak-v<N>`` (a checked copy, see
  ``backup.checked_copy``; no checked backup, no migration) and then migrates it, one step at a time, in
  one transaction.
* ``check=True`` (the default) runs ``PRAGMA quick_check`` and refuses a damaged file, naming the damage
  and the newest good backup. The GUI opens with ``check=False`` and calls ``Database.check()`` on its
  database thread after the window is painted. A database found damaged refuses every read and write.
* A database whose file or folder cannot be written (or ``readonly=True``) opens read-only (``mode=ro``,
  or ``immutable=1`` when the folder is read-only and no -wal holds changes): reads work, writes are
  refused with one line before anything is attempted.
* Every connection runs with WAL, ``synchronous=FULL``, ``foreign_keys=ON`` and a busy timeout, so a
  committed write survives ``kill -9`` and power loss and concurrent writers wait instead of failing.
* ``Database.write(fn)`` runs ``fn(repo)`` in one ``BEGIN IMMEDIATE`` transaction (one per user action):
  all of it is saved or none of it. "database is locked" is retried and never reaches the user as such.
* Every sqlite error becomes a one-line :class:`StorageError`.

A ``Database`` holds one connection: use it from one thread at a time.

Opening an existing, up-to-date file uses plain ``sqlite3`` only; ``sqlite_utils`` (which pulls in click,
dateutil and pluggy: tens of milliseconds) is imported on first use of ``Database.db`` or when a new file
is checked, so the desktop app starts quickly.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..domain.errors import InterviewPanelError, StorageError
from .repository import Repository
from .schema import MIGRATIONS, SCHEMA_VERSION, TABLES

if TYPE_CHECKING:
    import sqlite_utils

T = TypeVar("T")

BUSY_TIMEOUT_MS = 10_000
LOCK_RETRIES = 5  # after the busy timeout itself: a last resort so "database is locked" never reaches a user
_HEADER = b"SQLite format 3\x00"


def _backoff(delay: float) -> None:
    """Wait ``delay`` to ``2 * delay`` seconds before retrying a locked database (random: writers spread out)."""
    import random  # only ever needed when another writer holds the lock

    time.sleep(delay * (1 + random.random()))


def _locked(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def storage_error(path: Path, exc: BaseException) -> StorageError:
    """One line for the user from an sqlite error."""
    text = " ".join(str(exc).split())
    low = text.lower()
    if "disk is full" in low or "database or disk is full" in low:
        return StorageError(f"{path}: the disk is full; nothing was saved by this action")
    if "not a database" in low or "malformed" in low:
        return StorageError(f"{path}: the file is damaged or is not an Interview Panel database ({text})")
    if "readonly" in low or "read-only" in low:
        return StorageError(f"{path}: the database cannot be written (read-only file or folder)")
    if "unable to open" in low:
        return StorageError(
            f"{path}: the database file cannot be opened (check the folder exists and you may write to it)"
        )
    if _locked(exc):
        return StorageError(
            f"{path}: the database stayed busy (another program is writing to it); nothing was saved, try again"
        )
    return StorageError(f"{path}: database error: {text}")


def newer_message(path: Path, version: int) -> str:
    return (
        f"{path} was written by a newer version of Interview Panel (schema {version}); "
        f"this version understands up to {SCHEMA_VERSION}. Nothing was changed."
    )


def peek_user_version(path: Path) -> int | None:
    """The schema version of an existing file without writing anything; None for a missing/empty file.

    Reads the 100-byte SQLite header (``user_version`` is at offset 60). When a non-empty -wal file sits
    beside the database the header may be stale, so the version is then read through a read-only
    connection (which never writes the main file).
    """
    try:
        if not path.exists():
            return None
        if path.is_dir():
            raise StorageError(f"{path} is a folder, not a database file")
        size = path.stat().st_size
        if size == 0:
            return None
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise StorageError(f"{path}: cannot read the database file ({exc.strerror or exc})") from None
    if len(header) < 100 or not header.startswith(_HEADER):
        raise StorageError(f"{path} is not an Interview Panel database (not a SQLite file)")
    version = int.from_bytes(header[60:64], "big", signed=True)
    wal = Path(str(path) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise storage_error(path, exc) from None
    return version


def _utils_view(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """A sqlite-utils view of ``conn`` (imported here, on first use: it is slow to import)."""
    import sqlite_utils

    return sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)


class Database:
    """One open campaign database: a connection, its sqlite-utils view, and the transaction helpers."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, readonly: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.repo = Repository(conn)
        self.readonly = readonly
        self.damage: str | None = None  # set by check(): what quick_check found wrong
        self._batch = 0

    def check(self) -> str | None:
        """Run ``PRAGMA quick_check``; None when whole, else one line naming the damage (and, from then
        on, every read and write of this Database is refused with that line)."""
        from .backup import integrity

        problem = integrity(self.conn, quick=True)
        if problem is not None:
            self.damage = damaged_message(self.path, problem)
        return self.damage

    def _refuse(self, *, writing: bool) -> None:
        if self.damage is not None:
            raise StorageError(self.damage)
        if writing and self.readonly:
            raise StorageError(
                f"{self.path}: the database is read-only here (the file or its folder cannot "
                "be written); nothing was saved"
            )

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """The sqlite-utils view of the connection, created on first use."""
        return _utils_view(self.conn)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group many user actions into one transaction (bulk imports, benchmarks, the demo).

        Inside, each ``write`` runs in a savepoint, so a refused action undoes only itself; everything is
        committed together when the block ends, or rolled back if it raises.
        """
        if self._batch:
            self._batch += 1
            try:
                yield
            finally:
                self._batch -= 1
            return
        self._refuse(writing=True)
        _retry_locked(self.path, lambda: self.conn.execute("BEGIN IMMEDIATE"))
        self._batch = 1
        try:
            yield
        except BaseException:
            self._batch = 0
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self._batch = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise storage_error(self.path, exc) from None

    # -- transactions ----------------------------------------------------------------------------
    def write(self, fn: Callable[[Repository], T]) -> T:
        """Run ``fn(repo)`` in one IMMEDIATE transaction and commit durably; roll back on any error."""
        return self._transaction("BEGIN IMMEDIATE", fn)

    def read(self, fn: Callable[[Repository], T]) -> T:
        """Run ``fn(repo)`` in one read transaction (a consistent snapshot across several queries)."""
        return self._transaction("BEGIN", fn)

    def _transaction(self, begin: str, fn: Callable[[Repository], T]) -> T:
        self._refuse(writing=begin != "BEGIN")
        if self._batch:
            return self._savepoint(fn)
        delay = 0.05
        for attempt in range(LOCK_RETRIES + 1):
            try:
                self.conn.execute(begin)
                try:
                    result = fn(self.repo)
                    self.conn.execute("COMMIT")
                    return result
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            except InterviewPanelError:
                raise
            except sqlite3.Error as exc:
                if _locked(exc) and attempt < LOCK_RETRIES:
                    _backoff(delay)
                    delay *= 2
                    continue
                raise storage_error(self.path, exc) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _savepoint(self, fn: Callable[[Repository], T]) -> T:
        try:
            self.conn.execute("SAVEPOINT action")
            try:
                result = fn(self.repo)
            except BaseException:
                self.conn.execute("ROLLBACK TO action")
                self.conn.execute("RELEASE action")
                raise
            self.conn.execute("RELEASE action")
            return result
        except sqlite3.Error as exc:
            raise storage_error(self.path, exc) from None

    def user_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def integrity_check(self) -> str:
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:  # pragma: no cover - closing never loses committed data
            pass


def _retry_locked(path: Path, fn: Callable[[], T]) -> T:
    delay = 0.05
    for attempt in range(LOCK_RETRIES + 1):
        try:
            return fn()
        except sqlite3.Error as exc:
            if _locked(exc) and attempt < LOCK_RETRIES:
                _backoff(delay)
                delay *= 2
                continue
            raise storage_error(path, exc) from None
    raise AssertionError("unreachable")  # pragma: no cover


def backup_path(path: Path, version: int) -> Path:
    return Path(f"{path}.bak-v{version}")


def damaged_message(path: Path, problem: str) -> str:
    """One line: what is damaged, that nothing was done, and the newest good backup (checked now)."""
    from .backup import newest_good_backup

    try:
        good = newest_good_backup(path, newest=SCHEMA_VERSION)
    except OSError:  # pragma: no cover - a folder that cannot be listed
        good = None
    where = (
        f"newest good backup: {good.path} (taken {good.taken:%Y-%m-%d %H:%M} UTC); restore it with "
        f"'interview-panel db restore --db {path}'"
        if good
        else "no good backup was found"
    )
    return f"{path} is damaged ({problem[:200]}); nothing was read or written; {where}"


def _empty_message(path: Path) -> str:
    return (
        f"{path} is an empty file, not an Interview Panel database; it was left untouched "
        "(create a new database with 'interview-panel campaign create')"
    )


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def open_database(
    path: str | os.PathLike[str],
    *,
    target: int = SCHEMA_VERSION,
    create: bool | None = None,
    check: bool = True,
    readonly: bool = False,
) -> Database:
    """Open (creating or migrating as needed) the database at ``path``. See the module docstring.

    ``create``: None (the default) creates a missing file but refuses an empty one; True also turns an
    empty file into a campaign database; False never creates. ``target`` exists for tests that need a
    database at an older schema; the app always uses the latest.
    """
    path = Path(path).expanduser()
    version = peek_user_version(path)  # refuses non-SQLite files before anything is opened for writing
    if version is not None and version > SCHEMA_VERSION:
        raise StorageError(newer_message(path, version))
    if not path.parent.exists():
        raise StorageError(f"{path}: the folder {path.parent} does not exist")
    exists = path.exists()
    if not exists:
        if create is False:
            raise StorageError(f"{path}: no such database")
        if readonly:
            raise StorageError(f"{path}: no such database")
        _create_new(path, target)
    elif version is None and create is not True:
        raise StorageError(_empty_message(path))
    readonly = readonly or not _writable(path)
    if readonly and version is None:
        raise StorageError(_empty_message(path))
    try:
        if readonly:
            from .backup import connect_readonly

            conn = connect_readonly(path)
        else:
            conn = sqlite3.connect(
                str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
    except sqlite3.Error as exc:
        raise storage_error(path, exc) from None
    db = Database(path, conn, readonly=readonly)
    try:
        _prepare(path, conn, target, create=create is True, readonly=readonly)
        if check and db.check():
            raise StorageError(db.damage or "")
    except BaseException:
        conn.close()
        raise
    return db


def _create_new(path: Path, target: int) -> None:
    """Build a new, migrated WAL database beside ``path`` (0600) and link it into place.

    A kill at any moment leaves either no file at ``path`` or a whole one (never an empty file that the
    next start would refuse); a leftover temporary file is replaced by the next attempt.
    """
    from .backup import _unlink, create_private, fsync_dir, fsync_file, sweep

    sweep(path.parent, f".{path.name}.new-*")
    tmp = path.with_name(f".{path.name}.new-{os.getpid()}")  # per process: two first starts never collide
    _unlink(tmp)
    try:
        create_private(tmp)
        conn = sqlite3.connect(str(tmp), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous = FULL")
            _migrate(tmp, conn, target)
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
        finally:
            conn.close()
        fsync_file(tmp)
        try:
            os.link(tmp, path)  # never replaces a file another process created meanwhile
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(tmp, path)
        fsync_dir(path.parent)
    except sqlite3.Error as exc:
        raise storage_error(path, exc) from None
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise StorageError(f"{path}: the disk is full; no database was created") from None
        raise StorageError(f"{path}: cannot create the database ({exc.strerror or exc})") from None
    finally:
        _unlink(tmp)


def _prepare(
    path: Path, conn: sqlite3.Connection, target: int, *, create: bool = False, readonly: bool = False
) -> None:
    def pragmas() -> int:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA synchronous = FULL")
        return int(conn.execute("PRAGMA user_version").fetchone()[0])

    current = _retry_locked(path, pragmas)
    if current > SCHEMA_VERSION:  # a newer app migrated it between our peek and now
        raise StorageError(newer_message(path, current))
    if current == 0:
        tables = [t for t in _utils_view(conn).table_names() if not t.startswith("sqlite_")]
        if tables:
            raise StorageError(
                f"{path} is a SQLite database but not an Interview Panel database "
                f"(it has tables {', '.join(sorted(tables)[:3])}…)"
            )
        if not create:
            raise StorageError(_empty_message(path))
    else:
        from .backup import is_campaign

        if not _retry_locked(path, lambda: is_campaign(conn)):
            raise StorageError(f"{path} is a SQLite database but not an Interview Panel database")
    if readonly:
        if current < target:
            raise StorageError(
                f"{path} needs upgrading to this version of Interview Panel, but it is "
                "read-only here (the file or its folder cannot be written)"
            )
        return
    if 0 < current < target:
        _migration_backup(path, conn, current)

    def wal() -> None:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StorageError(f"{path}: the database cannot use write-ahead logging (journal mode {mode})")

    _retry_locked(path, wal)
    if current < target:
        _migrate(path, conn, target)


def _migration_backup(path: Path, conn: sqlite3.Connection, version: int) -> None:
    """Make sure ``<db>.bak-v<version>`` is a checked copy of the database as it is now; else refuse.

    An existing backup is kept only when it passes the check against the database's current row counts;
    otherwise it is written again. Without a checked backup the database is not migrated.
    """
    from .backup import check_file, checked_copy, reason, sweep, table_counts

    bak = backup_path(path, version)
    sweep(path.parent, f"{bak.name}.*.partial")
    if bak.exists():
        counts = _retry_locked(path, lambda: table_counts(conn))
        if check_file(bak, counts, newest=SCHEMA_VERSION) is None:
            return
    try:
        checked_copy(conn, bak, newest=SCHEMA_VERSION)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(
            f"{path}: not upgraded: the backup {bak.name} could not be written "
            f"({reason(exc)}); the database was not changed"
        ) from None


def _migrate(path: Path, conn: sqlite3.Connection, target: int) -> None:
    def step() -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])  # another process may have won
            for m in MIGRATIONS:
                if version < m.version <= target:
                    for sql in m.statements:
                        if callable(sql):
                            sql(conn)
                        else:
                            conn.execute(sql)
                    version = m.version
            conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    _retry_locked(path, step)


__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "Database",
    "backup_path",
    "damaged_message",
    "newer_message",
    "open_database",
    "peek_user_version",
    "storage_error",
]
