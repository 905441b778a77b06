"""Every moderator command, called by an ordinary member with plausible options:
refused with the moderator message, and nothing in the database changes."""

from __future__ import annotations

from typing import Any

import pytest
from discord import app_commands

from bot.i18n import load_catalog
from cogs._common import is_moderator_command
from tests.helpers.fakes.discord import FakeDiscord, FakeFile
from tests.helpers.hostile import CommandPath, command_paths, leaf_commands, snapshot
from tests.helpers.runners.discord import BotRunner


def plausible_value(option: dict[str, Any], fake: FakeDiscord) -> Any:
    """A value a moderator could really have typed for ``option``."""
    guild = fake.guild()
    if option.get("choices"):
        return option["choices"][0]["value"]
    return {
        3: "every mon 20:00",
        4: max(1, int(option.get("min_value", 1))),
        5: True,
        6: guild.member("alice"),
        7: guild.channel("general"),
        8: guild.role("Moderator"),
        9: guild.member("alice"),
        10: float(option.get("min_value", 1)),
        11: FakeFile("notes.txt", b"hello"),
    }[option["type"]]


MODERATOR_COMMANDS = [command for command in command_paths() if command.moderator]


async def test_the_sweep_covers_every_moderator_command(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    moderator_paths = {
        tuple(command.qualified_name.split())
        for command in studybot.bot.tree.walk_commands()
        if isinstance(command, app_commands.Command) and is_moderator_command(command)
    }
    assert ("config", "set") in moderator_paths
    leaves = [
        leaf
        for leaf in leaf_commands(fake_discord.registered_commands())
        if leaf.path in moderator_paths
    ]
    assert {leaf.path for leaf in leaves} == moderator_paths
    assert {command.path for command in MODERATOR_COMMANDS} == moderator_paths


@pytest.mark.parametrize("command", MODERATOR_COMMANDS, ids=lambda command: command.test_id)
async def test_every_moderator_command_refuses_members(
    studybot: BotRunner, fake_discord: FakeDiscord, command: CommandPath
) -> None:
    refusal = load_catalog().t("error.not_moderator", "en")
    leaves = {leaf.path: leaf for leaf in leaf_commands(fake_discord.registered_commands())}
    assert command.path in leaves, f"{command.test_id} was not synced"
    leaf = leaves[command.path]
    database = studybot.settings.database_file
    options = {
        option["name"]: plausible_value(option, fake_discord)
        for option in leaf.options
        if option.get("required")
    }
    before = snapshot(database)
    reply = await fake_discord.slash(leaf.path, options, user="alice")
    assert reply.ephemeral and reply.content == refusal, f"/{leaf.name}: {reply.content!r}"
    assert snapshot(database) == before, f"/{leaf.name} changed the database for a member"


# Commands for everyone with an option that only moderators may use (checked by the
# service, since Discord can only hide whole commands).
MODERATOR_OPTIONS = {("mydata", "delete"): "member"}


async def test_moderator_only_options_refuse_members(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    refusal = load_catalog().t("error.not_moderator", "en")
    guild = fake_discord.guild()
    await fake_discord.slash("checkin", user="mod")
    leaves = {leaf.path: leaf for leaf in leaf_commands(fake_discord.registered_commands())}
    database = studybot.settings.database_file
    for path, option_name in MODERATOR_OPTIONS.items():
        option = next(o for o in leaves[path].options if o["name"] == option_name)
        before = snapshot(database)
        reply = await fake_discord.slash(
            path, {option_name: plausible_value(option, fake_discord) if option["type"] != 6
                   else guild.member("mod")}, user="alice")
        assert reply.ephemeral and reply.content == refusal, f"/{' '.join(path)}"
        assert not reply.components, "no confirm button for a refused request"
        assert snapshot(database) == before
        # The same option for the member themself is their own request: allowed.
        own = await fake_discord.slash(path, {option_name: guild.member("alice")},
                                       user="alice")
        assert own.content != refusal
