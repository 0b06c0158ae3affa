"""A Unicode TrueType font for reportlab, so a candidate's name renders in whatever script it is written.

Looks for well-known fonts on the system (DejaVu on Linux, Arial/Segoe UI on Windows, Arial Unicode on
macOS); falls back to Vera, which ships with reportlab (Latin only).
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "IPSans"
BOLD = "IPSans-Bold"

_CANDIDATES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/Library/Fonts/Arial Unicode.ttf", "/Library/Fonts/Arial Unicode.ttf"),
]
_windir = os.environ.get("WINDIR")
if _windir:
    _CANDIDATES += [(os.path.join(_windir, "Fonts", "segoeui.ttf"), os.path.join(_windir, "Fonts", "segoeuib.ttf")),
                    (os.path.join(_windir, "Fonts", "arial.ttf"), os.path.join(_windir, "Fonts", "arialbd.ttf"))]


def _reportlab_fallback() -> tuple[str, str]:
    import reportlab

    base = Path(reportlab.__file__).parent / "fonts"
    return str(base / "Vera.ttf"), str(base / "VeraBd.ttf")


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold font once; return their reportlab names."""
    for regular, bold in _CANDIDATES + [_reportlab_fallback()]:
        if os.path.exists(regular):
            pdfmetrics.registerFont(TTFont(REGULAR, regular))
            pdfmetrics.registerFont(TTFont(BOLD, bold if os.path.exists(bold) else regular))
            from reportlab.lib.fonts import addMapping

            addMapping(REGULAR, 0, 0, REGULAR)
            addMapping(REGULAR, 1, 0, BOLD)
            addMapping(REGULAR, 0, 1, REGULAR)
            addMapping(REGULAR, 1, 1, BOLD)
            return REGULAR, BOLD
    raise RuntimeError("no TrueType font found")  # unreachable: reportlab ships Vera
