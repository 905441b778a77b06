"""A Postgres server that drops studybot's connections (a restart, a failover, an
administrator) is reconnected to. A read runs again on a new connection, and so
does a write whose connection was lost before its COMMIT went out (the server
rolled it back). A write lost during its COMMIT is not repeated: the member is
told it may or may not be stored. SQLite has no server to lose."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import psycopg
import pytest

from bot.core.errors import DatabaseUnreachable
from storage.backends import open_database
from storage.database import Database
from storage.fetch import fetch_all
from storage.postgres import PgConnection
from tests.storage.test_group_commit import committed_keys, store_key


@pytest.fixture
async def pg(postgres_schema_url: str) -> AsyncIterator[Database]:
    database = await open_database(postgres_schema_url)
    try:
        yield database
    finally:
        await database.close()


def drop_connections(url: str, pid: int | None = None) -> int:
    """Terminate the backend ``pid``, or every other client connection to the test
    server's database (the suite runs one test at a time, so they are the database
    under test's); returns how many were terminated."""
    with psycopg.connect(url, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend' AND (%s::int IS NULL OR pid = %s::int)",
            (pid, pid)).fetchall()
    return len(rows)


def dropping_its_connection_once(url: str, key: str) -> Callable[[PgConnection], str]:
    """A work storing ``key`` whose first run has the server drop its connection
    once its insert is done, so the next statement (the COMMIT) is lost."""
    runs: list[int] = []

    def work(conn: PgConnection) -> str:
        conn.execute("INSERT INTO bot_state (key, value) VALUES (?, 'v')", (key,))
        if not runs:
            runs.append(1)
            assert drop_connections(url, conn.raw.info.backend_pid) == 1
        return key

    return work


async def test_a_read_after_the_server_dropped_the_connection_runs_on_a_new_one(
    pg: Database, postgres_schema_url: str
) -> None:
    assert await pg.write(store_key("before", threads=[])) == "before"
    assert drop_connections(postgres_schema_url) >= 2  # the reader and the writer
    assert await committed_keys(pg) == {"before"}
    assert await pg.read(fetch_all, "SELECT 1") == [(1,)]


async def test_a_write_lost_before_its_commit_is_written_again_on_a_new_connection(
    pg: Database, postgres_schema_url: str
) -> None:
    assert await pg.write(store_key("before", threads=[])) == "before"
    drop_connections(postgres_schema_url)
    assert await pg.write_brief(store_key("after", threads=[])) == "after"
    assert await committed_keys(pg) == {"before", "after"}


async def test_a_write_lost_during_its_commit_is_not_repeated_and_says_so(
    pg: Database, postgres_schema_url: str
) -> None:
    with pytest.raises(DatabaseUnreachable) as caught:
        await pg.write(dropping_its_connection_once(postgres_schema_url, "lost"))
    assert caught.value.key == "error.database_unreachable_write"
    assert await committed_keys(pg) == set()  # here the server never got the COMMIT
    assert await pg.write(store_key("next", threads=[])) == "next"
    assert await committed_keys(pg) == {"next"}


async def test_while_the_server_refuses_connections_commands_say_it_cannot_be_reached(
    pg: Database, postgres_schema_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    drop_connections(postgres_schema_url)

    def refuse(*args: object, **kwargs: object) -> None:
        raise psycopg.OperationalError("connection refused")

    monkeypatch.setattr(psycopg, "connect", refuse)
    for attempt in (pg.read(fetch_all, "SELECT 1"), pg.write(store_key("no", threads=[]))):
        with pytest.raises(DatabaseUnreachable) as caught:
            await attempt
        assert caught.value.key == "error.database_unreachable"
    monkeypatch.undo()
    assert await pg.read(fetch_all, "SELECT 1") == [(1,)]
    assert await pg.write(store_key("yes", threads=[])) == "yes"
    assert await committed_keys(pg) == {"yes"}
