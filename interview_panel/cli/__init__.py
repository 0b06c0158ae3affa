"""The ``interview-panel`` command: the desktop app with no subcommand, otherwise the CLI contract.

Every subcommand lives in its own module here and calls the same services as the GUI. Errors the user can
act on (:class:`InterviewPanelError`, unreadable files) print one line on stderr and exit with status 2;
anything unexpected prints one line too (never a traceback) and exits with status 1.
"""
from __future__ import annotations

import argparse
import errno
import os
import sys
from typing import Sequence

from .. import __version__
from ..domain.errors import InterviewPanelError

# Modules that each add their subcommands with ``register(subparsers, common)``.
_COMMAND_MODULES = ("profile", "sheets", "campaign", "export", "kits", "report")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, status 2, as for every other refusal
        self.exit(2, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="interview-panel",
                     description="Interview question sheets, panel scoring, moderation and HR exports.")
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


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or exc.__class__.__name__


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


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Opening the app must be quick: skip importing every subcommand (and the services they use).
    args = (_app_parser() if _wants_app(argv) else build_parser()).parse_args(argv)
    try:
        if args.command is None:
            from ..ui.app import run_app

            return run_app(db=args.db, demo=args.demo)
        return int(args.handler(args) or 0)
    except InterviewPanelError as exc:
        print(f"interview-panel: {_one_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interview-panel: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        name = f" {exc.filename}:" if getattr(exc, "filename", None) else ""
        if exc.errno == errno.ENOSPC:
            msg = "the disk is full; nothing was saved by this command"
        else:
            msg = exc.strerror or _one_line(exc)
        print(f"interview-panel:{name} {msg}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        print(f"interview-panel: unexpected error ({exc.__class__.__name__}: {_one_line(exc)})", file=sys.stderr)
        if os.environ.get("INTERVIEW_PANEL_DEBUG"):
            raise
        return 1


def campaign_id(text: str) -> int:
    """argparse type for ``--campaign ID``: a positive whole number."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"campaign id {text!r} is not a number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"campaign id {text!r} is not a campaign id")
    return value


def write_stdout(text: str) -> None:
    """Write ``text`` to stdout, as UTF-8 bytes when the console's encoding cannot hold it."""
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def require_db(args: argparse.Namespace) -> str:
    """The --db a subcommand needs (given before or after the subcommand)."""
    db = getattr(args, "db", None)
    if not db:
        raise InterviewPanelError("--db PATH is required for this command")
    return db


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
