"""Process-wide key/value state (for example the synced command-tree hash)."""

from __future__ import annotations

from storage.connection import Connection
from storage.fetch import fetch_value


def get_state(conn: Connection, key: str) -> str | None:
    value = fetch_value(conn, "SELECT value FROM bot_state WHERE key = ?", (key,))
    return None if value is None else str(value)


def set_state(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO bot_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
