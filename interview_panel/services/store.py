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
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from ..domain.errors import ValidationError
from ..storage import Database, Repository, open_database
from ..storage.repository import CandidateRow

if TYPE_CHECKING:  # imported where used: opening a store (the app's start) needs none of the domain model
    from ..domain.campaign import Campaign
    from ..domain.items import Item
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

    # -- what the services need of the open file, without reaching into it ---------------------------
    @property
    def readonly(self) -> bool:
        return self._db.readonly

    @property
    def damage(self) -> str | None:
        """What the quick check found wrong (one line), or None."""
        return self._db.damage

    def check(self) -> str | None:
        """Run SQLite's quick check now; None when whole, else one line naming the damage."""
        return self._db.check()

    def integrity_check(self) -> str:
        """SQLite's full integrity check: "ok" when whole."""
        return self._db.integrity_check()

    def compact_and_replace_backups(self, at: datetime) -> tuple[list[Path], Path | None]:
        """After an erasure: rewrite the file without free pages, and replace the backups that still hold
        what was erased with one fresh copy (``storage.privacy``)."""
        from ..storage import privacy

        privacy.compact(self._db.conn, self._db.path)
        return privacy.replace_backups(self._db.conn, self._db.path, at)

    # -- caches that never go stale ----------------------------------------------------------------
    def context(self, repo: Repository, cid: int) -> CampaignContext:
        """The campaign's context, from cache once its scoring has started (it can no longer change)."""
        ctx = self._frozen.get(cid)
        if ctx is not None:
            return ctx
        campaign = load_campaign(repo, cid)
        ctx = CampaignContext(campaign, frozenset(i.id for i in campaign.items))
        if campaign.scoring_started:
            self._frozen[cid] = ctx
        return ctx

    def row_id(self, key: tuple[int, str, str], lookup: Callable[[int, str], int | None], unknown: str) -> int:
        """A candidate's or member's row id (references and names never change under one connection),
        from the cache, else from ``lookup``; ValidationError(``unknown``) when there is none."""
        found = self._ids.get(key)
        if found is None:
            found = lookup(key[0], key[2])
            if found is None:
                raise ValidationError(unknown)
            self._ids[key] = found
        return found

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

    def check_item(self, item: str) -> None:
        if item not in self.item_ids:
            known = ", ".join(i.id for i in self.items)
            raise ValidationError(f"unknown item {item!r} in campaign {self.campaign.id} (items: {known})")


def load_campaign(repo: Repository, cid: int) -> Campaign:
    campaign = repo.campaign(cid)
    if campaign is None:
        raise ValidationError(f"campaign {cid} does not exist in this database")
    return campaign


def definition_sha256(repo: Repository, cid: int) -> str:
    """A fingerprint of what scoring freezes: profile, rules, question set and the items table."""
    digest = repo.definition_sha256(cid)
    if digest is None:
        raise ValidationError(f"campaign {cid} does not exist in this database")
    return digest


def context(store: Store, repo: Repository, cid: int) -> CampaignContext:
    return store.context(repo, cid)


def candidate_id(store: Store, repo: Repository, cid: int, reference: str) -> int:
    return store.row_id((cid, "c", reference), repo.candidate_id, f"unknown candidate {reference!r} in campaign {cid}")


def candidate_row(repo: Repository, cid: int, reference: str) -> CandidateRow:
    """The stored candidate, or ValidationError naming the reference (as ``candidate_id`` does)."""
    row = repo.candidate(cid, reference)
    if row is None:
        raise ValidationError(f"unknown candidate {reference!r} in campaign {cid}")
    return row


def member_id(store: Store, repo: Repository, cid: int, name: str) -> int:
    return store.row_id((cid, "m", name), repo.member_id, f"unknown panel member {name!r} in campaign {cid}")
