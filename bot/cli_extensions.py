"""Feature modules that add subcommands to ``studybot`` (each gives a function
taking the argparse sub-parsers)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

Register = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


def registrations() -> list[Register]:
    """The registration functions, imported only when the CLI is built."""
    found: list[Register] = []
    return found
