"""Understanding `when`: free text in Korean or English becomes a zone-independent
rule that APScheduler triggers evaluate in the guild's current time zone.

Two canonical forms are stored and re-parsed with ``parse_rule``:

* ``at 2026-12-01 20:00``: a one-off at that local wall time;
* ``cron M H DOM MON DOW``: a recurrence, weekdays as names (``mon,thu``) so the
  stored text never depends on APScheduler's Monday-is-0 numbering.

Relative one-offs are read against ``now`` and stored as ``at`` rules: a delay
(``in 10 minutes``, ``1시간 반 후``; rounded up to the next whole minute) or a
weekday (``friday 8pm``: the coming one; ``next friday 8pm`` and ``다음 주 금요일
오후 8시``: Friday of next week; the reply shows the date it became). A one-off in the current
minute (``22:00`` typed at 22:00:20) is due at once, not tomorrow.

Every friendly recurrence (``every mon 20:00``, ``매일 9:00``, ``평일 9:00``) is stored
as a ``cron`` rule. Occurrences always come from the triggers, never from "last run
plus an interval", so a weekly 20:00 stays 20:00 local across DST changes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger

from bot.core.errors import UserFacingError
from bot.i18n import LANGUAGES, Lang
from bot.korean import fill
from bot.texts.schedules import MESSAGES

# Monday first, as APScheduler counts them.
DAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALL_DAYS = frozenset(range(7))
WEEKDAYS = frozenset(range(5))
WEEKEND = frozenset({5, 6})
# Rules that would fire more often than this are refused (a classic cron slip such as
# `* 9 * * *` means sixty posts between 9:00 and 9:59).
MIN_INTERVAL = timedelta(minutes=15)
MAX_TEXT = 100
_TICK = timedelta(microseconds=1)
_MINUTE = timedelta(minutes=1)

_EN_DAYS = {
    name: index
    for index, names in enumerate(
        (
            ("mon", "monday", "mondays"),
            ("tue", "tues", "tuesday", "tuesdays"),
            ("wed", "weds", "wednesday", "wednesdays"),
            ("thu", "thur", "thurs", "thursday", "thursdays"),
            ("fri", "friday", "fridays"),
            ("sat", "saturday", "saturdays"),
            ("sun", "sunday", "sundays"),
        )
    )
    for name in names
}
_KO_DAYS = {char: index for index, char in enumerate("월화수목금토일")}
_DAILY = {"every day", "everyday", "daily", "each day", "매일"}
_WEEKDAY_WORDS = {"every weekday", "weekdays", "every weekdays", "평일", "매주 평일", "평일마다"}
_WEEKEND_WORDS = {"every weekend", "weekends", "every weekends", "주말", "매주 주말", "주말마다"}
_RELATIVE_DAYS = {
    "today": 0, "오늘": 0,
    "tomorrow": 1, "내일": 1,
    "day after tomorrow": 2, "the day after tomorrow": 2, "모레": 2,
}

# Relative delays: "in 1 hour 30 minutes", "in an hour", "10분 후", "1시간 반 뒤".
MAX_DELAY = timedelta(days=366)
_EN_DELAY = re.compile(r"in (?P<parts>.+)")
_KO_DELAY = re.compile(r"(?P<parts>.+?) ?(?:후|뒤|있다가)")
_EN_DELAY_PART = re.compile(
    r"(?P<n>\d{1,4}|an?|one) ?(?P<unit>minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w)"
    r"(?![a-z])(?: ?(?:,|and) ?| |$)"
)
_KO_DELAY_PART = re.compile(r"(?P<n>\d{1,4}) ?(?P<unit>분|시간|일|주)(?: ?(?P<half>반))? ?")
_UNITS = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1),
          "w": timedelta(weeks=1), "분": timedelta(minutes=1), "시": timedelta(hours=1),
          "일": timedelta(days=1), "주": timedelta(weeks=1)}
# A weekday named for a one-off: "friday", "금요일" (the coming one); "this friday",
# "이번 주 금요일" (this week's); "다음 금요일" (the first after today); "next friday",
# "friday next week", "다음 주 금요일" (next week's, Monday to Sunday).
_KO_DAY = r"(?P<d>[월화수목금토일])요일"
_ONE_DAY_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?P<d>[a-z]+)"), "coming"),
    (re.compile(r"this (?P<d>[a-z]+)"), "this_week"),
    (re.compile(r"(?:next (?:week )?(?P<d>[a-z]+)|(?P<d2>[a-z]+) next week)"), "next_week"),
    (re.compile(_KO_DAY), "coming"),
    (re.compile(r"이번 ?주 ?" + _KO_DAY), "this_week"),
    (re.compile(r"다음 ?" + _KO_DAY), "after_today"),
    (re.compile(r"다음 ?주 ?" + _KO_DAY), "next_week"),
)

_TIME_AT_END = re.compile(
    r"(?:^|(?<=\s))"
    r"(?:(?P<pre>오전|오후)\s*)?"
    r"(?P<h>\d{1,2})"
    r"(?:"
    r":(?P<m>\d{1,2})(?:\s*(?P<post>am|pm))?"
    r"|\s*시(?:\s*(?:(?P<km>\d{1,2})\s*분|(?P<half>반)))?"
    r"|\s*(?P<post2>am|pm)"
    r")$"
)
_DATE = re.compile(r"(?P<y>\d{4})[-/.](?P<mo>\d{1,2})[-/.](?P<d>\d{1,2})\.?")
_KO_DATE = re.compile(r"(?P<y>\d{4})\s*년\s*(?P<mo>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일")
_CANONICAL_ONCE = re.compile(r"at (\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})")
_CRON_TOKEN = re.compile(r"[0-9a-z*?/,\-]+")
_DOW_TOKEN = re.compile(
    r"(?P<a>\*|\?|[0-7]|[a-z]{3})(?:-(?P<b>[0-7]|[a-z]{3}))?(?:/(?P<step>\d{1,2}))?"
)
# Standard cron weekday numbering: 0 and 7 are Sunday.
_STD_DAY_NAMES = {"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}


class WallClockCronTrigger(CronTrigger):
    """A ``CronTrigger`` that fires once per local wall time.

    On the night clocks fall back, a time such as 01:30 happens twice; plain
    ``CronTrigger`` fires at both. Rules with a fixed hour fire only at the first
    one here (an hourly ``*`` rule keeps both, as those are different hours).
    A wall time skipped by spring-forward fires once, an hour later, as in
    ``CronTrigger``.
    """

    __slots__ = ("_fixed_hour",)

    def __init__(self, **fields: Any) -> None:
        super().__init__(**fields)
        self._fixed_hour = str(self.fields[self.FIELD_NAMES.index("hour")]) != "*"

    def with_zone(self, zone: ZoneInfo) -> WallClockCronTrigger:
        """The same rule in another zone, without compiling the fields again (they
        are never mutated, so the copies share them)."""
        clone = object.__new__(WallClockCronTrigger)
        for name in (*CronTrigger.__slots__, *WallClockCronTrigger.__slots__):
            setattr(clone, name, getattr(self, name))
        clone.timezone = zone
        return clone

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        candidate: datetime | None = super().get_next_fire_time(previous_fire_time, now)
        while candidate is not None and self._repeats_wall_time(candidate):
            candidate = super().get_next_fire_time(candidate, candidate)
        return candidate

    def _repeats_wall_time(self, moment: datetime) -> bool:
        if not self._fixed_hour or not moment.fold:
            return False
        first = moment.replace(fold=0)
        return first.astimezone(UTC) < moment.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Rule:
    """A zone-independent rule: a one-off local wall time or a cron recurrence."""

    text: str
    once_at: datetime | None = None  # naive local wall time
    cron: tuple[str, str, str, str, str] | None = None  # minute hour day month day_of_week

    @property
    def recurring(self) -> bool:
        return self.cron is not None

    def trigger(self, zone: ZoneInfo) -> BaseTrigger:
        """The APScheduler trigger of this rule in ``zone``."""
        if self.once_at is not None:
            return DateTrigger(run_date=self.once_at.replace(tzinfo=zone), timezone=zone)
        assert self.cron is not None
        minute, hour, day, month, day_of_week = self.cron
        return WallClockCronTrigger(
            minute=minute, hour=hour, day=day, month=month, day_of_week=day_of_week,
            timezone=zone,
        )


def next_after(trigger: BaseTrigger, after: datetime) -> datetime | None:
    """The first occurrence of ``trigger`` strictly after ``after`` (aware), or None."""
    if isinstance(trigger, DateTrigger):
        run_date: datetime = trigger.run_date
        return run_date if run_date > after else None
    # In UTC: adding to a local time would drop ``fold`` and step back into the first
    # of two repeated hours.
    start = after.astimezone(UTC) + _TICK
    if isinstance(trigger, WallClockCronTrigger):
        offset = start.astimezone(trigger.timezone).utcoffset()
        if offset is not None and offset.seconds % 60 == 0:
            # Its runs fall on whole local minutes; starting the search at the next
            # one saves APScheduler stepping through the seconds.
            start = start.replace(second=0, microsecond=0)
            if start <= after:
                start += _MINUTE
    found: datetime | None = trigger.get_next_fire_time(None, start)
    return found


def occurrences_after(trigger: BaseTrigger, after: datetime, n: int) -> list[datetime]:
    """Up to ``n`` occurrences of ``trigger`` strictly after ``after``, in order."""
    found: list[datetime] = []
    cursor = after
    while len(found) < n:
        following = next_after(trigger, cursor)
        if following is None:
            break
        found.append(following)
        cursor = following
    return found


@dataclass(frozen=True, slots=True)
class ParsedWhen:
    """A rule as understood in one time zone; ``since`` (from ``parse_when``): the
    instant after which its occurrences count (for a one-off, the start of the
    minute it was read in)."""

    rule: Rule
    zone: ZoneInfo
    since: datetime | None = None

    @property
    def text(self) -> str:
        """The canonical rule text to store (re-read with ``parse_rule``)."""
        return self.rule.text

    @property
    def recurring(self) -> bool:
        return self.rule.recurring

    def trigger(self) -> BaseTrigger:
        return self.rule.trigger(self.zone)

    def describe(self, lang: Lang) -> str:
        """How the rule reads to a person, in ``lang``."""
        return describe_rule(self.rule, lang)

    @property
    def description(self) -> dict[Lang, str]:
        return {lang: describe_rule(self.rule, lang) for lang in LANGUAGES}

    def next_occurrences(self, after: datetime, n: int = 3) -> list[datetime]:
        """The next ``n`` occurrences after ``after``, as aware times in the zone."""
        return [moment.astimezone(self.zone)
                for moment in occurrences_after(self.trigger(), after, n)]


def parse_rule(text: str) -> Rule:
    """Read a stored canonical rule (``at ...`` or ``cron ...``); ValueError otherwise.
    Cron field values are checked when ``Rule.trigger`` builds the trigger."""
    once = _CANONICAL_ONCE.fullmatch(text)
    if once:
        year, month, day, hour, minute = (int(part) for part in once.groups())
        return Rule(text, once_at=datetime(year, month, day, hour, minute))
    if text.startswith("cron "):
        try:
            # Stored rules were checked when written; building a trigger checks again.
            return _cron_rule(text.split()[1:], text, check=False)
        except UserFacingError as exc:
            raise ValueError(f"stored rule {text!r} is not valid ({exc.key})") from None
    raise ValueError(f"not a canonical rule: {text!r}")


def parse_when(text: str, zone: ZoneInfo, now: datetime) -> ParsedWhen:
    """Understand what a moderator typed, in ``zone`` at ``now``.

    Raises ``UserFacingError`` with examples when the text is not understood, when a
    one-off time has passed, when a rule never fires or fires too often.
    """
    shown = _shown(text)
    normalized = _normalize(text)
    if not normalized or len(normalized) > MAX_TEXT:
        raise UserFacingError("schedules.when_invalid", text=shown)
    rule = _parse_normalized(normalized, shown, zone, now)
    # A one-off counts from the start of the current minute: "22:00" typed at
    # 22:00:20 is due now (the member typed it a moment before it was read).
    since = now if rule.recurring else now.replace(second=0, microsecond=0) - _TICK
    parsed = ParsedWhen(rule, zone, since)
    upcoming = parsed.next_occurrences(since, 12 if rule.recurring else 1)
    if rule.once_at is not None and not upcoming:
        local = rule.once_at.replace(tzinfo=zone)
        raise UserFacingError(
            "schedules.when_past", time=local.strftime("%Y-%m-%d %H:%M"), zone=zone.key
        )
    if not upcoming:
        raise UserFacingError("schedules.when_never", text=shown)
    instants = [moment.astimezone(UTC) for moment in upcoming]  # same-zone math ignores fold
    gaps = [later - earlier for earlier, later in pairwise(instants)]
    if gaps and min(gaps) < MIN_INTERVAL:
        raise UserFacingError(
            "schedules.when_too_often", text=shown,
            minutes=int(MIN_INTERVAL.total_seconds() // 60),
        )
    return parsed


def example_whens(lang: Lang) -> list[str]:
    """Examples to offer while a moderator types `when` (autocomplete)."""
    if lang == "ko":
        return ["내일 9:00", "오늘 21:00", "20:00", "10분 후", "다음 주 금요일 오후 8시",
                "매일 9:00", "평일 9:00", "매주 월 20:00", "매주 월,목 20:00", "주말 10:00",
                "2026-12-01 20:00", "0 9 * * 1-5"]
    return ["tomorrow 9:00", "today 21:00", "20:00", "in 10 minutes", "next friday 8pm",
            "every day 9:00", "every weekday 9:00", "every mon 20:00", "every mon,thu 20:00",
            "every weekend 10:00", "2026-12-01 20:00", "0 9 * * 1-5"]


def describe_rule(rule: Rule, lang: Lang) -> str:
    """A rule in words: ``매주 월·목 20:00`` / ``every Mon, Thu at 20:00``."""
    if rule.once_at is not None:
        return _t("schedules.describe.once", lang, date=rule.once_at.strftime("%Y-%m-%d"),
                  weekday=_day_name(rule.once_at.weekday(), lang),
                  time=rule.once_at.strftime("%H:%M"))
    assert rule.cron is not None
    minute, hour, day, month, day_of_week = rule.cron
    if minute.isdigit() and hour.isdigit() and day == "*" and month == "*":
        clock = f"{int(hour):02d}:{int(minute):02d}"
        days = _weekday_set(day_of_week)
        if days == ALL_DAYS:
            return _t("schedules.describe.daily", lang, time=clock)
        if days == WEEKDAYS:
            return _t("schedules.describe.weekdays", lang, time=clock)
        if days == WEEKEND:
            return _t("schedules.describe.weekends", lang, time=clock)
        joiner = _t("schedules.day_joiner", lang)
        names = joiner.join(_day_name(index, lang) for index in sorted(days))
        return _t("schedules.describe.weekly", lang, days=names, time=clock)
    return _t("schedules.describe.cron", lang, expr=rule.text.removeprefix("cron "))


def format_local(moment: datetime, zone: ZoneInfo, lang: Lang) -> str:
    """An instant as local wall time: ``2026-12-01(화) 20:00`` / ``Tue 2026-12-01 20:00``."""
    local = moment.astimezone(zone)
    return _t("schedules.local_time", lang, date=local.strftime("%Y-%m-%d"),
              weekday=_day_name(local.weekday(), lang), time=local.strftime("%H:%M"))


# --- reading free text ---------------------------------------------------------------


def _normalize(text: str) -> str:
    value = unicodedata.normalize("NFKC", text).strip().lower()
    value = value.replace("a.m.", "am").replace("p.m.", "pm")
    value = re.sub(r"에(?=\s|$)", "", value)  # "월요일에 20시에" -> "월요일 20시"
    value = re.sub(r"\s+", " ", value).strip()
    tokens = [token for token in value.split(" ") if token not in ("at", "on")]
    return " ".join(tokens)


def _shown(text: str) -> str:
    """The text as echoed back in an error: one line, short, no code-span breakers."""
    flat = " ".join(text.split()).replace("`", "'")
    return flat[:MAX_TEXT] + ("…" if len(flat) > MAX_TEXT else "")


def _parse_normalized(text: str, shown: str, zone: ZoneInfo, now: datetime) -> Rule:
    if text.startswith("cron "):
        return _cron_rule(text.split()[1:], shown)
    fields = text.split(" ")
    if (
        len(fields) == 5
        and all(_CRON_TOKEN.fullmatch(field) for field in fields)
        and all(field[0] in "0123456789*" for field in fields[:2])
    ):
        return _cron_rule(fields, shown)
    local_now = now.astimezone(zone)
    delay = _delay(text, shown)
    if delay is not None:
        due = (now + delay).astimezone(zone)
        if due.second or due.microsecond:  # never earlier than asked
            due = due.replace(second=0, microsecond=0) + _MINUTE
        return _once(due.replace(tzinfo=None))
    found = _TIME_AT_END.search(text)
    if found is None:
        raise UserFacingError("schedules.when_invalid", text=shown)
    clock = _clock(found, shown)
    head = text[: found.start()].strip()
    this_minute = now.replace(second=0, microsecond=0)
    if not head:
        candidate = datetime.combine(local_now.date(), clock)
        if candidate.replace(tzinfo=zone).astimezone(UTC) < this_minute:
            candidate += timedelta(days=1)
        return _once(candidate)
    named_day = _named_day(head, local_now.date())
    if named_day is not None:
        day, form = named_day
        candidate = datetime.combine(day, clock)
        if form == "coming" and candidate.replace(tzinfo=zone).astimezone(UTC) < this_minute:
            candidate += timedelta(weeks=1)  # "friday 8pm" said on Friday at 21:00
        return _once(candidate)
    if head in _RELATIVE_DAYS:
        day = local_now.date() + timedelta(days=_RELATIVE_DAYS[head])
        return _once(datetime.combine(day, clock))
    date_match = _DATE.fullmatch(head) or _KO_DATE.fullmatch(head)
    if date_match:
        try:
            day = date(int(date_match["y"]), int(date_match["mo"]), int(date_match["d"]))
        except ValueError:
            raise UserFacingError("schedules.when_bad_clock", text=shown) from None
        return _once(datetime.combine(day, clock))
    days = _recurring_days(head)
    if days is None:
        raise UserFacingError("schedules.when_invalid", text=shown)
    return _cron_rule(
        [str(clock.minute), str(clock.hour), "*", "*", _dow_expression(days)], shown
    )


def _delay(text: str, shown: str) -> timedelta | None:
    """The delay of "in 10 minutes" / "10분 후" (parts may combine: "in 1 hour 30
    minutes", "1시간 반 후"); None when ``text`` is not a delay."""
    english = _EN_DELAY.fullmatch(text)
    match = english or _KO_DELAY.fullmatch(text)
    if match is None:
        return None
    parts = match["parts"]
    pattern = _EN_DELAY_PART if english else _KO_DELAY_PART
    total = timedelta()
    position = 0
    for part in pattern.finditer(parts):
        if part.start() != position:
            return None
        position = part.end()
        count = int(part["n"]) if part["n"].isdigit() else 1
        unit = _UNITS[part["unit"][0]]
        total += count * unit + (unit / 2 if part.groupdict().get("half") else timedelta())
    if position != len(parts) or not total:
        return None
    if total > MAX_DELAY:
        raise UserFacingError("schedules.when_too_far", text=shown,
                              days=MAX_DELAY.days)
    return total


def _named_day(head: str, today: date) -> tuple[date, str] | None:
    """The day a one-off names by weekday (see ``_ONE_DAY_FORMS``) and how it was
    named; None when ``head`` names no single weekday."""
    for pattern, form in _ONE_DAY_FORMS:
        match = pattern.fullmatch(head)
        if match is None:
            continue
        name = match["d"] or match.groupdict().get("d2") or ""
        weekday = _EN_DAYS.get(name, _KO_DAYS.get(name))
        if weekday is None:
            return None
        monday = today - timedelta(days=today.weekday())
        if form == "coming":
            return today + timedelta(days=(weekday - today.weekday()) % 7), form
        if form == "after_today":
            return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1), form
        if form == "this_week":
            return monday + timedelta(days=weekday), form
        return monday + timedelta(weeks=1, days=weekday), form
    return None


