"""The database schema as an ordered list of migrations.

``MIGRATIONS[n - 1]`` takes a database from ``PRAGMA user_version`` n-1 to n. Steps are frozen once
released: change the schema by appending a step, never by editing one. Each step is a list of single
SQL statements run inside one write transaction together with the ``user_version`` bump.
"""

from __future__ import annotations

import sqlite3
from typing import Any, NamedTuple


class Migration(NamedTuple):  # a NamedTuple, not a dataclass: opening a database should not load dataclasses
    version: int
    summary: str
    statements: tuple[Any, ...]  # SQL text, or a callable taking the connection (a step SQL alone cannot do)


_V1 = (
    """CREATE TABLE campaigns (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        profile_json TEXT NOT NULL,
        profile_sha256 TEXT NOT NULL,
        rules_json TEXT NOT NULL,
        question_set_json TEXT NOT NULL,
        scoring_started INTEGER NOT NULL DEFAULT 0 CHECK (scoring_started IN (0, 1))
    )""",
    """CREATE TABLE items (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        id TEXT NOT NULL,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (campaign_id, id)
    )""",
    """CREATE TABLE candidates (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        reference TEXT NOT NULL,
        name TEXT NOT NULL,
        slot TEXT,
        UNIQUE (campaign_id, reference)
    )""",
    """CREATE TABLE members (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        name TEXT NOT NULL,
        chair INTEGER NOT NULL DEFAULT 0 CHECK (chair IN (0, 1)),
        UNIQUE (campaign_id, name)
    )""",
    "CREATE UNIQUE INDEX members_one_chair ON members(campaign_id) WHERE chair = 1",
    """CREATE TABLE scores (
        campaign_id INTEGER NOT NULL,
        candidate_id INTEGER NOT NULL REFERENCES candidates(id),
        member_id INTEGER NOT NULL REFERENCES members(id),
        item_id TEXT NOT NULL,
        score INTEGER,
        note TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, candidate_id, item_id, member_id),
        FOREIGN KEY (campaign_id, item_id) REFERENCES items(campaign_id, id)
    ) WITHOUT ROWID""",
    """CREATE TABLE submissions (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        candidate_id INTEGER NOT NULL REFERENCES candidates(id),
        member_id INTEGER NOT NULL REFERENCES members(id),
        submitted_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, candidate_id, member_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE agreed (
        campaign_id INTEGER NOT NULL,
        candidate_id INTEGER NOT NULL REFERENCES candidates(id),
        item_id TEXT NOT NULL,
        score INTEGER NOT NULL,
        rationale TEXT NOT NULL DEFAULT '',
        agreed_by TEXT NOT NULL,
        agreed_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, candidate_id, item_id),
        FOREIGN KEY (campaign_id, item_id) REFERENCES items(campaign_id, id)
    ) WITHOUT ROWID""",
    """CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        campaign_id INTEGER,
        candidate TEXT,
        member TEXT,
        item TEXT,
        old TEXT,
        new TEXT,
        reason TEXT,
        hash TEXT NOT NULL
    )""",
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: rows cannot be changed'); END""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: rows cannot be deleted'); END""",
)

# v2: candidates in interview order (slot, then reference) straight from an index: the order of every
# candidate list, results table and export. Scores, submissions and agreed scores need no index of their
# own: their primary keys start with the campaign and the candidate (WITHOUT ROWID tables). The audit table
# gets none on purpose: every index is one more page written by every score's commit.
_V2 = ("CREATE INDEX candidates_by_slot ON candidates(campaign_id, slot IS NULL, slot, reference)",)

# v3: several laptops. ``campaign_keys``: the campaign's identity shared by the chair's database and the member
# kits made from it (a random uid, the chair's Ed25519 public key, its private key only in the chair's database;
# in a member's database, whose kit it is). ``member_keys``: every Ed25519 key issued to a member (the private
# half only in that member's own database). ``member_pins``: slow salted PIN hashes and the lockout counter.
# ``imported_packs``: the sha256 of every score pack merged, so a second import is recognised.
_V3 = (
    """CREATE TABLE campaign_keys (
        campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id),
        uid TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('chair', 'member')),
        signing_public TEXT NOT NULL,
        signing_private TEXT,
        member_name TEXT,
        kit_version INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE member_keys (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        key_id TEXT NOT NULL,
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        public_key TEXT NOT NULL,
        private_key TEXT,
        issued_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, key_id)
    )""",
    """CREATE TABLE member_pins (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        pin_hash TEXT NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        PRIMARY KEY (campaign_id, member_id)
    )""",
    """CREATE TABLE imported_packs (
        sha256 TEXT PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        member TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        candidates INTEGER NOT NULL
    )""",
)

# Equality monitoring (optional, off until HR's file is imported): categories per candidate, kept apart from every
# table the panel's screens read, and the appointment decision when HR records it (the second stage reported).
_V_MONITORING = (
    """CREATE TABLE monitoring (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
        category TEXT NOT NULL,
        grp TEXT NOT NULL,
        PRIMARY KEY (campaign_id, candidate_id, category)
    ) WITHOUT ROWID""",
    """CREATE TABLE appointments (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        candidate_id INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
        appointed INTEGER NOT NULL CHECK (appointed IN (0, 1)),
        PRIMARY KEY (campaign_id, candidate_id)
    ) WITHOUT ROWID""",
)

# v5: the chair's record of each pre-employment check per candidate (never a score), and each candidate's
# reasonable adjustments: health data, kept in a table of their own, apart from scores and notes.
_V_CHECKS = (
    """CREATE TABLE checks (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        candidate_id INTEGER NOT NULL REFERENCES candidates(id),
        criterion TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('confirmed', 'not confirmed', 'pending')),
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, candidate_id, criterion)
    ) WITHOUT ROWID""",
    """CREATE TABLE adjustments (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        candidate_id INTEGER NOT NULL REFERENCES candidates(id),
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, candidate_id)
    ) WITHOUT ROWID""",
)

# v7: a keyed, anchored audit chain (issue 11). ``audit_chain`` holds this database's random id, which is bound
# into the genesis of its hash chain (a new database's first row chains from sha256 of it, not from a
# constant) and names the key file kept outside the database (storage/audit_keys.py); ``legacy_rows`` is how
# many rows were written before v7 (chained from the old all-zero genesis, with no MAC). Every row written from
# now on carries ``mac``: HMAC-SHA256 with that key over the database id and the row's hash.
AUDIT_TRIGGERS = {  # name -> SQL, exactly as created: ``audit verify`` checks they are all still there
    "audit_no_update": _V1[-2],
    "audit_no_delete": _V1[-1],
    "audit_chain_no_update": """CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
       BEGIN SELECT RAISE(ABORT, 'the audit chain identity cannot be changed'); END""",
    "audit_chain_no_delete": """CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
       BEGIN SELECT RAISE(ABORT, 'the audit chain identity cannot be removed'); END""",
}
_V_AUDIT_KEYED = (
    "ALTER TABLE audit ADD COLUMN mac TEXT",
    """CREATE TABLE audit_chain (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        database_id TEXT NOT NULL,
        legacy_rows INTEGER NOT NULL,
        created_at TEXT NOT NULL
    )""",
    """INSERT INTO audit_chain (id, database_id, legacy_rows, created_at)
       VALUES (1, lower(hex(randomblob(16))), (SELECT coalesce(max(seq), 0) FROM audit),
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))""",
    AUDIT_TRIGGERS["audit_chain_no_update"],
    AUDIT_TRIGGERS["audit_chain_no_delete"],
)

# v8: audit rows no longer hold personal text (issue 17). A candidate's name (with slot), a member's note and a
# chair's rationale go into ``audit_text``; the audit row holds ``text:<id>:<digest>``, where digest = sha256 of
# a random salt + the text. Erasing personal data later (a purge) blanks ``text`` and ``salt`` and keeps the
# digest, so the chain still verifies and the digest cannot be guessed back into a name. The step converts the
# existing rows (storage/audit_convert.py) when their chain verifies, re-chaining them from the database's
# genesis with this computer's key; a log that does not verify is left exactly as it is, for verify to report.
AUDIT_TRIGGERS.update(
    {
        "audit_text_no_delete": """CREATE TRIGGER audit_text_no_delete BEFORE DELETE ON audit_text
       BEGIN SELECT RAISE(ABORT, 'audit text can be erased but not deleted'); END""",
        "audit_text_erase_only": """CREATE TRIGGER audit_text_erase_only BEFORE UPDATE ON audit_text
       WHEN NEW.id IS NOT OLD.id OR NEW.digest IS NOT OLD.digest OR NEW.text IS NOT NULL OR NEW.salt IS NOT NULL
            OR NEW.erased_at IS NULL
       BEGIN SELECT RAISE(ABORT, 'audit text can only be erased'); END""",
    }
)


def _convert(conn: sqlite3.Connection) -> None:
    from .audit_convert import convert_personal_text

    convert_personal_text(conn)


_V_AUDIT_TEXT = (
    """CREATE TABLE audit_text (
        id INTEGER PRIMARY KEY,
        digest TEXT NOT NULL,
        salt TEXT,
        text TEXT,
        erased_at TEXT
    )""",
    AUDIT_TRIGGERS["audit_text_no_delete"],
    AUDIT_TRIGGERS["audit_text_erase_only"],
    _convert,
)

# v9: retention and legal hold per campaign (issue 17). ``until``: a date the chair set, else NULL (then the
# retention date is ``months`` after the campaign's last outcome); ``hold``: a legal hold blocks erasure;
# ``purged_at``: when the campaign's personal data was erased (NULL: not yet).
_V_RETENTION = (
    """CREATE TABLE retention (
        campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id),
        until TEXT,
        months INTEGER NOT NULL DEFAULT 6 CHECK (months BETWEEN 1 AND 1200),
        hold INTEGER NOT NULL DEFAULT 0 CHECK (hold IN (0, 1)),
        purged_at TEXT
    )""",
)

# v6 (issue 15, a day of interviews): a candidate's attendance (active, withdrawn, absent) with the chair's
# reason; a member's interview timer per candidate (started_at while running, elapsed_ms banked when stopped),
# so it belongs to one member and candidate and survives a restart.
_V_STATUS = (
    "ALTER TABLE candidates ADD COLUMN status TEXT NOT NULL DEFAULT 'active' "
    "CHECK (status IN ('active', 'withdrawn', 'absent'))",
    "ALTER TABLE candidates ADD COLUMN status_reason TEXT NOT NULL DEFAULT ''",
    """CREATE TABLE timers (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        candidate_id INTEGER NOT NULL REFERENCES candidates(id),
        member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        elapsed_ms INTEGER NOT NULL DEFAULT 0,
        started_at TEXT,
        PRIMARY KEY (campaign_id, candidate_id, member_id)
    ) WITHOUT ROWID""",
)

# v10 (issue 18): each item's definition is kept once, in the campaign's question set. The items table keeps
# only what scores and agreed scores refer to (campaign, id) and the order; kind and text were copies.
_V_ITEMS_ONCE = (
    "ALTER TABLE items DROP COLUMN kind",
    "ALTER TABLE items DROP COLUMN text",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _V1),
    Migration(2, "index for candidates in interview order", _V2),
    Migration(3, "member kits, score packs and PINs", _V3),
    Migration(4, "equality monitoring, apart from scores", _V_MONITORING),
    Migration(5, "pre-employment checks and reasonable adjustments per candidate", _V_CHECKS),
    Migration(6, "candidate status (active, withdrawn, absent) and interview timers", _V_STATUS),
    Migration(7, "keyed audit chain with a per-database genesis", _V_AUDIT_KEYED),
    Migration(8, "personal text out of the audit rows, by key and salted hash", _V_AUDIT_TEXT),
    Migration(9, "retention date and legal hold per campaign", _V_RETENTION),
    Migration(10, "items kept once: the items table holds keys and order only", _V_ITEMS_ONCE),
)
SCHEMA_VERSION = MIGRATIONS[-1].version
TABLES = (
    "campaigns",
    "items",
    "candidates",
    "members",
    "scores",
    "submissions",
    "agreed",
    "audit",
    "campaign_keys",
    "member_keys",
    "member_pins",
    "imported_packs",
    "monitoring",
    "appointments",
    "checks",
    "adjustments",
    "audit_chain",
    "audit_text",
    "retention",
    "timers",
)
