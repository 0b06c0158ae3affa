"""The desktop app's own arguments take the short path: no subcommand (nor the services behind them) is loaded."""

from __future__ import annotations

import subprocess
import sys

import pytest

from interview_panel.cli import _app_parser, _wants_app


@pytest.mark.parametrize(
    "argv, db, demo",
    [
        ([], None, False),
        (["--db", "x.sqlite"], "x.sqlite", False),
        (["--demo"], None, True),
        (["--db", "a b.sqlite", "--demo"], "a b.sqlite", True),
        (["--db", "a", "--db", "b"], "b", False),
        (["--db=x"], "x", False),
    ],
)
def test_app_arguments_are_recognised_and_parsed(argv: list[str], db: str | None, demo: bool) -> None:
    assert _wants_app(argv)
    args = _app_parser().parse_args(argv)
    assert (args.db, args.demo, args.command) == (db, demo, None)


@pytest.mark.parametrize("argv", [["profile", "show", "x"], ["--db", "d.db", "results"], ["--help"], ["--version"]])
def test_a_subcommand_or_help_goes_to_the_full_parser(argv: list[str]) -> None:
    assert not _wants_app(argv)


def test_the_app_path_imports_no_subcommand_module() -> None:
    code = (
        "import sys; import interview_panel.cli as cli; cli._app_parser().parse_args(['--db', 'x']); "
        "print(sorted(m for m in sys.modules if m.startswith('interview_panel.cli.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
