"""How ``studybot`` ends: one exit status per kind of failure, and the error that
carries it to the command line (which prints its message as one line)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses of the ``studybot`` command (listed in the README)."""

    OK = 0
    UNHEALTHY = 1  # `health` found a problem, or a backup failed its check
    SETTINGS = 2  # a setting, the --config file or a token is missing or invalid
    DATABASE = 3  # the database cannot be opened or used (damaged, read-only, locked)
    DISK_FULL = 4  # no space left to create or migrate the database
    TOKEN_REFUSED = 5  # Discord refused DISCORD_TOKEN
    DISCORD_UNREACHABLE = 6  # Discord's API could not be reached at start
    INTERRUPTED = 130  # Ctrl-C before the bot was up


class StartFailed(Exception):
    """The process cannot start; ``str()`` is the one line to print."""

    def __init__(self, code: ExitCode, message: str) -> None:
        super().__init__(message)
        self.code = code
