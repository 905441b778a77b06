"""The ``EventsPort`` on Discord: guild scheduled events for study sessions."""

from __future__ import annotations

import logging
from typing import Literal

import discord
from discord import EntityType

from bot.core.refs import CommunityRef
from bot.ports import EventGone, EventsUnavailable, ScheduledEventSpec

log = logging.getLogger(__name__)

FALLBACK_LOCATION = "Discord"


class DiscordEvents:
    """Creates, moves and cancels guild scheduled events; a missing permission
    (HTTP 403) becomes ``EventsUnavailable``, an event deleted by hand (404 10070)
    or no longer changeable (cancelled, over) ``EventGone``."""

    def __init__(self, client: discord.Client) -> None:
        self._client = client

    async def create_event(self, community: CommunityRef, spec: ScheduledEventSpec) -> str:
        guild = await self._guild(community)
        private = discord.PrivacyLevel.guild_only
        try:
            if spec.voice_channel_id is not None:
                channel, kind = self._channel(guild, spec.voice_channel_id)
                event = await guild.create_scheduled_event(
                    name=spec.name,
                    description=spec.description,
                    start_time=spec.starts_at,
                    end_time=spec.ends_at,
                    privacy_level=private,
                    entity_type=kind,
                    channel=channel,
                )
            else:
                event = await guild.create_scheduled_event(
                    name=spec.name,
                    description=spec.description,
                    start_time=spec.starts_at,
                    end_time=spec.ends_at,
                    privacy_level=private,
                    entity_type=EntityType.external,
                    location=spec.location or FALLBACK_LOCATION,
                )
        except discord.Forbidden as exc:
            raise EventsUnavailable(f"403 {exc.code}: {exc.text}") from exc
        return str(event.id)

    async def update_event(
        self, community: CommunityRef, event_id: str, spec: ScheduledEventSpec
    ) -> None:
        guild = await self._guild(community)
        try:
            event = await guild.fetch_scheduled_event(int(event_id))
            if event.status in (discord.EventStatus.cancelled, discord.EventStatus.completed):
                raise EventGone(f"event {event_id} is {event.status.name}")
            if spec.voice_channel_id is not None:
                channel, kind = self._channel(guild, spec.voice_channel_id)
                await event.edit(
                    name=spec.name,
                    description=spec.description,
                    start_time=spec.starts_at,
                    end_time=spec.ends_at,
                    channel=channel,
                    entity_type=kind,
                )
            else:
                await event.edit(
                    name=spec.name,
                    description=spec.description,
                    start_time=spec.starts_at,
                    end_time=spec.ends_at,
                    entity_type=discord.EntityType.external,
                    location=spec.location or FALLBACK_LOCATION,
                )
        except discord.NotFound as exc:
            raise EventGone(f"404 {exc.code}: {exc.text}") from exc
        except discord.Forbidden as exc:
            raise EventsUnavailable(f"403 {exc.code}: {exc.text}") from exc

    async def cancel_event(self, community: CommunityRef, event_id: str) -> None:
        guild = await self._guild(community)
        try:
            event = await guild.fetch_scheduled_event(int(event_id))
            await event.cancel()
        except discord.NotFound:
            log.info("event %s of guild %s was already gone", event_id, community.external_id)
        except discord.Forbidden as exc:
            raise EventsUnavailable(f"403 {exc.code}: {exc.text}") from exc

    async def _guild(self, community: CommunityRef) -> discord.Guild:
        guild_id = int(community.external_id)
        return self._client.get_guild(guild_id) or await self._client.fetch_guild(guild_id)

    @staticmethod
    def _channel(
        guild: discord.Guild, channel_id: str
    ) -> tuple[discord.abc.Snowflake, Literal[EntityType.voice, EntityType.stage_instance]]:
        channel = guild.get_channel(int(channel_id))
        if isinstance(channel, discord.StageChannel):
            return channel, EntityType.stage_instance
        return channel or discord.Object(int(channel_id)), EntityType.voice
