"""The storage suite runs against both backends: every test that takes ``db`` runs
once on a SQLite file and once on Postgres (``tests/helpers/postgres.py``). A test about
SQLite itself (its file, its pragmas, its errors) is marked ``sqlite_only``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.backends import open_database
from storage.database import Database


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about SQLite itself; not run on Postgres")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    dropped = [item for item in items
               if item.get_closest_marker("sqlite_only") and "[postgres" in item.nodeid]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]


@pytest.fixture(params=["sqlite", "postgres"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated database, closed after the test: a temporary SQLite file, or a
    schema of its own on the test Postgres server."""
    if request.param == "sqlite":
        target: Path | str = tmp_path / "studybot.sqlite3"
    else:
        target = request.getfixturevalue("postgres_schema_url")
    database = await open_database(target)
    try:
        yield database
    finally:
        await database.close()


def integrity_error(db: Database) -> type[Exception]:
    """What ``db``'s driver raises when a constraint of the schema refuses a row."""
    if db.dialect == "postgres":
        import psycopg

        return psycopg.IntegrityError
    import sqlite3

    return sqlite3.IntegrityError
