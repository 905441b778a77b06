"""The console's ``Poster`` and ``EventsPort``: what the scheduler posts is shown
in the terminal as it fires; native events are kept in memory."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from bot.core.refs import ChannelRef, CommunityRef
from bot.ports import OutgoingMessage, ScheduledEventSpec

# (channel or None for the moderators' notices, message) -> shown to the user
Show = Callable[[ChannelRef | None, OutgoingMessage], None]


class ConsolePoster:
    """Hands every post to ``show``; a nonce seen before is not shown twice."""

    def __init__(self, show: Show) -> None:
        self._show = show
        self._ids = itertools.count(1)
        self._by_nonce: dict[str, str] = {}

    async def post(self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str) -> str:
        if nonce in self._by_nonce:  # what Discord does with a repeated nonce
            return self._by_nonce[nonce]
        self._show(channel, message)
        message_id = str(next(self._ids))
        self._by_nonce[nonce] = message_id
        return message_id

    async def find_posted(
        self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str
    ) -> str | None:
        """The post with ``nonce``, if this session showed it (a terminal keeps no
        history from an earlier session)."""
        return self._by_nonce.get(nonce)

    async def notify_moderators(
        self, community: CommunityRef, message: OutgoingMessage, *, channel: ChannelRef | None
    ) -> None:
        self._show(channel, message)


class ConsoleEvents:
    """Native scheduled events, remembered for the session (the console has no
    calendar of its own; ``/session show`` and the ``.ics`` file show the times)."""

    def __init__(self) -> None:
        self.events: dict[str, ScheduledEventSpec] = {}
        self._ids = itertools.count(1)

    async def create_event(self, community: CommunityRef, spec: ScheduledEventSpec) -> str:
        event_id = f"event-{next(self._ids)}"
        self.events[event_id] = spec
        return event_id

    async def update_event(
        self, community: CommunityRef, event_id: str, spec: ScheduledEventSpec
    ) -> None:
        self.events[event_id] = spec

    async def cancel_event(self, community: CommunityRef, event_id: str) -> None:
        self.events.pop(event_id, None)
