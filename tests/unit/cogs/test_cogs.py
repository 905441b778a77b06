"""Every cog loads, and no two commands share a name."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from discord import app_commands

from bot.clock import ManualClock
from bot.discord_app.client import StudyBot, discover_extensions
from bot.discord_app.translator import CatalogTranslator
from bot.runner import open_services
from bot.settings import Settings


def test_discovery_skips_private_modules() -> None:
    extensions = discover_extensions()
    assert "cogs.core" in extensions
    assert not any(name.split(".")[-1].startswith("_") for name in extensions)


@pytest.fixture
async def loaded_bot(tmp_path: Path):  # type: ignore[no-untyped-def]
    services = await open_services(
        Settings(data_dir=tmp_path), ManualClock(datetime(2026, 1, 1, tzinfo=UTC))
    )
    client = StudyBot(services)
    for extension in discover_extensions():
        await client.load_extension(extension)
    yield client
    await services.db.close()


async def test_every_cog_loads_without_name_clashes(loaded_bot: StudyBot) -> None:
    top_level = [command.name for command in loaded_bot.tree.get_commands()]
    assert [name for name, n in Counter(top_level).items() if n > 1] == []
    for command in loaded_bot.tree.walk_commands():
        if isinstance(command, app_commands.Group):
            children = [child.name for child in command.commands]
            assert len(children) == len(set(children)), command.qualified_name


async def test_every_command_has_korean_description(loaded_bot: StudyBot) -> None:
    texts = loaded_bot.services.texts
    for command in loaded_bot.tree.walk_commands():
        key = command._locale_description.extras.get("key")
        assert key and key in texts, f"/{command.qualified_name} has no Korean description"
        assert texts.t(key, "en") == command.description, command.qualified_name



DISCORD_NAME = re.compile(r"^[-_\w]{1,32}$")


async def test_every_option_has_a_korean_name_unique_in_its_command(
    loaded_bot: StudyBot,
) -> None:
    translator = CatalogTranslator(loaded_bot.services.texts)
    await loaded_bot.tree.set_translator(translator)
    for command in loaded_bot.tree.walk_commands():
        if not isinstance(command, app_commands.Command):
            continue
        payload = await command.get_translated_payload(loaded_bot.tree, translator)
        korean = []
        for option in payload.get("options", []):
            name = option.get("name_localizations", {}).get("ko")
            assert name, f"/{command.qualified_name} {option['name']} has no Korean name"
            assert DISCORD_NAME.match(name) and name == name.lower(), name
            korean.append(name)
        assert len(korean) == len(set(korean)), command.qualified_name
