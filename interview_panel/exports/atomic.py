"""Write a file so that a cancelled, failed or killed job never leaves a half-written file at the target path.

The content is written to a ``.part`` file in this process's private scratch folder
(:mod:`exports.scratch`), flushed to disk and renamed over the target in one step. Only when the target is
on another file system is the ``.part`` file beside the target (so the rename stays atomic); it is then
listed for the sweep at the next start, so even a kill leaves nothing behind for long.

An error while writing names the target the user gave, never the hidden temporary file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from . import scratch


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path for ``target``'s content; on success it replaces ``target``, on error (or
    cancel, SIGTERM, Ctrl+C) it is removed and ``target`` is left as it was."""
    target = Path(target)
    try:
        tmp_path = scratch.part_file(target)
    except OSError as exc:
        raise about_target(exc, target, None) from None
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_path, target)
    except OSError as exc:
        _discard(tmp_path)
        raise about_target(exc, target, tmp_path) from None
    except BaseException:
        _discard(tmp_path)
        raise
    finally:
        scratch.forget_part(tmp_path)


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def about_target(exc: OSError, target: Path, tmp: Path | None) -> OSError:
    """``exc`` as the user should see it: an error on a temporary file (the ``.part`` file, a temporary
    file in the scratch folder, or no file named) is reported on ``target``; others are kept as they are."""
    name = exc.filename
    if name is not None and tmp is not None and os.path.abspath(name) != os.path.abspath(tmp):
        try:
            inside = Path(os.path.abspath(name)).is_relative_to(os.path.abspath(scratch.root()))
        except (OSError, ValueError):
            inside = False
        if not inside:
            return exc
    if exc.errno is None:
        return exc
    return OSError(exc.errno, exc.strerror or os.strerror(exc.errno), str(target))
