"""The open campaign database as the services see it, plus helpers shared by the service modules.

``open_store(path)`` creates the file when missing, migrates an older one (a checked backup first,
``<db>.bak-v<N>``), refuses one written by a newer version, an empty or foreign file and a damaged one
with a :class:`StorageError`, leaving it untouched.
A ``Store`` holds one SQLite connection: use it from one thread (the GUI's database thread, or the CLI).
Every service that changes something runs as exactly one write transaction: all saved, or nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from ..domain.errors import ValidationError
from ..storage import Database, Repository, open_database

if TYPE_CHECKING:  # imported where used: opening a store (the app's start) needs none of the domain model
    from ..domain.campaign import Campaign
    from ..domain.items import Item, QuestionSet
    from ..domain.profile import RoleProfile
    from ..domain.scoring import ScoringRules

T = TypeVar("T")


class Store:
    """One open campaign database. ``path`` is the file; ``close()`` releases it."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.path: Path = db.path
        # Caches that can never go stale: contexts of campaigns whose scoring has started (frozen for
        # ever), and reference/name -> row id maps (references and member names never change).
        self._frozen: dict[int, CampaignContext] = {}
        self._ids: dict[tuple[int, str, str], int] = {}

    def write(self, fn: Callable[[Repository], T]) -> T:
        """Run ``fn(repo)`` as one durable write transaction (a savepoint inside ``batch``)."""
        try:
            return self._db.write(fn)
        except BaseException:
            self._forget()  # what was cached inside the rolled-back transaction may not exist
            raise

    def read(self, fn: Callable[[Repository], T]) -> T:
        """Run ``fn(repo)`` on one consistent snapshot."""
        return self._db.read(fn)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Commit every action inside the ``with`` block as one transaction (bulk work, demo, benches)."""
        try:
            with self._db.batch():
                yield
        except BaseException:
            self._forget()
            raise

    def _forget(self) -> None:
        self._frozen.clear()
        self._ids.clear()

    @property
    def database(self) -> Database:
        return self._db

    def close(self) -> None:
        from .audit import remember_head  # the newest audit row, remembered on this computer (tail-cut check)

        remember_head(self)
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(
    path: str | os.PathLike[str], *, create: bool | None = None, check: bool = True, readonly: bool = False
) -> Store:
    """Open (create, migrate) the campaign database at ``path``. Raises StorageError with one line.

    ``create``: None creates a missing file but refuses an empty one, True also fills an empty file
    (``campaign create``, the GUI's new database), False never creates. ``check`` runs the quick check
    now and refuses a damaged file (the GUI passes False and checks on its database thread later).
    A file or folder that cannot be written opens read-only: reads work, writes are refused.
    """
    return Store(open_database(path, create=create, check=check, readonly=readonly))


# -- shared helpers -----------------------------------------------------------------------------------
def now() -> datetime:
    return datetime.now(UTC)


def iso(dt: datetime | None) -> str | None:
    return None if dt is None else dt.isoformat()


def parse_dt(text: str | None) -> datetime | None:
    return None if not text else datetime.fromisoformat(text)


def question_set_to_json(qs: QuestionSet) -> dict[str, Any]:
    out: dict[str, Any] = {
        "items": [i.to_json() for i in qs.items],
        "questions": {k: q.to_json() for k, q in qs.questions.items()},
    }
    if qs.plan is not None:
        out["plan"] = qs.plan.to_json()
    return out


def question_set_from_json(d: dict[str, Any]) -> QuestionSet:
    from ..domain.items import Item, Question, QuestionSet
    from ..domain.plan import Plan

    return QuestionSet(
        tuple(Item.from_json(i) for i in d.get("items") or ()),
        {k: Question.from_json(q) for k, q in (d.get("questions") or {}).items()},
        Plan.from_json(d["plan"]) if d.get("plan") else None,
    )


def dumps(obj: Any) -> str:
    import json  # imported on use, like the domain model: opening a store needs no JSON

    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def profile_sha256(profile: RoleProfile) -> str:
    """The sha256 of the source document when known, else of the profile's JSON."""
    if profile.source is not None and profile.source.sha256:
        return profile.source.sha256
    from hashlib import sha256  # imported on use: opening a store (the app's start) needs no hashing

    return sha256(dumps(profile.to_json()).encode("utf-8")).hexdigest()


def campaign_from_row(row: dict[str, Any]) -> Campaign:
    import json

    from ..domain.campaign import Campaign
    from ..domain.profile import RoleProfile
    from ..domain.scoring import ScoringRules

    return Campaign(
        id=int(row["id"]),
        name=row["name"],
        profile=RoleProfile.from_json(json.loads(row["profile_json"])),
        profile_sha256=row["profile_sha256"],
        rules=ScoringRules.from_json(json.loads(row["rules_json"])),
        question_set=question_set_from_json(json.loads(row["question_set_json"])),
        created_at=datetime.fromisoformat(row["created_at"]),
        scoring_started=bool(row["scoring_started"]),
    )


def definition_sha256(repo: Repository, cid: int) -> str:
    """A fingerprint of what scoring freezes: profile, rules, question set and the items table."""
    row = repo.campaign(cid)
    if row is None:
        raise ValidationError(f"campaign {cid} does not exist in this database")
    return definition_digest(row["profile_json"], row["rules_json"], row["question_set_json"], repo.items(cid))


def definition_digest(profile_json: str, rules_json: str, question_set_json: str, items: list[Any]) -> str:
    import json

    payload = json.dumps(
        [profile_json, rules_json, question_set_json, [list(i) for i in items]],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    from hashlib import sha256

    return sha256(payload.encode("utf-8")).hexdigest()


FROZEN_PREFIX = "items, questions and rules are now frozen; definition sha256 "


class CampaignContext(NamedTuple):  # immutable; a NamedTuple keeps dataclasses out of opening a store
    """What validating a score or a moderation needs: the campaign, its items and rules."""

    campaign: Campaign
    item_ids: frozenset[str]

    @property
    def rules(self) -> ScoringRules:
        return self.campaign.rules

    @property
    def items(self) -> tuple[Item, ...]:
        return self.campaign.items


def load_campaign(repo: Repository, cid: int) -> Campaign:
    row = repo.campaign(cid)
    if row is None:
        raise ValidationError(f"campaign {cid} does not exist in this database")
    return campaign_from_row(row)


def context(store: Store, repo: Repository, cid: int) -> CampaignContext:
    """The campaign's context, from cache when its scoring has started (then it can no longer change)."""
    ctx = store._frozen.get(cid)
    if ctx is not None:
        return ctx
    campaign = load_campaign(repo, cid)
    ctx = CampaignContext(campaign, frozenset(i.id for i in campaign.items))
    if campaign.scoring_started:
        store._frozen[cid] = ctx
    return ctx


def _cached_id(store: Store, key: tuple[int, str, str], lookup: Callable[[int, str], int | None], unknown: str) -> int:
    """A row id from the per-connection cache, else from ``lookup``; ValidationError(``unknown``) if none."""
    found = store._ids.get(key)
    if found is None:
        found = lookup(key[0], key[2])
        if found is None:
            raise ValidationError(unknown)
        store._ids[key] = found
    return found


def candidate_id(store: Store, repo: Repository, cid: int, reference: str) -> int:
    return _cached_id(
        store, (cid, "c", reference), repo.candidate_id, f"unknown candidate {reference!r} in campaign {cid}"
    )


def member_id(store: Store, repo: Repository, cid: int, name: str) -> int:
    return _cached_id(store, (cid, "m", name), repo.member_id, f"unknown panel member {name!r} in campaign {cid}")


def check_item(ctx: CampaignContext, item: str) -> None:
    if item not in ctx.item_ids:
        known = ", ".join(i.id for i in ctx.items)
        raise ValidationError(f"unknown item {item!r} in campaign {ctx.campaign.id} (items: {known})")


def check_score(ctx: CampaignContext, score: object) -> int:
    scale = ctx.rules.scale
    if isinstance(score, bool) or not isinstance(score, int):
        raise ValidationError(f"score {score!r} is not a whole number on the {scale.key} scale")
    if not scale.contains(score):
        raise ValidationError(f"score {score} is outside the {scale.key} scale ({scale.minimum} to {scale.maximum})")
    return score
