"""Schedules and deliveries in a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.refs import CommunityRef
from storage import schedules as store
from storage.communities import ensure_community
from storage.connection import Connection
from storage.database import Database
from tests.helpers.refs import GUILD, OTHER_GUILD
from tests.storage.conftest import integrity_error

T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


async def _insert(db: Database, community: CommunityRef = GUILD, kind: str = "reminder",
                  rule: str = "cron 0 9 * * *") -> int:
    def work(conn: Connection):
        community_id = ensure_community(conn, community)
        return store.insert_schedule(
            conn, community_id=community_id, kind=kind, channel_id="10", rule=rule,
            message="hi", ping_role=None, payload={"a": [1, 2]}, created_by="42", created_at=T0)
    return await db.write(work)


async def test_schedule_round_trip_and_scoping(db: Database) -> None:
    schedule_id = await _insert(db)
    def work(conn: Connection):
        schedule = store.get_schedule(conn, schedule_id)
        assert store.find_schedule(conn, OTHER_GUILD, schedule_id) is None
        assert store.find_schedule(conn, GUILD, schedule_id, "digest") is None
        found = store.find_schedule(conn, GUILD, schedule_id, "reminder")
        return schedule, found
    schedule, found = await db.read(work)
    assert schedule is not None and schedule == found
    assert schedule.payload == {"a": [1, 2]}
    assert schedule.handled_until == T0 and schedule.status == "active"
    assert schedule.channel.external_id == "10" and schedule.channel.community == GUILD


async def test_ids_are_never_reused(db: Database) -> None:
    first = await _insert(db)
    def work(conn: Connection):
        assert store.delete_schedule(conn, first)
    await db.write(work)
    assert await _insert(db) != first


async def test_delivery_key_makes_a_second_claim_a_no_op(db: Database) -> None:
    schedule_id = await _insert(db)
    occurrence = T0 + timedelta(hours=1)
    row = store.NewDelivery(schedule_id, occurrence, "sending", nonce="n", attempts=1,
                            attempted_at=T0)
    def work(conn: Connection):
        store.insert_deliveries(conn, [row])
        store.insert_deliveries(conn, [row, store.NewDelivery(
            schedule_id, occurrence, "skipped", reason="dup")])
        assert store.existing_deliveries(conn, [(schedule_id, occurrence),
                                                      (schedule_id, T0)]) == {
            (schedule_id, occurrence)}
    await db.write(work)
    (delivery,) = await db.read(store.list_deliveries, schedule_id)
    assert (delivery.status, delivery.nonce, delivery.reason) == ("sending", "n", None)
    with pytest.raises(integrity_error(db)):
        def work(conn: Connection):
            conn.execute(
                "INSERT INTO deliveries (schedule_id, occurrence_utc, status) VALUES (?, ?, ?)",
                (schedule_id, store.to_db_time(occurrence), "sent"))
        await db.write(work)


async def test_outcomes_only_change_sending_rows(db: Database) -> None:
    schedule_id = await _insert(db)
    sending, skipped = T0 + timedelta(hours=1), T0
    def work(conn: Connection):
        store.insert_deliveries(conn, [
            store.NewDelivery(schedule_id, sending, "sending", attempts=1, attempted_at=T0),
            store.NewDelivery(schedule_id, skipped, "skipped", reason="old")])
        store.record_outcomes(conn, [
            store.DeliveryOutcome(schedule_id, sending, "sent", 1, message_id="m",
                                  finished_at=T0),
            store.DeliveryOutcome(schedule_id, skipped, "sent", 1, message_id="x")])
    await db.write(work)
    def work(conn: Connection):
        rows = store.list_deliveries(conn, schedule_id)
        assert store.sending_deliveries(conn) == []
        return rows
    rows = await db.read(work)
    assert [(d.status, d.message_id) for d in rows] == [("skipped", None), ("sent", "m")]


async def test_active_timings_and_status_changes(db: Database) -> None:
    kept, paused, finished = await _insert(db), await _insert(db, OTHER_GUILD), await _insert(db)
    def work(conn: Connection):
        store.pause_active(conn, [(paused, "gone")])
        store.finish_active(conn, [finished])
        store.advance_handled_until(conn, [(kept, T0 + timedelta(days=1)),
                                                 (kept, T0 - timedelta(days=1))])
    await db.write(work)
    def work(conn: Connection):
        timings = store.load_active_timings(conn)
        paused_row = store.get_schedule(conn, paused)
        return timings, paused_row
    timings, paused_row = await db.read(work)
    assert [(t.id, t.community, t.handled_until) for t in timings] == [
        (kept, GUILD, T0 + timedelta(days=1))]  # handled_until never moves back
    assert paused_row is not None and paused_row.paused_reason == "gone"


async def test_one_digest_per_community(db: Database) -> None:
    await _insert(db, kind="digest")
    await _insert(db, OTHER_GUILD, kind="digest")
    with pytest.raises(integrity_error(db)):
        await _insert(db, kind="digest")


@pytest.mark.sqlite_only
async def test_start_up_queries_use_indexes(db: Database) -> None:
    def work(conn: Connection):
        for sql in ("SELECT id FROM schedules WHERE status = 'active'",
                    "SELECT * FROM deliveries WHERE status = 'sending'"):
            cursor = conn.execute("EXPLAIN QUERY PLAN " + sql)
            plan = " ".join(str(row[3]) for row in cursor.fetchall())
            assert "USING" in plan and "INDEX" in plan, plan
    await db.read(work)


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
