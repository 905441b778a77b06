"""Two shard processes' schedule engines on one database (manual clock, fake
posters), the watcher started before the owner's schedules changed: every lease
period it learns of the schedules created, edited or deleted since (migration 011),
so a dead owner's new schedule is taken over like one known at start, once."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock
from storage.database import Database
from tests.helpers.fakes.poster import FakePoster
from tests.helpers.refs import CHANNEL
from tests.helpers.schedule_world import MOD, World, make_world
from tests.unit.schedules.test_takeover import DUE, LEASE, OWNER, WATCHER


async def watcher_first(db: Database, clock: ManualClock) -> tuple[World, World]:
    watcher = await make_world(db, clock, FakePoster(), shards=WATCHER, lease_owner="b",
                               lease_seconds=LEASE)
    owner = await make_world(db, clock, FakePoster(), shards=OWNER, lease_owner="a",
                             lease_seconds=LEASE)
    return owner, watcher


async def known_to_the_watcher(db: Database, clock: ManualClock) -> tuple[World, World, int]:
    """The owner adds a reminder after the watcher started; a lease period later the
    watcher has learned of it."""
    owner, watcher = await watcher_first(db, clock)
    added = await owner.reminders.add(MOD, CHANNEL, "오늘 22:00", "읽기", None)
    clock.advance(timedelta(seconds=LEASE + 1))
    assert await watcher.engine.refresh_watch() == 1
    assert watcher.engine.next_fire(added.schedule.id) is not None
    return owner, watcher, added.schedule.id


async def test_a_schedule_created_after_the_watcher_started_is_taken_over_once(
    db: Database, clock: ManualClock
) -> None:
    owner, watcher = await watcher_first(db, clock)
    added = await owner.reminders.add(MOD, CHANNEL, "오늘 22:00", "읽기", None)
    await owner.engine.shutdown()  # the owner dies before the occurrence
    clock.set(DUE + timedelta(seconds=LEASE + 1))
    await watcher.engine.run_due()
    assert len(watcher.poster.posts) == 1
    clock.advance(timedelta(minutes=5))
    await watcher.engine.run_due()
    assert len(watcher.poster.posts) == 1 and owner.poster.posts == []
    assert [d.status for d in await watcher.deliveries(added.schedule.id)] == ["sent"]


async def test_a_schedule_deleted_after_the_watcher_learned_of_it_is_not_posted(
    db: Database, clock: ManualClock
) -> None:
    owner, watcher, schedule_id = await known_to_the_watcher(db, clock)
    await owner.reminders.remove(MOD, schedule_id)
    await owner.engine.shutdown()
    for moment in (DUE, DUE + timedelta(seconds=LEASE + 1), DUE + timedelta(minutes=10)):
        clock.set(moment)
        await watcher.engine.run_due()
    assert watcher.poster.posts == [] and owner.poster.posts == []
    assert watcher.engine.next_fire(schedule_id) is None


async def test_an_edit_made_after_the_watcher_learned_of_it_is_followed(
    db: Database, clock: ManualClock
) -> None:
    owner, watcher, schedule_id = await known_to_the_watcher(db, clock)
    await owner.reminders.edit(MOD, schedule_id, when_text="오늘 21:30", message=None,
                               channel=None)
    await owner.engine.shutdown()
    earlier = DUE - timedelta(minutes=30)
    clock.set(earlier + timedelta(seconds=LEASE + 1))
    await watcher.engine.run_due()
    assert len(watcher.poster.posts) == 1  # at the new time, not the old one
    clock.set(DUE + timedelta(minutes=5))
    await watcher.engine.run_due()
    assert len(watcher.poster.posts) == 1
    assert [d.occurrence for d in await watcher.deliveries(schedule_id)] == [earlier]


async def test_a_reminder_paused_and_resumed_after_the_watcher_learned_of_it_is_followed(
    db: Database, clock: ManualClock
) -> None:
    owner, watcher, schedule_id = await known_to_the_watcher(db, clock)
    await owner.reminders.pause(MOD, schedule_id)
    clock.advance(timedelta(seconds=LEASE + 1))
    assert await watcher.engine.refresh_watch() == 1
    assert watcher.engine.next_fire(schedule_id) is None  # paused: not watched
    await owner.reminders.resume(MOD, schedule_id)
    await owner.engine.shutdown()
    clock.set(DUE + timedelta(seconds=LEASE + 1))
    await watcher.engine.run_due()
    assert len(watcher.poster.posts) == 1 and owner.poster.posts == []
