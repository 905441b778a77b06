"""The console's Poster and EventsPort."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.console.context import COMMUNITY
from bot.console.ports import ConsoleEvents, ConsolePoster
from bot.core.refs import ChannelRef
from bot.ports import OutgoingMessage, ScheduledEventSpec

STUDY = ChannelRef(COMMUNITY, "study")


async def test_posts_are_shown_once_per_nonce_and_notices_too() -> None:
    shown: list[tuple[ChannelRef | None, str]] = []
    poster = ConsolePoster(lambda channel, message: shown.append((channel, message.body)))
    first = await poster.post(STUDY, OutgoingMessage("read!"), nonce="n1")
    again = await poster.post(STUDY, OutgoingMessage("read!"), nonce="n1")
    other = await poster.post(STUDY, OutgoingMessage("read more!"), nonce="n2")
    await poster.notify_moderators(COMMUNITY, OutgoingMessage("paused"), channel=None)
    assert first == again != other
    assert shown == [(STUDY, "read!"), (STUDY, "read more!"), (None, "paused")]


async def test_events_are_kept_moved_and_cancelled() -> None:
    events = ConsoleEvents()
    start = datetime(2026, 12, 17, 11, tzinfo=UTC)
    spec = ScheduledEventSpec("Spring #1", "paper", start, start + timedelta(hours=1))
    event_id = await events.create_event(COMMUNITY, spec)
    moved = ScheduledEventSpec("Spring #1", "paper", start + timedelta(days=1),
                               start + timedelta(days=1, hours=1))
    await events.update_event(COMMUNITY, event_id, moved)
    assert events.events == {event_id: moved}
    await events.cancel_event(COMMUNITY, event_id)
    await events.cancel_event(COMMUNITY, event_id)  # already gone: not an error
    assert events.events == {}
