"""End to end: /checkin and /streak through the real discord.py client and the fake
Discord, with the clock moved across period boundaries."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from PIL import Image

from bot.core.actor import Actor
from bot.core.refs import DISCORD, CommunityRef, MemberRef
from bot.streaks.heatmap import (
    BACKGROUND,
    CELL,
    HEATMAP_SIZE,
    LEFT,
    LEVEL_COLOURS,
    STEP,
    TOP,
    WIDTH,
    cell_box,
    label_font,
    render_heatmap,
)
from tests.e2e.conftest import BotRunner
from tests.fake_discord import FakeDiscord


def _member(fake: FakeDiscord, name: str) -> MemberRef:
    guild = fake.guild()
    return MemberRef(CommunityRef(DISCORD, str(guild.id)), str(guild.member(name).id))


def seoul(day: int, hour: int, minute: int = 0) -> datetime:
    """November 2026 in Seoul (UTC+9) as an aware UTC instant."""
    return datetime(2026, 11, day, hour, minute, tzinfo=ZoneInfo("Asia/Seoul")).astimezone(UTC)


async def test_checkins_across_the_rollover(studybot: BotRunner,
                                            fake_discord: FakeDiscord) -> None:
    clock = studybot.clock
    clock.set(seoul(23, 21))
    first = await fake_discord.slash("checkin", {"paper": "Attention Is All You Need"},
                                     user="alice")
    assert not first.ephemeral  # check-in replies are public by default
    assert "Checked in!" in (first.content or "") and "1-day streak" in (first.content or "")
    assert "Attention Is All You Need" in (first.content or "")

    clock.set(seoul(24, 3, 59))  # before the 04:00 rollover: still Monday
    same_day = await fake_discord.slash("checkin", user="alice", locale="ko")
    assert "오늘은 이미 체크인했어요" in (same_day.content or "")
    assert "1일 연속" in (same_day.content or "")

    clock.set(seoul(24, 4))
    next_day = await fake_discord.slash("checkin", user="alice")
    assert "2-day streak" in (next_day.content or "")
    summary = await studybot.services.streaks.show(_member(fake_discord, "alice"))
    assert (summary.current, summary.total_checkins) == (2, 3)


async def test_a_freeze_bridges_a_missed_day(studybot: BotRunner,
                                             fake_discord: FakeDiscord) -> None:
    community = CommunityRef(DISCORD, str(fake_discord.guild().id))
    await studybot.services.community.set_value(community, "freeze_every", "2", actor="test")
    clock = studybot.clock
    clock.set(seoul(20, 12))
    await fake_discord.slash("checkin", user="alice")
    clock.set(seoul(21, 12))
    earned = await fake_discord.slash("checkin", user="alice")
    assert "You earned a streak freeze" in (earned.content or "")
    clock.set(seoul(23, 12))  # Sunday the 22nd was missed
    bridged = await fake_discord.slash("checkin", user="alice")
    content = bridged.content or ""
    assert "A streak freeze covered 2026-11-22" in content
    assert "3-day streak" in content and "Freezes left: 0" in content


async def test_moderator_adjusts_and_the_history_shows_it(studybot: BotRunner,
                                                          fake_discord: FakeDiscord) -> None:
    alice = fake_discord.guild().member("alice")
    await fake_discord.slash("checkin", user="alice")
    added = await fake_discord.slash(
        "streak adjust",
        {"member": alice, "day": "2026-11-22", "action": "add", "reason": "offline reading"},
        user="mod",
    )
    assert added.ephemeral
    assert "Added a check-in for alice on 2026-11-22" in (added.content or "")
    assert "2-day streak" in (added.content or "")

    alice_ref = _member(fake_discord, "alice")
    rows = await studybot.services.streaks.history(Actor(alice_ref), alice_ref)
    assert [(r.action, r.reason, r.actor_id) for r in rows] == [
        ("add", "offline reading", str(fake_discord.guild().member("mod").id))]

    future = await fake_discord.slash(
        "streak adjust", {"member": alice, "day": "2026-12-01", "action": "add", "reason": "x"},
        user="mod",
    )
    assert future.ephemeral and "in the future" in (future.content or "")
    bad_day = await fake_discord.slash(
        "streak adjust", {"member": alice, "day": "22/11", "action": "add", "reason": "x"},
        user="mod",
    )
    assert "YYYY-MM-DD" in (bad_day.content or "")

    history = await fake_discord.slash("streak history", {"member": alice}, user="mod")
    description = history.embeds[0]["description"]
    assert "added a check-in for 2026-11-22" in description
    assert "offline reading" in description


async def test_freeze_grant(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    alice = fake_discord.guild().member("alice")
    reply = await fake_discord.slash(
        "streak freeze-grant", {"member": alice, "count": 2, "reason": "exam week"}, user="mod")
    assert reply.content == (
        "Gave alice 2 streak freezes. They now hold 2 streak freezes: 2 granted by moderators,"
        " 0 earned.")
    assert (await studybot.services.streaks.show(_member(fake_discord, "alice"))).freezes_left == 2


async def test_leaderboard(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    alice = fake_discord.guild().member("alice")
    await fake_discord.slash("checkin", user="alice")
    await fake_discord.slash("checkin", user="mod")
    await fake_discord.slash(
        "streak adjust",
        {"member": alice, "day": "2026-11-22", "action": "add", "reason": "backfill"},
        user="mod",
    )
    board = await fake_discord.slash("streak leaderboard", {"scope": "current"}, user="mod")
    embed = board.embeds[0]
    assert embed["title"] == "🔥 Current streaks"
    assert embed["description"].splitlines() == [
        "1. alice — 2-day streak", "2. mod — 1-day streak"]
    assert embed["footer"]["text"] == "Your rank: #2 (1-day streak)"
    month = await fake_discord.slash("streak leaderboard", {"scope": "month"}, user="alice",
                                     locale="ko")
    assert month.embeds[0]["title"] == "📅 2026-11 체크인 순위"
    assert "1. alice — 2일" in month.embeds[0]["description"]
    no_round = await fake_discord.slash("streak leaderboard", {"scope": "round"}, user="alice")
    assert no_round.ephemeral and "no active round" in (no_round.content or "")


async def test_show_attaches_the_heatmap(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    await fake_discord.slash("checkin", user="alice")
    await fake_discord.slash("checkin", user="alice")
    reply = await fake_discord.slash("streak show", user="alice")
    assert reply.embeds[0]["image"]["url"] == "attachment://streak.png"
    assert reply.embeds[0]["title"] == "alice's reading streak"
    assert len(reply.attachments) == 1
    attachment = reply.attachments[0]
    assert attachment.filename == "streak.png"
    image = Image.open(io.BytesIO(attachment.data))
    assert image.format == "PNG" and image.size == HEATMAP_SIZE
    today = date(2026, 11, 23)
    box = cell_box(today, today)
    assert box is not None
    pixel = image.convert("RGB").getpixel(((box[0] + box[2]) // 2, (box[1] + box[3]) // 2))
    assert pixel == LEVEL_COLOURS[2]  # two check-ins today

    other = await fake_discord.slash("streak show", {"member": fake_discord.guild().member("mod")},
                                     user="alice")
    assert other.embeds[0]["title"] == "mod's reading streak"
    assert "Not yet" in str(other.embeds[0]["fields"])


async def test_show_after_a_checkin_sends_the_heatmap_drawn_ahead(
        studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    ahead = studybot.services.heatmaps_ahead
    await fake_discord.slash("checkin", user="alice")
    # The bot asks for the drawing once Discord has answered its reply.
    for _ in range(500):
        await ahead.idle()
        if ahead.drawn:
            break
        await asyncio.sleep(0.002)
    assert ahead.drawn == 1
    drawn = studybot.services.heatmaps
    before = drawn.has
    reply = await fake_discord.slash("streak show", user="alice")
    summary = await studybot.services.streaks.show(_member(fake_discord, "alice"))
    assert before(summary.counts_by_day, summary.today, "en")
    assert reply.attachments[0].data == render_heatmap(summary.counts_by_day, summary.today,
                                                       "en")


async def test_members_are_refused_moderator_commands(studybot: BotRunner,
                                                      fake_discord: FakeDiscord) -> None:
    alice = fake_discord.guild().member("alice")
    attempts: list[tuple[str, dict[str, object]]] = [
        ("streak adjust", {"member": alice, "day": "2026-11-22", "action": "add",
                           "reason": "self-service"}),
        ("streak freeze-grant", {"member": alice, "count": 5, "reason": "please"}),
        ("streak history", {"member": alice}),
    ]
    for command, options in attempts:
        reply = await fake_discord.slash(command, options, user="alice")
        assert reply.ephemeral
        assert "Only moderators" in (reply.content or ""), command
    summary = await studybot.services.streaks.show(_member(fake_discord, "alice"))
    assert (summary.total_checkins, summary.freezes_left) == (0, 0)
    alice_ref = _member(fake_discord, "alice")
    assert await studybot.services.streaks.history(Actor(alice_ref), alice_ref) == []


def _weekday_label(image: Image.Image, row: int) -> Image.Image:
    """The strip left of the cells where row ``row``'s weekday is written."""
    top = TOP + row * STEP
    return image.convert("RGB").crop((0, top, LEFT - 4, top + CELL))


