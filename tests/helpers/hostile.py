"""What the hostile-input tests need to know about the synced command tree."""

from __future__ import annotations

import asyncio
import functools
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from discord import app_commands

from bot.clock import ManualClock
from bot.discord_app.client import StudyBot, discover_extensions
from cogs._common import is_moderator_command
from storage.backends import open_database
from tests.helpers.world import make_services

SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2


@dataclass(frozen=True)
class LeafCommand:
    """A slash command path Discord can invoke, with its option schema."""

    path: tuple[str, ...]
    options: tuple[dict[str, Any], ...]

    @property
    def name(self) -> str:
        return " ".join(self.path)


def leaf_commands(registered: list[dict[str, Any]]) -> list[LeafCommand]:
    """Every invocable path of the commands synced to the fake."""

    def walk(path: tuple[str, ...], options: list[dict[str, Any]]) -> Iterator[LeafCommand]:
        nested = [o for o in options if o.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP)]
        if not nested:
            yield LeafCommand(path, tuple(options))
        for option in nested:
            yield from walk((*path, option["name"]), option.get("options") or [])

    leaves: list[LeafCommand] = []
    for command in registered:
        if command.get("type", 1) == 1:
            leaves.extend(walk((command["name"],), command.get("options") or []))
    return sorted(leaves, key=lambda leaf: leaf.path)


@dataclass(frozen=True)
class CommandPath:
    """A slash command path in studybot's command tree, known before any test runs."""

    path: tuple[str, ...]
    moderator: bool  # carries the ``moderator_only`` check

    @property
    def test_id(self) -> str:
        return "/" + " ".join(self.path)


@functools.cache
def command_paths() -> tuple[CommandPath, ...]:
    """Every invocable slash command of the cogs, read from the command tree when the
    tests are collected (a temporary database, no Discord), so that each command is
    a test of its own and a new command is covered as soon as it exists."""
    return asyncio.run(_walk_tree())


async def _walk_tree() -> tuple[CommandPath, ...]:
    with tempfile.TemporaryDirectory() as folder:
        db = await open_database(Path(folder) / "tree.sqlite3")
        try:
            client = StudyBot(make_services(db, ManualClock(datetime(2026, 1, 1, tzinfo=UTC))))
            for extension in discover_extensions():
                await client.load_extension(extension)
            return tuple(sorted(
                (CommandPath(tuple(command.qualified_name.split()),
                             is_moderator_command(command))
                 for command in client.tree.walk_commands()
                 if isinstance(command, app_commands.Command)),
                key=lambda command: command.path))
        finally:
            await db.close()


def snapshot(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, read through a separate read-only connection."""
    uri = f"file:{database}?mode=ro"
    with sqlite3.connect(uri, uri=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }


def unsafe_mentions(body: dict[str, Any] | None) -> str | None:
    """Why a message body recorded by the fake could ping someone, or None if it can't.

    Every message the bot sends must carry ``allowed_mentions`` that parse nothing;
    the only exception is a single explicitly allowed role (a reminder's ping role).
    """
    if not body:
        return None
    message = body.get("data", body) if isinstance(body.get("data"), dict) else body
    if not any(key in message for key in ("content", "embeds")):
        return None
    mentions = message.get("allowed_mentions")
    if mentions is None:
        return "no allowed_mentions"
    if mentions.get("parse"):
        return f"parses {mentions['parse']}"
    if mentions.get("users"):
        return f"allows users {mentions['users']}"
    if len(mentions.get("roles") or []) > 1:
        return f"allows roles {mentions['roles']}"
    return None
