"""A minimal campaign definition for storage tests that need a campaign row and nothing more."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from interview_panel.domain.items import QuestionSet
from interview_panel.domain.profile import RoleProfile
from interview_panel.domain.scoring import ScoringRules


def bare_campaign() -> dict[str, Any]:
    """Keyword arguments for ``Repository.insert_campaign`` apart from the name."""
    return {
        "created_at": datetime(2026, 1, 1, tzinfo=UTC),
        "profile": RoleProfile(source=None, post_title="Test post"),
        "rules": ScoringRules(),
        "question_set": QuestionSet((), {}),
    }
