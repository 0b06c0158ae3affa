"""Audit log verification: the chain is intact and keyed, and the live tables equal a replay of the log.

``verify_audit`` checks, in this order, and reports the first problem in log order:

1. the plain sha256 chain: rows numbered 1, 2, 3… with no gap, each row's hash over the previous row's hash
   and its own content, starting from this database's genesis (bound to its random id, see ``audit_chain``);
2. the keyed check: every row this computer signed (from the key's first row on) carries a valid HMAC made
   with this computer's key for the database (``storage.audit_keys``), so a row appended or rewritten by
   someone holding only the file, with a recomputed plain hash, fails; without the key on this computer the
   report says that only the plain chain could be checked;
3. the append-only triggers are all still in place, exactly as created;
4. a replay of the log equals the live tables: scores, notes, submissions, agreed scores (with who and when),
   candidates (name and slot), the panel (who is on it, who chairs), campaign names, and the definition
   frozen when scoring started (profile, items, questions, rules);
5. optionally, that a head printed earlier (``--head``, on the PDF record and the workbook) is still a row of
   the chain, and that the newest row this computer has seen for this database is still there (a log cut
   short together with its data is otherwise invisible).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..domain.campaign import AuditEntry
from ..storage import AUDIT_TRIGGERS, ChainInfo, Repository, audit_hash, audit_keys
from ..storage.mapping import definition_digest
from ..storage.repository import PERSONAL_FIELDS, parse_text_ref, text_digest
from .store import FROZEN_PREFIX, Store


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    first_bad: int | None  # seq of the first audit row that is wrong (or that the bad table row contradicts)
    message: str
    rows: int = 0
    head: str | None = None  # the newest row's hash (the genesis for an empty log); None when the chain is broken
    keyed: str = ""  # one sentence: what the keyed check covered on this computer
    keyed_rows: int = 0

    def lines(self) -> list[str]:
        """What ``audit verify`` prints on success: the summary, the keyed check, and ``head: <sha256>`` last."""
        out = [self.message]
        if self.keyed:
            out.append(self.keyed)
        if self.head is not None:
            out.append(f"head: {self.head}")
        return out


ERASED_TEXT = "[erased]"


def entries(repo: Repository, cid: int | None = None) -> list[AuditEntry]:
    """Audit rows as domain objects, oldest first (inside a read/write transaction). Personal text the rows
    refer to is shown as held in ``audit_text`` ("[erased]" once erased)."""
    texts = repo.audit_texts()

    def shown(value: Any) -> Any:
        ref = parse_text_ref(value)
        if ref is None:
            return value
        held = texts.get(ref[0])
        return ERASED_TEXT if held is None or held[2] is None else held[2]

    return [
        AuditEntry(
            seq=int(r[0]),
            at=datetime.fromisoformat(r[1]),
            actor=r[2],
            action=r[3],
            target=r[4],
            old=shown(r[9]),
            new=shown(r[10]),
            reason=shown(r[11]),
            hash=r[12],
        )
        for r in repo.audit_rows(cid)
    ]


class _Erased:
    """What the log says of text erased since (a purge): any live value matches it."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return ERASED_TEXT


ERASED = _Erased()


def audit_log(store: Store, cid: int | None = None) -> list[AuditEntry]:
    """The audit rows (of one campaign, or all), oldest first."""
    return store.read(lambda repo: entries(repo, cid))


REFERENCE_WAS = "reference was "  # reason of a candidate row whose reference was corrected


def _describe(value: Any) -> str:
    return "absent" if value is None else repr(value)


def _candidate_text(name: str, slot: str | None) -> str:
    """A candidate as the log describes one: name, then the stored slot in brackets when there is one."""
    return name + (f" ({slot})" if slot else "")


def verify_audit(store: Store, *, head: str | None = None, local: bool = False) -> AuditReport:
    """Check the whole database. ``ok`` is False with the first problem found, in log order.

    ``head``: a row hash printed earlier that must still be in the chain. ``local``: also check the newest row
    this computer remembers for this database (what ``audit verify`` does; a check of a backup copy does not)
    and, when everything is intact, remember the current head.
    """
    report = store.read(lambda repo: _verify(repo, head, local))
    if local and report.ok and report.head is not None and report.rows:
        info = store.read(lambda repo: repo.chain_info())
        if info is not None:
            audit_keys.save_witness(info.database_id, report.rows, report.head)
    return report


