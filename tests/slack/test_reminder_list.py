"""``/remind list [page]`` on Slack: pages of whole reminders, one section each,
never cut at Slack's 3,000-character section limit (issue 14, defect 5)."""

from __future__ import annotations

from bot.core.refs import SLACK, ChannelRef, CommunityRef
from tests.fake_slack import FakeSlack
from tests.schedule_world import moderator
from tests.slack.conftest import SlackBot

TEAM = CommunityRef(SLACK, "T0STUDY")
LONG = "Read the attention paper & bring <one> question " * 4


async def test_forty_reminders_are_paged_whole(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    channel = ChannelRef(TEAM, "C0GENERAL")
    for number in range(40):
        await slack_bot.services.reminders.add(
            moderator(TEAM, "U0ADMIN"), channel, f"every mon 20:{number:02d}",
            f"{number:02d} {LONG}", None)
    first = (await fake_slack.command("/remind", "list", user="U0ADMIN", locale="en-US")).reply
    sections = [b["text"]["text"] for b in first.blocks if b["type"] == "section"]
    assert [s.split("*")[1] for s in sections] == [f"#{n}" for n in range(1, 11)]
    assert all(len(s) < 3000 and "&amp;" in s and "&lt;one&gt;" in s for s in sections)
    assert first.blocks[-1]["elements"][0]["text"].startswith("Page 1 of 4 (40 reminders)")

    last = (await fake_slack.command("/remind", "list 4", user="U0OWNER")).reply
    sections = [b["text"]["text"] for b in last.blocks if b["type"] == "section"]
    assert [s.split("*")[1] for s in sections] == [f"#{n}" for n in range(31, 41)]
    assert last.blocks[-1]["elements"][0]["text"].startswith("4 / 4 페이지 (알림 40개)")
