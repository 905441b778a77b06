"""Reminder operations: validation before writing, community scoping, pause/resume."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.core.errors import UserFacingError
from bot.schedules import reminder_service as reminder_module
from storage import schedules as store
from storage.connection import Connection
from storage.database import Database
from tests.schedule_world import (
    CHANNEL,
    GUILD,
    MOD,
    OTHER_CHANNEL,
    OTHER_GUILD,
    World,
    make_world,
    moderator,
)

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture
async def world(db: Database, clock: ManualClock) -> World:
    return await make_world(db, clock)


async def count_rows(world: World) -> int:
    def work(conn: Connection):
        cursor = conn.execute("SELECT count(*) FROM schedules")
        row = cursor.fetchone()
        return row
    row = await world.db.read(work)
    assert row is not None
    return int(row[0])


async def test_add_returns_the_schedule_and_next_three(world: World) -> None:
    added = await world.reminders.add(MOD, CHANNEL, "매주 월,목 20:00", "  발표 준비  ",
                                      "777")
    assert added.schedule.rule == "cron 0 20 * * mon,thu"
    assert added.schedule.message == "발표 준비" and added.schedule.ping_role == "777"
    assert [m.strftime("%a %d %H:%M") for m in added.preview.next_occurrences] == [
        "Thu 26 20:00", "Mon 30 20:00", "Thu 03 20:00"]
    assert added.preview.timezone == "Asia/Seoul"
    line = added.preview.next_text("en", world.texts)
    assert line.startswith("Thu 2026-11-26 20:00, Mon 2026-11-30 20:00")
    assert world.engine.next_fire(added.schedule.id) == datetime(2026, 11, 26, 11, tzinfo=UTC)


@pytest.mark.parametrize(
    ("when", "message", "key"),
    [
        ("someday", "hi", "schedules.when_invalid"),
        ("2020-01-01 10:00", "hi", "schedules.when_past"),
        ("매일 9:00", "   ", "reminder.message_length"),
        ("매일 9:00", "x" * 1801, "reminder.message_length"),
    ],
)
async def test_bad_input_stores_nothing(world: World, when: str, message: str, key: str) -> None:
    with pytest.raises(UserFacingError) as caught:
        await world.reminders.add(MOD, CHANNEL, when, message, None)
    assert caught.value.key == key
    assert await count_rows(world) == 0
    assert world.engine.next_fire(1) is None


async def test_preview_saves_nothing(world: World) -> None:
    preview = await world.reminders.preview_when(GUILD, "tomorrow 9:00")
    assert preview.when.describe("en") == "once on Tue 2026-11-24 at 09:00"
    assert len(preview.next_occurrences) == 1
    assert await count_rows(world) == 0


async def test_limit_per_community(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reminder_module, "MAX_REMINDERS", 2)
    for _ in range(2):
        await world.reminders.add(MOD, CHANNEL, "매일 9:00", "hi", None)
    with pytest.raises(UserFacingError) as caught:
        await world.reminders.add(MOD, CHANNEL, "매일 9:00", "hi", None)
    assert caught.value.key == "reminder.too_many"
    await world.reminders.add(moderator(OTHER_GUILD), OTHER_CHANNEL, "매일 9:00", "hi", None)
    assert await count_rows(world) == 3


async def test_ids_are_scoped_to_the_community(world: World) -> None:
    theirs = await world.reminders.add(moderator(OTHER_GUILD, "1"), OTHER_CHANNEL, "매일 9:00",
                                       "x", None)
    for operation in (world.reminders.pause, world.reminders.resume, world.reminders.remove):
        with pytest.raises(UserFacingError) as caught:
            await operation(MOD, theirs.schedule.id)
        assert caught.value.key == "reminder.not_found"
    for impossible in (0, -1, 2**70):
        with pytest.raises(UserFacingError):
            await world.reminders.pause(MOD, impossible)
    untouched = await world.schedule(theirs.schedule.id)
    assert untouched is not None and untouched.status == "active"
    assert await world.reminders.list_reminders(MOD) == []


async def test_pause_resume_remove(world: World) -> None:
    added = await world.reminders.add(MOD, CHANNEL, "매일 22:00", "x", None)
    rid = added.schedule.id
    paused = await world.reminders.pause(MOD, rid)
    assert paused.status == "paused" and world.engine.next_fire(rid) is None
    with pytest.raises(UserFacingError) as caught:
        await world.reminders.pause(MOD, rid)
    assert caught.value.key == "reminder.already_paused"

    # Occurrences while paused are not posted, and not replayed on resume.
    world.clock.advance(timedelta(days=2))
    await world.engine.run_due()
    resumed, upcoming = await world.reminders.resume(MOD, rid)
    assert resumed.status == "active"
    assert upcoming is not None and upcoming.strftime("%d %H:%M") == "25 22:00"
    await world.engine.run_due()
    assert world.poster.calls == []
    with pytest.raises(UserFacingError):
        await world.reminders.resume(MOD, rid)

    items = await world.reminders.list_reminders(MOD)
    assert [(i.schedule.id, i.schedule.status) for i in items] == [(rid, "active")]
    line = items[0].line("ko", world.texts)
    assert "진행 중" in line and "매일 22:00" in line and "2026-11-25(수) 22:00" in line

    removed = await world.reminders.remove(MOD, rid)
    assert removed.id == rid and await count_rows(world) == 0
    assert world.engine.next_fire(rid) is None


async def test_resuming_a_passed_one_off_finishes_it(world: World) -> None:
    added = await world.reminders.add(MOD, CHANNEL, "오늘 22:00", "x", None)
    await world.reminders.pause(MOD, added.schedule.id)
    world.clock.advance(timedelta(hours=2))
    resumed, upcoming = await world.reminders.resume(MOD, added.schedule.id)
    assert resumed.status == "finished" and upcoming is None
    await world.engine.run_due()
    assert world.poster.calls == []


async def test_posted_reminder_pings_only_its_role_and_reads_in_english(world: World) -> None:
    await world.community.set_value(GUILD, "language", "en", actor="42")
    await world.reminders.add(MOD, CHANNEL, "오늘 22:00", "Paper club <@&999>", "777")
    world.clock.set(datetime(2026, 11, 23, 22, 0, tzinfo=SEOUL))
    await world.engine.run_due()
    (post,) = world.poster.posts
    assert post.message.ping_role == "777"
    assert post.message.title == "🔔 Reminder"
    assert post.message.footer is not None and post.message.footer.startswith("Reminder #1")


async def test_list_shows_paused_and_next(world: World) -> None:
    first = await world.reminders.add(MOD, CHANNEL, "매일 9:00", "a", None)
    second = await world.reminders.add(MOD, CHANNEL, "매주 금 18:00", "b", None)
    await world.reminders.pause(MOD, second.schedule.id)
    items = await world.reminders.list_reminders(MOD)
    assert [(i.schedule.id, i.schedule.status) for i in items] == [
        (first.schedule.id, "active"), (second.schedule.id, "paused")]
    assert items[0].next_occurrence is not None and items[1].next_occurrence is None
    assert "none" in items[1].line("en", world.texts)
    rows = await world.db.read(store.list_schedules, GUILD, "reminder", ("paused",))
    assert [r.id for r in rows] == [second.schedule.id]
