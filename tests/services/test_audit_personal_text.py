"""Audit rows refer to personal text instead of holding it (issue 17 item 1, the audit part): candidates'
names, members' notes and chairs' rationales live in ``audit_text`` (salted digest in the row), so they can
be erased later and ``audit verify`` still passes; a migration brings older databases to this shape."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interview_panel.cli import main
from interview_panel.domain.campaign import Candidate
from interview_panel.services.audit import audit_log, verify_audit
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign, update_candidate
from interview_panel.services.demo import synthetic_profile
from interview_panel.services.moderation import moderate
from interview_panel.services.scoring import record_score, submit
from interview_panel.services.store import Store, open_store
from tests.storage.definitions import open_old_layout

ITEMS = ("emotionally-aware", "K1", "values")
PERSONAL = (
    "Zelda Quinterro",
    "Yusuf Pemberton",
    "Zelda Q. Smythe",
    "spoke about the flood rota",
    "clear example of calm under pressure",
)


def fill(store: Store) -> int:
    cid = create_campaign(store, profile=synthetic_profile(behaviours=1, criteria=1), name="Personal")
    add_candidate(store, cid, Candidate("C1", "Zelda Quinterro"))
    add_candidate(store, cid, Candidate("C2", "Yusuf Pemberton"))
    update_candidate(store, cid, "C1", name="Zelda Q. Smythe", slot=None)
    add_member(store, cid, "Ann", chair=True)
    add_member(store, cid, "Bob")
    for m, marks in (("Ann", (2, 4, 4)), ("Bob", (4, 4, 4))):
        for item, mark in zip(ITEMS, marks):
            record_score(
                store,
                cid,
                candidate="C1",
                member=m,
                item=item,
                score=mark,
                note="spoke about the flood rota" if m == "Ann" else None,
            )
        submit(store, cid, candidate="C1", member=m)
    moderate(
        store, cid, candidate="C1", item="emotionally-aware", score=3, rationale="clear example of calm under pressure"
    )
    return cid


def raw_audit(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return repr(
            conn.execute(
                "SELECT seq, at, actor, action, target, campaign_id, candidate, member, item, old, "
                "new, reason, hash FROM audit"
            ).fetchall()
        )
    finally:
        conn.close()


def sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for s in statements:
            conn.execute(s)
        conn.commit()
    finally:
        conn.close()


def verify(path: Path):  # type: ignore[no-untyped-def]
    store = open_store(path)
    try:
        return verify_audit(store)
    finally:
        store.close()


def erase_personal_data(path: Path) -> None:
    """What a purge does to the text: blank it in the live tables and in audit_text (digests kept)."""
    sql(
        path,
        "UPDATE audit_text SET text = NULL, salt = NULL, erased_at = '2027-01-01T00:00:00+00:00'",
        "UPDATE candidates SET name = 'erased'",
        "UPDATE scores SET note = ''",
        "UPDATE agreed SET rationale = ''",
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    store = open_store(path)
    try:
        fill(store)
    finally:
        store.close()
    return path


def test_audit_rows_hold_no_personal_text_and_still_show_it(db: Path) -> None:
    raw = raw_audit(db)
    for text in PERSONAL:
        assert text not in raw
    store = open_store(db)
    try:
        shown = repr([(e.old, e.new, e.reason) for e in audit_log(store)])
    finally:
        store.close()
    for text in PERSONAL:
        assert text in shown  # the workbook's Audit sheet and the GUI still show what was recorded
    assert verify(db).ok


def test_erasing_the_text_leaves_a_log_that_verifies(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    erase_personal_data(db)
    r = verify(db)
    assert r.ok, r.message
    assert main(["audit", "verify", "--db", str(db)]) == 0
    store = open_store(db)
    try:
        shown = repr([(e.old, e.new, e.reason) for e in audit_log(store)])
    finally:
        store.close()
    assert "[erased]" in shown and not any(t in shown for t in PERSONAL)


def test_the_text_can_only_be_erased_and_a_change_behind_the_apps_back_is_caught(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="only be erased"):
            conn.execute("UPDATE audit_text SET text = 'Someone Else' WHERE text = 'Yusuf Pemberton'")
        with pytest.raises(sqlite3.DatabaseError, match="not deleted"):
            conn.execute("DELETE FROM audit_text")
    finally:
        conn.close()
    sql(
        db,
        "DROP TRIGGER audit_text_erase_only",
        "UPDATE audit_text SET text = 'Someone Else' WHERE text = 'Yusuf Pemberton'",
        "UPDATE candidates SET name = 'Someone Else' WHERE reference = 'C2'",
    )
    r = verify(db)
    assert not r.ok and "refers to text that was changed" in r.message


def test_an_older_database_is_converted_and_verifies_before_and_after_erasure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.db"
    store = open_old_layout(path, 6)  # written by today's services at schema v3: text in the rows
    try:
        cid = fill(store)
    finally:
        store.close()
    assert "Zelda Quinterro" in raw_audit(path)
    store = open_store(path)  # migrates to the latest schema
    try:
        assert store.read(lambda repo: repo.chain_info()).legacy_rows == 0
        moderate(store, cid, candidate="C1", item="K1", score=4)
    finally:
        store.close()
    raw = raw_audit(path)
    assert not any(t in raw for t in PERSONAL)
    code = main(["audit", "verify", "--db", str(path)])
    out = capsys.readouterr().out
    assert code == 0 and "predate" not in out and "keyed check:" in out
    erase_personal_data(path)
    assert verify(path).ok


def test_a_log_edited_before_the_migration_is_not_converted(tmp_path: Path) -> None:
    path = tmp_path / "edited.db"
    store = open_old_layout(path, 6)
    try:
        fill(store)
    finally:
        store.close()
    sql(
        path,
        "DROP TRIGGER audit_no_update",
        "UPDATE audit SET new = '5' WHERE action = 'score' AND seq = "
        "(SELECT max(seq) FROM audit WHERE action = 'score')",
    )
    before = raw_audit(path)
    r = verify(path)
    assert not r.ok and "does not match its hash" in r.message
    assert raw_audit(path) == before  # left as it was, for verify to report
