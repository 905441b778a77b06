"""End to end: ``/remind list`` with many reminders is paged with buttons (issue 14,
defect 5), never cut in the middle of a reminder."""

from __future__ import annotations

import re

from bot.core.refs import ChannelRef
from tests.e2e.conftest import BotRunner
from tests.e2e.test_schedules import community
from tests.fake_discord import FakeDiscord
from tests.schedule_world import moderator

LONG = "Read the attention paper before the meeting and bring one question " * 3


async def add_reminders(studybot: BotRunner, fake: FakeDiscord, count: int) -> None:
    channel = ChannelRef(community(fake), str(fake.guild().channel("general").id))
    for number in range(count):
        await studybot.services.reminders.add(
            moderator(community(fake), "mod"), channel, f"every mon 20:{number:02d}",
            f"{number:02d} {LONG}", None)


def reminder_ids(description: str) -> list[int]:
    return [int(n) for n in re.findall(r"^\*\*#(\d+)\*\*", description, flags=re.MULTILINE)]


async def test_forty_reminders_are_paged_whole(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    await add_reminders(studybot, fake_discord, 40)
    first = await fake_discord.slash("remind list", user="mod", locale="en-US")
    embed = first.embeds[0]
    assert first.ephemeral and embed["footer"]["text"] == "Page 1 of 4 (40 reminders)"
    assert reminder_ids(embed["description"]) == list(range(1, 11))
    lines = embed["description"].splitlines()
    assert len(lines) == 20 and all(line.startswith("> ") for line in lines[1::2]), \
        "every reminder whole, with its message"

    second = await fake_discord.click("remind:page:next", user="mod")
    assert second.embeds[0]["footer"]["text"] == "Page 2 of 4 (40 reminders)"
    assert reminder_ids(second.embeds[0]["description"]) == list(range(11, 21))
    back = await fake_discord.click("remind:page:prev", user="mod")
    assert reminder_ids(back.embeds[0]["description"]) == list(range(1, 11))

    last = await fake_discord.slash("remind list", {"page": 9}, user="mod", locale="ko")
    assert last.embeds[0]["footer"]["text"] == "4 / 4 페이지 (알림 40개)"
    assert reminder_ids(last.embeds[0]["description"]) == list(range(31, 41))
    assert last.message is not None
    buttons = {c["custom_id"]: c for c in last.message.iter_components() if c.get("custom_id")}
    assert buttons["remind:page:next"].get("disabled") is True


async def test_a_short_list_has_no_buttons_and_a_member_cannot_page(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    await add_reminders(studybot, fake_discord, 3)
    short = await fake_discord.slash("remind list", user="mod", locale="ko")
    assert reminder_ids(short.embeds[0]["description"]) == [1, 2, 3]
    assert not short.components and "footer" not in short.embeds[0]

    await add_reminders(studybot, fake_discord, 10)
    await fake_discord.slash("remind list", user="mod")
    refused = await fake_discord.click("remind:page:next", user="alice", locale="ko")
    assert refused.ephemeral and "운영진만" in (refused.content or ""), refused.content
