"""Write transactions that run whole in the writer's thread (``Database.run_transaction``)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.community import CommunityService
from bot.identity import DISCORD, CommunityRef, MemberRef
from bot.streaks.service import StreakService
from storage.database import Database

GUILD = CommunityRef(DISCORD, "9001")


async def _count(db: Database, table: str) -> int:
    async with db.read() as conn:
        rows = await conn.execute_fetchall(f"SELECT count(*) FROM {table}")
    return int(next(iter(rows))[0])


async def test_a_transaction_is_committed_before_it_returns(db: Database) -> None:
    def write(conn: sqlite3.Connection) -> int:
        conn.execute("INSERT INTO communities (platform, external_id) VALUES ('discord', '1')")
        return 7

    assert await db.run_transaction(write) == 7
    assert await _count(db, "communities") == 1  # the read-only connection sees it


async def test_an_error_rolls_everything_back_and_the_writer_stays_usable(db: Database) -> None:
    def fail_halfway(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO communities (platform, external_id) VALUES ('discord', '1')")
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        await db.run_transaction(fail_halfway)
    assert await _count(db, "communities") == 0
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO communities (platform, external_id) VALUES ('discord', '2')")
    assert await _count(db, "communities") == 1


async def test_a_check_in_costs_one_trip_to_the_writer_thread(
    db: Database, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    community = CommunityService(db, clock)
    streaks = StreakService(db, clock, community)
    member = MemberRef(GUILD, "100")
    await community.config(GUILD)  # settings are cached after the first read
    await streaks.check_in(member, "Alice")  # first sight: creates the member

    writer = db._writer
    trips = []
    original = writer._execute

    async def counting(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        trips.append(fn)
        return await original(fn, *args, **kwargs)

    monkeypatch.setattr(writer, "_execute", counting)
    clock.advance(timedelta(days=1))
    result = await streaks.check_in(member, "Alice", paper="Attention Is All You Need")
    assert result.counted and result.current == 2
    assert len(trips) == 1
    assert await _count(db, "streak_checkins") == 2
