"""The pure streak rules: properties (hypothesis) and worked freeze examples."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.streaks.rules import (
    StreakRules,
    StreakSweep,
    compute_streak,
    local_day,
    period_from_index,
    period_index,
    period_of,
    period_of_day,
    representative_instant,
    shift_period,
)

BASE = date(2026, 1, 5)  # a Monday
ZONES = ["Asia/Seoul", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "UTC",
         "Asia/Kolkata", "America/Sao_Paulo"]
DST_ZONES = ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Australia/Sydney"]

rules_st = st.builds(
    StreakRules,
    kind=st.sampled_from(["daily", "weekly"]),
    freeze_every=st.integers(0, 5),
    freeze_cap=st.integers(0, 3),
)
offsets_st = st.lists(st.integers(0, 120), max_size=40)
grants_st = st.lists(st.tuples(st.integers(0, 130), st.integers(1, 3)), max_size=3)
TODAY_OFFSET = st.integers(0, 130)


def day(offset: int) -> date:
    return BASE + timedelta(days=offset)


def state_of(offsets: list[int], today: int, rules: StreakRules,
             grants: list[tuple[int, int]] = ()):  # type: ignore[assignment]
    return compute_streak(
        [day(o) for o in offsets], day(today), rules, [(day(o), n) for o, n in grants]
    )


# --- properties --------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(offsets_st, TODAY_OFFSET, rules_st, grants_st)
def test_current_never_exceeds_longest(offsets, today, rules, grants) -> None:
    state = state_of(offsets, today, rules, grants)
    assert 0 <= state.current <= state.longest <= state.total_periods


@settings(max_examples=200, deadline=None)
@given(offsets_st, TODAY_OFFSET, rules_st, grants_st, st.integers(0, 130))
def test_adding_a_checkin_never_lowers_the_streak(offsets, today, rules, grants, extra) -> None:
    before = state_of(offsets, today, rules, grants)
    after = state_of([*offsets, extra], today, rules, grants)
    assert after.current >= before.current
    assert after.longest >= before.longest


@settings(max_examples=300, deadline=None)
@given(offsets_st, rules_st, grants_st, st.integers(0, 40), st.integers(0, 10), st.booleans())
def test_a_stored_sweep_resumed_with_later_checkins_matches_the_whole_history(
    offsets, rules, grants, split, later_days, grants_counted_first,
) -> None:
    # How check-ins reach a member's stored aggregates: the history up to some
    # period is summed up in a snapshot; later check-ins (and the grants made
    # before them) are added to it one period at a time; the state is asked for
    # a day at or after the last check-in.
    kind = rules.kind
    indexes = sorted({period_index(day(o), kind) for o in offsets})
    grant_at: dict[int, int] = {}
    for offset, count in grants:
        index = period_index(day(offset), kind)
        grant_at[index] = grant_at.get(index, 0) + count
    head, tail = indexes[:split], indexes[split:]
    last = head[-1] if head else None
    today = (indexes[-1] if indexes else 0) + later_days

    def grants_in(low: int | None, high: int) -> list[tuple[int, int]]:
        return sorted((i, n) for i, n in grant_at.items()
                      if (low is None or i > low) and i <= high)

    sweep = StreakSweep(rules, keep_all_bridged=False)
    sweep.advance(head, grants_in(None, last) if last is not None else [])
    for index in tail:
        sweep = StreakSweep(rules, sweep.snapshot(), keep_all_bridged=False)
        if grants_counted_first:  # the grants were stored (and counted) before this check-in
            sweep.apply_grants(grants_in(last, index))
            sweep.advance([index])
        else:
            sweep.advance([index], grants_in(last, index))
        last = index
    pending = grants_in(last, today) if last is not None else grants_in(None, today)
    if grants_counted_first:
        sweep.apply_grants(pending)
        pending = []
    resumed = sweep.state_at(period_from_index(today, kind), pending)
    whole = compute_streak([period_from_index(i, kind) for i in indexes],
                           period_from_index(today, kind), rules,
                           [(period_from_index(i, kind), n) for i, n in grant_at.items()
                            if i <= today])
    kept = StreakSweep.KEPT_BRIDGED
    assert resumed.bridged[-kept:] == whole.bridged[-kept:]
    assert replace(resumed, bridged=()) == replace(whole, bridged=())


@settings(max_examples=200, deadline=None)
@given(offsets_st, rules_st, st.integers(0, 30))
def test_earned_freezes_at_is_what_state_at_says(offsets, rules, later_days) -> None:
    # A check-in asks only this of the state before it (did it earn a freeze?).
    indexes = sorted({period_index(day(o), rules.kind) for o in offsets})
    sweep = StreakSweep(rules)
    sweep.advance(indexes)
    today = period_from_index((indexes[-1] if indexes else 0) + later_days, rules.kind)
    assert sweep.earned_freezes_at(today) == sweep.state_at(today).earned_freezes


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 120), min_size=1, max_size=40), TODAY_OFFSET, rules_st,
       grants_st, st.data())
def test_the_same_checkin_twice_changes_nothing(offsets, today, rules, grants, data) -> None:
    repeated = data.draw(st.sampled_from(offsets))
    assert state_of([*offsets, repeated], today, rules, grants) == state_of(
        offsets, today, rules, grants)


@settings(max_examples=150, deadline=None)
@given(offsets_st, TODAY_OFFSET, rules_st, grants_st, st.randoms(use_true_random=False))
def test_storage_order_does_not_matter(offsets, today, rules, grants, rnd) -> None:
    shuffled = list(offsets)
    rnd.shuffle(shuffled)
    shuffled_grants = list(grants)
    rnd.shuffle(shuffled_grants)
    assert state_of(shuffled, today, rules, shuffled_grants) == state_of(
        offsets, today, rules, grants)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(ZONES), st.dates(date(2024, 1, 1), date(2028, 12, 31)),
       st.integers(0, 23))
def test_period_boundary_follows_the_rollover_hour(zone_name, local_date, rollover) -> None:
    zone = ZoneInfo(zone_name)
    wall = datetime.combine(local_date, time(rollover))
    boundary = wall.replace(tzinfo=zone)
    # Skip rollover hours that do not exist on that day (a DST gap).
    assume(boundary.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall)
    instant = boundary.astimezone(UTC)
    assert period_of(instant, zone, rollover, "daily") == local_date
    assert period_of(instant - timedelta(seconds=1), zone, rollover, "daily") == (
        local_date - timedelta(days=1))
    monday = local_date - timedelta(days=local_date.weekday())
    assert period_of(instant, zone, rollover, "weekly") == monday
    expected_before = monday if local_date.weekday() else monday - timedelta(weeks=1)
    assert period_of(instant - timedelta(seconds=1), zone, rollover, "weekly") == expected_before


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(DST_ZONES), st.dates(date(2025, 1, 1), date(2027, 12, 31)),
       st.integers(0, 23))
def test_a_day_stays_one_period_across_dst(zone_name, local_date, rollover) -> None:
    zone = ZoneInfo(zone_name)
    # Walk in 10-minute steps through a wide window; every instant is assigned to a
    # period, and the instants assigned to ``local_date`` form one block of 23-25 h.
    start = datetime.combine(local_date, time(rollover), zone).astimezone(UTC) - timedelta(hours=3)
    steps = [start + timedelta(minutes=10 * i) for i in range(6 * 30)]
    days = [local_day(s, zone, rollover) for s in steps]
    assert days == sorted(days)
    inside = [s for s, d in zip(steps, days, strict=True) if d == local_date]
    span = inside[-1] - inside[0] + timedelta(minutes=10)
    assert timedelta(hours=23) <= span <= timedelta(hours=25)
    assert {d for d in days} <= {local_date - timedelta(days=1), local_date,
                                 local_date + timedelta(days=1)}


def test_known_dst_days_are_single_periods() -> None:
    # The clocks change at 02:00/03:00, before the 04:00 rollover, so the period
    # that contains the change is the one named after the day before.
    for zone_name, changes in {
        "America/New_York": [date(2026, 3, 8), date(2026, 11, 1)],
        "Europe/Berlin": [date(2026, 3, 29), date(2026, 10, 25)],
    }.items():
        zone = ZoneInfo(zone_name)
        for change in changes:
            key = change - timedelta(days=1)
            start = datetime.combine(key, time(4), zone).astimezone(UTC)
            end = datetime.combine(change, time(4), zone).astimezone(UTC)
            assert end - start in (timedelta(hours=23), timedelta(hours=25))
            minutes = int((end - start).total_seconds() // 60)
            probes = [start + timedelta(minutes=m) for m in range(0, minutes, 7)]
            assert {period_of(p, zone, 4, "daily") for p in probes} == {key}
            assert period_of(end, zone, 4, "daily") == change


def test_checkin_before_rollover_counts_for_the_previous_day() -> None:
    seoul = ZoneInfo("Asia/Seoul")
    at_0130 = datetime(2026, 11, 24, 1, 30, tzinfo=seoul)
    assert period_of(at_0130, seoul, 4, "daily") == date(2026, 11, 23)
    assert period_of(at_0130, seoul, 0, "daily") == date(2026, 11, 24)
    # Monday 01:30 still belongs to the previous week with a 04:00 rollover.
    assert period_of(datetime(2026, 11, 30, 1, 30, tzinfo=seoul), seoul, 4, "weekly") == date(
        2026, 11, 23)


def test_naive_instants_are_refused() -> None:
    with pytest.raises(ValueError):
        period_of(datetime(2026, 1, 1, 12), ZoneInfo("UTC"), 4, "daily")


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(ZONES), st.dates(date(2024, 1, 1), date(2028, 12, 31)),
       st.integers(0, 23))
def test_representative_instant_lies_inside_its_day(zone_name, local_date, rollover) -> None:
    zone = ZoneInfo(zone_name)
    assert local_day(representative_instant(local_date, zone, rollover), zone, rollover) == (
        local_date)


@given(st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.integers(-60, 60),
       st.sampled_from(["daily", "weekly"]))
def test_period_arithmetic_round_trips(some_day, steps, kind) -> None:
    key = period_of_day(some_day, kind)
    shifted = shift_period(key, steps, kind)
    assert period_index(shifted, kind) - period_index(key, kind) == steps
    assert period_of_day(shifted, kind) == shifted


# --- worked examples ---------------------------------------------------------

DAILY_NO_FREEZES = StreakRules("daily", 0, 0)


def test_streak_is_current_through_yesterday_only() -> None:
    checked = [0, 1, 2]
    assert state_of(checked, 2, DAILY_NO_FREEZES).current == 3
    assert state_of(checked, 3, DAILY_NO_FREEZES).current == 3  # today still open
    assert state_of(checked, 4, DAILY_NO_FREEZES).current == 0  # day 3 was missed
    assert state_of(checked, 4, DAILY_NO_FREEZES).longest == 3


def test_several_checkins_in_one_period_count_once() -> None:
    # Monday, Wednesday and Sunday of one week, then the next Monday.
    state = state_of([0, 2, 6, 7], 7, StreakRules("weekly"))
    assert (state.current, state.total_periods) == (2, 2)
    assert state.covered_today and state.last_period == day(7)


def test_a_spent_freeze_bridges_exactly_one_missed_period() -> None:
    rules = StreakRules("daily", freeze_every=3, freeze_cap=2)
    earned = state_of([0, 1, 2], 2, rules)
    assert earned.freezes_available == 1
    one_missed = state_of([0, 1, 2, 4], 4, rules)
    assert one_missed.current == 4
    assert one_missed.bridged == (day(3),)
    assert one_missed.freezes_available == 0
    two_missed = state_of([0, 1, 2, 5], 5, rules)
    assert two_missed.current == 1
    assert two_missed.bridged == (day(3),)  # spent on day 3, day 4 ended the run
    assert two_missed.longest == 3


def test_freeze_keeps_an_unfinished_streak_current() -> None:
    rules = StreakRules("daily", freeze_every=3, freeze_cap=2)
    state = state_of([0, 1, 2], 4, rules)  # day 3 missed, today (4) still open
    assert state.current == 3
    assert state.bridged == (day(3),)
    assert state.alive_through == day(4)
    assert state_of([0, 1, 2], 5, rules).current == 0


def test_earned_freezes_are_capped() -> None:
    rules = StreakRules("daily", freeze_every=2, freeze_cap=2)
    state = state_of(list(range(10)), 9, rules)
    assert state.earned_freezes == 2
    assert state.next_freeze_in is None
    # Spending one makes room; progress restarts from zero after the spend.
    after_miss = state_of([*range(10), 11], 11, rules)
    assert after_miss.earned_freezes == 1
    assert after_miss.next_freeze_in == 1
    assert after_miss.current == 11


def test_progress_towards_a_freeze_survives_spending_one() -> None:
    rules = StreakRules("daily", freeze_every=7, freeze_cap=2)
    ten_days = state_of(list(range(10)), 9, rules)
    assert (ten_days.earned_freezes, ten_days.next_freeze_in) == (1, 4)  # 3/7 progress
    state = state_of([*range(10), 11], 11, rules)  # day 10 missed and bridged
    assert state.bridged == (day(10),)
    assert (state.earned_freezes, state.next_freeze_in) == (0, 3)  # 4/7 progress


def test_freezes_disabled_when_every_is_zero() -> None:
    state = state_of([*range(30), 31], 31, StreakRules("daily", 0, 5))
    assert state.freezes_available == 0
    assert state.current == 1
    assert state.next_freeze_in is None


def test_progress_restarts_with_a_new_run() -> None:
    rules = StreakRules("daily", freeze_every=3, freeze_cap=1)
    # Two check-ins, a break, two check-ins: no freeze earned (never 3 in a row).
    state = state_of([0, 1, 3, 4], 4, rules)
    assert state.earned_freezes == 0
    assert state.next_freeze_in == 1


def test_granted_freezes_bridge_later_misses_and_add_to_earned_ones() -> None:
    rules = StreakRules("daily", freeze_every=7, freeze_cap=2)
    grants = [(1, 2)]
    state = state_of([0, 1, 2, 5], 5, rules, grants)
    assert state.current == 4
    assert state.bridged == (day(3), day(4))
    assert state.granted_freezes == 0
    unused = state_of([0, 1, 2], 2, rules, grants)
    assert (unused.granted_freezes, unused.freezes_available) == (2, 2)
    assert unused.alive_through == day(5)


def test_earned_freezes_are_spent_before_granted_ones() -> None:
    rules = StreakRules("daily", freeze_every=2, freeze_cap=1)
    state = state_of([0, 1, 3], 3, rules, [(0, 1)])
    assert state.bridged == (day(2),)
    assert (state.earned_freezes, state.granted_freezes) == (0, 1)


def test_a_grant_does_not_rescue_a_period_missed_before_it() -> None:
    state = state_of([0, 1, 3], 3, DAILY_NO_FREEZES, [(3, 1)])
    assert state.current == 1
    assert state.bridged == ()
    assert state.granted_freezes == 1


def test_a_grant_without_a_running_streak_is_used_by_the_next_miss() -> None:
    state = state_of([5], 7, DAILY_NO_FREEZES, [(2, 1)])
    assert state.granted_freezes == 0
    assert state.bridged == ()
    kept = state_of([2, 3, 4, 5], 5, DAILY_NO_FREEZES, [(2, 1)])
    assert kept.granted_freezes == 1


def test_weekly_freezes_bridge_whole_weeks() -> None:
    rules = StreakRules("weekly", freeze_every=2, freeze_cap=1)
    weeks = [0, 7, 21]  # weeks 0, 1, (2 missed), 3
    state = state_of(weeks, 21, rules)
    assert state.current == 3
    assert state.bridged == (day(14),)


def test_future_periods_and_grants_are_ignored() -> None:
    state = state_of([0, 1, 5], 1, StreakRules("daily", 1, 1), [(4, 3)])
    assert (state.current, state.total_periods, state.granted_freezes) == (2, 2, 0)


def test_empty_history() -> None:
    state = state_of([], 10, StreakRules("daily", 7, 2))
    assert (state.current, state.longest, state.total_periods) == (0, 0, 0)
    assert state.last_period is None and state.alive_through is None
    assert not state.covered_today
