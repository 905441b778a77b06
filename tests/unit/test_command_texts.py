"""The English of every Discord command, group and option description comes from
the catalog (``bot/texts``), written there once: the cogs name only the key."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest
from discord import app_commands

from bot.clock import ManualClock
from bot.discord_app.client import StudyBot, discover_extensions
from bot.runner import open_services
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


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
