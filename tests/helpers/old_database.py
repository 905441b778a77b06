"""A SQLite file at an earlier schema version, for tests of what an upgrade does."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.database import load_migrations, split_statements


def database_before(path: Path, migration: str) -> sqlite3.Connection:
    """A new SQLite file at ``path`` migrated up to, not including, the migration
    whose name contains ``migration``; the open connection, for rows to go in (the
    caller commits and closes it before opening the file with ``open_database``)."""
    version = next(m.version for m in load_migrations() if migration in m.name)
    raw = sqlite3.connect(path)
    for earlier in load_migrations()[: version - 1]:
        for statement in split_statements(earlier.sql):
            raw.execute(statement)
    raw.execute(f"PRAGMA user_version = {version - 1}")
    return raw
