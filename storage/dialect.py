"""Queries that differ between SQLite and Postgres, by name, one file per dialect.

Most statements are plain SQL both databases run as written (``?`` and ``:name``
parameters; the Postgres connection turns them into its own). The few that are
not live in ``storage/queries/<dialect>.sql`` as ``-- name: KEY`` sections; every
key exists in both files (a test checks), and a storage function picks its
connection's with ``query(conn, KEY)``.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from storage.connection import Connection

DIALECTS = ("sqlite", "postgres")
_SECTION = re.compile(r"^-- name: (\S+)[ \t]*$", re.M)


def dialect_of(conn: Connection) -> str:
    """``"postgres"`` for a Postgres connection, else ``"sqlite"`` (Python's own
    ``sqlite3.Connection`` is used as it is, without a wrapper)."""
    return str(getattr(conn, "dialect", "sqlite"))


@functools.cache
def dialect_queries(dialect: str) -> dict[str, str]:
    """The named queries of ``dialect`` (read once, on first use)."""
    text = resources.files("storage.queries").joinpath(f"{dialect}.sql").read_text("utf-8")
    parts = _SECTION.split(text)
    found: dict[str, str] = {}
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        if name in found:
            raise ValueError(f"storage/queries/{dialect}.sql: {name} is named twice")
        lines = [line for line in body.strip().splitlines() if not line.startswith("--")]
        found[name] = "\n".join(lines).strip().rstrip(";")
    return found


def query(conn: Connection, name: str) -> str:
    """The text of query ``name`` in ``conn``'s dialect."""
    return dialect_queries(dialect_of(conn))[name]
