"""A full disk (or a file-size limit) during an export: one line naming the file, exit 2, no traceback and
no partial file (issue 11, findings 12 and 13).

Two ways to fill a disk, both real: a tiny tmpfs (needs root to mount; this is how the review found it)
and RLIMIT_FSIZE in a child process (any user: writes past the limit fail with EFBIG, through the same code
paths as ENOSPC). The error names the output the user gave, never a hidden .part or temporary file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..services.test_exports import build_campaign

WRITERS = {
    "xlsx": ["export", "xlsx", "--campaign", "1"],
    "pdf": ["export", "pdf", "--campaign", "1"],
    "csv": ["export", "csv", "--campaign", "1"],
    "sheets": ["sheets", "--campaign", "1"],
}
LIMIT = "34000"  # bytes per file: above SQLite's 32 KB shared-memory file, below every export of big_db
LIMITED_CHILD = r"""
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from interview_panel.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _db_for(writer: str, request: pytest.FixtureRequest) -> Path:
    """The PDFs of the small campaign are already well over the limits (fonts are embedded); the
    spreadsheets need the big one (and the big one's 750 packs would take minutes)."""
    return request.getfixturevalue("big_db" if writer in ("xlsx", "csv") else "small_db")


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A campaign whose exports are all over 34 KB, the CSV included (bench/make_campaign.py, 250 candidates)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    try:
        from make_campaign import build  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    path = tmp_path_factory.mktemp("fulldisk") / "big.db"
    build(path, candidates=250, members=3, items=10, quiet=True)
    return path


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fulldisk-small") / "c.db"
    build_campaign(path)
    return path


@contextlib.contextmanager
def _tiny_tmpfs(where: Path, size: str = "64k") -> Iterator[Path]:
    where.mkdir()
    try:
        mounted = (
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
            ).returncode
            == 0
        )
    except FileNotFoundError:
        mounted = False
    if not mounted:
        pytest.skip("mounting a tmpfs needs root (the RLIMIT_FSIZE tests below cover any user)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _fill(folder: Path, leave: int = 4096) -> None:
    """Fill ``folder``'s file system, leaving about ``leave`` bytes."""
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize
    if free > leave:
        (folder / "filler").write_bytes(b"\0" * (free - leave))


def _env(tmp_path: Path, data: Path | None = None) -> dict[str, str]:
    data = data or tmp_path / "data"
    (tmp_path / "systmp").mkdir(exist_ok=True)
    return {**os.environ, "INTERVIEW_PANEL_DATA_DIR": str(data), "TMPDIR": str(tmp_path / "systmp")}


def _check_one_clean_line(proc: subprocess.CompletedProcess[bytes], out: Path) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.count("\n") == 1, err  # no traceback, no "Exception ignored in ZipFile.__del__"
    assert "Traceback" not in err and "Exception ignored" not in err
    assert str(out) in err and ".part" not in err and "sheet-" not in err and "openpyxl" not in err
    return err


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_full_disk_at_the_target(writer: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    db = _db_for(writer, request)
    with _tiny_tmpfs(tmp_path / "disk") as disk:
        _fill(disk)
        before = sorted(p.name for p in disk.iterdir())
        out = disk / f"out.{'pdf' if writer == 'sheets' else writer}"
        proc = subprocess.run(
            [sys.executable, "-m", "interview_panel", *WRITERS[writer], "--db", str(db), "-o", str(out)],
            env=_env(tmp_path),
            capture_output=True,
            timeout=300,
        )
        err = _check_one_clean_line(proc, out)
        assert "disk is full" in err
        assert sorted(p.name for p in disk.iterdir()) == before  # no partial file, no .part
    assert list((tmp_path / "systmp").iterdir()) == []


def test_a_full_disk_under_the_scratch_folder(big_db: Path, tmp_path: Path) -> None:
    """openpyxl's sheet files fill the disk the data folder is on: the same one line, nothing left there."""
    with _tiny_tmpfs(tmp_path / "disk", size="128k") as disk:
        _fill(disk, leave=32768)
        out = tmp_path / "out.xlsx"
        proc = subprocess.run(
            [sys.executable, "-m", "interview_panel", "export", "xlsx", "--db", str(big_db), "-o", str(out)]
            + ["--campaign", "1"],
            env=_env(tmp_path, disk / "data"),
            capture_output=True,
            timeout=300,
        )
        err = _check_one_clean_line(proc, out)
        assert "disk is full" in err
        assert not out.exists() and not list(tmp_path.glob(".out.xlsx.*"))
        assert list((disk / "data" / "tmp").iterdir()) == []


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_file_size_limit_during_an_export(writer: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    db = _db_for(writer, request)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / f"out.{'pdf' if writer == 'sheets' else writer}"
    out.write_text("yesterday's file\n")
    proc = subprocess.run(
        [sys.executable, "-c", LIMITED_CHILD, LIMIT, *WRITERS[writer], "--db", str(db), "-o", str(out)],
        env=_env(tmp_path),
        capture_output=True,
        timeout=300,
    )
    _check_one_clean_line(proc, out)
    assert out.read_text() == "yesterday's file\n"
    assert sorted(p.name for p in folder.iterdir()) == [out.name]
    assert list((tmp_path / "systmp").iterdir()) == []
    assert not (tmp_path / "data" / "tmp").exists() or list((tmp_path / "data" / "tmp").iterdir()) == []


def test_the_small_campaign_fits_under_the_limit(small_db: Path, tmp_path: Path) -> None:
    """The limit above is what fails those exports: the same child writes a small export."""
    out = tmp_path / "ok.csv"
    shutil.copy(small_db, tmp_path / "c.db")
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            LIMITED_CHILD,
            LIMIT,
            "export",
            "csv",
            "--campaign",
            "1",
            "--db",
            str(tmp_path / "c.db"),
            "-o",
            str(out),
        ],
        env=_env(tmp_path),
        capture_output=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8-sig").startswith("Campaign,")
