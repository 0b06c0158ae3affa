"""CLI: campaigns, candidates, panel, scoring, moderation, results and the audit check (DESIGN.md contract).

```
campaign create --db DB --profile FILE --name NAME      prints the campaign id
campaign list --db DB [--json]
candidates import --db DB --campaign ID FILE [--update]   .csv or .xlsx: reference, name[, slot]
panel add --db DB --campaign ID --name NAME [--chair]
score --db DB --campaign ID --candidate REF --member NAME --item ITEM --score N [--note TEXT]
submit --db DB --campaign ID --candidate REF --member NAME
moderate --db DB --campaign ID --candidate REF --item ITEM --score N [--rationale TEXT] [--actor NAME]
results --db DB --campaign ID [--json]
audit verify --db DB [--head HASH]                      exit 0 intact, 1 with the first bad row; last line head: <sha256>
```
Refusals (bad input, a rule forbidding the action) exit 2 with one line on stderr and write nothing.
``--json`` output goes to stdout and nothing else does.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..domain.errors import ValidationError
from ..services.store import Store
from . import campaign_id, open_db, printable, require_db, warn, write_stderr, write_stdout

if TYPE_CHECKING:
    from . import Subparsers

if TYPE_CHECKING:
    from ..domain.profile import RoleProfile


def register(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    """Add the campaign, candidates, panel, score, submit, moderate, results and audit commands."""
    _register_setup(sub, common)
    _register_scoring(sub, common)
    _register_results(sub, common)


def _register_setup(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    """campaign create|list, candidates import, panel add."""
    ptype = type(common)
    camp = sub.add_parser("campaign", help="create and list campaigns")
    csub = camp.add_subparsers(dest="campaign_command", metavar="SUBCOMMAND", required=True, parser_class=ptype)
    create = csub.add_parser("create", parents=[common], help="create a campaign from a role profile")
    create.add_argument("--profile", required=True, metavar="FILE", help="role profile (.docx or .txt)")
    create.add_argument("--name", required=True, help="campaign name")
    create.set_defaults(handler=_create)
    lst = csub.add_parser("list", parents=[common], help="list the campaigns in a database")
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(handler=_list)

    cand = sub.add_parser("candidates", help="candidates of a campaign")
    casub = cand.add_subparsers(dest="candidates_command", metavar="SUBCOMMAND", required=True, parser_class=ptype)
    imp = casub.add_parser(
        "import",
        parents=[common],
        help="import candidates from .csv or .xlsx (all or none)",
        description="Add the candidates in FILE. Rows already in the campaign unchanged are "
        "left alone; a row that changes one refuses the whole file unless "
        "--update is given.",
    )
    imp.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    imp.add_argument(
        "file",
        metavar="FILE",
        help="reference,name[,slot] (.csv or .xlsx); HR headers such as "
        "Candidate No., Forename, Surname, Date, Time are recognised",
    )
    imp.add_argument(
        "--update",
        action="store_true",
        help="change the name or slot of candidates already in the campaign to the file's",
    )
    imp.set_defaults(handler=_import)

    panel = sub.add_parser("panel", help="panel members of a campaign")
    psub = panel.add_subparsers(dest="panel_command", metavar="SUBCOMMAND", required=True, parser_class=ptype)
    add = psub.add_parser("add", parents=[common], help="add a panel member")
    add.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    add.add_argument("--name", required=True)
    add.add_argument("--chair", action="store_true", help="this member chairs the panel (one per campaign)")
    add.add_argument("--pin", default=None, help="a PIN this member must give to score, submit or hand in")
    add.set_defaults(handler=_panel_add)


def _register_scoring(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    """score, submit, moderate."""
    score = sub.add_parser("score", parents=[common], help="record one panel member's score for one item")
    _target(score, member=True)
    score.add_argument("--item", required=True, help="item id (competency slug, criterion id or values)")
    score.add_argument("--score", required=True, metavar="N")
    score.add_argument("--note", default=None, metavar="TEXT")
    _pin_option(score)
    score.set_defaults(handler=_score)

    sub_ = sub.add_parser("submit", parents=[common], help="submit (lock) a member's scores for a candidate")
    _target(sub_, member=True)
    _pin_option(sub_)
    sub_.set_defaults(handler=_submit)

    mod = sub.add_parser("moderate", parents=[common], help="record the agreed score for one item")
    _target(mod, member=False)
    mod.add_argument("--item", required=True)
    mod.add_argument("--score", required=True, metavar="N")
    mod.add_argument("--rationale", default=None, metavar="TEXT", help="required where the scores are flagged")
    mod.add_argument("--actor", default=None, metavar="NAME", help="who agrees it: must be the chair (the default)")
    mod.set_defaults(handler=_moderate)


def _register_results(sub: Subparsers, common: argparse.ArgumentParser) -> None:
    """results, audit verify."""
    ptype = type(common)
    res = sub.add_parser("results", parents=[common], help="show the results of a campaign")
    res.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    res.add_argument("--json", action="store_true", help="print the results JSON contract")
    res.set_defaults(handler=_results)

    aud = sub.add_parser("audit", help="the audit log")
    asub = aud.add_subparsers(dest="audit_command", metavar="SUBCOMMAND", required=True, parser_class=ptype)
    ver = asub.add_parser("verify", parents=[common], help="check the audit log and that the data matches it")
    ver.add_argument(
        "--head",
        default=None,
        type=_sha256,
        metavar="HASH",
        help="a head printed earlier (PDF record, workbook About sheet): exit 1 unless it is still in the chain",
    )
    ver.set_defaults(handler=_verify)


def _target(p: argparse.ArgumentParser, *, member: bool) -> None:
    p.add_argument("--campaign", required=True, type=campaign_id, metavar="ID")
    p.add_argument("--candidate", required=True, type=_spaced, metavar="REF")
    if member:
        p.add_argument("--member", required=True, type=_spaced, metavar="NAME")


def _pin_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pin", default=None, help="the member's PIN, when they have one (or set INTERVIEW_PANEL_PIN)")


def _unlock(store: Store, args: argparse.Namespace) -> None:
    from ..services.pins import pin_from, unlock

    unlock(store, args.campaign, args.member, pin_from(args.pin))


def _spaced(text: str) -> str:
    """A reference or name as the app stores it: outer spaces dropped, inner runs of spaces made one."""
    return " ".join(text.split())


_WHOLE = re.compile(r"[+-]?[0-9]+")


def _int_score(text: str) -> int:
    """A score typed as plain ASCII digits (optional sign, spaces around allowed): "4", " 4 ", "-1".

    Refuses what ``int()`` would otherwise accept but nobody types as a score ("1_0", non-ASCII digits).
    """
    value = text.strip()
    if not _WHOLE.fullmatch(value):
        raise ValidationError(f"score {text!r} is not a whole number")
    return int(value)


@contextmanager
def _store(args: argparse.Namespace, *, create: bool = False) -> Iterator[Store]:
    store = open_db(args, create=create)  # never turns an empty or foreign file into a database
    try:
        yield store
    finally:
        store.close()


def _create(args: argparse.Namespace) -> int:
    from ..services.campaigns import create_campaign
    from ..services.profiles import load_profile

    require_db(args)
    profile = load_profile(args.profile)  # before the database is touched: a bad profile writes nothing
    _require_interview_items(profile, args.profile)
    with _store(args, create=True) as store:
        cid = create_campaign(store, profile=profile, name=args.name)
    write_stdout(f"{cid}\n")
    return 0


def _require_interview_items(profile: RoleProfile, path: str) -> None:
    """Refuse (one line naming what is missing) a profile with no behaviour or criterion asked at interview."""
    from ..domain.errors import ProfileImportError

    if any(b.at_interview for b in profile.behaviours) or any(c.at_interview for c in profile.criteria):
        return
    missing = []
    if not profile.behaviours:
        missing.append("no CVF behaviours")
    else:
        missing.append(f"none of its {len(profile.behaviours)} behaviours is assessed at interview")
    if not profile.criteria:
        missing.append("no criteria")
    else:
        unset = sum(1 for c in profile.criteria if not c.identified_by)
        note = f" ({unset} have no assessment method)" if unset else ""
        missing.append(f"none of its {len(profile.criteria)} criteria is assessed at interview{note}")
    raise ProfileImportError(
        f"{path}: has nothing to ask at interview ({'; '.join(missing)}); open it in the "
        f"app's profile editor to add behaviours or set methods"
    )


def _list(args: argparse.Namespace) -> int:
    from ..services.campaign_list import list_campaigns

    with _store(args) as store:
        rows = list_campaigns(store)
    if args.json:
        write_stdout(json.dumps([r.to_json() for r in rows], indent=2, ensure_ascii=False) + "\n", json_text=True)
        return 0
    if not rows:
        write_stdout("No campaigns.\n")
        return 0
    lines = [f"{'ID':>4}  {'Name':<40} {'Post':<32} {'Cands':>5} {'Panel':>5} {'Moderated':>9}"]
    for r in rows:
        name, post = printable(r.name), printable(r.post_title or "")
        lines.append(f"{r.id:>4}  {name[:40]:<40} {post[:32]:<32} {r.candidates:>5} {r.members:>5} {r.moderated:>9}")
    write_stdout("\n".join(lines) + "\n")
    return 0


def _import(args: argparse.Namespace) -> int:
    from ..services.campaigns import import_candidates

    with _store(args) as store:
        plan = import_candidates(store, args.campaign, args.file, update=args.update)
    write_stdout(f"imported {len(plan.added)} candidate(s) into campaign {args.campaign}: {plan.summary()}\n")
    return 0


def _panel_add(args: argparse.Namespace) -> int:
    from ..services.campaigns import add_member

    if args.pin is not None:
        from ..services.pins import check_pin_text

        check_pin_text(args.pin)  # a bad PIN refuses the whole command before the member is added
    with _store(args) as store:
        m = add_member(store, args.campaign, args.name, chair=args.chair)
        if args.pin is not None:
            from ..services.pins import set_pin

            set_pin(store, args.campaign, m.name, args.pin, actor="chair")
    write_stdout(f"added {m.name}{' (chair)' if m.chair else ''} to campaign {args.campaign}\n")
    return 0


def _score(args: argparse.Namespace) -> int:
    from ..services.scoring import record_score

    value = _int_score(args.score)
    with _store(args) as store:
        _unlock(store, args)
        s = record_score(
            store,
            args.campaign,
            candidate=args.candidate,
            member=args.member,
            item=args.item,
            score=value,
            note=args.note,
        )
    write_stdout(f"saved {s.candidate} {s.item} {s.member}: {s.score}\n")
    return 0


def _submit(args: argparse.Namespace) -> int:
    from ..services.scoring import submit

    with _store(args) as store:
        _unlock(store, args)
        at = submit(store, args.campaign, candidate=args.candidate, member=args.member)
    write_stdout(f"submitted {args.candidate} for {args.member} at {at.isoformat(timespec='seconds')}\n")
    return 0


def _moderate(args: argparse.Namespace) -> int:
    from ..services.moderation import moderate

    value = _int_score(args.score)
    with _store(args) as store:
        a = moderate(
            store,
            args.campaign,
            candidate=args.candidate,
            item=args.item,
            score=value,
            rationale=args.rationale,
            actor=args.actor,
        )
        _session_backup(store)
    write_stdout(f"agreed {a.candidate} {a.item}: {a.score} (by {a.agreed_by})\n")
    return 0


def _session_backup(store: Store) -> None:
    """One ``moderate`` call is a moderation session: back up when the data changed since the newest
    backup, at most every few minutes (a script moderating item by item does not copy the file each time)."""
    from datetime import timedelta

    from ..services.backups import backup_after_session

    warn(backup_after_session(store, every=timedelta(minutes=5)).problem)


def _results(args: argparse.Namespace) -> int:
    from ..domain.agreement import panel_agreement
    from ..services.moderation import results, results_json

    if args.json:
        # compact JSON: the keys and values of CampaignResults.to_json(), without the cost of indenting
        with _store(args) as store:
            text = results_json(store, args.campaign)
        write_stdout(text + "\n", json_text=True)
        return 0
    with _store(args) as store:
        res = results(store, args.campaign, audit=False, notes=False)
    items = [i.id for i in res.items]
    head = f"{printable(res.campaign_name)} — {printable(res.profile.post_title or '')} (campaign {res.campaign_id})"
    cols = f"{'Reference':<12} {'Name':<28} {'Status':<12} " + " ".join(f"{i[:6]:>6}" for i in items)
    cols += f" {'Total':>7} {'Outcome':<16} {'Rank':>4}"
    lines = [head, cols]
    for c in res.candidates:
        cells = " ".join(f"{c.agreed.get(i, ''):>6}" for i in items)
        total = f"{c.total}/{c.maximum}" if c.total is not None else ""
        flag = " !" if c.open_flags else ""  # flagged items still to agree
        ref, name = printable(c.reference), printable(c.candidate.name)
        lines.append(
            f"{ref[:12]:<12} {name[:28]:<28} {c.status:<12} {cells} {total:>7} "
            f"{c.outcome or '':<16} {c.rank if c.rank is not None else '':>4}{flag}"
        )
    lines.append(panel_agreement(res).summary())
    write_stdout("\n".join(lines) + "\n")
    return 0


def _sha256(text: str) -> str:
    value = text.strip().lower()
    if value.startswith("head:"):
        value = value[5:].strip()
    if len(value) != 64 or any(c not in "0123456789abcdef" for c in value):
        raise argparse.ArgumentTypeError(f"head {text!r} is not a sha256 (64 hexadecimal digits)")
    return value


def _verify(args: argparse.Namespace) -> int:
    from ..services.audit import verify_audit

    with _store(args) as store:
        report = verify_audit(store, head=args.head, local=True)
    if report.ok:
        write_stdout("\n".join(report.lines()) + "\n")
        return 0
    write_stderr(f"interview-panel: audit check failed: {report.message}")
    return 1