def _clock(found: re.Match[str], shown: str) -> time:
    hour = int(found["h"])
    minute = int(found["m"] or found["km"] or 0)
    if found["half"]:
        minute = 30
    half = found["pre"] or found["post"] or found["post2"]
    if half:
        if not 1 <= hour <= 12:
            raise UserFacingError("schedules.when_bad_clock", text=shown)
        hour %= 12
        if half in ("pm", "오후"):
            hour += 12
    if hour > 23 or minute > 59:
        raise UserFacingError("schedules.when_bad_clock", text=shown)
    return time(hour, minute)


def _once(local: datetime) -> Rule:
    return Rule(f"at {local:%Y-%m-%d %H:%M}", once_at=local)


def _recurring_days(head: str) -> frozenset[int] | None:
    if head in _DAILY:
        return ALL_DAYS
    if head in _WEEKDAY_WORDS:
        return WEEKDAYS
    if head in _WEEKEND_WORDS:
        return WEEKEND
    listed = re.fullmatch(r"(?:every|매주)\s*(?P<days>.+)", head) or re.fullmatch(
        r"(?P<days>.+?)\s*마다", head
    )
    return _day_list(listed["days"]) if listed else None


def _day_list(text: str) -> frozenset[int] | None:
    days: set[int] = set()
    for token in re.split(r"\s*(?:,|/|·|&|\band\b|및|\s)\s*", text):
        token = token.removesuffix("요일")
        if not token:
            continue
        if token in _EN_DAYS:
            days.add(_EN_DAYS[token])
        elif all(char in _KO_DAYS for char in token.replace("요일", "")):
            days.update(_KO_DAYS[char] for char in token.replace("요일", ""))
        else:
            return None
    return frozenset(days) or None


