"""End to end: studybot's start-up, /help, /about, /config and error handling
through the real discord.py client and the fake Discord."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from discord import app_commands

from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.refs import community
from tests.helpers.runners.discord import BotRunner


async def test_startup_syncs_commands_once(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    syncs = fake_discord.requests_to("PUT", r"/applications/\d+/commands")
    assert len(syncs) == 1
    names = {command["name"] for command in fake_discord.registered_commands()}
    assert {"help", "about", "config"} <= names
    help_command = next(c for c in fake_discord.registered_commands() if c["name"] == "help")
    assert help_command["name_localizations"]["ko"] == "도움말"

    await studybot.restart()
    assert len(fake_discord.requests_to("PUT", r"/applications/\d+/commands")) == 1, (
        "an unchanged command tree must not be synced again"
    )


async def test_help_in_korean_and_english(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    korean = await fake_discord.slash("help", locale="ko")
    english = await fake_discord.slash("help", locale="en-US", user="mod")
    assert korean.ephemeral and english.ephemeral
    assert korean.embeds[0]["title"] == "studybot 명령어"
    assert "봇 명령어 목록" in korean.embeds[0]["description"]
    assert english.embeds[0]["title"] == "studybot commands"
    assert "`/config set` — Change one setting" in english.embeds[0]["description"]


async def test_about_shows_version_uptime_latency(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    reply = await fake_discord.slash("about", locale="en-GB")
    fields = {field["name"]: field["value"] for field in reply.embeds[0]["fields"]}
    assert fields["Version"] == "0.1.0"
    assert "Uptime" in fields and fields["Gateway latency"].endswith("ms")


async def test_member_cannot_change_config(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    reply = await fake_discord.slash(
        "config set", {"setting": "timezone", "value": "UTC"}, user="alice", locale="ko"
    )
    assert reply.ephemeral
    assert "운영진만" in (reply.content or "")
    config = await studybot.services.community.config(community(fake_discord))
    assert config.timezone == "Asia/Seoul"


async def test_moderator_changes_config_and_bad_value_changes_nothing(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    saved = await fake_discord.slash(
        "config set", {"setting": "timezone", "value": "UTC"}, user="mod"
    )
    assert "Saved `timezone`: UTC" in (saved.content or "")
    refused = await fake_discord.slash(
        "config set", {"setting": "streak_rollover_hour", "value": "25"}, user="mod"
    )
    assert refused.ephemeral and "0 .. 23" in (refused.content or "")
    config = await studybot.services.community.config(community(fake_discord))
    assert (config.timezone, config.streak_rollover_hour) == ("UTC", 4)


async def test_moderator_role_from_config_is_honoured(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    guild = fake_discord.guild()
    helpers = guild.add_role("Helpers")
    guild.add_member("bob", [helpers])
    await studybot.services.community.set_value(
        community(fake_discord), "moderator_role", str(helpers.id), actor="test"
    )
    reply = await fake_discord.slash("config show", user="bob")
    assert reply.embeds and "timezone" in reply.embeds[0]["description"]


async def test_unexpected_error_gives_generic_reply_and_logs(
    studybot: BotRunner, fake_discord: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    @app_commands.command(name="explode", description="fails on purpose")
    async def explode(interaction: Any) -> None:
        raise RuntimeError("boom")

    studybot.bot.tree.add_command(explode)
    await studybot.bot.tree.sync()
    with caplog.at_level(logging.ERROR):
        reply = await fake_discord.slash("explode", locale="ko")
    assert reply.ephemeral and "예상하지 못한 문제" in (reply.content or "")
    record = next(r for r in caplog.records if "command explode failed" in r.getMessage())
    assert record.exc_info is not None and "boom" in str(record.exc_info[1])
    assert f"guild={fake_discord.guild().id}" in record.getMessage()


async def test_gateway_drop_and_resume_keeps_answering(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    await fake_discord.drop_gateway(resume=True)
    reply = await fake_discord.slash("help")
    assert reply.embeds[0]["title"] == "studybot commands"
    await fake_discord.drop_gateway(resume=False)
    reply = await fake_discord.slash("about")
    assert reply.embeds


async def test_bot_posts_with_mentions_off(studybot: BotRunner) -> None:
    mentions = studybot.bot.allowed_mentions
    assert mentions is not None
    assert mentions.to_dict() == {"parse": []}
