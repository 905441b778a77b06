"""A Postgres server that drops studybot's connections (a restart, a failover, an
administrator) is reconnected to: a read runs again on a new connection; a write
that was under way fails with a message saying its outcome is unknown (it is not
repeated), and the next one works. SQLite has no server to lose."""

from __future__ import annotations

from collections.abc import AsyncIterator

import psycopg
import pytest

from bot.core.errors import DatabaseUnreachable
from storage.backends import open_database
from storage.database import Database
from storage.fetch import fetch_all
from tests.storage.test_group_commit import committed_keys, store_key


@pytest.fixture
async def pg(postgres_schema_url: str) -> AsyncIterator[Database]:
    database = await open_database(postgres_schema_url)
    try:
        yield database
    finally:
        await database.close()


def drop_connections(url: str) -> int:
    """Terminate every other client connection to the test server's database (the
    suite runs one test at a time, so they are the database under test's)."""
    with psycopg.connect(url, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend'").fetchall()
    return len(rows)


async def test_a_read_after_the_server_dropped_the_connection_runs_on_a_new_one(
    pg: Database, postgres_schema_url: str
) -> None:
    assert await pg.write(store_key("before", threads=[])) == "before"
    assert drop_connections(postgres_schema_url) >= 2  # the reader and the writer
    assert await committed_keys(pg) == {"before"}
    assert await pg.read(fetch_all, "SELECT 1") == [(1,)]


async def test_a_write_under_way_fails_clearly_and_the_next_one_reconnects(
    pg: Database, postgres_schema_url: str
) -> None:
    assert await pg.write(store_key("before", threads=[])) == "before"
    drop_connections(postgres_schema_url)
    with pytest.raises(DatabaseUnreachable) as caught:
        await pg.write(store_key("lost", threads=[]))
    assert caught.value.key == "error.database_unreachable_write"
    assert await pg.write_brief(store_key("after", threads=[])) == "after"
    assert await committed_keys(pg) == {"before", "after"}


async def test_a_read_while_the_server_is_unreachable_says_storage_is_unavailable(
    pg: Database, postgres_schema_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    drop_connections(postgres_schema_url)

    def refuse(*args: object, **kwargs: object) -> None:
        raise psycopg.OperationalError("connection refused")

    monkeypatch.setattr(psycopg, "connect", refuse)
    with pytest.raises(DatabaseUnreachable) as caught:
        await pg.read(fetch_all, "SELECT 1")
    assert caught.value.key == "error.database_unreachable"
    monkeypatch.undo()
    assert await pg.read(fetch_all, "SELECT 1") == [(1,)]
