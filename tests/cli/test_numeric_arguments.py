"""Numeric CLI arguments beyond what SQLite holds (issue 11, finding 11): exit 2 and one line, never
"unexpected error (OverflowError)", for every command that takes one."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_panel.cli import main

from ..services.test_exports import build_campaign

COMMANDS = [
    ["results"],
    ["export", "xlsx", "-o", "{tmp}/x.xlsx"],
    ["export", "pdf", "-o", "{tmp}/x.pdf"],
    ["export", "csv", "-o", "{tmp}/x.csv"],
    ["sheets", "-o", "{tmp}/s.pdf"],
    ["candidates", "import", "{tmp}/c.csv"],
    ["panel", "add", "--name", "Zed"],
    ["score", "--candidate", "C001", "--member", "Amira Fraser", "--item", "values", "--score", "3"],
    ["submit", "--candidate", "C001", "--member", "Amira Fraser"],
    ["moderate", "--candidate", "C004", "--item", "values", "--score", "3"],
]


def _run(argv: list[str]) -> int:
    """main()'s exit status, whether it returns it or argparse exits."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("numbers") / "c.db"
    build_campaign(path)
    (path.parent / "c.csv").write_text("reference,name\nN1,New Person\n")
    return path


@pytest.mark.parametrize(
    "value",
    ["99999999999999999999", "9223372036854775808", "-99999999999999999999", "0", "1_0", "1e3", "\uff11", "1.0"],
)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_campaign_id_out_of_range_is_one_line_and_exit_2(
    command: list[str], value: str, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    words = 2 if command[0] in ("export", "candidates", "panel") else 1
    argv = [
        *command[:words],
        "--db",
        str(db),
        f"--campaign={value}",
        *(a.format(tmp=db.parent) for a in command[words:]),
    ]
    assert _run(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "unexpected" not in err and "Overflow" not in err and "Traceback" not in err
    assert "campaign id" in err
    assert db.read_bytes() == before
    assert not any(p.suffix in (".xlsx", ".pdf") for p in db.parent.iterdir())


def test_the_largest_id_sqlite_holds_is_just_not_found(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["results", "--db", str(db), "--campaign", str(2**63 - 1)]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["99999999999999999999", "-99999999999999999999"])
def test_a_huge_score_is_refused_in_one_line(value: str, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for cmd in (["score", "--member", "Amira Fraser"], ["moderate"]):
        assert (
            _run(
                [
                    cmd[0],
                    "--db",
                    str(db),
                    "--campaign",
                    "1",
                    "--candidate",
                    "C004",
                    *cmd[1:],
                    "--item",
                    "values",
                    f"--score={value}",
                ]
            )
            == 2
        )
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "unexpected" not in err and value in err
