"""CLI: several laptops (DESIGN.md "Command line").

```
member kit --db DB --campaign ID --member NAME -o FILE.ipkit        the chair makes a member's kit
member open FILE.ipkit --db MEMBER_DB                               prints the campaign id in MEMBER_DB
scores export --db MEMBER_DB --campaign ID --member NAME -o FILE.ippack [--pin PIN]
scores import --db DB FILE.ippack [FILE.ippack ...]                 all or nothing; a pack twice changes nothing
```
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from . import campaign_id, open_db, require_db, write_stdout

if TYPE_CHECKING:
    from . import Subparsers


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    ptype = type(common)
    member = sub.add_parser("member", help="member kits: the campaign on a panel member's own laptop")
    msub = member.add_subparsers(dest="member_command", metavar="SUBCOMMAND", required=True, parser_class=ptype)
    kit = msub.add_parser("kit", parents=[common], help="make a member's kit (chair)")
    kit.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    kit.add_argument("--member", required=True, metavar="NAME")
    kit.add_argument("-o", "--output", required=True, metavar="FILE.ipkit")
    kit.add_argument("--force", action="store_true", help="replace the file even when it is read-only")
    kit.set_defaults(handler=_kit)
    opn = msub.add_parser("open", parents=[common], help="open a member kit into the member's database")
    opn.add_argument("kit", metavar="FILE.ipkit")
    opn.set_defaults(handler=_open)

    scores = sub.add_parser("scores", help="score packs: hand in a member's scores, receive them at the chair")
    ssub = scores.add_subparsers(dest="scores_command", metavar="SUBCOMMAND", required=True, parser_class=ptype)
    exp = ssub.add_parser("export", parents=[common], help="hand in a member's submitted scores as a signed pack")
    exp.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    exp.add_argument("--member", required=True, metavar="NAME")
    exp.add_argument("-o", "--output", required=True, metavar="FILE.ippack")
    exp.add_argument("--force", action="store_true", help="replace the file even when it is read-only")
    exp.add_argument("--pin", default=None, help="the member's PIN (or set INTERVIEW_PANEL_PIN)")
    exp.set_defaults(handler=_export)
    imp = ssub.add_parser("import", parents=[common], help="verify and merge score packs (chair)")
    imp.add_argument("packs", nargs="+", metavar="FILE.ippack")
    imp.set_defaults(handler=_import)


def _name(text: str) -> str:
    return " ".join(text.split())


def _kit(args: argparse.Namespace) -> int:
    from ..services.kits import make_member_kit

    with open_db(args) as store:  # refuses an empty, foreign or damaged file; automatic backup
        made = make_member_kit(store, args.campaign, _name(args.member), args.output, force=args.force)
    write_stdout(f"wrote {made.path} for {made.member} (kit {made.kit_version}, {made.candidates} candidate(s))\n")
    return 0


def _open(args: argparse.Namespace) -> int:
    from ..services.kits import open_member_kit, read_kit
    from ..services.store import open_store

    db = require_db(args)
    read_kit(args.kit)  # a bad kit is refused before any database is created or touched
    with open_store(db) as store:
        opened = open_member_kit(store, args.kit)
    write_stdout(f"{opened.campaign_id}\n")
    return 0


def _export(args: argparse.Namespace) -> int:
    from ..services.kits import export_scores
    from ..services.pins import pin_from

    with open_db(args) as store:  # refuses an empty, foreign or damaged file; automatic backup
        made = export_scores(
            store, args.campaign, _name(args.member), args.output, pin=pin_from(args.pin), force=args.force
        )
    write_stdout(
        f"wrote {made.path}: {made.member}, {made.candidates} candidate(s), {made.scores} score(s); "
        f"sha256 {made.sha256}\n"
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from ..services.kits import import_packs

    with open_db(args) as store:  # refuses an empty, foreign or damaged file; automatic backup
        report = import_packs(store, args.packs)
    lines = [p.describe() for p in report.packs]
    lines.append(
        f"merged {report.candidates} candidate(s), {report.scores} score(s)"
        if report.candidates
        else "nothing new: every pack was already merged"
    )
    write_stdout("\n".join(lines) + "\n")
    return 0
