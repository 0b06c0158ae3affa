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

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

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


Key = tuple[Any, ...]


class _Problem(NamedTuple):
    order: int  # where in the log the problem shows (0: before every row); the first in log order is reported
    first_bad: int | None
    message: str


class _Table:
    """What one live table should hold according to the log: the value under each key, and the log row that
    last set it (named in the report when the live table disagrees)."""

    __slots__ = ("rows", "seqs")

    def __init__(self) -> None:
        self.rows: dict[Key, Any] = {}
        self.seqs: dict[Key, int] = {}

    def set(self, key: Key, value: Any, seq: int) -> None:
        self.rows[key] = value
        self.seqs[key] = seq

    def drop(self, key: Key) -> None:
        self.rows.pop(key, None)
        self.seqs.pop(key, None)

    def rename_member(self, cid: int, at: int, old: str, new: str) -> None:
        """What the log recorded under a member's old name (key position ``at``) is now under the new name."""
        for k in [k for k in self.rows if k[0] == cid and k[at] == old]:
            moved = k[:at] + (new,) + k[at + 1 :]
            self.rows[moved] = self.rows.pop(k)
            self.seqs[moved] = self.seqs.pop(k)


class _Replay:
    """The tables rebuilt from the log one row at a time (``apply``), to be compared with the live tables."""

    def __init__(self) -> None:
        self.scores = _Table()  # (campaign, reference, member, item) -> [score, note]
        self.agreed = _Table()  # (campaign, reference, item) -> (score, rationale, agreed by, agreed at)
        self.submissions = _Table()  # (campaign, reference, member) -> submitted at
        self.candidates = _Table()  # (campaign, reference) -> "name (slot)"
        self.members = _Table()  # (campaign, name) -> "chair" or "member"
        self.names = _Table()  # (campaign,) -> campaign name
        self.frozen: dict[int, tuple[str, int]] = {}  # campaign -> (definition sha256, seq) when scoring started

    def apply(self, seq: int, at: str, actor: str, action: str, target: str, cid: int, row: Sequence[Any]) -> None:
        """One audit row (``row``: its columns from the candidate on, personal text already resolved)."""
        cand, member, item, old, new, reason = row[6:12]
        if action == "score" or action == "note":
            key = (cid, cand, member, item)
            value = self.scores.rows.get(key)
            if value is None:
                value = self.scores.rows[key] = [None, ""]
            if action == "score":
                value[0] = None if new is None else int(new)
            else:
                value[1] = new or ""
            self.scores.seqs[key] = seq
        elif action == "agreed":
            self.agreed.set((cid, cand, item), (int(new), reason or "", actor, at), seq)
        elif action == "submit":
            self.submissions.set((cid, cand, member), new, seq)
        elif action == "candidate":
            if reason and reason.startswith(REFERENCE_WAS):  # the reference itself was corrected
                self.candidates.drop((cid, reason[len(REFERENCE_WAS) :]))
            self.candidates.set((cid, cand), new, seq)
        elif action in ("member", "member renamed", "member removed", "chair"):
            self._panel(seq, action, cid, member, old, new)
        elif action == "campaign":
            self._campaign(seq, target, cid, new)

    def _panel(self, seq: int, action: str, cid: int, member: str, old: str | None, new: str | None) -> None:
        members = self.members
        if action == "member":
            members.set((cid, member), new, seq)
        elif action == "member removed":
            members.drop((cid, member))
        elif action == "member renamed" and old and new:
            if (cid, old) in members.rows:
                members.rows[(cid, new)] = members.rows.pop((cid, old))
                members.seqs.pop((cid, old), None)
            members.seqs[(cid, new)] = seq
            self.scores.rename_member(cid, 2, old, new)
            self.submissions.rename_member(cid, 2, old, new)
        elif action == "chair":
            if old and (cid, old) in members.rows:
                members.set((cid, old), "member", seq)
            if new:
                members.set((cid, new), "chair", seq)

    def _campaign(self, seq: int, target: str, cid: int, new: str | None) -> None:
        if (cid,) not in self.names.rows:
            self.names.set((cid,), target, seq)  # the first row of a campaign creates it, under this name
        elif target == "name":
            self.names.set((cid,), new, seq)
        elif target == "scoring started" and new and new.startswith(FROZEN_PREFIX):
            self.frozen[cid] = (new[len(FROZEN_PREFIX) :], seq)


