"""Fixtures for the system tests: the real studybot against the fake Discord with a
temporary database (end-to-end, faults, hostile input)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.settings import Settings
from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.runners.discord import BotRunner


@pytest.fixture
def bot_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, heartbeat_seconds=3600)


@pytest.fixture
async def studybot(
    fake_discord: FakeDiscord, bot_settings: Settings, clock: ManualClock
) -> AsyncIterator[BotRunner]:
    """studybot running against ``fake_discord``; stopped after the test."""
    runner = BotRunner(fake_discord, bot_settings, clock)
    await runner.start()
    try:
        yield runner
    finally:
        await runner.stop()
