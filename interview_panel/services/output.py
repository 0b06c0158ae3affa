"""Checks on a file the user asked us to write (PDF packs, exports, kits, packs), made before any work starts.

:func:`output_path` is the one gate every writer goes through (CLI ``-o`` and the GUI's save dialogs alike).
It refuses, before anything is created, a target that:

* is a folder, or sits in a folder that does not exist;
* is not a regular file: a named pipe (FIFO), a device, a socket (it is never opened for writing: a FIFO
  would hang, a device would be written to);
* is a database: any SQLite file (the 16-byte header ``SQLite format 3\\0``), an SQLite write-ahead log or
  rollback journal (their magic numbers), the ``-wal``/``-shm``/``-journal`` file of a database, a
  backup of one (``<db>.bak-…``, ``<db>.backup…``, anything inside a ``<db>…backups`` folder), or the open
  database itself (``protect``), even when that file is still empty;
* is read-only, unless ``force`` is given (then it is replaced, never written into).

Symbolic links are judged by what they point to. Every refusal is a :class:`ValidationError` whose one line
names the file and says what is wrong; nothing has been written when it is raised.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from ..domain.errors import ValidationError

SQLITE_HEADER = b"SQLite format 3\x00"
_WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
_JOURNAL_MAGIC = b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7"
# Files SQLite (or our backups) keep beside a database named NAME.
_TAIL = r"(?:-wal|-shm|-journal|[-.]bak(?:[-._].*)?|[-.]backups?(?:[-._/\\].*)?)"
_COMPANION = re.compile(rf"^(?P<db>.+?){_TAIL}$", re.IGNORECASE | re.DOTALL)
_COMPANION_TAIL = re.compile(_TAIL, re.IGNORECASE | re.DOTALL)
_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)
_NOTHING = "nothing was written"


def output_path(
    out: str | os.PathLike[str],
    suffix: str,
    *,
    force: bool = False,
    protect: Iterable[str | os.PathLike[str] | None] = (),
) -> Path:
    """``out`` as a Path once it is safe to write there; refused in one line otherwise (see the module doc).

    ``suffix`` is the file type expected (for the message about folders); ``protect`` lists databases in
    use (the open ``--db``): they, their companions and their backups are refused even before they hold data.
    """
    path = Path(out)
    if not str(out).strip():
        raise ValidationError(f"no output file given; give a file name ending in {suffix}")
    try:
        lst = os.lstat(path)
    except FileNotFoundError:
        lst = None
    except OSError as exc:
        raise ValidationError(f"{path}: cannot be checked ({exc.strerror or exc}); {_NOTHING}") from None
    st = lst
    if lst is not None and stat.S_ISLNK(lst.st_mode):
        try:
            st = os.stat(path)
        except OSError:
            st = None  # a dangling link: writing replaces the link itself
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise ValidationError(f"{path}: is a folder; give a file name ending in {suffix}")
    if not path.parent.exists():
        raise ValidationError(f"{path}: the folder {path.parent} does not exist")
    _refuse_protected(path, protect)
    _refuse_companion(path)
    if st is None:
        return path
    for test, kind in _NOT_REGULAR:
        if test(st.st_mode):
            raise ValidationError(f"{path}: is {kind}, not a regular file; {_NOTHING}")
    if not stat.S_ISREG(st.st_mode):
        raise ValidationError(f"{path}: is not a regular file; {_NOTHING}")
    _refuse_database(path)
    if not force and _read_only(path, st):
        raise ValidationError(f"{path}: is read-only; {_NOTHING} (give --force to replace it)")
    return path


def is_sqlite_file(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a regular file that starts like an SQLite database, WAL or journal.

    Never opens anything but a regular file, and never blocks (a FIFO swapped in meanwhile is not read).
    """
    head = _head(Path(path))
    return head is not None and _looks_like_sqlite(head)


def _looks_like_sqlite(head: bytes) -> bool:
    return head.startswith((SQLITE_HEADER, _JOURNAL_MAGIC)) or head[:4] in _WAL_MAGIC


def _head(path: Path) -> bytes | None:
    """The first 16 bytes of a regular file (None for anything else or a missing file)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, 16)
    finally:
        os.close(fd)


def _refuse_database(path: Path) -> None:
    try:
        head = _head(path)
    except OSError as exc:
        raise ValidationError(
            f"{path}: cannot be read to check that it is not a database ({exc.strerror or exc}); {_NOTHING}"
        ) from None
    if head is not None and _looks_like_sqlite(head):
        raise ValidationError(f"{path}: is a database (SQLite file); {_NOTHING} - choose another file name")


def _same(a: Path, b: Path) -> bool:
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _refuse_protected(path: Path, protect: Iterable[str | os.PathLike[str] | None]) -> None:
    target = os.path.normcase(os.path.abspath(path))
    for db in protect:
        if db is None or not str(db):
            continue
        db = Path(db)
        if _same(path, db):
            raise ValidationError(f"{path}: is the campaign database in use; {_NOTHING} - choose another file name")
        base = os.path.normcase(os.path.abspath(db))
        # its -wal/-shm/-journal, NAME.bak-v1, NAME.backups/…: anything whose path continues the database's
        if target.startswith(base) and _COMPANION_TAIL.fullmatch(target[len(base) :]):
            raise ValidationError(
                f"{path}: belongs to the campaign database {db} (its journal or a backup); "
                f"{_NOTHING} - choose another file name"
            )
        backups = os.path.join(os.path.dirname(base), "backups") + os.sep
        if target.startswith(backups):
            raise ValidationError(f"{path}: is in the database backups folder; {_NOTHING} - choose another folder")


def _refuse_companion(path: Path) -> None:
    """``X-wal``, ``X-shm``, ``X.bak-…`` beside a database X, or anything inside ``X.backups/``."""
    for name, where in ((path.name, path), (path.parent.name, path.parent)):
        m = _COMPANION.match(name)
        if m and is_sqlite_file(where.with_name(m.group("db"))):
            raise ValidationError(
                f"{path}: belongs to the database {where.with_name(m.group('db'))} (its journal "
                f"or a backup); {_NOTHING} - choose another file name"
            )


def _read_only(path: Path, st: os.stat_result) -> bool:
    """No write permission bit at all, or no write access for this user (root ignores the bits)."""
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return True
    return not os.access(path, os.W_OK)
