"""Starting and stopping the bot process: resources built here, passed down."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.clock import Clock, SystemClock
from bot.core.refs import DISCORD
from bot.exit_codes import ExitCode, StartFailed
from bot.i18n import load_catalog
from bot.services import Services, build_services
from bot.settings import Settings
from storage.backends import open_database
from storage.database import DatabaseUnavailable

if TYPE_CHECKING:
    import discord

    from bot.discord_app.client import StudyBot

log = logging.getLogger(__name__)

# After SIGTERM, closing the client (scheduler posts in flight, then the gateway and
# HTTP session) may take this long at most: an outage can leave a socket that never
# answers, and a container's kill comes at 10 s.
CLOSE_CLIENT_SECONDS = 6.0


async def open_services(settings: Settings, clock: Clock | None = None) -> Services:
    """Open the database (migrating it), check that its pages are sound and build
    every service. A damaged file raises ``DatabaseUnavailable`` instead of being
    served."""
    db = await open_database(settings.database_target, synchronous=settings.database_sync)
    try:
        verdict = await db.quick_check()
        if verdict != "ok":
            raise DatabaseUnavailable(
                settings.database_name,
                f"damaged ({verdict[:200]}); restore it from a backup before starting",
            )
        return build_services(settings, db, clock or SystemClock(), load_catalog())
    except BaseException:
        await db.close()
        raise


async def run_discord(settings: Settings) -> None:
    """Run the Discord bot until SIGTERM/SIGINT, then shut down cleanly. A start
    that Discord refuses or cannot answer raises ``StartFailed``."""
    assert settings.discord_token is not None
    services = await open_services(settings)
    try:
        client = discord_client(services, settings)
        with discord_start_failures():
            await serve_discord(
                client, settings.discord_token.get_secret_value(), stop_on_signals()
            )
    finally:
        await services.close()
        log.info("stopped")


def discord_client(services: Services, settings: Settings) -> StudyBot:
    """The Discord bot: all of it in one process, or the shards ``settings`` name
    (README "Scaling out")."""
    from bot.discord_app.client import ShardedStudyBot, StudyBot
    from bot.identify_gate import IdentifyGate

    plan = settings.shard_plan
    if plan.count is None or plan.ids is None:
        return StudyBot(services, heartbeat_file=settings.heartbeat_file)
    log.info("running %s; work of no guild (direct messages, Slack): %s", plan.name,
             "here" if plan.unsharded_work else "elsewhere")
    return ShardedStudyBot(services, shard_count=plan.count, shard_ids=list(plan.ids),
                           gate=IdentifyGate(services.db, services.clock),
                           heartbeat_file=settings.heartbeat_file)


@contextmanager
def discord_start_failures() -> Iterator[None]:
    """Turn the ways Discord can refuse a start into ``StartFailed`` with one line."""
    import aiohttp
    import discord

    try:
        yield
    except discord.LoginFailure:
        raise StartFailed(
            ExitCode.TOKEN_REFUSED,
            "Discord refused DISCORD_TOKEN (401 Unauthorized); copy the bot's current token "
            "from the Developer Portal (Bot, Reset Token) and export it again",
        ) from None
    except discord.DiscordServerError as exc:
        raise StartFailed(
            ExitCode.DISCORD_UNREACHABLE,
            f"Discord is not answering (HTTP {exc.status} at login); try again later",
        ) from None
    except (aiohttp.ClientError, OSError, TimeoutError) as exc:
        raise StartFailed(
            ExitCode.DISCORD_UNREACHABLE,
            f"cannot reach Discord ({_one_line(exc)}); check the network and try again",
        ) from None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


async def serve_discord(client: StudyBot, token: str, stopping: asyncio.Event) -> None:
    """Run ``client`` and its schedules until ``stopping`` is set (or the login fails,
    which is re-raised); the client, its scheduler and its gateway are always closed
    on the way out."""
    async with client:
        await start_discord_schedules(client)
        await _serve_entered(client, token, stopping)


async def start_discord_schedules(client: StudyBot) -> None:
    """Start the schedule engine for this process's Discord communities, before the
    client logs in: posts wait until the gateway is ready. Closing the client stops
    the engine first (posts in flight finish, then the gateway closes)."""
    from bot.discord_app.poster import DiscordPoster
    from bot.platform_poster import WhenReady

    engine = client.services.schedules
    await engine.start(
        WhenReady(DiscordPoster(client, rate=client.services.settings.post_rate),
                  client.wait_until_ready),
        platforms={DISCORD},
    )
    client.add_shutdown_hook(engine.shutdown)


# How many collections of the middle generation make way for a full one (Python's
# default: 10), when enough objects have reached the oldest generation since.
FULL_COLLECTION_AFTER = 100


async def freeze_once_ready(ready: Callable[[], Awaitable[object]]) -> None:
    """Once ``ready`` returns (the guild caches are loaded), keep what is alive then
    out of the garbage collector's scans (``freeze_start_up_objects``)."""
    await ready()
    freeze_start_up_objects()


