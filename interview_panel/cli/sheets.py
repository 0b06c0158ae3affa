"""CLI: ``interview-panel sheets (--profile FILE | --db DB --campaign ID) -o OUT.pdf [--candidate REF]
[--member NAME]`` — printable question packs and the chair's grid."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..domain.errors import InterviewPanelError
from . import campaign_id, open_db, write_stderr

if TYPE_CHECKING:
    from . import Subparsers


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``sheets`` subcommand."""
    p = sub.add_parser(
        "sheets",
        parents=[common],
        help="print question packs to a PDF",
        description="Question packs for a role profile (one blank pack) or for a campaign "
        "(one pack per candidate and panel member), plus the chair's grid.",
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--profile", metavar="FILE", help="role profile (.txt or .docx): one blank pack")
    src.add_argument("--campaign", metavar="ID", type=campaign_id, help="campaign id in --db")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT.pdf",
        required=True,
        help="PDF file to write (never a database or a non-regular file)",
    )
    p.add_argument("--force", action="store_true", help="replace OUT.pdf even when it is read-only")
    p.add_argument("--candidate", metavar="REF", help="only this candidate's packs (campaigns)")
    p.add_argument("--member", metavar="NAME", help="only this panel member's packs (campaigns)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..services.sheets import sheets_for_campaign, sheets_for_profile

    if args.profile is not None:
        if args.candidate or args.member:
            raise InterviewPanelError("--candidate and --member need --campaign (a profile gives a blank pack)")
        result = sheets_for_profile(args.profile, args.output, force=args.force)
    else:
        store = open_db(args)  # never creates a database; refuses an empty, foreign or damaged one
        try:
            result = sheets_for_campaign(
                store, args.campaign, args.output, candidate=args.candidate, member=args.member, force=args.force
            )
        finally:
            store.close()
    write_stderr(
        f"wrote {result.path} ({result.packs} pack{'s' if result.packs != 1 else ''}, {result.items} items each)"
    )
    return 0
