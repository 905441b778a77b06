"""End to end: ``/remind edit`` (issue 14). A moderator changes a channel reminder's
time, text and/or channel in place, keeping its number; a member changes their
own personal reminder. Bad input gets a clear message and changes nothing."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.actor import Actor
from bot.core.refs import MemberRef
from tests.e2e.conftest import BotRunner
from tests.e2e.test_schedules import advance, community
from tests.fake_discord import FakeDiscord
from tests.schedule_world import moderator

SEOUL = ZoneInfo("Asia/Seoul")  # the clock starts on Monday 2026-11-23 21:00 in Seoul


def texts_in(fake: FakeDiscord, name: str) -> list[str]:
    return [m.embeds[0]["description"] for m in fake.messages_in(fake.guild().channel(name))]


async def test_a_moderator_edits_a_channel_reminder_in_place(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    study = guild.add_channel("study")
    await fake_discord.dispatch("CHANNEL_CREATE", study.payload(fake_discord.bot_user.id),
                                guild_id=guild.id)
    await fake_discord.slash("remind add", {"when": "매일 22:00", "message": "복습"},
                             user="mod", locale="ko")
    korean = await fake_discord.slash(
        "remind edit", {"reminder": 1, "when": "매일 23:00", "message": "복습 (시간 변경)"},
        user="mod", locale="ko")
    assert korean.ephemeral
    assert "#1 알림을 고쳤어요 (번호는 그대로)" in (korean.content or ""), korean.content
    assert "매일 23:00" in (korean.content or "") and "복습 (시간 변경)" in (korean.content or "")

    await advance(studybot, datetime(2026, 11, 23, 22, 0, tzinfo=SEOUL))
    assert texts_in(fake_discord, "general") == [], "the old time no longer fires"
    await advance(studybot, datetime(2026, 11, 23, 23, 0, tzinfo=SEOUL))
    assert texts_in(fake_discord, "general") == ["복습 (시간 변경)"]

    english = await fake_discord.slash("remind edit", {"reminder": 1, "channel": study},
                                       user="mod")
    assert "Updated reminder #1 (same number)" in (english.content or ""), english.content
    await advance(studybot, datetime(2026, 11, 24, 23, 0, tzinfo=SEOUL))
    assert texts_in(fake_discord, "study") == ["복습 (시간 변경)"]
    assert len(texts_in(fake_discord, "general")) == 1
    (item,) = await studybot.services.reminders.list_reminders(moderator(community(fake_discord)))
    assert item.schedule.id == 1 and item.schedule.channel_id == str(study.id)


async def test_bad_input_changes_nothing(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    await fake_discord.slash("remind add", {"when": "매일 22:00", "message": "복습"}, user="mod")
    before = await studybot.services.reminders.list_reminders(moderator(community(fake_discord)))

    bad_time = await fake_discord.slash(
        "remind edit", {"reminder": 1, "when": "언젠가", "message": "바뀌면 안 돼요"},
        user="mod", locale="ko")
    assert bad_time.ephemeral and "고쳤어요" not in (bad_time.content or "")
    long_text = await fake_discord.slash(
        "remind edit", {"reminder": 1, "message": "   "}, user="mod")
    assert long_text.ephemeral and "Updated" not in (long_text.content or "")
    nothing = await fake_discord.slash("remind edit", {"reminder": 1}, user="mod")
    assert "Give at least one thing to change" in (nothing.content or ""), nothing.content
    missing = await fake_discord.slash("remind edit", {"reminder": 9, "message": "x"},
                                       user="mod")
    assert "There is no reminder #9" in (missing.content or ""), missing.content
    # A member may not edit the server's reminder.
    member = await fake_discord.slash("remind edit", {"reminder": 1, "message": "hijack"},
                                      user="alice")
    assert "You have no personal reminder #1" in (member.content or ""), member.content

    assert await studybot.services.reminders.list_reminders(
        moderator(community(fake_discord))) == before
    await advance(studybot, datetime(2026, 11, 23, 22, 0, tzinfo=SEOUL))
    assert texts_in(fake_discord, "general") == ["복습"]


async def test_a_member_edits_only_their_own_personal_reminder(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    alice = guild.member("alice").user
    await fake_discord.slash("remind me", {"when": "내일 9:00", "message": "단어"},
                             user="alice", locale="ko")
    edited = await fake_discord.slash(
        "remind edit", {"reminder": 1, "when": "내일 8:00", "message": "단어 50개"},
        user="alice", locale="ko")
    assert "개인 알림 #1을 고쳤어요 (번호는 그대로)" in (edited.content or ""), edited.content
    assert "2026-11-24(화) 08:00" in (edited.content or "")

    other = await fake_discord.slash("remind edit", {"reminder": 1, "message": "mine now"},
                                     user="mod")
    assert "no reminder #1" in (other.content or ""), other.content
    moved = await fake_discord.slash(
        "remind edit", {"reminder": 1, "channel": guild.channel("general")}, user="alice")
    assert "You have no personal reminder #1" in (moved.content or ""), \
        "a personal reminder has no channel to move to; a member gets no moderator edit"

    await advance(studybot, datetime(2026, 11, 24, 8, 0, tzinfo=SEOUL))
    assert [m.embeds[0]["description"] for m in fake_discord.direct_messages(alice)] \
        == ["단어 50개"]
    await advance(studybot, datetime(2026, 11, 24, 9, 0, tzinfo=SEOUL))
    assert len(fake_discord.direct_messages(alice)) == 1
    mine = await studybot.services.personal.list_mine(
        Actor(MemberRef(community(fake_discord), str(alice.id))))
    assert mine == [], "the one-off ran once, at its new time"
