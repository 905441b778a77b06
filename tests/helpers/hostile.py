"""What the hostile-input tests need to know about the synced command tree."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
