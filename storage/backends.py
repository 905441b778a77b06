"""Opening a database: the implementation follows from what is named."""

from __future__ import annotations

from pathlib import Path

from bot.core.urls import sqlite_path
from storage.database import Database, Synchronous


async def open_database(
    target: Path | str, *, migrate: bool = True, synchronous: Synchronous = "full"
) -> Database:
    """Open (creating if needed) and, unless told otherwise, migrate the database
    ``target`` names: a SQLite file (a path, or ``sqlite:///path`` as
    ``bot.core.urls.sqlite_path`` reads it) or a ``postgresql://`` URL.

    ``synchronous="full"`` (the default) puts every commit on disk before it
    returns; ``"normal"`` skips that fsync (SQLite's ``synchronous=NORMAL``,
    Postgres's ``synchronous_commit=off``): committed data survives a crash of
    the process but not necessarily a power cut of the machine.

    A database that cannot be used raises ``DatabaseUnavailable``; every
    connection and thread opened so far is closed first, so none outlives the
    failure and keeps the process alive."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        from storage.postgres import PostgresDatabase

        return await PostgresDatabase.connect(text, migrate=migrate, synchronous=synchronous)
    from storage.sqlite import SqliteDatabase

    path = Path(sqlite_path(text) or text)
    return await SqliteDatabase.connect(path, migrate=migrate, synchronous=synchronous)
