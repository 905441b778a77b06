"""Small helpers for storage functions: one row, all rows, one value."""

from __future__ import annotations

from typing import Any

from storage.connection import Connection, Params, Row


def fetch_all(conn: Connection, sql: str, params: Params = ()) -> list[Row]:
    """Every row of ``sql``."""
    rows: list[Row] = conn.execute(sql, params).fetchall()
    return rows


def fetch_one(conn: Connection, sql: str, params: Params = ()) -> Row | None:
    """The first row of ``sql`` (meant for queries of at most one row), or None."""
    row: Row | None = conn.execute(sql, params).fetchone()
    return row


def fetch_value(conn: Connection, sql: str, params: Params = ()) -> Any:
    """The first column of the first row of ``sql``, or None when there is no row."""
    row = fetch_one(conn, sql, params)
    return None if row is None else row[0]
