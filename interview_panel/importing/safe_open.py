"""The one way every input file is read: refused unless it is a regular file, and never read without a bound.

A named pipe (FIFO) would block the reader for ever, a device such as ``/dev/zero`` never ends, and a folder
or socket is not a document at all. ``open_input`` looks at the file with ``stat`` *before* reading a byte,
opens it without blocking, checks again on the open descriptor (the path may have been swapped in between),
and reads at most ``max_bytes``. Every refusal is one line naming the file, raised as ``error``.
"""

from __future__ import annotations

import os
import stat

from ..domain.errors import InterviewPanelError, ValidationError

_MIB = 1024 * 1024


def _not_regular(mode: int) -> str | None:
    """What the file is, when it is not a regular file; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def size_text(n: int) -> str:
    return f"{n // _MIB} MB" if n >= _MIB else f"{n // 1024} KB"


def check_input(
    path: str | os.PathLike[str],
    *,
    what: str,
    error: type[InterviewPanelError] = ValidationError,
    name: str | None = None,
) -> os.stat_result:
    """``stat`` the file (symbolic links followed) and refuse anything but an existing regular file."""
    label = name if name is not None else str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise error(f"{label}: no such file") from None
    except OSError as exc:
        raise error(f"{label}: cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    kind = _not_regular(st.st_mode)
    if kind:
        raise error(f"{label}: is {kind}, not a {what}")
    return st


def open_input(
    path: str | os.PathLike[str],
    max_bytes: int,
    *,
    what: str = "file",
    error: type[InterviewPanelError] = ValidationError,
    name: str | None = None,
) -> bytes:
    """The bytes of the regular file ``path``, refused (as ``error``) when over ``max_bytes``.

    ``what`` names the kind of file in messages ("candidates file"); ``name`` replaces the path in them.
    """
    label = name if name is not None else str(path)
    st = check_input(path, what=what, error=error, name=name)
    too_large = f"{label}: is over {size_text(max_bytes)}, too large for a {what}"
    if st.st_size > max_bytes:
        raise error(too_large)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise error(f"{label}: cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    try:
        kind = _not_regular(os.fstat(fd).st_mode)
        if kind:  # swapped for something else between the stat and the open
            raise error(f"{label}: is {kind}, not a {what}")
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, _MIB))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise error(f"{label}: cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:  # it grew after the stat
        raise error(too_large)
    return data
