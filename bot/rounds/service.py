"""Study rounds as a service: the rules of ``bot.rounds`` applied to storage, the
schedule engine (reminders), the streak service (attendance check-ins) and the
optional native-events port.

Every command validates first, then writes in one transaction. Calls that leave
the process (native events, streak check-ins, the engine's timers) happen after
the commit, so a failure there never undoes a member's command.

``RoundService`` is put together from parts, one module each:

- ``queries``: lists, overviews, autocomplete choices, calendars, digest lines;
- ``lifecycle``: create, edit, start and close a round, and its recap;
- ``reading_list``: add and remove papers;
- ``participation``: join and leave, presenters, RSVPs, attendance;
- ``sessions``: edit and cancel one session.

They stand on ``base`` (the shared collaborators and the round/session lookups)
and use these helpers: ``lookup`` (finding what a member named), ``timetable``
(cadence, planned sessions, overlaps), ``reminders`` (a session's scheduled
messages), ``attendance`` (held sessions, streak check-ins), ``events_sync``
(native events) and ``results`` (what the commands return).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from bot.clock import Clock
from bot.community import CommunityService
from bot.core.round_model import AttendanceSource, Round, RsvpCounts, Session
from bot.i18n import Catalog, Lang
from bot.ports import EventsPort, OutgoingMessage
from bot.rounds.attendance import AttendanceKeeper
from bot.rounds.events_sync import EventsSync
from bot.rounds.lifecycle import RoundLifecycle
from bot.rounds.lookup import row_id
from bot.rounds.participation import Participation
from bot.rounds.queries import RoundQueries
from bot.rounds.reading_list import ReadingList
from bot.rounds.reminders import (
    GOING_DM,
    READING,
    REMINDER,
    ROUND_KINDS,
    SESSION_END,
    SESSION_START,
    SessionReminders,
    delivery_message,
)
from bot.rounds.results import (
    AttendanceResult,
    ClosedRound,
    Membership,
    RoundChange,
    RsvpResult,
    SessionChange,
    SessionView,
)
from bot.rounds.sessions import SessionChanges
from bot.schedules.engine import ScheduleEngine
from bot.streaks.service import StreakService
from storage import rounds as store
from storage.connection import Connection
from storage.database import Database
from storage.schedules import Schedule

__all__ = [
    "READING",
    "REMINDER",
    "SESSION_END",
    "SESSION_START",
    "AttendanceResult",
    "ClosedRound",
    "Membership",
    "RoundChange",
    "RoundService",
    "RsvpResult",
    "SessionChange",
    "SessionView",
    "row_id",
]


class RoundService(RoundQueries, RoundLifecycle, ReadingList, Participation, SessionChanges):
    """Everything a study round does; see the module docstring."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        community: CommunityService,
        engine: ScheduleEngine,
        streaks: StreakService,
        *,
        texts: Catalog,
        default_language: Lang = "ko",
        events: Mapping[str, EventsPort] | None = None,
    ) -> None:
        """Registers the renderers of the round schedule kinds with ``engine``."""
        self._db = db
        self._overviews = {}
        self._clock = clock
        self._community = community
        self._streaks = streaks
        self._texts = texts
        self._default_language = default_language
        self._events = EventsSync(self._db, clock, texts, default_language, events)
        self._reminders = SessionReminders(self._db, engine)
        self._attendance = AttendanceKeeper(self._db, clock, streaks)
        for kind in (*ROUND_KINDS, GOING_DM):
            engine.register_renderer(kind, self.render)

    def attach_events(self, platform: str, port: EventsPort | None) -> None:
        """Use ``port`` for the native events of ``platform``'s communities (each front
        end calls this when it starts; a platform without a port has no events)."""
        self._events.attach(platform, port)

    async def render(self, schedule: Schedule, occurrence: datetime, late: bool) -> OutgoingMessage:
        """Builds a round reminder; at a session's start (or its end, if the start
        was missed) marks it held and records attendance from the RSVPs. Reads the
        session at delivery time, so late changes show."""
        config = await self._community.config(schedule.community)
        session_id = int(schedule.payload["session_id"])
        if schedule.kind in (SESSION_START, SESSION_END):
            await self.finalize_session(session_id)
        owner = schedule.payload.get("round_id")
        if owner is not None:
            found = await self._db.read(store.get_round, int(owner))
            if found is not None:
                await self.finalize_overdue(found)

        def read(
            conn: Connection,
        ) -> tuple[Session, Round | None, RsvpCounts, dict[int, tuple[bool, AttendanceSource]]]:
            session = store.get_session(conn, session_id)
            if session is None:
                raise LookupError(f"session {session_id} is gone")
            rnd = store.get_round(conn, session.round_id)
            counts = store.rsvp_counts(conn, session_id)
            marks = store.attendance_of_session(conn, session_id)
            return session, rnd, counts, marks

        session, rnd, counts, marks = await self._db.read(read)
        assert rnd is not None
        return delivery_message(
            schedule,
            rnd,
            session,
            counts,
            sum(1 for a, _ in marks.values() if a),
            config.zone,
            self._texts,
            _dm_language(schedule) or self._shared_language(config),
            late_since=occurrence if late else None,
        )


def _dm_language(schedule: Schedule) -> Lang | None:
    """A member's DM before a session is in the language they asked for it in."""
    lang = schedule.payload.get("lang") if schedule.kind == GOING_DM else None
    return "ko" if lang == "ko" else "en" if lang == "en" else None
