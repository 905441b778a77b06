"""Every cog loads, no two commands share a name, and their English comes from the
catalog (the cogs name only the key)."""

from __future__ import annotations

import ast
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


def test_a_cog_package_is_one_extension() -> None:
    """``cogs/rounds/`` loads as ``cogs.rounds`` (its ``setup`` adds every rounds cog);
    its modules are not extensions of their own."""
    extensions = discover_extensions()
    assert "cogs.rounds" in extensions and "cogs.config" in extensions
    assert not any(name.startswith("cogs.rounds.") for name in extensions)


async def test_rounds_commands_load_from_the_package(loaded_bot: StudyBot) -> None:
    names = {command.name for command in loaded_bot.tree.get_commands()}
    assert {"round", "session", "round-admin", "session-admin", "config"} <= names


@pytest.fixture
async def loaded_bot(tmp_path: Path):  # type: ignore[no-untyped-def]
    services = await open_services(
        Settings(data_dir=tmp_path), ManualClock(datetime(2026, 1, 1, tzinfo=UTC))
    )
    client = StudyBot(services)
    for extension in discover_extensions():
        await client.load_extension(extension)
    yield client
    await services.close()


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



ROOT = Path(__file__).resolve().parents[2]
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


def test_cogs_name_only_the_catalog_key() -> None:
    """``localized("English", "key")`` would write the English a second time."""
    offending = []
    for path in sorted([*(ROOT / "cogs").rglob("*.py"), *(ROOT / "bot").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "localized"
                    and (len(node.args) != 1 or not isinstance(node.args[0], ast.Constant))):
                offending.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offending == []


async def test_every_description_is_the_catalogs_english(loaded_bot: StudyBot) -> None:
    texts = loaded_bot.services.texts
    for command in loaded_bot.tree.walk_commands():
        where = f"/{command.qualified_name}"
        key = command._locale_description.extras.get("key")  # type: ignore[union-attr]
        assert key in texts and texts.t(key, "en") == command.description, where
        if not isinstance(command, app_commands.Command):
            continue
        for parameter in command.parameters:
            described = parameter.locale_description
            assert described is not None, f"{where} {parameter.name} has no description"
            key = described.extras.get("key")
            assert key in texts and texts.t(key, "en") == parameter.description, (
                f"{where} {parameter.name}"
            )
