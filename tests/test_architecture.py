"""The layer rules of DESIGN.md hold: core layers never import Qt, only storage imports sqlite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_are_kept() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run(
        [str(exe), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


@pytest.mark.parametrize(
    ("module", "source", "contract"),
    [
        ("domain/bad.py", "import PySide6.QtCore\n", "Only the ui package imports Qt"),
        ("ui/bad.py", "from interview_panel.storage import database\n", "The ui does not import storage"),
        ("domain/bad.py", "from interview_panel.services import store\n", "The domain imports nothing above it"),
    ],
)
def test_a_module_crossing_a_layer_breaks_the_contract(tmp_path: Path, module: str, source: str, contract: str) -> None:
    """The contracts really bite: a copy of the package with one forbidden import fails the lint, naming it."""
    import shutil

    pkg = tmp_path / "interview_panel"
    shutil.copytree(ROOT / "interview_panel", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    (pkg / module).write_text(source)
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
    bad = "interview_panel." + module.removesuffix(".py").replace("/", ".")
    assert bad in proc.stdout
    broken = [line for line in proc.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(line.startswith(contract) for line in broken), proc.stdout
