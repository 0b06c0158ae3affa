"""SQL for retention and erasure (issue 17): the retention row of a campaign, what a purge blanks, and the
file-level clean-up after it (VACUUM, WAL truncated, backups replaced)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..domain.errors import StorageError
from .repository import PERSONAL_FIELDS, Repository, parse_text_ref


def retention_row(repo: Repository, cid: int) -> tuple[str | None, int, bool, str | None]:
    """(until, months, hold, purged_at) of a campaign; the defaults when nothing was set."""
    row = repo.conn.execute(
        "SELECT until, months, hold, purged_at FROM retention WHERE campaign_id = ?", (cid,)
    ).fetchone()
    if row is None:
        return None, 6, False, None
    return row[0], int(row[1]), bool(row[2]), row[3]


def put_retention(
    repo: Repository, cid: int, *, until: str | None, months: int, hold: bool, purged_at: str | None
) -> None:
    repo.conn.execute(
        "INSERT INTO retention (campaign_id, until, months, hold, purged_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (campaign_id) DO UPDATE SET until = excluded.until, months = excluded.months, "
        "hold = excluded.hold, purged_at = excluded.purged_at",
        (cid, until, months, int(hold), purged_at),
    )


def last_outcome(repo: Repository, cid: int) -> str | None:
    """The latest agreed_at of a moderated candidate (every item agreed), or None when none is moderated."""
    row = repo.conn.execute(
        """SELECT max(last) FROM (SELECT max(a.agreed_at) AS last FROM agreed a WHERE a.campaign_id = ?1
               GROUP BY a.candidate_id
               HAVING count(*) >= (SELECT count(*) FROM items i WHERE i.campaign_id = ?1))""",
        (cid,),
    ).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def campaign_text_ids(repo: Repository, cid: int) -> list[int]:
    """Ids of the audit_text rows the campaign's audit rows refer to (names, notes, rationales)."""
    ids: list[int] = []
    for old, new, reason in repo.conn.execute(
        f"SELECT old, new, reason FROM audit WHERE campaign_id = ? AND action IN "
        f"({', '.join('?' * len(PERSONAL_FIELDS))})",
        (cid, *PERSONAL_FIELDS),
    ):
        for value in (old, new, reason):
            ref = parse_text_ref(value)
            if ref is not None:
                ids.append(ref[0])
    return ids


def _adjustment_tables(repo: Repository) -> list[str]:
    """Tables of reasonable adjustments (issue 13), whatever their exact name, that are kept per campaign."""
    names = [
        str(r[0])
        for r in repo.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%adjust%'")
    ]
    return [n for n in names if any(c[1] == "campaign_id" for c in repo.conn.execute(f'PRAGMA table_info("{n}")'))]


def erase_personal_data(repo: Repository, cid: int, at: str) -> dict[str, int]:
    """Blank the campaign's personal data in one transaction (the caller's): candidate names become their
    reference, notes and rationales become empty, adjustments and monitoring categories are deleted and the
    audit text the campaign's rows refer to is erased (digests kept). Returns counts of what was erased."""
    conn = repo.conn
    conn.execute("PRAGMA secure_delete = ON")  # freed pages are zeroed as they are freed
    counts: dict[str, Any] = {}
    counts["names"] = conn.execute(
        "UPDATE candidates SET name = reference WHERE campaign_id = ? AND name != reference", (cid,)
    ).rowcount
    counts["notes"] = conn.execute("UPDATE scores SET note = '' WHERE campaign_id = ? AND note != ''", (cid,)).rowcount
    counts["rationales"] = conn.execute(
        "UPDATE agreed SET rationale = '' WHERE campaign_id = ? AND rationale != ''", (cid,)
    ).rowcount
    counts["adjustments"] = sum(
        conn.execute(f'DELETE FROM "{t}" WHERE campaign_id = ?', (cid,)).rowcount for t in _adjustment_tables(repo)
    )
    counts["monitoring"] = conn.execute("DELETE FROM monitoring WHERE campaign_id = ?", (cid,)).rowcount
    ids = list(campaign_text_ids(repo, cid))
    held = (
        {
            int(r[0])
            for r in conn.execute(
                f"SELECT id FROM audit_text WHERE text IS NOT NULL AND id IN ({', '.join('?' * len(ids))})", ids
            )
        }
        if ids
        else set()
    )
    repo.erase_audit_texts(sorted(held), at)
    counts["audit texts"] = len(held)
    return counts


