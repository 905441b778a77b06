"""Killed while 8 reminders were being posted, down longer than Discord remembers a
nonce (issue 14, defect 8): after the restart every reminder is in the channel
exactly once. What was posted before the crash is found in the channel's recent
messages, the rest is posted late; past the grace period it is skipped and the
moderators are told; a channel the bot cannot read is never posted twice."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections import Counter
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.refs import DISCORD, ChannelRef, CommunityRef
from storage import schedules as store
from storage.connection import Connection
from tests.e2e.conftest import BotRunner
from tests.fake_discord import FakeDiscord
from tests.schedule_world import moderator

SEOUL = ZoneInfo("Asia/Seoul")
DUE = datetime(2026, 11, 23, 22, 0, tzinfo=SEOUL)
POSTS = r"/channels/\d+/messages$"


def community(fake: FakeDiscord) -> CommunityRef:
    return CommunityRef(DISCORD, str(fake.guild().id))


async def eight_reminders(studybot: BotRunner, fake: FakeDiscord, language: str) -> None:
    """Eight reminders due at ``DUE`` in #general; notices go to #mods. The fake's
    nonce window follows the bot's clock, so an outage of minutes is one."""
    guild = fake.guild()
    fake.clock = lambda: studybot.clock.now().timestamp()
    mods = guild.add_channel("mods")
    services = studybot.services
    await services.community.set_value(community(fake), "moderator_channel", str(mods.id),
                                       actor="test")
    await services.community.set_value(community(fake), "language", language, actor="test")
    general = ChannelRef(community(fake), str(guild.channel("general").id))
    for number in range(8):
        await services.reminders.add(moderator(community(fake), "mod"), general,
                                     "every day 22:00", f"reading {number}", None)


async def crash_while_posting(studybot: BotRunner, fake: FakeDiscord) -> None:
    """The first post is answered; the second is made but its answer never comes;
    the other six wait in discord.py's queue for the channel's rate-limit bucket and
    never reach Discord. Then the process dies before recording anything."""
    hold = fake.hold_next("POST", POSTS, skip=1, after_handling=True)
    studybot.clock.set(DUE)
    run = asyncio.create_task(studybot.services.schedules.run_due())
    await asyncio.wait_for(hold.reached.wait(), timeout=10)
    run.cancel()  # the process is gone: nothing after the posts runs
    await asyncio.gather(run, return_exceptions=True)
    await studybot.stop()
    with sqlite3.connect(studybot.settings.database_file) as conn:
        states = [row[0] for row in conn.execute("SELECT status FROM deliveries")]
    assert states == ["sending"] * 8, "the crash left every claim in doubt"
    assert len(reminders_in(fake, "general")) == 2


def reminders_in(fake: FakeDiscord, name: str) -> list[Any]:
    return [m for m in fake.messages_in(fake.guild().channel(name)) if m.embeds]


def reading_numbers(messages: list[Any]) -> Counter[str]:
    return Counter(m.embeds[0]["description"] for m in messages)


async def statuses(studybot: BotRunner) -> Counter[str]:
    def work(conn: Connection):
        rows = [store.list_deliveries(conn, schedule_id) for schedule_id in range(1, 9)]
        return rows
    rows = await studybot.services.db.read(work)
    return Counter(d.status for found in rows for d in found)


async def test_down_five_minutes_every_reminder_is_posted_once(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    await eight_reminders(studybot, fake_discord, "en")
    await crash_while_posting(studybot, fake_discord)

    studybot.clock.set(DUE + timedelta(minutes=5))
    await studybot.start()
    await studybot.services.schedules.run_due()

    posted = reminders_in(fake_discord, "general")
    assert reading_numbers(posted) == Counter(f"reading {n}" for n in range(8)), \
        "each reminder exactly once"
    late = [m for m in posted if m.embeds[0]["title"] == "⏰ Late reminder"]
    assert len(late) == 6, "the six that never reached Discord come late"
    assert all(m.embeds[0]["timestamp"].startswith("2026-11-23T13:00:") for m in posted)
    assert await statuses(studybot) == Counter({"sent": 2, "late": 6})
    assert reminders_in(fake_discord, "mods") == [], "nothing to tell the moderators"
    assert fake_discord.requests_to("GET", POSTS), "the channel's history was read"


async def test_down_past_the_grace_period_skips_and_tells_moderators(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    await eight_reminders(studybot, fake_discord, "ko")
    await crash_while_posting(studybot, fake_discord)

    studybot.clock.set(DUE + timedelta(hours=7))  # missed_grace_hours: 6
    await studybot.start()
    await studybot.services.schedules.run_due()

    assert len(reminders_in(fake_discord, "general")) == 2, "nothing posted 7 hours late"
    assert await statuses(studybot) == Counter({"sent": 2, "skipped": 6})
    (notice,) = reminders_in(fake_discord, "mods")
    body = notice.embeds[0]["description"]
    assert len(re.findall(r"^#\d+: ", body, flags=re.MULTILINE)) == 6
    assert "늦게 보낼 수 있는 시간이 지나서 보내지 않았어요" in body
    # The next day runs as usual.
    studybot.clock.set(DUE + timedelta(days=1))
    await studybot.services.schedules.run_due()
    assert len(reminders_in(fake_discord, "general")) == 10


async def test_without_read_message_history_nothing_is_posted_twice(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    await eight_reminders(studybot, fake_discord, "en")
    await crash_while_posting(studybot, fake_discord)
    fake_discord.fail_next("GET", POSTS, 403, times=100,
                           body={"message": "Missing Access", "code": 50001})

    studybot.clock.set(DUE + timedelta(minutes=5))
    await studybot.start()
    await studybot.services.schedules.run_due()

    assert len(reminders_in(fake_discord, "general")) == 2
    assert await statuses(studybot) == Counter({"failed": 8})
    (notice,) = reminders_in(fake_discord, "mods")
    assert notice.embeds[0]["description"].count("Read Message History") == 8
