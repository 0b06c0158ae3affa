"""The fast paths of results: ``results --json`` text, results without notes, the cheap campaign list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_panel.services import campaign_list, campaigns
from interview_panel.services.moderation import agree_unflagged_at_median, moderate, results, results_json
from interview_panel.services.scoring import record_score, submit
from interview_panel.services.store import Store, open_store
from tests.services.test_moderation import AGREEING, SPLIT, score_all, setup


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = open_store(tmp_path / "c.db")
    yield s
    s.close()


def _campaign(store: Store) -> int:
    cid = setup(store, ("C1", "C2", "C3", "C4"))
    score_all(store, cid, "C1", AGREEING)
    agree_unflagged_at_median(store, cid, candidate="C1")
    score_all(store, cid, "C2", SPLIT)
    agree_unflagged_at_median(store, cid, candidate="C2")
    moderate(store, cid, candidate="C2", item="emotionally-aware", score=3, rationale="evidence of both")
    score_all(store, cid, "C3", SPLIT)
    record_score(store, cid, candidate="C4", member="Bob", item="K1", score=3, note="good example, “quoted”")
    for item in ("emotionally-aware", "K2", "values"):
        record_score(store, cid, candidate="C4", member="Bob", item=item, score=3)
    submit(store, cid, candidate="C4", member="Bob")  # submitted: Bob's note may now be shown
    return cid


def test_results_json_is_the_compact_text_of_the_contract(store: Store) -> None:
    cid = _campaign(store)
    text = results_json(store, cid)
    full = results(store, cid).to_json()
    assert json.loads(text) == full  # the same keys and values as results(...).to_json()
    assert text == json.dumps(full, ensure_ascii=False, separators=(",", ":"))  # and the same order
    assert "\n" not in text


def test_results_without_notes_differs_only_in_notes_and_rationales(store: Store) -> None:
    cid = _campaign(store)
    full = {c.reference: c for c in results(store, cid, audit=False).candidates}
    lean = {c.reference: c for c in results(store, cid, audit=False, notes=False).candidates}
    assert full["C4"].notes == {"K1": {"Bob": "good example, “quoted”"}}
    assert full["C2"].rationale["emotionally-aware"] == "evidence of both"
    assert list(lean) == list(full)
    for ref, c in lean.items():
        assert c.notes == {} and c.rationale == {}
        f = full[ref]
        assert (
            c.status,
            c.scores,
            c.agreed,
            c.flags,
            c.total,
            c.outcome,
            c.rank,
            c.submitted_at,
            c.moderated_by,
            c.moderated_at,
        ) == (
            f.status,
            f.scores,
            f.agreed,
            f.flags,
            f.total,
            f.outcome,
            f.rank,
            f.submitted_at,
            f.moderated_by,
            f.moderated_at,
        )


def test_the_light_campaign_list_is_the_campaigns_service(store: Store) -> None:
    cid = _campaign(store)
    assert campaigns.list_campaigns is campaign_list.list_campaigns
    assert campaigns.CampaignSummary is campaign_list.CampaignSummary
    [summary] = campaigns.list_campaigns(store)
    assert (summary.id, summary.candidates, summary.members, summary.moderated) == (cid, 4, 3, 2)
