"""The real slack_bolt app on the fake Slack: languages, usage, identity, acks."""

from __future__ import annotations

from bot.core.refs import CommunityRef, MemberRef
from bot.i18n import Lang
from tests.helpers.fakes.slack import FakeSlack
from tests.helpers.refs import TEAM
from tests.helpers.runners.slack import SlackBot


async def test_ask_answers_in_the_members_slack_locale(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    knowledge = slack_bot.services.knowledge
    korean = await fake_slack.command("/ask", "석사 꼭 필요해?", user="U0MINJI", locale="ko-KR")
    expected_ko = await knowledge.ask(TEAM, "석사 꼭 필요해?", "ko")
    assert expected_ko.answer is not None
    reply = korean.reply
    assert reply.kind == "respond" and not reply.ephemeral, "answers are shared in the channel"
    assert reply.blocks[0]["type"] == "header"
    assert reply.blocks[0]["text"]["text"] == expected_ko.answer.title
    assert korean.ack is None and korean.ack_seconds is not None and korean.ack_seconds < 3

    english = await fake_slack.command(
        "/ask", "Do I need a master's degree?", user="U0ALEX", locale="en-US"
    )
    expected_en = await knowledge.ask(TEAM, "Do I need a master's degree?", "en")
    assert expected_en.answer is not None
    assert english.reply.blocks[0]["text"]["text"] == expected_en.answer.title
    assert expected_en.answer.title != expected_ko.answer.title
    # The language came from users.info with include_locale, once per member.
    lookups = fake_slack.calls_to("users.info")
    assert {call.args["user"] for call in lookups} == {"U0MINJI", "U0ALEX"}
    assert all(call.args.get("include_locale") in ("1", "true", True) for call in lookups)


async def test_member_locale_is_cached_briefly(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    from datetime import timedelta

    await fake_slack.command("/faq", "list", user="U0MINJI")
    await fake_slack.command("/faq", "list", user="U0MINJI")
    assert len(fake_slack.calls_to("users.info")) == 1
    fake_slack.users["U0MINJI"].locale = "en-GB"
    slack_bot.clock.advance(timedelta(minutes=5))
    changed = await fake_slack.command("/faq", "list", user="U0MINJI")
    assert len(fake_slack.calls_to("users.info")) == 2
    assert slack_bot.texts.t("knowledge.faq.list_title", "en") in changed.text


async def test_without_a_slack_locale_the_workspace_language_then_the_default(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    texts = slack_bot.texts
    before = await fake_slack.command("/faq", "list", user="U0NOLOC")
    default = slack_bot.settings.language
    assert texts.t("knowledge.faq.list_title", default) in before.text
    other: Lang = "en" if default == "ko" else "ko"
    await slack_bot.services.community.set_value(TEAM, "language", other, actor="test")
    after = await fake_slack.command("/faq", "list", user="U0NOLOC")
    assert texts.t("knowledge.faq.list_title", other) in after.text


async def test_unknown_subcommand_gets_the_usage(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    texts = slack_bot.texts
    langs: tuple[tuple[str, Lang], ...] = (("U0MINJI", "ko"), ("U0ALEX", "en"))
    for user, lang in langs:
        result = await fake_slack.command("/streak", "dance", user=user)
        assert result.reply.ephemeral
        assert result.reply.body["text"] == texts.t("slack.usage.streak", lang)
    empty = await fake_slack.command("/ask", "", user="U0ALEX")
    assert texts.t("slack.usage.ask", "en") in empty.text
    aliased = await fake_slack.command("/study-streak", "dance", user="U0ALEX")
    assert texts.t("slack.usage.streak", "en") in aliased.text


async def test_korean_subcommand_names_work(slack_bot: SlackBot, fake_slack: FakeSlack) -> None:
    listed = await fake_slack.command("/faq", "목록", user="U0MINJI")
    assert slack_bot.texts.t("knowledge.faq.list_title", "ko") in listed.text


async def test_user_facing_errors_are_private_and_in_the_members_language(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    result = await fake_slack.command("/faq", "show no-such-topic", user="U0MINJI")
    assert result.reply.ephemeral
    expected = slack_bot.texts.t("knowledge.topic_not_found", "ko", topic="no-such-topic")
    assert result.reply.body["text"] == expected


async def test_a_slack_member_never_shares_a_streak_with_a_discord_member(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    await fake_slack.command("/checkin", "", user="U0MINJI")
    streaks = slack_bot.services.streaks
    on_slack = await streaks.show(MemberRef(TEAM, "U0MINJI"))
    same_ids_on_discord = await streaks.show(
        MemberRef(CommunityRef("discord", "T0STUDY"), "U0MINJI")
    )
    assert on_slack.total_checkins == 1
    assert same_ids_on_discord.total_checkins == 0


async def test_many_commands_at_once_are_all_acked_and_answered(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    import asyncio

    results = await asyncio.gather(
        *(
            fake_slack.command("/ask", "포트폴리오는 어떻게 준비해?", user="U0MINJI")
            for _ in range(20)
        )
    )
    assert all(r.ack_seconds is not None and r.ack_seconds < 3 for r in results)
    assert all(len(r.deliveries) == 1 and r.reply.kind == "respond" for r in results)


async def test_ask_on_slack_support_line_sources_and_declines(
    slack_bot: SlackBot, fake_slack: FakeSlack
) -> None:
    distress = await fake_slack.command(
        "/ask", "석사 과정인데 번아웃이 와서 그만두고 싶어요", user="U0MINJI", locale="ko-KR")
    blocks = distress.reply.blocks
    assert blocks[0]["type"] == "section" and "1577-0199" in blocks[0]["text"]["text"]
    assert blocks[1]["type"] == "header"
    texts = [block["text"]["text"] for block in blocks if block.get("text")]
    footer = [element["text"] for block in blocks if block["type"] == "context"
              for element in block["elements"]]
    assert any("2018년 세미나" in line and "<https://" in line for line in footer)
    related = next(text for text in texts if text.startswith("*관련 주제*"))
    assert "`" not in related and 0 < len(related.splitlines()) - 1 <= 4

    declined = await fake_slack.command(
        "/ask", "how much does a data scientist earn?", user="U0ALEX", locale="en-US")
    assert "Research Scientist" in declined.reply.text
    bot_question = await fake_slack.command(
        "/ask", "how do I use this bot?", user="U0ALEX", locale="en-US")
    # Slack's own command names: /help exists here too.
    assert "See `/help` for how to use the bot" in bot_question.reply.text
