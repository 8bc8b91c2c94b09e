"""Help that answers the next question: every option of every `regie` sub-command says what
it does, and `regie resume` prints its table in the language asked for."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from sim.cli import build_parser, main


def options_without_help(parser: argparse.ArgumentParser, path: str) -> Iterator[str]:
    """`regie SUB --option` for every argument in the parser tree that has no help text."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from options_without_help(sub, f"{path} {name}")
        elif not isinstance(action, argparse._HelpAction) and not (action.help or "").strip():
            yield f"{path} {'/'.join(action.option_strings) or action.dest}"


def test_every_option_of_every_sub_command_has_help() -> None:
    assert list(options_without_help(build_parser(), "regie")) == []


def test_the_walk_finds_an_option_without_help() -> None:
    parser = argparse.ArgumentParser(prog="regie")
    parser.add_subparsers().add_parser("x").add_argument("--quiet", action="store_true")
    assert list(options_without_help(parser, "regie")) == ["regie x --quiet"]


def test_resume_prints_the_kpi_table_in_the_language_asked(
    capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    log = tmp_path / "s.jsonl"
    assert main(["run", "--days", "2", "--log", str(log), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["resume", str(log), "--lang", "nl"]) == 0
    out = capsys.readouterr().out
    assert "seizoensresultaten" in out
    assert "Zout gebruikt (t)" in out
