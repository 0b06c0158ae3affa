"""The audit log catches edits made behind the app's back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interview_panel.domain.campaign import Candidate
from interview_panel.services.audit import audit_log, verify_audit
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign
from interview_panel.services.demo import synthetic_profile
from interview_panel.services.moderation import agree_unflagged_at_median
from interview_panel.services.scoring import record_score, submit


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A small campaign: two candidates, two members, C1 scored, submitted and moderated."""
    from interview_panel.services.store import open_store

    path = tmp_path / "a.db"
    store = open_store(path)
    cid = create_campaign(store, profile=synthetic_profile(behaviours=1, criteria=1), name="Audit")
    for ref in ("C1", "C2"):
        add_candidate(store, cid, Candidate(ref, ref))
    for m in ("Ann", "Bob"):
        add_member(store, cid, m, chair=m == "Ann")
    for m in ("Ann", "Bob"):
        for item in ("emotionally-aware", "K1", "values"):
            record_score(store, cid, candidate="C1", member=m, item=item, score=4, note=f"{m} note")
        submit(store, cid, candidate="C1", member=m)
    agree_unflagged_at_median(store, cid, candidate="C1")
    record_score(store, cid, candidate="C2", member="Bob", item="K1", score=2)
    store.close()
    return path


def report(path: Path):  # type: ignore[no-untyped-def]
    from interview_panel.services.store import open_store

    store = open_store(path)
    try:
        return verify_audit(store)
    finally:
        store.close()


def seq_of(path: Path, **where: str) -> int:
    conn = sqlite3.connect(path)
    try:
        cond = " AND ".join(f"{k} = ?" for k in where)
        return conn.execute(f"SELECT max(seq) FROM audit WHERE {cond}", tuple(where.values())).fetchone()[0]
    finally:
        conn.close()


def tamper(path: Path, *sql: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for s in sql:
            conn.execute(s)
        conn.commit()
    finally:
        conn.close()


def test_an_untouched_database_verifies(db: Path) -> None:
    r = report(db)
    assert r.ok and r.first_bad is None and "intact" in r.message and r.rows > 10


def test_a_score_changed_with_sqlite3_is_caught_naming_the_row(db: Path) -> None:
    row = seq_of(db, action="score", candidate="C2", member="Bob", item="K1")
    tamper(db, "UPDATE scores SET score = 5 WHERE score = 2")
    r = report(db)
    assert not r.ok and r.first_bad == row
    assert "C2/Bob/K1" in r.message and f"row {row}" in r.message and "(5, '')" in r.message


def test_a_note_changed_is_caught(db: Path) -> None:
    tamper(db, "UPDATE scores SET note = 'rewritten' WHERE note = 'Ann note' AND item_id = 'values'")
    r = report(db)
    assert not r.ok and "C1/Ann/values" in r.message


def test_a_score_inserted_behind_the_apps_back_is_caught(db: Path) -> None:
    tamper(db, "INSERT INTO scores VALUES (1, 2, 1, 'values', 5, '', '2026-01-01T00:00:00+00:00')")
    r = report(db)
    assert not r.ok and "C2/Ann/values" in r.message and "no record" in r.message


def test_an_agreed_score_changed_is_caught(db: Path) -> None:
    tamper(db, "UPDATE agreed SET score = 1 WHERE item_id = 'K1'")
    r = report(db)
    assert not r.ok and "agreed score C1/K1" in r.message


def test_a_deleted_submission_is_caught(db: Path) -> None:
    tamper(db, "DELETE FROM submissions WHERE member_id = 2")
    assert "submission C1/Bob" in report(db).message


def test_update_and_delete_on_the_audit_table_fail(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE audit SET new = '1' WHERE action = 'score'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM audit WHERE seq = 3")
    finally:
        conn.close()
    assert report(db).ok


def test_an_audit_row_edited_with_the_triggers_dropped_breaks_the_chain_there(db: Path) -> None:
    row = seq_of(db, action="score", candidate="C2")
    tamper(
        db,
        "DROP TRIGGER audit_no_update",
        f"UPDATE audit SET new = '5' WHERE seq = {row}",
        "UPDATE scores SET score = 5 WHERE score = 2",
    )
    r = report(db)
    assert not r.ok and r.first_bad == row and f"audit row {row}" in r.message


def test_an_audit_row_deleted_with_the_triggers_dropped_is_caught(db: Path) -> None:
    tamper(db, "DROP TRIGGER audit_no_delete", "DELETE FROM audit WHERE seq = 4")
    r = report(db)
    assert not r.ok and r.first_bad == 4 and "missing" in r.message


def test_audit_rows_carry_who_what_and_when(db: Path) -> None:
    from interview_panel.services.store import open_store

    store = open_store(db)
    try:
        rows = audit_log(store)
    finally:
        store.close()
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    score = next(r for r in rows if r.action == "score" and r.target == "C2/K1/Bob")
    assert (score.actor, score.old, score.new) == ("Bob", None, "2") and score.at.tzinfo is not None
    assert len({r.hash for r in rows}) == len(rows)
    assert {"campaign", "candidate", "member", "score", "note", "submit", "agreed"} <= {r.action for r in rows}


@pytest.mark.parametrize(
    "sql",
    [
        # an item's wording, where it is kept (the question set)
        "UPDATE campaigns SET question_set_json = json_set(question_set_json, '$.items[' || "
        "(SELECT key FROM json_each(question_set_json, '$.items') WHERE json_extract(value, '$.id') = 'K1') "
        "|| '].text', 'Something easier')",
        # the order of the items table's keys
        "UPDATE items SET position = 99 - position",
    ],
)
def test_items_or_rules_changed_after_scoring_started_are_caught(db: Path, sql: str) -> None:
    row = seq_of(db, action="campaign", target="scoring started")
    tamper(db, sql)
    r = report(db)
    assert not r.ok and r.first_bad == row and "differ from what was frozen" in r.message


def test_rules_json_changed_behind_the_apps_back_is_caught(db: Path) -> None:
    tamper(db, "UPDATE campaigns SET rules_json = replace(rules_json, '\"pass_mark\":3', '\"pass_mark\":2')")
    assert "differ from what was frozen" in report(db).message


def test_unfreezing_a_campaign_behind_the_apps_back_is_caught(db: Path) -> None:
    tamper(db, "UPDATE campaigns SET scoring_started = 0")
    assert "no longer marked as scoring started" in report(db).message
