"""The calendar fast path for fixed-time rules gives exactly what APScheduler gives."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.schedules.fixed_times import FixedTimeRule
from bot.schedules.parse import next_after, parse_rule

ZONES = ["Asia/Seoul", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe",
         "America/Sao_Paulo", "Pacific/Chatham", "Asia/Kolkata", "UTC"]
# Around the DST changes of 2026 in the zones above, and ordinary days.
MOMENTS = [datetime(2026, 3, 8, tzinfo=UTC), datetime(2026, 3, 29, tzinfo=UTC),
           datetime(2026, 4, 5, tzinfo=UTC), datetime(2026, 9, 27, tzinfo=UTC),
           datetime(2026, 10, 4, tzinfo=UTC), datetime(2026, 10, 25, tzinfo=UTC),
           datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 6, 15, tzinfo=UTC)]
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

day_lists = st.one_of(
    st.just("*"),
    st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True).map(
        lambda days: ",".join(sorted(days, key=DAYS.index))),
)


@settings(max_examples=1500, deadline=None)
@given(st.integers(0, 59), st.integers(0, 23), day_lists, st.sampled_from(ZONES),
       st.sampled_from(MOMENTS), st.integers(-3 * 24 * 60, 3 * 24 * 60), st.integers(0, 59))
def test_fixed_time_rules_match_the_apscheduler_trigger_but_for_its_dst_skips(
    minute: int, hour: int, days: str, zone_name: str, moment: datetime, minutes: int,
    seconds: int,
) -> None:
    rule = parse_rule(f"cron {minute} {hour} * * {days}")
    fixed = FixedTimeRule.of(rule)
    assert fixed is not None
    zone = ZoneInfo(zone_name)
    after = moment + timedelta(minutes=minutes, seconds=seconds)
    theirs = next_after(rule.trigger(zone), after)
    assert theirs is not None
    ours = fixed.next_after(zone, after)
    if ours == theirs.astimezone(UTC):
        return
    # APScheduler's CronTrigger sometimes steps past an occurrence next to a DST
    # change (e.g. a daily 00:00 the day after spring-forward). Ours is then an
    # earlier occurrence that really is due: after ``after``, on an allowed day, at
    # the rule's wall time (or an hour later when a spring-forward skipped it).
    assert after < ours < theirs.astimezone(UTC)
    local = ours.astimezone(zone)
    assert local.weekday() in fixed.weekdays and local.minute == minute
    wall = datetime.combine(local.date(), time(hour, minute))
    assert local.hour == hour or wall.replace(tzinfo=zone).astimezone(UTC) == ours
    offsets = {(local + timedelta(hours=h)).utcoffset() for h in range(-30, 31)}
    assert len(offsets) > 1  # a DST change within a day of it


def test_a_daily_midnight_reminder_is_not_skipped_after_spring_forward() -> None:
    # APScheduler's CronTrigger answers 2026-03-10 here, skipping March 9.
    new_york = ZoneInfo("America/New_York")
    midnight_on_dst_day = datetime(2026, 3, 8, 0, 0, tzinfo=new_york)
    rule = FixedTimeRule.of(parse_rule("cron 0 0 * * *"))
    assert rule is not None
    following = rule.next_after(new_york, midnight_on_dst_day)
    assert following.astimezone(new_york) == datetime(2026, 3, 9, 0, 0, tzinfo=new_york)


def test_other_shapes_are_left_to_apscheduler() -> None:
    for text in ("cron */15 * * * *", "cron 0 9 1 * *", "cron 0 9 * 12 *",
                 "cron 0,30 9 * * *", "cron 0 9-17 * * mon"):
        assert FixedTimeRule.of(parse_rule(text)) is None
    assert FixedTimeRule.of(parse_rule("at 2026-12-24 18:00")) is None
    daily = FixedTimeRule.of(parse_rule("cron 30 8 * * *"))
    assert daily == FixedTimeRule(8, 30, frozenset(range(7)))
