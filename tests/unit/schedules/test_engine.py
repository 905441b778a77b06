"""The schedule engine: on time, at most once, across restarts, crashes, failures and
DST. Real temporary database, manual clock, fake poster; nothing sleeps."""

from __future__ import annotations

import asyncio
import itertools
import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.ports import ChannelUnavailable, OutgoingMessage, TransientDeliveryError
from bot.schedules.delivery import delivery_mark
from bot.schedules.engine import WAKEUP_JOB, delivery_nonce
from storage import schedules as store
from storage.communities import ensure_community, write_setting
from storage.connection import Connection
from storage.database import Database
from storage.schedules import Schedule
from tests.helpers.fakes.poster import Crash, FakePoster, PostCall
from tests.helpers.refs import CHANNEL, GUILD, MOD_CHANNEL, TEAM, moderator
from tests.helpers.schedule_world import MOD, World, make_world

SEOUL = ZoneInfo("Asia/Seoul")
NEW_YORK = ZoneInfo("America/New_York")


def at(zone: ZoneInfo, year: int, month: int, day: int, hour: int, minute: int = 0,
       second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=zone)


@pytest.fixture
async def world(db: Database, clock: ManualClock) -> World:
    return await make_world(db, clock)


async def add(world: World, when: str, message: str = "논문 읽기 시간!") -> Schedule:
    added = await world.reminders.add(MOD, CHANNEL, when, message, None)
    return added.schedule


async def tick(world: World, until: datetime, step: timedelta) -> None:
    """Move the clock to ``until`` in steps, running due work at every step."""
    while world.clock.now() < until:
        world.clock.set(min(world.clock.now() + step, until))
        await world.engine.run_due()


# --- on time ---------------------------------------------------------------------------


async def test_one_off_fires_on_time_in_seoul_then_finishes(world: World) -> None:
    schedule = await add(world, "오늘 22:00")  # the clock says 21:00 in Seoul
    world.clock.set(at(SEOUL, 2026, 11, 23, 21, 59, 59))
    assert await world.engine.run_due() == 0
    assert world.poster.posts == []

    world.clock.set(at(SEOUL, 2026, 11, 23, 22, 0))
    await world.engine.run_due()
    (post,) = world.poster.posts
    assert post.channel == CHANNEL
    assert post.message.body == "논문 읽기 시간!"
    assert post.message.title == "🔔 알림"
    assert post.nonce == delivery_nonce(schedule.id, at(SEOUL, 2026, 11, 23, 22, 0))
    (delivery,) = await world.deliveries(schedule.id)
    assert (delivery.status, delivery.message_id, delivery.late) == ("sent", "1000", False)
    finished = await world.schedule(schedule.id)
    assert finished is not None and finished.status == "finished"

    world.clock.advance(timedelta(days=30))
    await world.engine.run_due()
    assert len(world.poster.posts) == 1


async def test_weekly_reminder_fires_on_time_in_a_dst_zone(world: World) -> None:
    await world.community.set_value(GUILD, "timezone", "America/New_York", actor="42")
    schedule = await add(world, "every mon 20:00")
    # The clock is Monday 07:00 in New York; tick through two weeks.
    await tick(world, at(NEW_YORK, 2026, 12, 7, 21, 0), timedelta(minutes=30))
    occurrences = [d.occurrence for d in await world.deliveries(schedule.id)]
    assert occurrences == [at(NEW_YORK, 2026, 11, 23, 20, 0).astimezone(UTC),
                           at(NEW_YORK, 2026, 11, 30, 20, 0).astimezone(UTC),
                           at(NEW_YORK, 2026, 12, 7, 20, 0).astimezone(UTC)]
    assert [p.message.title for p in world.poster.posts] == ["🔔 알림"] * 3


