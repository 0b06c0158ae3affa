"""The keyed, anchored audit chain (issue 11 finding 6): a forged row with a recomputed plain hash fails,
`audit verify` ends with `head: <sha256>`, `--head` catches a log cut short or from another database, and the
replay covers candidates, slots, the panel, the chair, agreed_at, campaign names and the triggers."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from interview_panel.cli import main
from interview_panel.domain.campaign import Candidate
from interview_panel.services.audit import verify_audit
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign
from interview_panel.services.demo import synthetic_profile
from interview_panel.services.moderation import moderate
from interview_panel.services.scoring import record_score, submit
from interview_panel.services.store import open_store
from interview_panel.storage import audit_hash
from tests.storage.definitions import open_old_layout

ITEMS = ("emotionally-aware", "K1", "values")
HEAD = re.compile(r"^head: ([0-9a-f]{64})$")


def build(path: Path, *, moderated: tuple[str, ...] = ("C1", "C2")) -> Path:
    """Candidates C1 (4s) and C2 (2s) scored by Ann (chair) and Bob, submitted; ``moderated`` agreed."""
    store = open_store(path)
    try:
        cid = create_campaign(store, profile=synthetic_profile(behaviours=1, criteria=1), name="Chain")
        add_candidate(store, cid, Candidate("C1", "Alice Able"))
        add_candidate(store, cid, Candidate("C2", "Brian Baker"))
        add_member(store, cid, "Ann", chair=True)
        add_member(store, cid, "Bob")
        for ref, mark in (("C1", 4), ("C2", 2)):
            for m in ("Ann", "Bob"):
                for item in ITEMS:
                    record_score(store, cid, candidate=ref, member=m, item=item, score=mark)
                submit(store, cid, candidate=ref, member=m)
        for ref in moderated:
            for item in ITEMS:
                moderate(store, cid, candidate=ref, item=item, score=4 if ref == "C1" else 2, rationale="agreed")
    finally:
        store.close()
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build(tmp_path / "chain.db")


def sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for s in statements:
            conn.execute(s)
        conn.commit()
    finally:
        conn.close()


def forge_row(
    path: Path,
    *,
    action: str,
    target: str,
    cid: int = 1,
    candidate: str | None = None,
    item: str | None = None,
    old: str | None = None,
    new: str | None = None,
    actor: str = "Ann",
    reason: str | None = None,
) -> int:
    """Append a row as an attacker with only the file would: the plain sha256 recomputed, no key."""
    conn = sqlite3.connect(path)
    try:
        seq, prev, at = conn.execute("SELECT seq, hash, at FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        fields = (seq + 1, at, actor, action, target, cid, candidate, None, item, old, new, reason)
        conn.execute(
            "INSERT INTO audit (seq, at, actor, action, target, campaign_id, candidate, member, item, old, "
            "new, reason, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (*fields, audit_hash(prev, fields)),
        )
        conn.commit()
        return seq + 1
    finally:
        conn.close()


def verify(path: Path, **kw):  # type: ignore[no-untyped-def]
    store = open_store(path)
    try:
        return verify_audit(store, **kw)
    finally:
        store.close()


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse refusing an argument
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_an_untouched_database_verifies_with_its_key(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "audit", "verify", "--db", str(db))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert "intact" in lines[0]
    assert re.search(r"keyed check: (\d+) of \1 rows carry this computer's key", out)
    assert HEAD.match(lines[-1])


def test_a_changed_agreed_score_with_a_forged_plain_hash_row_fails(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The finding: edit an agreed score, append one row whose plain sha256 is recomputed: verify must fail."""
    sql(db, "UPDATE agreed SET score = 1 WHERE candidate_id = 1 AND item_id = 'K1'")
    seq = forge_row(db, action="agreed", target="C1/K1", candidate="C1", item="K1", old="4", new="1", reason="agreed")
    r = verify(db)
    assert not r.ok and r.first_bad == seq and "key" in r.message
    code, out, err = cli(capsys, "audit", "verify", "--db", str(db))
    assert code == 1 and f"audit row {seq}" in err and len(err.splitlines()) == 1 and out == ""


