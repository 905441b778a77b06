"""End to end: personal reminders (issue 14) through the real discord.py client and
the fake Discord. Any member schedules one for themself with ``/remind me``; it
comes by direct message, or, when their DMs are closed, in the channel where it
was made, mentioning only them. ``/remind mine`` lists a member's own,
``/remind cancel`` cancels one of them; at most 25 per member."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.actor import Actor
from bot.core.refs import ChannelRef, MemberRef
from bot.schedules.personal import MAX_PERSONAL
from storage.connection import Connection
from tests.e2e.conftest import BotRunner
from tests.e2e.test_schedules import advance, community
from tests.fake_discord import FakeDiscord
from tests.schedule_world import moderator

SEOUL = ZoneInfo("Asia/Seoul")  # the clock starts on Monday 2026-11-23 21:00 in Seoul


async def test_a_member_gets_their_reminder_by_direct_message(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    alice, mod = guild.member("alice").user, guild.member("mod").user
    korean = await fake_discord.slash(
        "remind me", {"when": "10분 후", "message": "논문 3절 다시 읽기"}, user="alice",
        locale="ko")
    assert korean.ephemeral
    assert "개인 알림 #1을 만들었어요" in (korean.content or ""), korean.content
    assert "2026-11-23(월) 21:10" in (korean.content or "")
    english = await fake_discord.slash(
        "remind me", {"when": "in 20 minutes", "message": "stretch"}, user="mod")
    assert english.ephemeral
    assert "Created personal reminder #2" in (english.content or ""), english.content

    await advance(studybot, datetime(2026, 11, 23, 21, 10, tzinfo=SEOUL))
    (dm,) = fake_discord.direct_messages(alice)
    assert dm.embeds[0]["title"] == "🔔 개인 알림"
    assert dm.embeds[0]["description"] == "논문 3절 다시 읽기"
    assert "/알림 취소 1" in dm.embeds[0]["footer"]["text"]
    assert fake_discord.direct_messages(mod) == []
    await advance(studybot, datetime(2026, 11, 23, 21, 20, tzinfo=SEOUL))
    (english_dm,) = fake_discord.direct_messages(mod)
    assert english_dm.embeds[0]["title"] == "🔔 Your reminder"
    assert english_dm.embeds[0]["description"] == "stretch"
    assert fake_discord.messages_in(guild.channel("general")) == [], "nothing in the channel"


async def test_closed_direct_messages_fall_back_to_the_channel_mentioning_only_them(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    alice = guild.member("alice").user
    alice.dms_closed = True
    general = guild.channel("general")
    await fake_discord.slash(
        "remind me", {"when": "오늘 22:00", "message": "발표 준비 @everyone <@&1>"},
        user="alice", locale="ko")
    await advance(studybot, datetime(2026, 11, 23, 22, 0, tzinfo=SEOUL))

    assert fake_discord.direct_messages(alice) == []
    (posted,) = fake_discord.messages_in(general)
    assert posted.content == f"<@{alice.id}>"
    assert posted.embeds[0]["description"] == "발표 준비 @everyone <@&1>"
    mentions = posted.request["allowed_mentions"]
    assert mentions["parse"] == []
    assert [str(u) for u in mentions["users"]] == [str(alice.id)]
    assert not mentions.get("roles")


async def test_at_most_25_per_member_with_a_clear_message(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    for n in range(MAX_PERSONAL):
        await studybot.services.personal.add(
            Actor(_member(fake_discord, "alice"), lang="ko"), _general(fake_discord), "매일 9:00",
            f"#{n}")
    refused = await fake_discord.slash(
        "remind me", {"when": "내일 9:00", "message": "하나 더"}, user="alice", locale="ko")
    assert refused.ephemeral
    assert "개인 알림은 한 사람당 25개까지예요" in (refused.content or ""), refused.content
    assert "/알림 취소" in (refused.content or "")
    english = await fake_discord.slash(
        "remind me", {"when": "tomorrow 9:00", "message": "one more"}, user="alice")
    assert "at most 25 personal reminders" in (english.content or ""), english.content
    assert len(await studybot.services.personal.list_mine(Actor(_member(fake_discord, "alice")))) \
        == MAX_PERSONAL
    # The limit is per member: another member still may.
    other = await fake_discord.slash(
        "remind me", {"when": "tomorrow 9:00", "message": "mine"}, user="mod")
    assert "Created personal reminder" in (other.content or ""), other.content


async def test_members_list_and_cancel_only_their_own(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    alice = guild.member("alice").user
    await fake_discord.slash("remind me", {"when": "내일 9:00", "message": "단어 외우기"},
                             user="alice", locale="ko")
    await fake_discord.slash("remind me", {"when": "tomorrow 9:00", "message": "mod's own"},
                             user="mod")
    mine = await fake_discord.slash("remind mine", user="alice", locale="ko")
    assert mine.ephemeral
    text = mine.embeds[0]["description"]
    assert "**#1**" in text and "단어 외우기" in text and "mod's own" not in text
    assert mine.embeds[0]["title"] == "🔔 내 개인 알림"

    # Someone else's number is "not found", even for a moderator, and nothing changes.
    refused = await fake_discord.slash("remind cancel", {"reminder": 1}, user="mod")
    assert "You have no personal reminder #1" in (refused.content or ""), refused.content
    # Channel reminders stay the moderators': a member is refused.
    member_add = await fake_discord.slash(
        "remind add", {"when": "내일 9:00", "message": "x"}, user="alice", locale="ko")
    assert member_add.ephemeral and "알림 #" not in (member_add.content or "")
    assert await studybot.services.reminders.list_reminders(
        moderator(community(fake_discord))) == []

    cancelled = await fake_discord.slash("remind cancel", {"reminder": 1}, user="alice",
                                         locale="ko")
    assert "개인 알림 #1을 취소했어요" in (cancelled.content or ""), cancelled.content
    empty = await fake_discord.slash("remind mine", user="alice")
    assert empty.embeds[0]["description"].startswith("You have no personal reminders")
    await advance(studybot, datetime(2026, 11, 24, 9, 0, tzinfo=SEOUL))
    assert fake_discord.direct_messages(alice) == [], "a cancelled reminder is not sent"
    assert len(fake_discord.direct_messages(guild.member("mod").user)) == 1


async def test_survives_restarts_and_never_sends_twice(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    alice = fake_discord.guild().member("alice").user
    await fake_discord.slash("remind me", {"when": "매일 22:00", "message": "복습"},
                             user="alice", locale="ko")
    await studybot.restart()
    await advance(studybot, datetime(2026, 11, 23, 22, 0, tzinfo=SEOUL))
    assert len(fake_discord.direct_messages(alice)) == 1
    for _ in range(2):
        studybot.clock.advance(timedelta(minutes=1))
        await studybot.restart()
        await studybot.services.schedules.run_due()
    assert len(fake_discord.direct_messages(alice)) == 1

    # A crash between sending the DM and recording it: long after, the DM is found
    # in the member's direct messages and recorded, not sent again.
    def interrupted(conn: Connection) -> None:
        conn.execute("UPDATE deliveries SET status = 'sending', finished_at = NULL")

    await studybot.services.db.write(interrupted)
    studybot.clock.advance(timedelta(minutes=30))
    await studybot.restart()
    await studybot.services.schedules.run_due()
    assert len(fake_discord.direct_messages(alice)) == 1
    await advance(studybot, datetime(2026, 11, 24, 22, 0, tzinfo=SEOUL))
    assert [m.embeds[0]["description"] for m in fake_discord.direct_messages(alice)] \
        == ["복습", "복습"]


async def test_exported_and_deleted_with_the_member(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    alice = fake_discord.guild().member("alice").user
    await fake_discord.slash("remind me", {"when": "내일 9:00", "message": "비밀 메모"},
                             user="alice", locale="ko")
    exported = await fake_discord.slash("mydata export", user="alice")
    stem = f"studybot-data-{fake_discord.guild().id}-{alice.id}"
    document = json.loads({f.filename: f.data for f in exported.attachments}[f"{stem}.json"])
    (row,) = document["tables"]["schedules"]
    assert (row["kind"], row["message"], row["owned_by"]) == ("personal", "비밀 메모",
                                                               str(alice.id))

    asked = await fake_discord.slash("mydata delete", user="alice")
    await fake_discord.click("privacy:delete:confirm", message=asked, user="alice")
    assert await studybot.services.personal.list_mine(Actor(_member(fake_discord, "alice"))) == []
    await advance(studybot, datetime(2026, 11, 24, 9, 0, tzinfo=SEOUL))
    assert fake_discord.direct_messages(alice) == [], "deleted with her data: never sent"


def _member(fake: FakeDiscord, name: str) -> MemberRef:
    return MemberRef(community(fake), str(fake.guild().member(name).user.id))


def _general(fake: FakeDiscord) -> ChannelRef:
    return ChannelRef(community(fake), str(fake.guild().channel("general").id))
