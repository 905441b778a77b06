"""The database layer against real SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.errors import StorageUnavailable
from bot.identity import DISCORD, CommunityRef
from storage import communities
from storage.database import (
    Database,
    DatabaseTooNew,
    Synchronous,
    load_migrations,
    split_statements,
)


async def test_migrations_set_user_version_and_pragmas(db: Database) -> None:
    async with db.read() as conn:
        version = (await (await conn.execute("PRAGMA user_version")).fetchone())[0]
        journal = (await (await conn.execute("PRAGMA journal_mode")).fetchone())[0]
        foreign_keys = (await (await conn.execute("PRAGMA foreign_keys")).fetchone())[0]
    assert version == len(load_migrations())
    assert (journal, foreign_keys) == ("wal", 1)


async def test_newer_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version = 999")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="999"):
        await Database.open(path)
    assert path.read_bytes() == before


async def test_transaction_rolls_back_on_error(db: Database) -> None:
    ref = CommunityRef(DISCORD, "42")
    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            await communities.ensure_community(conn, ref)
            raise RuntimeError("abort")
    async with db.read() as conn:
        assert await communities.find_community(conn, ref) is None


async def test_backup_passes_integrity_check(db: Database, tmp_path: Path) -> None:
    async with db.transaction() as conn:
        await communities.ensure_community(conn, CommunityRef(DISCORD, "1"))
    copy_path = tmp_path / "backup" / "copy.sqlite3"
    await db.backup(copy_path)
    copy = await Database.open(copy_path, migrate=False)
    try:
        assert await copy.integrity_check() == "ok"
        async with copy.read() as conn:
            assert await communities.find_community(conn, CommunityRef(DISCORD, "1")) is not None
    finally:
        await copy.close()


async def test_full_disk_gives_storage_unavailable_and_keeps_committed_rows(db: Database) -> None:
    kept = CommunityRef(DISCORD, "kept")
    async with db.transaction() as conn:
        await communities.ensure_community(conn, kept)
    async with db.read() as conn:
        pages = (await (await conn.execute("PRAGMA page_count")).fetchone())[0]
    with pytest.raises(StorageUnavailable):
        async with db.transaction() as conn:
            # Cap the file at its current size: SQLite then reports SQLITE_FULL,
            # exactly as on a full disk.
            await conn.execute(f"PRAGMA max_page_count = {pages}")
            await conn.executemany(
                "INSERT INTO bot_state (key, value) VALUES (?, ?)",
                [(f"k{i}", "x" * 2000) for i in range(200)],
            )
    async with db.read() as conn:
        assert await communities.find_community(conn, kept) is not None
        rows = (await (await conn.execute("SELECT count(*) FROM bot_state")).fetchone())[0]
    assert rows == 0


async def test_read_only_database_gives_storage_unavailable(db: Database) -> None:
    with pytest.raises(StorageUnavailable):
        async with db.transaction() as conn:
            await conn.execute("PRAGMA query_only = 1")
            await communities.ensure_community(conn, CommunityRef(DISCORD, "1"))
    async with db.read() as conn:
        assert await communities.find_community(conn, CommunityRef(DISCORD, "1")) is None


async def test_query_only_reader_cannot_write(db: Database) -> None:
    async with db.read() as conn:
        with pytest.raises(sqlite3.OperationalError):
            await conn.execute("INSERT INTO bot_state (key, value) VALUES ('a', 'b')")


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
    db = await Database.open(tmp_path / "sync.sqlite3", synchronous=choice)
    try:
        for connection in (db._writer, db._reader):
            rows = await connection.execute_fetchall("PRAGMA synchronous")
            assert next(iter(rows))[0] == pragma
    finally:
        await db.close()
