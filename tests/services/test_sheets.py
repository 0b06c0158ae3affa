"""Sheets use cases: a blank pack for a profile; packs per candidate × member for a campaign."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from interview_panel.domain.campaign import Candidate
from interview_panel.domain.errors import ProfileImportError, ValidationError
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign
from interview_panel.services.profiles import load_profile
from interview_panel.services.sheets import sheets_for_campaign, sheets_for_profile
from interview_panel.services.store import open_store


def _text(pdf: Path) -> str:
    return " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )


@pytest.fixture
def campaign(tmp_path: Path, seed_iact: Path):
    store = open_store(tmp_path / "c.db")
    cid = create_campaign(store, profile=load_profile(seed_iact), name="IACT 2026")
    add_candidate(store, cid, Candidate("A01", "Łukasz Żółć-Nguyễn", datetime(2026, 3, 2, 10, 30)))
    add_candidate(store, cid, Candidate("A02", "Мария Иванова"))
    add_member(store, cid, "Sam Chair", chair=True)
    add_member(store, cid, "Alex Member")
    yield store, cid
    store.close()


def test_profile_gives_one_blank_pack(tmp_path: Path, seed_iact: Path) -> None:
    result = sheets_for_profile(seed_iact, tmp_path / "s.pdf")
    assert result.packs == 1 and result.items == 6 + 1 + 1  # behaviours, K2 (the rest folded or checked), values
    text = _text(result.path)
    assert "IACT Assistant" in text and "Pack 1: Blank pack" in text and "Chair’s grid" in text


def test_campaign_gives_a_pack_per_candidate_and_member_and_the_grid(tmp_path: Path, campaign) -> None:
    store, cid = campaign
    result = sheets_for_campaign(store, cid, tmp_path / "c.pdf")
    assert result.packs == 4
    text = _text(result.path)
    for label in ("A01 / Sam Chair", "A01 / Alex Member", "A02 / Sam Chair", "A02 / Alex Member"):
        assert "Pack" in text and label in text
    assert "02 March 2026, 10:30" in text  # the candidate's slot on the cover
    assert "Мария Иванова" in text


def test_candidate_and_member_filters(tmp_path: Path, campaign) -> None:
    store, cid = campaign
    result = sheets_for_campaign(store, cid, tmp_path / "c.pdf", candidate="a02", member="Alex Member")
    assert result.packs == 1
    text = _text(result.path)
    assert "A02 / Alex Member" in text and "Sam Chair" not in text and "A01" not in text


def test_unknown_candidate_member_or_profile_is_one_clear_error(tmp_path: Path, campaign) -> None:
    store, cid = campaign
    with pytest.raises(ValidationError, match="candidate 'Z99' is not in campaign"):
        sheets_for_campaign(store, cid, tmp_path / "c.pdf", candidate="Z99")
    with pytest.raises(ValidationError, match="panel member 'Nobody'"):
        sheets_for_campaign(store, cid, tmp_path / "c.pdf", member="Nobody")
    bad = tmp_path / "notes.txt"
    bad.write_text("shopping list\nmilk\n", encoding="utf-8")
    with pytest.raises(ProfileImportError):
        sheets_for_profile(bad, tmp_path / "x.pdf")
    assert not (tmp_path / "c.pdf").exists() and not (tmp_path / "x.pdf").exists()
