"""Fonts: names in any script get a font that has their glyphs, and nothing breaks when no fallback exists."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from interview_panel.domain.campaign import Candidate
from interview_panel.domain.scoring import ScoringRules
from interview_panel.exports import fonts
from interview_panel.exports.fonts import (
    REGULAR,
    draw_string,
    fallback_fonts,
    markup,
    register_fonts,
    runs,
    string_width,
)
from interview_panel.exports.record_pdf import write_record_pdf
from interview_panel.exports.sheets import render_pack
from interview_panel.services.questions import build_question_set

from .factories import make_profile, make_results

WORLD = ["王小明", "佐藤 花子", "김민준", "Łukasz Żółć-Nguyễn", "Παπαδόπουλος", "Иванова"]


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _embedded_fonts(pdf: Path) -> set[str]:
    """Base names (subset prefix dropped) of the fonts ``pdffonts`` lists as embedded."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = set()
    for line in out.splitlines()[2:]:
        cols = line.split()
        if len(cols) >= 7 and cols[-5] == "yes":  # columns end: emb sub uni object ID
            names.add(cols[0].split("+", 1)[-1])
    return names


def _face_name(font: str) -> str:
    name = pdfmetrics.getFont(font).face.name
    return name.decode() if isinstance(name, bytes) else str(name)


@pytest.fixture
def no_fallbacks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A system without any fallback font file (the main font only)."""
    monkeypatch.setattr(fonts, "_FALLBACK_CANDIDATES", [("/nonexistent/DroidSansFallbackFull.ttf", 0)])
    fonts._clear_caches()
    yield
    monkeypatch.undo()
    fonts._clear_caches()


def test_every_character_of_each_name_has_a_font_with_its_glyph() -> None:
    register_fonts()
    assert fallback_fonts(), "no fallback font found: scripts/bootstrap.sh installs them"
    for name in WORLD:
        for font, chars in runs(name):
            face = pdfmetrics.getFont(font or REGULAR).face
            missing = [c for c in chars if not c.isspace() and ord(c) not in face.charToGlyph]
            assert not missing, (name, font, missing)


def test_markup_escapes_and_puts_cjk_in_a_fallback_but_latin_in_the_main_font() -> None:
    assert markup("A & <b>B</b>") == "A &amp; &lt;b&gt;B&lt;/b&gt;"
    assert markup("Łukasz Żółć-Nguyễn") == "Łukasz Żółć-Nguyễn"  # the main font has it: no tags
    cjk = markup("王 & 明")
    ((font, _),) = runs("王")
    assert font in fallback_fonts()
    assert cjk == f'<font name="{font}">王 </font>&amp; <font name="{font}">明</font>'
    assert markup("佐藤 花子") == f'<font name="{font}">佐藤 花子</font>'  # the space stays in the run


def test_plain_latin_text_does_not_load_fallback_fonts(no_fallbacks: None) -> None:
    fonts._clear_caches()
    markup("Grace Hughes & Łukasz Żółć")
    string_width("Case Support Officer", REGULAR, 9)
    assert fonts._fallbacks.cache_info().currsize == 0


def test_canvas_helpers_switch_font_per_run_and_measure_what_they_draw(tmp_path: Path) -> None:
    regular, _ = register_fonts()
    text = "Panel: 王小明 and 김민준"
    widths = sum(pdfmetrics.stringWidth(s, f or regular, 10) for f, s in runs(text))
    assert string_width(text, regular, 10) == pytest.approx(widths)
    assert string_width(text, regular, 10) != pytest.approx(pdfmetrics.stringWidth(text, regular, 10))
    out = tmp_path / "canvas.pdf"
    c = Canvas(str(out))
    assert draw_string(c, 500, 700, text, regular, 10, "end") == pytest.approx(widths)
    c.save()
    assert text in _pdftotext(out)
    assert {_face_name(f) for f, _ in runs(text) if f} <= _embedded_fonts(out)


def test_without_fallback_fonts_packs_and_records_still_render(tmp_path: Path, no_fallbacks: None) -> None:
    assert fallback_fonts() == ()
    assert markup("王 & 明") == "王 &amp; 明"  # left to the main font: no tag, no crash
    profile = make_profile(post_title="王小明 Officer")
    pack = tmp_path / "pack.pdf"
    render_pack(
        pack,
        profile=profile,
        question_set=build_question_set(profile),
        rules=ScoringRules(),
        packs=[(Candidate("C1", WORLD[0]), WORLD[2])],
        grid=[Candidate(f"C{k}", n) for k, n in enumerate(WORLD)],
    )
    record = write_record_pdf(make_results(len(WORLD), names=WORLD, campaign_name="佐藤 2026"), tmp_path / "record.pdf")
    for pdf in (pack, record):
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        assert "DroidSansFallback" not in _embedded_fonts(pdf)
        assert "Łukasz Żółć-Nguyễn" in _pdftotext(pdf)
