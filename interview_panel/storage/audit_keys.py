"""The audit chain's secret keys, kept OUTSIDE the database file, one per campaign database.

Every campaign database has a random id (``audit_chain.database_id``, made when the database is created or
migrated to schema v5). The first audit row written on a computer creates, in this computer's key folder, a
file ``<database id>.key`` (folder 0700, file 0600 on POSIX) holding a random 256-bit key and the seq of the
first row it signs. From then on every audit row carries ``mac`` = HMAC-SHA256(key, database id + row hash)
(Python's ``hmac`` module: no hand-written cryptography). ``audit verify`` on this computer checks those MACs;
someone holding only the database file can recompute the plain sha256 chain but not a MAC.

The key folder is ``$INTERVIEW_PANEL_KEY_DIR`` when set, else the user's data folder
(``%APPDATA%``, ``~/Library/Application Support`` or ``$XDG_DATA_HOME``/``~/.local/share``) +
``interview-panel/audit-keys``. A ``<database id>.head`` file beside the key remembers the newest audit row this
computer has seen for that database (written when a store is closed and after ``audit verify``), so a log cut
short while the app was closed is caught on this computer even without a printed head.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC
from pathlib import Path
from typing import NamedTuple

# json, secrets, hmac and datetime are imported where used: opening a database (the app's start) needs none.

KEY_DIR_ENV = "INTERVIEW_PANEL_KEY_DIR"
_FORMAT = "interview-panel/audit-key/1"
_HEX = frozenset("0123456789abcdef")


class AuditKey(NamedTuple):
    database_id: str
    key: bytes
    first_seq: int  # the first audit row this computer signed with it
    path: Path


def key_dir() -> Path:
    env = os.environ.get(KEY_DIR_ENV)
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "interview-panel" / "audit-keys"


def _file(database_id: str, suffix: str) -> Path | None:
    if len(database_id or "") != 32 or not set(database_id) <= _HEX:  # it comes from the file: never a path
        return None
    return key_dir() / f"{database_id}{suffix}"


def load_key(database_id: str) -> AuditKey | None:
    """This computer's key for the database, or None (never made here, or unreadable)."""
    import json

    path = _file(database_id, ".key")
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != _FORMAT or data.get("database_id") != database_id:
            return None
        return AuditKey(database_id, bytes.fromhex(data["key"]), int(data["first_seq"]), path)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _private_dir(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)


def create_key(database_id: str, first_seq: int) -> AuditKey | None:
    """Make (durably: fsync'd before any row it signs is committed) this computer's key for the database.

    Returns the existing key when another process made it first; None when the key folder cannot be written
    (then rows are written without a MAC and ``audit verify`` says so: a score is never refused for it).
    """
    path = _file(database_id, ".key")
    if path is None:
        return None
    import json
    import secrets
    from datetime import datetime

    key = secrets.token_bytes(32)
    body = json.dumps(
        {
            "format": _FORMAT,
            "database_id": database_id,
            "key": key.hex(),
            "first_seq": first_seq,
            "created_at": datetime.now(UTC).isoformat(),
        }
    ).encode("utf-8")
    try:
        _private_dir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        return load_key(database_id)
    except OSError:
        return None
    try:
        os.write(fd, body)
        os.fsync(fd)
    except OSError:
        os.close(fd)
        try:
            path.unlink()
        except OSError:
            pass
        return None
    os.close(fd)
    _fsync_dir(path.parent)
    return AuditKey(database_id, key, first_seq, path)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def mac(key: bytes, database_id: str, row_hash: str) -> str:
    """HMAC-SHA256 of one audit row's hash (which already chains every row before it)."""
    import hmac

    return hmac.digest(key, f"{database_id}:{row_hash}".encode("ascii"), "sha256").hex()


def mac_matches(key: bytes, database_id: str, row_hash: str, stored: str | None) -> bool:
    import hmac

    return stored is not None and hmac.compare_digest(mac(key, database_id, row_hash), str(stored))


# -- the newest row this computer has seen ----------------------------------------------------------------
def load_witness(database_id: str) -> tuple[int, str] | None:
    import json

    path = _file(database_id, ".head")
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return int(data["seq"]), str(data["hash"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_witness(database_id: str, seq: int, row_hash: str) -> None:
    """Remember (seq, hash) as the newest row seen, unless a newer one is already remembered. Best effort."""
    path = _file(database_id, ".head")
    if path is None or not path.with_suffix(".key").exists():
        return  # only where this computer keeps the key (no trail left by databases it never wrote)
    import json

    known = load_witness(database_id)
    if known is not None and known[0] >= seq:
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        try:
            os.write(fd, json.dumps({"seq": seq, "hash": row_hash}).encode("ascii"))
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


def forget_witness(database_id: str) -> None:
    path = _file(database_id, ".head")
    if path is not None:
        try:
            path.unlink()
        except OSError:
            pass
