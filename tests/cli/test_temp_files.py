"""Temporary files of exports and --demo never outlive the process for long (issue 11, finding 8).

Real subprocesses and real signals. Each child gets its own data folder (INTERVIEW_PANEL_DATA_DIR, where
the private scratch folder lives) and its own system temp folder (TMPDIR: where openpyxl and tempfile
would otherwise write), so the test sees every file the child leaves anywhere.

* SIGTERM during an export: the child stops cleanly; no .part beside the target, no openpyxl file in
  the system temp folder, no scratch folder left.
* SIGKILL during an export: what the child left is removed when the next command starts.
* --demo: SIGTERM quits the app and removes its temporary database; after a SIGKILL, the next start
  removes it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from interview_panel.exports import scratch

from ..services.test_exports import build_campaign

# A child that runs the CLI but stops for ever at a chosen point of the export, after telling the test.
HUNG_CHILD = r"""
import os, sys, time, pathlib
ready = pathlib.Path(sys.argv[1])
def hang(*args, **kwargs):
    ready.write_text("writing")
    while True:
        time.sleep(0.05)
if sys.argv[2] == "xlsx":  # while the sheets stream into openpyxl's temporary files
    from interview_panel.exports import workbook
    workbook._write_audit = hang
else:  # with the whole .part file written, just before it would replace the target
    os.replace = hang
