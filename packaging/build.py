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


ICON_SVG = ROOT / "resources" / "icons" / "app.svg"
ICON = ROOT / "build" / "interview-panel.ico"  # the Windows program icon (packaging/interview-panel.spec)


def make_icon(svg: Path = ICON_SVG, out: Path = ICON) -> Path:
    """Render the app's SVG icon at the sizes Windows asks for into one .ico (Qt draws, Pillow packs)."""
    from io import BytesIO

    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(["make_icon"])
    renderer = QSvgRenderer(QByteArray(svg.read_bytes()))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    out.parent.mkdir(parents=True, exist_ok=True)
    Image.open(BytesIO(bytes(buffer.data()))).save(
        out, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
    )
    del app
    return out


def main() -> int:
    stage = ROOT / "build" / "stage"
    # the icon in its own process: a QGuiApplication made here would stay for the caller (pytest's QApplication)
    rc = subprocess.call(
        [sys.executable, str(Path(__file__).resolve()), "--icon"], env=dict(os.environ, QT_QPA_PLATFORM="offscreen")
    )
    if rc != 0:
        print("build: could not draw the program icon", file=sys.stderr)
        return rc
    rc = subprocess.call([sys.executable, str(ROOT / "packaging" / "stage.py"), "--target", str(stage)])
    if rc != 0:
        return rc
    env = dict(os.environ, INTERVIEW_PANEL_STAGE=str(stage))
    rc = subprocess.call(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(ROOT / "packaging" / "interview-panel.spec"),
        ],
        env=env,
        cwd=ROOT,
    )
    if rc != 0:
        print(f"build: PyInstaller failed ({rc})", file=sys.stderr)
        return rc
    print(f"build: {EXE}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--icon"]:
        print(f"build: {make_icon()}")
        sys.exit(0)
    sys.exit(main())