async def test_recurring_keeps_firing_for_ten_weeks_across_dst(
    db: Database, clock: ManualClock
) -> None:
    clock.set(datetime(2026, 10, 1, tzinfo=UTC))
    world = await make_world(db, clock)
    await world.community.set_value(GUILD, "timezone", "America/New_York", actor="42")
    schedule = await add(world, "every mon 20:00")
    posted_at: list[datetime] = []
    world.poster.after_post = lambda call: posted_at.append(world.clock.now())
    await tick(world, datetime(2026, 12, 8, 2, tzinfo=UTC), timedelta(minutes=30))

    deliveries = await world.deliveries(schedule.id)
    assert len(deliveries) == 10 and {d.status for d in deliveries} == {"sent"}
    walls = {d.occurrence.astimezone(NEW_YORK).strftime("%a %H:%M") for d in deliveries}
    assert walls == {"Mon 20:00"}
    utc_hours = [d.occurrence.hour for d in deliveries]
    assert utc_hours == [0] * 4 + [1] * 6  # DST ended on 1 November
    # Each post went out in the half-hour step that reached its occurrence.
    for delivery, posted in zip(deliveries, posted_at, strict=True):
        assert timedelta(0) <= posted - delivery.occurrence < timedelta(minutes=30)
    assert len(world.poster.posts) == 10


async def test_daily_0230_on_spring_forward_day_is_posted_once(
    db: Database, clock: ManualClock
) -> None:
    clock.set(datetime(2026, 3, 6, 12, tzinfo=UTC))
    world = await make_world(db, clock)
    await world.community.set_value(GUILD, "timezone", "America/New_York", actor="42")
    schedule = await add(world, "every day 02:30")
    await tick(world, datetime(2026, 3, 10, 12, tzinfo=UTC), timedelta(minutes=15))
    days = [d.occurrence.astimezone(NEW_YORK).strftime("%m-%d %H:%M")
            for d in await world.deliveries(schedule.id)]
    assert days == ["03-07 02:30", "03-08 03:30", "03-09 02:30", "03-10 02:30"]


async def test_two_runs_at_the_same_instant_post_once(world: World) -> None:
    schedule = await add(world, "오늘 22:00")
    world.clock.set(at(SEOUL, 2026, 11, 23, 22, 0))
    await asyncio.gather(world.engine.run_due(), world.engine.run_due())
    assert len(world.poster.calls) == 1
    assert [d.status for d in await world.deliveries(schedule.id)] == ["sent"]


# --- restarts and crashes ---------------------------------------------------------------


async def test_down_over_an_occurrence_posts_once_late_and_never_again(world: World) -> None:
    schedule = await add(world, "every mon 20:00")
    await world.engine.shutdown()
    # Down from Monday 21:00 until the next Monday 21:30 (the 20:00 run was missed).
    world.clock.set(at(SEOUL, 2026, 11, 30, 21, 30))
    world = await world.restart()
    await world.engine.run_due()
    (post,) = world.poster.posts
    assert post.message.title == "⏰ 늦게 도착한 알림"
    assert post.message.footer is not None and "2026-11-30(월) 20:00" in post.message.footer
    (delivery,) = await world.deliveries(schedule.id)
    assert (delivery.status, delivery.late) == ("late", True)

    for _ in range(2):
        world.clock.advance(timedelta(minutes=5))
        world = await world.restart()
        await world.engine.run_due()
    assert len(world.poster.calls) == 1
    # And it keeps recurring on time.
    await tick(world, at(SEOUL, 2026, 12, 7, 20, 0), timedelta(hours=1))
    assert [p.message.title for p in world.poster.posts] == ["⏰ 늦게 도착한 알림", "🔔 알림"]


async def posted_then_crashed(world: World) -> Schedule:
    """A one-off for 22:00 tonight, posted at 22:00 by a "process" that died right
    after the post, before recording it."""
    schedule = await add(world, "오늘 22:00")

    def die(call: PostCall) -> None:
        raise Crash()

    world.poster.after_post = die
    world.clock.set(at(SEOUL, 2026, 11, 23, 22, 0))
    await world.engine.run_due()
    return schedule


async def test_crash_between_post_and_record_is_resent_with_the_same_nonce(
    world: World,
) -> None:
    schedule = await posted_then_crashed(world)
    assert len(world.poster.posts) == 1
    (left,) = await world.deliveries(schedule.id)
    assert left.status == "sending"

    world.poster.after_post = None
    world.clock.advance(timedelta(minutes=2))  # restarted within Discord's nonce window
    world = await world.restart()
    await world.engine.run_due()
    assert [c.nonce for c in world.poster.calls] == [left.nonce, left.nonce]
    assert len(world.poster.posts) == 1  # Discord dropped the repeat
    (delivery,) = await world.deliveries(schedule.id)
    assert delivery.status == "sent" and delivery.message_id == "1000"
    done = await world.schedule(schedule.id)
    assert done is not None and done.status == "finished"


