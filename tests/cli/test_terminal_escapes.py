"""Terminal escape sequences in stored text never reach the terminal (issue 11, finding 13).

Names, posts, notes and rationales can hold anything a candidates file or a hostile database held; every
CLI print path (tables, JSON, messages) removes or escapes ESC, CSI, OSC and the other C0/C1 controls.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from interview_panel.cli import printable
from interview_panel.domain.campaign import Candidate
from interview_panel.services.campaigns import add_candidate, add_member, create_campaign
from interview_panel.services.moderation import moderate
from interview_panel.services.scoring import record_score, submit
from interview_panel.services.store import open_store

from ..exports.factories import make_profile

OSC = "\x1b]0;owned title\x07"
CSI = "\x1b[2J\x1b[1;31m"
C1 = "\x9b31m"
NAME = f"Eve{OSC}{CSI} Mallory{C1}\r\x08"
CONTROL_BYTES = (b"\x1b", b"\x07", b"\xc2\x9b", b"\r", b"\x08")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A campaign whose names hold escape sequences, as a hostile or old database can (the services now
    drop control characters from names on the way in, so they are written behind the app's back)."""
    import sqlite3

    from interview_panel.services.moderation import results

    path = tmp_path_factory.mktemp("escapes") / "c.db"
    with open_store(path) as store:
        cid = create_campaign(store, profile=make_profile(1), name="Campaign 2026")
        add_member(store, cid, "Chair", chair=True)
        add_candidate(store, cid, Candidate("R1", "Eve Mallory", datetime(2026, 3, 2, 9, tzinfo=UTC)))
        items = [i.id for i in results(store, cid, audit=False).items]
        for item in items:
            record_score(store, cid, candidate="R1", member="Chair", item=item, score=3, note=f"note{OSC}{C1}")
        submit(store, cid, candidate="R1", member="Chair")
        for item in items:
            moderate(store, cid, candidate="R1", item=item, score=3, rationale=f"why{CSI}{C1}")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE candidates SET name = ?", (NAME,))
        conn.execute("UPDATE members SET name = ?", (f"Chair{OSC}",))
        conn.execute("UPDATE campaigns SET name = ?", (f"Campaign{CSI}2026",))
    conn.close()
    return path


def _cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "interview_panel", *args], capture_output=True, timeout=120)


def _clean(raw: bytes) -> None:
    for b in CONTROL_BYTES:
        assert b not in raw, (b, raw[:300])


def test_printable_removes_sequences_and_keeps_text() -> None:
    assert printable(NAME) == "Eve Mallory"
    assert printable("José\tΩ 名\n") == "José\tΩ 名\n"
    assert printable("a\x1bPq#0\x1b\\b\x1b(Bc\x9dtitle\x9cd") == "abctitled"
    assert printable("stray \x90 keeps the rest") == "stray  keeps the rest"


@pytest.mark.parametrize("command", [["results"], ["campaign", "list"]])
def test_tables_print_no_escapes(db: Path, command: list[str]) -> None:
    proc = _cli(*command, "--db", str(db), *(["--campaign", "1"] if command == ["results"] else []))
    assert proc.returncode == 0, proc.stderr
    _clean(proc.stdout)
    if command == ["results"]:
        assert "Eve Mallory" in proc.stdout.decode()


@pytest.mark.parametrize("command", [["results", "--campaign", "1"], ["campaign", "list"]])
def test_json_is_escaped_not_changed(db: Path, command: list[str]) -> None:
    proc = _cli(*command, "--json", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    _clean(proc.stdout)
    data = json.loads(proc.stdout)
    if command[0] == "results":
        cand = data["candidates"][0]
        assert OSC in cand["name"] and C1 in cand["name"]  # the JSON still carries the stored text exactly
        assert f"Chair{OSC}" in next(iter(cand["scores"].values()))
    else:
        assert data[0]["name"] == f"Campaign{CSI}2026"


def test_error_messages_print_no_escapes(db: Path) -> None:
    proc = _cli("submit", "--db", str(db), "--campaign", "1", "--candidate", f"X{OSC}", "--member", "Nobody")
    assert proc.returncode == 2
    assert proc.stderr.count(b"\n") == 1
    _clean(proc.stderr)
    # argparse's own messages quote what was typed
    proc = _cli("export", f"xl{CSI}sx", "--db", str(db), "--campaign", "1", "-o", "x")
    assert proc.returncode == 2
    _clean(proc.stderr)


def test_a_profile_summary_prints_no_escapes(tmp_path: Path) -> None:
    from tests.conftest import DATA

    text = (DATA / "sample_admin_l1.txt").read_text(encoding="utf-8")
    hostile = tmp_path / "profile.txt"
    hostile.write_text(text.replace("Post Title", f"Post Title{OSC}", 1).replace("\n", f"\n{CSI}", 3), encoding="utf-8")
    proc = _cli("profile", "show", str(hostile))
    assert proc.returncode == 0, proc.stderr
    _clean(proc.stdout)
