"""Shared reportlab helpers: marked pages with "Page n of N" per section, styles in a Unicode font.

Generic on purpose (used by the question sheets, usable by any PDF export):
- :func:`build_pdf` lays out a story on A4 portrait pages (and landscape where a
  :class:`~reportlab.platypus.NextPageTemplate` asks for "landscape"), then decorates every page with the
  protective marking at top and bottom, a running title, a section label and "Page n of N", where n and N
  count within the current section. A :class:`SectionStart` flowable starts a new section.
- :func:`styles` gives paragraph styles in the registered Unicode font.
- :func:`esc` escapes user text for Paragraph markup, with fallback fonts for scripts the main font lacks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from .fonts import draw_string, markup, register_fonts, string_width

Styles = dict[str, ParagraphStyle]  # the paragraph styles of a PDF by name (see styles())

MARGIN = 16 * mm
HEADER_SPACE = 14 * mm  # room above the frame for the marking and running title
FOOTER_SPACE = 14 * mm
PORTRAIT = "portrait"
LANDSCAPE = "landscape"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def esc(text: object) -> str:
    """User text made safe for Paragraph markup: ``& < >`` escaped, control characters dropped, line
    breaks (LF, CRLF, CR) kept as breaks, None as "".

    Runs in scripts the main font lacks (CJK, Hangul, ...) are wrapped in their fallback font
    (:func:`~interview_panel.exports.fonts.markup`); don't pass text that is already markup.
    """
    if text is None:
        return ""
    s = _CONTROL.sub("", str(text))
    return markup(s).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br/>")


def styles() -> Styles:
    """Paragraph styles in the registered Unicode font (any script a candidate's name is written in)."""
    regular, bold = register_fonts()
    base = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13, textColor=colors.black)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=10.5),
        "tiny": ParagraphStyle("tiny", parent=base, fontSize=7.5, leading=9),
        "label": ParagraphStyle(
            "label", parent=base, fontName=bold, fontSize=9, leading=11, textColor=colors.HexColor("#333333")
        ),
        "h1": ParagraphStyle("h1", parent=base, fontName=bold, fontSize=20, leading=25, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontName=bold, fontSize=13.5, leading=17, spaceAfter=3),
        "h3": ParagraphStyle("h3", parent=base, fontName=bold, fontSize=11, leading=14, spaceBefore=6, spaceAfter=3),
        "question": ParagraphStyle("question", parent=base, fontSize=12, leading=16),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5),
        "cellbold": ParagraphStyle("cellbold", parent=base, fontName=bold, fontSize=9, leading=11.5),
        "tinybold": ParagraphStyle("tinybold", parent=base, fontName=bold, fontSize=7.5, leading=9),
        "idcell": ParagraphStyle("idcell", parent=base, fontName=bold, fontSize=8.5, leading=10.5),
    }


