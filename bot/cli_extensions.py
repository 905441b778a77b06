"""Feature modules that add subcommands to ``studybot`` (each gives a function
taking the argparse sub-parsers)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

Register = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


def registrations() -> list[Register]:
    """The registration functions, imported only when the CLI is built."""
    from bot.cli_content import add_content_parsers
    from bot.cli_data import register as add_data_parsers
    from bot.cli_rounds import register as add_round_parsers
    from bot.console.cli import register as add_console_parser

    found: list[Register] = [add_content_parsers, add_round_parsers, add_console_parser,
                             add_data_parsers]
    return found
