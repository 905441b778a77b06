"""``Database.write_brief`` and ``read_brief``: on SQLite, short transactions (while
only such are waiting, committed together, a bounded time per commit) and short
reads run on the event loop's own thread (no trip to a database thread and back).
Otherwise a brief write is handled exactly as ``write`` handles it: in the
writer's thread, grouped with the others, and after another process's write lock."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Callable

import pytest

from storage.database import Database
from storage.fetch import fetch_all
from tests.storage.test_group_commit import committed_keys, store_key


async def test_a_lone_brief_write_is_committed_before_it_returns(db: Database) -> None:
    threads: list[int] = []
    writes_before = db.writes
    assert await db.write_brief(store_key("alone", threads=threads)) == "alone"
    assert await committed_keys(db) == {"alone"}  # the reader's connection sees it
    assert db.writes == writes_before + 1
    # SQLite runs it right here; Postgres always in its writer's thread.
    assert (threads == [threading.get_ident()]) == (db.dialect == "sqlite")


async def test_a_failing_brief_write_changes_nothing_and_the_next_one_works(
    db: Database,
) -> None:
    threads: list[int] = []
    with pytest.raises(ValueError, match="bad refused"):
        await db.write_brief(store_key("bad", fail=True, threads=threads))
    assert await committed_keys(db) == set()
    assert await db.write_brief(store_key("good", threads=threads)) == "good"
    assert await committed_keys(db) == {"good"}


async def test_brief_writes_waiting_together_are_committed_together(db: Database) -> None:
    threads: list[int] = []
    writes_before = db.writes
    keys = [f"k{n}" for n in range(12)]
    writes = (db.write_brief(store_key(k, threads=threads)) for k in keys)
    assert await asyncio.gather(*writes) == keys
    assert await committed_keys(db) == set(keys)
    assert db.writes - writes_before < len(keys)  # they shared commits
    # On the event loop on SQLite; in the writer's thread on Postgres.
    assert (set(threads) == {threading.get_ident()}) == (db.dialect == "sqlite")


async def test_a_lone_brief_write_waits_one_turn_of_the_loop_for_company(
    db: Database,
) -> None:
    """The first brief write in line waits a single turn of the event loop: writes
    started in that turn share its commit, one started after it is committed
    alone."""
    writes_before = db.writes
    first = asyncio.ensure_future(db.write_brief(store_key("first", threads=[])))
    second = asyncio.ensure_future(db.write_brief(store_key("second", threads=[])))
    assert await asyncio.gather(first, second) == ["first", "second"]
    assert db.writes == writes_before + 1
    assert await db.write_brief(store_key("third", threads=[])) == "third"
    assert db.writes == writes_before + 2
    assert await committed_keys(db) == {"first", "second", "third"}


async def test_a_brief_write_cancelled_while_waiting_for_company_leaves_none_stranded(
    db: Database,
) -> None:
    """Cancelled during its turn of waiting, the first write still has the writes
    that joined it committed (its own too: it was queued, as any write whose caller
    stops waiting is stored anyway)."""
    first = asyncio.ensure_future(db.write_brief(store_key("first", threads=[])))
    joined = asyncio.ensure_future(db.write_brief(store_key("joined", threads=[])))
    await asyncio.sleep(0)  # both are queued now; the first waits its turn
    first.cancel()
    assert await asyncio.wait_for(joined, timeout=5) == "joined"
    with pytest.raises(asyncio.CancelledError):
        await first
    assert await committed_keys(db) == {"first", "joined"}


async def test_a_write_that_is_not_brief_takes_the_whole_group_to_the_writer_thread(
    db: Database,
) -> None:
    threads: list[int] = []
    results = await asyncio.gather(db.write_brief(store_key("brief", threads=threads)),
                                   db.write(store_key("long", threads=threads)))
    assert results == ["brief", "long"]
    assert threads and threading.get_ident() not in threads


@pytest.mark.sqlite_only
async def test_brief_writes_hold_the_loop_for_a_bounded_time_per_commit(
    db: Database,
) -> None:
    """A burst of brief writes is split into commits of about ``LOOP_COMMIT_SECONDS``
    each (the loop runs other callbacks between them); every caller still hears
    back only after its own commit."""
    threads: list[int] = []

    def slow(key: str) -> Callable[[sqlite3.Connection], str]:
        store = store_key(key, threads=threads)

        def work(conn: sqlite3.Connection) -> str:
            time.sleep(0.003)
            return store(conn)

        return work

    writes_before = db.writes
    keys = [f"k{n}" for n in range(6)]
    heard: list[tuple[str, set[str]]] = []

    async def one(key: str) -> None:
        await db.write_brief(slow(key))
        heard.append((key, await committed_keys(db)))

    await asyncio.gather(*(one(key) for key in keys))
    commits = db.writes - writes_before
    assert 2 <= commits <= len(keys)  # 18 ms of work, at most 5 ms (plus one work) a commit
    assert all(key in committed for key, committed in heard)
    assert await committed_keys(db) == set(keys)
    assert set(threads) == {threading.get_ident()}


@pytest.mark.sqlite_only
async def test_a_brief_write_waits_for_another_process_off_the_loop(db: Database) -> None:
    """Another process holding the file's write lock: waiting for it on the loop would
    stall every command, so the writer's thread waits instead."""
    other = sqlite3.connect(db.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        threads: list[int] = []
        write = asyncio.create_task(db.write_brief(store_key("after", threads=threads)))
        loop = asyncio.get_running_loop()
        started = loop.time()
        await asyncio.sleep(0.05)
        # Waiting on the loop would have held it for the 5 s busy timeout.
        assert loop.time() - started < 2
        assert not write.done()
        other.execute("COMMIT")
        assert await asyncio.wait_for(write, timeout=10) == "after"
    finally:
        other.close()
    assert threads and threading.get_ident() not in threads
    assert await committed_keys(db) == {"after"}


@pytest.mark.sqlite_only
async def test_the_loop_never_waits_after_the_writer_thread_waited(db: Database) -> None:
    """The writer's thread waits for other processes, the loop never: after a write
    in the thread, a brief write on the loop meets a held lock at once again."""
    await db.write(store_key("in the thread"))
    on_loop: list[int] = []
    await db.write_brief(store_key("on the loop", threads=on_loop))
    assert on_loop == [threading.get_ident()]
    other = sqlite3.connect(db.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        loop = asyncio.get_running_loop()
        started = loop.time()
        write = asyncio.create_task(db.write_brief(store_key("held")))
        await asyncio.sleep(0.05)
        assert loop.time() - started < 2 and not write.done()
        other.execute("COMMIT")
        assert await asyncio.wait_for(write, timeout=10) == "held"
    finally:
        other.close()
    assert await committed_keys(db) == {"in the thread", "on the loop", "held"}


async def test_a_brief_read_sees_every_committed_write(db: Database) -> None:
    threads: list[int] = []

    def keys(conn: sqlite3.Connection) -> list[str]:
        threads.append(threading.get_ident())
        return [row[0] for row in fetch_all(conn, "SELECT key FROM bot_state ORDER BY key")]

    assert await db.read_brief(keys) == []
    await db.write(store_key("first"))
    assert await db.read_brief(keys) == ["first"]
    await db.write_brief(store_key("second"))
    assert await db.read_brief(keys) == ["first", "second"]
    assert (set(threads) == {threading.get_ident()}) == (db.dialect == "sqlite")


async def test_a_brief_read_cannot_write(db: Database) -> None:
    with pytest.raises(db.query_errors):
        await db.read_brief(store_key("sneaky"))
    assert await committed_keys(db) == set()
