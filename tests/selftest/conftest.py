"""Fixtures for the harness self-tests."""

from __future__ import annotations

import pytest
from discord.ext import commands

from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.fakes.discord.pytest_plugin import RunClient, fake_discord, run_client

from .selftest_bot import build_selftest_bot

__all__ = ["fake_discord", "run_client"]  # fixtures re-exported for this directory


@pytest.fixture
async def bot(fake_discord: FakeDiscord, run_client: RunClient) -> commands.Bot:
    """The self-test bot, logged in, synced and ready."""
    client = build_selftest_bot()
    await run_client(client)
    return client
