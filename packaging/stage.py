"""Lay the project out in build/stage as an installed wheel holds it: the tree PyInstaller freezes.

    python packaging/stage.py [--target DIR]

The layout comes from pyproject.toml's own declarations ([tool.setuptools] packages, package-dir and
package-data), the ones setuptools builds the wheel from (tests/test_packaging.py builds the wheel and
checks them): resources/ and data/ become interview_panel.resources and interview_panel.sample_data, so
the frozen app finds its files through importlib.resources exactly as an installed copy does. Copying
instead of ``pip install --target`` saves half a minute of isolated build environment on every build.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def package_files(root: Path = ROOT) -> dict[str, Path]:
    """Installed path (posix, relative to site-packages) -> source file, for every module and data file."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    package_dir: dict[str, str] = config.get("package-dir", {})
    data: dict[str, list[str]] = config.get("package-data", {})
    out: dict[str, Path] = {}
    for package in config["packages"]:
        # the folder of a package: its own package-dir entry, else its parent's folder plus its last name
        parts = package.split(".")
        for n in range(len(parts), 0, -1):
            head = ".".join(parts[:n])
            if head in package_dir:
                folder = root / package_dir[head] / Path(*parts[n:])
                break
        else:
            folder = root / Path(*parts)
        dest = Path(*parts)
        for f in folder.glob("*.py"):
            out[(dest / f.name).as_posix()] = f
        for pattern in data.get(package, []):
            for f in folder.glob(pattern):
                if f.is_file():
                    out[(dest / f.relative_to(folder)).as_posix()] = f
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--target", default=str(ROOT / "build" / "stage"))
    target = Path(ap.parse_args().target)
    shutil.rmtree(target, ignore_errors=True)
    files = package_files()
    for rel, src in files.items():
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
    print(f"stage: {len(files)} files in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
