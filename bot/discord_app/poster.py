"""The ``Poster`` port on Discord: platform-neutral messages become embeds."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import aiohttp
import discord

from bot.core.refs import ChannelRef, CommunityRef
from bot.discord_app.buttons import markup_view
from bot.discord_app.pacing import POSTS_PER_SECOND, Pacer
from bot.discord_app.ratelimits import global_limit_lifted
from bot.ports import (
    ChannelUnavailable,
    DeliveryError,
    HistoryUnavailable,
    OutgoingMessage,
    TransientDeliveryError,
)

log = logging.getLogger(__name__)

# Discord's embed limits.
TITLE_MAX, DESCRIPTION_MAX, FIELDS_MAX = 256, 4096, 25
FIELD_NAME_MAX, FIELD_VALUE_MAX, FOOTER_MAX, EMBED_TOTAL_MAX = 256, 1024, 2048, 6000
UNKNOWN_CHANNEL = 10003
# How far back a post interrupted by a crash is looked for: it was due minutes or
# hours ago, and a study channel is not that busy.
RECENT_MESSAGES = 100


def build_embed(message: OutgoingMessage) -> discord.Embed:
    """The embed for ``message``, cut to Discord's limits."""
    embed = discord.Embed(
        title=_cut(message.title, TITLE_MAX) if message.title else None,
        description=_cut(message.body, DESCRIPTION_MAX) if message.body else None,
        colour=discord.Colour.blurple(),
        timestamp=message.marked_at,
    )
    budget = EMBED_TOTAL_MAX - len(embed.title or "") - len(embed.description or "")
    if message.footer:
        footer = _cut(message.footer, min(FOOTER_MAX, budget))
        embed.set_footer(text=footer)
        budget -= len(footer)
    for name, value in message.fields[:FIELDS_MAX]:
        name, value = _cut(name, FIELD_NAME_MAX), _cut(value, FIELD_VALUE_MAX)
        if len(name) + len(value) > budget or not name or not value:
            break
        embed.add_field(name=name, value=value, inline=False)
        budget -= len(name) + len(value)
    return embed


def allowed_mentions_for(message: OutgoingMessage) -> discord.AllowedMentions:
    """Only the message's ping role (or, for a personal reminder posted in a channel,
    its member) may be mentioned; nothing else in the text pings."""
    if message.direct_to and message.direct_to.isdigit():
        return discord.AllowedMentions(
            everyone=False, roles=False, users=[discord.Object(id=int(message.direct_to))],
            replied_user=False,
        )
    if message.ping_role and message.ping_role.isdigit():
        return discord.AllowedMentions(
            everyone=False, users=False, roles=[discord.Object(id=int(message.ping_role))],
            replied_user=False,
        )
    return discord.AllowedMentions.none()


def _content(message: OutgoingMessage) -> str | None:
    # Mentions inside an embed never ping, so the role goes in the content.
    if message.direct_to and message.direct_to.isdigit():
        return f"<@{message.direct_to}>"
    if message.ping_role and message.ping_role.isdigit():
        return f"<@&{message.ping_role}>"
    return None


def _view(message: OutgoingMessage) -> discord.ui.View | None:
    if not message.buttons:
        return None
    return markup_view(discord.ui.Button(label=label[:80], custom_id=custom_id[:100])
                       for custom_id, label in message.buttons[:25])


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(0, limit - 1)] + "…"


