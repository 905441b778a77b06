"""End to end: /remind and /digest through the real discord.py client and the fake
Discord; the clock is moved and the engine's ``run_due`` delivers what is due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.refs import MemberRef
from storage import schedules as store
from storage.connection import Connection
from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.refs import community
from tests.helpers.runners.discord import BotRunner

SEOUL = ZoneInfo("Asia/Seoul")  # the clock starts on Monday 2026-11-23 21:00 in Seoul


async def advance(studybot: BotRunner, when: datetime) -> None:
    studybot.clock.set(when)
    await studybot.services.schedules.run_due()


async def stored(studybot: BotRunner, fake: FakeDiscord) -> list[store.Schedule]:
    def work(conn: Connection):
        return store.list_schedules(conn, community(fake), "reminder",
                                          ("active", "paused", "finished"))
    return await studybot.services.db.read(work)


async def test_reminder_fires_in_the_channel(studybot: BotRunner,
                                             fake_discord: FakeDiscord) -> None:
    guild = fake_discord.guild()
    general = guild.channel("general")
    reply = await fake_discord.slash(
        "remind add", {"when": "오늘 22:00", "message": "논문 읽을 시간이에요 @everyone",
                       "ping": guild.role("Moderator")}, user="mod", locale="ko")
    assert reply.ephemeral
    assert "알림 #1" in (reply.content or "") and "2026-11-23(월) 22:00" in (reply.content or "")
    assert fake_discord.messages_in(general) == []

    await advance(studybot, datetime(2026, 11, 23, 22, 0, tzinfo=SEOUL))
    (posted,) = fake_discord.messages_in(general)
    assert posted.embeds[0]["description"] == "논문 읽을 시간이에요 @everyone"
    assert posted.embeds[0]["title"] == "🔔 알림"
    role_id = str(guild.role("Moderator").id)
    assert posted.content == f"<@&{role_id}>"
    request = posted.request
    assert request["allowed_mentions"]["parse"] == []
    assert [str(r) for r in request["allowed_mentions"]["roles"]] == [role_id]
    assert request["enforce_nonce"] is True and len(request["nonce"]) <= 25

    listing = await fake_discord.slash("remind list", user="mod", locale="en-US")
    # A one-off that ran is finished and leaves the list.
    assert listing.embeds[0]["description"].startswith("No active or paused reminders")


async def test_down_over_an_occurrence_posts_late_once(studybot: BotRunner,
                                                       fake_discord: FakeDiscord) -> None:
    general = fake_discord.guild().channel("general")
    await fake_discord.slash("remind add", {"when": "매주 월 20:00", "message": "주간 회의"},
                             user="mod")
    await studybot.stop()
    studybot.clock.set(datetime(2026, 11, 30, 21, 0, tzinfo=SEOUL))  # an hour after
    await studybot.start()
    await studybot.services.schedules.run_due()
    (late,) = fake_discord.messages_in(general)
    assert late.embeds[0]["title"] == "⏰ 늦게 도착한 알림"
    assert "2026-11-30(월) 20:00" in late.embeds[0]["footer"]["text"]

    for _ in range(2):
        studybot.clock.advance(timedelta(minutes=3))
        await studybot.restart()
        await studybot.services.schedules.run_due()
    assert len(fake_discord.messages_in(general)) == 1
    await advance(studybot, datetime(2026, 12, 7, 20, 0, tzinfo=SEOUL))
    titles = [m.embeds[0]["title"] for m in fake_discord.messages_in(general)]
    assert titles == ["⏰ 늦게 도착한 알림", "🔔 알림"]


async def test_deleted_channel_pauses_and_moderators_are_told(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    general = guild.channel("general")
    mods = guild.add_channel("mods")
    await studybot.services.community.set_value(community(fake_discord), "moderator_channel",
                                                str(mods.id), actor="test")
    await fake_discord.slash("remind add", {"when": "매일 22:00", "message": "복습"}, user="mod")
    await fake_discord.delete_channel(general)
    await advance(studybot, datetime(2026, 11, 23, 22, 0, tzinfo=SEOUL))

    (schedule,) = await stored(studybot, fake_discord)
    assert schedule.status == "paused"
    (notice,) = fake_discord.messages_in(mods)
    assert f"<#{general.id}>" in notice.embeds[0]["description"]
    assert notice.request["allowed_mentions"]["parse"] == []
    await advance(studybot, datetime(2026, 11, 25, 22, 0, tzinfo=SEOUL))
    posts = fake_discord.requests_to("POST", rf"/channels/{general.id}/messages")
    assert len(posts) == 1  # paused: not tried again


async def test_forbidden_channel_pauses_too(studybot: BotRunner,
                                           fake_discord: FakeDiscord) -> None:
    general = fake_discord.guild().channel("general")
    await fake_discord.slash("remind add", {"when": "매일 22:00", "message": "복습"}, user="mod")
    await fake_discord.forbid_channel(general)
    await advance(studybot, datetime(2026, 11, 23, 22, 0, tzinfo=SEOUL))
    (schedule,) = await stored(studybot, fake_discord)
    assert schedule.status == "paused" and "403" in (schedule.paused_reason or "")


async def test_member_cannot_add_a_reminder(studybot: BotRunner,
                                            fake_discord: FakeDiscord) -> None:
    reply = await fake_discord.slash("remind add", {"when": "매일 9:00", "message": "x"},
                                     user="alice", locale="ko")
    assert reply.ephemeral and "운영진만" in (reply.content or "")
    assert await stored(studybot, fake_discord) == []


async def test_everyone_cannot_be_the_ping_role(studybot: BotRunner,
                                                fake_discord: FakeDiscord) -> None:
    reply = await fake_discord.slash(
        "remind add", {"when": "매일 9:00", "message": "x",
                       "ping": fake_discord.guild().role("@everyone")}, user="mod")
    assert reply.ephemeral and "cannot mention @everyone" in (reply.content or "")
    assert await stored(studybot, fake_discord) == []


async def test_bad_when_is_explained_and_nothing_is_stored(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    reply = await fake_discord.slash("remind add", {"when": "언젠가", "message": "x"},
                                     user="mod", locale="ko")
    assert reply.ephemeral and "매주 월 20:00" in (reply.content or "")
    assert await stored(studybot, fake_discord) == []


async def test_when_autocomplete_shows_the_reading(studybot: BotRunner,
                                                   fake_discord: FakeDiscord) -> None:
    choices = await fake_discord.autocomplete("remind add", "when", "매주 월,목 20:00",
                                              user="mod", locale="ko")
    assert choices[0]["name"] == "매주 월,목 20:00 → 매주 월·목 20:00"
    examples = await fake_discord.autocomplete("remind add", "when", "", user="mod",
                                               locale="en-US")
    assert "every mon 20:00" in [c["value"] for c in examples]


async def test_pause_resume_remove(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    await fake_discord.slash("remind add", {"when": "매일 22:00", "message": "x"}, user="mod")
    paused = await fake_discord.slash("remind pause", {"reminder": 1}, user="mod")
    assert "Paused reminder #1" in (paused.content or "")
    resumed = await fake_discord.slash("remind resume", {"reminder": 1}, user="mod")
    assert "Resumed reminder #1" in (resumed.content or "")
    other = await fake_discord.slash("remind remove", {"reminder": 99}, user="mod")
    assert "no reminder #99" in (other.content or "")
    removed = await fake_discord.slash("remind remove", {"reminder": 1}, user="mod")
    assert "Removed reminder #1" in (removed.content or "")
    assert await stored(studybot, fake_discord) == []


async def test_digest_configure_and_preview(studybot: BotRunner,
                                            fake_discord: FakeDiscord) -> None:
    general = fake_discord.guild().channel("general")
    configured = await fake_discord.slash("digest configure", {}, user="mod", locale="ko")
    assert configured.ephemeral and "매주 월 09:00" in (configured.content or "")
    alice = MemberRef(community(fake_discord), str(fake_discord.guild().member("alice").id))
    await studybot.services.streaks.check_in(alice, "Alice")
    preview = await fake_discord.slash("digest preview", user="mod", locale="en-US")
    assert preview.ephemeral
    embed = preview.embeds[0]
    assert embed["title"] == "📰 Study digest"
    assert any(field["name"] == "🔥 Streak leaders" and "Alice" in field["value"]
               for field in embed["fields"])
    member = await fake_discord.slash("digest preview", user="alice")  # anyone may preview
    assert member.ephemeral and member.embeds[0]["title"] == "📰 Study digest"
    refused = await fake_discord.slash("digest disable", user="alice")
    assert "Only moderators" in (refused.content or "")

    await advance(studybot, datetime(2026, 11, 30, 9, 0, tzinfo=SEOUL).astimezone(UTC))
    (posted,) = fake_discord.messages_in(general)
    assert posted.embeds[0]["title"] == "📰 스터디 소식"
    disabled = await fake_discord.slash("digest disable", user="mod")
    assert "turned off" in (disabled.content or "")
