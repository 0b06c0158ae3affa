"""Fixtures for the scoring, moderation and results page tests: a real campaign database built with the
services (a small role profile written in code), and an AppContext over it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from interview_panel.domain.campaign import Candidate
from interview_panel.domain.profile import Behaviour, Criterion, RoleProfile
from interview_panel.services import campaigns, moderation, scoring
from interview_panel.services.questions import build_question_set, place_criterion
from interview_panel.services.store import open_store

CHAIR, MEMBER_B, MEMBER_C = "Alex Chair", "Blake Member", "Casey Member"
MEMBERS = (CHAIR, MEMBER_B, MEMBER_C)


def small_profile() -> RoleProfile:
    """A level-1 post: two behaviours, one essential and one desirable interview criterion, values."""
    return RoleProfile(
        source=None,
        post_title="Records Assistant",
        grade="SC4",
        behaviours=(
            Behaviour("ownership", "We take ownership", "Resolute, compassionate and committed", 1),
            Behaviour("analyse-critically", "We analyse critically", "Intelligent, creative and informed policing", 1),
        ),
        values=("Integrity", "Impartiality", "Public Service", "Transparency"),
        criteria=(
            Criterion(
                "K1",
                "knowledge_experience",
                "essential",
                "Keeping accurate records to a deadline",
                ("Application Form", "Interview"),
            ),
            Criterion("K2", "knowledge_experience", "desirable", "Using a case management system", ("Interview",)),
        ),
    )


def build_campaign(db: Path, candidates: int = 3) -> int:
    """Create the campaign, the panel (chair first) and ``candidates`` scheduled candidates."""
    with open_store(db) as store:
        profile = small_profile()
        qs = build_question_set(profile)
        for crit in ("K1", "K2"):  # the chair asks both criteria on their own (the plan would fold K1)
            if qs.item(crit) is None:
                qs = place_criterion(qs, profile, crit, "asked")
        cid = campaigns.create_campaign(store, profile=profile, name="Records Assistant 2026", question_set=qs)
        for i, name in enumerate(MEMBERS):
            campaigns.add_member(store, cid, name, chair=(i == 0))
        for n in range(1, candidates + 1):
            campaigns.add_candidate(
                store, cid, Candidate(f"C{n:03d}", f"Candidate {n}", datetime(2026, 3, 2, 9 + n, 0))
            )
    return cid


def score_all(db: Path, cid: int, candidate: str, table: dict[str, dict[str, int]], *, submit: bool = True) -> None:
    """Record ``table`` (member -> item -> score) through the services, and submit each member."""
    with open_store(db) as store:
        for member, per_item in table.items():
            for item, score in per_item.items():
                scoring.record_score(
                    store,
                    cid,
                    candidate=candidate,
                    member=member,
                    item=item,
                    score=score,
                    note=f"{member} heard evidence for {item}",
                )
            if submit:
                scoring.submit(store, cid, candidate=candidate, member=member)


def results_of(db: Path, cid: int):  # type: ignore[no-untyped-def]
    with open_store(db) as store:
        return moderation.results(store, cid)


@pytest.fixture
def campaign_db(tmp_path: Path) -> tuple[Path, int]:
    db = tmp_path / "panel.db"
    return db, build_campaign(db)


@pytest.fixture
def make_ctx(tmp_path: Path, qtbot) -> Iterator:  # type: ignore[no-untyped-def]
    """A factory for AppContexts on a db file; every context made is closed at the end of the test."""
    from interview_panel.ui.context import AppContext

    made: list[AppContext] = []

    def make(db: Path, cid: int | None = None) -> AppContext:
        settings = QSettings(str(tmp_path / f"settings{len(made)}.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(db, settings=settings)
        made.append(ctx)
        if cid is not None:
            ctx.campaign_id = cid
        return ctx

    yield make
    for ctx in made:
        try:
            qtbot.waitUntil(lambda: ctx.tasks.pending == 0, timeout=10_000)
        finally:
            try:
                ctx.close()
            except RuntimeError:  # already closed by the test (a simulated restart)
                pass


def idle(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    """Wait until every background task of ``ctx`` has delivered its result."""
    qtbot.waitUntil(lambda: ctx.tasks.pending == 0, timeout=10_000)


def open_results_page(qtbot, ctx, cid: int, page_class):  # type: ignore[no-untyped-def]
    """Show a page that loads the campaign's results (moderation, results) and wait until it has them."""
    page = page_class(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    ctx.set_campaign(cid)
    qtbot.waitUntil(lambda: page.results is not None, timeout=10_000)
    idle(qtbot, ctx)
    return page
