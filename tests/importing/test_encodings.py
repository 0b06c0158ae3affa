"""Any encoding and line ending a Windows machine produces gives the same profile."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from interview_panel.domain.errors import ProfileImportError
from interview_panel.importing import import_profile

from ..conftest import DATA, real_profiles
from .importing_helpers import without_source, write

TEXT_FILES = [
    *real_profiles(),
    DATA / "sample_admin_l1.txt",
    DATA / "sample_admin_l1_libreoffice.txt",
    DATA / "sample_supervisor_l2.txt",
    DATA / "sample_supervisor_l2_libreoffice.txt",
]

ENCODINGS = {
    "utf8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf16-python": lambda t: t.encode("utf-16"),
    # Word substitutes what Windows-1252 lacks (the non-breaking hyphen) when saving in that encoding
    "cp1252": lambda t: t.replace("\u2011", "-").encode("cp1252"),
    "crlf": lambda t: t.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"),
    "cp1252-crlf": lambda t: t.replace("\u2011", "-").replace("\r\n", "\n").replace("\n", "\r\n").encode("cp1252"),
    "utf16-le-bom-crlf": lambda t: (
        codecs.BOM_UTF16_LE + t.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-16-le")
    ),
}


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_reencoded_text_gives_identical_profile(path: Path, encoding: str, tmp_path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = ENCODINGS[encoding](text)
    expected = import_profile(path)
    got = import_profile(write(tmp_path, path.name, data))
    if encoding != "crlf":  # the LibreOffice samples are CRLF already
        assert data != path.read_bytes()
    assert without_source(got.to_json()) == without_source(expected.to_json())
    assert got.source is not None and got.source.file == path.name


def test_cp1252_is_really_exercised() -> None:
    """The seeds hold "·", "–" and curly quotes: non-ASCII bytes that UTF-8 rejects once in cp1252."""
    for path in real_profiles():
        data = path.read_text(encoding="utf-8").encode("cp1252")
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")


def test_typographic_characters_are_normalised(tmp_path: Path) -> None:
    text = (DATA / "sample_admin_l1.txt").read_text(encoding="utf-8")
    fancy = (
        text.replace("Post Title:", "Post\u00a0Title:")
        .replace("Hartfield Police Station", "Hartfield\u00a0Police Station [bookmark: _GoBack]")
        .replace("one-to-one", "one\u2011to\u2011one")
        .replace("Criminal Justice Unit Supervisor", "Criminal Justice Unit Supervisor\u200b")
        .replace("people who are upset", "people who are \u2018upset\u2019")
    )
    p = import_profile(write(tmp_path, "fancy.txt", fancy.encode("utf-16")))
    assert p.post_title == "Administration Support Officer (Criminal Justice Unit)"
    assert p.location == "Hartfield Police Station"
    assert p.responsible_to == "Criminal Justice Unit Supervisor"
    assert any("people who are 'upset'" in c.text for c in p.criteria)


@pytest.mark.parametrize(
    "data, problem",
    [
        (codecs.BOM_UTF16_LE + b"\x00\xd8\x00\xd8abc", "UTF-16"),
        (b"\x00" * 400, "binary"),
        (bytes(range(256)) * 20, "not readable text"),
    ],
)
def test_undecodable_text_is_refused(data: bytes, problem: str, tmp_path: Path) -> None:
    path = write(tmp_path, "noise.txt", data)
    with pytest.raises(ProfileImportError) as err:
        import_profile(path)
    message = str(err.value)
    assert "noise.txt" in message and "\n" not in message
