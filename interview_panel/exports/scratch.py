"""A private folder for this process's temporary files, removed when it ends and swept at the next start.

Exports write their temporaries here (openpyxl's sheet files, the ``.part`` file that becomes the output),
and ``--demo`` keeps its temporary database here, never in the shared system temp folder where other users
could read candidate data and where nothing ever removes what a killed run left:

    <data dir>/tmp/                    0700
    <data dir>/tmp/<pid>-<start>-<random>/   0700, one per process, made on first use

* The process's folder is removed when the process exits normally (``atexit``), and the CLI and the app
  turn SIGTERM into a normal exit.
* A process killed outright (SIGKILL, power loss) leaves its folder: :func:`sweep`, run when the CLI or
  the app starts, removes every folder whose process is gone (the pid is not running, or is running a
  different process: its start time differs).
* A ``.part`` file that cannot live here (the output is on another file system, so it could not be
  renamed into place) is written beside the output and listed in the folder's ``parts`` file, so the
  sweep removes it too.

The data dir is ``INTERVIEW_PANEL_DATA_DIR`` when set, else the app's data location (the same folder Qt's
``AppDataLocation`` gives the desktop app: ``~/.local/share/InterviewPanel/interview-panel`` on Linux).
If it cannot be created, callers fall back to writing beside the output (``OSError`` from :func:`folder`).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import sys
import threading
import time
from pathlib import Path

DATA_DIR_ENV = "INTERVIEW_PANEL_DATA_DIR"
ORG, APP = "InterviewPanel", "interview-panel"
PARTS = "parts"  # the list of .part files this process keeps outside its folder
_NAME = re.compile(r"^(?P<pid>\d+)-(?P<start>[0-9a-z]+)-")
_lock = threading.Lock()
_mine: Path | None = None
_mine_pid: int | None = None


def data_dir() -> Path:
    """The app's per-user data folder (not created here)."""
    given = os.environ.get(DATA_DIR_ENV)
    if given:
        return Path(given).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / ORG / APP


def root() -> Path:
    """The folder holding one scratch folder per running process."""
    return data_dir() / "tmp"


def _private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        st = path.stat()
        if st.st_uid == os.geteuid() and st.st_mode & 0o077:
            path.chmod(0o700)


def _start_token(pid: int) -> str:
    """Something that differs between two processes that had the same pid: the start time where the
    system gives it (Linux), else ``0``."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
        fields = stat[stat.rindex(b")") + 2 :].split()
        return format(int(fields[19]), "x")  # field 22: start time in clock ticks after boot
    except (OSError, ValueError, IndexError):
        return "0"


def folder() -> Path:
    """This process's private scratch folder (created 0700 on first use; removed at exit)."""
    global _mine, _mine_pid
    pid = os.getpid()
    with _lock:
        if _mine is not None and _mine_pid == pid and _mine.is_dir():
            return _mine
        base = root()
        _private_dir(base.parent)
        _private_dir(base)
        import tempfile  # not at import: the app's start only sweeps

        made = Path(tempfile.mkdtemp(prefix=f"{pid}-{_start_token(pid)}-", dir=base))
        if _mine is None:
            atexit.register(cleanup)
        _mine, _mine_pid = made, pid
        return made


def new_dir(prefix: str) -> Path:
    """A new private folder inside this process's scratch folder (for example the --demo database)."""
    import tempfile

    return Path(tempfile.mkdtemp(prefix=prefix, dir=folder()))


def temp_file(suffix: str = "", prefix: str = "tmp-") -> Path:
    """A new empty private file in this process's scratch folder (the caller removes it when done)."""
    import tempfile

    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder())
    os.close(fd)
    return Path(name)


def part_file(target: Path) -> Path:
    """A new empty file to write ``target``'s content into before it is renamed over ``target``.

    In the scratch folder when that is on the same file system as ``target`` (the rename is then atomic);
    otherwise beside ``target`` as ``.NAME.XXXX.part``, listed for the sweep. Use :func:`forget_part` once
    it has been renamed or removed.
    """
    parent = target.parent
    try:
        mine = folder()
        if os.stat(mine).st_dev == os.stat(parent).st_dev:
            return temp_file(suffix=".part", prefix="part-")
    except OSError:
        mine = None
    import tempfile

    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=str(parent))
    os.close(fd)
    if mine is not None:
        with contextlib.suppress(OSError), open(mine / PARTS, "a", encoding="utf-8") as fh:
            fh.write(os.path.abspath(name) + "\n")
    return Path(name)


def forget_part(part: Path) -> None:
    """``part`` is gone (renamed into place or removed): drop it from this process's list."""
    mine = _mine
    if mine is None or not part.name.endswith(".part"):
        return
    listing = mine / PARTS
    with _lock, contextlib.suppress(OSError):
        keep = [
            line for line in listing.read_text(encoding="utf-8").splitlines() if line and line != os.path.abspath(part)
        ]
        if keep:
            listing.write_text("".join(f"{line}\n" for line in keep), encoding="utf-8")
        else:
            listing.unlink()


def _remove_tree(path: Path) -> None:
    """Remove a scratch folder and the .part files it lists outside itself."""
    import shutil  # only when there is something to remove

    with contextlib.suppress(OSError):
        for line in (path / PARTS).read_text(encoding="utf-8").splitlines():
            part = Path(line)
            if line and part.name.endswith(".part"):
                with contextlib.suppress(OSError):
                    if part.is_file() and not part.is_symlink():
                        part.unlink()
    shutil.rmtree(path, ignore_errors=True)


def cleanup() -> None:
    """Remove this process's scratch folder (at exit; safe to call more than once)."""
    global _mine
    with _lock:
        mine, _mine = _mine, None
        if mine is None or _mine_pid != os.getpid():
            return  # a forked child never removes its parent's folder
    _remove_tree(mine)


def _running(pid: int, start: str) -> bool:
    if os.name != "posix":
        return True  # decided by age instead (see sweep)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process: running
    except OSError:
        return True
    return start == "0" or _start_token(pid) in (start, "0")


def sweep(max_age_days: float = 7.0) -> int:
    """Remove the scratch folders of processes that are gone (and the ``.part`` files they list).

    On systems where a process cannot be checked (Windows), folders untouched for ``max_age_days`` are
    taken as gone. Returns how many folders were removed; never raises.
    """
    try:
        entries = list(os.scandir(root()))
    except OSError:
        return 0
    removed = 0
    me = _mine
    for entry in entries:
        m = _NAME.match(entry.name)
        if not m or not entry.is_dir(follow_symlinks=False):
            continue
        path = Path(entry.path)
        if me is not None and path == me:
            continue
        pid = int(m.group("pid"))
        if pid == os.getpid() and m.group("start") == _start_token(pid):
            continue
        if _running(pid, m.group("start")):
            if os.name == "posix":
                continue
            with contextlib.suppress(OSError):
                if time.time() - entry.stat().st_mtime < max_age_days * 86400:
                    continue
        _remove_tree(path)
        removed += 1
    return removed
