"""The campaign database file: pragmas, refusing what it must not touch, migrations, transactions."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest

from interview_panel.domain.errors import StorageError
from interview_panel.storage import MIGRATIONS, SCHEMA_VERSION, backup_path, open_database

from .definitions import bare_campaign


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_durable_wal_with_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.db")
    try:
        q = lambda sql: db.conn.execute(sql).fetchone()[0]  # noqa: E731
        assert q("PRAGMA journal_mode") == "wal"
        assert q("PRAGMA synchronous") == 2  # FULL
        assert q("PRAGMA foreign_keys") == 1
        assert q("PRAGMA busy_timeout") >= 5000
        assert q("PRAGMA user_version") == SCHEMA_VERSION
        assert {"campaigns", "items", "candidates", "members", "scores", "submissions", "agreed", "audit"} <= set(
            db.db.table_names()
        )
    finally:
        db.close()


def test_migrations_are_numbered_one_step_at_a_time() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
    assert SCHEMA_VERSION >= 2


def _newer_db(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute("INSERT INTO future VALUES (1)")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def test_a_database_from_a_newer_version_is_refused_and_left_byte_for_byte_alone(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    _newer_db(path, SCHEMA_VERSION + 3)
    before = sha(path)
    with pytest.raises(StorageError) as err:
        open_database(path)
    msg = str(err.value)
    assert "newer version of Interview Panel" in msg
    assert f"schema {SCHEMA_VERSION + 3}" in msg and f"up to {SCHEMA_VERSION}" in msg
    assert "Nothing was changed" in msg and "\n" not in msg
    assert sha(path) == before
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    assert not list(tmp_path.glob("*.bak-*"))


def test_a_newer_database_in_wal_mode_with_pending_wal_is_refused(tmp_path: Path) -> None:
    """The version is read through the WAL when one is pending (the header alone would be stale)."""
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    try:
        assert Path(f"{path}-wal").stat().st_size > 0
        before = sha(path)
        with pytest.raises(StorageError, match="newer version"):
            open_database(path)
        assert sha(path) == before
    finally:
        conn.close()


def test_a_file_that_is_not_sqlite_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my interview notes, not a database\n" * 10)
    before = sha(path)
    with pytest.raises(StorageError) as err:
        open_database(path)
    assert "not an Interview Panel database" in str(err.value) and "\n" not in str(err.value)
    assert sha(path) == before


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="not an Interview Panel database"):
        open_database(path)


def test_a_missing_folder_is_one_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        open_database(tmp_path / "no" / "such" / "x.db")


def test_reopening_keeps_data_and_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    db = open_database(path)
    db.write(lambda repo: repo.insert_campaign(name="A", **bare_campaign()))
    db.close()
    db = open_database(path)
    try:
        assert db.conn.execute("SELECT name FROM campaigns").fetchall() == [("A",)]
    finally:
        db.close()
    assert not list(tmp_path.glob("*.bak-*"))


def test_a_failed_action_writes_nothing(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.db")
    try:

        def action(repo):  # type: ignore[no-untyped-def]
            repo.insert_campaign(name="half", **bare_campaign())
            raise ValueError("boom")

        with pytest.raises(ValueError):
            db.write(action)
        assert db.conn.execute("SELECT count(*) FROM campaigns").fetchone()[0] == 0
        assert not db.conn.in_transaction
    finally:
        db.close()


def test_inside_a_batch_a_refused_action_undoes_only_itself(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.db")
    new = bare_campaign()
    try:
        with db.batch():
            db.write(lambda repo: repo.insert_campaign(name="kept", **new))

            def bad(repo):  # type: ignore[no-untyped-def]
                repo.insert_campaign(name="undone", **new)
                raise ValueError("refused")

            with pytest.raises(ValueError):
                db.write(bad)
        assert [r[0] for r in db.conn.execute("SELECT name FROM campaigns")] == ["kept"]
    finally:
        db.close()


def test_the_audit_table_refuses_update_and_delete(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.db")
    try:
        db.write(lambda repo: repo.append_audit(at="t", actor="a", action="x", target="y"))
        with pytest.raises(StorageError, match="append-only"):
            db.write(lambda repo: repo.conn.execute("UPDATE audit SET actor = 'someone else'"))
        with pytest.raises(StorageError, match="append-only"):
            db.write(lambda repo: repo.conn.execute("DELETE FROM audit"))
        assert db.conn.execute("SELECT actor FROM audit").fetchall() == [("a",)]
    finally:
        db.close()


def test_a_campaign_has_at_most_one_chair_even_behind_the_services_back(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.db")
    try:
        cid = db.write(lambda repo: repo.insert_campaign(name="A", **bare_campaign()))
        db.write(lambda repo: repo.insert_member(cid, "Ann", True))
        with pytest.raises(StorageError, match="UNIQUE"):
            db.write(lambda repo: repo.insert_member(cid, "Bob", True))
        db.write(lambda repo: repo.insert_member(cid, "Bob", False))
    finally:
        db.close()


# -- migrations: one test per upgrade step ------------------------------------------------------------
def _fill_v1(path: Path) -> None:
    """A realistic v1 database: made with the v1 schema only, filled with plain SQL."""
    db = open_database(path, target=1)
    assert db.user_version() == 1
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("INSERT INTO campaigns VALUES (1, 'Spring', '2025-01-01T00:00:00+00:00', '{}', 'abc', '{}', '{}', 1)")
    conn.execute("INSERT INTO items VALUES (1, 'ownership', 0, 'behaviour', 'We take ownership')")
    conn.execute("INSERT INTO candidates VALUES (1, 1, 'C001', 'Ana Souza', NULL)")
    conn.execute("INSERT INTO members VALUES (1, 1, 'Ann', 1)")
    conn.execute("INSERT INTO scores VALUES (1, 1, 1, 'ownership', 4, 'good', '2025-01-02T00:00:00+00:00')")
    conn.execute("INSERT INTO agreed VALUES (1, 1, 'ownership', 4, 'kept', 'Ann', '2025-01-03T00:00:00+00:00')")
    conn.commit()
    conn.close()


def test_step_1_creates_the_initial_schema_on_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")  # a zero-byte file is a valid empty SQLite database: made one only when asked
    db = open_database(path, target=1, create=True)
    try:
        assert db.user_version() == 1
        assert "audit" in db.db.table_names()
        triggers = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {"audit_no_update", "audit_no_delete"} <= triggers
    finally:
        db.close()


def test_step_2_upgrades_a_v1_database_keeping_data_and_writing_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _fill_v1(path)
    db = open_database(path)
    try:
        assert db.user_version() == SCHEMA_VERSION
        indexes = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "candidates_by_slot" in indexes
        plan = " ".join(
            str(r)
            for r in db.conn.execute(
                "EXPLAIN QUERY PLAN SELECT id, reference, name, slot FROM candidates WHERE campaign_id = 1 "
                "ORDER BY slot IS NULL, slot, reference"
            )
        )
        assert "candidates_by_slot" in plan and "TEMP B-TREE" not in plan  # interview order without a sort
        assert db.conn.execute("SELECT score, note FROM scores").fetchall() == [(4, "good")]
        assert db.conn.execute("SELECT score, rationale FROM agreed").fetchall() == [(4, "kept")]
        assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()
    bak = backup_path(path, 1)
    assert bak.exists()
    conn = sqlite3.connect(bak)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT reference, name FROM candidates").fetchall() == [("C001", "Ana Souza")]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_a_failed_migration_leaves_the_database_at_its_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_panel.storage import database, schema

    path = tmp_path / "old.db"
    _fill_v1(path)
    broken = schema.Migration(2, "broken", ("CREATE INDEX fine ON scores(note)", "THIS IS NOT SQL"))
    monkeypatch.setattr(database, "MIGRATIONS", (schema.MIGRATIONS[0], broken))
    with pytest.raises(StorageError):
        open_database(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "fine" not in names  # the step's first statement was rolled back with it
        assert conn.execute("SELECT count(*) FROM scores").fetchone()[0] == 1
    finally:
        conn.close()


# -- a writer holding the lock: wait, never "database is locked" ----------------------------------------
def _hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    import threading
    import time

    ready = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        ready.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()

    t = threading.Thread(target=hold)
    t.start()
    ready.wait()
    return t


def test_a_write_waits_for_another_writer_instead_of_failing(tmp_path: Path) -> None:
    import time

    path = tmp_path / "c.db"
    db = open_database(path)
    new = bare_campaign()
    try:
        holder = _hold_write_lock(path, 0.5)
        start = time.perf_counter()
        db.write(lambda repo: repo.insert_campaign(name="after the wait", **new))
        waited = time.perf_counter() - start
        holder.join()
        assert waited >= 0.3
        assert db.conn.execute("SELECT name FROM campaigns").fetchall() == [("after the wait",)]
    finally:
        db.close()


def test_a_lock_held_past_every_retry_is_one_clear_storage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_panel.storage import database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(database, "LOCK_RETRIES", 1)
    path = tmp_path / "c.db"
    db = open_database(path)
    try:
        holder = _hold_write_lock(path, 1.0)
        with pytest.raises(StorageError) as err:
            db.write(lambda repo: repo.append_audit(at="t", actor="a", action="x", target="y"))
        holder.join()
        assert "stayed busy" in str(err.value) and "nothing was saved" in str(err.value)
        assert "database is locked" not in str(err.value)
        assert not db.conn.in_transaction
        db.write(lambda repo: repo.append_audit(at="t", actor="a", action="x", target="y"))  # fine afterwards
    finally:
        db.close()
