"""The database layer against real SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.core.errors import StorageUnavailable
from bot.core.refs import DISCORD, CommunityRef
from storage import communities
from storage.backends import open_database
from storage.connection import Connection
from storage.database import (
    Database,
    DatabaseTooNew,
    Synchronous,
    load_migrations,
    split_statements,
)
from storage.fetch import fetch_value


@pytest.mark.sqlite_only
async def test_migrations_set_user_version_and_pragmas(db: Database) -> None:
    def work(conn: Connection):
        version = ((conn.execute("PRAGMA user_version")).fetchone())[0]
        journal = ((conn.execute("PRAGMA journal_mode")).fetchone())[0]
        foreign_keys = ((conn.execute("PRAGMA foreign_keys")).fetchone())[0]
        return version, journal, foreign_keys
    version, journal, foreign_keys = await db.read(work)
    assert version == load_migrations()[-1].version
    assert (journal, foreign_keys) == ("wal", 1)


async def test_newer_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version = 999")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="999"):
        await open_database(path)
    assert path.read_bytes() == before


async def test_transaction_rolls_back_on_error(db: Database) -> None:
    ref = CommunityRef(DISCORD, "42")
    with pytest.raises(RuntimeError):
        def work(conn: Connection):
            communities.ensure_community(conn, ref)
            raise RuntimeError("abort")
        await db.write(work)
    def work(conn: Connection):
        assert communities.find_community(conn, ref) is None
    await db.read(work)


@pytest.mark.sqlite_only
async def test_backup_passes_integrity_check(db: Database, tmp_path: Path) -> None:
    await db.write(communities.ensure_community, CommunityRef(DISCORD, "1"))
    copy_path = tmp_path / "backup" / "copy.sqlite3"
    await db.backup(copy_path)
    copy = await open_database(copy_path, migrate=False)
    try:
        assert await copy.integrity_check() == "ok"
        def work(conn: Connection):
            assert communities.find_community(conn, CommunityRef(DISCORD, "1")) is not None
        await copy.read(work)
    finally:
        await copy.close()


@pytest.mark.sqlite_only
async def test_full_disk_gives_storage_unavailable_and_keeps_committed_rows(db: Database) -> None:
    kept = CommunityRef(DISCORD, "kept")
    await db.write(communities.ensure_community, kept)
    def work(conn: Connection):
        pages = ((conn.execute("PRAGMA page_count")).fetchone())[0]
        return pages
    pages = await db.read(work)
    with pytest.raises(StorageUnavailable):
        def work(conn: Connection):
            conn.execute(f"PRAGMA max_page_count = {pages}")
            conn.executemany(
                "INSERT INTO bot_state (key, value) VALUES (?, ?)",
                [(f"k{i}", "x" * 2000) for i in range(200)],
            )
        await db.write(work)
    def work(conn: Connection):
        assert communities.find_community(conn, kept) is not None
        rows = ((conn.execute("SELECT count(*) FROM bot_state")).fetchone())[0]
        return rows
    rows = await db.read(work)
    assert rows == 0


@pytest.mark.sqlite_only
async def test_read_only_database_gives_storage_unavailable(db: Database) -> None:
    with pytest.raises(StorageUnavailable):
        def work(conn: Connection):
            conn.execute("PRAGMA query_only = 1")
            communities.ensure_community(conn, CommunityRef(DISCORD, "1"))
        await db.write(work)
    def work(conn: Connection):
        assert communities.find_community(conn, CommunityRef(DISCORD, "1")) is None
    await db.read(work)


async def test_query_only_reader_cannot_write(db: Database) -> None:
    def work(conn: Connection):
        with pytest.raises(db.query_errors):
            conn.execute("INSERT INTO bot_state (key, value) VALUES ('a', 'b')")
    await db.read(work)


def test_split_statements_keeps_triggers_whole() -> None:
    script = (
        "CREATE TABLE a (x);\n-- comment\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
        "  UPDATE a SET x = 1;\nEND;\n"
    )
    statements = split_statements(script)
    assert len(statements) == 2 and statements[1].endswith("END;")


@pytest.mark.parametrize(("choice", "pragma"), [("full", 2), ("normal", 1)])
async def test_synchronous_follows_the_setting(tmp_path: Path, choice: Synchronous,
                                               pragma: int) -> None:
    db = await open_database(tmp_path / "sync.sqlite3", synchronous=choice)
    try:
        assert await db.write(fetch_value, "PRAGMA synchronous") == pragma
        assert await db.read(fetch_value, "PRAGMA synchronous") == pragma
    finally:
        await db.close()


async def test_closing_twice_is_harmless_and_keeps_the_rows(tmp_path: Path) -> None:
    path = tmp_path / "twice.sqlite3"
    database = await open_database(path)
    await database.write(communities.ensure_community, CommunityRef(DISCORD, "1"))
    await database.close()
    await database.close()  # a shutdown path and its caller both close
    reopened = await open_database(path)
    try:
        assert await reopened.read(fetch_value, "SELECT COUNT(*) FROM communities") == 1
    finally:
        await reopened.close()
