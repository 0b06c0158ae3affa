"""Schema v6's conversion of existing audit rows: personal text moved to ``audit_text``, rows re-chained.

Runs inside the migration's transaction. It converts only a log that verifies as it stands (every row
numbered in order, every hash, and every MAC this computer can check from its key's first row on): a log
edited outside the app is left exactly as it is, so ``audit verify`` still reports the edit instead of a
conversion laundering it. The converted rows are chained from the database's own genesis and keyed with
this computer's key for the database (made now if it has none).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from . import audit_keys
from .repository import AUDIT_COLUMNS, GENESIS, PERSONAL_FIELDS, audit_hash, genesis_for, parse_text_ref, put_audit_text
from .schema import AUDIT_TRIGGERS


def convert_personal_text(conn: sqlite3.Connection) -> bool:
    """Convert the audit rows; False (nothing changed) when the log does not verify as it stands."""
    chain = conn.execute("SELECT database_id, legacy_rows FROM audit_chain WHERE id = 1").fetchone()
    if chain is None:
        return False
    database_id, legacy = str(chain[0]), int(chain[1])
    cols = ", ".join(AUDIT_COLUMNS)
    rows = conn.execute(f"SELECT {cols}, mac FROM audit ORDER BY seq").fetchall()
    key = audit_keys.load_key(database_id)
    prev = GENESIS if legacy else genesis_for(database_id)
    for n, row in enumerate(rows, start=1):
        if row[0] != n or audit_hash(prev, row[:12]) != row[12]:
            return False
        if (
            key is not None
            and n >= key.first_seq
            and not audit_keys.mac_matches(key.key, database_id, row[12], row[13])
        ):
            return False
        prev = row[12]
    if not rows or (not any(r[3] in PERSONAL_FIELDS for r in rows) and not legacy):
        return True  # nothing to move, and already chained from its own genesis
    key = key or audit_keys.create_key(database_id, 1)
    conn.execute("DROP TRIGGER audit_no_update")
    prev = genesis_for(database_id)
    for row in rows:
        fields = list(row[:12])
        for i in PERSONAL_FIELDS.get(row[3], ()):
            if fields[i] is not None and parse_text_ref(fields[i]) is None:
                fields[i] = put_audit_text(conn, str(fields[i]))
        row_hash = audit_hash(prev, fields)
        mac = audit_keys.mac(key.key, database_id, row_hash) if key is not None else None
        conn.execute(
            "UPDATE audit SET old = ?, new = ?, reason = ?, hash = ?, mac = ? WHERE seq = ?",
            (fields[9], fields[10], fields[11], row_hash, mac, row[0]),
        )
        prev = row_hash
    conn.execute(AUDIT_TRIGGERS["audit_no_update"])
    if legacy:
        conn.execute("DROP TRIGGER audit_chain_no_update")
        conn.execute(
            "UPDATE audit_chain SET legacy_rows = 0, created_at = ? WHERE id = 1", (datetime.now(UTC).isoformat(),)
        )
        conn.execute(AUDIT_TRIGGERS["audit_chain_no_update"])
    audit_keys.forget_witness(database_id)  # the rows' hashes changed; the next close remembers the new head
    return True