def freeze_start_up_objects() -> None:
    """Move every object alive now out of the garbage collector's sight
    (``gc.freeze``). The caches, the catalog, the search index and the services live
    as long as the process, and a full collection walks all of them: with 10,000
    guilds it held the event loop for 180 ms. Objects made later are collected as
    usual, full collections ten times less often, and frozen ones are still freed
    when nothing refers to them."""
    gc.collect()  # garbage from the start-up is freed, not frozen
    gc.freeze()
    # Objects still in use when a young collection runs (requests under way) are
    # moved to older generations, and every ten of the middle ones Python scans
    # all that is left, 20-60 ms with the caches; with interactions freed as soon as
    # they are done (``tree.release_interaction``) those scans found nothing.
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_AFTER)
    log.info("%d objects alive at start are kept out of the garbage collector's scans",
             gc.get_freeze_count())


async def _serve_entered(client: discord.Client, token: str, stopping: asyncio.Event) -> None:
    runner = asyncio.create_task(client.start(token))
    waiter = asyncio.create_task(stopping.wait())
    freezer = asyncio.create_task(freeze_once_ready(client.wait_until_ready))
    try:
        done, _ = await asyncio.wait({runner, waiter}, return_when=asyncio.FIRST_COMPLETED)
        if runner in done:
            runner.result()
    finally:
        waiter.cancel()
        freezer.cancel()
        try:
            await asyncio.wait_for(client.close(), CLOSE_CLIENT_SECONDS)
        except TimeoutError:
            log.warning("Discord did not close within %.0f s; stopping anyway",
                        CLOSE_CLIENT_SECONDS)
        # During an outage the client sleeps out its reconnect back-off (minutes)
        # before it notices the close; nothing it would do next is needed.
        runner.cancel()
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
    try:
        slack = SlackRuntime(
            build_front_end(services, settings),
            settings,
            heartbeat_file=None if with_discord else settings.heartbeat_file,
        )
    except BaseException:
        await services.close()  # its worker thread would keep the process alive
        raise
    posters: dict[str, Poster] = {"slack": slack.front.poster}
    engine = services.schedules
    try:
        await slack.start()
        if not with_discord:
            await engine.start(PlatformPoster(posters), platforms=posters.keys())
            freeze_start_up_objects()  # with Discord: once its caches are loaded
            await stopping.wait()
            return
        from bot.discord_app.poster import DiscordPoster

        assert settings.discord_token is not None
        client = discord_client(services, settings)
        async with client:
            # Discord posts wait until the gateway is ready.
            posters["discord"] = WhenReady(DiscordPoster(client, rate=settings.post_rate),
                                           client.wait_until_ready)
            await engine.start(PlatformPoster(posters), platforms=posters.keys())
            with discord_start_failures():
                await _serve_entered(client, settings.discord_token.get_secret_value(), stopping)
    finally:
        if engine is not None:
            await engine.shutdown()
        await slack.close()
        await services.close()
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
