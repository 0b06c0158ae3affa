"""The ``interview-panel`` command: the desktop app with no subcommand, otherwise the CLI contract.

Every subcommand lives in its own module here and calls the same services as the GUI. Errors the user can
act on (:class:`InterviewPanelError`, unreadable files) print one line on stderr and exit with status 2;
anything unexpected prints one line too (never a traceback) and exits with status 1.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

from .. import __version__
from ..domain.errors import InterviewPanelError

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from ..services.store import Store

    # what build_parser hands each command module's register(): add_parser() makes its commands
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

# Modules that each add their subcommands with ``register(subparsers, common)``.
_COMMAND_MODULES = (
    "profile",
    "sheets",
    "campaign",
    "export",
    "kits",
    "report",
    "db",
    "questions",
    "privacy",
    "corrections",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, status 2, as for every other refusal
        self.exit(2, f"{self.prog}: {message}\n")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse's messages quote what was typed: no terminal escapes in them either
        super()._print_message(printable(message) if message else message, file)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="interview-panel", description="Interview question sheets, panel scoring, moderation and HR exports."
    )
    parser.add_argument("--version", action="version", version=f"interview-panel {__version__}")
    parser.add_argument("--db", metavar="PATH", help="campaign database (default: the last one used)")
    parser.add_argument("--demo", action="store_true", help="open a sample campaign in a temporary database")
    common = _Parser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="campaign database file")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    import importlib

    for name in _COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub, common)
    return parser


# Terminal control: escape sequences (CSI, OSC, DCS, SOS/PM/APC, two-character ESC x; 7-bit and 8-bit forms)
# and single C0/C1 controls and DEL. Tab and line feed are kept. String-type sequences end at their
# terminator or at the end of the line, so a stray introducer never hides the rest of the output.
_TERMINAL_CONTROL = re.compile(
    r"\x1b[\]P^_X][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|\x1b[ -/]*[0-~]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
_C1 = re.compile(r"[\x80-\x9f]")


def printable(text: str) -> str:
    """``text`` with every terminal escape sequence and control character (other than tab and newline)
    removed: what the CLI prints (names, notes, rationales, file names, messages) cannot move the cursor,
    retitle the window, clear the screen or hide text."""
    return _TERMINAL_CONTROL.sub("", text)


def printable_json(text: str) -> str:
    """JSON text made terminal-safe without changing its meaning: ``json.dumps`` already escapes C0
    controls (ESC included); the C1 controls it leaves raw become ``\\u0080``-style escapes."""
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _one_line(exc: BaseException) -> str:
    text = " ".join(printable(str(exc)).split())
    return text or exc.__class__.__name__


def write_stderr(line: str) -> None:
    """Print one message line on stderr, terminal escapes removed."""
    print(printable(line), file=sys.stderr)


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwinds the command like Ctrl+C does, so every ``finally`` and ``except
    BaseException`` runs (half-written files removed, transactions rolled back) and the process exits
    through ``atexit`` (the scratch folder removed)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        import signal

        self.signum = signum
        self.signal_name = signal.Signals(signum).name


@contextmanager
def _signals_end_cleanly() -> Iterator[None]:
    """Turn SIGTERM/SIGHUP into :class:`Terminated` while a command runs (main thread only)."""
    import signal  # here, not at import: opening the desktop app does not need it yet
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]

    def raise_terminated(signum: int, _frame: object) -> None:
        raise Terminated(signum)

    previous = {sig: signal.signal(sig, raise_terminated) for sig in wanted}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _wants_app(argv: Sequence[str]) -> bool:
    """True when no subcommand (and no --help/--version) is given: the desktop app is wanted."""
    skip_value = False
    for token in argv:
        if skip_value:
            skip_value = False
        elif token == "--db":
            skip_value = True
        elif token in ("-h", "--help", "--version") or not token.startswith("-"):
            return False
    return True


def _app_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="interview-panel")
    parser.add_argument("--db", metavar="PATH")
    parser.add_argument("--demo", action="store_true")
    parser.set_defaults(command=None)
    return parser


# Arguments that name files: bytes that are not UTF-8 are fine there (the OS takes them back as they came).
_PATH_ARGS = frozenset({"db", "profile", "output", "file", "kit", "packs", "source", "from_"})


def _refuse_undecodable(args: argparse.Namespace) -> None:
    """A text value (name, reference, note, rationale...) holding bytes that are not valid text is refused in one
    line before anything is opened: it could not be stored, printed or exported faithfully."""
    for key, value in vars(args).items():
        if key in _PATH_ARGS or key.startswith("_"):
            continue
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    shown = "--" + key.replace("_", "-")
                    raise InterviewPanelError(
                        f"{shown}: the value is not valid text (bytes that are not UTF-8); nothing was written"
                    ) from None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Opening the app must be quick: skip importing every subcommand (and the services they use).
    args = (_app_parser() if _wants_app(argv) else build_parser()).parse_args(argv)
    try:
        if args.command is None:
            from ..ui.app import run_app

            return run_app(db=args.db, demo=args.demo)
        _refuse_undecodable(args)
        from ..exports import scratch

        scratch.sweep()  # temporary files of earlier runs that were killed
        _OPENED.clear()
        with _signals_end_cleanly():
            code = int(args.handler(args) or 0)
            if code == 0:
                _backup_opened()  # inside: a SIGTERM during the backup leaves no half-written file either
        return code
    except Terminated as exc:
        write_stderr(f"interview-panel: stopped by {exc.signal_name}; no file was half-written")
        return 128 + exc.signum
    except InterviewPanelError as exc:
        write_stderr(f"interview-panel: {_one_line(exc)}")
        return 2
    except KeyboardInterrupt:
        write_stderr("interview-panel: interrupted")
        return 130
    except OSError as exc:
        name = f" {exc.filename}:" if getattr(exc, "filename", None) else ""
        if exc.errno == errno.ENOSPC:
            msg = "the disk is full; nothing was saved by this command"
        else:
            msg = exc.strerror or _one_line(exc)
        write_stderr(f"interview-panel:{name} {msg}")
        return 2
    except Exception as exc:
        write_stderr(f"interview-panel: unexpected error ({exc.__class__.__name__}: {_one_line(exc)})")
        if os.environ.get("INTERVIEW_PANEL_DEBUG"):
            raise
        return 1


# The largest whole number a database row id can hold (SQLite INTEGER: signed 64-bit).
MAX_ID = 2**63 - 1
_WHOLE = re.compile(r"\s*\+?[0-9]+\s*", re.ASCII)


def whole_number(what: str, *, minimum: int = 1, maximum: int = MAX_ID) -> Callable[[str], int]:
    """An argparse type for a whole-number option (``what`` names it in the message): plain ASCII digits
    between ``minimum`` and ``maximum``. Anything else ("1_0", "１", "1e3", 20 digits) is refused by argparse
    with exit 2 and one line, before any file is opened."""

    def parse(text: str) -> int:
        if not _WHOLE.fullmatch(text):
            raise argparse.ArgumentTypeError(f"{what} {text!r} is not a whole number")
        value = int(text)
        if not minimum <= value <= maximum:
            raise argparse.ArgumentTypeError(f"{what} {text!r} is out of range ({minimum} to {maximum})")
        return value

    parse.__name__ = what.replace(" ", "_")
    return parse


campaign_id = whole_number("campaign id")
"""argparse type for ``--campaign ID``: a positive whole number a database can hold."""


def write_stdout(text: str, *, json_text: bool = False) -> None:
    """Write ``text`` to stdout, as UTF-8 bytes when the console's encoding cannot hold it.

    Terminal escapes are removed first (:func:`printable`); ``json_text`` (a JSON document) is escaped
    instead, so the JSON means exactly the same (:func:`printable_json`)."""
    text = printable_json(text) if json_text else printable(text)
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


_OPENED: list[str] = []  # databases a command opened: backed up when it succeeds


def open_db(args: argparse.Namespace, *, create: bool = False, backup: bool = True) -> Store:
    """Open the command's --db: never creating one unless ``create`` (``campaign create``), refusing an
    empty, foreign or damaged file. When the command then succeeds, the automatic backup is taken if one
    is due (see ``services.backups``); a backup that could not be made is one warning line on stderr."""
    from ..services.store import open_store

    db = require_db(args)
    if not create and not os.path.exists(db):
        raise InterviewPanelError(f"{db}: no such database (create a campaign first: campaign create --db {db} ...)")
    store = open_store(db, create=bool(create))
    if backup and not create:
        _OPENED.append(str(store.path))
    return store


def _backup_opened() -> None:
    from ..services.backups import backup_file

    for path in dict.fromkeys(_OPENED):
        warn(backup_file(path).problem)


def warn(problem: str | None) -> None:
    if problem:
        write_stderr(f"interview-panel: warning: {problem}")


def require_db(args: argparse.Namespace) -> str:
    """The --db a subcommand needs (given before or after the subcommand)."""
    db = getattr(args, "db", None)
    if not db:
        raise InterviewPanelError("--db PATH is required for this command")
    return str(db)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
