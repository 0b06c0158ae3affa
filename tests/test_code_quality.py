"""The code-quality gates run with every test run: ruff (lint and format), mypy, and the size limits.

Each gate runs the same tool a contributor runs (see CONTRIBUTING.md), so a red test here names the file
and line to fix. The size limits: no module in ``ui/pages`` over 450 lines, no function over 80 lines
outside ``tests/``.
"""

from __future__ import annotations

import ast
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


def test_mypy_finds_nothing() -> None:
    """Strict on domain, storage and services; the default checks on the rest (pyproject.toml)."""
    proc = _run("mypy", "--cache-dir", str(ROOT / ".mypy_cache"))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def long_functions(paths: list[Path], limit: int, base: Path = ROOT) -> list[str]:
    out = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                length = (node.end_lineno or node.lineno) - first + 1
                if length > limit:
                    out.append(f"{path.relative_to(base)}:{node.lineno} {node.name} is {length} lines")
    return out


def test_no_function_is_over_80_lines_outside_the_tests() -> None:
    paths = sorted(p for top in CODE for p in (ROOT / top).rglob("*.py"))
    assert paths
    assert long_functions(paths, FUNCTION_LINES) == []


def test_no_page_module_is_over_450_lines() -> None:
    pages = sorted((ROOT / "interview_panel" / "ui" / "pages").rglob("*.py"))
    assert pages
    too_long = [
        f"{p.relative_to(ROOT)} is {n} lines"
        for p in pages
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > PAGE_LINES
    ]
    assert too_long == []


def test_the_function_length_check_sees_a_long_function(tmp_path: Path) -> None:
    """The limit bites: a function of 81 lines is reported with its file, line and length."""
    body = "\n".join(f"    x{n} = {n}" for n in range(80))
    src = tmp_path / "long.py"
    src.write_text(f"def long_one():\n{body}\n", encoding="utf-8")
    assert long_functions([src], FUNCTION_LINES, tmp_path) == ["long.py:1 long_one is 81 lines"]
    assert long_functions([src], 81, tmp_path) == []


@pytest.mark.parametrize("tool", ["ruff", "mypy"])
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
