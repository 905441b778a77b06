"""Write transactions that run whole in one place: the writer's thread
(``Database.write``), or the event loop for a brief one alone (``write_brief``)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.core.refs import MemberRef
from storage.connection import Connection
from storage.database import Database
from storage.fetch import fetch_value
from tests.helpers.refs import GUILD
from tests.helpers.world import make_services


async def _count(db: Database, table: str) -> int:
    return int(await db.read(fetch_value, f"SELECT count(*) FROM {table}"))


async def test_a_transaction_is_committed_before_it_returns(db: Database) -> None:
    def write(conn: Connection) -> int:
        conn.execute("INSERT INTO communities (platform, external_id) VALUES ('discord', '1')")
        return 7

    assert await db.write(write) == 7
    assert await _count(db, "communities") == 1  # the read-only connection sees it


async def test_an_error_rolls_everything_back_and_the_writer_stays_usable(db: Database) -> None:
    def fail_halfway(conn: Connection) -> None:
        conn.execute("INSERT INTO communities (platform, external_id) VALUES ('discord', '1')")
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        await db.write(fail_halfway)
    assert await _count(db, "communities") == 0

    def insert(conn: Connection) -> None:
        conn.execute("INSERT INTO communities (platform, external_id) VALUES ('discord', '2')")

    await db.write(insert)
    assert await _count(db, "communities") == 1


async def test_a_check_in_is_one_transaction_run_on_the_loop_on_sqlite(
    db: Database, clock: ManualClock
) -> None:
    services = make_services(db, clock)
    community, streaks = services.community, services.streaks
    member = MemberRef(GUILD, "100")
    await community.config(GUILD)  # settings are cached after the first read
    await streaks.check_in(member, "Alice")  # first sight: creates the member

    trips_before, writes_before = db.write_trips, db.writes
    clock.advance(timedelta(days=1))
    result = await streaks.check_in(member, "Alice", paper="Attention Is All You Need")
    assert result.counted and result.current == 2
    assert db.writes - writes_before == 1
    # Alone, it is brief enough for the event loop on SQLite (``write_brief``);
    # Postgres sends it to its writer's thread in one trip.
    assert db.write_trips - trips_before == (0 if db.dialect == "sqlite" else 1)
    assert await _count(db, "streak_checkins") == 2
