"""Unicode TrueType fonts for reportlab, so a candidate's name renders in whatever script it is written.

Main font: well-known fonts on the system (DejaVu on Linux, Segoe UI/Arial on Windows, Arial Unicode on
macOS), Vera from reportlab as the last resort (Latin only). Registered by :func:`register_fonts` as
:data:`REGULAR` and :data:`BOLD`.

Fallback fonts: scripts the main font lacks (Chinese/Japanese ideographs and kana, Hangul, Indic scripts)
are set in the first fallback font found on the system that has the character (Droid Sans Fallback and
Nanum Gothic on Linux, Noto/Lohit Indic fonts when present; Microsoft YaHei, SimSun, Meiryo, Malgun Gothic
and Nirmala UI on Windows). Fallbacks are loaded lazily, the first time a character the main font lacks is
met, so plain Latin text never pays for them; each font's character map is read once.

* :func:`markup` XML-escapes text for a reportlab ``Paragraph`` and wraps runs that need a fallback in
  ``<font name="...">``.
* :func:`draw_string` / :func:`string_width` do the same for text drawn straight on a canvas (headers,
  footers, rotated labels).
* :func:`font_for` picks one font for a whole short label (chart axis labels take one font each).

A character no font has is left to the main font (it shows as the font's "missing" box); nothing raises.
Right-to-left scripts (Arabic, Hebrew) and scripts that need shaping (Arabic joining, Indic conjuncts and
vowel-sign reordering) are drawn glyph by glyph in logical order: reportlab does no bidi or shaping.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "IPSans"
BOLD = "IPSans-Bold"

_CANDIDATES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
    ("/Library/Fonts/Arial Unicode.ttf", "/Library/Fonts/Arial Unicode.ttf"),
]

# Fallbacks in order of preference: (path, subfont index for .ttc collections). Only files that exist are
# loaded. Noto Sans CJK is left out on purpose: it has PostScript (CFF) outlines, which reportlab can't embed.
_LINUX_FALLBACKS: list[tuple[str, int]] = [
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),  # fonts-droid-fallback: Han, kana
    ("/usr/share/fonts/truetype/nanum/NanumGothic.ttf", 0),  # fonts-nanum: Hangul
    ("/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf", 0),  # fonts-noto-core: Indic
    ("/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf", 0),
    ("/usr/share/fonts/truetype/noto/NotoSansGurmukhi-Regular.ttf", 0),
    ("/usr/share/fonts/truetype/noto/NotoSansGujarati-Regular.ttf", 0),
    ("/usr/share/fonts/truetype/noto/NotoSansTamil-Regular.ttf", 0),
    ("/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf", 0),  # fonts-lohit-*
    ("/usr/share/fonts/truetype/lohit-bengali/Lohit-Bengali.ttf", 0),
    ("/usr/share/fonts/truetype/lohit-punjabi/Lohit-Gurmukhi.ttf", 0),
    ("/usr/share/fonts/truetype/lohit-gujarati/Lohit-Gujarati.ttf", 0),
    ("/usr/share/fonts/truetype/lohit-tamil/Lohit-Tamil.ttf", 0),
]
_FALLBACK_CANDIDATES: list[tuple[str, int]] = list(_LINUX_FALLBACKS)

_windir = os.environ.get("WINDIR")
if _windir:
    _CANDIDATES += [
        (os.path.join(_windir, "Fonts", "segoeui.ttf"), os.path.join(_windir, "Fonts", "segoeuib.ttf")),
        (os.path.join(_windir, "Fonts", "arial.ttf"), os.path.join(_windir, "Fonts", "arialbd.ttf")),
    ]
    _FALLBACK_CANDIDATES = [
        (os.path.join(_windir, "Fonts", name), index)
        for name, index in (
            ("msyh.ttc", 0),
            ("simsun.ttc", 0),
            ("meiryo.ttc", 0),
            ("malgun.ttf", 0),
            ("Nirmala.ttf", 0),
        )
    ]


def _reportlab_fallback() -> tuple[str, str]:
    import reportlab

    base = Path(reportlab.__file__).parent / "fonts"
    return str(base / "Vera.ttf"), str(base / "VeraBd.ttf")


def _map_family(name: str, bold: str | None = None) -> None:
    """Let ``<b>``/``<i>`` inside a Paragraph resolve for ``name`` (fallbacks have no bold: themselves)."""
    addMapping(name, 0, 0, name)
    addMapping(name, 1, 0, bold or name)
    addMapping(name, 0, 1, name)
    addMapping(name, 1, 1, bold or name)


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold main font once; return their reportlab names.

    Fallback fonts are not loaded here (see :func:`fallback_fonts`), so this stays cheap.
    """
    for regular, bold in _CANDIDATES + [_reportlab_fallback()]:
        if os.path.exists(regular):
            pdfmetrics.registerFont(TTFont(REGULAR, regular))
            pdfmetrics.registerFont(TTFont(BOLD, bold if os.path.exists(bold) else regular))
            _map_family(REGULAR, BOLD)
            return REGULAR, BOLD
    raise RuntimeError("no TrueType font found")  # unreachable: reportlab ships Vera


