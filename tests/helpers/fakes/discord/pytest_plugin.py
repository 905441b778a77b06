"""pytest fixtures for the fake Discord.

Enable with ``pytest_plugins = ["tests.helpers.fakes.discord.pytest_plugin"]`` in the top-level
``tests/conftest.py`` (or import the fixtures into a conftest).

- ``fake_discord``: a started :class:`FakeDiscord` with :func:`build_default_guild`,
  discord.py pointed at it (undone at teardown).
- ``run_client``: ``handle = await run_client(bot)`` logs a client in and waits for ready;
  every client started this way is closed at teardown.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import discord
import pytest

from .client import ClientHandle
from .fake import FakeDiscord, build_default_guild

RunClient = Callable[[discord.Client], Awaitable[ClientHandle]]


@pytest.fixture
async def fake_discord(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """A running fake Discord with the default guild; discord.py points at it."""
    fake = FakeDiscord()
    build_default_guild(fake)
    await fake.start()
    fake.point_client(monkeypatch)
    try:
        yield fake
    finally:
        await fake.stop()
    assert not fake.errors, f"the fake Discord itself failed: {fake.errors}"


@pytest.fixture
async def run_client(fake_discord: FakeDiscord) -> AsyncIterator[RunClient]:
    """Start clients against ``fake_discord``; they are closed (newest first) at teardown."""
    handles: list[ClientHandle] = []

    async def start(client: discord.Client) -> ClientHandle:
        handle = await fake_discord.run_client(client)
        handles.append(handle)
        return handle

    yield start
    for handle in reversed(handles):
        await handle.close()