def remember_head(store: Store) -> None:
    """Note the newest audit row as seen on this computer (when a store is closed). Best effort, quick."""

    def query(repo: Repository) -> tuple[ChainInfo | None, tuple[int, str] | None]:
        return repo.chain_info(), repo.audit_head()

    try:
        info, last = store.read(query)
    except Exception:
        return
    if info is not None and last is not None:
        audit_keys.save_witness(info.database_id, last[0], last[1])


def _verify(repo: Repository, wanted_head: str | None, local: bool) -> AuditReport:
    info = repo.chain_info()
    genesis = info.genesis if info is not None else ChainInfo("", 1).genesis
    key = audit_keys.load_key(info.database_id) if info is not None else None
    legacy = info.legacy_rows if info is not None else None
    prev = genesis
    expected_seq = 1
    scores: dict[tuple[Any, ...], list[Any]] = {}
    score_seq: dict[tuple[Any, ...], int] = {}
    agreed: dict[tuple[Any, ...], tuple[int, str, str, str]] = {}
    agreed_seq: dict[tuple[Any, ...], int] = {}
    subs: dict[tuple[Any, ...], str] = {}
    subs_seq: dict[tuple[Any, ...], int] = {}
    cands: dict[tuple[Any, ...], str] = {}
    cands_seq: dict[tuple[Any, ...], int] = {}
    members: dict[tuple[Any, ...], str] = {}
    members_seq: dict[tuple[Any, ...], int] = {}
    names: dict[tuple[Any, ...], str] = {}
    names_seq: dict[tuple[Any, ...], int] = {}
    frozen: dict[int, tuple[str, int]] = {}  # campaign -> (definition sha256, seq) when scoring started
    head_at: int | None = 0 if wanted_head == genesis else None
    keyed = foreign = 0
    unkeyed_first: int | None = None
    mac_ok = audit_keys.mac_matches
    database_id = info.database_id if info is not None else ""
    seen = audit_keys.load_witness(database_id) if local and info is not None else None
    seen_seq, seen_hash = seen if seen is not None else (0, "")
    seen_differs: int | None = None
    texts = repo.audit_texts()
    n = 0
    for row in repo.audit_rows(mac=info is not None):
        n += 1
        seq, at, actor, action, target, cid, cand, member, item, old, new, reason, stored = row[:13]
        if seq != expected_seq:
            return AuditReport(
                False,
                expected_seq,
                f"audit row {expected_seq} is missing (the log jumps to row {seq}): the log was edited outside the app",
                n,
            )
        if audit_hash(prev, row[:12]) != stored:
            return AuditReport(
                False,
                seq,
                f"audit row {seq} ({action} {target}) does not match its hash: "
                "it or a row before it was edited outside the app",
                n,
            )
        if info is not None:
            mac = row[13]
            if key is not None:
                if mac_ok(key.key, database_id, stored, mac):
                    keyed += 1
                elif seq >= key.first_seq:
                    return AuditReport(
                        False,
                        seq,
                        f"audit row {seq} ({action} {target}) does not carry this "
                        "database's key: it was added or rewritten outside the app "
                        "(a recomputed hash is not enough)",
                        n,
                    )
                elif mac is not None:
                    foreign += 1
            elif mac is not None:
                foreign += 1
            if mac is None and seq > (legacy or 0) and unkeyed_first is None:
                unkeyed_first = seq
        if stored == wanted_head:
            head_at = seq
        if seq == seen_seq and stored != seen_hash:
            seen_differs = seq
        if action in PERSONAL_FIELDS:
            row = list(row)
            for i in PERSONAL_FIELDS[action]:
                ref = parse_text_ref(row[i])
                if ref is None:
                    continue
                held = texts.get(ref[0])
                if (
                    held is None
                    or held[0] != ref[1]
                    or (held[2] is not None and text_digest(held[1] or "", held[2]) != ref[1])
                ):
                    return AuditReport(
                        False,
                        seq,
                        f"audit row {seq} ({action} {target}) refers to text that was "
                        "changed or removed outside the app",
                        n,
                    )
                row[i] = ERASED if held[2] is None else held[2]
            old, new, reason = row[9], row[10], row[11]
        prev = stored
        expected_seq += 1
        if action == "score":
            key_ = (cid, cand, member, item)
            scores.setdefault(key_, [None, ""])[0] = None if new is None else int(new)
            score_seq[key_] = seq
        elif action == "note":
            key_ = (cid, cand, member, item)
            scores.setdefault(key_, [None, ""])[1] = new or ""
            score_seq[key_] = seq
        elif action == "agreed":
            key_ = (cid, cand, item)
            agreed[key_] = (int(new), reason or "", actor, at)
            agreed_seq[key_] = seq
        elif action == "submit":
            key_ = (cid, cand, member)
            subs[key_] = new
            subs_seq[key_] = seq
        elif action == "candidate":
            if reason and reason.startswith(REFERENCE_WAS):  # the reference itself was corrected
                was = (cid, reason[len(REFERENCE_WAS) :])
                cands.pop(was, None)
                cands_seq.pop(was, None)
            cands[(cid, cand)] = new
            cands_seq[(cid, cand)] = seq
        elif action == "member":
            members[(cid, member)] = new
            members_seq[(cid, member)] = seq
        elif action == "member renamed" and old and new:
            if (cid, old) in members:
                members[(cid, new)] = members.pop((cid, old))
                members_seq.pop((cid, old), None)
            members_seq[(cid, new)] = seq
            # what the log recorded under the old name is now the renamed member's
            for table, seqs, at_ in ((scores, score_seq, 2), (subs, subs_seq, 2)):
                for k in [k for k in table if k[0] == cid and k[at_] == old]:
                    moved = k[:at_] + (new,) + k[at_ + 1 :]
                    table[moved] = table.pop(k)
                    seqs[moved] = seqs.pop(k)
        elif action == "member removed":
            members.pop((cid, member), None)
            members_seq.pop((cid, member), None)
        elif action == "chair":
            if old and (cid, old) in members:
                members[(cid, old)] = "member"
                members_seq[(cid, old)] = seq
            if new:
                members[(cid, new)] = "chair"
                members_seq[(cid, new)] = seq
        elif action == "campaign":
            if (cid,) not in names:
                names[(cid,)] = target  # the first row of a campaign creates it, under this name
                names_seq[(cid,)] = seq
            elif target == "name":
                names[(cid,)] = new
                names_seq[(cid,)] = seq
            elif target == "scoring started" and new and new.startswith(FROZEN_PREFIX):
                frozen[cid] = (new[len(FROZEN_PREFIX) :], seq)

    problems: list[tuple[int, int | None, str]] = []  # (sort key, first_bad, message)

    def table_check(
        name: str,
        actual: dict[tuple[Any, ...], Any],
        replay: dict[tuple[Any, ...], Any],
        seqs: dict[tuple[Any, ...], int],
        empty: Any = None,
    ) -> None:
        for key_ in actual.keys() | replay.keys():
            a, e = actual.get(key_, empty), replay.get(key_, empty)
            if a == e:
                continue
            seq = seqs.get(key_)
            where = "/".join(str(k) for k in key_[1:])
            logged = f"the audit log (row {seq}) says {_describe(e)}" if seq else "the audit log has no record of it"
            problems.append(
                (
                    seq or 0,
                    seq,
                    f"{name} {where} in campaign {key_[0]} is {_describe(a)} in the database "
                    f"but {logged}: it was changed outside the app",
                )
            )

    empty_score = (None, "")
    table_check(
        "score",
        {k: tuple(v) for k, v in repo.all_scores().items()},
        {k: tuple(v) for k, v in scores.items()},
        score_seq,
        empty_score,
    )
    table_check("agreed score", repo.all_agreed(), agreed, agreed_seq)
    table_check("submission", repo.all_submissions(), subs, subs_seq)
    table_check("candidate", {k: _candidate_text(*v) for k, v in repo.all_candidates().items()}, cands, cands_seq)
    table_check("panel member", repo.all_members(), members, members_seq)
    live_names = repo.campaign_names()
    for cid in live_names.keys() | {k[0] for k in names}:
        a, e = live_names.get(cid), names.get((cid,))
        if a != e:
            seq = names_seq.get((cid,))
            logged = f"the audit log (row {seq}) says {_describe(e)}" if seq else "the audit log has no record of it"
            problems.append(
                (
                    seq or 0,
                    seq,
                    f"the name of campaign {cid} is {_describe(a)} in the database but "
                    f"{logged}: it was changed outside the app",
                )
            )
    for cid, profile_json, rules_json, qs_json, started in repo.campaign_definitions():
        logged = frozen.get(int(cid))
        if logged is None:
            if started:
                problems.append(
                    (
                        0,
                        None,
                        f"campaign {cid} is marked as scoring started but the audit log has no "
                        "record of it: it was changed outside the app",
                    )
                )
            continue
        digest, seq = logged
        if not started:
            problems.append(
                (
                    seq,
                    seq,
                    f"campaign {cid} was frozen at audit row {seq} but is no longer marked as "
                    "scoring started: it was changed outside the app",
                )
            )
        elif definition_digest(profile_json, rules_json, qs_json, repo.items(int(cid))) != digest:
            problems.append(
                (
                    seq,
                    seq,
                    f"the items, questions, rules or profile of campaign {cid} differ from what "
                    f"was frozen when scoring started (audit row {seq}): changed outside the app",
                )
            )
    if info is not None:
        present = {k: " ".join(v.split()) for k, v in repo.triggers().items()}
        for name, sql in AUDIT_TRIGGERS.items():
            if present.get(name) != " ".join(sql.split()):
                what = "was removed" if name not in present else "was altered"
                problems.append(
                    (
                        0,
                        None,
                        f"the append-only trigger {name} {what} outside the app: the audit log "
                        "can no longer be trusted to be append-only",
                    )
                )
    head = prev
    if wanted_head is not None and head_at is None:
        problems.append(
            (
                n + 1,
                None,
                f"head {wanted_head} is not in this audit log: rows were cut off or rewritten "
                "since it was printed, or it belongs to another database",
            )
        )
    if seen_seq > n:
        problems.append(
            (
                n + 1,
                n + 1,
                f"the log ends at row {n} but this computer has seen row {seen_seq} of this "
                "database: rows were cut off the end (with the data they explain) outside the "
                "app, or an older copy was put in its place",
            )
        )
    elif seen_differs is not None:
        problems.append(
            (
                seen_differs,
                seen_differs,
                f"audit row {seen_differs} is not the row this computer saw "
                "there: the log was rewritten outside the app",
            )
        )
    if problems:
        problems.sort(key=lambda p: p[0])
        _, first, msg = problems[0]
        more = f" ({len(problems) - 1} more difference(s))" if len(problems) > 1 else ""
        return AuditReport(False, first, msg + more, n)
    if info is None:
        keyed_text = "keyed check: not made (this database predates the keyed audit chain)"
    elif key is None and not foreign and n == (legacy or 0):
        keyed_text = (
            f"keyed check: rows 1-{n} predate the keyed chain (plain hash only); the next change made on "
            "this computer starts it"
            if n
            else "keyed check: no rows yet"
        )
    elif key is None:
        keyed_text = (
            f"keyed check NOT made: this computer holds no key for database {info.database_id} (it was "
            "written on another computer); only the plain hash chain was checked, which anyone holding "
            "the file can recompute"
        )
    else:
        parts = [f"keyed check: {keyed} of {n} rows carry this computer's key for database {info.database_id}"]
        if legacy:
            parts.append(f"rows 1-{legacy} predate the key (plain hash only)")
        if foreign:
            parts.append(f"{foreign} row(s) were keyed on another computer and could not be checked here")
        keyed_text = "; ".join(parts)
    if unkeyed_first is not None and key is not None and unkeyed_first < key.first_seq:
        keyed_text += f"; rows from {unkeyed_first} were written without a key"
    return AuditReport(
        True,
        None,
        f"audit log intact: {n} rows chained; scores, agreed scores, submissions, "
        "candidates, panel and campaigns match the log",
        n,
        head,
        keyed_text,
        keyed,
    )
