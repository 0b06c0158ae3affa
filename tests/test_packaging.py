"""The wheel carries every package and the data the app loads at run time."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_in_the_tree_is_listed_for_the_wheel() -> None:
    listed = set(_config()["packages"])
    in_tree = {".".join(p.parent.relative_to(ROOT).parts)
               for p in (ROOT / "interview_panel").rglob("__init__.py")}
    assert in_tree - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_resource_files_the_app_loads_match_the_package_data_patterns() -> None:
    patterns = _config()["package-data"]
    for package, folder in (("interview_panel.resources", ROOT / "resources"),
                            ("interview_panel.sample_data", ROOT / "data")):
        files = [p for p in folder.rglob("*") if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts]
        assert files
        for f in files:
            rel = f.relative_to(folder)
            assert any(rel.match(pat) for pat in patterns[package]), f"{rel} would be left out of the wheel"
