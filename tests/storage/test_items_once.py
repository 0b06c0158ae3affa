"""Each item's definition is kept once (schema v10): in the campaign's question set; the items table keeps
the keys scores refer to, in order. A database from before keeps its frozen campaigns verifiable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from interview_panel.domain.campaign import Candidate
from interview_panel.services.audit import verify_audit
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign, get_campaign
from interview_panel.services.demo import synthetic_profile
from interview_panel.services.scoring import record_score, submit
from interview_panel.services.store import open_store
from interview_panel.storage import SCHEMA_VERSION, backup_path


def _frozen_campaign(path: Path) -> int:
    store = open_store(path)
    try:
        cid = create_campaign(store, profile=synthetic_profile(behaviours=2, criteria=2), name="Spring")
        add_candidate(store, cid, Candidate("C1", "Ana Souza"))
        add_member(store, cid, "Ann", chair=True)
        for item in get_campaign(store, cid).items:
            record_score(store, cid, candidate="C1", member="Ann", item=item.id, score=3)
        submit(store, cid, candidate="C1", member="Ann")
        return cid
    finally:
        store.close()


def _as_v9(path: Path) -> None:
    """Put the file back in the v9 layout: the items table with its own copy of each item's kind and text."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("ALTER TABLE items ADD COLUMN kind TEXT NOT NULL DEFAULT ''")
        conn.execute("ALTER TABLE items ADD COLUMN text TEXT NOT NULL DEFAULT ''")
        conn.execute(
            """UPDATE items SET
                 kind = (SELECT json_extract(q.value, '$.kind') FROM campaigns c, json_each(c.question_set_json,
                         '$.items') q WHERE c.id = items.campaign_id AND json_extract(q.value, '$.id') = items.id),
                 text = (SELECT json_extract(q.value, '$.text') FROM campaigns c, json_each(c.question_set_json,
                         '$.items') q WHERE c.id = items.campaign_id AND json_extract(q.value, '$.id') = items.id)"""
        )
        conn.execute("PRAGMA user_version = 9")
        conn.commit()
    finally:
        conn.close()


def _columns(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute("PRAGMA table_info(items)")]
    finally:
        conn.close()


def test_a_new_database_keeps_item_text_only_in_the_question_set(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    cid = _frozen_campaign(path)
    assert _columns(path) == ["campaign_id", "id", "position"]
    store = open_store(path)
    try:
        items = get_campaign(store, cid).items
        assert store.read(lambda repo: repo.items(cid)) == [(i.id, n, i.kind, i.text) for n, i in enumerate(items)]
        assert verify_audit(store).ok
    finally:
        store.close()


def test_a_v9_database_migrates_and_its_frozen_campaign_still_verifies(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    cid = _frozen_campaign(path)
    store = open_store(path)
    try:
        before = get_campaign(store, cid)
    finally:
        store.close()
    _as_v9(path)
    assert _columns(path) == ["campaign_id", "id", "position", "kind", "text"]

    store = open_store(path)  # migrates to v10, after a checked backup
    try:
        assert store.read(lambda repo: repo.conn.execute("PRAGMA user_version").fetchone()[0]) == SCHEMA_VERSION
        assert get_campaign(store, cid) == before
        report = verify_audit(store)
        assert report.ok, report.message
    finally:
        store.close()
    assert _columns(path) == ["campaign_id", "id", "position"]
    assert _columns(backup_path(path, 9)) == ["campaign_id", "id", "position", "kind", "text"]
