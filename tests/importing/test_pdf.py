"""PDF role profiles: read from their text layer into the same profile as Word and text; hostile,
scanned and damaged PDFs refused in one line, quickly, with no traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from interview_panel.domain.errors import ProfileImportError
from interview_panel.importing import import_profile

from . import pdf_builders as pb


def test_a_plain_text_pdf_imports(tmp_path: Path) -> None:
    path = tmp_path / "clerk.pdf"
    path.write_bytes(pb.text_pdf(pb.PROFILE_LINES))
    p = import_profile(path)
    assert p.post_title == "Records Clerk" and p.grade == "SO1"
    assert [(b.competency, b.level, b.identified_by) for b in p.behaviours] == [("ownership", 1, ("Interview",))]
    assert p.source.file == "clerk.pdf"


HOSTILE = {
    "stream-bomb": (pb.stream_bomb, "unpacks to far more"),
    "5000-pages": (pb.many_pages, "5000 pages"),
    "encrypted": (pb.encrypted, "encrypted"),
    "broken-xref": (pb.broken_xref, "PDF"),
    "javascript": (pb.with_javascript, "JavaScript"),
    "image-only": (pb.image_only, "has no text to read"),
    "truncated": (lambda: pb.text_pdf(pb.PROFILE_LINES)[:300], "PDF"),
    "prose": (lambda: pb.text_pdf(["Dear panel,", "Thank you for Tuesday."]), "not a role profile"),
}


@pytest.mark.parametrize("key", sorted(HOSTILE))
def test_hostile_pdf_is_refused_in_one_line(tmp_path: Path, key: str, capfd: pytest.CaptureFixture[str]) -> None:
    make, words = HOSTILE[key]
    path = tmp_path / f"{key}.pdf"
    path.write_bytes(make())
    start = time.monotonic()
    with pytest.raises(ProfileImportError) as err:
        import_profile(path)
    assert time.monotonic() - start < 10
    message = str(err.value)
    assert "\n" not in message and path.name in message and words.lower() in message.lower()
    assert "Traceback" not in capfd.readouterr().err


def test_stream_bomb_is_small_on_disk(tmp_path: Path) -> None:
    assert len(pb.stream_bomb()) < 1024 * 1024  # 200 MB when inflated
