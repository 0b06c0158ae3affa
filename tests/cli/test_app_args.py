"""The desktop app's own arguments: the quick path gives what the argument parser gives."""
from __future__ import annotations

import pytest

from interview_panel.cli import _app_parser, _plain_app_args


@pytest.mark.parametrize("argv", [[], ["--db", "x.sqlite"], ["--demo"], ["--db", "a b.sqlite", "--demo"],
                                  ["--db", "a", "--db", "b"], ["--db", ""]])
def test_plain_arguments_parse_as_the_parser_does(argv: list[str]) -> None:
    assert _plain_app_args(argv) == _app_parser().parse_args(argv)


@pytest.mark.parametrize("argv", [["--db"], ["--db", "-x"], ["--db=x"], ["--de"], ["--dem", "--db", "x"]])
def test_anything_else_is_left_to_the_parser(argv: list[str]) -> None:
    assert _plain_app_args(argv) is None
