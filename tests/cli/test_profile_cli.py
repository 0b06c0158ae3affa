"""``interview-panel profile show``: the JSON contract on stdout, and bad files -> exit 2, one stderr line."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interview_panel.cli import main
from interview_panel.services.profiles import load_profile, profile_summary

from ..conftest import DATA, ROOT
from ..importing.test_refusals import bad_inputs

EXE = Path(sys.executable).with_name("interview-panel")


def test_json_is_exactly_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "sample_supervisor_l2.docx"
    assert main(["profile", "show", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    expected = json.dumps(load_profile(path).to_json(), indent=2, ensure_ascii=False)
    assert out.strip("\n") == expected
    assert err == ""
    assert json.loads(out)["source"]["file"] == "sample_supervisor_l2.docx"


def test_summary_without_json(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "sample_admin_l1.txt"
    assert main(["profile", "show", str(path)]) == 0
    out, _ = capsys.readouterr()
    assert out == profile_summary(load_profile(path))
    assert "Asked at interview" in out


def test_installed_command_prints_utf8_json(tmp_path: Path) -> None:
    src = (DATA / "sample_admin_l1.txt").read_text(encoding="utf-8").replace("Hartfield", "Hårtfield")
    path = tmp_path / "hårtfield.txt"
    path.write_text(src, encoding="utf-16")
    proc = subprocess.run([str(EXE), "profile", "show", str(path), "--json"], capture_output=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    data = json.loads(proc.stdout.decode("utf-8"))
    assert data["location"] == "Hårtfield Police Station"
    assert '"Hårtfield Police Station"' in proc.stdout.decode("utf-8")  # ensure_ascii=False


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return bad_inputs(tmp_path_factory.mktemp("cli-bad"))


@pytest.mark.parametrize(
    "key",
    [
        "missing",
        "directory",
        "empty",
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
def test_bad_file_exit_2_one_line(cases: dict, key: str, capsys: pytest.CaptureFixture[str]) -> None:
    path, words = cases[key]
    start = time.monotonic()
    code = main(["profile", "show", str(path), "--json"])
    assert time.monotonic() - start < 3
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1 and str(path) in lines[0] and words.lower() in lines[0].lower()
    assert "Traceback" not in err


@pytest.mark.parametrize("key", ["random-docx", "zip-bomb", "prose"])
def test_bad_file_through_the_installed_command(cases: dict, key: str) -> None:
    path, _ = cases[key]
    start = time.monotonic()
    proc = subprocess.run([str(EXE), "profile", "show", str(path)], capture_output=True, text=True, timeout=60)
    assert time.monotonic() - start < 10
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and str(path) in proc.stderr
    assert "Traceback" not in proc.stderr
