"""Study rounds as a service: the rules of ``bot.rounds`` applied to storage, the
schedule engine (reminders), the streak service (attendance check-ins) and the
optional native-events port.

The moderators' operations (``create``, ``edit``, ``start``, ``close``,
``add_paper``, ``remove_paper``, ``rotate_presenters``, ``assign_presenter``,
``edit_session``, ``cancel_session``, ``correct_attendance``) take the ``Actor``
asking and refuse a member (``NotModerator``) themselves, before anything is read
or written, whatever the front end checked. Every command validates first, then
writes in one transaction. Calls that leave
the process (native events, streak check-ins, the engine's timers) happen after
the commit, so a failure there never undoes a member's command.

``RoundService`` is a facade: each of its methods is the method of one small part
in ``bot.rounds.parts``, and every part is handed the same explicit
``RoundContext`` (storage, clock, community settings, streaks, texts and the
helpers below):

- ``queries.RoundQueries``: lists, overviews, autocomplete choices, digest lines;
- ``recaps.RoundRecaps``: a round's recap and calendar file;
- ``lifecycle.RoundLifecycle``: create, edit, start and close a round;
- ``reading_list.ReadingList``: add and remove papers;
- ``participation.Participation``: join and leave, presenters, RSVPs, attendance
  corrections;
- ``sessions.SessionChanges``: edit and cancel one session;
- ``posts.RoundPosts``: what a round's scheduled messages say when they fire;
- ``attendance.AttendanceKeeper``: held sessions, attendance as streak check-ins;
- ``context.RoundContext``: finding the round or session a member named.

The helpers they use: ``lookup`` (finding what a member named),
``session_reminders`` (a session's scheduled messages), ``events_sync`` (native
events), and the pure ``bot.rounds.session_times`` (cadence, planned sessions,
overlaps) and ``bot.rounds.results`` (what the commands return).
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.clock import Clock
from bot.community import CommunityService
from bot.i18n import Catalog, Lang
from bot.ports import EventsPort
from bot.rounds.parts.attendance import AttendanceKeeper
from bot.rounds.parts.context import RoundContext
from bot.rounds.parts.events_sync import EventsSync
from bot.rounds.parts.lifecycle import RoundLifecycle
from bot.rounds.parts.lookup import row_id
from bot.rounds.parts.participation import Participation
from bot.rounds.parts.posts import RoundPosts
from bot.rounds.parts.queries import RoundQueries
from bot.rounds.parts.reading_list import ReadingList
from bot.rounds.parts.recaps import RoundRecaps
from bot.rounds.parts.session_reminders import (
    GOING_DM,
    READING,
    REMINDER,
    ROUND_KINDS,
    SESSION_END,
    SESSION_START,
    SessionReminders,
)
from bot.rounds.parts.sessions import SessionChanges
from bot.rounds.results import (
    AttendanceResult,
    ClosedRound,
    Membership,
    RoundChange,
    RsvpResult,
    SessionChange,
    SessionView,
)
from bot.schedules.engine import ScheduleEngine
from bot.streaks.service import StreakService
from storage.database import Database

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


class RoundService:
    """Everything a study round does, each method delegated to one part; see the
    module docstring."""

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
        """Builds the parts on one context and registers the renderer of the round
        schedule kinds with ``engine``."""
        self.context = context = RoundContext(
            db=db,
            clock=clock,
            community=community,
            streaks=streaks,
            texts=texts,
            default_language=default_language,
            events=EventsSync(db, clock, texts, default_language, events),
            reminders=SessionReminders(db, engine),
            attendance=AttendanceKeeper(db, clock, streaks),
        )
        queries = RoundQueries(context)
        # Kept under their old names for the tests that look inside the service.
        self._community = community
        self._overviews = queries.overviews
        recaps = RoundRecaps(context)
        lifecycle = RoundLifecycle(context, recaps)
        reading_list = ReadingList(context)
        participation = Participation(context)
        sessions = SessionChanges(context)
        posts = RoundPosts(context)
        # The public methods, each the part's own.
        # Finding what a member named.
        self.resolve_round = context.resolve_round
        self.resolve_session = context.resolve_session
        # Reading.
        self.round_choices = queries.round_choices
        self.session_choices = queries.session_choices
        self.paper_choices = queries.paper_choices
        self.active_round_member_ids = queries.active_round_member_ids
        self.list_rounds = queries.list_rounds
        self.overview = queries.overview
        self.zone_of = queries.zone_of
        self.list_sessions = queries.list_sessions
        self.show_session = queries.show_session
        self.announcement = queries.announcement
        self.digest_section = queries.digest_section
        self.digest_lines = queries.digest_lines
        self.recap = recaps.recap
        self.recap_of = recaps.recap_of
        self.calendar = recaps.calendar
        self.calendar_by_id = recaps.calendar_by_id
        # A round's life and its reading list.
        self.follow_time_zone = lifecycle.follow_time_zone
        self.create = lifecycle.create
        self.edit = lifecycle.edit
        self.start = lifecycle.start
        self.close = lifecycle.close
        self.add_paper = reading_list.add_paper
        self.remove_paper = reading_list.remove_paper
        # Members, presenters, RSVPs and attendance.
        self.join = participation.join
        self.leave = participation.leave
        self.rotate_presenters = participation.rotate_presenters
        self.assign_presenter = participation.assign_presenter
        self.rsvp = participation.rsvp
        self.dm_before = participation.dm_before
        self.correct_attendance = participation.correct_attendance
        self.finalize_session = context.attendance.finalize_session
        self.finalize_overdue = context.attendance.finalize_overdue
        # Single sessions.
        self.edit_session = sessions.edit_session
        self.cancel_session = sessions.cancel_session
        # What the schedule engine posts.
        self.render = posts.render
        for kind in (*ROUND_KINDS, GOING_DM):
            engine.register_renderer(kind, self.render)

    def attach_events(self, platform: str, port: EventsPort | None) -> None:
        """Use ``port`` for the native events of ``platform``'s communities (each front
        end calls this when it starts; a platform without a port has no events)."""
        self.context.events.attach(platform, port)
