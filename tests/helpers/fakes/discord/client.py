# ruff: noqa: ASYNC109  -- explicit timeouts with clear AssertionErrors are part of the test API
"""Run a real ``discord.Client``/``commands.Bot`` against a :class:`FakeDiscord`.

Construct the client with ``guild_ready_timeout=0.05`` (a ``discord.Client`` keyword):
discord.py waits that long after the last GUILD_CREATE before ``on_ready``, 2 s by default.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import discord
import discord.http

if TYPE_CHECKING:
    from .fake import FakeDiscord


class ClientHandle:
    """A client connected to the fake; ``await handle.close()`` stops it cleanly."""

    def __init__(self, client: discord.Client, task: asyncio.Task[None]) -> None:
        self.client = client
        self.task = task  # runs ``client.connect()``

    async def close(self, timeout: float = 5.0) -> None:
        """Close the client and wait for its gateway loop to end; re-raise its error if any."""
        await self.client.close()
        try:
            async with asyncio.timeout(timeout):
                await self.task
        except asyncio.CancelledError:
            pass


async def start_client(fake: FakeDiscord, client: discord.Client, *, token: str = "fake-token",
                       timeout: float = 10.0) -> ClientHandle:
    """Log in (runs ``setup_hook``), connect to the fake gateway and wait for ready.

    Call ``fake.point_client(...)`` first. Raises AssertionError if the client is not ready
    within ``timeout`` (or the exception that stopped it). Note ``on_ready`` listeners may
    still be running when this returns: wait for their effects with
    ``fake.wait_for_request``.
    """
    if not discord.http.Route.BASE.startswith(fake.base_url):
        raise RuntimeError("call fake.point_client(monkeypatch) before starting a client")
    await asyncio.wait_for(client.login(token), timeout)
    task = asyncio.create_task(client.connect(reconnect=True), name="fake-discord-client")
    ready = asyncio.create_task(client.wait_until_ready())
    done, _ = await asyncio.wait({task, ready}, timeout=timeout,
                                 return_when=asyncio.FIRST_COMPLETED)
    if ready in done:
        return ClientHandle(client, task)
    ready.cancel()
    if task in done and task.exception() is not None:
        await client.close()
        raise task.exception()  # type: ignore[misc]
    await ClientHandle(client, task).close()
    raise AssertionError(f"client not ready within {timeout}s "
                         f"(gateway frames received: {len(fake.gateway.received)})")


@contextlib.asynccontextmanager
async def running_client(fake: FakeDiscord, client: discord.Client, *,
                         token: str = "fake-token",
                         timeout: float = 10.0) -> AsyncIterator[ClientHandle]:
    """``async with running_client(fake, bot) as handle:`` -- ready inside, closed after."""
    handle = await start_client(fake, client, token=token, timeout=timeout)
    try:
        yield handle
    finally:
        await handle.close()
