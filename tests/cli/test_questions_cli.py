"""``interview-panel questions`` (the interview-panel/questions/1 plan) and ``interview-panel check``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from interview_panel.cli import main
from interview_panel.domain.framework import BY_SLUG
from interview_panel.services.profiles import load_profile
from tests.conftest import DATA, SEED_CSE, SEED_IACT

PROFILES = [DATA / "sample_admin_l1.txt", DATA / "sample_supervisor_l2.txt", SEED_CSE, SEED_IACT]
ITEM_KEYS = {
    "id",
    "kind",
    "text",
    "gating",
    "minutes",
    "covers",
    "question",
    "probes",
    "positive",
    "negative",
    "anchors",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse refusals: status 2 and one line, like every other refusal
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def plan(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> dict:
    if not path.exists():
        pytest.skip("real role profiles (../shared/role-profiles) not present")
    code, out, err = run(capsys, "questions", "--profile", str(path), "--json", *extra)
    assert code == 0 and err == "", err
    return json.loads(out)


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_the_default_plan_fits_45_minutes_with_4_minutes_a_question(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    doc = plan(capsys, path)
    assert doc["schema"] == "interview-panel/questions/1" and doc["slot_minutes"] == 45
    assert set(doc) == {"schema", "post_title", "framework", "slot_minutes", "planned_minutes", "items", "checks"}
    assert doc["planned_minutes"] <= 45
    assert all(it["minutes"] >= 4 for it in doc["items"]), [(i["id"], i["minutes"]) for i in doc["items"]]
    assert doc["planned_minutes"] > sum(it["minutes"] for it in doc["items"])  # time to open and close too
    for it in doc["items"]:
        assert set(it) == ITEM_KEYS
        assert it["kind"] in ("behaviour", "values", "criterion")


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_every_interview_criterion_is_asked_folded_or_checked_exactly_once(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    doc = plan(capsys, path)
    profile = load_profile(path)
    asked = [it["id"] for it in doc["items"] if it["kind"] == "criterion"]
    folded = [c for it in doc["items"] for c in it["covers"]]
    checked = [c["id"] for c in doc["checks"]]
    placed = asked + folded + checked
    assert sorted(placed) == sorted(c.id for c in profile.criteria if c.at_interview)
    assert len(placed) == len(set(placed))
    for it in doc["items"]:  # only behaviours and values carry folded criteria
        assert not it["covers"] or it["kind"] in ("behaviour", "values")
    ids = [it["id"] for it in doc["items"]]  # item ids stay the contract ids
    assert all(i in BY_SLUG or i == "values" or (i[0] in "QKO" and i[1:].isdigit()) for i in ids)


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_values_and_behaviours_gate(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    doc = plan(capsys, path)
    values = [it for it in doc["items"] if it["kind"] == "values"]
    assert len(values) == 1 and values[0]["gating"] is True
    assert all(it["gating"] for it in doc["items"] if it["kind"] == "behaviour")


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_every_behaviour_and_values_question_has_its_own_anchors(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    doc = plan(capsys, path)
    scored = [it for it in doc["items"] if it["kind"] in ("behaviour", "values")]
    for it in scored:
        assert set(it["anchors"]) == {"1", "3", "5"}, it["id"]
        assert all(len(a.split()) >= 6 for a in it["anchors"].values()), it["anchors"]
        assert 3 <= len(it["positive"]) <= 6 and 3 <= len(it["negative"]) <= 6, it["id"]
    anchors = [tuple(it["anchors"].values()) for it in scored]
    assert len(set(anchors)) == len(anchors)  # no two questions share their anchors
    values = next(it for it in doc["items"] if it["kind"] == "values")
    named = values["text"].removeprefix("Values: ").split(", ")
    assert all(v in values["question"] for v in named)  # the question names the values it targets


def test_iact_vetting_and_hours_are_checks_not_scored_items(capsys: pytest.CaptureFixture[str]) -> None:
    doc = plan(capsys, SEED_IACT)
    checks = {c["id"]: c for c in doc["checks"]}
    assert "vetting" in checks["O3"]["text"] and checks["O3"]["requirement"] == "essential"
    assert "O3" not in [it["id"] for it in doc["items"]]
    assert "O2" in checks  # flexible hours: an availability condition, confirmed not scored


def test_cse_driving_licence_is_never_scored_and_the_graphic_material_criterion_is_asked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc = plan(capsys, SEED_CSE)
    ids = [it["id"] for it in doc["items"]]
    assert "Q1" not in ids and "Q1" not in [c["id"] for c in doc["checks"]]  # form only: not at interview
    assert "O2" in ids and "K15" in ids  # distinctive: asked on their own
    assert {"Q3", "Q4", "O3"} <= {c["id"] for c in doc["checks"]}  # qualifications held, working hours
    assert len(ids) <= 9


def test_a_longer_slot_gives_more_minutes_and_a_short_one_runs_over(capsys: pytest.CaptureFixture[str]) -> None:
    long = plan(capsys, SEED_IACT, "--slot", "60")
    assert long["slot_minutes"] == 60 and long["planned_minutes"] <= 60
    assert min(it["minutes"] for it in long["items"]) >= 6
    short = plan(capsys, SEED_CSE, "--slot", "30")
    assert short["planned_minutes"] > 30  # nothing left to fold: the plan says it runs over
    code, out, _err = run(capsys, "questions", "--profile", str(SEED_CSE), "--slot", "30")
    assert code == 0 and "OVER the slot" in out


@pytest.mark.parametrize(
    "argv, names",
    [
        (["--slot", "five"], "five"),
        (["--slot", "2"], "2"),
    ],
)
def test_a_bad_slot_is_refused_in_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], names: str) -> None:
    code, out, err = run(capsys, "questions", "--profile", str(DATA / "sample_admin_l1.txt"), *argv)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and names in err


def test_a_missing_profile_or_database_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "questions", "--profile", str(tmp_path / "nope.txt"))
    assert code == 2 and "nope.txt" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "questions", "--db", str(tmp_path / "none.db"), "--campaign", "1")
    assert code == 2 and "none.db" in err and not (tmp_path / "none.db").exists()


def test_campaign_plan_and_checks_from_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    code, out, err = run(
        capsys, "campaign", "create", "--db", str(db), "--profile", str(DATA / "sample_admin_l1.txt"), "--name", "Admin"
    )
    assert code == 0, err
    cid = out.strip()
    code, out, err = run(capsys, "questions", "--db", str(db), "--campaign", cid, "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert [c["id"] for c in doc["checks"]] == ["O2"] and doc["planned_minutes"] <= 45
    csv = tmp_path / "c.csv"
    csv.write_text("reference,name\nA1,Ann Example\nA2,Bo Example\n", encoding="utf-8")
    assert run(capsys, "candidates", "import", "--db", str(db), "--campaign", cid, str(csv))[0] == 0
    assert (
        run(
            capsys,
            "check",
            "--db",
            str(db),
            "--campaign",
            cid,
            "--candidate",
            "A1",
            "--check",
            "O2",
            "--state",
            "confirmed",
        )[0]
        == 0
    )
    code, out, err = run(capsys, "results", "--db", str(db), "--campaign", cid, "--json")
    assert code == 0, err
    cands = {c["reference"]: c for c in json.loads(out)["candidates"]}
    assert cands["A1"]["checks"] == {"O2": "confirmed"} and cands["A2"]["checks"] == {"O2": "pending"}
    assert "O2" not in json.dumps([i["id"] for i in json.loads(out)["items"]])  # never a scored item
    before = db.read_bytes()
    for bad in (
        ["--check", "K1", "--state", "confirmed"],
        ["--check", "O2", "--state", "maybe"],
        ["--check", "O2", "--state", "confirmed", "--candidate", "ZZ"],
    ):
        argv = ["check", "--db", str(db), "--campaign", cid, "--candidate", "A1", *bad]
        code, out, err = run(capsys, *argv)
        assert code == 2 and len(err.strip().splitlines()) == 1, err
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT action, target, old, new FROM audit WHERE action = 'check'").fetchall()
    finally:
        conn.close()
    assert rows == [("check", "A1/O2", "pending", "confirmed")]
    assert len(db.read_bytes()) == len(before)
