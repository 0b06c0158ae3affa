"""CLI: corrections to the panel and the candidates (DESIGN.md contract).

```
panel rename --db DB --campaign ID --member NAME --name NEW
panel remove --db DB --campaign ID --member NAME          refused when the member has scores
panel chair --db DB --campaign ID --member NAME           refused once moderation has begun
candidates status --db DB --campaign ID --candidate REF --status active|withdrawn|absent [--reason TEXT]
candidates edit --db DB --campaign ID --candidate REF [--name NAME] [--slot WHEN] [--reference NEW]
```
They add to the ``panel`` and ``candidates`` commands of :mod:`.campaign` (registered before this module).
Refusals exit 2 with one line on stderr and write nothing.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..domain.errors import ValidationError
from . import campaign_id, write_stdout
from .campaign import _spaced, _store

if TYPE_CHECKING:
    from . import Subparsers


def _children(parser: argparse.ArgumentParser) -> Subparsers:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    panel = _children(sub.choices["panel"])
    ren = panel.add_parser("rename", parents=[common], help="correct a panel member's name")
    ren.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    ren.add_argument("--member", required=True, type=_spaced, metavar="NAME")
    ren.add_argument("--name", required=True, metavar="NEW")
    ren.set_defaults(handler=_rename)
    rem = panel.add_parser("remove", parents=[common], help="remove a panel member who has no scores")
    rem.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    rem.add_argument("--member", required=True, type=_spaced, metavar="NAME")
    rem.set_defaults(handler=_remove)
    ch = panel.add_parser("chair", parents=[common], help="make a member the chair (before moderation begins)")
    ch.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    ch.add_argument("--member", required=True, type=_spaced, metavar="NAME")
    ch.set_defaults(handler=_chair)

    cands = _children(sub.choices["candidates"])
    st = cands.add_parser("status", parents=[common], help="mark a candidate active, withdrawn or absent")
    st.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    st.add_argument("--candidate", required=True, type=_spaced, metavar="REF")
    st.add_argument("--status", required=True, metavar="STATUS", help="active, withdrawn or absent")
    st.add_argument("--reason", default="", metavar="TEXT")
    st.set_defaults(handler=_status)
    ed = cands.add_parser("edit", parents=[common], help="correct a candidate's name, slot or reference")
    ed.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    ed.add_argument("--candidate", required=True, type=_spaced, metavar="REF")
    ed.add_argument("--name", default=None)
    ed.add_argument("--slot", default=None, metavar="WHEN", help="interview date and time ('' clears it)")
    ed.add_argument("--reference", default=None, metavar="NEW", help="only while the candidate has no scores")
    ed.set_defaults(handler=_edit)


def _rename(args: argparse.Namespace) -> int:
    from ..services.corrections import rename_member

    with _store(args) as store:
        m = rename_member(store, args.campaign, args.member, args.name)
    write_stdout(f"renamed {args.member} to {m.name} in campaign {args.campaign}\n")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from ..services.corrections import remove_member

    with _store(args) as store:
        m = remove_member(store, args.campaign, args.member)
    write_stdout(f"removed {m.name} from the panel of campaign {args.campaign}\n")
    return 0


def _chair(args: argparse.Namespace) -> int:
    from ..services.corrections import set_chair

    with _store(args) as store:
        before = set_chair(store, args.campaign, args.member)
    was = f" (was {before})" if before and before != args.member else ""
    write_stdout(f"{args.member} chairs campaign {args.campaign}{was}\n")
    return 0


def _status(args: argparse.Namespace) -> int:
    from ..domain.moderation import parse_attendance
    from ..services.corrections import set_candidate_status

    try:
        parse_attendance(args.status)  # refuse before the database is opened
    except ValueError as exc:
        raise ValidationError(f"--status: {exc}") from None
    with _store(args) as store:
        edit = set_candidate_status(store, args.campaign, args.candidate, args.status, args.reason)
    why = f" ({edit.after.attendance_reason})" if edit.after.attendance_reason else ""
    write_stdout(f"{edit.after.reference} is {edit.after.attendance}{why}\n")
    return 0


def _edit(args: argparse.Namespace) -> int:
    from ..importing.slots import parse_slot
    from ..services.campaigns import list_candidates
    from ..services.corrections import edit_candidate

    with _store(args) as store:
        current = next((c for c in list_candidates(store, args.campaign) if c.reference == args.candidate), None)
        if current is None:
            raise ValidationError(f"unknown candidate {args.candidate!r} in campaign {args.campaign}")
        try:
            slot = current.slot if args.slot is None else parse_slot(args.slot)
        except ValueError as exc:
            raise ValidationError(f"--slot: {exc}") from None
        edit = edit_candidate(
            store,
            args.campaign,
            args.candidate,
            name=args.name or current.name,
            slot=slot,
            new_reference=args.reference,
        )
    write_stdout(f"{edit.after.reference}: {edit.after.name}\n")
    return 0
