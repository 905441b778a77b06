"""The Discord bot: a ``commands.Bot`` built with its services passed in."""

from __future__ import annotations

import asyncio
import hashlib
import importlib
import json
import logging
import pkgutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.refs import DISCORD, CommunityRef
from bot.discord_app.ratelimits import throttle_ratelimit_sweep
from bot.discord_app.translator import CatalogTranslator
from bot.discord_app.tree import StudyTree
from bot.i18n import Lang, language_for
from bot.identify_gate import IdentifyGate
from bot.services import Services
from storage import bot_state

log = logging.getLogger(__name__)

SYNC_HASH_KEY = "discord_command_sync_hash"


def discover_extensions(package: str = "cogs") -> list[str]:
    """Every cog module in ``package``; modules starting with ``_`` are helpers."""
    module = importlib.import_module(package)
    return sorted(
        f"{package}.{info.name}"
        for info in pkgutil.iter_modules(module.__path__)
        if not info.name.startswith("_")
    )


class StudyBot(commands.Bot):
    """studybot on Discord. Resources come in through the constructor; cogs are
    discovered and loaded in ``setup_hook``. The runner starts the scheduler
    (``bot.runner.start_discord_schedules``)."""

    def __init__(
        self,
        services: Services,
        *,
        extensions: list[str] | None = None,
        heartbeat_file: Path | None = None,
        **options: Any,
    ) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        # Text only: discord.py's warnings that voice libraries are missing are noise.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=StudyTree,
            help_command=None,
            allowed_contexts=app_commands.AppCommandContext(guild=True),
            **options,
        )
        throttle_ratelimit_sweep(self.http)
        self.services = services
        self.started_at = services.clock.now()
        self._extensions = extensions
        self._heartbeat_file = heartbeat_file
        self._background: list[asyncio.Task[None]] = []
        # Async callables run on close, newest first (e.g. stopping the scheduler).
        self._shutdown_hooks: list[Callable[[], Awaitable[None]]] = []
        self.commands_synced = False

    async def setup_hook(self) -> None:
        await self.tree.set_translator(CatalogTranslator(self.services.texts))
        for extension in (
            self._extensions if self._extensions is not None else discover_extensions()
        ):
            await self.load_extension(extension)
        await self.sync_commands_if_changed()
        if self._heartbeat_file is not None:
            self._background.append(asyncio.create_task(self._beat(self._heartbeat_file)))

    def add_shutdown_hook(self, hook: Callable[[], Awaitable[None]]) -> None:
        """Run ``hook`` when the bot closes (hooks run newest first)."""
        self._shutdown_hooks.append(hook)

    async def close(self) -> None:
        for task in self._background:
            task.cancel()
        for hook in reversed(self._shutdown_hooks):
            try:
                await hook()
            except Exception:
                log.exception("shutdown hook %r failed", hook)
        self._shutdown_hooks.clear()
        await super().close()

    async def command_tree_hash(self) -> str:
        """A hash of the full command payload Discord would receive, translations included."""
        translator = self.tree.translator
        payload = []
        for command in self.tree.get_commands():
            if translator is not None:
                payload.append(await command.get_translated_payload(self.tree, translator))
            else:
                payload.append(command.to_dict(self.tree))
        payload.sort(key=lambda item: str(item.get("name")))
        encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(encoded.encode()).hexdigest()

    async def sync_commands_if_changed(self) -> bool:
        """Sync the global command set only when it differs from the last sync."""
        digest = await self.command_tree_hash()
        previous = await self.services.db.read(bot_state.get_state, SYNC_HASH_KEY)
        if previous == digest:
            log.info("command tree unchanged since the last sync; not syncing")
            return False
        try:
            synced = await self.tree.sync()
        except discord.HTTPException:
            log.exception("command sync failed; will retry at the next start")
            return False
        await self.services.db.write(bot_state.set_state, SYNC_HASH_KEY, digest)
        self.commands_synced = True
        log.info("synced %d commands", len(synced))
        return True

    async def language_for_interaction(self, interaction: discord.Interaction[Any]) -> Lang:
        """The reply language: the guild's forced language, else the member's locale."""
        forced = None
        if interaction.guild_id is not None:
            config = await self.services.community.config(
                CommunityRef(DISCORD, str(interaction.guild_id))
            )
            forced = config.language
        return language_for(str(interaction.locale), forced=forced)

    async def _beat(self, path: Path) -> None:
        """Touch the heartbeat file while the gateway is up (read by ``studybot health``)."""
        interval = self.services.settings.heartbeat_seconds
        while not self.is_closed():
            if self.is_ready() and self.gateway_up():
                stamp = self.services.clock.now().isoformat()
                await asyncio.to_thread(_write_heartbeat, path, stamp)
            await asyncio.sleep(interval)

    def gateway_up(self) -> bool:
        """Whether the gateway connection is open."""
        return self.ws is not None and not self.ws.socket.closed

    @property
    def uptime_seconds(self) -> float:
        return (self.services.clock.now() - self.started_at).total_seconds()


class ShardedStudyBot(StudyBot, commands.AutoShardedBot):
    """studybot as one of several shard processes: discord.py's ``AutoShardedBot``
    running ``shard_ids`` of ``shard_count``, each IDENTIFY waiting for its turn at
    the ``IdentifyGate`` every process shares through the database."""

    def __init__(
        self,
        services: Services,
        *,
        shard_count: int,
        shard_ids: list[int],
        gate: IdentifyGate,
        **options: Any,
    ) -> None:
        super().__init__(services, shard_count=shard_count, shard_ids=shard_ids, **options)
        self._gate = gate
        self._max_concurrency: int | None = None

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        if self._max_concurrency is None:
            _, _, limits = await self.http.get_bot_gateway()
            self._max_concurrency = max(1, int(limits.get("max_concurrency", 1)))
        await self._gate.wait_turn(shard_id or 0, self._max_concurrency)

    def gateway_up(self) -> bool:
        shards = self.shards.values()
        return bool(shards) and not any(shard.is_closed() for shard in shards)


def _write_heartbeat(path: Path, stamp: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(stamp, encoding="utf-8")
