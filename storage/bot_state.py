"""Process-wide key/value state (for example the synced command-tree hash)."""

from __future__ import annotations

import aiosqlite

from storage.fetch import fetch_value


async def get_state(conn: aiosqlite.Connection, key: str) -> str | None:
    value = await fetch_value(conn, "SELECT value FROM bot_state WHERE key = ?", (key,))
    return None if value is None else str(value)


async def set_state(conn: aiosqlite.Connection, key: str, value: str) -> None:
    await conn.execute(
        "INSERT INTO bot_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