async def claimed_before_a_crash(world: World, rule: str, occurrence: datetime) -> Schedule:
    """A schedule whose ``occurrence`` was claimed and never recorded (the process died
    while posting it), and the engine stopped."""
    await world.community.set_value(GUILD, "moderator_channel", MOD_CHANNEL.external_id,
                                    actor="42")
    schedule = await add(world, rule)
    def work(conn: Connection):
        store.insert_deliveries(conn, [store.NewDelivery(
            schedule.id, occurrence, "sending", nonce=delivery_nonce(schedule.id, occurrence),
            attempts=1, attempted_at=occurrence)])
        store.advance_handled_until(conn, [(schedule.id, occurrence)])
    await world.db.write(work)
    await world.engine.shutdown()
    return schedule


async def test_a_crash_older_than_the_nonce_window_is_posted_late_when_not_found(
    world: World,
) -> None:
    occurrence = at(SEOUL, 2026, 11, 23, 22, 0)
    schedule = await claimed_before_a_crash(world, "every day 22:00", occurrence)
    world.clock.set(occurrence + timedelta(minutes=10))
    world = await world.restart()
    await world.engine.run_due()

    (post,) = world.poster.posts
    assert post.message.title == "⏰ 늦게 도착한 알림"
    assert post.message.marked_at == delivery_mark(schedule.id, occurrence)
    (delivery,) = await world.deliveries(schedule.id)
    assert (delivery.status, delivery.message_id) == ("late", "1000")
    assert world.poster.notices == []
    # The schedule goes on: the next day is posted normally.
    await tick(world, at(SEOUL, 2026, 11, 24, 22, 0), timedelta(hours=1))
    assert len(world.poster.posts) == 2


async def test_a_crash_older_than_the_nonce_window_is_not_reposted_when_found(
    world: World,
) -> None:
    schedule = await posted_then_crashed(world)
    world.poster.after_post = None
    world.clock.advance(timedelta(minutes=30))  # Discord forgot the nonce long ago
    world = await world.restart()
    await world.engine.run_due()

    assert len(world.poster.calls) == 1, "found in the channel: not posted again"
    (delivery,) = await world.deliveries(schedule.id)
    assert (delivery.status, delivery.message_id) == ("sent", "1000")
    done = await world.schedule(schedule.id)
    assert done is not None and done.status == "finished"


async def test_a_crash_past_the_grace_period_is_skipped_and_reported(world: World) -> None:
    occurrence = at(SEOUL, 2026, 11, 23, 22, 0)
    schedule = await claimed_before_a_crash(world, "every day 22:00", occurrence)
    world.clock.set(occurrence + timedelta(hours=7))  # grace: 6 h
    world = await world.restart()
    await world.engine.run_due()

    assert world.poster.calls == []
    (delivery,) = await world.deliveries(schedule.id)
    assert delivery.status == "skipped" and "grace" in (delivery.reason or "")
    (notice,) = world.poster.notices
    assert notice.channel == MOD_CHANNEL and f"#{schedule.id}" in notice.message.body
    assert "늦게 보낼 수 있는 시간이 지나서" in notice.message.body


