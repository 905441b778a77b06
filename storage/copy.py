"""Copying a whole database to another (``studybot db copy``): every table, in an
order that satisfies the foreign keys, checked by row counts and checksums.

The reading side and the writing side are storage functions like any other, so
either backend can be either end; the target must be migrated and empty.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storage.connection import Connection
from storage.dialect import dialect_of, query
from storage.fetch import fetch_all

# Columns a database keeps for itself, which the copy leaves to the target: Postgres
# numbers presenters in the order they were given (SQLite keeps it as the rowid), and a
# schedule's revision counts changes for the processes running on that database.
DIALECT_ONLY_COLUMNS = {("session_presenters", "seq"), ("schedules", "revision")}


class CopyRefused(Exception):
    """The copy cannot be made (or did not check out); ``str()`` is one line."""


@dataclass(frozen=True)
class TableCopy:
    """One table's rows as read from the source."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    @property
    def checksum(self) -> str:
        return checksum(self.rows)


def checksum(rows: Sequence[Sequence[Any]]) -> str:
    """A digest of ``rows`` that ignores their order (each row's values as text)."""
    lines = sorted("\x1f".join("\x00" if v is None else str(v) for v in row) for row in rows)
    return hashlib.sha256("\x1e".join(lines).encode()).hexdigest()


def tables_in_order(conn: Connection) -> list[str]:
    """Every table, each after the tables its foreign keys refer to."""
    tables = [str(row[0]) for row in fetch_all(conn, query(conn, "schema.tables"))]
    refers = {table: {str(row[0]) for row in fetch_all(
        conn, query(conn, "schema.referenced_tables").format(table=table))} for table in tables}
    ordered: list[str] = []
    while len(ordered) < len(tables):
        ready = [t for t in tables
                 if t not in ordered and refers[t] - {t} <= set(ordered)]
        if not ready:
            left = sorted(set(tables) - set(ordered))
            raise CopyRefused(f"foreign keys form a loop among {', '.join(left)}")
        ordered.extend(ready)
    return ordered


def columns_of(conn: Connection, table: str) -> list[str]:
    """The columns of ``table``, in their order."""
    rows = fetch_all(conn, query(conn, "schema.columns").format(table=table))
    return [str(row[0]) for row in rows]


def read_tables(conn: Connection) -> list[TableCopy]:
    """Every table's rows, in one read transaction (a consistent snapshot)."""
    conn.execute(query(conn, "privacy.begin_snapshot"))
    try:
        found = []
        for table in tables_in_order(conn):
            columns = tuple(c for c in columns_of(conn, table)
                            if (table, c) not in DIALECT_ONLY_COLUMNS)
            names = ", ".join(f'"{c}"' for c in columns)
            rows = [tuple(row) for row in fetch_all(conn, f'SELECT {names} FROM "{table}"')]
            found.append(TableCopy(table, columns, rows))
        return found
    finally:
        conn.execute("COMMIT")


def write_tables(conn: Connection, tables: Sequence[TableCopy]) -> dict[str, int]:
    """Insert every table's rows into the empty, migrated database ``conn`` writes to
    (one transaction: ``Database.write``), then check each table's row count and
    checksum against the source's; returns the rows copied by table."""
    if dialect_of(conn) != "postgres":
        raise CopyRefused("the target must be a postgresql:// database (copying into SQLite "
                          "would run its triggers on rows copied as they are)")
    present = set(tables_in_order(conn))
    missing = [t.name for t in tables if t.name not in present]
    if missing:
        raise CopyRefused(f"the target has no table {', '.join(missing)}; "
                          "are both databases at the same schema version?")
    for table in tables:
        if conn.execute(f'SELECT 1 FROM "{table.name}" LIMIT 1').fetchone() is not None:
            raise CopyRefused(f"the target is not empty (table {table.name} has rows)")
    for table in tables:
        unknown = set(table.columns) - set(columns_of(conn, table.name))
        if unknown:
            raise CopyRefused(f"table {table.name}: the target has no column "
                              f"{', '.join(sorted(unknown))}")
        # Rows are copied as they are: the triggers would count them a second time.
        conn.execute(f'ALTER TABLE "{table.name}" DISABLE TRIGGER USER')
        names = ", ".join(f'"{c}"' for c in table.columns)
        marks = ", ".join("?" for _ in table.columns)
        if table.rows:
            conn.executemany(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})',
                             table.rows)
        conn.execute(f'ALTER TABLE "{table.name}" ENABLE TRIGGER USER')
        if "id" in table.columns:  # identities go on after the copied ids
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)')
    copied = {}
    for table in tables:
        names = ", ".join(f'"{c}"' for c in table.columns)
        stored = [tuple(row) for row in fetch_all(conn, f'SELECT {names} FROM "{table.name}"')]
        if len(stored) != len(table.rows):
            raise CopyRefused(f"table {table.name}: {len(table.rows)} rows in the source, "
                              f"{len(stored)} in the target")
        if checksum(stored) != table.checksum:
            raise CopyRefused(f"table {table.name}: the copied rows differ from the source's "
                              "(checksum mismatch)")
        copied[table.name] = len(stored)
    return copied
