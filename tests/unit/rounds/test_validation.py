"""Input checks for rounds: each refusal is a UserFacingError with a catalog key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.errors import UserFacingError
from bot.i18n import load_catalog
from bot.rounds import validation

T0 = datetime(2026, 12, 3, 11, tzinfo=UTC)


def key_of(call: object) -> str:
    assert callable(call)
    with pytest.raises(UserFacingError) as caught:
        call()
    assert caught.value.key in load_catalog(), caught.value.key
    return caught.value.key


def test_text_limits_follow_discord() -> None:
    assert validation.round_name("  Spring   2027 ") == "Spring 2027"
    assert validation.round_name("a" * 100) == "a" * 100
    assert key_of(lambda: validation.round_name("a" * 101)) == "rounds.error.name.too_long"
    assert key_of(lambda: validation.round_name("   ")) == "rounds.error.name.empty"
    assert validation.paper_title("t" * 200) == "t" * 200
    assert key_of(lambda: validation.paper_title("t" * 201)) == "rounds.error.title.too_long"
    assert validation.topic("x" * 300) == "x" * 300
    assert key_of(lambda: validation.topic("x" * 301)) == "rounds.error.topic.too_long"


@pytest.mark.parametrize("url", ["https://arxiv.org/abs/1706.03762", "http://example.com/a?b=c"])
def test_http_urls_accepted(url: str) -> None:
    assert validation.web_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/x",
        "javascript:alert(1)",
        "arxiv.org/abs/1",
        "https://",
        "https://a b",
        "file:///etc/passwd",
    ],
)
def test_other_urls_refused(url: str) -> None:
    assert key_of(lambda: validation.web_url(url)) == "rounds.error.url"


def test_place_is_a_channel_or_a_link() -> None:
    assert validation.place("<#123456789012345678>") == "123456789012345678"
    assert validation.place("123") == "123"
    assert validation.place("https://meet.example.com/x") == "https://meet.example.com/x"
    assert key_of(lambda: validation.place("the cafe")) == "rounds.error.place"
    assert validation.is_channel_place("123") and not validation.is_channel_place("https://x.y")


def test_ranges_and_choices() -> None:
    assert key_of(lambda: validation.weeks(0)) == "rounds.error.weeks"
    assert key_of(lambda: validation.weeks(53)) == "rounds.error.weeks"
    assert validation.weeks(52) == 52
    assert key_of(lambda: validation.week_of_round(5, 4)) == "rounds.error.week"
    assert key_of(lambda: validation.duration_minutes(10)) == "rounds.error.duration"
    validation.choice_count(25)
    assert key_of(lambda: validation.choice_count(26)) == "rounds.error.too_many_choices"
    assert key_of(lambda: validation.start_date("next week")) == "rounds.error.date"


def test_past_times_refused() -> None:
    validation.not_in_past(T0, T0 - timedelta(seconds=1))
    assert key_of(lambda: validation.not_in_past(T0, T0)) == "rounds.error.in_past"


def test_overlap_is_half_open() -> None:
    hour = timedelta(hours=1)
    assert validation.first_overlap([(T0, hour), (T0 + hour, hour)]) is None
    assert validation.first_overlap([(T0 + hour, hour), (T0, hour + timedelta(minutes=1))]) == (
        1,
        0,
    )
    assert validation.first_overlap([(T0, 3 * hour), (T0 + 4 * hour, hour), (T0 + hour, hour)]) == (
        0,
        2,
    )
