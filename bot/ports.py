"""The ports the core posts through; each platform front end implements them.

The scheduler and services hand a platform-neutral ``OutgoingMessage`` to a
``Poster``; the Discord implementation turns it into an embed, the Slack one into
Block Kit. Services never see a platform type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bot.core.refs import ChannelRef, CommunityRef


@dataclass(frozen=True)
class OutgoingMessage:
    """A message to post in a channel."""

    body: str
    title: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    footer: str | None = None
    # The one role this message may ping (a reminder's ping role); everything else
    # in the text is posted with mentions off.
    ping_role: str | None = None
    # Buttons the platform should attach, as (custom_id, label) pairs.
    buttons: tuple[tuple[str, str], ...] = field(default=())
    # For a scheduled post: the instant it is for, carrying the occurrence's mark in
    # its seconds (``bot.schedules.delivery.delivery_mark``). Discord shows it as the
    # embed's time, in each reader's own zone, and finds the post again by it.
    marked_at: datetime | None = None
    # Posts with the same key belong to one conversation (a session's reminders): a
    # platform with threads posts the first as the thread's start, later ones in it.
    thread: str | None = None
    # A personal reminder's member (platform id): the platform sends it to them
    # directly, or, when it cannot (Discord: their DMs are closed), posts it in the
    # channel mentioning only them.
    direct_to: str | None = None
    # Times in the text, as written in the community's zone: a platform that can show
    # a time in each reader's own zone puts that in their place.
    times: tuple[LocalTime, ...] = field(default=())


@dataclass(frozen=True)
class LocalTime:
    """``text`` is how a message wrote ``instant`` in the time zone ``zone``."""

    text: str
    instant: datetime
    zone: str


class DeliveryError(Exception):
    """Posting failed."""


class ChannelUnavailable(DeliveryError):
    """The channel is gone or the bot may not post there (HTTP 403/404): retrying
    will not help, so the schedule is paused and moderators are told."""


class TransientDeliveryError(DeliveryError):
    """A failure worth retrying with backoff (5xx, rate limits, a dropped connection)."""


class HistoryUnavailable(DeliveryError):
    """The channel's recent messages could not be read (no Read Message History, the
    channel is gone, or the platform did not answer)."""


class Poster(Protocol):
    """Posts messages into community channels."""

    async def post(self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str) -> str:
        """Post ``message``; returns the platform's message id. ``nonce`` is stable per
        occurrence so the platform can drop a repeat sent shortly after a crash."""
        ...

    async def find_posted(
        self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str
    ) -> str | None:
        """The id of one of the channel's recent messages, posted by this bot, that is
        ``message`` as ``post`` sent it with ``nonce`` (Discord keeps no nonce: there it
        is the same body with the same ``marked_at``); None when there is none.
        Raises ``HistoryUnavailable`` when the bot cannot read the channel."""
        ...

    async def notify_moderators(
        self, community: CommunityRef, message: OutgoingMessage, *, channel: ChannelRef | None
    ) -> None:
        """Tell a community's moderators something: in ``channel`` (their configured
        channel) when given, else wherever the platform's fallback is (Discord: the
        guild's system channel). Never raises: a failure is logged."""
        ...


@dataclass(frozen=True)
class ScheduledEventSpec:
    """A native scheduled event for one study session (Discord: guild scheduled event)."""

    name: str
    description: str
    starts_at: datetime  # aware
    ends_at: datetime  # aware
    # Where it happens: a voice channel of the community, else an external location.
    voice_channel_id: str | None = None
    location: str | None = None


class EventsUnavailable(Exception):
    """The bot may not manage the community's scheduled events (a missing permission);
    the round keeps working without native events."""


class EventGone(Exception):
    """The event to change no longer exists (deleted by hand) or can no longer be
    changed (cancelled or over): create a new one instead."""


class EventsPort(Protocol):
    """Creates, updates and cancels native scheduled events for study sessions."""

    async def create_event(self, community: CommunityRef, spec: ScheduledEventSpec) -> str:
        """Create the event; returns the platform's event id."""
        ...

    async def update_event(
        self, community: CommunityRef, event_id: str, spec: ScheduledEventSpec
    ) -> None:
        """Move or rename an existing event; ``EventGone`` when it is not there."""
        ...

    async def cancel_event(self, community: CommunityRef, event_id: str) -> None:
        """Cancel (remove) an event; an event that is already gone is not an error."""
        ...
