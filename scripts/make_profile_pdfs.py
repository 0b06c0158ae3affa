"""Turn three of the sample templates' .docx files into PDFs with LibreOffice headless (a dev-time tool).

The PDFs are committed beside the .docx files in ``tests/data/templates/``, so neither CI nor ``make test``
needs LibreOffice. Install it once with ``apt-get install -y libreoffice-writer-nogui`` (or
``libreoffice-writer --no-install-recommends``), run ``scripts/make_profile_templates.py`` first, then:
``.venv/bin/python scripts/make_profile_pdfs.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_profile_templates import OUT, PDF_TEMPLATES


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice (soffice) is not installed: apt-get install -y libreoffice-writer-nogui", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as profile_dir:
        for name in PDF_TEMPLATES:
            src = OUT / f"{name}.docx"
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{profile_dir}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(OUT),
                    str(src),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                timeout=180,
            )
            print(f"wrote {name}.pdf")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