class _Chain:
    """One pass over the log in order: the plain hash chain, the keyed check, the personal text the rows refer
    to, and the printed / remembered heads. Each intact row is handed to the replay."""

    def __init__(self, repo: Repository, wanted_head: str | None, local: bool) -> None:
        self.info = info = repo.chain_info()
        self.genesis = info.genesis if info is not None else ChainInfo("", 1).genesis
        self.key = audit_keys.load_key(info.database_id) if info is not None else None
        self.legacy = info.legacy_rows if info is not None else None
        self.wanted_head = wanted_head
        seen = audit_keys.load_witness(info.database_id) if local and info is not None else None
        self.seen_seq, self.seen_hash = seen if seen is not None else (0, "")
        self.rows = self.keyed = self.foreign = 0
        self.head = self.genesis
        self.head_at: int | None = 0 if wanted_head == self.genesis else None
        self.unkeyed_first: int | None = None
        self.seen_differs: int | None = None

    def walk(self, repo: Repository, replay: _Replay) -> AuditReport | None:
        """Check every row, replaying the intact ones; the report of the first broken row, else None."""
        info, key, legacy, wanted_head, seen_seq, seen_hash = (
            self.info,
            self.key,
            self.legacy or 0,
            self.wanted_head,
            self.seen_seq,
            self.seen_hash,
        )
        database_id = info.database_id if info is not None else ""
        mac_ok, apply, texts = audit_keys.mac_matches, replay.apply, repo.audit_texts()
        prev, n, keyed, foreign = self.genesis, 0, 0, 0
        row: Sequence[Any]
        for row in repo.audit_rows(mac=info is not None):
            n += 1
            seq, at, actor, action, target, cid = row[:6]
            stored = row[12]
            if seq != n:
                return AuditReport(
                    False,
                    n,
                    f"audit row {n} is missing (the log jumps to row {seq}): the log was edited outside the app",
                    n,
                )
            if audit_hash(prev, row[:12]) != stored:
                return self._broken(seq, action, target, "does not match its hash: it or a row before it was edited")
            if info is not None:
                mac = row[13]
                if key is not None and mac_ok(key.key, database_id, stored, mac):
                    keyed += 1
                elif key is not None and seq >= key.first_seq:
                    return self._broken(
                        seq,
                        action,
                        target,
                        "does not carry this database's key: it was added or rewritten outside the app "
                        "(a recomputed hash is not enough)",
                        outside="",
                    )
                elif mac is not None:
                    foreign += 1
                if mac is None and seq > legacy and self.unkeyed_first is None:
                    self.unkeyed_first = seq
            if stored == wanted_head:
                self.head_at = seq
            if seq == seen_seq and stored != seen_hash:
                self.seen_differs = seq
            if action in PERSONAL_FIELDS:
                resolved = _resolve_personal(row, PERSONAL_FIELDS[action], texts)
                if resolved is None:
                    return self._broken(seq, action, target, "refers to text that was changed or removed")
                row = resolved
            prev = stored
            apply(seq, at, actor, action, target, cid, row)
        self.rows, self.keyed, self.foreign, self.head = n, keyed, foreign, prev
        return None

    def _broken(self, seq: int, action: str, target: str, what: str, outside: str = " outside the app") -> AuditReport:
        return AuditReport(False, seq, f"audit row {seq} ({action} {target}) {what}{outside}", seq)

    def end_problems(self) -> list[_Problem]:
        """What the printed head and the head this computer remembers say about the whole log."""
        n, problems = self.rows, []
        if self.wanted_head is not None and self.head_at is None:
            problems.append(
                _Problem(
                    n + 1,
                    None,
                    f"head {self.wanted_head} is not in this audit log: rows were cut off or rewritten "
                    "since it was printed, or it belongs to another database",
                )
            )
        if self.seen_seq > n:
            problems.append(
                _Problem(
                    n + 1,
                    n + 1,
                    f"the log ends at row {n} but this computer has seen row {self.seen_seq} of this "
                    "database: rows were cut off the end (with the data they explain) outside the "
                    "app, or an older copy was put in its place",
                )
            )
        elif self.seen_differs is not None:
            problems.append(
                _Problem(
                    self.seen_differs,
                    self.seen_differs,
                    f"audit row {self.seen_differs} is not the row this computer saw "
                    "there: the log was rewritten outside the app",
                )
            )
        return problems

    def keyed_text(self) -> str:
        """One sentence: what the keyed check covered on this computer."""
        info, key, n, legacy, foreign = self.info, self.key, self.rows, self.legacy, self.foreign
        if info is None:
            text = "keyed check: not made (this database predates the keyed audit chain)"
        elif key is None and not foreign and n == (legacy or 0):
            text = (
                f"keyed check: rows 1-{n} predate the keyed chain (plain hash only); the next change made on "
                "this computer starts it"
                if n
                else "keyed check: no rows yet"
            )
        elif key is None:
            text = (
                f"keyed check NOT made: this computer holds no key for database {info.database_id} (it was "
                "written on another computer); only the plain hash chain was checked, which anyone holding "
                "the file can recompute"
            )
        else:
            parts = [f"keyed check: {self.keyed} of {n} rows carry this computer's key for database {info.database_id}"]
            if legacy:
                parts.append(f"rows 1-{legacy} predate the key (plain hash only)")
            if foreign:
                parts.append(f"{foreign} row(s) were keyed on another computer and could not be checked here")
            text = "; ".join(parts)
        if self.unkeyed_first is not None and key is not None and self.unkeyed_first < key.first_seq:
            text += f"; rows from {self.unkeyed_first} were written without a key"
        return text


