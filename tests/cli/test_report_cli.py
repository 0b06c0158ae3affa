"""Equality monitoring and panel figures from the command line: import, report, refusals, and the data kept
apart from everything the panel sees."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from interview_panel.cli import main
from interview_panel.services import moderation
from interview_panel.services.store import open_store
from tests.ui.live_fixtures import CHAIR, MEMBER_B, MEMBER_C, build_campaign, score_all

ITEMS = ("ownership", "analyse-critically", "K1", "K2", "values")


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def decided(tmp_path: Path) -> tuple[Path, int, dict[str, bool]]:
    """12 candidates, every one moderated: C001-C008 appointable (all 4s), C009-C012 not (2s)."""
    db = tmp_path / "eq.db"
    cid = build_campaign(db, candidates=12)
    appointable = {}
    for n in range(1, 13):
        ref = f"C{n:03d}"
        mark = 4 if n <= 8 else 2
        score_all(db, cid, ref, {m: dict.fromkeys(ITEMS, mark) for m in (CHAIR, MEMBER_B, MEMBER_C)})
        with open_store(db) as store:
            moderation.agree_unflagged_at_median(store, cid, candidate=ref)
        appointable[ref] = n <= 8
    return db, cid, appointable


def test_monitoring_import_and_equality_report(
    decided: tuple[Path, int, dict[str, bool]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, _ = decided
    # Sex: F = C001-C006 (6, 5 appointable... C001-C006 all appointable), M = C007-C012 (6: 2 appointable)
    # Disability: "Yes" only C012 (1: suppressed), "No" the rest
    rows = ["Candidate No.,Sex,Disability"] + [
        f"C{n:03d},{'F' if n <= 6 else 'M'},{'Yes' if n == 12 else 'No'}" for n in range(1, 13)
    ]
    f = tmp_path / "monitoring.csv"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "monitoring", "import", "--db", db, "--campaign", cid, f)
    assert code == 0, err
    assert "12 candidate(s)" in out and "Sex" in out and "Disability" in out
    code, out, err = run(capsys, "report", "equality", "--db", db, "--campaign", cid, "--json")
    assert code == 0, err
    rep = json.loads(out)
    sex = next(s for s in rep["stages"] if s["category"] == "Sex" and s["stage"] == "interview")
    groups = {g["group"]: g for g in sex["groups"]}
    assert (groups["F"]["candidates"], groups["F"]["selected"], groups["F"]["rate"]) == (6, 6, 1.0)
    assert (groups["M"]["candidates"], groups["M"]["selected"]) == (6, 2)
    assert groups["M"]["impact_ratio"] == pytest.approx(2 / 6) and groups["M"]["four_fifths_flag"]
    # Fisher: M 2 of 6 against F 6 of 6 -> [[2,4],[6,0]]; by hand C(6,x)C(6,8-x)/C(12,8), x=2..6:
    # weights 1, 20, 225? -> x=2: 15*1=15, x=3: 20*6=120, x=4: 15*15=225, x=5: 6*20=120, x=6: 1*15=15; total 495
    # observed x=2 (15): tables no more likely: x=2 and x=6 -> 30/495
    assert groups["M"]["fisher_p"] == pytest.approx(30 / 495)
    dis = next(s for s in rep["stages"] if s["category"] == "Disability" and s["stage"] == "interview")
    yes = next(g for g in dis["groups"] if g["group"] == "Yes")
    assert yes["suppressed"] and yes["candidates"] is None and yes["selected"] is None
    assert any("fewer than 5" in w for w in dis["warnings"])
    code, out, _ = run(capsys, "report", "equality", "--db", db, "--campaign", cid)
    assert code == 0 and "below 4/5" in out and "suppressed" in out

    # never beside scores: results --json and the workbook carry no monitoring data
    code, out, _ = run(capsys, "results", "--db", db, "--campaign", cid, "--json")
    assert "Disability" not in out and '"Sex"' not in out


def test_monitoring_import_refuses_unknown_references_whole(
    decided: tuple[Path, int, dict[str, bool]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, _ = decided
    f = tmp_path / "m.csv"
    f.write_text("Reference,Sex\nC001,F\nZ999,M\n", encoding="utf-8")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    code, out, err = run(capsys, "monitoring", "import", "--db", db, "--campaign", cid, f)
    assert code == 2 and err.count("\n") == 1 and "Z999" in err and out == ""
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_off_by_default_and_clear(
    decided: tuple[Path, int, dict[str, bool]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid, _ = decided
    code, out, _ = run(capsys, "report", "equality", "--db", db, "--campaign", cid, "--json")
    assert code == 0 and json.loads(out)["stages"] == []
    assert "no equality-monitoring data" in json.loads(out)["warnings"][0]
    f = tmp_path / "m.csv"
    f.write_text(
        "Reference,Sex,Appointed\n"
        + "".join(f"C{n:03d},{'F' if n % 2 else 'M'},{'yes' if n == 1 else 'no'}\n" for n in range(1, 13)),
        encoding="utf-8",
    )
    assert run(capsys, "monitoring", "import", "--db", db, "--campaign", cid, f)[0] == 0
    rep = json.loads(run(capsys, "report", "equality", "--db", db, "--campaign", cid, "--json")[1])
    assert {s["stage"] for s in rep["stages"]} == {"interview", "appointment"}
    assert run(capsys, "monitoring", "clear", "--db", db, "--campaign", cid)[0] == 0
    rep = json.loads(run(capsys, "report", "equality", "--db", db, "--campaign", cid, "--json")[1])
    assert rep["stages"] == []


def test_panel_report(decided: tuple[Path, int, dict[str, bool]], capsys: pytest.CaptureFixture[str]) -> None:
    db, cid, _ = decided
    code, out, err = run(capsys, "report", "panel", "--db", db, "--campaign", cid, "--json")
    assert code == 0, err
    stats = json.loads(out)
    assert stats["campaign"]["scores"] == 12 * 3 * len(ITEMS)
    assert stats["campaign"]["min"] == 2 and stats["campaign"]["max"] == 4
    assert stats["campaign"]["pass_rate"] == pytest.approx(8 / 12)
    assert {m["member"] for m in stats["members"]} == {CHAIR, MEMBER_B, MEMBER_C}
    assert stats["moderation"]["share_moved_from_median"] == 0
    assert stats["benchmark_panel_reliability"] == 0.74
