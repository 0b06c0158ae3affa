"""The demo campaign: a realistic, repeatable mix of every stage."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from interview_panel.services.audit import verify_audit
from interview_panel.services.campaigns import list_members
from interview_panel.services.demo import create_demo_campaign
from interview_panel.services.moderation import results
from interview_panel.services.store import open_store


def _demo(path: Path):  # type: ignore[no-untyped-def]
    store = open_store(path)
    try:
        cid = create_demo_campaign(store)
        return results(store, cid), list_members(store, cid), verify_audit(store)
    finally:
        store.close()


def test_the_demo_has_every_stage_and_a_disagreement_to_moderate(tmp_path: Path) -> None:
    res, members, audit = _demo(tmp_path / "demo.db")
    assert len(res.candidates) == 12
    assert len(members) == 3 and sum(m.chair for m in members) == 1
    stages = Counter(c.status for c in res.candidates)
    assert stages == {"moderated": 5, "submitted": 3, "scoring": 2, "not started": 2}
    waiting = [c for c in res.candidates if c.status == "submitted"]
    assert any("spread" in f for c in waiting for f in c.flags.values())
    moderated = [c for c in res.candidates if c.status == "moderated"]
    assert sorted(c.rank for c in moderated if c.rank) == sorted(c.rank for c in moderated)  # all ranked
    assert {c.outcome for c in moderated} <= {"appointable", "not appointable"}
    assert any(not c.isascii() for r in res.candidates for c in r.candidate.name)  # names beyond ASCII
    assert len({c.candidate.slot.date() for c in res.candidates if c.candidate.slot}) == 1  # one interview day
    assert audit.ok


def test_the_demo_is_the_same_every_time(tmp_path: Path) -> None:
    a, _, _ = _demo(tmp_path / "a.db")
    b, _, _ = _demo(tmp_path / "b.db")
    assert [c.to_json() for c in a.candidates] == [c.to_json() for c in b.candidates]
