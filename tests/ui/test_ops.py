"""Typed operations: an op runs on the database thread, returns its result, and announces what it changed;
pages reload only for changes to what they show, and never for the change they made themselves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from interview_panel.domain.campaign import Candidate
from interview_panel.services.campaigns import add_candidate, add_member, get_campaign
from interview_panel.services.scoring import record_score
from interview_panel.ui.ops import Changed, Op

from .conftest import read, wait_idle


def _loads(page: Any) -> list[int]:
    seen: list[int] = []
    page.loaded.connect(lambda: seen.append(1))
    return seen


def _shown(qtbot: Any, ctx: Any, cls: Any) -> Any:
    page = cls(ctx)
    qtbot.addWidget(page)
    page.show()
    wait_idle(qtbot, ctx)
    return page


def test_an_op_returns_its_result_typed_and_announces_its_changes_once(qtbot: Any, fresh_ctx: Any) -> None:
    ctx = fresh_ctx
    announced: list[tuple[Changed, object]] = []
    ctx.changed.connect(lambda changes, initiator: announced.append((changes, initiator)))
    results: list[Any] = []
    who = object()
    ctx.run(Op(lambda store: 41 + 1, Changed.CANDIDATES | Changed.PANEL), results.append, initiator=who)
    wait_idle(qtbot, ctx)
    assert results == [42]
    assert announced == [(Changed.CANDIDATES | Changed.PANEL, who)]


def test_a_failed_op_announces_nothing_and_says_why(qtbot: Any, fresh_ctx: Any) -> None:
    ctx = fresh_ctx
    announced: list[Changed] = []
    errors: list[BaseException] = []
    ctx.changed.connect(lambda changes, _who: announced.append(changes))

    def boom(_store: Any) -> None:
        raise ValueError("refused")

    ctx.run(Op(boom, Changed.SCORES), on_error=errors.append)
    wait_idle(qtbot, ctx)
    assert [str(e) for e in errors] == ["refused"] and announced == []


def test_the_old_change_names_still_reach_the_pages(qtbot: Any, fresh_ctx: Any, fresh_db: tuple[Path, int]) -> None:
    from interview_panel.ui.pages.candidates import CandidatesPage

    ctx = fresh_ctx
    ctx.set_campaign(fresh_db[1])
    page = _shown(qtbot, ctx, CandidatesPage)
    loads = _loads(page)
    ctx.notify("candidates")
    wait_idle(qtbot, ctx)
    assert loads == [1]


def test_a_score_op_refreshes_the_score_views_but_not_the_profile_page(
    qtbot: Any, fresh_ctx: Any, fresh_db: tuple[Path, int]
) -> None:
    from interview_panel.ui.pages.candidates import CandidatesPage
    from interview_panel.ui.pages.profile_review import ProfilePage
    from interview_panel.ui.pages.results import ResultsPage

    ctx, cid = fresh_ctx, fresh_db[1]
    item = read(ctx.db_path, lambda store: get_campaign(store, cid)).items[0].id
    ctx.set_campaign(cid)
    ctx.run(Op(lambda store: add_member(store, cid, "Ann", chair=True), Changed.PANEL))
    ctx.run(Op(lambda store: add_candidate(store, cid, Candidate("C1", "Dee Lane")), Changed.CANDIDATES))
    wait_idle(qtbot, ctx)
    results, profile, candidates = (_shown(qtbot, ctx, cls) for cls in (ResultsPage, ProfilePage, CandidatesPage))
    seen = {name: _loads(page) for name, page in (("results", results), ("profile", profile), ("cand", candidates))}

    score = Op(lambda store: record_score(store, cid, candidate="C1", member="Ann", item=item, score=4), Changed.SCORES)
    saved: list[Any] = []
    ctx.run(score, saved.append)
    wait_idle(qtbot, ctx)
    assert saved[0].score == 4  # the op's result is the service's, typed as it returns it
    assert seen == {"results": [1], "profile": [], "cand": []}
    assert read(ctx.db_path, lambda store: get_campaign(store, cid)).scoring_started


@pytest.mark.parametrize("initiated_by_page", [True, False])
def test_the_page_that_made_a_change_is_not_reloaded_by_it(
    qtbot: Any, fresh_ctx: Any, fresh_db: tuple[Path, int], initiated_by_page: bool
) -> None:
    from interview_panel.ui.pages.candidates import CandidatesPage
    from interview_panel.ui.pages.packs import PacksPage

    ctx, cid = fresh_ctx, fresh_db[1]
    ctx.set_campaign(cid)
    candidates, packs = _shown(qtbot, ctx, CandidatesPage), _shown(qtbot, ctx, PacksPage)
    seen_candidates, seen_packs = _loads(candidates), _loads(packs)
    op = Op(lambda store: add_candidate(store, cid, Candidate("C9", "Flo Marsh")), Changed.CANDIDATES)
    if initiated_by_page:
        candidates.run(op)
    else:
        ctx.run(op)
    wait_idle(qtbot, ctx)
    assert seen_packs == [1]  # another page showing candidates catches up
    assert seen_candidates == ([] if initiated_by_page else [1])


def test_saving_the_rules_reloads_the_other_campaign_views_not_the_rules_page(
    qtbot: Any, fresh_ctx: Any, fresh_db: tuple[Path, int]
) -> None:
    from interview_panel.ui.pages.profile_review import ProfilePage
    from interview_panel.ui.pages.rules import RulesPage

    ctx, cid = fresh_ctx, fresh_db[1]
    ctx.set_campaign(cid)
    rules, profile = _shown(qtbot, ctx, RulesPage), _shown(qtbot, ctx, ProfilePage)
    seen_rules, seen_profile = _loads(rules), _loads(profile)
    was = rules.pass_mark.value()
    rules.pass_mark.setValue(was + 1)
    qtbot.mouseClick(rules.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert read(ctx.db_path, lambda store: get_campaign(store, cid)).rules.pass_mark == was + 1
    assert seen_profile == [1] and seen_rules == []
    assert rules.pass_mark.value() == was + 1 and not rules.save_button.isEnabled()
