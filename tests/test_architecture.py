"""The layer rules of DESIGN.md hold: core layers never import Qt, only storage imports sqlite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_are_kept() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run(
        [str(exe), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_a_core_module_importing_qt_breaks_the_contract(tmp_path: Path) -> None:
    """The contract really bites: a copy of the package where domain imports PySide6 fails the lint."""
    import shutil

    pkg = tmp_path / "interview_panel"
    shutil.copytree(ROOT / "interview_panel", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    (pkg / "domain" / "bad.py").write_text("import PySide6.QtCore\n")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    exe = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run(
        [str(exe), "--config", str(tmp_path / "pyproject.toml")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode != 0
    assert "interview_panel.domain.bad" in proc.stdout
