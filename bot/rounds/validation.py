"""Input checks for rounds and sessions; each failure is a ``UserFacingError``.

Limits follow Discord's: names up to 100 characters (an embed title or a
scheduled event's name), titles 200, topics 300, and no more than 25 choices
in one list a member picks from (the size of a select menu, an autocomplete
answer and an embed's fields).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from bot.core.errors import UserFacingError

MAX_NAME = 100
MAX_TITLE = 200
MAX_TOPIC = 300
MAX_CADENCE = 100
MAX_CHOICES = 25
MAX_WEEKS = 52
MAX_SESSIONS = 100
MIN_DURATION, MAX_DURATION = 15, 12 * 60
MAX_REMINDER_DAYS = 14
MAX_SOTA_EVERY = 52

_SNOWFLAKE = re.compile(r"^\d{1,20}$")
_CHANNEL_MENTION = re.compile(r"^<#(\d{1,20})>$")


def clean_text(value: str, *, limit: int, key: str) -> str:
    """``value`` stripped; refused when empty or longer than ``limit``."""
    text = " ".join(value.split())
    if not text:
        raise UserFacingError(f"{key}.empty")
    if len(text) > limit:
        raise UserFacingError(f"{key}.too_long", limit=limit, length=len(text))
    return text


def round_name(value: str) -> str:
    return clean_text(value, limit=MAX_NAME, key="rounds.error.name")


def paper_title(value: str) -> str:
    return clean_text(value, limit=MAX_TITLE, key="rounds.error.title")


def topic(value: str) -> str:
    return clean_text(value, limit=MAX_TOPIC, key="rounds.error.topic")


def web_url(value: str) -> str:
    """An absolute http(s) URL with a host, or a ``UserFacingError``."""
    text = value.strip()
    try:
        parts = urlsplit(text)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        valid = False
    if not valid or any(ch.isspace() for ch in text) or len(text) > 500:
        raise UserFacingError("rounds.error.url", url=text[:100])
    return text


def place(value: str) -> str:
    """A voice channel id (a pasted ``<#id>`` mention is accepted) or an http(s) URL."""
    text = value.strip()
    mention = _CHANNEL_MENTION.match(text)
    if mention:
        return mention.group(1)
    if _SNOWFLAKE.match(text):
        return text
    try:
        return web_url(text)
    except UserFacingError:
        raise UserFacingError("rounds.error.place", place=text[:100]) from None


def is_channel_place(value: str | None) -> bool:
    """True when a stored place is a channel id rather than a URL."""
    return value is not None and bool(_SNOWFLAKE.match(value))


def in_range(value: int, low: int, high: int, *, key: str) -> int:
    if not low <= value <= high:
        raise UserFacingError(key, low=low, high=high, value=value)
    return value


def weeks(value: int) -> int:
    return in_range(value, 1, MAX_WEEKS, key="rounds.error.weeks")


def duration_minutes(value: int) -> int:
    return in_range(value, MIN_DURATION, MAX_DURATION, key="rounds.error.duration")


def reminder_days(value: int) -> int:
    return in_range(value, 0, MAX_REMINDER_DAYS, key="rounds.error.reminder_days")


def sota_every(value: int) -> int:
    return in_range(value, 0, MAX_SOTA_EVERY, key="rounds.error.sota_every")


def week_of_round(value: int, total_weeks: int) -> int:
    return in_range(value, 1, total_weeks, key="rounds.error.week")


def cadence_text(value: str) -> str:
    return clean_text(value, limit=MAX_CADENCE, key="rounds.error.cadence")


def start_date(value: str) -> date:
    """A ``YYYY-MM-DD`` date."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UserFacingError("rounds.error.date", value=value.strip()[:40]) from None


def not_in_past(first_start: datetime, now: datetime) -> None:
    """A session may not be (re)scheduled to start before now."""
    if first_start <= now:
        raise UserFacingError("rounds.error.in_past")


def choice_count(count: int) -> None:
    """Refuse a list larger than Discord lets a member pick from."""
    if count > MAX_CHOICES:
        raise UserFacingError("rounds.error.too_many_choices", limit=MAX_CHOICES, count=count)


def first_overlap(
    intervals: Sequence[tuple[datetime, timedelta]],
) -> tuple[int, int] | None:
    """Positions (in the given order) of two intervals that overlap, or None.

    Intervals are half-open: a session ending at 21:30 and one starting at
    21:30 do not overlap.
    """
    order = sorted(range(len(intervals)), key=lambda i: intervals[i][0])
    latest_end: datetime | None = None
    latest_index = -1
    for position in order:
        start, length = intervals[position]
        if latest_end is not None and start < latest_end:
            return (latest_index, position)
        end = start + length
        if latest_end is None or end > latest_end:
            latest_end, latest_index = end, position
    return None
