"""The streak service with a moving clock (real temporary database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.community import CommunityService
from bot.core.actor import Actor
from bot.core.errors import UserFacingError
from bot.core.refs import DISCORD, CommunityRef, MemberRef
from bot.streaks.service import StreakService
from storage.database import Database

GUILD = CommunityRef(DISCORD, "77")
ALICE = MemberRef(GUILD, "100")
BOB = MemberRef(GUILD, "200")
MOD = Actor(MemberRef(GUILD, "1"), is_moderator=True)


@pytest.fixture
def community(db: Database, clock: ManualClock) -> CommunityService:
    return CommunityService(db, clock)


@pytest.fixture
def service(db: Database, clock: ManualClock, community: CommunityService) -> StreakService:
    return StreakService(db, clock, community)


def seoul(year: int, month: int, day: int, hour: int, minute: int = 0, second: int = 0
          ) -> datetime:
    """A Seoul wall-clock time as UTC (Seoul has no DST: UTC+9)."""
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC) - timedelta(hours=9)


async def test_rollover_hour_decides_the_day(service: StreakService, clock: ManualClock) -> None:
    clock.set(seoul(2026, 11, 23, 21))
    first = await service.check_in(ALICE, "Alice")
    assert (first.day, first.counted, first.current) == (date(2026, 11, 23), True, 1)

    clock.set(seoul(2026, 11, 24, 3, 59, 59))  # still Monday's period
    late = await service.check_in(ALICE, "Alice")
    assert (late.day, late.counted, late.current) == (date(2026, 11, 23), False, 1)

    clock.set(seoul(2026, 11, 24, 4))  # the rollover: Tuesday begins
    next_day = await service.check_in(ALICE, "Alice")
    assert (next_day.day, next_day.counted, next_day.current) == (date(2026, 11, 24), True, 2)
    assert not next_day.bridged


async def test_changing_the_rollover_hour_moves_the_boundary(
    service: StreakService, community: CommunityService, clock: ManualClock
) -> None:
    await community.set_value(GUILD, "streak_rollover_hour", "0", actor="1")
    clock.set(seoul(2026, 11, 23, 22))
    await service.check_in(ALICE, "Alice")
    clock.set(seoul(2026, 11, 24, 0, 30))
    after_midnight = await service.check_in(ALICE, "Alice")
    assert after_midnight.day == date(2026, 11, 24) and after_midnight.current == 2


async def test_time_zone_setting_is_used(
    service: StreakService, community: CommunityService, clock: ManualClock
) -> None:
    await community.set_value(GUILD, "timezone", "America/New_York", actor="1")
    clock.set(datetime(2026, 11, 23, 12, tzinfo=UTC))  # 07:00 in New York
    assert (await service.check_in(ALICE, "Alice")).day == date(2026, 11, 23)
    clock.set(datetime(2026, 11, 23, 8, 59, tzinfo=UTC))  # 03:59 New York: Sunday's period
    assert (await service.check_in(BOB, "Bob")).day == date(2026, 11, 22)


async def test_a_missed_day_is_bridged_by_an_earned_freeze(
    service: StreakService, community: CommunityService, clock: ManualClock
) -> None:
    await community.set_value(GUILD, "freeze_every", "2", actor="1")
    clock.set(seoul(2026, 11, 20, 12))
    await service.check_in(ALICE, "Alice")
    clock.advance(timedelta(days=1))
    second = await service.check_in(ALICE, "Alice")
    assert second.earned_freeze and second.freezes_left == 1

    clock.advance(timedelta(days=2))  # Sunday 22nd missed
    bridged = await service.check_in(ALICE, "Alice")
    assert bridged.counted
    assert bridged.bridged == (date(2026, 11, 22),)
    assert bridged.current == 3
    assert bridged.freezes_left == 0
    summary = await service.show(ALICE)
    assert summary.freeze_used == (date(2026, 11, 22),)
    assert summary.current == 3

    clock.advance(timedelta(days=2))  # Tuesday missed again, no freeze left
    assert (await service.show(ALICE)).current == 0
    assert (await service.check_in(ALICE, "Alice")).current == 1


async def test_granted_freeze_keeps_the_streak_on_the_board(
    service: StreakService, clock: ManualClock
) -> None:
    clock.set(seoul(2026, 11, 23, 12))
    await service.check_in(ALICE, "Alice")
    await service.grant_freezes(MOD, ALICE, 1, "travelling tomorrow")
    clock.advance(timedelta(days=2))  # Tuesday missed, bridged by the grant
    board = await service.leaderboard(GUILD, "current", ALICE)
    assert [(e.external_id, e.value) for e in board.entries] == [("100", 1)]
    clock.advance(timedelta(days=1))  # Wednesday missed too: over
    assert (await service.leaderboard(GUILD, "current", ALICE)).entries == ()


async def test_weekly_periods(
    service: StreakService, community: CommunityService, clock: ManualClock
) -> None:
    await community.set_value(GUILD, "streak_period", "weekly", actor="1")
    clock.set(seoul(2026, 11, 23, 12))  # Monday
    monday = await service.check_in(ALICE, "Alice")
    clock.set(seoul(2026, 11, 29, 23))  # Sunday, same week
    sunday = await service.check_in(ALICE, "Alice")
    clock.set(seoul(2026, 11, 30, 3))  # Monday 03:00: still last week (rollover 04:00)
    early = await service.check_in(ALICE, "Alice")
    clock.set(seoul(2026, 11, 30, 4))
    next_week = await service.check_in(ALICE, "Alice")
    assert [r.counted for r in (monday, sunday, early, next_week)] == [True, False, False, True]
    assert next_week.period == date(2026, 11, 30) and next_week.current == 2
    summary = await service.show(ALICE)
    assert (summary.total_periods, summary.total_checkins) == (2, 4)


async def test_unknown_member_has_an_empty_streak(service: StreakService) -> None:
    summary = await service.show(MemberRef(GUILD, "404"))
    assert (summary.current, summary.longest, summary.total_checkins) == (0, 0, 0)
    assert summary.last_checkin_at is None and summary.counts_by_day == {}
    assert await service.history(MOD, MemberRef(GUILD, "404")) == []
    board = await service.leaderboard(CommunityRef(DISCORD, "never-seen"), "current", ALICE)
    assert board.entries == () and board.caller.rank is None


async def test_show_counts_per_day_for_the_heatmap(service: StreakService,
                                                   clock: ManualClock) -> None:
    clock.set(seoul(2026, 11, 23, 10))
    for _ in range(3):
        await service.check_in(ALICE, "Alice")
    summary = await service.show(ALICE)
    assert summary.counts_by_day == {date(2026, 11, 23): 3}
    assert summary.today == date(2026, 11, 23)
    assert summary.covered_today


async def test_round_scope(service: StreakService) -> None:
    with pytest.raises(UserFacingError) as caught:
        await service.leaderboard(GUILD, "round", ALICE)
    assert caught.value.key == "streaks.error.no_active_round"
    await service.check_in(ALICE, "Alice")
    await service.check_in(BOB, "Bob")
    await service.adjust(MOD, BOB, date(2026, 11, 22), "add", "seed")
    board = await service.leaderboard(GUILD, "round", ALICE, round_member_ids=["100", "999"])
    assert [(e.external_id, e.value) for e in board.entries] == [("100", 1)]
    assert board.caller.rank == 1
    both = await service.leaderboard(GUILD, "round", ALICE, round_member_ids={"100", "200"})
    assert [e.external_id for e in both.entries] == ["200", "100"]
    assert both.caller.rank == 2


async def test_unknown_scope_is_refused(service: StreakService) -> None:
    with pytest.raises(UserFacingError) as caught:
        await service.leaderboard(GUILD, "weekly", ALICE)
    assert caught.value.key == "streaks.error.unknown_scope"


async def test_attendance_counts_when_enabled(
    service: StreakService, community: CommunityService, clock: ManualClock
) -> None:
    session_start = seoul(2026, 11, 22, 20)
    first = await service.record_attendance(ALICE, session_start, "session-1", "Alice")
    assert first is not None and first.day == date(2026, 11, 22)
    again = await service.record_attendance(ALICE, session_start, "session-1", "Alice")
    assert again is not None and again.duplicate
    assert (await service.show(ALICE)).total_checkins == 1
    await community.set_value(GUILD, "attendance_counts_as_checkin", "off", actor="1")
    assert await service.record_attendance(BOB, session_start, "session-1", "Bob") is None
    assert (await service.show(BOB)).total_checkins == 0
