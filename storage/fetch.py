"""Reads and writes that cost one trip to the connection's worker thread.

Every aiosqlite call is a hop to its thread and back (about 0.1 ms here).
``async with conn.execute(...) as cursor: await cursor.fetchone()`` makes three
(execute, fetch, close) and ``async for`` over a cursor at least four; these
helpers run the statement and collect its rows in a single call
(``execute_fetchall``). ``in_worker`` runs a whole synchronous storage function,
any number of statements, in one hop.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Concatenate, ParamSpec, TypeVar

import aiosqlite

Params = Iterable[Any] | Mapping[str, Any]
P = ParamSpec("P")
T = TypeVar("T")


async def in_worker(
    conn: aiosqlite.Connection,
    work: Callable[Concatenate[sqlite3.Connection, P], T],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """``work(sqlite_connection, *args, **kwargs)`` run in ``conn``'s worker thread,
    the only thread that may use the underlying ``sqlite3.Connection``."""
    # aiosqlite has no public call for this; ``_execute`` is how each of its own
    # methods reaches the thread (tests/storage/test_one_trip_writes.py pins it).
    result: T = await conn._execute(work, conn._conn, *args, **kwargs)
    return result


def fetch_one_sync(
    conn: sqlite3.Connection, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
) -> sqlite3.Row | None:
    """``fetch_one`` for a synchronous storage function running in the worker thread."""
    row: sqlite3.Row | None = conn.execute(sql, params).fetchone()
    return row


def fetch_all_sync(
    conn: sqlite3.Connection, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
) -> list[sqlite3.Row]:
    """``fetch_all`` for a synchronous storage function running in the worker thread."""
    rows: list[sqlite3.Row] = conn.execute(sql, params).fetchall()
    return rows


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
