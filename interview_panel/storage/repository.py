"""All the SQL of the app. Callers run these inside ``Database.write``/``read``.

A campaign goes in and comes out as a domain :class:`Campaign` (its row layout lives in :mod:`.mapping`);
the per-score and audit queries, which run hundreds of thousands of times on a big campaign, keep plain
tuples of ints and strings. Nothing here commits: the transaction belongs to the caller (one per user action).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from . import audit_keys

if TYPE_CHECKING:
    from types import ModuleType

    from ..domain.campaign import Campaign, Candidate, Member
    from ..domain.items import QuestionSet
    from ..domain.profile import RoleProfile
    from ..domain.scoring import ScoringRules


def _mapping() -> ModuleType:
    """The row <-> domain mapping, loaded the first time a campaign's definition is read or written.

    Opening a database and listing its campaigns (the app's first window) needs only ints and strings;
    the domain model costs some 50 ms to import, so it is not loaded on that path
    (tests/storage/test_open_fast.py holds this).
    """
    from . import mapping

    return mapping


GENESIS = "0" * 64
AUDIT_COLUMNS = (
    "seq",
    "at",
    "actor",
    "action",
    "target",
    "campaign_id",
    "candidate",
    "member",
    "item",
    "old",
    "new",
    "reason",
    "hash",
)


def genesis_for(database_id: str) -> str:
    """Where the hash chain of a database created at schema v5 or later starts: bound to its random id."""
    from hashlib import sha256

    return sha256(f"interview-panel/audit-genesis/1:{database_id}".encode("ascii")).hexdigest()


# Audit fields that can hold personal text (a candidate's name, a member's note, a chair's rationale): from
# schema v6 such a field holds a reference ``text:<id>:<digest>`` to a row of ``audit_text`` instead.
PERSONAL_FIELDS: dict[str, tuple[int, ...]] = {
    "candidate": (9, 10),
    "note": (9, 10),
    "agreed": (11,),
    "candidate status": (11,),
}  # old, new, reason
TEXT_PREFIX = "text:"


def text_digest(salt: str, text: str) -> str:
    """sha256 of a random salt and the text: checks the text while it is held, reveals nothing once erased."""
    from hashlib import sha256

    return sha256(f"{salt}\x00{text}".encode()).hexdigest()


def parse_text_ref(value: Any) -> tuple[int, str] | None:
    """(audit_text id, digest) of a reference, or None for plain values."""
    if not isinstance(value, str) or not value.startswith(TEXT_PREFIX):
        return None
    parts = value.split(":")
    if len(parts) != 3 or not parts[1].isdigit() or len(parts[2]) != 64:
        return None
    return int(parts[1]), parts[2]


def put_audit_text(conn: sqlite3.Connection, text: str) -> str:
    """Store personal text apart from the audit row; returns the reference the row holds."""
    import secrets

    salt = secrets.token_hex(16)
    digest = text_digest(salt, text)
    cur = conn.execute("INSERT INTO audit_text (digest, salt, text) VALUES (?, ?, ?)", (digest, salt, text))
    return f"{TEXT_PREFIX}{int(cur.lastrowid or 0)}:{digest}"


class ChainInfo(NamedTuple):
    database_id: str
    legacy_rows: int  # rows written before schema v5: chained from GENESIS (all zeros), no MAC

    @property
    def genesis(self) -> str:
        return GENESIS if self.legacy_rows else genesis_for(self.database_id)


def audit_hash(prev_hash: str, fields: Sequence[Any]) -> str:
    """sha256 over the previous row's hash and this row's content (every column but ``hash``)."""
    global _ENCODE, _SHA256
    if _ENCODE is None:  # here, not at import: opening a database and listing its campaigns need neither
        import json  # (hashlib loads OpenSSL, which is slow)
        from hashlib import sha256

        # exactly json.dumps(..., ensure_ascii=False, separators=(",", ":")), without a new encoder per row
        _ENCODE, _SHA256 = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode, sha256
    digest: str = _SHA256(_ENCODE([prev_hash, *fields]).encode("utf-8")).hexdigest()
    return digest


_ENCODE: Any = None
_SHA256: Any = None


class CandidateRow(NamedTuple):
    """A candidate as stored: the row id that scores refer to, and the fields."""

    id: int
    reference: str
    name: str
    slot: str | None  # the stored form: naive local time to the minute

    def to_candidate(self, status: tuple[str, str] = ("active", "")) -> Candidate:
        candidate: Candidate = _mapping().candidate_from_row(self.reference, self.name, self.slot, *status)
        return candidate


class MemberRow(NamedTuple):
    """A panel member as stored."""

    id: int
    name: str
    chair: int

    def to_member(self) -> Member:
        member: Member = _mapping().member_from_row(self.name, self.chair)
        return member


class Repository:
    """The queries, bound to one connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._signer: tuple[ChainInfo | None, audit_keys.AuditKey | None] | None = None  # loaded on first append
        self._texts: bool | None = None  # whether personal text goes to audit_text (schema v6 on)

    # -- campaigns ---------------------------------------------------------------------------------
    def insert_campaign(
        self,
        *,
        name: str,
        created_at: datetime,
        profile: RoleProfile,
        rules: ScoringRules,
        question_set: QuestionSet,
    ) -> int:
        """A new campaign with its items; returns its id."""
        mapping = _mapping()
        cur = self.conn.execute(
            "INSERT INTO campaigns (name, created_at, profile_json, profile_sha256, rules_json, "
            "question_set_json) VALUES (?, ?, ?, ?, ?, ?)",
            (
                name,
                created_at.isoformat(),
                mapping.dumps(profile.to_json()),
                mapping.profile_sha256(profile),
                mapping.dumps(rules.to_json()),
                mapping.dumps(question_set.to_json()),
            ),
        )
        cid = int(cur.lastrowid or 0)
        self._replace_items(cid, question_set)
        return cid

    def campaign(self, cid: int) -> Campaign | None:
        cur = self.conn.execute(
            "SELECT id, name, created_at, profile_json, profile_sha256, rules_json, "
            "question_set_json, scoring_started FROM campaigns WHERE id = ?",
            (cid,),
        )
        row = cur.fetchone()
        if row is None:
            return None
        campaign: Campaign = _mapping().campaign_from_row(dict(zip([d[0] for d in cur.description], row)))
        return campaign

    def definition_sha256(self, cid: int) -> str | None:
        """The fingerprint of the campaign's definition as stored (see :func:`.mapping.definition_digest`)."""
        row = self.conn.execute(
            "SELECT profile_json, rules_json, question_set_json FROM campaigns WHERE id = ?", (cid,)
        ).fetchone()
        if row is None:
            return None
        profile_json, rules_json, question_set_json = row
        digest: str = _mapping().definition_digest(profile_json, rules_json, question_set_json, self.items(cid))
        return digest

    def scoring_started(self, cid: int) -> bool | None:
        row = self.conn.execute("SELECT scoring_started FROM campaigns WHERE id = ?", (cid,)).fetchone()
        return None if row is None else bool(row[0])

    def campaign_summaries(self) -> list[dict[str, Any]]:
        cur = self.conn.execute(
            """SELECT c.id, c.name, c.created_at, json_extract(c.profile_json, '$.post_title') AS post_title,
                      (SELECT count(*) FROM candidates WHERE campaign_id = c.id) AS candidates,
                      (SELECT count(*) FROM members WHERE campaign_id = c.id) AS members
               FROM campaigns c ORDER BY c.id"""
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def agreed_item_counts(self) -> list[tuple[int, str, int, int, int]]:
        """(campaign id, candidate status, items agreed, campaign's items, candidates) groups: how many of
        each campaign's candidates have each status and number of agreed items. The facts
        ``domain.status.count_moderated`` counts moderated candidates from; no score is read."""
        return self.conn.execute(
            """SELECT c.campaign_id, c.status, coalesce(a.n, 0),
                      (SELECT count(*) FROM items i WHERE i.campaign_id = c.campaign_id), count(*)
               FROM candidates c LEFT JOIN (SELECT candidate_id, count(*) AS n FROM agreed
                                            GROUP BY campaign_id, candidate_id) a ON a.candidate_id = c.id
               GROUP BY c.campaign_id, c.status, coalesce(a.n, 0)"""
        ).fetchall()

    def update_campaign(
        self,
        cid: int,
        *,
        name: str | None = None,
        profile: RoleProfile | None = None,
        rules: ScoringRules | None = None,
        question_set: QuestionSet | None = None,
    ) -> None:
        """Replace the parts given; a new question set replaces the items table's rows with it."""
        mapping = _mapping()
        fields: dict[str, str] = {}
        if name is not None:
            fields["name"] = name
        if profile is not None:
            fields["profile_json"] = mapping.dumps(profile.to_json())
            fields["profile_sha256"] = mapping.profile_sha256(profile)
        if rules is not None:
            fields["rules_json"] = mapping.dumps(rules.to_json())
        if question_set is not None:
            fields["question_set_json"] = mapping.dumps(question_set.to_json())
        if fields:
            sets = ", ".join(f"{k} = ?" for k in fields)
            self.conn.execute(f"UPDATE campaigns SET {sets} WHERE id = ?", (*fields.values(), cid))
        if question_set is not None:
            self._replace_items(cid, question_set)

    def mark_scoring_started(self, cid: int) -> None:
        self.conn.execute("UPDATE campaigns SET scoring_started = 1 WHERE id = ? AND scoring_started = 0", (cid,))

    # -- items ---------------------------------------------------------------------------------------
    def _replace_items(self, cid: int, question_set: QuestionSet) -> None:
        """The items table's rows (the keys scores refer to, in order) for the question set, which holds
        each item's definition. Only possible while nothing refers to the old rows."""
        self.conn.execute("DELETE FROM items WHERE campaign_id = ?", (cid,))
        self.conn.executemany(
            "INSERT INTO items (campaign_id, id, position) VALUES (?, ?, ?)",
            [(cid, item.id, n) for n, item in enumerate(question_set.items)],
        )

    def items(self, cid: int) -> list[tuple[str, int, str | None, str | None]]:
        """(id, position, kind, text) in order: the items table's keys, each with the kind and text its
        question set gives it (None, None for a key the question set does not have)."""
        return self.conn.execute(
            """SELECT i.id, i.position, json_extract(q.value, '$.kind'), json_extract(q.value, '$.text')
               FROM items i JOIN campaigns c ON c.id = i.campaign_id
               LEFT JOIN json_each(c.question_set_json, '$.items') q ON json_extract(q.value, '$.id') = i.id
               WHERE i.campaign_id = ? ORDER BY i.position""",
            (cid,),
        ).fetchall()

    def campaign_definitions(self) -> list[tuple[int, str, str, str, int]]:
        """(id, profile_json, rules_json, question_set_json, scoring_started) of every campaign."""
        return self.conn.execute(
            "SELECT id, profile_json, rules_json, question_set_json, scoring_started FROM campaigns ORDER BY id"
        ).fetchall()

    # -- candidates ------------------------------------------------------------------------------------
    def insert_candidates(self, cid: int, candidates: Iterable[Candidate]) -> None:
        slot_text = _mapping().slot_text
        self.conn.executemany(
            "INSERT INTO candidates (campaign_id, reference, name, slot) VALUES (?, ?, ?, ?)",
            [(cid, c.reference, c.name, slot_text(c.slot)) for c in candidates],
        )

    def candidate_id(self, cid: int, reference: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM candidates WHERE campaign_id = ? AND reference = ?", (cid, reference)
        ).fetchone()
        return None if row is None else int(row[0])

    def candidate(self, cid: int, reference: str) -> CandidateRow | None:
        row = self.conn.execute(
            "SELECT id, reference, name, slot FROM candidates WHERE campaign_id = ? AND reference = ?", (cid, reference)
        ).fetchone()
        return None if row is None else CandidateRow(*row)

    def candidates(self, cid: int) -> list[CandidateRow]:
        """By slot (unscheduled last), then reference."""
        return [
            CandidateRow(*r)
            for r in self.conn.execute(
                "SELECT id, reference, name, slot FROM candidates WHERE campaign_id = ? "
                "ORDER BY slot IS NULL, slot, reference",
                (cid,),
            )
        ]

    def campaign_candidates(self, cid: int) -> list[tuple[int, Candidate]]:
        """(row id, candidate with its attendance), by slot (unscheduled last), then reference."""
        from_row = _mapping().candidate_from_row
        return [
            (int(i), from_row(ref, name, slot, status, reason))
            for i, ref, name, slot, status, reason in self.conn.execute(
                "SELECT id, reference, name, slot, status, status_reason FROM candidates WHERE campaign_id = ? "
                "ORDER BY slot IS NULL, slot, reference",
                (cid,),
            )
        ]

    def references(self, cid: int) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT reference FROM candidates WHERE campaign_id = ?", (cid,))}

    def update_candidate(self, candidate_id: int, candidate: Candidate) -> None:
        """The name and slot (a reference is corrected with ``set_candidate_reference``)."""
        self.conn.execute(
            "UPDATE candidates SET name = ?, slot = ? WHERE id = ?",
            (candidate.name, _mapping().slot_text(candidate.slot), candidate_id),
        )

    def candidate_statuses(self, cid: int) -> dict[int, tuple[str, str]]:
        """candidate row id -> (status, reason) for the candidates not active (withdrawn or absent)."""
        return {
            int(i): (st, why)
            for i, st, why in self.conn.execute(
                "SELECT id, status, status_reason FROM candidates WHERE campaign_id = ? AND status != 'active'", (cid,)
            )
        }

    def candidate_status(self, candidate_id: int) -> tuple[str, str]:
        row = self.conn.execute("SELECT status, status_reason FROM candidates WHERE id = ?", (candidate_id,)).fetchone()
        return ("active", "") if row is None else (str(row[0]), str(row[1]))

    def set_candidate_status(self, candidate_id: int, status: str, reason: str) -> None:
        self.conn.execute(
            "UPDATE candidates SET status = ?, status_reason = ? WHERE id = ?", (status, reason, candidate_id)
        )

    def set_candidate_reference(self, candidate_id: int, reference: str) -> None:
        self.conn.execute("UPDATE candidates SET reference = ? WHERE id = ?", (reference, candidate_id))

    def candidate_has_records(self, candidate_id: int) -> bool:
        """Whether any score, submission or agreed score refers to this candidate."""
        return bool(
            self.conn.execute(
                "SELECT EXISTS (SELECT 1 FROM scores WHERE candidate_id = ?1) "
                "OR EXISTS (SELECT 1 FROM submissions WHERE candidate_id = ?1) "
                "OR EXISTS (SELECT 1 FROM agreed WHERE candidate_id = ?1)",
                (candidate_id,),
            ).fetchone()[0]
            == 1
        )

    # -- members -------------------------------------------------------------------------------------
    def rename_member(self, member_id: int, name: str) -> None:
        self.conn.execute("UPDATE members SET name = ? WHERE id = ?", (name, member_id))

    def delete_member(self, member_id: int) -> None:
        self.conn.execute("DELETE FROM timers WHERE member_id = ?", (member_id,))
        self.conn.execute("DELETE FROM members WHERE id = ?", (member_id,))

    def set_chair(self, cid: int, member_id: int | None) -> None:
        """Make ``member_id`` the campaign's one chair (None: nobody)."""
        self.conn.execute("UPDATE members SET chair = 0 WHERE campaign_id = ? AND chair = 1", (cid,))
        if member_id is not None:
            self.conn.execute("UPDATE members SET chair = 1 WHERE id = ?", (member_id,))

    def member_has_records(self, member_id: int) -> bool:
        """Whether the member has any score (or note) or submission."""
        return bool(
            self.conn.execute(
                "SELECT EXISTS (SELECT 1 FROM scores WHERE member_id = ?1) "
                "OR EXISTS (SELECT 1 FROM submissions WHERE member_id = ?1)",
                (member_id,),
            ).fetchone()[0]
            == 1
        )

    def moderation_begun(self, cid: int) -> bool:
        return bool(
            self.conn.execute("SELECT EXISTS (SELECT 1 FROM agreed WHERE campaign_id = ?)", (cid,)).fetchone()[0] == 1
        )

    # -- timers ----------------------------------------------------------------------------------------
    def timer(self, cid: int, candidate_id: int, member_id: int) -> tuple[int, str | None] | None:
        """(elapsed_ms banked, started_at while running or None), or None if never started."""
        row: tuple[int, str | None] | None = self.conn.execute(
            "SELECT elapsed_ms, started_at FROM timers WHERE campaign_id = ? AND candidate_id = ? AND member_id = ?",
            (cid, candidate_id, member_id),
        ).fetchone()
        return row

    def put_timer(self, cid: int, candidate_id: int, member_id: int, elapsed_ms: int, started_at: str | None) -> None:
        self.conn.execute(
            "INSERT INTO timers (campaign_id, candidate_id, member_id, elapsed_ms, started_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (campaign_id, candidate_id, member_id) DO UPDATE SET elapsed_ms = excluded.elapsed_ms, "
            "started_at = excluded.started_at",
            (cid, candidate_id, member_id, elapsed_ms, started_at),
        )

    def insert_member(self, cid: int, name: str, chair: bool) -> int:
        cur = self.conn.execute(
            "INSERT INTO members (campaign_id, name, chair) VALUES (?, ?, ?)", (cid, name, int(chair))
        )
        return int(cur.lastrowid or 0)

    def members(self, cid: int) -> list[MemberRow]:
        """In the order they were added."""
        return [
            MemberRow(*r)
            for r in self.conn.execute("SELECT id, name, chair FROM members WHERE campaign_id = ? ORDER BY id", (cid,))
        ]

    def member_id(self, cid: int, name: str) -> int | None:
        row = self.conn.execute("SELECT id FROM members WHERE campaign_id = ? AND name = ?", (cid, name)).fetchone()
        return None if row is None else int(row[0])

    def chair(self, cid: int) -> str | None:
        row = self.conn.execute("SELECT name FROM members WHERE campaign_id = ? AND chair = 1", (cid,)).fetchone()
        return None if row is None else str(row[0])

    # -- scores --------------------------------------------------------------------------------------
    def score_and_submission(
        self, cid: int, candidate_id: int, member_id: int, item: str
    ) -> tuple[tuple[int | None, str] | None, str | None]:
        """The current (score, note) of one cell, or None, and when that member submitted (None: not yet).

        One statement: this is on the path of every score typed during an interview.
        """
        row = self.conn.execute(
            "SELECT (SELECT submitted_at FROM submissions WHERE campaign_id = ?4 AND candidate_id = ?1 "
            "AND member_id = ?2), "
            "s.score, s.note, s.updated_at FROM (SELECT 1) LEFT JOIN scores s ON s.campaign_id = ?4 "
            "AND s.candidate_id = ?1 AND s.member_id = ?2 AND s.item_id = ?3",
            (candidate_id, member_id, item, cid),
        ).fetchone()
        return (None if row[3] is None else (row[1], row[2])), row[0]

    def put_score(
        self, cid: int, candidate_id: int, member_id: int, item: str, score: int | None, note: str, updated_at: str
    ) -> None:
        self.conn.execute(
            "INSERT INTO scores (campaign_id, candidate_id, member_id, item_id, score, note, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (campaign_id, candidate_id, item_id, member_id) DO UPDATE SET "
            "score = excluded.score, note = excluded.note, updated_at = excluded.updated_at",
            (cid, candidate_id, member_id, item, score, note, updated_at),
        )

    def member_scores(self, cid: int, candidate_id: int, member_id: int) -> list[tuple[str, int | None, str, str]]:
        """(item, score, note, updated_at) of one member for one candidate."""
        return self.conn.execute(
            "SELECT item_id, score, note, updated_at FROM scores WHERE campaign_id = ? "
            "AND candidate_id = ? AND member_id = ?",
            (cid, candidate_id, member_id),
        ).fetchall()

    def candidate_scores(self, cid: int, candidate_id: int) -> list[tuple[int, str, int | None, str]]:
        """(member_id, item, score, note) of every member for one candidate."""
        return self.conn.execute(
            "SELECT member_id, item_id, score, note FROM scores WHERE campaign_id = ? AND candidate_id = ?",
            (cid, candidate_id),
        ).fetchall()

    def score_maps(
        self, cid: int, candidate_id: int | None = None, *, notes: bool = True
    ) -> Iterator[tuple[int, str, str | None]]:
        """Per candidate: (candidate_id, scores JSON {item: {member name: score}}, notes JSON {item: {member
        name: note}} or None), nested by SQLite in one pass over the primary key: the fast path of results.
        Blank scores and empty notes are left out; members appear in the order they joined the panel.
        ``notes=False`` does not read the notes (the third value is then always None): about a quarter
        less work over a large campaign."""
        one = "" if candidate_id is None else " AND s.candidate_id = ?2"
        if notes:
            notes_outer = "json_group_object(item_id, json(notes)) FILTER (WHERE notes != '{}')"
            notes_inner = ", json_group_object(m.name, s.note) FILTER (WHERE s.note != '') AS notes"
        else:
            notes_outer, notes_inner = "NULL", ""
        sql = (
            f"SELECT candidate_id, json_group_object(item_id, json(per)) FILTER (WHERE per != '{{}}'), "
            f"{notes_outer} FROM ("
            "SELECT s.candidate_id, s.item_id, "
            f"json_group_object(m.name, s.score) FILTER (WHERE s.score IS NOT NULL) AS per{notes_inner} "
            "FROM scores s JOIN members m ON m.id = s.member_id "
            f"WHERE s.campaign_id = ?1{one} GROUP BY s.candidate_id, s.item_id) GROUP BY candidate_id"
        )
        return iter(self.conn.execute(sql, (cid,) if candidate_id is None else (cid, candidate_id)))

    # -- submissions ---------------------------------------------------------------------------------
    def submitted_at(self, cid: int, candidate_id: int, member_id: int) -> str | None:
        row = self.conn.execute(
            "SELECT submitted_at FROM submissions WHERE campaign_id = ? AND candidate_id = ? AND member_id = ?",
            (cid, candidate_id, member_id),
        ).fetchone()
        return None if row is None else str(row[0])

    def insert_submission(self, cid: int, candidate_id: int, member_id: int, at: str) -> None:
        self.conn.execute(
            "INSERT INTO submissions (campaign_id, candidate_id, member_id, submitted_at) VALUES (?, ?, ?, ?)",
            (cid, candidate_id, member_id, at),
        )

    def candidate_submissions(self, cid: int, candidate_id: int) -> dict[int, str]:
        return {
            int(m): str(at)
            for m, at in self.conn.execute(
                "SELECT member_id, submitted_at FROM submissions WHERE campaign_id = ? AND candidate_id = ?",
                (cid, candidate_id),
            )
        }

    def campaign_submissions(self, cid: int) -> list[tuple[int, int, str]]:
        return self.conn.execute(
            "SELECT candidate_id, member_id, submitted_at FROM submissions WHERE campaign_id = ?", (cid,)
        ).fetchall()

    # -- agreed scores -------------------------------------------------------------------------------
    def agreed(self, cid: int, candidate_id: int, item: str) -> tuple[int, str, str, str] | None:
        row: tuple[int, str, str, str] | None = self.conn.execute(
            "SELECT score, rationale, agreed_by, agreed_at FROM agreed WHERE campaign_id = ? "
            "AND candidate_id = ? AND item_id = ?",
            (cid, candidate_id, item),
        ).fetchone()
        return row

    def put_agreed(
        self, cid: int, candidate_id: int, item: str, score: int, rationale: str, agreed_by: str, agreed_at: str
    ) -> None:
        self.conn.execute(
            "INSERT INTO agreed (campaign_id, candidate_id, item_id, score, rationale, agreed_by, agreed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (campaign_id, candidate_id, item_id) DO UPDATE SET "
            "score = excluded.score, rationale = excluded.rationale, agreed_by = excluded.agreed_by, "
            "agreed_at = excluded.agreed_at",
            (cid, candidate_id, item, score, rationale, agreed_by, agreed_at),
        )

    def candidate_agreed(self, cid: int, candidate_id: int) -> list[tuple[str, int, str, str, str]]:
        """(item, score, rationale, agreed_by, agreed_at) for one candidate."""
        return self.conn.execute(
            "SELECT item_id, score, rationale, agreed_by, agreed_at FROM agreed "
            "WHERE campaign_id = ? AND candidate_id = ?",
            (cid, candidate_id),
        ).fetchall()

    def agreed_maps(
        self, cid: int, candidate_id: int | None = None, *, rationale: bool = True
    ) -> Iterator[tuple[int, str, str | None, str, str]]:
        """Per candidate: (candidate_id, agreed JSON {item: score}, rationale JSON {item: text} or None,
        latest agreed_at, who agreed that latest one). One pass over the primary key.
        ``rationale=False`` does not gather the rationales (the third value is then always None)."""
        one = "" if candidate_id is None else " AND candidate_id = ?2"
        why = "json_group_object(item_id, rationale) FILTER (WHERE rationale != '')" if rationale else "NULL"
        sql = (
            f"SELECT candidate_id, json_group_object(item_id, score), {why}, max(agreed_at), agreed_by "
            f"FROM agreed WHERE campaign_id = ?1{one} GROUP BY candidate_id"
        )  # agreed_by: of the max row
        return iter(self.conn.execute(sql, (cid,) if candidate_id is None else (cid, candidate_id)))

    def campaign_agreed(self, cid: int) -> list[tuple[int, str, int, str, str, str]]:
        return self.conn.execute(
            "SELECT candidate_id, item_id, score, rationale, agreed_by, agreed_at FROM agreed WHERE campaign_id = ?",
            (cid,),
        ).fetchall()

    # -- pre-employment checks and reasonable adjustments ---------------------------------------------
    def check_state(self, cid: int, candidate_id: int, criterion: str) -> str | None:
        row = self.conn.execute(
            "SELECT state FROM checks WHERE campaign_id = ? AND candidate_id = ? AND criterion = ?",
            (cid, candidate_id, criterion),
        ).fetchone()
        return None if row is None else str(row[0])

    def put_check(
        self, cid: int, candidate_id: int, criterion: str, state: str, recorded_by: str, recorded_at: str
    ) -> None:
        self.conn.execute(
            "INSERT INTO checks (campaign_id, candidate_id, criterion, state, recorded_by, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (campaign_id, candidate_id, criterion) DO UPDATE SET "
            "state = excluded.state, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
            (cid, candidate_id, criterion, state, recorded_by, recorded_at),
        )

    def check_maps(self, cid: int, candidate_id: int | None = None) -> Iterator[tuple[int, str]]:
        """Per candidate: (candidate_id, JSON {criterion: state}) of the checks recorded so far."""
        one = "" if candidate_id is None else " AND candidate_id = ?2"
        sql = (
            f"SELECT candidate_id, json_group_object(criterion, state) FROM checks WHERE campaign_id = ?1{one} "
            "GROUP BY candidate_id"
        )
        return iter(self.conn.execute(sql, (cid,) if candidate_id is None else (cid, candidate_id)))

    def adjustments(self, cid: int, candidate_id: int) -> str:
        row = self.conn.execute(
            "SELECT text FROM adjustments WHERE campaign_id = ? AND candidate_id = ?", (cid, candidate_id)
        ).fetchone()
        return "" if row is None else str(row[0])

    def put_adjustments(self, cid: int, candidate_id: int, text: str, updated_at: str) -> None:
        """Store the text; an empty text deletes the row (nothing kept that is not needed)."""
        if not text:
            self.conn.execute("DELETE FROM adjustments WHERE campaign_id = ? AND candidate_id = ?", (cid, candidate_id))
            return
        self.conn.execute(
            "INSERT INTO adjustments (campaign_id, candidate_id, text, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (campaign_id, candidate_id) DO UPDATE SET text = excluded.text, "
            "updated_at = excluded.updated_at",
            (cid, candidate_id, text, updated_at),
        )

    # -- audit ---------------------------------------------------------------------------------------
    def append_audit(
        self,
        *,
        at: str,
        actor: str,
        action: str,
        target: str,
        campaign_id: int | None = None,
        candidate: str | None = None,
        member: str | None = None,
        item: str | None = None,
        old: str | None = None,
        new: str | None = None,
        reason: str | None = None,
    ) -> int:
        """Append one row chained to the previous one and keyed with this computer's key for the database
        (see ``audit_keys``); returns its seq. Call inside a write transaction."""
        last = self.conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq = int(last[0]) + 1 if last else 1
        info, key = self._signer if self._signer is not None else self._load_signer(seq)
        prev = str(last[1]) if last else (info.genesis if info is not None else GENESIS)
        if action in PERSONAL_FIELDS and info is not None:
            if self._texts is None:
                self._texts = (
                    self.conn.execute(
                        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_text'"
                    ).fetchone()
                    is not None
                )
            if self._texts:
                if action == "agreed":
                    reason = None if reason is None else put_audit_text(self.conn, reason)
                else:
                    old = None if old is None else put_audit_text(self.conn, old)
                    new = None if new is None else put_audit_text(self.conn, new)
        fields = (seq, at, actor, action, target, campaign_id, candidate, member, item, old, new, reason)
        row_hash = audit_hash(prev, fields)
        if info is None:  # a database held at a schema older than v4 (tests of migrations)
            self.conn.execute(
                f"INSERT INTO audit ({', '.join(AUDIT_COLUMNS)}) VALUES ({', '.join('?' * 13)})", (*fields, row_hash)
            )
            return seq
        mac = audit_keys.mac(key.key, info.database_id, row_hash) if key is not None else None
        self.conn.execute(
            f"INSERT INTO audit ({', '.join(AUDIT_COLUMNS)}, mac) VALUES ({', '.join('?' * 14)})",
            (*fields, row_hash, mac),
        )
        return seq

    def _load_signer(self, next_seq: int) -> tuple[ChainInfo | None, audit_keys.AuditKey | None]:
        info = self.chain_info()
        key = None
        if info is not None:
            key = audit_keys.load_key(info.database_id) or audit_keys.create_key(info.database_id, next_seq)
        if key is not None or info is None:
            self._signer = (info, key)  # no key (folder not writable): try again on the next write
        return info, key

    def chain_info(self) -> ChainInfo | None:
        """This database's audit identity (None before schema v5)."""
        if (
            self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_chain'").fetchone()
            is None
        ):
            return None
        row = self.conn.execute("SELECT database_id, legacy_rows FROM audit_chain WHERE id = 1").fetchone()
        return None if row is None else ChainInfo(str(row[0]), int(row[1]))

    def audit_texts(self) -> dict[int, tuple[str, str | None, str | None]]:
        """id -> (digest, salt, text) of the personal text audit rows refer to ({} before schema v6)."""
        if (
            self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_text'").fetchone()
            is None
        ):
            return {}
        return {
            int(r[0]): (r[1], r[2], r[3]) for r in self.conn.execute("SELECT id, digest, salt, text FROM audit_text")
        }

    def erase_audit_texts(self, ids: Iterable[int], at: str) -> None:
        """Blank personal text the audit log refers to (its digest stays, so the chain still verifies)."""
        self.conn.executemany(
            "UPDATE audit_text SET text = NULL, salt = NULL, erased_at = ? WHERE id = ?", [(at, i) for i in ids]
        )

    def audit_head(self) -> tuple[int, str] | None:
        """(seq, hash) of the newest audit row, or None for an empty log."""
        row = self.conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def audit_macs(self) -> Iterator[tuple[int, str | None]]:
        """(seq, mac) of every row, by seq."""
        return iter(self.conn.execute("SELECT seq, mac FROM audit ORDER BY seq"))

    def triggers(self) -> dict[str, str]:
        """Every trigger in the database: name -> its CREATE statement."""
        return {
            str(n): str(q) for n, q in self.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        }

    def audit_rows(self, campaign_id: int | None = None, *, mac: bool = False) -> Iterator[tuple[Any, ...]]:
        """Rows as tuples in AUDIT_COLUMNS order, by seq (all campaigns when ``campaign_id`` is None);
        ``mac=True`` adds the ``mac`` column at the end (schema v5 and later)."""
        cols = ", ".join(AUDIT_COLUMNS + (("mac",) if mac else ()))
        if campaign_id is None:
            return iter(self.conn.execute(f"SELECT {cols} FROM audit ORDER BY seq"))
        return iter(self.conn.execute(f"SELECT {cols} FROM audit WHERE campaign_id = ? ORDER BY seq", (campaign_id,)))

    # -- whole-database state, keyed by what the audit log names (for verification) --------------------
    def all_scores(self) -> dict[tuple[int, str, str, str], tuple[int | None, str]]:
        rows = self.conn.execute(
            "SELECT s.campaign_id, c.reference, m.name, s.item_id, s.score, s.note FROM scores s "
            "JOIN candidates c ON c.id = s.candidate_id JOIN members m ON m.id = s.member_id"
        )
        return {(int(r[0]), r[1], r[2], r[3]): (r[4], r[5]) for r in rows}

    def all_agreed(self) -> dict[tuple[int, str, str], tuple[int, str, str, str]]:
        rows = self.conn.execute(
            "SELECT a.campaign_id, c.reference, a.item_id, a.score, a.rationale, a.agreed_by, "
            "a.agreed_at FROM agreed a JOIN candidates c ON c.id = a.candidate_id"
        )
        return {(int(r[0]), r[1], r[2]): (r[3], r[4], r[5], r[6]) for r in rows}

    def all_candidates(self) -> dict[tuple[int, str], tuple[str, str | None]]:
        return {
            (int(r[0]), r[1]): (r[2], r[3])
            for r in self.conn.execute("SELECT campaign_id, reference, name, slot FROM candidates")
        }

    def all_members(self) -> dict[tuple[int, str], str]:
        return {
            (int(r[0]), r[1]): "chair" if r[2] else "member"
            for r in self.conn.execute("SELECT campaign_id, name, chair FROM members")
        }

    def campaign_names(self) -> dict[int, str]:
        return {int(r[0]): r[1] for r in self.conn.execute("SELECT id, name FROM campaigns")}

    def all_submissions(self) -> dict[tuple[int, str, str], str]:
        rows = self.conn.execute(
            "SELECT s.campaign_id, c.reference, m.name, s.submitted_at FROM submissions s "
            "JOIN candidates c ON c.id = s.candidate_id JOIN members m ON m.id = s.member_id"
        )
        return {(int(r[0]), r[1], r[2]): r[3] for r in rows}
