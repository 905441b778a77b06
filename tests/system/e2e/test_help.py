"""/help lists what the caller may use: moderator commands only for moderators
(Manage Server or the server's moderator role), in Korean and English."""

from __future__ import annotations

import pytest
from discord import app_commands

from bot.core.refs import DISCORD, CommunityRef
from cogs._common import is_moderator_command
from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.runners.discord import BotRunner


def command_names(studybot: BotRunner) -> tuple[set[str], set[str]]:
    """(every member's commands, moderators' commands) as ``/qualified name``."""
    everyone, moderators = set(), set()
    for command in studybot.bot.tree.walk_commands():
        if isinstance(command, app_commands.Command):
            target = moderators if is_moderator_command(command) else everyone
            target.add(f"`/{command.qualified_name}`")
    return everyone, moderators


def listed(description: str) -> set[str]:
    return {line.split(" — ", 1)[0] for line in description.splitlines()}


@pytest.mark.parametrize(("locale", "footer"), [
    ("ko", "쓸 수 있는 명령어만 보여 드려요"), ("en-US", "Only the commands you can use")])
async def test_a_member_sees_only_what_they_may_use(
    studybot: BotRunner, fake_discord: FakeDiscord, locale: str, footer: str
) -> None:
    everyone, moderators = command_names(studybot)
    assert "`/config set`" in moderators and "`/checkin`" in everyone
    reply = await fake_discord.slash("help", user="alice", locale=locale)
    assert listed(reply.embeds[0]["description"]) == everyone
    assert footer in reply.embeds[0]["footer"]["text"]


@pytest.mark.parametrize("locale", ["ko", "en-US"])
async def test_moderators_see_their_commands_too(
    studybot: BotRunner, fake_discord: FakeDiscord, locale: str
) -> None:
    everyone, moderators = command_names(studybot)
    by_permission = await fake_discord.slash("help", user="mod", locale=locale)
    assert listed(by_permission.embeds[0]["description"]) == everyone | moderators

    guild = fake_discord.guild()
    helpers = guild.add_role("Helpers")
    guild.add_member("bob", [helpers])
    await studybot.services.community.set_value(
        CommunityRef(DISCORD, str(guild.id)), "moderator_role", str(helpers.id), actor="test")
    by_role = await fake_discord.slash("help", user="bob", locale=locale)
    assert listed(by_role.embeds[0]["description"]) == everyone | moderators
