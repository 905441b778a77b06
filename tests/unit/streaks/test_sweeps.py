"""Stored sweeps: a check-in or /streak show that resumes a member's stored sweep
answers exactly what reading the whole history answers, and does not read it."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.core.errors import UserFacingError
from bot.core.refs import MemberRef
from bot.streaks.service import MAX_CHECKINS_PER_DAY
from storage import streaks as store
from storage.backends import open_database
from storage.connection import Connection
from storage.database import Database
from tests.helpers.old_database import database_before
from tests.helpers.refs import GUILD
from tests.helpers.refs import MOD_ACTOR as MOD
from tests.helpers.world import make_services

MEMBERS = [MemberRef(GUILD, str(100 + n)) for n in range(3)]
START = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)


class World:
    """One database, clock and streak service; ``forget_sweeps`` deletes every stored
    sweep, so the next call reads the whole history."""

    def __init__(self, db: Database, clock: ManualClock) -> None:
        self.db, self.clock = db, clock
        services = make_services(db, clock)
        self.community = services.community
        self.streaks = services.streaks

    async def forget_sweeps(self) -> None:
        def work(conn: Connection):
            conn.execute("DELETE FROM streak_sweeps")
        await self.db.write(work)


async def _apply(world: World, step: tuple[str, object, ...]) -> object:
    """Run one step; returns what the service answered (or the error's key)."""
    action, member, *args = step
    assert isinstance(member, MemberRef)
    streaks = world.streaks
    try:
        if action == "checkin":
            return await streaks.check_in(member, "name")
        if action == "attend":
            instant, ref = args
            assert isinstance(instant, datetime) and isinstance(ref, str)
            return await streaks.record_attendance(member, instant, ref)
        if action == "withdraw":
            (ref,) = args
            assert isinstance(ref, str)
            return await streaks.withdraw_attendance(member, ref)
        if action == "grant":
            (count,) = args
            assert isinstance(count, int)
            return await streaks.grant_freezes(MOD, member, count, "help")
        if action == "adjust":
            day, how = args
            assert isinstance(day, date) and isinstance(how, str)
            return await streaks.adjust(MOD, member, day, how, "fix")
        if action == "rules":
            key, value = args
            assert isinstance(key, str) and isinstance(value, str)
            return await world.community.set_value(GUILD, key, value, actor="1")
    except UserFacingError as exc:
        return exc.key
    raise AssertionError(action)


def _script(seed: int) -> list[tuple[str, object, ...] | timedelta]:
    """A season of steps: clock moves, check-ins (most of them), late attendance,
    withdrawals, grants, corrections and rule changes."""
    rnd = random.Random(seed)
    steps: list[tuple[str, object, ...] | timedelta] = []
    now = START
    sessions: list[tuple[MemberRef, str]] = []
    for number in range(70):
        gap = timedelta(hours=rnd.choice([0, 1, 5, 20, 24, 26, 49, 75]))
        steps.append(gap)
        now += gap
        member = rnd.choice(MEMBERS)
        roll = rnd.random()
        if roll < 0.6:
            steps.append(("checkin", member))
        elif roll < 0.7:
            ref = f"s{number}"
            sessions.append((member, ref))
            steps.append(("attend", member, now - timedelta(days=rnd.randint(0, 6)), ref))
        elif roll < 0.75 and sessions:
            steps.append(("withdraw", *sessions.pop(rnd.randrange(len(sessions)))))
        elif roll < 0.82:
            steps.append(("grant", member, rnd.randint(1, 2)))
        elif roll < 0.9:
            day = (now - timedelta(days=rnd.randint(0, 10))).date()
            steps.append(("adjust", member, day, rnd.choice(["add", "remove"])))
        else:
            key, values = rnd.choice([("freeze_every", ["0", "2", "3"]),
                                      ("freeze_cap", ["1", "2"]),
                                      ("streak_period", ["daily", "weekly"])])
            steps.append(("rules", member, key, rnd.choice(values)))
    return steps


@pytest.mark.parametrize("seed", range(6))
async def test_resumed_sweeps_answer_as_the_whole_history_does(
    tmp_path: Path, seed: int
) -> None:
    fast_db = await open_database(tmp_path / "fast.sqlite3")
    slow_db = await open_database(tmp_path / "slow.sqlite3")
    try:
        fast = World(fast_db, ManualClock(START))
        slow = World(slow_db, ManualClock(START))
        await fast.community.set_value(GUILD, "freeze_every", "2", actor="1")
        await slow.community.set_value(GUILD, "freeze_every", "2", actor="1")
        for step in _script(seed):
            if isinstance(step, timedelta):
                fast.clock.advance(step)
                slow.clock.advance(step)
                continue
            await slow.forget_sweeps()
            assert await _apply(fast, step) == await _apply(slow, step), step
            for member in MEMBERS:
                await slow.forget_sweeps()
                assert await fast.streaks.show(member) == await slow.streaks.show(member)
    finally:
        await fast_db.close()
        await slow_db.close()


async def test_a_checkin_and_show_do_not_read_the_whole_history(
    db: Database, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = World(db, clock)
    member = MEMBERS[0]
    for _ in range(3):
        await world.streaks.check_in(member, "name")
        clock.advance(timedelta(days=1))

    def whole_history(*args: object, **kwargs: object) -> None:
        raise AssertionError("the whole history was read")

    monkeypatch.setattr(store, "checkin_context", whole_history)
    monkeypatch.setattr(store, "member_history", whole_history)
    monkeypatch.setattr(store, "checkin_history", whole_history)
    result = await world.streaks.check_in(member, "name")
    assert (result.counted, result.current) == (True, 4)
    summary = await world.streaks.show(member)
    assert (summary.current, summary.total_checkins) == (4, 4)
    assert summary.counts_by_day == {clock.now().date() - timedelta(days=d): 1
                                     for d in range(4)}


async def test_the_heatmap_window_is_all_show_reads_of_the_days(
    db: Database, clock: ManualClock
) -> None:
    world = World(db, clock)
    member = MEMBERS[0]
    old = clock.now() - timedelta(weeks=40)
    await world.streaks.record_attendance(member, old, "long-ago")
    await world.streaks.check_in(member, "name")
    summary = await world.streaks.show(member)
    assert summary.total_checkins == 2
    assert old.date() not in summary.counts_by_day
    assert sum(summary.counts_by_day.values()) == 1


async def test_check_ins_past_the_daily_cap_are_refused_and_not_stored(
    db: Database, clock: ManualClock
) -> None:
    world = World(db, clock)
    member = MEMBERS[0]
    for _ in range(MAX_CHECKINS_PER_DAY):
        await world.streaks.check_in(member, "name")
    with pytest.raises(UserFacingError) as refused:
        await world.streaks.check_in(member, "name")
    assert refused.value.key == "streaks.error.too_many_checkins"
    assert (await world.streaks.show(member)).total_checkins == MAX_CHECKINS_PER_DAY
    # Attendance is the bot's own record, not the member's: it is not capped.
    attended = await world.streaks.record_attendance(member, clock.now(), "session-1")
    assert attended is not None and attended.duplicate is False
    clock.advance(timedelta(days=1))
    assert (await world.streaks.check_in(member, "name")).counted


async def test_day_counts_follow_every_insert_and_delete(db: Database, clock: ManualClock
                                                         ) -> None:
    world = World(db, clock)
    member = MEMBERS[0]
    today = clock.now().date()
    for _ in range(3):
        await world.streaks.check_in(member, "name")
    await world.streaks.adjust(MOD, member, today - timedelta(days=2), "add", "forgot")
    await world.streaks.adjust(MOD, member, today, "remove", "spam")
    summary = await world.streaks.show(member)
    assert summary.counts_by_day == {today - timedelta(days=2): 1}
    assert replace(summary, counts_by_day={}).total_checkins == 1



async def test_an_older_database_gets_its_day_counts_and_sweeps_on_upgrade(
    tmp_path: Path, clock: ManualClock
) -> None:
    path = tmp_path / "old.sqlite3"
    raw = database_before(path, "streak_sweeps")
    raw.execute("INSERT INTO communities (id, platform, external_id) VALUES (1, ?, ?)",
                (GUILD.platform, GUILD.external_id))
    raw.execute("INSERT INTO members (id, community_id, external_id) VALUES (1, 1, ?)",
                (MEMBERS[0].external_id,))
    today = clock.now().date()
    days = [today - timedelta(days=1)] * 2 + [today - timedelta(days=2)]
    raw.executemany(
        "INSERT INTO streak_checkins (community_id, member_id, checked_at, day, source, "
        "created_by) VALUES (1, 1, ?, ?, 'checkin', 'x')",
        [(f"{day}T12:00:00+00:00", day.isoformat()) for day in days])
    raw.commit()
    raw.close()

    db = await open_database(path)
    try:
        world = World(db, clock)
        before = await world.streaks.show(MEMBERS[0])  # no sweep yet: the whole history
        assert (before.current, before.total_checkins) == (2, 3)
        assert before.counts_by_day == {days[0]: 2, days[2]: 1}
        after = await world.streaks.check_in(MEMBERS[0], "name")
        assert (after.counted, after.current) == (True, 3)
    finally:
        await db.close()
