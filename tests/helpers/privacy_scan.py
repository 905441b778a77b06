"""Look through a whole database file for anything left about one member."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.privacy import member_columns


def rows_about(database: Path, member_id: int, external_id: str) -> list[str]:
    """``table.column = value`` for every stored value that still points at the member:
    their ``members.id`` in a member column, or their platform id anywhere at all."""
    found = []
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        for column in member_columns(conn):
            if column.platform_id:
                continue
            rows = conn.execute(
                f'SELECT count(*) FROM "{column.table}" WHERE "{column.column}" = ?',
                (member_id,)).fetchone()
            if rows[0]:
                found.append(f"{column.table}.{column.column} = {member_id} ({rows[0]} rows)")
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for key in row.keys():
                    if external_id in str(row[key]):
                        found.append(f"{table}.{key} = {row[key]!r}")
    return found


def table_count(database: Path, table: str) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
