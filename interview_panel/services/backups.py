"""Backups and health of a campaign database: automatic rolling backups, ``db check``, ``db restore``.

* ``auto_backup(store)`` — when a database is opened: a checked backup in ``<db>.backups/`` when the data
  changed since the newest one and that one is older than ``BACKUP_EVERY`` (30 minutes), so opening a
  database often (every CLI call) costs nothing most of the time.
* ``backup_after_session(store)`` — after a moderation session (leaving the moderation page, or the
  ``moderate`` command): a backup whenever the data changed since the newest one.
* Neither ever backs up a damaged or read-only database, and neither raises: a backup that could not be
  made is reported in the returned ``BackupResult`` (the user's own action already succeeded).
* ``check_database(path)`` and ``restore_database(path, source)`` back the ``db`` commands; they work on a
  damaged file, which ``open_store`` refuses.

All of it may run on any thread: backups use their own connection.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from ..domain.errors import StorageError
from ..storage import SCHEMA_VERSION, backup
from .store import Store

BACKUP_EVERY = backup.BACKUP_EVERY


@dataclass(frozen=True)
class BackupResult:
    path: Path | None  # the new backup, or None when none was due (or it failed: see ``problem``)
    problem: str | None = None


def _backup(store: Store, every: timedelta | None) -> BackupResult:
    if store.readonly or store.damage is not None:
        return BackupResult(None)
    return backup_file(store.path, every=every)


def backup_file(path: str | os.PathLike[str], *, every: timedelta | None = BACKUP_EVERY) -> BackupResult:
    """The backup of the database file at ``path`` when one is due (its own connection: any thread).

    For a caller that already knows the file is whole and writable (the GUI, after its quick check).
    """
    p = Path(path)
    try:
        if not os.access(p.parent, os.W_OK) or not backup.backup_due(p, every=every):
            return BackupResult(None)
        return BackupResult(backup.rolling_backup(p, newest=SCHEMA_VERSION))
    except Exception as exc:
        return BackupResult(None, f"{p}: no automatic backup was made ({backup.reason(exc)})")


def auto_backup(store: Store, *, every: timedelta | None = BACKUP_EVERY) -> BackupResult:
    """The backup taken when a database is opened (see the module docstring)."""
    return _backup(store, every)


def backup_after_session(store: Store, *, every: timedelta | None = None) -> BackupResult:
    """The backup taken after a moderation session: whenever the data changed since the newest backup."""
    return _backup(store, every)


@dataclass(frozen=True)
class DatabaseCheck:
    path: Path
    damage: str | None  # what integrity_check found, None when whole
    audit: str | None  # the audit verification's message (None when it could not run)
    audit_ok: bool
    newest_backup: backup.Backup | None

    @property
    def ok(self) -> bool:
        return self.damage is None and self.audit_ok

    def lines(self) -> list[str]:
        out = [f"integrity: {'ok' if self.damage is None else 'DAMAGED: ' + self.damage}"]
        out.append(f"audit: {self.audit or 'not checked (the file is damaged)'}")
        b = self.newest_backup
        out.append(
            f"newest good backup: {b.path} (taken {b.taken:%Y-%m-%d %H:%M:%S} UTC)"
            if b
            else "newest good backup: none found"
        )
        return out


def _existing(path: str | os.PathLike[str]) -> Path:
    p = Path(path).expanduser()
    if not p.exists():
        raise StorageError(f"{p}: no such database")
    if not p.is_file():
        raise StorageError(f"{p} is not a regular file")
    return p


def check_database(path: str | os.PathLike[str]) -> DatabaseCheck:
    """Full integrity check, then the audit verification when the file is whole; never writes the database.

    A file that is not an Interview Panel database (empty, not SQLite, another program's) is refused
    with StorageError rather than reported as damaged.
    """
    from ..storage import open_database, peek_user_version
    from .audit import verify_audit

    p = _existing(path)
    version = peek_user_version(p)
    if version is None:
        raise StorageError(f"{p} is an empty file, not an Interview Panel database")
    if version > SCHEMA_VERSION:
        raise StorageError(f"{p} was written by a newer version of Interview Panel (schema {version})")
    damage = backup.integrity_of(p)
    audit, audit_ok = None, False
    if damage is None:
        store = Store(open_database(p, readonly=True, check=False))
        try:
            report = verify_audit(store)
            audit, audit_ok = report.message, report.ok
        finally:
            store.close()
    return DatabaseCheck(p, damage, audit, audit_ok, backup.newest_good_backup(p, newest=SCHEMA_VERSION))


@dataclass(frozen=True)
class Restored:
    path: Path
    source: Path
    aside: Path | None  # where the file it replaced was kept


def restore_database(path: str | os.PathLike[str], source: str | os.PathLike[str] | None = None) -> Restored:
    """Replace the database with ``source`` (checked), or with its newest good backup; the file it
    replaces is kept aside. Refused, with nothing changed, when the database is open elsewhere."""
    p = Path(path).expanduser()
    if source is None:
        good = backup.newest_good_backup(p, newest=SCHEMA_VERSION)
        if good is None:
            raise StorageError(
                f"{p}: no good backup was found (looked in {backup.backups_folder(p)} and "
                f"{p.name}.bak-v*); nothing was changed"
            )
        src = good.path
    else:
        src = Path(source).expanduser()
        if not src.is_file():
            raise StorageError(f"{src}: no such backup file")
    aside = backup.restore(p, src, newest=SCHEMA_VERSION)
    return Restored(p, src, aside)
