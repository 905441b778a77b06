"""End to end: relative reminder times through ``/remind add`` (issue 14): "in 10
minutes", "10분 후", "next friday 8pm", "다음 주 금요일 오후 8시", and a one-off
"HH:MM" typed in its own minute is posted at once, not tomorrow."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.runners.discord import BotRunner

SEOUL = ZoneInfo("Asia/Seoul")


async def advance(studybot: BotRunner, when: datetime) -> None:
    studybot.clock.set(when)
    await studybot.services.schedules.run_due()


def posted(fake: FakeDiscord) -> list[str]:
    return [m.embeds[0]["description"] for m in fake.messages_in(fake.guild().channel("general"))]


async def test_in_ten_minutes_in_both_languages(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    start = datetime(2026, 11, 23, 21, 59, 30, tzinfo=SEOUL)
    studybot.clock.set(start)
    korean = await fake_discord.slash("remind add", {"when": "10분 후", "message": "스트레칭"},
                                      user="mod", locale="ko")
    assert "2026-11-23(월) 22:10" in (korean.content or ""), korean.content
    english = await fake_discord.slash(
        "remind add", {"when": "in 1 hour 30 minutes", "message": "stretch again"},
        user="mod", locale="en-US")
    assert "Mon 2026-11-23 23:30" in (english.content or ""), english.content

    await advance(studybot, start + timedelta(minutes=10, seconds=30))
    assert posted(fake_discord) == ["스트레칭"]
    await advance(studybot, datetime(2026, 11, 23, 23, 30, tzinfo=SEOUL))
    assert posted(fake_discord) == ["스트레칭", "stretch again"]


async def test_next_friday_is_friday_of_next_week(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    korean = await fake_discord.slash(
        "remind add", {"when": "다음 주 금요일 오후 8시", "message": "발표 준비"},
        user="mod", locale="ko")
    assert "2026-12-04(금) 20:00" in (korean.content or ""), korean.content
    english = await fake_discord.slash(
        "remind add", {"when": "next friday 8pm", "message": "slides"}, user="mod")
    assert "Fri 2026-12-04 20:00" in (english.content or ""), english.content
    coming = await fake_discord.slash(
        "remind add", {"when": "friday 8pm", "message": "this week"}, user="mod")
    assert "Fri 2026-11-27 20:00" in (coming.content or ""), coming.content

    await advance(studybot, datetime(2026, 11, 27, 20, 0, tzinfo=SEOUL))
    assert posted(fake_discord) == ["this week"]
    await advance(studybot, datetime(2026, 12, 4, 20, 0, tzinfo=SEOUL))
    assert sorted(posted(fake_discord)[1:]) == ["slides", "발표 준비"]


async def test_a_time_in_its_own_minute_is_posted_now_not_tomorrow(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    # Typed at 21:59:59, read by the bot at 22:00:01.
    studybot.clock.set(datetime(2026, 11, 23, 22, 0, 1, tzinfo=SEOUL))
    reply = await fake_discord.slash("remind add", {"when": "22:00", "message": "지금!"},
                                     user="mod", locale="ko")
    assert "2026-11-23(월) 22:00" in (reply.content or ""), reply.content
    await studybot.services.schedules.run_due()
    assert posted(fake_discord) == ["지금!"]
    listing = await fake_discord.slash("remind list", user="mod", locale="en-US")
    assert listing.embeds[0]["description"].startswith("No active or paused reminders"), \
        "the one-off ran and is finished"
