"""exports.atomic: errors name the file the user asked for, never the hidden temporary one (finding 13)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from interview_panel.cli import main
from interview_panel.exports import atomic, scratch

from ..services.test_exports import build_campaign


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("atomic") / "c.db"
    build_campaign(path)
    return path


@pytest.mark.parametrize("kind", ["xlsx", "pdf", "csv"])
def test_a_folder_that_refuses_the_rename_is_reported_on_the_target(
    kind: str, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read-only folder (as a non-root user sees it): the rename into it fails."""
    out = tmp_path / f"report.{kind}"

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(src), None, str(dst))

    monkeypatch.setattr(atomic.os, "replace", refuse)
    assert main(["export", kind, "--db", str(db), "--campaign", "1", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"interview-panel: {out}: Permission denied\n"
    assert not out.exists() and [p for p in scratch.folder().iterdir() if p.name.endswith(".part")] == []


def test_a_part_file_that_cannot_be_made_beside_the_target_is_reported_on_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"

    def no_room(_target: Path) -> Path:
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / ".out.csv.x1y2.part"))

    monkeypatch.setattr(scratch, "part_file", no_room)
    with pytest.raises(OSError) as info, atomic.atomic_path(target):
        pass
    assert info.value.filename == str(target) and info.value.errno == errno.EROFS


def test_other_errors_keep_their_own_file_name(tmp_path: Path) -> None:
    """An error about some other file (a font, an input) is not blamed on the target."""
    target = tmp_path / "out.pdf"
    with pytest.raises(FileNotFoundError) as info, atomic.atomic_path(target):
        (tmp_path / "missing-font.ttf").open("rb")
    assert info.value.filename == str(tmp_path / "missing-font.ttf")
    assert not target.exists()


def test_success_replaces_the_target_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with atomic.atomic_path(target) as tmp:
        assert tmp.parent == scratch.folder()  # same file system: written in the private folder
        tmp.write_text("new")
    assert target.read_text() == "new"
    assert not tmp.exists() and os.listdir(tmp_path) == ["out.txt"]