from interview_panel.cli import main
sys.exit(main(sys.argv[3:]))
"""


_CHILDREN: list[subprocess.Popen[bytes]] = []


@pytest.fixture(autouse=True)
def _no_child_left() -> Iterator[None]:
    """A failed assertion must not leave a hung child running: kill whatever a test started."""
    yield
    while _CHILDREN:
        proc = _CHILDREN.pop()
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)


@pytest.fixture(scope="module")
def campaign_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tempfiles") / "c.db"
    build_campaign(path)
    return path


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "data").mkdir()
    (tmp_path / "systmp").mkdir()
    return {
        **os.environ,
        "INTERVIEW_PANEL_DATA_DIR": str(tmp_path / "data"),
        "TMPDIR": str(tmp_path / "systmp"),
        "QT_QPA_PLATFORM": "offscreen",
    }


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def _scratch_folders(env: dict[str, str]) -> list[str]:
    root = Path(env["INTERVIEW_PANEL_DATA_DIR"]) / "tmp"
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def _wait_for(path: Path, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < end, "the child never got there"
        time.sleep(0.05)


def _hung_export(kind: str, db: Path, out: Path, env: dict[str, str], tmp_path: Path) -> subprocess.Popen[bytes]:
    ready = tmp_path / "ready"
    command = ["sheets", "--campaign", "1"] if kind == "sheets" else ["export", kind, "--campaign", "1"]
    proc = subprocess.Popen(
        [sys.executable, "-c", HUNG_CHILD, str(ready), kind, *command, "--db", str(db), "-o", str(out)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _CHILDREN.append(proc)
    _wait_for(ready, proc)
    return proc


def _target_folder(tmp_path: Path, campaign_db: Path) -> tuple[Path, Path]:
    folder = tmp_path / "out"
    folder.mkdir()
    db = folder / "c.db"
    db.write_bytes(campaign_db.read_bytes())
    return folder, db


@pytest.mark.parametrize("kind", ["xlsx", "pdf", "csv", "sheets"])
def test_sigterm_during_an_export_leaves_nothing(
    kind: str, campaign_db: Path, env: dict[str, str], tmp_path: Path
) -> None:
    folder, db = _target_folder(tmp_path, campaign_db)
    out = folder / f"result.{'pdf' if kind == 'sheets' else kind}"
    out.write_text("the previous export\n")
    proc = _hung_export(kind, db, out, env, tmp_path)
    if kind == "xlsx":  # the sheets are streaming into temporary files in the private scratch folder
        assert [f for f in _files(Path(env["INTERVIEW_PANEL_DATA_DIR"])) if f.endswith(".xml")]
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert err.count(b"\n") == 1 and b"Traceback" not in err
    assert out.read_text() == "the previous export\n"
    assert [f for f in _files(folder) if not f.startswith("c.db")] == ["result." + out.suffix[1:]]
    assert _files(Path(env["TMPDIR"])) == []
    assert _scratch_folders(env) == []


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_what_a_sigkill_leaves_is_swept_by_the_next_command(
    kind: str, campaign_db: Path, env: dict[str, str], tmp_path: Path
) -> None:
    folder, db = _target_folder(tmp_path, campaign_db)
    out = folder / f"result.{kind}"
    proc = _hung_export(kind, db, out, env, tmp_path)
    left = _scratch_folders(env)
    assert len(left) == 1 and left[0].startswith(f"{proc.pid}-")
    assert _files(Path(env["INTERVIEW_PANEL_DATA_DIR"]) / "tmp" / left[0])  # the kill leaves files...
    proc.kill()
    proc.wait(timeout=30)
    assert _scratch_folders(env) == left
    next_run = subprocess.run(
        [sys.executable, "-m", "interview_panel", "campaign", "list", "--db", str(db)],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert next_run.returncode == 0, next_run.stderr
    assert _scratch_folders(env) == []  # ...and the next start removes them
    assert _files(Path(env["TMPDIR"])) == []
    assert not out.exists() and [f for f in _files(folder) if not f.startswith("c.db")] == []


def test_a_part_file_beside_a_target_on_another_file_system_is_swept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the output is on another file system the .part file must sit beside it (an atomic rename);
    a killed process's list of such files lets the sweep remove them."""
    monkeypatch.setenv(scratch.DATA_DIR_ENV, str(tmp_path / "data"))
    other = tmp_path / "usb-stick"
    other.mkdir()
    part = other / ".report.xlsx.abc123.part"
    part.write_bytes(b"half a workbook")
    unrelated = other / "keep.part"
    unrelated.write_bytes(b"not listed: never touched")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = scratch.root() / f"{dead.pid}-0-x1"
    stale.mkdir(parents=True)
    (stale / "sheet-1.xml").write_text("<x/>")
    (stale / scratch.PARTS).write_text(f"{part}\n")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        alive = scratch.root() / f"{sleeper.pid}-{scratch._start_token(sleeper.pid)}-x2"
        alive.mkdir()
        reused = scratch.root() / f"{sleeper.pid}-1-x3"  # that pid, but an earlier process (another start)
        reused.mkdir()
        assert scratch.sweep() == (2 if scratch._start_token(sleeper.pid) != "0" else 1)
        assert alive.is_dir()  # a running process keeps its folder
        assert not stale.exists() and not part.exists()
        assert unrelated.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_the_part_file_goes_beside_the_target_only_on_another_file_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(scratch.DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setattr(scratch, "_mine", None)
    same = scratch.part_file(tmp_path / "out.xlsx")
    assert same.parent == scratch.folder() and oct(scratch.folder().stat().st_mode & 0o777) == "0o700"
    assert oct(scratch.root().stat().st_mode & 0o777) == "0o700"
    real_stat = os.stat
    target_dir = tmp_path / "elsewhere"
    target_dir.mkdir()

    def other_device(path: object, *args: object, **kwargs: object) -> os.stat_result:
        st = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        if Path(str(path)) == target_dir:
            return os.stat_result((st.st_mode, st.st_ino, st.st_dev + 1, *tuple(st)[3:]))
        return st

    monkeypatch.setattr(scratch.os, "stat", other_device)
    beside = scratch.part_file(target_dir / "out.xlsx")
    assert beside.parent == target_dir and beside.name.startswith(".out.xlsx.")
    assert str(beside) in (scratch.folder() / scratch.PARTS).read_text()
    scratch.forget_part(beside)
    assert not (scratch.folder() / scratch.PARTS).exists()
    scratch.cleanup()
    assert not same.exists()


def _demo(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], Path]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "interview_panel", "--demo"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    _CHILDREN.append(proc)
    root = Path(env["INTERVIEW_PANEL_DATA_DIR"]) / "tmp"
    end = time.monotonic() + 120
    while True:
        found = list(root.glob("*/demo-*/demo.sqlite")) if root.exists() else []
        if found:
            break
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < end, "the demo database never appeared"
        time.sleep(0.1)
    time.sleep(1.0)  # let the app get into its event loop
    return proc, found[0]


def test_demo_removes_its_database_on_sigterm(env: dict[str, str]) -> None:
    proc, demo_db = _demo(env)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert not demo_db.exists()
    assert _scratch_folders(env) == []
    assert _files(Path(env["TMPDIR"])) == []


def test_a_killed_demo_is_swept_at_the_next_start(env: dict[str, str], tmp_path: Path) -> None:
    proc, demo_db = _demo(env)
    proc.kill()
    proc.wait(timeout=30)
    assert demo_db.exists()
    # the next start of the app (told to quit once its window is ready) sweeps it
    db = tmp_path / "mine.db"
    run = subprocess.run(
        [sys.executable, "-m", "interview_panel", "--db", str(db)],
        capture_output=True,
        env={**env, "INTERVIEW_PANEL_EXIT_WHEN_READY": "1"},
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert not demo_db.exists()
    assert _scratch_folders(env) == []