async def test_a_crash_in_an_unreadable_channel_is_failed_not_reposted(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    occurrence = at(SEOUL, 2026, 11, 23, 22, 0)
    schedule = await claimed_before_a_crash(world, "every day 22:00", occurrence)
    world.clock.set(occurrence + timedelta(minutes=10))
    caplog.set_level(logging.WARNING)
    world = await world.restart()
    world.poster.break_channel(schedule.channel_id, ChannelUnavailable("403 50001"))
    await world.engine.run_due()

    assert world.poster.calls == []
    (delivery,) = await world.deliveries(schedule.id)
    assert (delivery.status, delivery.reason) == ("failed", "uncertain after crash")
    assert "uncertain after crash" in caplog.text
    (notice,) = world.poster.notices
    assert notice.channel == MOD_CHANNEL and "메시지 기록 보기" in notice.message.body


async def test_missed_runs_older_than_grace_are_skipped_recorded_and_reported(
    world: World,
) -> None:
    schedule = await add(world, "매일 9:00")
    await world.engine.shutdown()
    # Down for three days; back at 10:00, one hour after the third missed run.
    world.clock.set(at(SEOUL, 2026, 11, 26, 10, 0))
    world = await world.restart()
    await world.engine.run_due()

    deliveries = await world.deliveries(schedule.id)
    assert [(d.occurrence.astimezone(SEOUL).day, d.status) for d in deliveries] == [
        (24, "skipped"), (25, "skipped"), (26, "late")]
    assert all("grace" in (d.reason or "") for d in deliveries[:2])
    assert len(world.poster.posts) == 1
    (notice,) = world.poster.notices
    assert notice.community == GUILD and notice.channel is None  # no moderator channel set
    assert "2회" in notice.message.body and "6시간" in notice.message.body


async def test_several_missed_runs_within_grace_collapse_into_one(world: World) -> None:
    schedule = await add(world, "0,30 * * * *")
    await world.engine.shutdown()
    world.clock.advance(timedelta(hours=2, minutes=40))
    world = await world.restart()
    await world.engine.run_due()
    deliveries = await world.deliveries(schedule.id)
    assert [d.status for d in deliveries] == ["skipped"] * 4 + ["late"]
    assert all("later occurrence" in (d.reason or "") for d in deliveries[:4])
    assert len(world.poster.posts) == 1
    assert world.poster.notices == []  # nothing older than the grace period


async def test_one_off_missed_beyond_grace_is_skipped_and_finished(world: World) -> None:
    schedule = await add(world, "오늘 22:00")
    await world.engine.shutdown()
    world.clock.set(at(SEOUL, 2026, 11, 24, 5, 0))  # seven hours late
    world = await world.restart()
    await world.engine.run_due()
    assert world.poster.posts == []
    (delivery,) = await world.deliveries(schedule.id)
    assert delivery.status == "skipped"
    done = await world.schedule(schedule.id)
    assert done is not None and done.status == "finished"
    assert len(world.poster.notices) == 1


async def test_grace_hours_setting_is_respected(world: World) -> None:
    await world.community.set_value(GUILD, "missed_grace_hours", "12", actor="42")
    schedule = await add(world, "오늘 22:00")
    await world.engine.shutdown()
    world.clock.set(at(SEOUL, 2026, 11, 24, 5, 0))
    world = await world.restart()
    await world.engine.run_due()
    assert [d.status for d in await world.deliveries(schedule.id)] == ["late"]


# --- failures --------------------------------------------------------------------------


async def test_unavailable_channel_pauses_and_tells_moderators(world: World) -> None:
    await world.community.set_value(GUILD, "moderator_channel", MOD_CHANNEL.external_id,
                                    actor="42")
    schedule = await add(world, "every day 22:00")
    world.poster.break_channel(CHANNEL.external_id, ChannelUnavailable("404 10003: gone"))
    world.clock.set(at(SEOUL, 2026, 11, 23, 22, 0))
    await world.engine.run_due()

    paused = await world.schedule(schedule.id)
    assert paused is not None and paused.status == "paused"
    assert "channel unavailable" in (paused.paused_reason or "")
    (delivery,) = await world.deliveries(schedule.id)
    assert delivery.status == "failed"
    (notice,) = world.poster.notices
    assert notice.channel == MOD_CHANNEL
    assert f"<#{CHANNEL.external_id}>" in notice.message.body
    # Paused: nothing more is attempted, also after a restart.
    world.clock.advance(timedelta(days=3))
    world = await world.restart()
    await world.engine.run_due()
    assert len(world.poster.calls) == 1


async def test_transient_errors_are_retried_with_backoff_then_succeed(world: World) -> None:
    schedule = await add(world, "오늘 22:00")
    world.poster.fail_next(TransientDeliveryError("502"), TransientDeliveryError("timeout"))
    world.clock.set(at(SEOUL, 2026, 11, 23, 22, 0))
    await world.engine.run_due()
    assert len(world.poster.calls) == 1
    (waiting,) = await world.deliveries(schedule.id)
    assert (waiting.status, waiting.attempts) == ("sending", 1)

    world.clock.advance(timedelta(seconds=4))  # first back-off is 5 s
    await world.engine.run_due()
    assert len(world.poster.calls) == 1
    world.clock.advance(timedelta(seconds=1))
    await world.engine.run_due()
    assert len(world.poster.calls) == 2
    world.clock.advance(timedelta(seconds=15))
    await world.engine.run_due()

    assert len(world.poster.calls) == 3 and len(world.poster.posts) == 1
    assert {c.nonce for c in world.poster.calls} == {waiting.nonce}
    (delivery,) = await world.deliveries(schedule.id)
    assert (delivery.status, delivery.attempts) == ("sent", 3)


async def test_transient_errors_give_up_after_bounded_attempts(
    db: Database, clock: ManualClock
) -> None:
    world = await make_world(db, clock, retry_delays=(1.0, 1.0, 1.0))
    schedule = await add(world, "every day 22:00")
    world.poster.fail_next(*(TransientDeliveryError("503") for _ in range(10)))
    world.clock.set(at(SEOUL, 2026, 11, 23, 22, 0))
    for _ in range(10):
        await world.engine.run_due()
        world.clock.advance(timedelta(seconds=1))
    assert len(world.poster.calls) == 4
    (delivery,) = await world.deliveries(schedule.id)
    assert delivery.status == "failed" and "gave up after 4 attempts" in (delivery.reason or "")
    assert len(world.poster.notices) == 1
    # The failure does not stop the recurrence.
    world.poster.clear_failures()
    await tick(world, at(SEOUL, 2026, 11, 24, 22, 0), timedelta(hours=1))
    assert len(world.poster.posts) == 1


async def test_a_failing_renderer_is_logged_and_the_schedule_keeps_recurring(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    calls = 0

    async def flaky(schedule: Schedule, occurrence: datetime, late: bool) -> OutgoingMessage:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("bug in a renderer")
        return OutgoingMessage(body="ok")

    world.engine.register_renderer("study", flaky)
    def work(conn: Connection):
        community_id = _community_id(conn)
        schedule_id = store.insert_schedule(
            conn, community_id=community_id, kind="study", channel_id=CHANNEL.external_id,
            rule="cron 0 22 * * *", message=None, ping_role=None, payload={"round": 1},
            created_by="42", created_at=world.clock.now())
        schedule = store.get_schedule(conn, schedule_id)
        return schedule_id, schedule
    schedule_id, schedule = await world.db.write(work)
    assert schedule is not None
    await world.engine.track(schedule)
    caplog.set_level(logging.ERROR)
    await tick(world, at(SEOUL, 2026, 11, 24, 22, 0), timedelta(hours=1))
    assert "bug in a renderer" in caplog.text
    assert [d.status for d in await world.deliveries(schedule_id)] == ["failed", "sent"]
    assert [p.message.body for p in world.poster.posts] == ["ok"]


async def test_unknown_kind_is_recorded_as_failed(world: World) -> None:
    def work(conn: Connection):
        community_id = _community_id(conn)
        schedule_id = store.insert_schedule(
            conn, community_id=community_id, kind="later_feature", channel_id="1",
            rule="cron 0 22 * * *", message=None, ping_role=None, payload={},
            created_by="42", created_at=world.clock.now())
        return schedule_id
    schedule_id = await world.db.write(work)
    world = await world.restart()
    world.clock.set(at(SEOUL, 2026, 11, 23, 22, 0))
    await world.engine.run_due()
    (delivery,) = await world.deliveries(schedule_id)
    assert delivery.status == "failed" and "no renderer" in (delivery.reason or "")


# --- time zones and the timer -----------------------------------------------------------


async def test_time_zone_change_retimes_the_schedules(world: World) -> None:
    schedule = await add(world, "매일 9:00")
    seoul_next = world.engine.next_fire(schedule.id)
    assert seoul_next == at(SEOUL, 2026, 11, 24, 9, 0).astimezone(UTC)
    await world.community.set_value(GUILD, "timezone", "Europe/Berlin", actor="42")
    await world.engine.sync_zones()
    assert world.engine.next_fire(schedule.id) == datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    await tick(world, datetime(2026, 11, 24, 8, 30, tzinfo=UTC), timedelta(minutes=30))
    (delivery,) = await world.deliveries(schedule.id)
    assert delivery.occurrence == datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


async def test_next_fire_is_stored_and_recomputed_when_the_zone_changed_offline(
    world: World,
) -> None:
    schedule = await add(world, "매일 9:00")
    stored = await world.schedule(schedule.id)
    (timing,) = await world.db.read(store.load_active_timings)
    assert timing.next_fire == at(SEOUL, 2026, 11, 24, 9, 0).astimezone(UTC)
    assert timing.next_fire_zone == "Asia/Seoul" and stored is not None
    await world.engine.shutdown()
    # Changed while the bot was down (e.g. from the command line).
    await world.db.write(
        write_setting,
        GUILD,
        "timezone",
        '"Europe/Berlin"',
        updated_at=world.clock.now().isoformat(),
        updated_by="cli",
    )
    world = await world.restart()
    berlin_nine = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    assert world.engine.next_fire(schedule.id) == berlin_nine
    (timing,) = await world.db.read(store.load_active_timings)
    assert (timing.next_fire, timing.next_fire_zone) == (berlin_nine, "Europe/Berlin")


async def test_timer_is_armed_for_the_earliest_occurrence(
    db: Database, clock: ManualClock
) -> None:
    world = await make_world(db, clock, realtime=True)
    try:
        await add(world, "every day 22:00")  # one hour ahead on the manual clock
        await add(world, "오늘 21:30")  # thirty minutes ahead
        scheduler = world.engine._wakeup.scheduler
        assert scheduler is not None
        job = scheduler.get_job(WAKEUP_JOB)
        assert job is not None
        expected = datetime.now(UTC) + timedelta(minutes=30)
        assert abs((job.next_run_time - expected).total_seconds()) < 5
    finally:
        await world.engine.shutdown()


async def test_nonce_is_stable_and_within_discords_limit() -> None:
    moment = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)
    assert delivery_nonce(7, moment) == delivery_nonce(7, moment)
    assert delivery_nonce(7, moment) != delivery_nonce(7, moment + timedelta(days=7))
    assert delivery_nonce(8, moment) != delivery_nonce(7, moment)
    assert len(delivery_nonce(2**62, moment)) <= 25


async def test_start_needs_a_poster(db: Database, clock: ManualClock) -> None:
    world = await make_world(db, clock, start=False)
    world.engine._poster = None
    with pytest.raises(RuntimeError):
        await world.engine.start()
    poster = FakePoster()
    await world.engine.start(poster)
    assert world.engine.started


def _community_id(conn: Connection) -> int:
    return ensure_community(conn, GUILD)


async def test_engine_times_only_the_platforms_this_process_serves(world: World) -> None:
    from bot.core.refs import ChannelRef

    workspace = TEAM
    discord_reminder = await add(world, "오늘 22:00")
    slack_reminder = (
        await world.reminders.add(
            moderator(workspace, "U1"), ChannelRef(workspace, "C0GENERAL"), "오늘 22:00", "slack",
            None,
        )
    ).schedule
    discord_only = await world.restart(start=False)
    await discord_only.engine.start(platforms={"discord"})
    discord_only.clock.set(at(SEOUL, 2026, 11, 23, 22, 0))
    await discord_only.engine.run_due()

    assert [post.channel for post in discord_only.poster.posts] == [CHANNEL]
    untouched = await discord_only.schedule(slack_reminder.id)
    assert untouched is not None and untouched.status == "active"
    assert await discord_only.deliveries(slack_reminder.id) == []
    assert (await discord_only.deliveries(discord_reminder.id))[0].status == "sent"


async def test_delivery_history_older_than_30_days_is_pruned_and_nothing_reposts(
    world: World,
) -> None:
    daily = await add(world, "every day 22:00")
    await tick(world, world.clock.now() + timedelta(days=40), timedelta(hours=6))
    posted = len(world.poster.posts)
    assert posted == 40
    before = await world.deliveries(daily.id)
    assert len(before) == 40

    assert await world.engine.prune_history() == 40 - 30
    kept = await world.deliveries(daily.id)
    cutoff = world.clock.now() - timedelta(days=30)
    assert [d.occurrence for d in kept] == [d.occurrence for d in before[10:]]
    assert all(d.finished_at is not None and d.finished_at >= cutoff for d in kept)

    # The pruned occurrences are long handled: a restart and a run post nothing new.
    world = await world.restart()
    await world.engine.run_due()
    assert len(world.poster.posts) == posted
    assert await world.engine.prune_history() == 0


async def test_pruning_keeps_an_interrupted_delivery(world: World) -> None:
    schedule = await add(world, "오늘 22:00")

    def die(call: PostCall) -> None:
        raise Crash()

    world.poster.after_post = die
    world.clock.set(at(SEOUL, 2026, 11, 23, 22, 0))
    await world.engine.run_due()
    world.clock.advance(timedelta(days=60))
    assert await world.engine.prune_history() == 0
    (left,) = await world.deliveries(schedule.id)
    assert left.status == "sending"


async def test_the_periodic_sweep_prunes_at_most_once_a_day(world: World) -> None:
    daily = await add(world, "every day 22:00")
    await tick(world, world.clock.now() + timedelta(days=32), timedelta(hours=6))
    assert len(await world.deliveries(daily.id)) == 32

    await world.engine.sweep()  # the first sweep after start prunes
    assert len(await world.deliveries(daily.id)) == 30
    await tick(world, world.clock.now() + timedelta(hours=23), timedelta(hours=6))
    await world.engine.sweep()  # less than a day later: nothing pruned
    assert len(await world.deliveries(daily.id)) == 31
    world.clock.advance(timedelta(hours=1))
    await world.engine.sweep()
    assert len(await world.deliveries(daily.id)) == 30


# --- a burst due at once keeps the event loop free ------------------------------------


async def test_batches_due_together_are_prepared_one_at_a_time_yielding_as_they_plan(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many reminders due at once: their batches are planned and claimed one after
    another (twenty claims committed together used to resume in one step of the
    event loop), and planning lets other tasks run between slices of its work."""
    from bot.schedules import engine as engine_module

    monkeypatch.setattr(engine_module, "BATCH_SIZE", 2)
    monkeypatch.setattr(engine_module, "PLANNING_SLICE", 0.0)  # yield before each entry
    schedules = [await add(world, "오늘 22:00", f"reminder {number}") for number in range(6)]

    steps = 0
    planned_at_step: list[int] = []
    claiming = max_claiming = 0
    plan = engine_module.plan_catch_up
    claim = world.engine._deliveries.claim

    def noting_plan(*args: object, **kwargs: object) -> object:
        planned_at_step.append(steps)
        return plan(*args, **kwargs)  # type: ignore[arg-type]

    async def noting_claim(*args: object, **kwargs: object) -> object:
        nonlocal claiming, max_claiming
        claiming += 1
        max_claiming = max(max_claiming, claiming)
        try:
            return await claim(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            claiming -= 1

    async def count_steps() -> None:
        nonlocal steps
        while True:
            steps += 1
            await asyncio.sleep(0)

    monkeypatch.setattr(engine_module, "plan_catch_up", noting_plan)
    monkeypatch.setattr(world.engine._deliveries, "claim", noting_claim)
    counter = asyncio.create_task(count_steps())
    try:
        world.clock.set(at(SEOUL, 2026, 11, 23, 22, 0))
        assert await world.engine.run_due() == 6
    finally:
        counter.cancel()
    assert sorted(post.message.body for post in world.poster.posts) == sorted(
        f"reminder {number}" for number in range(6))
    assert max_claiming == 1
    assert len(planned_at_step) == 6
    # Each entry was planned in a later step of the loop than the one before it.
    assert all(later > earlier for earlier, later in itertools.pairwise(planned_at_step))
    for schedule in schedules:
        (delivery,) = await world.deliveries(schedule.id)
        assert delivery.status == "sent"