class DiscordPoster:
    """Posts ``OutgoingMessage``s with discord.py, paced under Discord's global rate
    limit (see ``bot.discord_app.pacing``)."""

    def __init__(self, client: discord.Client, pacer: Pacer | None = None, *,
                 rate: float = POSTS_PER_SECOND) -> None:
        self._client = client
        self._pacer = pacer or Pacer(rate, held=lambda: global_limit_lifted(client.http))

    async def post(self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str) -> str:
        """Post ``message``; returns the message id.

        ``Messageable.send`` in discord.py 2.7 has no ``enforce_nonce`` parameter: it
        sends ``enforce_nonce: true`` whenever a nonce is given, so Discord drops a
        repeat of the same nonce sent within a few minutes.
        """
        if message.ping_role == channel.community.external_id:
            # The @everyone role has the guild's id: never let a reminder ping it.
            message = replace(message, ping_role=None)
        target = self._messageable(channel)
        try:
            if message.direct_to is not None:
                sent_directly = await self._send_direct(message, nonce=nonce)
                if sent_directly is not None:
                    return sent_directly
            sent = await self._send(target, message, nonce=nonce)
        except discord.Forbidden as exc:
            raise ChannelUnavailable(f"403 {exc.code}: {exc.text}") from exc
        except discord.NotFound as exc:
            if exc.code in (UNKNOWN_CHANNEL, 0):
                raise ChannelUnavailable(f"404 {exc.code}: {exc.text}") from exc
            raise DeliveryError(f"404 {exc.code}: {exc.text}") from exc
        except discord.HTTPException as exc:
            if exc.status >= 500 or exc.status == 429:
                raise TransientDeliveryError(f"{exc.status} {exc.code}: {exc.text}") from exc
            raise DeliveryError(f"{exc.status} {exc.code}: {exc.text}") from exc
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise TransientDeliveryError(f"{type(exc).__name__}: {exc}") from exc
        return str(sent.id)

    async def _send_direct(self, message: OutgoingMessage, *, nonce: str) -> str | None:
        """Send a personal reminder to its member by direct message; None when Discord
        refuses (DMs closed, no shared server: 403), so it goes to the channel.
        Other errors are the caller's, as for a channel post."""
        assert message.direct_to is not None
        try:
            dm = await self._client.create_dm(discord.Object(id=int(message.direct_to)))
            sent = await self._send(dm, replace(message, direct_to=None), nonce=nonce)
        except discord.Forbidden as exc:
            log.info("member %s takes no direct messages (%s %s); posting in the channel",
                     message.direct_to, exc.code, exc.text)
            return None
        return str(sent.id)

    async def find_posted(
        self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str
    ) -> str | None:
        """Discord keeps no nonce on a stored message, so the post is found by what it
        shows: one of this bot's recent messages whose embed has ``message``'s body
        and its ``marked_at`` as its time (to the second). Needs View Channel and
        Read Message History."""
        if message.marked_at is None:
            raise ValueError("only a marked message can be found again")
        me = self._client.user
        mark = int(message.marked_at.timestamp())
        body = build_embed(message).description
        try:
            places: list[discord.abc.Messageable] = []
            if message.direct_to is not None:  # a personal reminder: its DM first
                places.append(await self._client.create_dm(
                    discord.Object(id=int(message.direct_to))))
            places.append(self._messageable(channel))
            for place in places:
                async for posted in place.history(limit=RECENT_MESSAGES):
                    if me is not None and posted.author.id != me.id:
                        continue
                    if any(embed.timestamp is not None
                           and int(embed.timestamp.timestamp()) == mark
                           and embed.description == body for embed in posted.embeds):
                        return str(posted.id)
        except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as exc:
            raise HistoryUnavailable(f"{type(exc).__name__}: {exc}") from exc
        return None

    async def notify_moderators(
        self, community: CommunityRef, message: OutgoingMessage, *, channel: ChannelRef | None
    ) -> None:
        """Post in the moderators' channel, else the guild's system channel; never raises."""
        try:
            if channel is not None:
                try:
                    await self._send(self._messageable(channel), message, nonce=None)
                    return
                except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
                    log.warning("moderator channel %s of guild %s refused a notice (%s); "
                                "trying the system channel", channel.external_id,
                                community.external_id, exc)
            system_channel_id = await self._system_channel_id(community)
            if system_channel_id is None:
                log.warning("guild %s has no moderator or system channel; notice not posted: "
                            "%s", community.external_id, message.body[:200])
                return
            await self._send(
                self._client.get_partial_messageable(
                    system_channel_id, guild_id=int(community.external_id)),
                message, nonce=None,
            )
        except Exception:
            log.exception("could not tell the moderators of guild %s: %s",
                          community.external_id, message.body[:200])

    def _messageable(self, channel: ChannelRef) -> discord.PartialMessageable:
        # A partial messageable needs no cache, so posting works before READY too.
        return self._client.get_partial_messageable(
            int(channel.external_id), guild_id=int(channel.community.external_id)
        )

    async def _send(
        self, target: discord.abc.Messageable, message: OutgoingMessage, *, nonce: str | None
    ) -> discord.Message:
        await self._pacer.wait()
        options: dict[str, Any] = {
            "content": _content(message), "embed": build_embed(message),
            "allowed_mentions": allowed_mentions_for(message),
        }
        if nonce is not None:
            options["nonce"] = nonce
        view = _view(message)
        if view is not None:
            options["view"] = view
        return await target.send(**options)

    async def _system_channel_id(self, community: CommunityRef) -> int | None:
        guild_id = int(community.external_id)
        guild = self._client.get_guild(guild_id)
        if guild is None:
            guild = await self._client.fetch_guild(guild_id)
        # A fetched guild has no channel cache, but it knows its system channel's id.
        raw = getattr(guild, "_system_channel_id", None)
        return int(raw) if raw else None