def test_a_forged_row_with_a_made_up_mac_fails(db: Path) -> None:
    seq = forge_row(db, action="campaign", target="name", old="Chain", new="Renamed")
    conn = sqlite3.connect(db)
    try:
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute("UPDATE audit SET mac = ? WHERE seq = ?", ("ab" * 32, seq))
        conn.execute("UPDATE campaigns SET name = 'Renamed'")
        conn.commit()
    finally:
        conn.close()
    r = verify(db)
    assert not r.ok and r.first_bad == seq


def test_without_the_key_the_plain_chain_is_checked_and_the_report_says_so(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INTERVIEW_PANEL_KEY_DIR", str(tmp_path / "another-computer"))
    code, out, _ = cli(capsys, "audit", "verify", "--db", str(db))
    assert code == 0 and "keyed check NOT made" in out and "no key" in out
    assert HEAD.match(out.splitlines()[-1])
    sql(db, "UPDATE scores SET score = 5 WHERE score = 2 AND item_id = 'K1'")  # the plain replay still works
    assert cli(capsys, "audit", "verify", "--db", str(db))[0] == 1


def test_the_genesis_is_bound_to_each_database(tmp_path: Path) -> None:
    a, b = build(tmp_path / "a.db"), build(tmp_path / "b.db")
    heads = []
    for p in (a, b):
        conn = sqlite3.connect(p)
        try:
            first = conn.execute(
                "SELECT seq, at, actor, action, target, campaign_id, candidate, member, item, old, "
                "new, reason, hash FROM audit WHERE seq = 1"
            ).fetchone()
            (dbid,) = conn.execute("SELECT database_id FROM audit_chain").fetchone()
        finally:
            conn.close()
        assert first[-1] != audit_hash("0" * 64, first[:-1])  # not chained from a constant
        heads.append((dbid, first[-1]))
    assert heads[0][0] != heads[1][0] and heads[0][1] != heads[1][1]


def head_of(capsys: pytest.CaptureFixture[str], db: Path) -> str:
    code, out, err = cli(capsys, "audit", "verify", "--db", str(db))
    assert code == 0, err
    m = HEAD.match(out.splitlines()[-1])
    assert m
    return m.group(1)


def test_head_anchor_on_a_grown_log_a_foreign_head_and_a_cut_tail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = build(tmp_path / "grow.db", moderated=("C1",))
    old_head = head_of(capsys, db)
    store = open_store(db)
    try:
        for item in ITEMS:
            moderate(store, 1, candidate="C2", item=item, score=2, rationale="agreed")
    finally:
        store.close()
    new_head = head_of(capsys, db)
    assert new_head != old_head
    for h in (old_head, new_head):  # an old head printed on an earlier PDF still verifies on the grown log
        code, out, _ = cli(capsys, "audit", "verify", "--db", str(db), "--head", h)
        assert code == 0 and out.splitlines()[-1] == f"head: {new_head}"
    foreign = head_of(capsys, build(tmp_path / "other.db", moderated=("C1",)))
    code, out, err = cli(capsys, "audit", "verify", "--db", str(db), "--head", foreign)
    assert code == 1 and foreign in err and "not in this audit log" in err and out == ""
    # cut the tail off: the last three agreed rows AND the agreed scores they explain (triggers put back)
    sql(
        db,
        "DROP TRIGGER audit_no_delete",
        "DELETE FROM audit WHERE seq > (SELECT max(seq) - 3 FROM audit)",
        "DELETE FROM agreed WHERE candidate_id = 2",
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n"
        "       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: rows cannot be deleted'); END",
    )
    assert verify(db).ok  # the cut log is consistent in itself: only an anchor can tell
    code, _, err = cli(capsys, "audit", "verify", "--db", str(db), "--head", new_head)
    assert code == 1 and "not in this audit log" in err
    code, _, err = cli(capsys, "audit", "verify", "--db", str(db))  # this computer remembers the newest row seen
    assert code == 1 and "cut off" in err
    assert cli(capsys, "audit", "verify", "--db", str(db), "--head", old_head)[0] == 1  # still flagged as cut


def test_a_bad_head_argument_is_refused(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "audit", "verify", "--db", str(db), "--head", "xyz")
    assert code == 2 and out == "" and "xyz" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("statements", "needle"),
    [
        (
            ("UPDATE candidates SET name = CASE reference WHEN 'C1' THEN 'Brian Baker' ELSE 'Alice Able' END",),
            "candidate C",
        ),
        (("UPDATE candidates SET slot = '2026-03-02T09:00:00' WHERE reference = 'C2'",), "candidate C2"),
        (
            ("UPDATE members SET chair = 0 WHERE name = 'Ann'", "UPDATE members SET chair = 1 WHERE name = 'Bob'"),
            "panel member",
        ),
        (("INSERT INTO members (campaign_id, name, chair) VALUES (1, 'Mallory', 0)",), "panel member Mallory"),
        (("INSERT INTO candidates (campaign_id, reference, name) VALUES (1, 'C9', 'Nobody')",), "candidate C9"),
        (
            (
                "PRAGMA foreign_keys = OFF",
                "DELETE FROM agreed WHERE candidate_id = 2",
                "DELETE FROM submissions WHERE candidate_id = 2",
                "DELETE FROM scores WHERE candidate_id = 2",
                "DELETE FROM candidates WHERE id = 2",
            ),
            "C2",
        ),
        (
            ("UPDATE agreed SET agreed_at = '2020-01-01T00:00:00+00:00' WHERE item_id = 'K1' AND candidate_id = 1",),
            "agreed score C1/K1",
        ),
        (("UPDATE campaigns SET name = 'Something else'",), "name of campaign 1"),
        (("DROP TRIGGER audit_no_update",), "audit_no_update was removed"),
        (("DROP TRIGGER audit_chain_no_delete",), "audit_chain_no_delete"),
    ],
)
def test_edits_behind_the_apps_back_are_caught(
    db: Path, statements: tuple[str, ...], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sql(db, *statements)
    r = verify(db)
    assert not r.ok and needle in r.message, r.message
    code, out, err = cli(capsys, "audit", "verify", "--db", str(db))
    assert code == 1 and out == "" and len(err.splitlines()) == 1


def test_the_head_is_on_the_workbook_about_sheet_and_the_pdf_record(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess

    import openpyxl

    head = head_of(capsys, db)
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    assert cli(capsys, "export", "xlsx", "--db", str(db), "--campaign", "1", "-o", str(xlsx))[0] == 0
    about = {
        r[0]: r[1]
        for r in openpyxl.load_workbook(xlsx, read_only=True)["About"].iter_rows(values_only=True)
        if len(r) > 1
    }
    assert about["Audit head"] == head
    assert cli(capsys, "export", "pdf", "--db", str(db), "--campaign", "1", "-o", str(pdf))[0] == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert head in "".join(text.split())  # printed beside the signatures (it may wrap)
    code, _, _ = cli(capsys, "audit", "verify", "--db", str(db), "--head", head)
    assert code == 0


def test_a_database_from_before_the_keyed_chain_migrates_and_verifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A database from before the keyed chain (v6), written by today's services (zero genesis, no MACs) opens at the latest schema, verifies
    with every row re-chained from its own genesis and keyed here; a forged row after the migration fails."""

    path = tmp_path / "old.db"
    store = open_old_layout(path, 6)
    try:
        cid = create_campaign(store, profile=synthetic_profile(behaviours=1, criteria=1), name="Old")
        add_candidate(store, cid, Candidate("C1", "Alice Able"))
        add_member(store, cid, "Ann", chair=True)
        for item in ITEMS:
            record_score(store, cid, candidate="C1", member="Ann", item=item, score=3, note="heard")
        submit(store, cid, candidate="C1", member="Ann")
    finally:
        store.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
        legacy = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    finally:
        conn.close()
    code, out, err = cli(capsys, "audit", "verify", "--db", str(path))
    assert code == 0, err
    assert f"keyed check: {legacy} of {legacy} rows carry this computer's key" in out
    assert HEAD.match(out.splitlines()[-1])
    store = open_store(path)
    try:
        moderate(store, cid, candidate="C1", item="K1", score=3)
    finally:
        store.close()
    code, out, err = cli(capsys, "audit", "verify", "--db", str(path))
    assert code == 0 and f"keyed check: {legacy + 1} of {legacy + 1} rows" in out, err
    sql(path, "UPDATE agreed SET score = 1")
    seq = forge_row(path, action="agreed", target="C1/K1", candidate="C1", item="K1", old="3", new="1")
    code, _, err = cli(capsys, "audit", "verify", "--db", str(path))
    assert code == 1 and f"audit row {seq}" in err
