"""CLI: ``interview-panel profile show FILE [--json]``.

``--json`` prints exactly ``profile.to_json()`` (indent 2, UTF-8 characters kept) to stdout; without it, the
readable summary of :func:`interview_panel.services.profiles.profile_summary`. A file that is not a
readable role profile exits with status 2 and one line on stderr (handled by ``cli.main``).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from ..services.profiles import load_profile, profile_summary
from . import write_stdout

if TYPE_CHECKING:
    from . import Subparsers


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``profile`` command and its ``show`` subcommand."""
    p = sub.add_parser("profile", help="role profile commands")
    psub = p.add_subparsers(dest="profile_command", metavar="SUBCOMMAND", required=True, parser_class=type(p))
    show = psub.add_parser("show", help="read a role profile (.txt or .docx) and show what was found")
    show.add_argument("file", metavar="FILE", help="role profile: .docx, or text saved by Word or LibreOffice")
    show.add_argument("--json", action="store_true", help="print the role-profile JSON contract")
    show.set_defaults(handler=_show)


def _show(args: argparse.Namespace) -> int:
    profile = load_profile(args.file)
    if args.json:
        text = json.dumps(profile.to_json(), indent=2, ensure_ascii=False) + "\n"
    else:
        text = profile_summary(profile)
    write_stdout(text, json_text=args.json)
    return 0
