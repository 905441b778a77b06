"""One ``Poster`` for a process that serves several platforms: each message goes to
the poster of its channel's platform (Discord or Slack)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping

from bot.core.refs import ChannelRef, CommunityRef
from bot.ports import ChannelUnavailable, HistoryUnavailable, OutgoingMessage, Poster

log = logging.getLogger(__name__)


class PlatformPoster:
    """Dispatches by ``channel.community.platform``; the scheduler needs only this one."""

    def __init__(self, posters: Mapping[str, Poster]) -> None:
        self._posters = dict(posters)

    @property
    def platforms(self) -> frozenset[str]:
        return frozenset(self._posters)

    def add(self, platform: str, poster: Poster) -> None:
        """Serve ``platform`` too (a front end that started after the scheduler)."""
        self._posters[platform] = poster

    async def post(self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str) -> str:
        poster = self._posters.get(channel.community.platform)
        if poster is None:
            # Not retryable from this process: the schedule pauses like for a lost channel.
            raise ChannelUnavailable(f"this process does not serve {channel.community.platform!r}")
        return await poster.post(channel, message, nonce=nonce)

    async def find_posted(
        self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str
    ) -> str | None:
        poster = self._posters.get(channel.community.platform)
        if poster is None:
            raise HistoryUnavailable(f"this process does not serve {channel.community.platform!r}")
        return await poster.find_posted(channel, message, nonce=nonce)

    async def notify_moderators(
        self, community: CommunityRef, message: OutgoingMessage, *, channel: ChannelRef | None
    ) -> None:
        poster = self._posters.get(community.platform)
        if poster is None:
            log.warning(
                "no %s front end running; moderator notice for %s dropped",
                community.platform,
                community.external_id,
            )
            return
        await poster.notify_moderators(community, message, channel=channel)


class WhenReady:
    """A poster whose front end needs a moment after start-up (Discord's gateway):
    each call first awaits ``ready``."""

    def __init__(self, poster: Poster, ready: Callable[[], Awaitable[object]]) -> None:
        self._poster = poster
        self._ready = ready

    async def post(self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str) -> str:
        await self._ready()
        return await self._poster.post(channel, message, nonce=nonce)

    async def find_posted(
        self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str
    ) -> str | None:
        await self._ready()
        return await self._poster.find_posted(channel, message, nonce=nonce)

    async def notify_moderators(
        self, community: CommunityRef, message: OutgoingMessage, *, channel: ChannelRef | None
    ) -> None:
        try:
            await self._ready()
        except Exception:
            log.exception(
                "front end never became ready; moderator notice for %s dropped",
                community.external_id,
            )
            return
        await self._poster.notify_moderators(community, message, channel=channel)
