"""Native scheduled events (Discord's "Events") that mirror a round's sessions.

Events are a convenience: a failure for one session is logged and skipped, and a
community where the bot may not manage events (``EventsUnavailable``) keeps its
round without them; moderators are told so once per round.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TypeVar

from bot.clock import Clock
from bot.community import CommunityConfig
from bot.core.round_model import Round, Session
from bot.i18n import Catalog, Lang
from bot.ports import EventGone, EventsPort, EventsUnavailable
from bot.rounds import messages
from bot.rounds.results import EventOutcome, EventsReport
from storage import rounds as store
from storage.connection import Connection
from storage.database import Database

log = logging.getLogger(__name__)

T = TypeVar("T")


class EventsSync:
    """Creates, updates and cancels the native events of sessions, per platform."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        texts: Catalog,
        default_language: Lang,
        ports: Mapping[str, EventsPort] | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._texts = texts
        self._default_language = default_language
        self._ports: dict[str, EventsPort] = dict(ports or {})

    def attach(self, platform: str, port: EventsPort | None) -> None:
        """Use ``port`` for ``platform``'s communities (None: no events there)."""
        if port is None:
            self._ports.pop(platform, None)
        else:
            self._ports[platform] = port

    async def sync(
        self, rnd: Round, sessions: Sequence[Session], config: CommunityConfig
    ) -> EventsReport:
        """Create or update the native event of each upcoming session; an event that
        was deleted by hand (or cancelled) is made again. The report says what
        happened to each session's event, and whether moderators should now be
        told events are unavailable (once per round)."""
        port = self._ports.get(rnd.community.platform)
        now = self._clock.now()
        todo = [s for s in sessions if s.status == "scheduled" and s.starts_at > now]
        if port is None or not todo:
            return EventsReport()
        lang: Lang = config.shared_language(self._default_language)
        specs = {s.id: messages.event_spec(rnd, s, self._texts, lang) for s in todo}

        async def create_or_update(session: Session) -> tuple[str, EventOutcome]:
            spec = specs[session.id]
            if not session.event_id:
                return await port.create_event(rnd.community, spec), "created"
            try:
                await port.update_event(rnd.community, session.event_id, spec)
            except EventGone:
                log.warning("event %s of session %s is gone; creating it again",
                            session.event_id, session.id)
                return await port.create_event(rnd.community, spec), "recreated"
            return session.event_id, "moved"

        done, unavailable = await _each(
            todo, create_or_update, "native event for session %s failed"
        )
        new_ids = {sid: event_id for sid, (event_id, outcome) in done.items()
                   if outcome != "moved"}
        notice = await self._record(rnd, new_ids, unavailable=unavailable)
        outcomes: dict[int, EventOutcome] = {sid: outcome for sid, (_, outcome) in done.items()}
        if not unavailable:
            # Unavailable events are the one-time notice's business; any other
            # session left out failed on its own (logged by ``_each``).
            outcomes |= {s.id: "failed" for s in todo if s.id not in done}
        return EventsReport(notice, outcomes)

    async def cancel(self, rnd: Round, sessions: Sequence[Session]) -> bool:
        """Cancel the native events of ``sessions``; True as for ``sync``."""
        port = self._ports.get(rnd.community.platform)
        with_events = [s for s in sessions if s.event_id]
        if port is None or not with_events:
            return False

        async def cancel_one(session: Session) -> None:
            assert session.event_id is not None
            await port.cancel_event(rnd.community, session.event_id)

        done, unavailable = await _each(
            with_events, cancel_one, "cancelling the event of session %s failed"
        )
        return await self._record(rnd, dict.fromkeys(done), unavailable=unavailable)

    async def _record(
        self, rnd: Round, events: Mapping[int, str | None], *, unavailable: bool
    ) -> bool:
        """Store the event ids that changed; when events turned out unavailable,
        claim the round's one-time notice (True the first time)."""
        if unavailable:
            log.warning(
                "native events unavailable in %s (round %s)", rnd.community.external_id, rnd.id
            )
        elif not events:
            return False

        def store_events(conn: Connection) -> bool:
            for session_id, event_id in events.items():
                store.set_session_event(conn, session_id, event_id)
            return unavailable and store.claim_events_notice(conn, rnd.id)

        return await self._db.write(store_events)


async def _each(
    sessions: Sequence[Session], action: Callable[[Session], Awaitable[T]], failure: str
) -> tuple[dict[int, T], bool]:
    """``action`` for each session in turn: ``({session id: result}, unavailable)``.
    A session's own failure is logged (``failure`` % its id) and skipped;
    ``EventsUnavailable`` stops the run."""
    done: dict[int, T] = {}
    for session in sessions:
        try:
            done[session.id] = await action(session)
        except EventsUnavailable:
            return done, True
        except Exception:
            log.exception(failure, session.id)
    return done, False