class SectionStart(Flowable):  # type: ignore[misc]  # reportlab has no type information
    """Zero-size marker: the page it lands on starts a new numbering section with this label.

    ``on_draw`` (optional) is called when the marker is laid out: use it for progress and cancellation.
    """

    def __init__(self, label: str, on_draw: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.label = label
        self.on_draw = on_draw
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv: Any = self.canv
        canv._ip_section_seq = getattr(canv, "_ip_section_seq", 0) + 1
        canv._ip_section = (canv._ip_section_seq, self.label)
        if self.on_draw is not None:
            self.on_draw()


class Hook(Flowable):  # type: ignore[misc]  # reportlab has no type information
    """Zero-size flowable that calls ``fn`` when laid out (progress steps between items)."""

    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self.fn = fn

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.fn()


@dataclass(frozen=True)
class PageDecor:
    """What every page carries: the marking (top and bottom) and a running title (top left)."""

    marking: str
    title: str


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so it fits ``width`` points on one line (as :func:`draw_string` draws it).

    Found by bisection, so an 8,000-character name costs a few measurements, not thousands."""
    if string_width(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)  # the longest prefix that fits (with the ellipsis) is in [lo, hi)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if string_width(text[:mid] + "\u2026", font, size) <= width:
            lo = mid
        else:
            hi = mid
    return text[:lo].rstrip() + "\u2026"


def clip(text: str, limit: int) -> str:
    """``text`` shortened to ``limit`` characters with an ellipsis: for names in narrow or fixed-height cells
    (table headers, signature lines), where wrapping a very long name would make a row taller than a page.
    The full text is printed where it can wrap (headings, facts tables)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _canvas_class(decor: PageDecor) -> type[rl_canvas.Canvas]:
    regular, bold = register_fonts()

    class _Decorated(rl_canvas.Canvas):  # type: ignore[misc]  # reportlab has no type information
        """Holds pages until save, then draws the decorations knowing each section's page count."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._ip_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._ip_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            sections = [p.get("_ip_section", (0, "")) for p in self._ip_pages]
            totals: dict[int, int] = {}
            for seq, _ in sections:
                totals[seq] = totals.get(seq, 0) + 1
            seen: dict[int, int] = {}
            for state, (seq, label) in zip(self._ip_pages, sections):
                self.__dict__.update(state)
                seen[seq] = seen.get(seq, 0) + 1
                self._decorate(seen[seq], totals[seq], label)
                super().showPage()
            super().save()

        def _decorate(self, n: int, total: int, label: str) -> None:
            w, h = self._pagesize
            self.saveState()
            self.setFillColor(colors.black)
            draw_string(self, w / 2, h - 9 * mm, decor.marking, bold, 9, "middle")
            draw_string(self, w / 2, 7 * mm, decor.marking, bold, 9, "middle")
            page = f"Page {n} of {total}"
            pw = string_width(page, regular, 8.5)
            room = (w - 2 * MARGIN - string_width(decor.marking, bold, 9)) / 2 - 4 * mm
            draw_string(self, MARGIN, h - 9 * mm, fit_text(decor.title, regular, 8.5, room), regular, 8.5)
            if label:
                draw_string(self, w - MARGIN, h - 9 * mm, fit_text(label, regular, 8.5, room), regular, 8.5, "end")
            draw_string(self, w - MARGIN, 12 * mm, page, regular, 8.5, "end")
            self.setStrokeColor(colors.HexColor("#888888"))
            self.setLineWidth(0.5)
            self.line(MARGIN, h - 11 * mm, w - MARGIN, h - 11 * mm)
            self.line(MARGIN, 11 * mm + 9, w - MARGIN - pw - 3 * mm, 11 * mm + 9)
            self.restoreState()

    return _Decorated


def _frame(size: tuple[float, float], fid: str) -> Frame:
    w, h = size
    return Frame(
        MARGIN,
        FOOTER_SPACE + 4 * mm,
        w - 2 * MARGIN,
        h - HEADER_SPACE - FOOTER_SPACE - 6 * mm,
        id=fid,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )


def frame_size(orientation: str = PORTRAIT) -> tuple[float, float]:
    """Width and height available to flowables on a page of that orientation."""
    size = landscape(A4) if orientation == LANDSCAPE else A4
    f = _frame(size, "x")
    return f._aW, f._aH


def build_pdf(
    path: str,
    story: Sequence[Flowable],
    *,
    decor: PageDecor,
    title: str = "",
    author: str = "Interview Panel",
    first: str = PORTRAIT,
) -> None:
    """Lay out ``story`` into ``path`` with decorated pages (``first`` orientation; switch with NextPageTemplate)."""
    register_fonts()
    doc = BaseDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=HEADER_SPACE,
        bottomMargin=FOOTER_SPACE,
        title=title or decor.title,
        author=author,
        subject=decor.marking,
    )
    templates = [
        PageTemplate(id=PORTRAIT, frames=[_frame(A4, "p")], pagesize=A4),
        PageTemplate(id=LANDSCAPE, frames=[_frame(landscape(A4), "l")], pagesize=landscape(A4)),
    ]
    if first == LANDSCAPE:
        templates.reverse()
    doc.addPageTemplates(templates)
    doc.build(list(story), canvasmaker=_canvas_class(decor))
