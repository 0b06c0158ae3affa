"""CLI: retention, erasure and subject access (issue 17).

```
campaign retention --db DB --campaign ID [--until DATE | --months N] [--hold | --release]   show / set
campaign purge --db DB --campaign ID [--force]      erase the campaign's personal data (exit 2 on hold / not due)
candidate export --db DB --campaign ID --candidate REF -o FILE.pdf [--redact-members]   subject access copy
```
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from . import campaign_id, whole_number, write_stdout

if TYPE_CHECKING:
    from ..services.store import Store
    from . import Subparsers


def _subcommands(sub: Subparsers, name: str, help_: str, ptype: type[argparse.ArgumentParser]) -> Subparsers:
    """The subcommands of top-level command ``name``, created here when no other module made it."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help_)
        return parser.add_subparsers(dest=f"{name}_command", metavar="SUBCOMMAND", required=True, parser_class=ptype)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise AssertionError(f"command {name} has no subcommands")  # pragma: no cover


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"date {text!r} is not a date (YYYY-MM-DD)") from None


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    ptype = type(common)
    csub = _subcommands(sub, "campaign", "create and list campaigns", ptype)
    ret = csub.add_parser(
        "retention",
        parents=[common],
        help="show or set when the personal data is erased",
        description="Without options: show the retention date and legal hold. The default "
        "date is 6 months after the campaign's last outcome.",
    )
    ret.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    when = ret.add_mutually_exclusive_group()
    when.add_argument("--until", type=_day, metavar="DATE", help="keep the personal data until DATE (YYYY-MM-DD)")
    when.add_argument(
        "--months",
        type=whole_number("months", maximum=1200),
        metavar="N",
        help="keep it N months after the last outcome",
    )
    hold = ret.add_mutually_exclusive_group()
    hold.add_argument("--hold", action="store_true", help="put the campaign under a legal hold (blocks purge)")
    hold.add_argument("--release", action="store_true", help="release the legal hold")
    ret.set_defaults(handler=_retention)
    pur = csub.add_parser(
        "purge",
        parents=[common],
        help="erase the campaign's personal data",
        description="Erase candidate names (each becomes its reference), notes, rationales, "
        "adjustments, monitoring data and the audit log's personal text; keep the "
        "scores, outcomes and statistics. Refused under a legal hold, and before "
        "the retention date unless --force (audited).",
    )
    pur.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    pur.add_argument("--force", action="store_true", help="erase before the retention date (audited)")
    pur.set_defaults(handler=_purge)
    cand = _subcommands(sub, "candidate", "one candidate's data (subject access)", ptype)
    exp = cand.add_parser(
        "export",
        parents=[common],
        help="everything held about one candidate, as one PDF",
        description="Write a subject-access copy: the candidate's scores and notes from each "
        "member, agreed scores and rationales, outcome and reasons, adjustments, "
        "monitoring data, retention, the audit entries about them and the chain's "
        "head hash.",
    )
    exp.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    exp.add_argument("--candidate", required=True, metavar="REF")
    exp.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    exp.add_argument("--redact-members", action="store_true", help="name members Member 1, Member 2… instead")
    exp.add_argument("--force", action="store_true", help="replace a read-only output file")
    exp.set_defaults(handler=_candidate_export)


def _store(args: argparse.Namespace) -> Store:
    from .report import _open

    return _open(args)


def _retention(args: argparse.Namespace) -> int:
    from ..services.privacy import retention, set_retention

    with _store(args) as store:
        if args.until is not None or args.months is not None or args.hold or args.release:
            r = set_retention(
                store,
                args.campaign,
                until=args.until,
                months=args.months,
                hold=True if args.hold else (False if args.release else None),
            )
        else:
            r = retention(store, args.campaign)
    write_stdout("\n".join(r.lines()) + "\n")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from ..services.privacy import purge

    with _store(args) as store:
        report = purge(store, args.campaign, force=args.force)
    write_stdout("\n".join(report.lines()) + "\n")
    return 0


def _candidate_export(args: argparse.Namespace) -> int:
    from ..services.subject_access import export_subject_access

    with _store(args) as store:
        path = export_subject_access(
            store,
            args.campaign,
            args.candidate.strip(),
            args.output,
            redact_members=args.redact_members,
            force=args.force,
        )
    write_stdout(f"wrote {path}\n")
    return 0
