"""What shard processes share on one database: the IDENTIFY gate (one IDENTIFY per
max_concurrency bucket every 5 s, however many processes ask) and the leases on
due schedules. Both backends; time comes from a manual clock."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.clock import ManualClock
from bot.core.refs import DISCORD, CommunityRef
from bot.identify_gate import IdentifyGate
from storage import schedules as store
from storage import shards
from storage.backends import open_database
from storage.communities import ensure_community
from storage.connection import Connection
from storage.database import Database

T0 = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)


async def test_one_identify_per_bucket_every_five_seconds(db: Database) -> None:
    take = shards.take_identify_turn
    assert await db.write(take, 0, T0, 5.0) == 0.0
    assert await db.write(take, 0, T0 + timedelta(seconds=1), 5.0) == 4.0
    assert await db.write(take, 1, T0 + timedelta(seconds=1), 5.0) == 0.0  # another bucket
    assert await db.write(take, 0, T0 + timedelta(seconds=5), 5.0) == 0.0
    assert await db.read(shards.identify_times) == {
        0: T0 + timedelta(seconds=5), 1: T0 + timedelta(seconds=1)}


async def test_gate_spaces_shards_of_one_bucket_and_not_of_others(db: Database) -> None:
    clock = ManualClock(T0)
    slept: list[float] = []

    async def sleep(seconds: float) -> None:  # time passes on the manual clock only
        slept.append(seconds)
        clock.advance(timedelta(seconds=seconds))

    gate = IdentifyGate(db, clock, sleep=sleep)
    # max_concurrency 2: shards 0 and 1 start together; 2 waits 5 s for 0's bucket;
    # by then 1's bucket is free again for 3.
    assert [await gate.wait_turn(shard, 2) for shard in (0, 1, 2, 3)] == [0, 0, 1, 0]
    assert slept == [5.0]
    assert await db.read(shards.identify_times) == {
        0: T0 + timedelta(seconds=5), 1: T0 + timedelta(seconds=5)}


async def test_processes_asking_together_take_turns(db: Database) -> None:
    """Two more connections to the same database (as two more processes) ask for the
    same bucket at the same instant: exactly one gets it."""
    others = [await open_database(db.path) for _ in range(2)]
    try:
        waits = await asyncio.gather(*(
            other.write(shards.take_identify_turn, 7, T0, 5.0) for other in [db, *others]))
    finally:
        for other in others:
            await other.close()
    assert sorted(waits) == [0.0, 5.0, 5.0]


async def _schedules(db: Database, count: int) -> list[int]:
    def work(conn: Connection) -> list[int]:
        community_id = ensure_community(conn, CommunityRef(DISCORD, "1"))
        return [store.insert_schedule(
            conn, community_id=community_id, kind="reminder", channel_id="10",
            rule="cron 0 9 * * *", message="hi", ping_role=None, payload={},
            created_by="42", created_at=T0) for _ in range(count)]
    return await db.write(work)


async def test_a_lease_is_held_until_it_expires_or_is_released(db: Database) -> None:
    first, second, third = await _schedules(db, 3)
    lease = shards.lease_schedules
    assert await db.write(lease, [first, second], "a", T0, LEASE) == [first, second]
    # b gets only what a does not hold; a renews its own.
    assert await db.write(lease, [first, third], "b", T0 + timedelta(seconds=10), LEASE) == [third]
    assert await db.write(lease, [first], "a", T0 + timedelta(seconds=20), LEASE) == [first]
    assert await db.read(shards.lease_holders, [first, second, third],
                         T0 + timedelta(seconds=31)) == {first: "a", third: "b"}
    # a crashed: once its lease on ``second`` expired, b takes it over.
    assert await db.write(lease, [second], "b", T0 + timedelta(seconds=29), LEASE) == []
    assert await db.write(lease, [second], "b", T0 + timedelta(seconds=30), LEASE) == [second]
    await db.write(shards.release_leases, [third], "b")
    await db.write(shards.release_leases, [first], "b")  # not b's: stays a's
    assert await db.write(lease, [first, third], "c", T0 + timedelta(seconds=31), LEASE) == [third]


async def test_a_schedules_revision_moves_on_creation_status_and_rule_only(
    db: Database,
) -> None:
    first, second = await _schedules(db, 2)

    async def revisions_after(after: int) -> dict[int, tuple[str, str, int]]:
        changes = await db.read(store.changed_schedules, after)
        return {c.timing.id: (c.status, c.timing.rule, c.revision) for c in changes}

    created = await revisions_after(0)
    assert list(created) == [first, second] and created[first][2] < created[second][2]
    seen = await db.read(store.latest_revision)
    assert seen == created[second][2] and await revisions_after(seen) == {}
    # Progress and message edits are not changes a watcher needs; status and rule are.
    await db.write(store.record_progress, [store.Progress(first, T0 + LEASE, None, "UTC")])
    await db.write(store.edit_schedule, first, message="hello")
    await db.write(store.set_status, first, store.ACTIVE)  # unchanged
    assert await revisions_after(seen) == {}
    await db.write(store.set_status, second, store.PAUSED, reason="x")
    await db.write(store.edit_schedule, first, rule="cron 0 10 * * *")
    changed = await revisions_after(seen)
    assert list(changed) == [second, first]
    assert changed[second][:2] == (store.PAUSED, "cron 0 9 * * *")
    assert changed[first][:2] == (store.ACTIVE, "cron 0 10 * * *")
    # A deleted schedule's number is never handed out again.
    await db.write(store.delete_schedule, first)
    (third,) = await _schedules(db, 1)
    assert (await revisions_after(changed[first][2])).keys() == {third}
