"""panel rename/remove/chair, candidates status/edit: what they change, and every refusal (exit 2, one line,
the database byte-for-byte unchanged)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from .test_campaign_cli import campaign, run  # noqa: F401 - the fixture


def sha(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def cli(capsys, db: Path, cid: str, *argv: str):  # type: ignore[no-untyped-def]
    """Run ``argv`` with --db and --campaign after the (sub)command words."""
    words = 2 if argv[0] in ("panel", "candidates") else 1
    return run(capsys, *argv[:words], "--db", str(db), "--campaign", cid, *argv[words:])


def score_and_submit(capsys, db: Path, cid: str, items: list[str], ref: str, member: str, mark: int) -> None:  # type: ignore[no-untyped-def]
    for item in items:
        assert (
            cli(
                capsys,
                db,
                cid,
                "score",
                "--candidate",
                ref,
                "--member",
                member,
                "--item",
                item,
                "--score",
                str(mark),
                "--note",
                f"{member} on {item}",
            )[0]
            == 0
        )
    assert cli(capsys, db, cid, "submit", "--candidate", ref, "--member", member)[0] == 0


def results(capsys, db: Path, cid: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    code, out, err = run(capsys, "results", "--db", str(db), "--campaign", cid, "--json")
    assert code == 0, err
    return json.loads(out)


def refused(capsys, db: Path, cid: str, *argv: str) -> str:  # type: ignore[no-untyped-def]
    before = sha(db)
    code, out, err = cli(capsys, db, cid, *argv)
    assert code == 2, (code, out, err)
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert sha(db) == before
    return err


def test_rename_a_member_with_scores_keeps_their_scores_and_the_audit_intact(campaign, capsys) -> None:  # type: ignore[no-untyped-def]
    db, cid, items = campaign
    score_and_submit(capsys, db, cid, items, "C1", "Bob", 3)
    code, out, err = cli(capsys, db, cid, "panel", "rename", "--member", "Bob", "--name", "Robert  Jones")
    assert code == 0 and "renamed Bob to Robert Jones" in out, err
    c1 = results(capsys, db, cid)["candidates"][0]
    assert c1["scores"][items[0]] == {"Robert Jones": 3}
    assert run(capsys, "audit", "verify", "--db", str(db))[0] == 0
    # the new name scores; the old one is unknown
    assert (
        cli(
            capsys,
            db,
            cid,
            "score",
            "--candidate",
            "C2",
            "--member",
            "Robert Jones",
            "--item",
            items[0],
            "--score",
            "4",
        )[0]
        == 0
    )
    assert "unknown panel member 'Bob'" in refused(
        capsys, db, cid, "panel", "rename", "--member", "Bob", "--name", "Bobby"
    )
    assert "already on the panel" in refused(
        capsys, db, cid, "panel", "rename", "--member", "Robert Jones", "--name", "Ann"
    )
    # and back (the CLI's undo)
    assert cli(capsys, db, cid, "panel", "rename", "--member", "Robert Jones", "--name", "Bob")[0] == 0
    assert run(capsys, "audit", "verify", "--db", str(db))[0] == 0


def test_remove_a_member_is_refused_once_they_have_scores(campaign, capsys) -> None:  # type: ignore[no-untyped-def]
    db, cid, items = campaign
    assert (
        cli(capsys, db, cid, "score", "--candidate", "C1", "--member", "Bob", "--item", items[0], "--score", "3")[0]
        == 0
    )
    err = refused(capsys, db, cid, "panel", "remove", "--member", "Bob")
    assert "Bob has scores" in err
    # a member with none goes, and can be added back
    assert cli(capsys, db, cid, "panel", "add", "--name", "Cat")[0] == 0
    code, out, _ = cli(capsys, db, cid, "panel", "remove", "--member", "Cat")
    assert code == 0 and "removed Cat" in out
    code, out, _ = run(capsys, "campaign", "list", "--db", str(db), "--json")
    assert json.loads(out)[0]["members"] == 2
    assert run(capsys, "audit", "verify", "--db", str(db))[0] == 0


def test_change_the_chair_before_moderation_but_not_after(campaign, capsys) -> None:  # type: ignore[no-untyped-def]
    db, cid, items = campaign
    code, out, err = cli(capsys, db, cid, "panel", "chair", "--member", "Bob")
    assert code == 0 and "Bob chairs" in out and "was Ann" in out, err
    for member in ("Ann", "Bob"):
        score_and_submit(capsys, db, cid, items, "C1", member, 4)
    code, _, err = cli(capsys, db, cid, "moderate", "--candidate", "C1", "--item", items[0], "--score", "4")
    assert code == 0, err
    err = refused(capsys, db, cid, "panel", "chair", "--member", "Ann")
    assert "moderation of campaign" in err and "has begun" in err and "(Bob)" in err
    assert "unknown panel member" in refused(capsys, db, cid, "panel", "chair", "--member", "Zed")


@pytest.mark.parametrize("status", ["gone", "", "Withdrawn!"])
def test_an_unknown_status_is_refused(campaign, capsys, status: str) -> None:  # type: ignore[no-untyped-def]
    db, cid, _ = campaign
    err = refused(capsys, db, cid, "candidates", "status", "--candidate", "C1", "--status", status)
    assert f"unknown status {status!r}" in err and "active, withdrawn, absent" in err


def test_a_withdrawn_candidate_has_no_outcome_or_rank_and_cannot_be_scored(campaign, capsys) -> None:  # type: ignore[no-untyped-def]
    db, cid, items = campaign
    for member in ("Ann", "Bob"):
        score_and_submit(capsys, db, cid, items, "C1", member, 4)
    for item in items:
        assert cli(capsys, db, cid, "moderate", "--candidate", "C1", "--item", item, "--score", "4")[0] == 0
    assert results(capsys, db, cid)["candidates"][0]["rank"] == 1
    code, out, err = cli(
        capsys,
        db,
        cid,
        "candidates",
        "status",
        "--candidate",
        "C1",
        "--status",
        "withdrawn",
        "--reason",
        "accepted another post",
    )
    assert code == 0 and "C1 is withdrawn (accepted another post)" in out, err
    code, out, _ = cli(capsys, db, cid, "candidates", "status", "--candidate", "C2", "--status", "ABSENT")
    assert code == 0
    data = results(capsys, db, cid)
    c1, c2 = data["candidates"]
    assert (c1["status"], c1["outcome"], c1["rank"], c1["total"]) == ("withdrawn", None, None, None)
    assert c1["agreed"] == dict.fromkeys(items, 4)  # kept
    assert c1["reasons"] == ["withdrew: accepted another post"]
    assert (c2["status"], c2["outcome"], c2["rank"]) == ("absent", None, None)
    err = refused(capsys, db, cid, "score", "--candidate", "C2", "--member", "Ann", "--item", items[0], "--score", "3")
    assert "C2 is absent" in err
    # back to active: outcome and rank again
    assert cli(capsys, db, cid, "candidates", "status", "--candidate", "C1", "--status", "active")[0] == 0
    c1 = results(capsys, db, cid)["candidates"][0]
    assert (c1["status"], c1["outcome"], c1["rank"]) == ("moderated", "appointable", 1)
    assert run(capsys, "audit", "verify", "--db", str(db))[0] == 0


def test_edit_a_candidate(campaign, capsys) -> None:  # type: ignore[no-untyped-def]
    db, cid, items = campaign
    code, out, err = cli(
        capsys,
        db,
        cid,
        "candidates",
        "edit",
        "--candidate",
        "C2",
        "--name",
        "Liam O'Byrne",
        "--slot",
        "03/03/2026 14:00",
        "--reference",
        "C2-A",
    )
    assert code == 0 and "C2-A: Liam O'Byrne" in out, err
    c2 = results(capsys, db, cid)["candidates"][1]
    assert (c2["reference"], c2["name"]) == ("C2-A", "Liam O'Byrne")
    assert (
        cli(capsys, db, cid, "score", "--candidate", "C1", "--member", "Ann", "--item", items[0], "--score", "3")[0]
        == 0
    )
    assert "C1 already has scores" in refused(
        capsys, db, cid, "candidates", "edit", "--candidate", "C1", "--reference", "C1-B"
    )
    err = refused(capsys, db, cid, "candidates", "edit", "--candidate", "C1", "--slot", "31/11/2026 10:00")
    assert "--slot: " in err and "31/11/2026" in err
    # name of a scored candidate can still be corrected
    assert cli(capsys, db, cid, "candidates", "edit", "--candidate", "C1", "--name", "Zoe Adebayo")[0] == 0
