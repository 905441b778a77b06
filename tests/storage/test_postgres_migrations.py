"""Postgres migrations: applied once under an advisory lock however many processes
start together, the version kept in the database, a newer database refused."""

from __future__ import annotations

import asyncio

import pytest

from storage.backends import open_database
from storage.database import DatabaseTooNew, load_migrations
from storage.fetch import fetch_all, fetch_value


async def test_concurrent_starts_migrate_once(postgres_schema_url: str) -> None:
    opened = await asyncio.gather(*(open_database(postgres_schema_url) for _ in range(3)))
    try:
        db = opened[0]
        versions = await db.read(fetch_all, "SELECT version FROM schema_version")
        assert [row[0] for row in versions] == [load_migrations("postgres")[-1].version]
        # Every table of the last migration exists once: nothing was applied twice.
        assert await db.read(fetch_value, "SELECT count(*) FROM streak_sweeps") == 0
    finally:
        for db in opened:
            await db.close()


async def test_a_newer_database_is_refused_and_untouched(postgres_schema_url: str) -> None:
    db = await open_database(postgres_schema_url)
    try:
        await db.write(lambda conn: conn.execute("UPDATE schema_version SET version = 999"))
    finally:
        await db.close()
    with pytest.raises(DatabaseTooNew, match="999"):
        await open_database(postgres_schema_url)
    with pytest.raises(DatabaseTooNew, match="999"):
        await open_database(postgres_schema_url, migrate=False)
