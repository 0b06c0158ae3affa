"""Turn the sample templates' .docx files into LibreOffice "save as text" exports (a dev-time tool).

LibreOffice writes one table cell or paragraph per line, no tabs, empty cells as empty lines and no row
separators: the layout a panel chair gets from "File > Save As > Text". The exports are committed as
``tests/data/templates/<name>_libreoffice.txt`` beside the .docx files, so neither CI nor ``make test`` needs
LibreOffice. Install it once with ``apt-get install -y libreoffice-writer-nogui``, run
``scripts/make_profile_templates.py`` first, then: ``.venv/bin/python scripts/make_profile_lotext.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_profile_templates import OUT, TEMPLATES

SUFFIX = "_libreoffice.txt"


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice (soffice) is not installed: apt-get install -y libreoffice-writer-nogui", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as profile_dir, tempfile.TemporaryDirectory() as out_dir:
        for name in TEMPLATES:
            src = OUT / f"{name}.docx"
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{profile_dir}",
                    "--headless",
                    "--convert-to",
                    "txt:Text (encoded):UTF8",
                    "--outdir",
                    out_dir,
                    str(src),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                timeout=180,
            )
            # LibreOffice names its output <name>.txt, which would overwrite the Word export: move it aside
            shutil.move(str(Path(out_dir) / f"{name}.txt"), str(OUT / f"{name}{SUFFIX}"))
            print(f"wrote {name}{SUFFIX}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