def compact(conn: sqlite3.Connection, path: Path) -> None:
    """Rewrite the file without free pages (VACUUM) and empty the write-ahead log, so no erased text is left
    anywhere in the database's files. Raises StorageError when another connection keeps the log in use."""
    try:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("VACUUM")
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error as exc:
        raise StorageError(
            f"{path}: the file could not be compacted after erasure ({exc}); close the other "
            "windows using it and purge again"
        ) from None
    if busy:
        raise StorageError(
            f"{path}: another program is reading the database, so its log could not be emptied; "
            "close it and purge again"
        )


def replace_backups(conn: sqlite3.Connection, path: Path, when: datetime) -> tuple[list[Path], Path | None]:
    """Delete every copy of the database kept beside it: migration backups (``<db>.bak-*``), files set aside
    by a restore (``<db>.damaged-*``) and everything in the rolling-backup folder ``<db>.backups/``; when that
    folder exists, put one fresh backup of the purged file there, named as the rolling backups are
    (``<UTC time>.sqlite``, 0600) and checked with ``PRAGMA integrity_check``. Returns (deleted, fresh)."""
    deleted: list[Path] = []
    for pattern in (f"{path.name}.bak-*", f"{path.name}.damaged-*"):
        for old in sorted(path.parent.glob(pattern)):
            if old.is_file() or old.is_symlink():
                old.unlink()
                deleted.append(old)
    folder = Path(f"{path}.backups")
    fresh: Path | None = None
    if folder.is_dir():
        for old in sorted(folder.rglob("*"), reverse=True):
            if old.is_file() or old.is_symlink():
                old.unlink()
                deleted.append(old)
            elif old.is_dir():
                old.rmdir()
        fresh = folder / f"{when.astimezone(UTC).strftime('%Y-%m-%dT%H-%M-%S.%fZ')}.sqlite"
        fresh.touch(mode=0o600)
        target = sqlite3.connect(str(fresh))
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            ok = str(target.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            target.close()
        if ok != "ok":
            fresh.unlink(missing_ok=True)
            raise StorageError(f"{fresh}: the fresh backup failed its integrity check ({ok})")
    return deleted, fresh


def candidate_adjustments(repo: Repository, cid: int, candidate_id: int) -> list[tuple[str, str]]:
    """(what, value) of every reasonable adjustment held for one candidate, whatever table holds them."""
    out: list[tuple[str, str]] = []
    for table in _adjustment_tables(repo):
        cols = [str(c[1]) for c in repo.conn.execute(f'PRAGMA table_info("{table}")')]
        if "candidate_id" not in cols:
            continue
        cur = repo.conn.execute(
            f'SELECT * FROM "{table}" WHERE campaign_id = ? AND candidate_id = ?', (cid, candidate_id)
        )
        for row in cur.fetchall():
            out += [
                (col, "" if val is None else str(val))
                for col, val in zip(cols, row)
                if col not in ("campaign_id", "candidate_id", "id") and val not in (None, "")
            ]
    return out


def candidate_checks(repo: Repository, cid: int, candidate_id: int) -> list[tuple[str, str]]:
    """(check, state with who recorded it and when) of the candidate's pre-employment checks, when the
    database has them (issue 13's ``checks`` table)."""
    cols = [str(c[1]) for c in repo.conn.execute('PRAGMA table_info("checks")')]
    if not {"campaign_id", "candidate_id", "criterion", "state"} <= set(cols):
        return []
    extra = [c for c in ("recorded_by", "recorded_at") if c in cols]
    rows = repo.conn.execute(
        f"SELECT criterion, state{''.join(', ' + c for c in extra)} FROM checks "
        "WHERE campaign_id = ? AND candidate_id = ? ORDER BY criterion",
        (cid, candidate_id),
    )
    return [
        (f"Check: {r[0]}", " ".join([str(r[1])] + ([f"(recorded by {r[2]}, {r[3]})"] if len(r) > 3 else [])))
        for r in rows
    ]
