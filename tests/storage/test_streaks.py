"""Streak storage through the service, on a real temporary SQLite file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.core.errors import UserFacingError
from bot.core.refs import MemberRef
from bot.streaks.service import StreakService
from storage import streaks as store
from storage.backends import open_database
from storage.connection import Connection
from storage.database import Database
from storage.fetch import fetch_all
from tests.helpers.refs import ALICE, GUILD
from tests.helpers.refs import MOD_ACTOR as MOD
from tests.helpers.world import make_services

TODAY = date(2026, 11, 23)  # the clock fixture's local day in Seoul


@pytest.fixture
def service(db: Database, clock: ManualClock) -> StreakService:
    return make_services(db, clock).streaks


async def rows(db: Database, sql: str, *params: object) -> list[tuple[object, ...]]:
    found = await db.read(fetch_all, sql, params)
    return [tuple(row) for row in found]


async def test_checkin_is_durable(tmp_path: Path, clock: ManualClock) -> None:
    path = tmp_path / "durable.sqlite3"
    db = await open_database(path)
    try:
        service = make_services(db, clock).streaks
        result = await service.check_in(ALICE, "Alice", "Attention Is All You Need", "ch. 3",
                                        "interaction-1")
    finally:
        await db.close()
    assert result.counted and result.current == 1

    reopened = await open_database(path)
    try:
        stored = await rows(
            reopened, "SELECT checked_at, day, paper, note, source, created_by, dedupe_key "
            "FROM streak_checkins")
        assert stored == [(clock.now().isoformat(), TODAY.isoformat(),
                           "Attention Is All You Need", "ch. 3", "checkin", "100",
                           "interaction-1")]
        summary = await make_services(reopened, clock).streaks.show(ALICE)
        assert (summary.current, summary.total_checkins) == (1, 1)
        assert summary.last_checkin_at == clock.now()
    finally:
        await reopened.close()


async def test_a_retried_interaction_is_counted_once(service: StreakService, db: Database,
                                                     clock: ManualClock) -> None:
    first = await service.check_in(ALICE, "Alice", None, None, "interaction-7")
    clock.advance(timedelta(seconds=3))
    retry = await service.check_in(ALICE, "Alice", None, None, "interaction-7")
    assert first.counted and not first.duplicate
    assert retry.duplicate and not retry.counted
    assert retry.current == first.current == 1
    assert await rows(db, "SELECT COUNT(*) FROM streak_checkins") == [(1,)]
    # Another member may carry the same key without clashing.
    other = await service.check_in(MemberRef(GUILD, "200"), "Bob", None, None, "interaction-7")
    assert other.counted


async def test_adjust_add_writes_an_audit_row(service: StreakService, db: Database) -> None:
    await service.check_in(ALICE, "Alice")
    result = await service.adjust(MOD, ALICE, TODAY - timedelta(days=1), "add",
                                  "read in the train, no signal")
    assert (result.changed, result.current) == (1, 2)
    stored = await rows(db, "SELECT day, source, created_by FROM streak_checkins ORDER BY day")
    assert stored[0] == ("2026-11-22", "adjust", "1")
    history = await service.history(MOD, ALICE)
    assert len(history) == 1
    entry = history[0]
    assert (entry.action, entry.actor_id, entry.target_id) == ("add", "1", "100")
    assert entry.reason == "read in the train, no signal"
    assert entry.details["day"] == "2026-11-22"


async def test_adjust_remove_deletes_the_period_and_is_audited(service: StreakService,
                                                              db: Database) -> None:
    await service.adjust(MOD, ALICE, TODAY - timedelta(days=1), "add", "backfill")
    await service.check_in(ALICE, "Alice")
    await service.check_in(ALICE, "Alice")
    removed = await service.adjust(MOD, ALICE, TODAY, "remove", "posted by mistake")
    assert removed.changed == 2
    assert removed.current == 1  # yesterday still counts, today is open
    assert await rows(db, "SELECT day FROM streak_checkins") == [("2026-11-22",)]
    assert [h.action for h in await service.history(MOD, ALICE)] == ["remove", "add"]


@pytest.mark.parametrize(("day", "action", "reason", "key"), [
    (TODAY + timedelta(days=1), "add", "ok", "streaks.error.future_day"),
    (TODAY, "add", "", "streaks.error.reason_length"),
    (TODAY, "add", "x" * 301, "streaks.error.reason_length"),
    (TODAY, "remove", "nothing there", "streaks.error.nothing_to_remove"),
    (TODAY, "erase", "ok", "streaks.error.unknown_action"),
])
async def test_refused_adjustments_change_nothing(service: StreakService, db: Database, day,
                                                  action, reason, key) -> None:
    with pytest.raises(UserFacingError) as caught:
        await service.adjust(MOD, ALICE, day, action, reason)
    assert caught.value.key == key
    for table in ("streak_checkins", "streak_audit", "members", "streak_stats"):
        assert await rows(db, f"SELECT COUNT(*) FROM {table}") == [(0,)]


async def test_adding_to_a_covered_period_is_refused(service: StreakService, db: Database) -> None:
    await service.check_in(ALICE, "Alice")
    with pytest.raises(UserFacingError) as caught:
        await service.adjust(MOD, ALICE, TODAY, "add", "double")
    assert caught.value.key == "streaks.error.already_checked_in"
    assert await rows(db, "SELECT COUNT(*) FROM streak_audit") == [(0,)]


async def test_grant_freezes(service: StreakService, db: Database) -> None:
    granted = await service.grant_freezes(MOD, ALICE, 3, "conference week")
    assert (granted.count, granted.freezes_left) == (3, 3)
    assert await rows(db, "SELECT count, day FROM streak_freeze_grants") == [(3, "2026-11-23")]
    assert (await service.show(ALICE)).freezes_left == 3
    assert [(h.action, h.details) for h in await service.history(MOD, ALICE)] == [
        ("grant", {"count": 3})]
    for bad in (0, 11):
        with pytest.raises(UserFacingError) as caught:
            await service.grant_freezes(MOD, ALICE, bad, "too many")
        assert caught.value.key == "streaks.error.grant_count"
    assert await rows(db, "SELECT COUNT(*) FROM streak_freeze_grants") == [(1,)]


async def build_board(service: StreakService, count: int) -> list[MemberRef]:
    """Members 1..count where member n has an n-day streak ending today."""
    members = [MemberRef(GUILD, f"{500 + n}") for n in range(1, count + 1)]
    for n, member in enumerate(members, start=1):
        await service.check_in(member, f"reader {n}")
        for back in range(1, n):
            await service.adjust(MOD, member, TODAY - timedelta(days=back), "add", "seed")
    return members


async def test_leaderboard_top_ten_and_the_callers_rank(service: StreakService) -> None:
    members = await build_board(service, 14)
    caller = members[1]  # a 2-day streak: 12 members are ahead
    board = await service.leaderboard(GUILD, "current", caller)
    assert [e.value for e in board.entries] == list(range(14, 4, -1))
    assert [e.rank for e in board.entries] == list(range(1, 11))
    assert board.entries[0].display_name == "reader 14"
    assert (board.caller.rank, board.caller.value) == (13, 2)
    longest = await service.leaderboard(GUILD, "longest", members[-1])
    assert (longest.caller.rank, longest.caller.value) == (1, 14)
    outsider = await service.leaderboard(GUILD, "current", MemberRef(GUILD, "42"))
    assert (outsider.caller.rank, outsider.caller.value) == (None, 0)


async def test_ties_share_a_rank(service: StreakService) -> None:
    for n in range(3):
        await service.check_in(MemberRef(GUILD, f"{n}"), f"m{n}")
    board = await service.leaderboard(GUILD, "current", MemberRef(GUILD, "2"))
    assert [e.rank for e in board.entries] == [1, 1, 1]
    assert board.caller.rank == 1


async def test_current_board_is_honest_on_read(service: StreakService,
                                               clock: ManualClock) -> None:
    await service.check_in(ALICE, "Alice")
    clock.advance(timedelta(days=2))  # yesterday was missed, no freezes yet
    current = await service.leaderboard(GUILD, "current", ALICE)
    assert current.entries == () and current.caller.rank is None
    longest = await service.leaderboard(GUILD, "longest", ALICE)
    assert [(e.external_id, e.value) for e in longest.entries] == [("100", 1)]


async def test_month_scope_counts_distinct_days_of_this_month(service: StreakService,
                                                              clock: ManualClock) -> None:
    bob = MemberRef(GUILD, "200")
    await service.adjust(MOD, ALICE, date(2026, 10, 31), "add", "last month")
    await service.adjust(MOD, ALICE, date(2026, 11, 2), "add", "this month")
    await service.check_in(ALICE, "Alice")
    await service.check_in(ALICE, "Alice")  # same day: counts once
    await service.check_in(bob, "Bob")
    board = await service.leaderboard(GUILD, "month", bob)
    assert board.month == "2026-11"
    assert [(e.external_id, e.value) for e in board.entries] == [("100", 2), ("200", 1)]
    assert (board.caller.rank, board.caller.value) == (2, 1)
    clock.set(datetime(2026, 12, 1, 12, tzinfo=UTC))
    assert (await service.leaderboard(GUILD, "month", bob)).entries == ()


async def test_invalid_checkin_stores_nothing(service: StreakService, db: Database) -> None:
    for paper, note, key in (("p" * 301, None, "streaks.error.paper_too_long"),
                             (None, "n" * 501, "streaks.error.note_too_long")):
        with pytest.raises(UserFacingError) as caught:
            await service.check_in(ALICE, "Alice", paper, note, "interaction-1")
        assert caught.value.key == key
    for table in ("streak_checkins", "members", "streak_stats", "streak_month_stats"):
        assert await rows(db, f"SELECT COUNT(*) FROM {table}") == [(0,)]


async def test_text_is_cleaned_and_limits_apply_after_cleaning(service: StreakService,
                                                               db: Database) -> None:
    await service.check_in(ALICE, "Alice", "  Deep\x00 Residual\nLearning\u202e ", "\x07\t ",
                           None)
    assert await rows(db, "SELECT paper, note FROM streak_checkins") == [
        ("Deep Residual Learning", None)]
    await service.check_in(ALICE, "Alice", "p" * 300 + "\x00\x01", None, None)  # 300 once clean


async def test_stats_follow_a_rules_change(service: StreakService, db: Database) -> None:
    community = service._community
    for day in (date(2026, 11, 9), date(2026, 11, 20), TODAY):  # three weeks in a row
        await service.adjust(MOD, ALICE, day, "add", "seed")
    daily = await service.leaderboard(GUILD, "longest", ALICE)
    assert daily.caller.value == 1
    await community.set_value(GUILD, "streak_period", "weekly", actor="1")
    weekly = await service.leaderboard(GUILD, "longest", ALICE)
    assert weekly.kind == "weekly"
    assert weekly.caller.value == 3
    def work(conn: Connection):
        assert store.rules_of(conn, 1) == "weekly:7:2"
    await db.read(work)


async def test_show_reads_each_day_of_the_window_with_its_count(
        service: StreakService, clock: ManualClock) -> None:
    """The window's days arrive as one text of ten-character days and their counts:
    a count of ten or more and a day outside the 26 weeks must come back exactly."""
    for _ in range(12):
        await service.check_in(ALICE, "Alice")
    clock.advance(timedelta(days=1))
    await service.check_in(ALICE, "Alice")
    clock.advance(timedelta(days=200))
    for _ in range(3):
        await service.check_in(ALICE, "Alice")
    late = TODAY + timedelta(days=201)
    assert (await service.show(ALICE)).counts_by_day == {late: 3}
    clock.advance(timedelta(days=-200))
    assert (await service.show(ALICE)).counts_by_day == {
        TODAY: 12, TODAY + timedelta(days=1): 1}
