"""Reads that cost one trip to the connection's worker thread.

Every aiosqlite call is a hop to its thread and back. ``async with
conn.execute(...) as cursor: await cursor.fetchone()`` makes three (execute, fetch,
close) and ``async for`` over a cursor at least four; these helpers run the
statement and collect its rows in a single call (``execute_fetchall``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

import aiosqlite

Params = Iterable[Any] | Mapping[str, Any]


async def fetch_all(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> list[sqlite3.Row]:
    """Every row of ``sql``."""
    return list(await conn.execute_fetchall(sql, params))


async def fetch_one(
    conn: aiosqlite.Connection, sql: str, params: Params = ()
) -> sqlite3.Row | None:
    """The first row of ``sql`` (meant for queries of at most one row), or None."""
    for row in await conn.execute_fetchall(sql, params):
        return row
    return None


async def fetch_value(conn: aiosqlite.Connection, sql: str, params: Params = ()) -> Any:
    """The first column of the first row of ``sql``, or None when there is no row."""
    row = await fetch_one(conn, sql, params)
    return None if row is None else row[0]
