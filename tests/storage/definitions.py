"""A minimal campaign definition for storage tests that need a campaign row and nothing more."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interview_panel.domain.items import QuestionSet
from interview_panel.domain.profile import RoleProfile
from interview_panel.domain.scoring import ScoringRules
from interview_panel.services.store import Store
from interview_panel.storage import open_database


def bare_campaign() -> dict[str, Any]:
    """Keyword arguments for ``Repository.insert_campaign`` apart from the name."""
    return {
        "created_at": datetime(2026, 1, 1, tzinfo=UTC),
        "profile": RoleProfile(source=None, post_title="Test post"),
        "rules": ScoringRules(),
        "question_set": QuestionSet((), {}),
    }


def open_old_layout(path: Path, version: int) -> Store:
    """A store on a new database built only up to schema ``version``, for tests that write an older file
    with today's services. Since v10 the items table holds keys only; before it, kind and text were copied
    there too (NOT NULL), so here they get an empty default for today's writes."""
    db = open_database(path, target=version)
    if version < 10:
        db.conn.executescript(
            """DROP TABLE items;
               CREATE TABLE items (
                   campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
                   id TEXT NOT NULL,
                   position INTEGER NOT NULL,
                   kind TEXT NOT NULL DEFAULT '',
                   text TEXT NOT NULL DEFAULT '',
                   PRIMARY KEY (campaign_id, id)
               );"""
        )
    return Store(db)
