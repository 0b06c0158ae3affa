"""Input files that are not regular files (issue 11, finding 9): refused before any read, within 5 s.

A FIFO used to block the reader for ever and /dev/zero to be read without bound. Each case runs the real
command in a subprocess with a timeout, so a hang fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from interview_panel.services.campaigns import create_campaign
from interview_panel.services.demo import synthetic_profile
from interview_panel.services.store import open_store

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "data" / "sample_supervisor_l2.txt"
TIMEOUT = 5.0  # seconds: the whole command, start-up included

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")


def cli(*argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "interview_panel", *argv],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    store = open_store(path)
    try:
        create_campaign(store, profile=synthetic_profile(behaviours=2, criteria=2), name="Special files")
    finally:
        store.close()
    return path


def special(tmp_path: Path, kind: str, suffix: str) -> tuple[Path, str]:
    """A special file of ``kind`` named like an input, and the word the refusal must use."""
    if kind == "fifo":
        p = tmp_path / f"pipe{suffix}"
        os.mkfifo(p)
        return p, "named pipe"
    if kind == "zero":
        if not os.path.exists("/dev/zero"):
            pytest.skip("no /dev/zero")
        p = tmp_path / f"zero{suffix}"
        p.symlink_to("/dev/zero")
        return p, "device"
    if kind == "folder":
        p = tmp_path / f"folder{suffix}"
        p.mkdir()
        return p, "folder"
    p = tmp_path / f"s{suffix}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(p))
    sock.close()
    return p, "socket"


KINDS = ("fifo", "zero", "folder", "socket")


@pytest.mark.parametrize(("kind", "suffix"), [(k, ".csv") for k in KINDS] + [("fifo", ".xlsx"), ("zero", ".xlsx")])
def test_a_special_file_as_candidates_file_is_refused_at_once(db: Path, tmp_path: Path, kind: str, suffix: str) -> None:
    path, word = special(tmp_path, kind, suffix)
    before = db.read_bytes()
    r = cli("candidates", "import", "--db", str(db), "--campaign", "1", str(path))
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and path.name in r.stderr and word in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("kind", "suffix"),
    [(k, ".txt") for k in KINDS] + [("fifo", ".docx"), ("zero", ".docx"), ("fifo", ".pdf"), ("zero", ".pdf")],
)
def test_a_special_file_as_role_profile_is_refused_at_once(tmp_path: Path, kind: str, suffix: str) -> None:
    path, word = special(tmp_path, kind, suffix)
    r = cli("profile", "show", str(path))
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and path.name in r.stderr and word in r.stderr
    db = tmp_path / "new.db"
    r = cli("campaign", "create", "--db", str(db), "--profile", str(path), "--name", "x")
    assert r.returncode == 2 and word in r.stderr
    assert not db.exists()


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_special_file_as_member_kit_or_score_pack_is_refused_at_once(db: Path, tmp_path: Path, kind: str) -> None:
    kit, word = special(tmp_path, kind, ".ipkit")
    member_db = tmp_path / "member.db"
    r = cli("member", "open", str(kit), "--db", str(member_db))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and word in r.stderr and kit.name in r.stderr
    pack, word = special(tmp_path, kind, ".ippack")
    before = db.read_bytes()
    r = cli("scores", "import", "--db", str(db), str(pack))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and word in r.stderr and pack.name in r.stderr
    assert db.read_bytes() == before


def test_a_symbolic_link_to_a_regular_file_is_read(db: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("reference,name\nC1,Ann Lee\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    r = cli("candidates", "import", "--db", str(db), "--campaign", "1", str(link))
    assert r.returncode == 0, r.stderr
    assert "1 added" in r.stdout
