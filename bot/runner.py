"""Starting and stopping the bot process: resources built here, passed down."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.clock import Clock, SystemClock
from bot.i18n import load_catalog
from bot.services import Services, build_services
from bot.settings import Settings
from storage.database import Database

if TYPE_CHECKING:
    import discord

log = logging.getLogger(__name__)


async def open_services(settings: Settings, clock: Clock | None = None) -> Services:
    """Open the database (migrating it) and build every service."""
    db = await Database.open(settings.database_file, synchronous=settings.database_sync)
    try:
        return build_services(settings, db, clock or SystemClock(), load_catalog())
    except BaseException:
        await db.close()
        raise


async def run_discord(settings: Settings) -> None:
    """Run the Discord bot until SIGTERM/SIGINT, then shut down cleanly."""
    from bot.discord_app.client import StudyBot

    assert settings.discord_token is not None
    services = await open_services(settings)
    client = StudyBot(services, heartbeat_file=settings.heartbeat_file)
    try:
        await serve_discord(client, settings.discord_token.get_secret_value(), stop_on_signals())
    finally:
        await services.db.close()
        log.info("stopped")


async def serve_discord(client: discord.Client, token: str, stopping: asyncio.Event) -> None:
    """Run ``client`` until ``stopping`` is set (or the login fails, which is re-raised);
    the client, its scheduler hooks and its gateway are always closed on the way out."""
    async with client:
        await _serve_entered(client, token, stopping)


async def _serve_entered(client: discord.Client, token: str, stopping: asyncio.Event) -> None:
    runner = asyncio.create_task(client.start(token))
    waiter = asyncio.create_task(stopping.wait())
    try:
        done, _ = await asyncio.wait({runner, waiter}, return_when=asyncio.FIRST_COMPLETED)
        if runner in done:
            runner.result()
    finally:
        waiter.cancel()
        await client.close()
        await asyncio.gather(runner, return_exceptions=True)


async def run_slack(settings: Settings) -> None:
    """Run the Slack front end alone until SIGTERM/SIGINT, then shut down cleanly."""
    await run_platforms(settings, ("slack",))


async def run_platforms(settings: Settings, platforms: Sequence[str]) -> None:
    """Serve Slack, or Discord and Slack together, from one process and one database
    until SIGTERM/SIGINT. The scheduler posts through one ``PlatformPoster`` that sends
    each message to its channel's platform. (Discord alone: ``run_discord``.)"""
    from bot.platform_poster import PlatformPoster, WhenReady
    from bot.ports import Poster
    from bot.slack.runtime import SlackRuntime, build_front_end

    services = await open_services(settings)
    stopping = stop_on_signals()
    with_discord = "discord" in platforms
    slack = SlackRuntime(
        build_front_end(services, settings),
        settings,
        heartbeat_file=None if with_discord else settings.heartbeat_file,
    )
    posters: dict[str, Poster] = {"slack": slack.front.poster}
    engine = services.schedules
    try:
        await slack.start()
        if not with_discord:
            await engine.start(PlatformPoster(posters), platforms=posters.keys())
            await stopping.wait()
            return
        from bot.discord_app.client import StudyBot
        from bot.discord_app.poster import DiscordPoster

        assert settings.discord_token is not None
        client = StudyBot(services, heartbeat_file=settings.heartbeat_file)
        async with client:
            # Started before StudyBot's setup_hook, whose own start is then a no-op;
            # Discord posts wait until the gateway is ready.
            posters["discord"] = WhenReady(DiscordPoster(client), client.wait_until_ready)
            await engine.start(PlatformPoster(posters), platforms=posters.keys())
            await _serve_entered(client, settings.discord_token.get_secret_value(), stopping)
    finally:
        if engine is not None:
            await engine.shutdown()
        await slack.close()
        await services.db.close()
        log.info("stopped")


def stop_on_signals() -> asyncio.Event:
    """An event set by the first SIGTERM/SIGINT."""
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()

    def request_stop(name: str) -> None:
        if not stopping.is_set():
            log.info("received %s; shutting down", name)
            stopping.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, request_stop, sig.name)
    return stopping


def heartbeat_age(path: Path, now: datetime) -> float | None:
    """Seconds since the bot last wrote its heartbeat, or None if it never did."""
    try:
        written = datetime.fromisoformat(path.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    return (now - written).total_seconds()
