"""``studybot --help`` and every subcommand's help: plain text (no
reStructuredText markup from docstrings), and every subcommand and argument
says what it is for."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from bot.cli import build_parser, main

# ``literal``, :role:`x`, `link`_, .. directive::, **bold**
RST_MARKUP = re.compile(r"``|:[a-z]+:`|`_|^\s*\.\. |\*\*", re.MULTILINE)


def parsers(parser: argparse.ArgumentParser, path: str = "studybot") -> Iterator[
        tuple[str, argparse.ArgumentParser]]:
    """Every parser of the command line with its command path."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from parsers(sub, f"{path} {name}")


def test_every_subcommand_and_argument_has_help_without_markup() -> None:
    problems = []
    for path, parser in parsers(build_parser()):
        if not parser.description:
            problems.append(f"{path}: no description")
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    if not choice.help:
                        problems.append(f"{path} {choice.dest}: no help")
                continue
            if not action.help or action.help == argparse.SUPPRESS:
                problems.append(f"{path} {action.dest}: no help")
        rendered = parser.format_help()
        if RST_MARKUP.search(rendered):
            problems.append(f"{path}: markup in --help: {RST_MARKUP.search(rendered)}")
    assert problems == []


def test_the_walk_sees_every_command() -> None:
    paths = {path for path, _ in parsers(build_parser())}
    assert {"studybot run", "studybot db backup", "studybot console", "studybot ask",
            "studybot export ics", "studybot content validate"} <= paths


def test_help_prints_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "``" not in out and "console" in out and "studybot console" in out
