"""The one-folder app (PyInstaller, ``make dist``) runs on its own: version, a profile as JSON, the question
bank from inside the bundle, and the window offscreen until it reports "ready".

The build (about a minute) happens once per run, and only when dist/ is missing or older than the sources
(``make test`` on a clean clone builds it; a second run reuses it). The executable is always run from a
scratch folder with a scrubbed environment, so nothing from the checkout or the virtual environment helps.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import build as dist_build  # noqa: E402  (packaging/build.py)

SAMPLE = ROOT / "data" / "sample_admin_l1.txt"
SOURCES = ("interview_panel", "resources", "data", "packaging", "pyproject.toml")


def _newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = (
            [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        )
        newest = max([newest, *(p.stat().st_mtime for p in files)])
    return newest


@pytest.fixture(scope="module")
def frozen() -> Path:
    exe = dist_build.EXE
    if not exe.is_file() or exe.stat().st_mtime < _newest_source() or not dist_build.ICON.is_file():
        assert dist_build.main() == 0, "packaging/build.py failed"
    assert exe.is_file()
    return exe


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    keep = (
        "PATH",
        "SYSTEMROOT",
        "WINDIR",
        "TEMP",
        "TMP",
        "LANG",
        "LC_ALL",
        "HOME",
        "USERPROFILE",
        "APPDATA",
        "LOCALAPPDATA",
        "FONTCONFIG_PATH",
        "FONTCONFIG_FILE",
    )
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(XDG_CONFIG_HOME=str(tmp / "config"), XDG_DATA_HOME=str(tmp / "data"), **extra)
    return env


def _run(exe: Path, args: list[str], tmp: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args],
        cwd=tmp,
        env=_env(tmp, **extra),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def _source(args: list[str], tmp: Path) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "interview_panel", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_frozen_app_prints_its_version(frozen: Path, tmp_path: Path) -> None:
    from interview_panel import __version__

    proc = _run(frozen, ["--version"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"interview-panel {__version__}"


def test_frozen_app_reads_a_profile_as_the_source_install_does(frozen: Path, tmp_path: Path) -> None:
    proc = _run(frozen, ["profile", "show", str(SAMPLE), "--json"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema"] == "interview-panel/role-profile/1" and data["behaviours"]
    assert data == json.loads(_source(["profile", "show", str(SAMPLE), "--json"], tmp_path))


def test_frozen_app_prints_question_sheets_from_the_bank_inside_the_bundle(frozen: Path, tmp_path: Path) -> None:
    """The sheets come from the question bank (importlib.resources inside the bundle) and use the PDF fonts."""
    out = tmp_path / "frozen.pdf"
    proc = _run(frozen, ["sheets", "--profile", str(SAMPLE), "-o", str(out)], tmp_path)
    assert proc.returncode == 0, proc.stderr
    reference = tmp_path / "source.pdf"
    _source(["sheets", "--profile", str(SAMPLE), "-o", str(reference)], tmp_path)
    frozen_pdf, source_pdf = out.read_bytes(), reference.read_bytes()
    assert frozen_pdf.startswith(b"%PDF")
    assert frozen_pdf.count(b"/Type /Page") == source_pdf.count(b"/Type /Page") > 1  # same pages as the source install
    assert abs(len(frozen_pdf) - len(source_pdf)) < 0.02 * len(source_pdf)
    bank = frozen.parent / "_internal" / "interview_panel" / "resources" / "question_bank.json"
    assert bank.is_file()


def test_frozen_app_creates_a_campaign_and_exports_the_workbook(frozen: Path, tmp_path: Path) -> None:
    """A database, the services and openpyxl inside the bundle (no process pool: multiprocessing is left out)."""
    import openpyxl

    db = tmp_path / "panel.sqlite"
    made = _run(frozen, ["campaign", "create", "--db", str(db), "--profile", str(SAMPLE), "--name", "Frozen"], tmp_path)
    assert made.returncode == 0, made.stderr
    cid = made.stdout.strip()
    out = tmp_path / "hr.xlsx"
    proc = _run(frozen, ["export", "xlsx", "--db", str(db), "--campaign", cid, "-o", str(out)], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[0] == "Results"


def test_frozen_app_reads_a_pdf_profile(frozen: Path, tmp_path: Path) -> None:
    """The frozen app reads a PDF through its own capped child process (it starts itself as the PDF reader):
    pdfplumber is in the bundle and the result is the source install's."""
    from tests.importing import pdf_builders

    pdf = tmp_path / "clerk.pdf"
    pdf.write_bytes(pdf_builders.text_pdf(pdf_builders.PROFILE_LINES))
    proc = _run(frozen, ["profile", "show", str(pdf), "--json"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == json.loads(_source(["profile", "show", str(pdf), "--json"], tmp_path))


@pytest.mark.parametrize("maker", ["stream_bomb", "many_pages", "with_javascript", "encrypted", "image_only"])
def test_frozen_app_refuses_hostile_pdfs_in_one_line(frozen: Path, tmp_path: Path, maker: str) -> None:
    """The same caps as the source install: the frozen app's PDF reader runs as a child under limits."""
    import time

    from tests.importing import pdf_builders

    pdf = tmp_path / f"{maker}.pdf"
    pdf.write_bytes(getattr(pdf_builders, maker)())
    started = time.monotonic()
    proc = _run(frozen, ["profile", "show", str(pdf), "--json"], tmp_path)
    assert proc.returncode == 2, proc.stdout[-500:]
    assert len(proc.stderr.strip().splitlines()) == 1 and pdf.name in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert time.monotonic() - started < 30


def test_frozen_app_refuses_bad_input_in_one_line(frozen: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.docx"
    proc = _run(frozen, ["profile", "show", str(missing), "--json"], tmp_path)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "nope.docx" in proc.stderr


@pytest.mark.parametrize("args", [["--demo"], ["--db", "campaigns.sqlite"]])
def test_frozen_app_window_comes_up_offscreen(frozen: Path, tmp_path: Path, args: list[str]) -> None:
    proc = _run(frozen, args, tmp_path, QT_QPA_PLATFORM="offscreen", INTERVIEW_PANEL_EXIT_WHEN_READY="1")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert any(line.startswith("ready ") for line in proc.stdout.splitlines()), proc.stdout
    assert "Traceback" not in proc.stderr


def test_bundle_leaves_out_qt_modules_the_app_does_not_use(frozen: Path) -> None:
    internal = frozen.parent / "_internal"
    names = {p.name.lower() for p in internal.rglob("*")}
    for unused in ("qtnetwork", "qt6network", "qtqml", "qt6qml", "qtquick", "qt6quick", "qt6pdf"):
        assert not any(n.startswith(unused) or f"{unused}." in n for n in names), unused
    assert (internal / "interview_panel" / "resources" / "icons" / "scoring.svg").is_file()
    assert (internal / "reportlab" / "fonts" / "Vera.ttf").is_file()  # the PDF font of last resort
    icon = dist_build.ICON  # the Windows program icon, drawn from the app's SVG
    assert icon.is_file() and icon.read_bytes()[:4] == b"\x00\x00\x01\x00"
