"""Shared fixtures: a real temporary SQLite database and a manual clock."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import ManualClock
from storage.backends import open_database
from storage.database import Database

pytest_plugins = ["tests.helpers.fakes.discord.pytest_plugin", "tests.helpers.postgres"]


@pytest.fixture(autouse=True)
def _root_logging_restored() -> Iterator[None]:
    """Tests that run ``main()`` point the root logger at their captured stdout, which
    pytest closes afterwards; a worker thread logging later would then fail. Every
    test leaves the root handlers as it found them."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def clock() -> ManualClock:
    """A clock parked at Monday 2026-11-23 12:00 UTC (21:00 in Seoul)."""
    return ManualClock(datetime(2026, 11, 23, 12, 0, tzinfo=UTC))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated database in a temporary file, closed after the test."""
    database = await open_database(tmp_path / "studybot.sqlite3")
    try:
        yield database
    finally:
        await database.close()
