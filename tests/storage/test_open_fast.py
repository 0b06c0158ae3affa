"""Opening an existing, up-to-date database is plain sqlite3: sqlite-utils is only loaded when used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from interview_panel.storage import open_database

CHECK = """
import sys
from interview_panel.services.store import open_store
from interview_panel.services.campaign_list import list_campaigns
store = open_store(sys.argv[1])
list_campaigns(store)
heavy = sorted(m for m in ("sqlite_utils", "click", "dateutil", "pluggy", "interview_panel.domain.campaign",
                           "interview_panel.domain.items", "hashlib") if m in sys.modules)
store.close()
print(",".join(heavy))
"""


def test_opening_an_existing_database_loads_neither_sqlite_utils_nor_the_domain_model(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    open_database(path).close()  # created (and migrated) here, opened again below in a fresh interpreter
    proc = subprocess.run([sys.executable, "-c", CHECK, str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_the_sqlite_utils_view_is_still_there_when_asked_for(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.db")
    try:
        assert "scores" in db.db.table_names()
        assert db.db is db.db  # made once
    finally:
        db.close()
