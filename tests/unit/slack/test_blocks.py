"""Block Kit rendering and command parsing, without a network."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.errors import UserFacingError
from bot.i18n import load_catalog
from bot.ports import OutgoingMessage
from bot.slack.blocks import (
    SECTION_LIMIT,
    Reply,
    escape,
    long_sections,
    mrkdwn,
    outgoing_blocks,
    section,
    slack_bold,
)
from bot.slack.commands import CommandTable
from bot.slack.handlers import all_commands
from bot.slack.handlers.parsing import parse_day, require_user, unwrap_id
from bot.slack.wording import SlackCatalog
from tests.helpers.fakes.slack.web_api import validate_blocks


@given(st.text(max_size=300))
@settings(max_examples=200)
def test_escaped_member_text_can_never_ping_or_link(text: str) -> None:
    shown = escape(text)
    assert "<" not in shown and ">" not in shown
    for ping in ("<!channel>", "<!here>", "<!everyone>", "<@U1>", "<!subteam^S1>"):
        assert ping not in mrkdwn(text) or ping.startswith("<@")


def test_mrkdwn_converts_markdown_and_keeps_only_references_live() -> None:
    text = mrkdwn(
        "**Read** [paper](<https://arxiv.org/abs/1>) <!here> <@U0ALEX> <#C0STUDY>\n- one\n## Title"
    )
    assert text.splitlines() == [
        "*Read* <https://arxiv.org/abs/1|paper> &lt;!here&gt; <@U0ALEX> <#C0STUDY>",
        "• one",
        "*Title*",
    ]
    assert slack_bold("**a** and **b**") == "*a* and *b*"


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=9000))
@settings(max_examples=100)
def test_long_text_is_split_into_valid_sections(text: str) -> None:
    blocks = long_sections(text)
    assert all(len(b["text"]["text"]) <= SECTION_LIMIT for b in blocks)
    assert validate_blocks(blocks) is None
    kept = "".join("".join(b["text"]["text"].split()) for b in blocks)
    assert kept == "".join(text.split())


def test_outgoing_message_becomes_valid_block_kit() -> None:
    message = OutgoingMessage(
        body="x" * 5000,
        title="T" * 300,
        fields=tuple((f"f{i}", "v") for i in range(12)),
        footer="foot",
        ping_role="S0MODS",
        buttons=(("round:rsvp:1:going", "Going " * 30), ("round:rsvp:1:maybe", "Maybe")),
    )
    fallback, blocks = outgoing_blocks(message)
    assert validate_blocks(blocks) is None
    assert blocks[1]["text"]["text"].startswith("<!subteam^S0MODS> ")
    assert fallback.startswith("T") and "<!subteam^S0MODS>" in fallback
    assert sum(len(b.get("fields", [])) for b in blocks) == 12


def test_every_command_and_subcommand_has_usage_in_both_languages() -> None:
    commands = all_commands()
    texts = SlackCatalog(load_catalog(), CommandTable(commands, load_catalog()).declared)
    assert {c.name for c in commands} >= {
        "ask",
        "role",
        "faq",
        "checkin",
        "streak",
        "round",
        "session",
        "remind",
        "digest",
    }
    for command in commands:
        for lang in ("ko", "en"):
            usage = texts.t(command.usage_key, lang)
            for sub in command.subcommands:
                if sub.handler.__name__ != "not_on_slack":
                    expected = f"/{command.slash_name} {sub.name}"
                    assert expected in usage, (command.name, sub.name, lang)


def test_subcommands_resolve_by_english_or_korean_name() -> None:
    table = CommandTable(all_commands(), load_catalog())
    streak = table.find("/streak")
    assert streak is not None and table.find("/study-streak") is streak
    assert table.find("/nope") is None
    assert table.resolve(streak, "show <@U1|a>")[0].name == "show"  # type: ignore[union-attr]
    assert table.resolve(streak, "보기")[0].name == "show"  # type: ignore[union-attr]
    assert table.resolve(streak, "")[0].name == "show"  # type: ignore[union-attr]
    assert table.resolve(streak, "dance") == (None, "dance")
    ask = table.find("/ask")
    assert ask is not None
    assert table.resolve(ask, "석사 꼭 필요해?")[1] == "석사 꼭 필요해?"
    assert table.resolve(ask, "") == (None, "")


def test_arguments_are_parsed_or_refused_clearly() -> None:
    assert require_user("<@U0ALEX|alex>") == "U0ALEX"
    assert unwrap_id("<!subteam^S0MODS|@mods>") == "S0MODS"
    assert unwrap_id("<#C0STUDY|study>") == "C0STUDY"
    with pytest.raises(UserFacingError) as caught:
        require_user("alex")
    assert caught.value.key == "slack.error.need_member"
    with pytest.raises(UserFacingError) as day:
        parse_day("tomorrow")
    assert day.value.key == "streaks.error.bad_day"


def test_replies_show_group_pings_as_plain_names() -> None:
    reply = Reply(
        text="<!here> and <!subteam^S0MODS|@mods>",
        blocks=(section("<!subteam^S1> <!channel>"),),
    )
    body = reply.message()
    assert body["text"] == "@here and @mods"
    assert body["blocks"][0]["text"]["text"] == "@S1 @channel"
    assert reply.post_arguments()["text"] == "@here and @mods"
