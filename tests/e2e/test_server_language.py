"""End to end: scheduled posts in the server's language, not their creator's (issue
14). The guild's preferred locale is kept at start-up and on guild update; posts
everyone reads (reminders, digests) follow it unless moderators force a language.
Discord reports ``en-US`` for every guild that never chose a locale: that alone
keeps the bot's default language."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tests.e2e.conftest import BotRunner
from tests.e2e.test_rounds import create_round
from tests.e2e.test_schedules import advance, community
from tests.fake_discord import FakeDiscord

SEOUL = ZoneInfo("Asia/Seoul")  # the clock starts on Monday 2026-11-23 21:00 in Seoul


def titles(fake: FakeDiscord) -> list[str]:
    return [m.embeds[0]["title"] for m in fake.messages_in(fake.guild().channel("general"))]


async def test_posts_follow_the_guild_locale_not_the_creator(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    guild.preferred_locale = "en-GB"
    await fake_discord.dispatch("GUILD_UPDATE", guild.payload(fake_discord.bot_user.id,
                                                              full=False), guild_id=guild.id)
    await fake_discord.slash("remind add", {"when": "오늘 22:00", "message": "복습"},
                             user="mod", locale="ko")
    await fake_discord.slash("digest configure", {"when": "매주 월 23:00"}, user="mod",
                             locale="ko")
    await advance(studybot, datetime(2026, 11, 23, 22, 0, tzinfo=SEOUL))
    await advance(studybot, datetime(2026, 11, 23, 23, 0, tzinfo=SEOUL))
    assert titles(fake_discord) == ["🔔 Reminder", "📰 Study digest"], \
        "made by a Korean-speaking moderator, posted in the server's English"
    config = await studybot.services.community.config(community(fake_discord))
    assert config.platform_locale == "en-GB"

    # A Korean server (known from start-up): an English-speaking moderator's reminder
    # is posted in Korean.
    guild.preferred_locale = "ko"
    await studybot.restart()
    await fake_discord.slash("remind add", {"when": "오늘 23:30", "message": "정리"},
                             user="mod", locale="en-US")
    await advance(studybot, datetime(2026, 11, 23, 23, 30, tzinfo=SEOUL))
    assert titles(fake_discord)[-1] == "🔔 알림"

    # Moderators forcing a language win over the guild's.
    await fake_discord.slash("config set", {"setting": "language", "value": "en"}, user="mod")
    await fake_discord.slash("remind add", {"when": "오늘 23:45", "message": "last"},
                             user="mod", locale="ko")
    await advance(studybot, datetime(2026, 11, 23, 23, 45, tzinfo=SEOUL))
    assert titles(fake_discord)[-1] == "🔔 Reminder"


async def test_discords_default_locale_keeps_the_bots_default(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    assert fake_discord.guild().preferred_locale == "en-US"
    await fake_discord.slash("remind add", {"when": "오늘 22:00", "message": "복습"},
                             user="mod", locale="en-US")
    await advance(studybot, datetime(2026, 11, 23, 22, 0, tzinfo=SEOUL))
    assert titles(fake_discord) == ["🔔 알림"]
    config = await studybot.services.community.config(community(fake_discord))
    assert config.platform_locale == "en-US", "kept from start-up all the same"


async def test_a_round_announcement_is_in_the_servers_language(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    guild.preferred_locale = "en-GB"
    await studybot.restart()
    await create_round(fake_discord)
    await fake_discord.slash("round-admin start", user="mod", locale="ko")
    announcement = fake_discord.messages_in(guild.channel("general"))[-1]
    assert "has started! Join with `/round join`" in announcement.content, \
        "started by a Korean-speaking moderator, announced in the server's English"