async def test_the_heatmap_labels_weekdays_and_months_in_korean(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    await fake_discord.slash("checkin", user="alice")
    korean = await fake_discord.slash("streak show", user="alice", locale="ko")
    english = await fake_discord.slash("streak show", user="alice", locale="en-US")
    ko = Image.open(io.BytesIO(korean.attachments[0].data))
    en = Image.open(io.BytesIO(english.attachments[0].data))
    blank = Image.new("RGB", (LEFT - 4, CELL), BACKGROUND)
    for row in (0, 2, 4):  # 월 수 금 / Mon Wed Fri
        assert _weekday_label(ko, row).tobytes() != blank.tobytes(), f"no Korean label, row {row}"
        assert _weekday_label(ko, row).tobytes() != _weekday_label(en, row).tobytes()
    for row in (1, 3, 5, 6):
        assert _weekday_label(ko, row).tobytes() == blank.tobytes()
    # Month labels: "11월" is wider than "11" and differs from "Nov".
    months_ko = ko.convert("RGB").crop((LEFT, 0, WIDTH, TOP - 2))
    months_en = en.convert("RGB").crop((LEFT, 0, WIDTH, TOP - 2))
    assert months_ko.tobytes() != months_en.tobytes()
    assert label_font()[1], "the shipped Hangul font was loaded"
    assert render_heatmap({}, date(2026, 11, 23), "ko") != render_heatmap(
        {}, date(2026, 11, 23), "en")
