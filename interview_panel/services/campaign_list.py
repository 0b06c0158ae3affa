"""The list of campaigns in a database (``list_campaigns``, re-exported by :mod:`.campaigns`).

Kept apart from the rest of the campaign use cases so the desktop app can show its first page without
importing the whole domain model: this module needs only the store and the standard library.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from ..domain.status import count_moderated
from ..storage import Repository
from .store import Store


class CampaignSummary(NamedTuple):  # immutable, and cheaper to define than a dataclass (the app's first query)
    id: int
    name: str
    post_title: str | None
    created_at: datetime
    candidates: int
    members: int
    moderated: int  # candidates the domain counts as moderated (domain.status.is_moderated)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "post_title": self.post_title,
            "created_at": self.created_at.isoformat(),
            "candidates": self.candidates,
            "members": self.members,
            "moderated": self.moderated,
        }


def list_campaigns(store: Store) -> list[CampaignSummary]:
    """Every campaign in the database, by id, with its post title and candidate/panel/moderated counts."""

    def query(repo: Repository) -> list[CampaignSummary]:
        groups: dict[int, list[tuple[str, int, int, int]]] = {}
        for campaign, status, agreed, items, n in repo.agreed_item_counts():
            groups.setdefault(int(campaign), []).append((str(status), int(agreed), int(items), int(n)))
        out = []
        for r in repo.campaign_summaries():
            out.append(
                CampaignSummary(
                    int(r["id"]),
                    r["name"],
                    r["post_title"],
                    datetime.fromisoformat(r["created_at"]),
                    int(r["candidates"]),
                    int(r["members"]),
                    count_moderated(groups.get(int(r["id"]), ())),
                )
            )
        return out

    return store.read(query)
