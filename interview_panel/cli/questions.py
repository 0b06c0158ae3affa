"""CLI: ``interview-panel questions (--profile FILE [--slot MINUTES] | --db DB --campaign ID) [--json]`` prints
the interview plan; ``interview-panel check`` records a candidate's pre-employment check."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import InterviewPanelError
from . import campaign_id, require_db, write_stdout

if TYPE_CHECKING:
    from ..services.store import Store
    from . import Subparsers


def _slot(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"slot {text!r} is not a whole number of minutes") from None
    if not 10 <= value <= 480:
        raise argparse.ArgumentTypeError(f"slot {value} minutes is outside 10 to 480")
    return value


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the ``questions`` and ``check`` subcommands."""
    p = sub.add_parser(
        "questions",
        parents=[common],
        help="print the interview plan",
        description="The interview plan: each question with its minutes, what it also covers, its "
        "probes, indicators and anchors, and the checks the chair records apart.",
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--profile", metavar="FILE", help="role profile (.txt or .docx): the default plan")
    src.add_argument("--campaign", metavar="ID", type=campaign_id, help="campaign id in --db")
    p.add_argument("--slot", metavar="MINUTES", type=_slot, help="slot length for --profile (default 45)")
    p.add_argument("--json", action="store_true", help="print the interview-panel/questions/1 JSON")
    p.set_defaults(handler=run)

    c = sub.add_parser(
        "check",
        parents=[common],
        help="record a candidate's pre-employment check",
        description="Record one check (a criterion the plan checks rather than scores) for one "
        "candidate as confirmed, not confirmed or pending.",
    )
    c.add_argument("--campaign", metavar="ID", type=campaign_id, required=True)
    c.add_argument("--candidate", metavar="REF", required=True)
    c.add_argument("--check", metavar="ID", required=True, help="criterion id, e.g. O3")
    c.add_argument("--state", required=True, choices=("confirmed", "not confirmed", "pending"))
    c.add_argument("--actor", metavar="NAME", default="chair", help=argparse.SUPPRESS)
    c.set_defaults(handler=run_check)


def _open(args: argparse.Namespace) -> Store:
    from ..services.store import open_store

    db = require_db(args)
    if not Path(db).exists():
        raise InterviewPanelError(f"{db}: no such database")
    return open_store(db)


def run(args: argparse.Namespace) -> int:
    from ..services.plan import plan_document, plan_text

    if args.profile is not None:
        from ..domain.scoring import ScoringRules
        from ..services.profiles import load_profile
        from ..services.questions import build_question_set

        profile = load_profile(args.profile)
        doc = plan_document(profile, build_question_set(profile, slot=args.slot), ScoringRules())
    else:
        if args.slot is not None:
            raise InterviewPanelError("--slot goes with --profile; a campaign's slot is set on its Items page")
        from ..services.campaigns import get_campaign

        store = _open(args)
        try:
            c = get_campaign(store, args.campaign)
        finally:
            store.close()
        profile = c.profile
        doc = plan_document(profile, c.question_set, c.rules)
    if args.json:
        write_stdout(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    else:
        write_stdout(plan_text(doc, profile))
    return 0


def run_check(args: argparse.Namespace) -> int:
    from ..services.checks import record_check

    store = _open(args)
    try:
        record_check(
            store, args.campaign, candidate=args.candidate, criterion=args.check, state=args.state, actor=args.actor
        )
    finally:
        store.close()
    return 0