def _cmap(font_name: str) -> frozenset[int]:
    face: Any = pdfmetrics.getFont(font_name).face
    return frozenset(face.charToGlyph)


@lru_cache(maxsize=1)
def _main_cmap() -> frozenset[int]:
    """Code points both the regular and the bold main font have (a run is set in either)."""
    regular, bold = register_fonts()
    return _cmap(regular) & _cmap(bold)


@lru_cache(maxsize=1)
def _fallbacks() -> tuple[tuple[str, frozenset[int]], ...]:
    """Register every fallback font found (once); their reportlab names and character maps, in order."""
    register_fonts()
    found: list[tuple[str, frozenset[int]]] = []
    for path, index in _FALLBACK_CANDIDATES:
        if not os.path.exists(path):
            continue
        name = f"IPFallback-{Path(path).stem}" + (f"-{index}" if index else "")
        try:
            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
        except Exception:
            continue
        _map_family(name)
        found.append((name, _cmap(name)))
    return tuple(found)


def fallback_fonts() -> tuple[str, ...]:
    """reportlab names of the fallback fonts found on this system, in order of preference (loads them)."""
    return tuple(name for name, _ in _fallbacks())


@lru_cache(maxsize=4096)
def _fallback_for(cp: int) -> str | None:
    for name, cmap in _fallbacks():
        if cp in cmap:
            return name
    return None


@lru_cache(maxsize=16384)
def runs(text: str) -> tuple[tuple[str | None, str], ...]:
    """``text`` cut into runs of ``(font, chars)``: ``font`` None means the main font, else a fallback's name.

    Characters the main font has stay in the main font; others go to the first fallback that has them (or
    stay in the main font when none has). Spaces and control characters join the run they are in.
    """
    if text.isascii():
        return ((None, text),) if text else ()
    main = _main_cmap()
    if all(ord(ch) in main or ord(ch) < 32 for ch in text):  # fast path: the main font has it all
        return ((None, text),)
    cmaps = dict(_fallbacks())
    out: list[tuple[str | None, str]] = []
    cur: str | None = None
    buf: list[str] = []
    for ch in text:
        cp = ord(ch)
        if cp < 32 or (cur is not None and ch.isspace() and cp in cmaps[cur]):
            font = cur
        elif cp in main:
            font = None
        else:
            font = _fallback_for(cp)
        if font != cur and buf:
            out.append((cur, "".join(buf)))
            buf = []
        cur = font
        buf.append(ch)
    if buf:
        out.append((cur, "".join(buf)))
    return tuple(out)


@lru_cache(maxsize=16384)
def markup(text: str) -> str:
    """``text`` XML-escaped for a Paragraph, runs the main font lacks wrapped in ``<font name="...">``.

    Newlines are kept as they are (callers turn them into ``<br/>``). Pass plain text only: markup in
    ``text`` is escaped, never interpreted.
    """
    if text.isascii():
        return escape(text)
    return "".join(escape(s) if font is None else f'<font name="{font}">{escape(s)}</font>' for font, s in runs(text))


def needs_fallback(text: str) -> bool:
    """True when some character of ``text`` is set in a fallback font (so a plain table cell won't do)."""
    return not text.isascii() and any(font is not None for font, _ in runs(text))


def font_for(text: str, font: str) -> str:
    """One font for a whole short label: ``font``, or the fallback that most of its other characters need."""
    if text.isascii():
        return font
    counts: dict[str, int] = {}
    for f, s in runs(text):
        if f is not None:
            counts[f] = counts.get(f, 0) + len(s)
    return max(counts, key=counts.__getitem__) if counts else font


def string_width(text: str, font: str, size: float) -> float:
    """Width in points of ``text`` as :func:`draw_string` draws it (fallback runs measured in their font)."""
    return float(sum(pdfmetrics.stringWidth(s, f or font, size) for f, s in runs(text)))


def draw_string(canvas: Any, x: float, y: float, text: str, font: str, size: float, anchor: str = "start") -> float:
    """Draw ``text`` on ``canvas`` at ``(x, y)`` in ``font``/``size``, switching to fallbacks per run.

    ``anchor`` is "start" (x is the left end), "middle" or "end" (x is the right end). Leaves the canvas
    font set to ``font``/``size``. Returns the width drawn.
    """
    parts = runs(text)
    width = string_width(text, font, size)
    if anchor == "end":
        x -= width
    elif anchor == "middle":
        x -= width / 2
    for f, s in parts:
        name = f or font
        canvas.setFont(name, size)
        canvas.drawString(x, y, s)
        x += pdfmetrics.stringWidth(s, name, size)
    canvas.setFont(font, size)
    return width


def _clear_caches() -> None:
    """Forget loaded fallbacks and cached runs (tests that change the candidate lists)."""
    for fn in (_main_cmap, _fallbacks, _fallback_for, runs, markup):
        fn.cache_clear()
