"""Two shard processes' schedule engines on one database (manual clock, fake
posters): each posts its own servers' reminders; the other takes over only after
the owner's lease expired, and never posts twice."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import ManualClock
from bot.core.shards import ShardPlan
from storage.database import Database
from tests.fake_poster import FakePoster
from tests.schedule_world import CHANNEL, MOD, World, make_world

SEOUL = ZoneInfo("Asia/Seoul")
DUE = datetime(2026, 11, 23, 22, 0, tzinfo=SEOUL)
LEASE = 30.0
OWNER = ShardPlan(2, (0,), True)  # GUILD (9001 >> 22 == 0) is on shard 0
WATCHER = ShardPlan(2, (1,), False)


async def two_processes(db: Database, clock: ManualClock) -> tuple[World, World, int]:
    owner = await make_world(db, clock, FakePoster(), shards=OWNER, lease_owner="a",
                             lease_seconds=LEASE)
    added = await owner.reminders.add(MOD, CHANNEL, "오늘 22:00", "읽기", None)
    watcher = await make_world(db, clock, FakePoster(), shards=WATCHER, lease_owner="b",
                               lease_seconds=LEASE)
    return owner, watcher, added.schedule.id


async def test_the_owner_posts_and_the_watcher_only_checks(db: Database,
                                                           clock: ManualClock) -> None:
    owner, watcher, schedule_id = await two_processes(db, clock)
    clock.set(DUE)
    assert await watcher.engine.run_due() == 0
    await owner.engine.run_due()
    clock.advance(timedelta(seconds=LEASE + 1))
    await watcher.engine.run_due()
    assert len(owner.poster.posts) == 1 and watcher.poster.posts == []
    assert [d.status for d in await owner.deliveries(schedule_id)] == ["sent"]


async def test_a_dead_owners_reminder_is_posted_by_the_watcher_after_the_lease(
    db: Database, clock: ManualClock
) -> None:
    owner, watcher, schedule_id = await two_processes(db, clock)
    clock.set(DUE)  # the owner is dead: it never runs
    await watcher.engine.run_due()
    clock.advance(timedelta(seconds=LEASE - 1))
    await watcher.engine.run_due()
    assert watcher.poster.posts == []  # not before the lease period
    clock.advance(timedelta(seconds=2))
    await watcher.engine.run_due()
    assert len(watcher.poster.posts) == 1
    # The owner comes back: the occurrence is posted already.
    await owner.engine.run_due()
    clock.advance(timedelta(minutes=5))
    await owner.engine.run_due()
    await watcher.engine.run_due()
    assert owner.poster.posts == [] and len(watcher.poster.posts) == 1
    assert [d.status for d in await owner.deliveries(schedule_id)] == ["sent"]
