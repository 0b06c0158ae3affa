"""Install the project (no dependencies) into build/stage, the tree PyInstaller freezes.

    python packaging/stage.py [--target DIR]

Freezing an installed copy, not the source checkout, gives the bundle the wheel's layout (resources/ and
data/ become interview_panel.resources and interview_panel.sample_data), so the frozen app finds its files
through importlib.resources exactly as an installed one does. Works the same on Linux and Windows.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--target", default=str(ROOT / "build" / "stage"))
    target = Path(ap.parse_args().target)
    shutil.rmtree(target, ignore_errors=True)
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-compile", "--target", str(target),
           str(ROOT)]
    rc = subprocess.call(cmd)
    if rc != 0:
        print(f"stage: pip install into {target} failed ({rc})", file=sys.stderr)
        return rc
    for junk in target.glob("*.dist-info"):
        shutil.rmtree(junk)
    shutil.rmtree(target / "bin", ignore_errors=True)
    print(f"stage: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
