"""Retention and erasure (issue 17 item 1): a retention date and a legal hold per campaign; a purge erases the
campaign's personal data from the database file, its write-ahead log and its backups, keeps the scores,
outcomes and statistics, and leaves an audit chain that verifies."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from interview_panel.cli import main
from interview_panel.domain.campaign import Candidate
from interview_panel.domain.retention import add_months
from interview_panel.services.audit import audit_log
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign
from interview_panel.services.demo import synthetic_profile
from interview_panel.services.equality import import_monitoring
from interview_panel.services.moderation import moderate
from interview_panel.services.scoring import record_score, submit
from interview_panel.services.store import open_store

ITEMS = ("emotionally-aware", "K1", "values")
NAMES = ("Quentina Marlowe-Abara", "Thaddeus Okonkwo-Reyes", "Philippa Vandersloot")
NOTES = (
    "described the night shift flood in Pembrokeshire",
    "mentioned her brother at Ashdown station",
    "gave the Kestrel Lane burglary example",
)
RATIONALES = ("panel agreed the Kestrel evidence met level one", "balanced view of the Ashdown account")
MONITORING = ("Zoroastrianx",)
PERSONAL = NAMES + NOTES + RATIONALES + MONITORING


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse's refusals
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def fill(db: Path, tmp_path: Path) -> int:
    with open_store(db) as store:
        cid = create_campaign(store, profile=synthetic_profile(behaviours=1, criteria=1), name="Privacy")
        for n, name in enumerate(NAMES, 1):
            add_candidate(store, cid, Candidate(f"R{n:02d}", name))
        add_member(store, cid, "Ann Chair", chair=True)
        add_member(store, cid, "Bob Member")
        for ref, marks in (("R01", (3, 4, 4)), ("R02", (2, 2, 3))):
            for m in ("Ann Chair", "Bob Member"):
                for i, (item, mark) in enumerate(zip(ITEMS, marks)):
                    note = NOTES[i] if (m == "Ann Chair" and ref == "R01") else None
                    record_score(store, cid, candidate=ref, member=m, item=item, score=mark, note=note)
                submit(store, cid, candidate=ref, member=m)
        for ref, marks in (("R01", (3, 4, 4)), ("R02", (2, 2, 3))):
            for i, (item, mark) in enumerate(zip(ITEMS, marks)):
                moderate(
                    store,
                    cid,
                    candidate=ref,
                    item=item,
                    score=mark,
                    rationale=RATIONALES[i] if i < len(RATIONALES) and ref == "R01" else None,
                )
        f = tmp_path / "monitoring.csv"
        f.write_text("Candidate No.,Religion\nR01,Zoroastrianx\nR02,None\nR03,None\n", encoding="utf-8")
        import_monitoring(store, cid, f)
    return cid


@pytest.fixture
def campaign(tmp_path: Path) -> tuple[Path, int]:
    db = tmp_path / "camp.db"
    cid = fill(db, tmp_path)
    # backups as the app leaves them: a migration backup and the rolling-backup folder
    shutil.copy(db, Path(f"{db}.bak-v6"))
    Path(f"{db}.backups").mkdir()
    shutil.copy(db, Path(f"{db}.backups") / "2026-01-01T00-00-00.000000Z.sqlite")
    shutil.copy(db, Path(f"{db}.damaged-2026-01-02T00-00-00Z"))  # set aside by a restore
    return db, cid


def files_of(db: Path) -> list[Path]:
    return [p for p in db.parent.rglob("*") if p.is_file() and p.name.startswith(db.name)]


def personal_in(db: Path) -> list[tuple[str, str]]:
    found = []
    for p in files_of(db):
        raw = p.read_bytes()
        found += [(p.name, t) for t in PERSONAL if t.encode("utf-8") in raw]
    return found


def without_names(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: without_names(v) for k, v in obj.items() if k not in ("name", "notes", "rationale", "rationales")}
    if isinstance(obj, list):
        return [without_names(v) for v in obj]
    return obj


def test_default_retention_is_six_months_after_the_last_outcome(
    campaign: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid = campaign
    conn = sqlite3.connect(db)
    last = conn.execute("SELECT max(agreed_at) FROM agreed").fetchone()[0]
    conn.close()
    due = add_months(date.fromisoformat(last[:10]), 6)
    code, out, err = run(capsys, "campaign", "retention", "--db", db, "--campaign", cid)
    assert code == 0, err
    assert due.isoformat() in out and "6 month" in out and "legal hold: off" in out
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    code, out, err = run(capsys, "campaign", "retention", "--db", db, "--campaign", cid, "--months", "12")
    assert code == 0 and add_months(date.fromisoformat(last[:10]), 12).isoformat() in out
    code, out, err = run(capsys, "campaign", "retention", "--db", db, "--campaign", cid, "--until", "2031-05-04")
    assert code == 0 and "2031-05-04" in out
    code, out, err = run(capsys, "campaign", "retention", "--db", db, "--campaign", cid, "--until", "next week")
    assert code == 2 and "next week" in err and len(err.strip().splitlines()) == 1


def test_not_due_is_refused_and_a_hold_blocks_purge(
    campaign: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid = campaign
    before = {p.name: p.read_bytes() for p in files_of(db) if not p.name.endswith(("-wal", "-shm"))}
    code, out, err = run(capsys, "campaign", "purge", "--db", db, "--campaign", cid)
    assert code == 2 and "not due" in err and "--force" in err and len(err.strip().splitlines()) == 1
    assert personal_in(db)  # nothing erased
    code, out, err = run(
        capsys, "campaign", "retention", "--db", db, "--campaign", cid, "--until", "2001-01-01", "--hold"
    )
    assert code == 0 and "legal hold: ON" in out
    for extra in ((), ("--force",)):
        code, out, err = run(capsys, "campaign", "purge", "--db", db, "--campaign", cid, *extra)
        assert code == 2 and "legal hold" in err
    assert {p.name for p in files_of(db)} >= set(before)
    with open_store(db) as store:
        names = {e.new for e in audit_log(store) if e.action == "candidate"}
    assert set(NAMES) <= names
    code, out, err = run(capsys, "campaign", "retention", "--db", db, "--campaign", cid, "--release")
    assert code == 0 and "legal hold: off" in out
    code, out, err = run(capsys, "campaign", "purge", "--db", db, "--campaign", cid)
    assert code == 0, err
    assert not personal_in(db)


def test_forced_purge_erases_everywhere_keeps_statistics_and_verifies(
    campaign: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    db, cid = campaign
    assert {t for _, t in personal_in(db)} == set(PERSONAL)  # the test can see the text before
    code, results_before, _ = run(capsys, "results", "--db", db, "--campaign", cid, "--json")
    code, panel_before, _ = run(capsys, "report", "panel", "--db", db, "--campaign", cid, "--json")
    code, out, err = run(capsys, "campaign", "purge", "--db", db, "--campaign", cid, "--force")
    assert code == 0, err
    assert "--force" in out and "fresh backup" in out
    assert not personal_in(db), personal_in(db)
    assert not list(db.parent.glob(f"{db.name}.bak-*")) and not list(db.parent.glob(f"{db.name}.damaged-*"))
    backups = list(Path(f"{db}.backups").iterdir())
    assert len(backups) == 1 and backups[0].suffix == ".sqlite" and backups[0].name.endswith("Z.sqlite")
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM scores").fetchone()[0] == 12
    conn.close()
    wal = Path(f"{db}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    code, out, err = run(capsys, "audit", "verify", "--db", db)
    assert code == 0, err
    code, results_after, _ = run(capsys, "results", "--db", db, "--campaign", cid, "--json")
    code, panel_after, _ = run(capsys, "report", "panel", "--db", db, "--campaign", cid, "--json")
    assert panel_after == panel_before
    assert without_names(json.loads(results_after)) == without_names(json.loads(results_before))
    # screens still work: each candidate shows its reference where the name was
    with open_store(db) as store:
        log = audit_log(store)
    purge_rows = [e for e in log if e.action == "purge"]
    assert len(purge_rows) == 1 and "forced" in (purge_rows[0].reason or "")
    assert not any(t in repr(purge_rows[0]) for t in PERSONAL)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT reference, name FROM candidates ORDER BY reference").fetchall() == [
        ("R01", "R01"),
        ("R02", "R02"),
        ("R03", "R03"),
    ]
    assert conn.execute("SELECT count(*) FROM monitoring").fetchone()[0] == 0
    conn.close()
    code, out, err = run(capsys, "campaign", "retention", "--db", db, "--campaign", cid)
    assert "erased at" in out


def test_a_campaign_past_its_date_purges_without_force_and_leaves_other_campaigns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "two.db"
    cid = fill(db, tmp_path)
    with open_store(db) as store:
        other = create_campaign(store, profile=synthetic_profile(behaviours=1, criteria=1), name="Other")
        add_candidate(store, other, Candidate("X1", "Ottoline Brackenbury"))
    code, out, err = run(capsys, "campaign", "retention", "--db", db, "--campaign", cid, "--until", "2020-01-01")
    code, out, err = run(capsys, "campaign", "purge", "--db", db, "--campaign", cid)
    assert code == 0, err and "--force" not in out
    assert b"Ottoline Brackenbury" in db.read_bytes()
    assert not any(t.encode() in db.read_bytes() for t in NAMES)
    code, out, err = run(capsys, "audit", "verify", "--db", db)
    assert code == 0, err
