"""Files that are not role profiles are refused quickly with one line naming the file."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest

from interview_panel.domain.errors import ProfileImportError
from interview_panel.importing import import_profile
from interview_panel.importing.docx_reader import MAX_UNCOMPRESSED

from ..conftest import DATA


def _zip_bomb(path: Path) -> Path:
    """A small zip whose directory says it unpacks to more than the limit (a real, valid archive)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(MAX_UNCOMPRESSED // len(chunk) + 2):
                fh.write(chunk)
    return path


def bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, words the message must contain). Shared with the CLI tests."""
    sample = (DATA / "sample_admin_l1.docx").read_bytes()
    cases: dict[str, tuple[Path, str]] = {}

    def add(key: str, name: str, data: bytes | None, words: str) -> None:
        path = tmp / name
        if data is not None:
            path.write_bytes(data)
        cases[key] = (path, words)

    add("missing", "missing.txt", None, "no such file")
    (tmp / "folder.docx").mkdir()
    cases["directory"] = (tmp / "folder.docx", "folder")
    add("empty", "empty.txt", b"", "empty")
    add("empty-docx", "empty.docx", b"", "empty")
    add("random", "random.txt", os.urandom(4000) + b"\x00", "binary")
    add("random-docx", "random.docx", os.urandom(4000), "not a zip")
    add("not-zip-docx", "letter.docx", b"Dear Sir, this is plain text\n", "not a zip")
    add("truncated-docx", "truncated.docx", sample[: len(sample) // 2], "damaged")
    add("zip-not-word", "archive.docx", _zip_of({"readme.txt": b"hello"}), "not a Word")
    add(
        "broken-xml",
        "broken.docx",
        _zip_of({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:doc"}),
        "not a readable Word",
    )
    add("old-doc", "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".doc")
    add("pdf", "profile.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF")
    add("nul-text", "nul.txt", b"Post Title:\x00\x00\x00" * 50, "binary")
    add("too-big", "huge.txt", b"Post Title: x\n" * (6 * 1024 * 1024 // 14), "too large")
    add(
        "prose",
        "letter.txt",
        b"Dear panel,\n\nThank you for the interview on Tuesday.\n\nRegards\n",
        "not a role profile",
    )
    add(
        "no-title-or-items",
        "grades.txt",
        b"\tGrade:\n\tLC3\n\n\tLocation:\n\tHQ\n",
        "no post title, behaviours, criteria or responsibilities",
    )
    cases["zip-bomb"] = (_zip_bomb(tmp / "bomb.docx"), "over the")
    add(
        "huge-body",
        "huge_body.docx",
        _zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (6 * 1024 * 1024)}, deflate=True),
        "text part unpacks",
    )
    return cases


def _zip_of(members: dict[str, bytes], deflate: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return bad_inputs(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize(
    "key",
    [
        "missing",
        "directory",
        "empty",
        "empty-docx",
        "random",
        "random-docx",
        "not-zip-docx",
        "truncated-docx",
        "zip-not-word",
        "broken-xml",
        "old-doc",
        "pdf",
        "nul-text",
        "too-big",
        "prose",
        "no-title-or-items",
        "zip-bomb",
        "huge-body",
    ],
)
def test_bad_input_is_refused_with_one_line(cases: dict, key: str) -> None:
    path, words = cases[key]
    start = time.monotonic()
    with pytest.raises(ProfileImportError) as err:
        import_profile(path)
    assert time.monotonic() - start < 3
    message = str(err.value)
    assert "\n" not in message
    assert path.name in message
    assert words.lower() in message.lower()


def test_zip_bomb_is_small_on_disk_but_refused_before_unpacking(cases: dict) -> None:
    path, _ = cases["zip-bomb"]
    assert path.stat().st_size < 1024 * 1024
    with zipfile.ZipFile(path) as zf:
        assert sum(i.file_size for i in zf.infolist()) > MAX_UNCOMPRESSED
