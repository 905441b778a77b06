"""``Database.write``'s group commit: works waiting for the writer are committed
together, each is all-or-nothing on its own, and nobody hears back before the
commit."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

import pytest

import storage.database as database_module
from storage.database import Database, StorageUnavailable
from storage.fetch import fetch_all


def store_key(key: str, *, fail: bool = False, threads: list[int] | None = None,
              ) -> Callable[[sqlite3.Connection], str]:
    """A work storing ``key`` (refused after the insert with ``fail``); with
    ``threads``, it notes there the thread it ran in."""
    def work(conn: sqlite3.Connection) -> str:
        if threads is not None:
            threads.append(threading.get_ident())
        conn.execute("INSERT INTO bot_state (key, value) VALUES (?, 'v')", (key,))
        if fail:
            raise ValueError(f"{key} refused")
        return key

    return work


async def committed_keys(db: Database) -> set[str]:
    """The keys committed, as the reader (a connection of its own) sees them."""
    rows = await db.read(fetch_all, "SELECT key FROM bot_state")
    return {row[0] for row in rows}


@pytest.fixture
def groups(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every group committed."""
    sizes: list[int] = []
    original = database_module.commit_group

    def counting(conn: sqlite3.Connection, works: list[Callable[[sqlite3.Connection], Any]]
                 ) -> list[tuple[Any, Exception | None]]:
        sizes.append(len(works))
        return original(conn, works)

    monkeypatch.setattr(database_module, "commit_group", counting)
    return sizes


async def test_waiting_works_share_one_commit_and_each_caller_sees_it(
    db: Database, groups: list[int]
) -> None:
    async def one(key: str) -> str:
        result = await db.write(store_key(key))
        assert key in await committed_keys(db)  # committed before the caller heard back
        return result

    assert await one("alone") == "alone"
    assert groups == [1]  # a lone work waits for no company
    keys = [f"k{n}" for n in range(40)]
    assert await asyncio.gather(*(one(key) for key in keys)) == keys
    assert await committed_keys(db) == {"alone", *keys}
    assert sum(groups) == 41
    assert len(groups) < 41  # works that waited for the writer shared a commit


async def test_a_failing_work_is_rolled_back_alone(db: Database, groups: list[int]) -> None:
    results = await asyncio.gather(
        db.write(store_key("a")),
        db.write(store_key("b", fail=True)),
        db.write(store_key("c")),
        db.write(store_key("d", fail=True)),
        return_exceptions=True,
    )
    assert results[0] == "a" and results[2] == "c"
    assert isinstance(results[1], ValueError) and isinstance(results[3], ValueError)
    assert await committed_keys(db) == {"a", "c"}
    assert any(size > 1 for size in groups)


@pytest.mark.sqlite_only
async def test_a_full_disk_fails_the_work_that_hit_it_and_the_rest_are_committed(
    db: Database, groups: list[int],
) -> None:
    await db.write(store_key("kept"))
    with sqlite3.connect(db.path) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]

    def fill(conn: sqlite3.Connection) -> None:
        # Cap the file at its current size: SQLite then reports SQLITE_FULL, as on
        # a full disk.
        conn.execute(f"PRAGMA max_page_count = {pages}")
        conn.executemany("INSERT INTO bot_state (key, value) VALUES (?, ?)",
                         [(f"big{i}", "x" * 2000) for i in range(200)])

    results = await asyncio.gather(db.write(store_key("first")),
                                   db.write(fill),
                                   db.write(store_key("last")),
                                   return_exceptions=True)
    assert isinstance(results[1], StorageUnavailable)
    assert (results[0], results[2]) == ("first", "last")
    assert await committed_keys(db) == {"kept", "first", "last"}
    assert groups[-1] == 3  # one group, run again without the work that failed


async def test_a_burst_is_committed_in_bounded_groups_in_arrival_order(
    db: Database, groups: list[int],
) -> None:
    """The first members of a burst hear back before the last are committed."""
    groups_when_first_heard: list[int] = []

    async def one(key: str) -> str:
        result = await db.write(store_key(key))
        if not groups_when_first_heard:
            groups_when_first_heard.append(len(groups))  # groups begun by then
        return result

    keys = [f"k{n:03d}" for n in range(3 * database_module.GROUP_COMMIT_LIMIT + 5)]
    assert await asyncio.gather(*(one(key) for key in keys)) == keys
    assert await committed_keys(db) == set(keys)
    assert groups == [database_module.GROUP_COMMIT_LIMIT] * 3 + [5]
    assert groups_when_first_heard[0] < len(groups)
