"""What a console command answers: text, an optional titled block (the embed of
Discord, the card of Slack), numbered choices (buttons) and files."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.ports import OutgoingMessage


@dataclass(frozen=True)
class Choice:
    """A button: the user types its number to press it."""

    label: str
    press: Callable[[], Awaitable[Reply]]


@dataclass(frozen=True)
class FileOut:
    """A file the reply carries (saved to the console's folder)."""

    filename: str
    content: bytes


@dataclass(frozen=True)
class Reply:
    """A reply; ``title`` set means the text is shown as a titled block."""

    text: str = ""
    title: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    footer: str | None = None
    choices: tuple[Choice, ...] = ()
    files: tuple[FileOut, ...] = ()
    note: str | None = None  # a plain line shown above the block (a confirmation)


def from_message(message: OutgoingMessage, choices: tuple[Choice, ...] = ()) -> Reply:
    """A platform-neutral message (digest, reminder) as a console reply."""
    return Reply(
        text=message.body,
        title=message.title or "",
        fields=message.fields,
        footer=message.footer,
        choices=choices,
    )
