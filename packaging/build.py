"""Build the one-folder app: stage an installed copy of the project, then freeze it with PyInstaller.

    python packaging/build.py            ->  dist/interview-panel/interview-panel[.exe]

The same command on Linux (``make dist`` runs it) and on Windows (see README and
.github/workflows/windows.yml). Needs the ``build`` extra (``pip install -e ".[build]"``).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
APP_DIR = DIST / "interview-panel"
EXE = APP_DIR / ("interview-panel.exe" if sys.platform == "win32" else "interview-panel")


def main() -> int:
    stage = ROOT / "build" / "stage"
    rc = subprocess.call([sys.executable, str(ROOT / "packaging" / "stage.py"), "--target", str(stage)])
    if rc != 0:
        return rc
    env = dict(os.environ, INTERVIEW_PANEL_STAGE=str(stage))
    rc = subprocess.call([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                          "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"),
                          str(ROOT / "packaging" / "interview-panel.spec")], env=env, cwd=ROOT)
    if rc != 0:
        print(f"build: PyInstaller failed ({rc})", file=sys.stderr)
        return rc
    print(f"build: {EXE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
