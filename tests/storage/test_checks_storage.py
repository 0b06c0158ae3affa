"""Schema step adding pre-employment checks and reasonable adjustments (tables of their own)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interview_panel.domain.errors import StorageError
from interview_panel.storage import MIGRATIONS, open_database
from tests.storage.test_database import _fill_v1

STEP = next(m.version for m in MIGRATIONS if "checks" in m.summary)


def test_the_checks_step_upgrades_an_older_database_keeping_its_scores(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _fill_v1(path)
    db = open_database(path, target=STEP - 1)
    db.close()
    db = open_database(path, target=STEP)
    try:
        tables = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"checks", "adjustments"} <= tables
        assert db.conn.execute("SELECT score, note FROM scores").fetchall() == [(4, "good")]
        db.write(lambda repo: repo.put_check(1, 1, "O3", "confirmed", "Ann", "2025-01-04T00:00:00+00:00"))
        assert [tuple(r) for r in db.read(lambda repo: list(repo.check_maps(1)))] == [(1, '{"O3":"confirmed"}')]
        with pytest.raises(StorageError):  # only the three states a check can be in
            db.write(lambda repo: repo.put_check(1, 1, "O4", "probably", "Ann", "t"))
        db.write(lambda repo: repo.put_adjustments(1, 1, "Extra time to read", "t"))
        assert db.read(lambda repo: repo.adjustments(1, 1)) == "Extra time to read"
        db.write(lambda repo: repo.put_adjustments(1, 1, "", "t"))  # cleared: the row is gone, not blanked
        assert db.conn.execute("SELECT count(*) FROM adjustments").fetchone()[0] == 0
    finally:
        db.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == STEP
    finally:
        conn.close()
