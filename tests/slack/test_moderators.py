"""Moderators on Slack: workspace admins/owners or the configured user group; forms
are modals whose submissions are checked again."""

from __future__ import annotations

from bot.core.refs import SLACK, CommunityRef, MemberRef
from tests.fake_slack import FakeSlack
from tests.schedule_world import moderator
from tests.slack.conftest import SlackBot

TEAM = CommunityRef(SLACK, "T0STUDY")


async def test_non_admin_is_refused_and_nothing_changes(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    texts = slack_bot.texts
    refused = await fake_slack.command(
        "/streak", "adjust <@U0MINJI|minji> 2026-11-22 add late", user="U0ALEX"
    )
    assert refused.reply.ephemeral
    assert refused.reply.body["text"] == texts.t("slack.error.not_moderator", "en")
    streaks = slack_bot.services.streaks
    assert (await streaks.show(MemberRef(TEAM, "U0MINJI"))).total_checkins == 0
    assert await streaks.history(moderator(TEAM), MemberRef(TEAM, "U0MINJI")) == []

    allowed = await fake_slack.command(
        "/streak", "adjust <@U0MINJI|minji> 2026-11-22 add forgot to check in", user="U0ADMIN"
    )
    assert "2026-11-22" in allowed.reply.text
    assert (await streaks.show(MemberRef(TEAM, "U0MINJI"))).total_checkins == 1
    owner = await fake_slack.command("/streak", "history <@U0MINJI>", user="U0OWNER")
    assert "forgot to check in" in owner.text


async def test_members_of_the_configured_user_group_are_moderators(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    texts = slack_bot.texts
    before = await fake_slack.command("/config", "show", user="U0MOD")
    assert before.reply.body["text"] == texts.t("slack.error.not_moderator", "en")
    saved = await fake_slack.command(
        "/config", "set moderator_usergroup <!subteam^S0MODS|@study-mods>", user="U0ADMIN"
    )
    assert saved.reply.body["text"] == texts.t(
        "config.saved", "en", key="moderator_usergroup", value="`S0MODS`"
    )
    after = await fake_slack.command("/config", "show", user="U0MOD")
    assert "`moderator_usergroup` — `S0MODS`" in after.text
    assert fake_slack.calls_to("usergroups.users.list")[-1].args["usergroup"] == "S0MODS"
    still_not = await fake_slack.command("/config", "show", user="U0ALEX")
    assert still_not.reply.body["text"] == texts.t("slack.error.not_moderator", "en")


async def test_faq_add_opens_a_modal_and_saves_on_submit(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    texts = slack_bot.texts
    opened = await fake_slack.command("/faq", "add", user="U0ADMIN", channel="C0GENERAL")
    assert opened.reply.kind == "modal"
    view = opened.reply.body["view"]
    assert view["callback_id"] == "studybot:faq:add"

    rejected = await fake_slack.submit_view(
        "studybot:faq:add", {"question_ko": "스터디 시간은?"}, user="U0ADMIN"
    )
    assert rejected.ack is not None and rejected.ack["response_action"] == "errors"
    assert list(rejected.ack["errors"].values()) == [
        texts.t("knowledge.faq.pair_incomplete_ko", "en")
    ]
    listing = await slack_bot.services.knowledge.faq_list(TEAM, 1, "ko")
    assert all(item.kind != "faq" for item in listing.items), "nothing was stored"

    saved = await fake_slack.submit_view(
        "studybot:faq:add",
        {"question_ko": "스터디 시간은?", "answer_ko": "매주 목요일 저녁 8시예요."},
        user="U0ADMIN",
    )
    confirmation = saved.reply
    assert saved.ack is None, "a valid submission closes the modal"
    assert confirmation.kind == "ephemeral" and confirmation.channel == "C0GENERAL"
    assert confirmation.body["user"] == "U0ADMIN"
    shown = await fake_slack.command("/faq", "show faq.1", user="U0MINJI")
    assert "매주 목요일 저녁 8시예요." in shown.text


async def test_a_crafted_submission_from_a_member_is_refused(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await fake_slack.command("/faq", "add", user="U0ADMIN")
    crafted = await fake_slack.submit_view(
        "studybot:faq:add", {"question_en": "Q?", "answer_en": "A."}, user="U0ALEX"
    )
    assert crafted.ack is not None
    assert list(crafted.ack["errors"].values()) == [
        slack_bot.texts.t("slack.error.not_moderator", "en")
    ]
    listing = await slack_bot.services.knowledge.faq_list(TEAM, 1, "en")
    assert all(item.kind != "faq" for item in listing.items)


async def test_members_cannot_open_moderator_forms(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    refused = await fake_slack.command("/faq", "add", user="U0MINJI")
    assert refused.reply.kind == "respond"
    assert refused.reply.body["text"] == slack_bot.texts.t(
        "slack.error.not_moderator", "ko"
    )
    assert fake_slack.calls_to("views.open") == []