def _resolve_personal(
    row: Sequence[Any], fields: Sequence[int], texts: dict[int, tuple[str, str | None, str | None]]
) -> list[Any] | None:
    """The row with its references to personal text replaced by the text held (``ERASED`` once erased), or
    None when a reference does not match the text held (changed or removed outside the app)."""
    resolved = list(row)
    for i in fields:
        ref = parse_text_ref(resolved[i])
        if ref is None:
            continue
        held = texts.get(ref[0])
        if held is None or held[0] != ref[1] or (held[2] is not None and text_digest(held[1] or "", held[2]) != ref[1]):
            return None
        resolved[i] = ERASED if held[2] is None else held[2]
    return resolved


def _differs(what: str, live: Any, logged: Any, seq: int | None) -> _Problem:
    said = f"the audit log (row {seq}) says {_describe(logged)}" if seq else "the audit log has no record of it"
    return _Problem(
        seq or 0, seq, f"{what} is {_describe(live)} in the database but {said}: it was changed outside the app"
    )


def _table_problems(name: str, live: dict[Key, Any], replay: _Table, empty: Any = None) -> list[_Problem]:
    """Each key whose live value is not the replayed one (a row missing on either side counts as ``empty``)."""
    logged = replay.rows
    return [
        _differs(
            f"{name} {'/'.join(str(k) for k in key[1:])} in campaign {key[0]}",
            live.get(key, empty),
            logged.get(key, empty),
            replay.seqs.get(key),
        )
        for key in live.keys() | logged.keys()
        if live.get(key, empty) != logged.get(key, empty)
    ]


def _data_problems(repo: Repository, replay: _Replay) -> list[_Problem]:
    """The live tables against the replay: scores and notes, agreed scores, submissions, candidates, panel,
    campaign names."""
    replay.scores.rows = {k: tuple(v) for k, v in replay.scores.rows.items()}  # [score, note] as the table has it
    problems = [
        *_table_problems("score", dict(repo.all_scores()), replay.scores, (None, "")),
        *_table_problems("agreed score", dict(repo.all_agreed()), replay.agreed),
        *_table_problems("submission", dict(repo.all_submissions()), replay.submissions),
        *_table_problems(
            "candidate", {k: _candidate_text(*v) for k, v in repo.all_candidates().items()}, replay.candidates
        ),
        *_table_problems("panel member", dict(repo.all_members()), replay.members),
    ]
    live_names = repo.campaign_names()
    names = replay.names
    for cid in live_names.keys() | {k[0] for k in names.rows}:
        live, logged = live_names.get(cid), names.rows.get((cid,))
        if live != logged:
            problems.append(_differs(f"the name of campaign {cid}", live, logged, names.seqs.get((cid,))))
    return problems


def _definition_problems(repo: Repository, frozen: dict[int, tuple[str, int]]) -> list[_Problem]:
    """Each campaign's definition (profile, items, questions, rules) against the digest logged at its freeze."""
    problems = []
    for cid, profile_json, rules_json, qs_json, started in repo.campaign_definitions():
        logged = frozen.get(int(cid))
        if logged is None:
            if started:
                problems.append(
                    _Problem(
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
                _Problem(
                    seq,
                    seq,
                    f"campaign {cid} was frozen at audit row {seq} but is no longer marked as "
                    "scoring started: it was changed outside the app",
                )
            )
        elif definition_digest(profile_json, rules_json, qs_json, repo.items(int(cid))) != digest:
            problems.append(
                _Problem(
                    seq,
                    seq,
                    f"the items, questions, rules or profile of campaign {cid} differ from what "
                    f"was frozen when scoring started (audit row {seq}): changed outside the app",
                )
            )
    return problems


def _trigger_problems(repo: Repository) -> list[_Problem]:
    """The append-only triggers, each still present exactly as created."""
    present = {k: " ".join(v.split()) for k, v in repo.triggers().items()}
    return [
        _Problem(
            0,
            None,
            f"the append-only trigger {name} {'was removed' if name not in present else 'was altered'} outside "
            "the app: the audit log can no longer be trusted to be append-only",
        )
        for name, sql in AUDIT_TRIGGERS.items()
        if present.get(name) != " ".join(sql.split())
    ]


def _verify(repo: Repository, wanted_head: str | None, local: bool) -> AuditReport:
    chain, replay = _Chain(repo, wanted_head, local), _Replay()
    broken = chain.walk(repo, replay)
    if broken is not None:
        return broken
    problems = _data_problems(repo, replay) + _definition_problems(repo, replay.frozen)
    if chain.info is not None:
        problems += _trigger_problems(repo)
    problems += chain.end_problems()
    n = chain.rows
    if problems:
        first = min(problems, key=lambda p: p.order)  # the first in log order (stable: the first listed on ties)
        more = f" ({len(problems) - 1} more difference(s))" if len(problems) > 1 else ""
        return AuditReport(False, first.first_bad, first.message + more, n)
    return AuditReport(
        True,
        None,
        f"audit log intact: {n} rows chained; scores, agreed scores, submissions, "
        "candidates, panel and campaigns match the log",
        n,
        chain.head,
        chain.keyed_text(),
        chain.keyed,
    )
