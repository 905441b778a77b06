"""Fixtures for the Slack system tests: the real studybot Slack app (slack_bolt)
connected to the fake Slack."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.settings import Settings
from tests.helpers.fakes.slack import FakeSlack
from tests.helpers.fakes.slack.pytest_plugin import fake_slack  # noqa: F401  (fixture)
from tests.helpers.runners.slack import SlackBot, slack_settings_for


@pytest.fixture
def slack_settings(fake_slack: FakeSlack, tmp_path: Path) -> Settings:  # noqa: F811
    return slack_settings_for(fake_slack, tmp_path)


@pytest.fixture
async def slack_bot(
    fake_slack: FakeSlack,  # noqa: F811  (the imported fixture)
    slack_settings: Settings,
    clock: ManualClock,
) -> AsyncIterator[SlackBot]:
    """studybot on the fake Slack in Socket Mode; stopped after the test."""
    bot = SlackBot(fake_slack, slack_settings, clock)
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()
