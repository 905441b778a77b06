"""Long lists on Slack page with ◀ / ▶ buttons that replace the message."""

from __future__ import annotations

import json

from bot.core.actor import Actor
from bot.core.refs import SLACK, CommunityRef, MemberRef
from tests.fake_slack import FakeSlack
from tests.slack.conftest import SlackBot

TEAM = CommunityRef(SLACK, "T0STUDY")
ADMIN, ALEX = MemberRef(TEAM, "U0ADMIN"), MemberRef(TEAM, "U0ALEX")


async def test_faq_list_pages_with_buttons(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    listed = await fake_slack.command("/faq", "list", user="U0ALEX")
    first = listed.reply
    assert "Page 1 of 2" in first.text
    assert [b["text"]["text"] for _, b in first.buttons()] == ["▶"]
    second = await fake_slack.click("page:next", user="U0ALEX")
    page_two = second.reply
    assert page_two.body["replace_original"] is True
    assert "Page 2 of 2" in page_two.text
    assert [b["text"]["text"] for _, b in page_two.buttons()] == ["◀"]
    assert set(page_two.text.splitlines()).isdisjoint(
        line for line in first.text.splitlines() if line.startswith("•")
    )
    back = await fake_slack.click("page:prev", user="U0ALEX")
    assert "Page 1 of 2" in back.reply.text


async def test_a_long_session_list_pages(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    await fake_slack.command("/round", "create", user="U0ADMIN")
    await fake_slack.submit_view(
        "studybot:round:create",
        {
            "name": "long-one",
            "start": "2026-11-26",
            "weeks": "12",
            "cadence": "every thu 20:00",
            "channel": "C0STUDY",
        },
        user="U0ADMIN",
    )
    await fake_slack.command("/round", "start long-one", user="U0ADMIN")
    listed = await fake_slack.command("/session", "list long-one", user="U0ALEX")
    assert "#10 ·" in listed.reply.text and "#11 ·" not in listed.reply.text
    value = json.loads(listed.reply.buttons()[0][1]["value"])
    assert value == {"list": "sessions", "arg": "long-one", "page": 2}
    more = await fake_slack.click("page:next", user="U0ALEX")
    assert "#11 ·" in more.reply.text and "#12 ·" in more.reply.text
    assert "#1 ·" not in more.reply.text


async def test_a_crafted_page_of_a_moderator_list_is_refused(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    for number in range(12):
        await slack_bot.services.streaks.grant_freezes(
            Actor(ADMIN, is_moderator=True), ALEX, 1, f"grant {number}"
        )
    shown = await fake_slack.command("/streak", "history <@U0ALEX|alex>", user="U0ADMIN")
    assert shown.reply.buttons(), "twelve audit rows: two pages"
    refused = await fake_slack.click("page:next", user="U0MINJI")
    assert refused.reply.body["text"] == slack_bot.texts.t("slack.error.not_moderator", "ko")

