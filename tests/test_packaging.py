"""The wheel carries every package and the data the app loads at run time, and builds without warnings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_in_the_tree_is_listed_for_the_wheel() -> None:
    listed = set(_config()["packages"])
    in_tree = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "interview_panel").rglob("__init__.py")}
    assert in_tree - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_resource_files_the_app_loads_match_the_package_data_patterns() -> None:
    """Every data file sits in a listed package whose own package-data patterns match it (a data folder
    inside a package must itself be a listed package, or setuptools warns that it "would be ignored")."""
    config = _config()
    patterns, packages = config["package-data"], set(config["packages"])
    for package, folder in (
        ("interview_panel.resources", ROOT / "resources"),
        ("interview_panel.sample_data", ROOT / "data"),
    ):
        files = [p for p in folder.rglob("*") if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts]
        assert files
        for f in files:
            owner = ".".join((package, *f.parent.relative_to(folder).parts))
            assert owner in packages, f"{f.parent} holds data: list {owner} in [tool.setuptools] packages"
            assert any(Path(f.name).match(pat) for pat in patterns.get(owner, [])), (
                f"{f.relative_to(ROOT)} would be left out of the wheel"
            )


# what setuptools prints when the configuration is ambiguous or deprecated (pip's own notes are not ours)
_SETUPTOOLS_WARNING = re.compile(r"would be ignored|\b[A-Z][A-Za-z]*Warning\b|^\s*warning:", re.MULTILINE)


def test_building_the_wheel_prints_no_setuptools_warning_and_ships_the_data(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # that one is ours, not setuptools'
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-cache-dir", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-2000:]
    warnings = sorted({m.group(0) for m in _SETUPTOOLS_WARNING.finditer(out)})
    assert warnings == [], "\n".join(line for line in out.splitlines() if _SETUPTOOLS_WARNING.search(line))
    (wheel,) = tmp_path.glob("interview_panel-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, package in (
        (ROOT / "resources", "interview_panel/resources"),
        (ROOT / "data", "interview_panel/sample_data"),
    ):
        for f in folder.rglob("*"):
            if f.is_file() and "__pycache__" not in f.parts:
                assert f"{package}/{f.relative_to(folder).as_posix()}" in names, f"{f} missing from the wheel"
