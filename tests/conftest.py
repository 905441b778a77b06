"""Shared fixtures: a real temporary SQLite database and a manual clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import ManualClock
from storage.database import Database

pytest_plugins = ["tests.fake_discord.pytest_plugin"]


@pytest.fixture
def clock() -> ManualClock:
    """A clock parked at Monday 2026-11-23 12:00 UTC (21:00 in Seoul)."""
    return ManualClock(datetime(2026, 11, 23, 12, 0, tzinfo=UTC))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated database in a temporary file, closed after the test."""
    database = await Database.open(tmp_path / "studybot.sqlite3")
    try:
        yield database
    finally:
        await database.close()