# --- cron -----------------------------------------------------------------------------


def _cron_rule(fields: list[str], shown: str, *, check: bool = True) -> Rule:
    expression = " ".join(fields)
    if len(fields) != 5:
        raise UserFacingError("schedules.when_cron_invalid", expr=expression or shown)
    minute, hour, day, month, weekday = fields
    days = _standard_weekdays(weekday)
    if days is None:
        raise UserFacingError("schedules.when_cron_invalid", expr=expression)
    if day == "?":
        day = "*"
    if day != "*" and days != ALL_DAYS:
        raise UserFacingError("schedules.when_cron_day_and_weekday", expr=expression)
    day_of_week = _dow_expression(days)
    try:
        if check:
            CronTrigger(minute=minute, hour=hour, day=day, month=month,
                        day_of_week=day_of_week, timezone=UTC)
    except ValueError:
        raise UserFacingError("schedules.when_cron_invalid", expr=expression) from None
    cron = (minute, hour, day, month, day_of_week)
    return Rule("cron " + " ".join(cron), cron=cron)


def _standard_weekdays(field: str) -> frozenset[int] | None:
    """The weekday field read as standard cron (0 and 7 are Sunday, names allowed),
    returned Monday-first (0 = Monday); None when it cannot be read."""
    days: set[int] = set()
    for token in field.split(","):
        match = _DOW_TOKEN.fullmatch(token)
        if match is None:
            return None
        start = _std_day(match["a"])
        if start is None and match["a"] not in ("*", "?"):
            return None
        step = int(match["step"]) if match["step"] else 1
        if step < 1:
            return None
        if match["a"] in ("*", "?"):
            if match["b"]:
                return None
            sequence = list(range(0, 7, step))
        elif match["b"]:
            end = _std_day(match["b"])
            if end is None or start is None:
                return None
            if end == 0 and match["b"] in ("7", "sun") and start > 0:
                end = 7  # "5-7", "fri-sun"
            span = range(start, end + 1) if start <= end else range(start, end + 8)
            sequence = list(span)[::step]
        elif match["step"]:
            assert start is not None
            sequence = list(range(start, 7, step))
        else:
            assert start is not None
            sequence = [start]
        days.update((value - 1) % 7 for value in sequence)
    return frozenset(days)


def _std_day(value: str) -> int | None:
    if value.isdigit():
        number = int(value)
        return 0 if number == 7 else number if number <= 6 else None
    return _STD_DAY_NAMES.get(value)


def _dow_expression(days: frozenset[int]) -> str:
    if days == ALL_DAYS:
        return "*"
    return ",".join(DAY_NAMES[index] for index in sorted(days))


def _weekday_set(expression: str) -> frozenset[int]:
    if expression == "*":
        return ALL_DAYS
    return frozenset(DAY_NAMES.index(name) for name in expression.split(","))


# --- texts ----------------------------------------------------------------------------


def _t(key: str, lang: Lang, **params: Any) -> str:
    template = MESSAGES[key][lang]
    return fill(template, params) if params else template


def _day_name(index: int, lang: Lang) -> str:
    return _t(f"schedules.day.{DAY_NAMES[index]}", lang)
