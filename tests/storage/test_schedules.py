"""Schedules and deliveries in a real SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.identity import DISCORD, CommunityRef
from storage import schedules as store
from storage.communities import ensure_community
from storage.database import Database

GUILD = CommunityRef(DISCORD, "1")
OTHER = CommunityRef(DISCORD, "2")
T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


async def _insert(db: Database, community: CommunityRef = GUILD, kind: str = "reminder",
                  rule: str = "cron 0 9 * * *") -> int:
    async with db.transaction() as conn:
        community_id = await ensure_community(conn, community)
        return await store.insert_schedule(
            conn, community_id=community_id, kind=kind, channel_id="10", rule=rule,
            message="hi", ping_role=None, payload={"a": [1, 2]}, created_by="42", created_at=T0)


async def test_schedule_round_trip_and_scoping(db: Database) -> None:
    schedule_id = await _insert(db)
    async with db.read() as conn:
        schedule = await store.get_schedule(conn, schedule_id)
        assert await store.find_schedule(conn, OTHER, schedule_id) is None
        assert await store.find_schedule(conn, GUILD, schedule_id, "digest") is None
        found = await store.find_schedule(conn, GUILD, schedule_id, "reminder")
    assert schedule is not None and schedule == found
    assert schedule.payload == {"a": [1, 2]}
    assert schedule.handled_until == T0 and schedule.status == "active"
    assert schedule.channel.external_id == "10" and schedule.channel.community == GUILD


async def test_ids_are_never_reused(db: Database) -> None:
    first = await _insert(db)
    async with db.transaction() as conn:
        assert await store.delete_schedule(conn, first)
    assert await _insert(db) != first


async def test_delivery_key_makes_a_second_claim_a_no_op(db: Database) -> None:
    schedule_id = await _insert(db)
    occurrence = T0 + timedelta(hours=1)
    row = store.NewDelivery(schedule_id, occurrence, "sending", nonce="n", attempts=1,
                            attempted_at=T0)
    async with db.transaction() as conn:
        await store.insert_deliveries(conn, [row])
        await store.insert_deliveries(conn, [row, store.NewDelivery(
            schedule_id, occurrence, "skipped", reason="dup")])
        assert await store.existing_deliveries(conn, [(schedule_id, occurrence),
                                                      (schedule_id, T0)]) == {
            (schedule_id, occurrence)}
    async with db.read() as conn:
        (delivery,) = await store.list_deliveries(conn, schedule_id)
    assert (delivery.status, delivery.nonce, delivery.reason) == ("sending", "n", None)
    with pytest.raises(sqlite3.IntegrityError):
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO deliveries (schedule_id, occurrence_utc, status) VALUES (?, ?, ?)",
                (schedule_id, store.to_db_time(occurrence), "sent"))


async def test_outcomes_only_change_sending_rows(db: Database) -> None:
    schedule_id = await _insert(db)
    sending, skipped = T0 + timedelta(hours=1), T0
    async with db.transaction() as conn:
        await store.insert_deliveries(conn, [
            store.NewDelivery(schedule_id, sending, "sending", attempts=1, attempted_at=T0),
            store.NewDelivery(schedule_id, skipped, "skipped", reason="old")])
        await store.record_outcomes(conn, [
            store.DeliveryOutcome(schedule_id, sending, "sent", 1, message_id="m",
                                  finished_at=T0),
            store.DeliveryOutcome(schedule_id, skipped, "sent", 1, message_id="x")])
    async with db.read() as conn:
        rows = await store.list_deliveries(conn, schedule_id)
        assert await store.sending_deliveries(conn) == []
    assert [(d.status, d.message_id) for d in rows] == [("skipped", None), ("sent", "m")]


async def test_active_timings_and_status_changes(db: Database) -> None:
    kept, paused, finished = await _insert(db), await _insert(db, OTHER), await _insert(db)
    async with db.transaction() as conn:
        await store.pause_active(conn, [(paused, "gone")])
        await store.finish_active(conn, [finished])
        await store.advance_handled_until(conn, [(kept, T0 + timedelta(days=1)),
                                                 (kept, T0 - timedelta(days=1))])
    async with db.read() as conn:
        timings = await store.load_active_timings(conn)
        paused_row = await store.get_schedule(conn, paused)
    assert [(t.id, t.community, t.handled_until) for t in timings] == [
        (kept, GUILD, T0 + timedelta(days=1))]  # handled_until never moves back
    assert paused_row is not None and paused_row.paused_reason == "gone"


async def test_one_digest_per_community(db: Database) -> None:
    await _insert(db, kind="digest")
    await _insert(db, OTHER, kind="digest")
    with pytest.raises(sqlite3.IntegrityError):
        await _insert(db, kind="digest")


async def test_start_up_queries_use_indexes(db: Database) -> None:
    async with db.read() as conn:
        for sql in ("SELECT id FROM schedules WHERE status = 'active'",
                    "SELECT * FROM deliveries WHERE status = 'sending'"):
            async with conn.execute("EXPLAIN QUERY PLAN " + sql) as cursor:
                plan = " ".join(str(row[3]) for row in await cursor.fetchall())
            assert "USING" in plan and "INDEX" in plan, plan


@settings(max_examples=100, deadline=None)
@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                    timezones=st.sampled_from([UTC, ZoneInfo("Asia/Seoul"),
                                               ZoneInfo("America/New_York")])),
       st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(days=400)))
def test_db_time_round_trips_and_sorts(moment: datetime, delta: timedelta) -> None:
    instant = moment.astimezone(UTC)  # compare instants: local wall times may not exist
    text = store.to_db_time(moment)
    assert store.from_db_time(text) == instant
    assert text < store.to_db_time(instant + delta)
