"""Audit log verification: the hash chain is intact, and the live tables equal a replay of the log.

An edit made behind the app's back (with the sqlite3 shell, say) either breaks the chain (an audit row was
changed, removed or inserted), or leaves a score, note, agreed score or submission that a replay of the log
does not give, or changes a campaign's profile, items, questions or rules after the fingerprint logged
when its scoring started. (Cutting rows off the *end* of the log is not visible in the chain itself; it
shows up as data the shortened log no longer explains.)
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..domain.campaign import AuditEntry
from ..storage import GENESIS, Repository, audit_hash
from .store import FROZEN_PREFIX, Store, definition_digest


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    first_bad: int | None  # seq of the first audit row that is wrong (or that the bad table row contradicts)
    message: str
    rows: int = 0


def entries(repo: Repository, cid: int | None = None) -> list[AuditEntry]:
    """Audit rows as domain objects, oldest first (inside a read/write transaction)."""
    return [AuditEntry(seq=int(r[0]), at=datetime.fromisoformat(r[1]), actor=r[2], action=r[3], target=r[4],
                       old=r[9], new=r[10], reason=r[11], hash=r[12]) for r in repo.audit_rows(cid)]


def audit_log(store: Store, cid: int | None = None) -> list[AuditEntry]:
    """The audit rows (of one campaign, or all), oldest first."""
    return store.read(lambda repo: entries(repo, cid))


def _describe(value: Any) -> str:
    return "absent" if value is None else repr(value)


def verify_audit(store: Store) -> AuditReport:
    """Check the whole database. ``ok`` is False with the first problem found, in log order."""
    return store.read(_verify)


def _verify(repo: Repository) -> AuditReport:
    prev = GENESIS
    expected_seq = 1
    scores: dict[tuple[Any, ...], list[Any]] = {}
    score_seq: dict[tuple[Any, ...], int] = {}
    agreed: dict[tuple[Any, ...], tuple[int, str, str]] = {}
    agreed_seq: dict[tuple[Any, ...], int] = {}
    subs: dict[tuple[Any, ...], str] = {}
    subs_seq: dict[tuple[Any, ...], int] = {}
    frozen: dict[int, tuple[str, int]] = {}  # campaign -> (definition sha256, seq) when scoring started
    n = 0
    for row in repo.audit_rows():
        n += 1
        seq, at, actor, action, target, cid, cand, member, item, old, new, reason, stored = row
        if seq != expected_seq:
            return AuditReport(False, expected_seq, f"audit row {expected_seq} is missing (the log jumps to "
                                                    f"row {seq}): the log was edited outside the app", n)
        if audit_hash(prev, row[:-1]) != stored:
            return AuditReport(False, seq, f"audit row {seq} ({action} {target}) does not match its hash: "
                                           "it or a row before it was edited outside the app", n)
        prev = stored
        expected_seq += 1
        if action == "score":
            key = (cid, cand, member, item)
            scores.setdefault(key, [None, ""])[0] = None if new is None else int(new)
            score_seq[key] = seq
        elif action == "note":
            key = (cid, cand, member, item)
            scores.setdefault(key, [None, ""])[1] = new or ""
            score_seq[key] = seq
        elif action == "agreed":
            key = (cid, cand, item)
            agreed[key] = (int(new), reason or "", actor)
            agreed_seq[key] = seq
        elif action == "campaign" and target == "scoring started" and new and new.startswith(FROZEN_PREFIX):
            frozen[cid] = (new[len(FROZEN_PREFIX):], seq)
        elif action == "submit":
            key = (cid, cand, member)
            subs[key] = new
            subs_seq[key] = seq

    problems: list[tuple[int, int | None, str]] = []  # (sort key, first_bad, message)

    def table_check(name: str, actual: dict[tuple[Any, ...], Any], replay: dict[tuple[Any, ...], Any],
                    seqs: dict[tuple[Any, ...], int], empty: Any = None) -> None:
        for key in actual.keys() | replay.keys():
            a, e = actual.get(key, empty), replay.get(key, empty)
            if a == e:
                continue
            seq = seqs.get(key)
            where = "/".join(str(k) for k in key[1:])
            logged = f"the audit log (row {seq}) says {_describe(e)}" if seq else "the audit log has no record of it"
            problems.append((seq or 0, seq, f"{name} {where} in campaign {key[0]} is {_describe(a)} in the database "
                                            f"but {logged}: it was changed outside the app"))

    empty_score = (None, "")
    table_check("score", {k: tuple(v) for k, v in repo.all_scores().items()},
                {k: tuple(v) for k, v in scores.items()}, score_seq, empty_score)
    table_check("agreed score", repo.all_agreed(), agreed, agreed_seq)
    table_check("submission", repo.all_submissions(), subs, subs_seq)
    for cid, profile_json, rules_json, qs_json, started in repo.campaign_definitions():
        logged = frozen.get(int(cid))
        if logged is None:
            if started:
                problems.append((0, None, f"campaign {cid} is marked as scoring started but the audit log has no "
                                          "record of it: it was changed outside the app"))
            continue
        digest, seq = logged
        if not started:
            problems.append((seq, seq, f"campaign {cid} was frozen at audit row {seq} but is no longer marked as "
                                       "scoring started: it was changed outside the app"))
        elif definition_digest(profile_json, rules_json, qs_json, repo.items(int(cid))) != digest:
            problems.append((seq, seq, f"the items, questions, rules or profile of campaign {cid} differ from what "
                                       f"was frozen when scoring started (audit row {seq}): changed outside the app"))
    if problems:
        problems.sort(key=lambda p: p[0])
        _, first, msg = problems[0]
        more = f" ({len(problems) - 1} more difference(s))" if len(problems) > 1 else ""
        return AuditReport(False, first, msg + more, n)
    return AuditReport(True, None, f"audit log intact: {n} rows chained; scores, agreed scores and submissions "
                                   "match the log", n)
