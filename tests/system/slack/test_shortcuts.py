"""Message shortcuts: "Add to FAQ" (moderators) and "Check in with this paper"."""

from __future__ import annotations

from storage.connection import Connection
from storage.fetch import fetch_all
from tests.helpers.fakes.slack import FakeSlack
from tests.helpers.runners.slack import SlackBot


async def test_add_to_faq_opens_the_form_filled_with_the_message(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    opened = await fake_slack.message_shortcut(
        "studybot_faq_add",
        "Where do we meet?\nRoom 301, R&amp;D wing — ask <@U0MINJI|minji>",
        user="U0ADMIN",
        author="U0ALEX",
    )
    modal = opened.reply
    assert modal.kind == "modal"
    inputs = {
        block["block_id"]: block["element"].get("initial_value")
        for block in modal.blocks
        if block["type"] == "input"
    }
    assert inputs["question_en"] == "Where do we meet?"
    assert inputs["answer_en"] == "Where do we meet?\nRoom 301, R&D wing — ask @minji"
    saved = await fake_slack.submit_view(
        "studybot:faq:add",
        {"question_en": inputs["question_en"], "answer_en": inputs["answer_en"]},
        user="U0ADMIN",
    )
    assert saved.ack is None
    answered = await fake_slack.command("/ask", "where do we meet", user="U0ALEX")
    assert "Room 301, R&amp;D wing" in answered.reply.text


async def test_add_to_faq_is_for_moderators(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    refused = await fake_slack.message_shortcut("studybot_faq_add", "hello", user="U0ALEX")
    assert refused.reply.body["text"] == slack_bot.texts.t("slack.error.not_moderator", "en")
    assert fake_slack.calls_to("views.open") == []


async def test_check_in_with_the_papers_link_in_a_message(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    checked = await fake_slack.message_shortcut(
        "studybot_checkin",
        "this week: <https://arxiv.org/abs/2010.11929?a=1&amp;b=2|ViT paper> :fire:",
        user="U0MINJI",
        author="U0ALEX",
    )
    texts = slack_bot.texts
    assert (
        texts.t("streaks.checkin.paper", "ko", paper="https://arxiv.org/abs/2010.11929?a=1&amp;b=2")
        in checked.reply.text
    )
    def work(conn: Connection):
        rows = fetch_all(conn, "SELECT paper FROM streak_checkins")
        return rows
    rows = await slack_bot.services.db.read(work)
    assert [row[0] for row in rows] == ["https://arxiv.org/abs/2010.11929?a=1&b=2"]

    nothing = await fake_slack.message_shortcut("studybot_checkin", "no link", user="U0MINJI")
    assert nothing.reply.body["text"] == texts.t("slack.shortcut.no_link", "ko")
