"""Understanding `when` in Korean and English, canonical rules, DST behaviour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.errors import UserFacingError
from bot.i18n import Lang, load_catalog
from bot.schedules.parse import (
    describe_rule,
    example_whens,
    next_after,
    parse_rule,
    parse_when,
)

SEOUL = ZoneInfo("Asia/Seoul")
NEW_YORK = ZoneInfo("America/New_York")
# Monday 2026-11-23 21:00 in Seoul.
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def local(when: datetime, zone: ZoneInfo = SEOUL) -> str:
    return when.astimezone(zone).strftime("%a %Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("text", "rule", "first"),
    [
        ("2026-12-01 20:00", "at 2026-12-01 20:00", "Tue 2026-12-01 20:00"),
        ("2026/12/01 8pm", "at 2026-12-01 20:00", "Tue 2026-12-01 20:00"),
        ("2026년 12월 1일 20:00", "at 2026-12-01 20:00", "Tue 2026-12-01 20:00"),
        ("22:00", "at 2026-11-23 22:00", "Mon 2026-11-23 22:00"),
        ("20:00", "at 2026-11-24 20:00", "Tue 2026-11-24 20:00"),  # 20:00 today has passed
        ("tomorrow 9:00", "at 2026-11-24 09:00", "Tue 2026-11-24 09:00"),
        ("내일 9:00", "at 2026-11-24 09:00", "Tue 2026-11-24 09:00"),
        ("내일 오전 9시", "at 2026-11-24 09:00", "Tue 2026-11-24 09:00"),
        ("오늘 23시 30분", "at 2026-11-23 23:30", "Mon 2026-11-23 23:30"),
        ("모레 오후 3시 반", "at 2026-11-25 15:30", "Wed 2026-11-25 15:30"),
        ("every mon 20:00", "cron 0 20 * * mon", "Mon 2026-11-30 20:00"),
        ("Every Monday at 8pm", "cron 0 20 * * mon", "Mon 2026-11-30 20:00"),
        ("every mon,thu 20:00", "cron 0 20 * * mon,thu", "Thu 2026-11-26 20:00"),
        ("every weekday 9:00", "cron 0 9 * * mon,tue,wed,thu,fri", "Tue 2026-11-24 09:00"),
        ("every day 9:00", "cron 0 9 * * *", "Tue 2026-11-24 09:00"),
        ("매주 월 20:00", "cron 0 20 * * mon", "Mon 2026-11-30 20:00"),
        ("매주 월,목 20:00", "cron 0 20 * * mon,thu", "Thu 2026-11-26 20:00"),
        ("매주 월요일에 오후 8시에", "cron 0 20 * * mon", "Mon 2026-11-30 20:00"),
        ("월수금마다 7:30", "cron 30 7 * * mon,wed,fri", "Wed 2026-11-25 07:30"),
        ("매일 9:00", "cron 0 9 * * *", "Tue 2026-11-24 09:00"),
        ("평일 9:00", "cron 0 9 * * mon,tue,wed,thu,fri", "Tue 2026-11-24 09:00"),
        ("주말 10시", "cron 0 10 * * sat,sun", "Sat 2026-11-28 10:00"),
        ("0 9 * * 1-5", "cron 0 9 * * mon,tue,wed,thu,fri", "Tue 2026-11-24 09:00"),
        ("cron 30 20 * * 0", "cron 30 20 * * sun", "Sun 2026-11-29 20:30"),
        ("0 8 1 * *", "cron 0 8 1 * *", "Tue 2026-12-01 08:00"),
    ],
)
def test_understood_rules(text: str, rule: str, first: str) -> None:
    parsed = parse_when(text, SEOUL, NOW)
    assert parsed.text == rule
    occurrences = parsed.next_occurrences(NOW, 3)
    assert local(occurrences[0]) == first
    assert all(moment > NOW for moment in occurrences)
    # The canonical text reads back to the same rule.
    assert parse_rule(parsed.text) == parsed.rule


def test_cron_weekday_numbers_are_standard_cron() -> None:
    # 0 and 7 are Sunday in cron, although APScheduler 3 counts 0 as Monday.
    for text in ("0 9 * * 0", "0 9 * * 7", "0 9 * * sun"):
        assert parse_when(text, SEOUL, NOW).text == "cron 0 9 * * sun"
    assert parse_when("0 9 * * */2", SEOUL, NOW).text == "cron 0 9 * * tue,thu,sat,sun"
    assert parse_when("0 9 * * fri-sun", SEOUL, NOW).text == "cron 0 9 * * fri,sat,sun"


def test_recurrence_gives_three_occurrences_from_the_trigger() -> None:
    parsed = parse_when("매주 월,목 20:00", SEOUL, NOW)
    assert [local(m) for m in parsed.next_occurrences(NOW, 3)] == [
        "Thu 2026-11-26 20:00", "Mon 2026-11-30 20:00", "Thu 2026-12-03 20:00"]


def test_descriptions_in_both_languages() -> None:
    weekly = parse_when("every mon,thu 20:00", SEOUL, NOW)
    assert weekly.description == {"ko": "매주 월·목 20:00", "en": "every Mon, Thu at 20:00"}
    assert parse_when("평일 9:00", SEOUL, NOW).describe("en") == "every weekday (Mon-Fri) at 09:00"
    assert parse_when("매일 9:00", SEOUL, NOW).describe("ko") == "매일 09:00"
    once = parse_when("2026-12-01 20:00", SEOUL, NOW)
    assert once.describe("ko") == "2026-12-01(화) 20:00에 한 번"
    assert once.describe("en") == "once on Tue 2026-12-01 at 20:00"
    monthly = parse_when("0 8 1 * *", SEOUL, NOW)
    assert "`0 8 1 * *`" in monthly.describe("ko") and "cron" in monthly.describe("en")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "schedules.when_invalid"),
        ("soon", "schedules.when_invalid"),
        ("every blursday 9:00", "schedules.when_invalid"),
        ("매주 9:00시", "schedules.when_invalid"),
        ("25:00", "schedules.when_bad_clock"),
        ("13pm", "schedules.when_bad_clock"),
        ("2026-02-30 10:00", "schedules.when_bad_clock"),
        ("2026-11-01 10:00", "schedules.when_past"),
        ("오늘 20:00", "schedules.when_past"),
        ("today 9:00", "schedules.when_past"),
        ("61 9 * * *", "schedules.when_cron_invalid"),
        ("0 9 * * 8", "schedules.when_cron_invalid"),
        ("0 9 1 * 1", "schedules.when_cron_day_and_weekday"),
        ("0 0 30 2 *", "schedules.when_never"),
        ("* 9 * * *", "schedules.when_too_often"),
        ("*/5 * * * *", "schedules.when_too_often"),
    ],
)
def test_bad_when_is_a_user_facing_error(text: str, key: str) -> None:
    with pytest.raises(UserFacingError) as caught:
        parse_when(text, SEOUL, NOW)
    assert caught.value.key == key


def test_unreadable_text_message_shows_examples_in_both_languages() -> None:
    texts = load_catalog()
    with pytest.raises(UserFacingError) as caught:
        parse_when("next `thursday`-ish", SEOUL, NOW)
    korean = texts.t(caught.value.key, "ko", **caught.value.params)
    english = texts.t(caught.value.key, "en", **caught.value.params)
    assert "매주 월 20:00" in korean and "내일 9:00" in korean
    assert "every mon 20:00" in english and "0 9 * * 1-5" in english
    assert "`" not in caught.value.params["text"]  # echoed safely inside a code span


def test_examples_are_all_understood() -> None:
    languages: tuple[Lang, ...] = ("ko", "en")
    for lang in languages:
        examples = example_whens(lang)
        assert len(examples) >= 5
        for example in examples:
            # Dated examples must be in the future relative to "now".
            parse_when(example, SEOUL, datetime(2026, 1, 5, tzinfo=UTC))


def test_once_in_another_zone_is_that_zone_s_wall_time() -> None:
    parsed = parse_when("2026-12-01 20:00", NEW_YORK, NOW)
    (first,) = parsed.next_occurrences(NOW, 3)
    assert first.astimezone(UTC) == datetime(2026, 12, 2, 1, 0, tzinfo=UTC)


# --- DST -------------------------------------------------------------------------------


def test_daily_0230_on_spring_forward_day_fires_once_an_hour_later() -> None:
    # 2026-03-08: New York clocks jump from 02:00 to 03:00, so 02:30 does not exist.
    start = datetime(2026, 3, 6, 12, tzinfo=UTC)
    parsed = parse_when("every day 02:30", NEW_YORK, start)
    moments = parsed.next_occurrences(start, 4)
    assert [m.astimezone(UTC) for m in moments] == [
        datetime(2026, 3, 7, 7, 30, tzinfo=UTC),  # 02:30 EST
        datetime(2026, 3, 8, 7, 30, tzinfo=UTC),  # 03:30 EDT: once, not skipped
        datetime(2026, 3, 9, 6, 30, tzinfo=UTC),  # 02:30 EDT
        datetime(2026, 3, 10, 6, 30, tzinfo=UTC),
    ]


def test_daily_0130_on_fall_back_day_fires_once_not_twice() -> None:
    # 2026-11-01: 01:00-02:00 happens twice in New York.
    start = datetime(2026, 10, 31, 12, tzinfo=UTC)
    parsed = parse_when("every day 01:30", NEW_YORK, start)
    moments = [m.astimezone(UTC) for m in parsed.next_occurrences(start, 3)]
    assert moments == [
        datetime(2026, 11, 1, 5, 30, tzinfo=UTC),  # 01:30 EDT only
        datetime(2026, 11, 2, 6, 30, tzinfo=UTC),  # 01:30 EST
        datetime(2026, 11, 3, 6, 30, tzinfo=UTC),
    ]


def test_hourly_rule_keeps_both_repeated_hours() -> None:
    start = datetime(2026, 11, 1, 4, 0, tzinfo=UTC)  # 00:00 EDT
    parsed = parse_when("0 * * * *", NEW_YORK, start)
    moments = [m.astimezone(UTC) for m in parsed.next_occurrences(start, 3)]
    assert moments == [datetime(2026, 11, 1, hour, tzinfo=UTC) for hour in (5, 6, 7)]


def test_weekly_rule_keeps_local_wall_time_across_autumn_change() -> None:
    start = datetime(2026, 10, 13, tzinfo=UTC)
    parsed = parse_when("every mon 20:00", NEW_YORK, start)
    moments = parsed.next_occurrences(start, 4)
    assert {m.astimezone(NEW_YORK).strftime("%a %H:%M") for m in moments} == {"Mon 20:00"}
    utc_hours = [m.astimezone(UTC).hour for m in moments]
    assert utc_hours == [0, 0, 1, 1]  # EDT (UTC-4) then EST (UTC-5)


@settings(max_examples=150, deadline=None)
@given(
    hour=st.integers(0, 23), minute=st.integers(0, 59),
    days=st.sets(st.integers(0, 6), min_size=1),
    offset_hours=st.integers(0, 24 * 400),
    zone=st.sampled_from(["Asia/Seoul", "America/New_York", "Europe/Berlin", "UTC"]),
)
def test_weekly_rules_always_fire_at_their_local_time(
    hour: int, minute: int, days: set[int], offset_hours: int, zone: str
) -> None:
    tz = ZoneInfo(zone)
    names = ",".join(["mon", "tue", "wed", "thu", "fri", "sat", "sun"][d] for d in sorted(days))
    start = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=offset_hours)
    parsed = parse_when(f"every {names} {hour}:{minute:02d}", tz, start)
    previous = start
    for moment in parsed.next_occurrences(start, 5):
        assert moment.astimezone(UTC) > previous.astimezone(UTC)
        previous = moment
        wall = moment.astimezone(tz)
        assert wall.weekday() in days
        # Only a time skipped by spring-forward may move (by the DST shift).
        if (wall.hour, wall.minute) != (hour, minute):
            naive = wall.replace(tzinfo=None, hour=hour, minute=minute)
            roundtrip = naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)
            assert roundtrip.replace(tzinfo=None) != naive  # that wall time does not exist


def test_next_after_is_strict_and_none_when_done() -> None:
    once = parse_rule("at 2026-12-01 20:00").trigger(SEOUL)
    moment = datetime(2026, 12, 1, 11, tzinfo=UTC)
    assert next_after(once, moment - timedelta(seconds=1)) == moment
    assert next_after(once, moment) is None
    weekly = parse_rule("cron 0 20 * * mon").trigger(SEOUL)
    first = next_after(weekly, NOW)
    assert first is not None and next_after(weekly, first) == first + timedelta(days=7)


def test_stored_rules_must_be_canonical() -> None:
    with pytest.raises(ValueError):
        parse_rule("every mon 20:00")
    with pytest.raises(ValueError):
        parse_rule("cron 9 9 * * someday")
    with pytest.raises(ValueError):  # field values are checked when the trigger is built
        parse_rule("cron 99 9 * * *").trigger(SEOUL)
    assert describe_rule(parse_rule("cron 0 9 * * sat,sun"), "ko") == "주말(토·일) 09:00"


# Monday 2026-11-23 21:59:30 in Seoul.
JUST_BEFORE_TEN = datetime(2026, 11, 23, 21, 59, 30, tzinfo=SEOUL).astimezone(UTC)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("in 10 minutes", "at 2026-11-23 22:10"),  # 22:09:30, never earlier than asked
        ("10분 후", "at 2026-11-23 22:10"),
        ("10분 뒤에", "at 2026-11-23 22:10"),
        ("in 1 hour 30 minutes", "at 2026-11-23 23:30"),
        ("in an hour", "at 2026-11-23 23:00"),
        ("1시간 반 후", "at 2026-11-23 23:30"),
        ("in 2 days", "at 2026-11-25 22:00"),
        ("3일 후", "at 2026-11-26 22:00"),
        ("friday 8pm", "at 2026-11-27 20:00"),
        ("금요일 오후 8시", "at 2026-11-27 20:00"),
        ("this friday 20:00", "at 2026-11-27 20:00"),
        ("이번 주 금요일 20:00", "at 2026-11-27 20:00"),
        ("다음 금요일 20:00", "at 2026-11-27 20:00"),
        ("next friday 8pm", "at 2026-12-04 20:00"),
        ("friday next week 8pm", "at 2026-12-04 20:00"),
        ("다음 주 금요일 오후 8시", "at 2026-12-04 20:00"),
        ("다음주 금요일에 오후 8시에", "at 2026-12-04 20:00"),
        ("monday 9:00", "at 2026-11-30 09:00"),  # today's 9:00 has passed
        ("22:00", "at 2026-11-23 22:00"),  # 30 s ahead: today
        ("21:59", "at 2026-11-23 21:59"),  # this very minute: due now, not tomorrow
        ("21:58", "at 2026-11-24 21:58"),  # a minute ago: tomorrow
    ],
)
def test_relative_one_offs(text: str, stored: str) -> None:
    parsed = parse_when(text, SEOUL, JUST_BEFORE_TEN)
    assert parsed.text == stored
    assert len(parsed.next_occurrences(parsed.since or JUST_BEFORE_TEN)) == 1


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("in 400 days", "schedules.when_too_far"),
        ("in 5 blursdays", "schedules.when_invalid"),
        ("in 0 minutes", "schedules.when_invalid"),
        ("이번 주 월요일 9:00", "schedules.when_past"),
    ],
)
def test_relative_mistakes(text: str, key: str) -> None:
    with pytest.raises(UserFacingError) as caught:
        parse_when(text, SEOUL, JUST_BEFORE_TEN)
    assert caught.value.key == key
