"""``-o`` never destroys a database or writes into something that is not a regular file (issue 11, finding 1).

Every writer (``export xlsx|pdf|csv``, ``sheets``) goes through one check: a database (the open one, its
``-wal``/``-shm``, its backups, any other SQLite file) or a FIFO, device or folder is refused with exit 2 and
one line, and nothing at all is written (no ``.part`` either); a read-only file is replaced only with --force.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from interview_panel.cli import main

from ..services.test_exports import build_campaign

WRITERS = {
    "xlsx": ["export", "xlsx", "--campaign", "1"],
    "pdf": ["export", "pdf", "--campaign", "1"],
    "csv": ["export", "csv", "--campaign", "1"],
    "sheets": ["sheets", "--campaign", "1"],
    "kit": ["member", "kit", "--campaign", "1", "--member", "Amira Fraser"],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("targets") / "c.db"
    build_campaign(path)
    return path


@pytest.fixture
def db(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the campaign database, with a backup beside it and another campaign's database."""
    path = tmp_path / "c.db"
    shutil.copy(built, path)
    shutil.copy(built, tmp_path / "c.db.bak-v1")
    shutil.copy(built, tmp_path / "other-campaign.sqlite")
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listing(folder: Path) -> dict[str, tuple[int, str]]:
    return {
        p.name: (p.lstat().st_mode, _sha(p) if p.is_file() and not p.is_symlink() else "")
        for p in folder.iterdir()
        if not p.name.endswith(("-wal", "-shm"))
    }


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("target", ["c.db", "c.db-wal", "c.db-shm", "c.db.bak-v1", "other-campaign.sqlite"])
def test_a_database_target_is_refused_and_left_byte_for_byte(
    writer: str, target: str, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = db.parent
    out = folder / target
    before_db, before_out = _sha(db), _sha(out) if out.exists() else None
    before = _listing(folder)
    err = _refused([*WRITERS[writer], "--db", str(db), "-o", str(out)], capsys)
    assert str(out) in err and "nothing was written" in err
    assert _sha(db) == before_db
    if before_out is not None:
        assert _sha(out) == before_out
    assert _listing(folder) == before  # no .part, no new file, nothing replaced


def test_a_wal_file_of_another_database_and_a_renamed_database_are_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    renamed = tmp_path / "looks-like-a-report.csv"
    shutil.copy(db, renamed)
    before = _sha(renamed)
    _refused(["export", "csv", "--db", str(db), "--campaign", "1", "-o", str(renamed)], capsys)
    assert _sha(renamed) == before
    # the -wal name of a database that is not the one open: refused by name even before it exists
    _refused(
        ["export", "csv", "--db", str(db), "--campaign", "1", "-o", str(tmp_path / "other-campaign.sqlite-wal")], capsys
    )
    assert not (tmp_path / "other-campaign.sqlite-wal").exists()
    # a new file in the rolling-backups folder of a database (<db>.backups/)
    (tmp_path / "other-campaign.sqlite.backups").mkdir()
    _refused(
        [
            "export",
            "csv",
            "--db",
            str(db),
            "--campaign",
            "1",
            "-o",
            str(tmp_path / "other-campaign.sqlite.backups" / "new.csv"),
        ],
        capsys,
    )
    assert list((tmp_path / "other-campaign.sqlite.backups").iterdir()) == []
    (tmp_path / "c.db.backups").mkdir()
    _refused(
        ["export", "pdf", "--db", str(db), "--campaign", "1", "-o", str(tmp_path / "c.db.backups" / "x.pdf")], capsys
    )


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_fifo_is_refused_without_opening_it(writer: str, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = db.parent / "pipe.out"
    os.mkfifo(fifo)
    # in a child process, so that a writer that opens the FIFO hangs there (timeout) and not the test run
    proc = subprocess.run(
        [sys.executable, "-m", "interview_panel", *WRITERS[writer], "--db", str(db), "-o", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "FIFO" in proc.stderr and str(fifo) in proc.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_device_node_and_a_link_to_one_are_refused(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = db.parent / "null.csv"
    link.symlink_to("/dev/null")
    err = _refused(["export", "csv", "--db", str(db), "--campaign", "1", "-o", str(link)], capsys)
    assert "device" in err
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    node = db.parent / "node.pdf"
    try:
        os.mknod(node, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        return  # not root: the symlink case above covers devices
    err = _refused(["export", "pdf", "--db", str(db), "--campaign", "1", "-o", str(node)], capsys)
    assert "device" in err and stat.S_ISCHR(node.lstat().st_mode)


def test_a_symlink_to_the_database_is_refused(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = db.parent / "results.xlsx"
    link.symlink_to(db)
    before = _sha(db)
    _refused(["export", "xlsx", "--db", str(db), "--campaign", "1", "-o", str(link)], capsys)
    assert _sha(db) == before and link.is_symlink()


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_read_only_file_is_replaced_only_with_force(
    writer: str, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = db.parent / f"old.{ {'sheets': 'pdf', 'kit': 'ipkit'}.get(writer, writer) }"
    out.write_text("last week's export\n")
    out.chmod(0o444)
    err = _refused([*WRITERS[writer], "--db", str(db), "-o", str(out)], capsys)
    assert "read-only" in err and "--force" in err
    assert out.read_text() == "last week's export\n"
    assert sorted(p.name for p in db.parent.iterdir() if p.name.endswith(".part")) == []
    assert main([*WRITERS[writer], "--db", str(db), "-o", str(out), "--force"]) == 0
    capsys.readouterr()
    assert out.read_text(errors="replace") != "last week's export\n" and out.stat().st_size > 100


def test_a_profile_pack_is_not_written_over_a_database(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import DATA

    profile = DATA / "sample_admin_l1.txt"
    before = _sha(db)
    _refused(["sheets", "--profile", str(profile), "-o", str(db)], capsys)
    assert _sha(db) == before


def test_an_ordinary_existing_file_is_still_replaced(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = db.parent / "results.csv"
    out.write_text("old\n")
    assert main(["export", "csv", "--db", str(db), "--campaign", "1", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("Campaign,")
