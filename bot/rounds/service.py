"""Study rounds as a service: the rules of ``bot.rounds`` applied to storage, the
schedule engine (reminders), the streak service (attendance check-ins) and the
optional native-events port.

Every command validates first, then writes in one transaction. Calls that leave
the process (native events, streak check-ins, the engine's timers) happen after
the commit, so a failure there never undoes a member's command.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

import aiosqlite

from bot.clock import Clock
from bot.community import CommunityConfig, CommunityService
from bot.digest import DigestSection
from bot.errors import UserFacingError
from bot.i18n import Catalog, Lang
from bot.identity import CommunityRef, MemberRef
from bot.ports import EventsPort, EventsUnavailable, OutgoingMessage
from bot.rounds import messages, planning, rotation, validation
from bot.rounds.calendar import round_calendar
from bot.rounds.model import (
    DEFAULT_DURATION_MINUTES,
    DEFAULT_PAPER_REMINDER_DAYS,
    DEFAULT_SOTA_EVERY,
    RSVP_ANSWERS,
    Paper,
    Round,
    RoundOverview,
    RoundSettings,
    RoundStatus,
    RsvpAnswer,
    RsvpCounts,
    Session,
    SessionKind,
)
from bot.rounds.recap import Recap, StreakLeader, build_recap
from bot.schedules.engine import ScheduleEngine
from bot.schedules.parse import format_local, parse_rule, parse_when
from bot.streaks.service import StreakService
from storage import communities as community_store
from storage import rounds as store
from storage import schedules as schedule_store
from storage.database import Database
from storage.schedules import Schedule

log = logging.getLogger(__name__)

# Schedule kinds this service renders.
READING = "round.reading"
REMINDER = "round.reminder"
SESSION_END = "round.session_end"
ROUND_KINDS = (READING, REMINDER, SESSION_END)
REMINDER_LEADS = (timedelta(hours=24), timedelta(hours=1))
STREAK_LEADERS = 5
DIGEST_DAYS = 7


@dataclass(frozen=True, slots=True)
class RoundChange:
    """A round after a moderator's command; ``events_notice`` asks the front end
    to tell the moderator (once per round) that native events are unavailable."""

    round: Round
    sessions: tuple[Session, ...] = ()
    events_notice: bool = False


@dataclass(frozen=True, slots=True)
class SessionChange:
    round: Round
    session: Session
    events_notice: bool = False


@dataclass(frozen=True, slots=True)
class ClosedRound:
    round: Round
    recap: Recap
    events_notice: bool = False


@dataclass(frozen=True, slots=True)
class SessionView:
    round: Round
    session: Session
    counts: RsvpCounts
    zone: ZoneInfo


@dataclass(frozen=True, slots=True)
class RsvpResult:
    round: Round
    session: Session
    answer: RsvpAnswer
    counts: RsvpCounts


@dataclass(frozen=True, slots=True)
class AttendanceResult:
    session: Session
    attended: bool
    changed: bool


@dataclass(frozen=True, slots=True)
class Membership:
    round: Round
    joined: bool
    presenting: bool


class RoundService:
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
        self._clock = clock
        self._community = community
        self._engine = engine
        self._streaks = streaks
        self._texts = texts
        self._default_language = default_language
        self._events: dict[str, EventsPort] = dict(events or {})
        engine.register_renderer(READING, self.render)
        engine.register_renderer(REMINDER, self.render)
        engine.register_renderer(SESSION_END, self.render)

    def attach_events(self, platform: str, port: EventsPort | None) -> None:
        """Use ``port`` for the native events of ``platform``'s communities (each front
        end calls this when it starts; a platform without a port has no events)."""
        if port is None:
            self._events.pop(platform, None)
        else:
            self._events[platform] = port

    # --- lookups -------------------------------------------------------------------

    async def resolve_round(
        self, community: CommunityRef, text: str | None, conn: aiosqlite.Connection | None = None
    ) -> Round:
        """The round a member named: by name (ignoring case) or id; left out, the one
        active round (refused when there is none or several)."""
        if conn is None:
            async with self._db.read() as reader:
                return await self._resolve_round(reader, community, text)
        return await self._resolve_round(conn, community, text)

    async def _resolve_round(
        self, conn: aiosqlite.Connection, community: CommunityRef, text: str | None
    ) -> Round:
        community_id = await community_store.find_community(conn, community)
        wanted = (text or "").strip()
        if community_id is None:
            raise UserFacingError("rounds.error.no_rounds")
        if not wanted:
            active = await store.list_rounds(conn, community_id, ["active"])
            if len(active) == 1:
                return active[0]
            if not active:
                drafts = await store.list_rounds(conn, community_id, ["draft"])
                if len(drafts) == 1:
                    return drafts[0]
                raise UserFacingError("rounds.error.no_active_round")
            raise UserFacingError(
                "rounds.error.which_round", names=", ".join(r.name for r in active)
            )
        found = await store.find_round_by_name(conn, community_id, wanted)
        round_id = row_id(wanted)
        if found is None and round_id is not None:
            by_id = await store.get_round(conn, round_id)
            if by_id is not None and by_id.community_id == community_id:
                found = by_id
        if found is None:
            raise UserFacingError("rounds.error.unknown_round", round=wanted[:100])
        return found

    async def resolve_session(
        self, community: CommunityRef, text: str, conn: aiosqlite.Connection | None = None
    ) -> tuple[Round, Session]:
        """A session by id (what autocomplete fills in) or ``#n`` of the one active round."""
        if conn is None:
            async with self._db.read() as reader:
                return await self._resolve_session(reader, community, text)
        return await self._resolve_session(conn, community, text)

    async def _resolve_session(
        self, conn: aiosqlite.Connection, community: CommunityRef, text: str
    ) -> tuple[Round, Session]:
        wanted = text.strip()
        index = row_id(wanted[1:]) if wanted.startswith("#") else None
        session_id = row_id(wanted)
        if index is not None:
            rnd = await self._resolve_round(conn, community, None)
            for session in await store.list_sessions(conn, rnd.id):
                if session.index == index:
                    return rnd, session
        elif session_id is not None:
            found = await store.get_session(conn, session_id)
            owner = await store.get_round(conn, found.round_id) if found else None
            if found is not None and owner is not None and owner.community == community:
                return owner, found
        raise UserFacingError("rounds.error.unknown_session", session=wanted[:100])

    async def round_choices(
        self, community: CommunityRef, typed: str, *, statuses: Sequence[RoundStatus] | None = None
    ) -> list[tuple[str, str]]:
        """Up to 25 ``(label, value)`` autocomplete choices for a round option."""
        async with self._db.read() as conn:
            community_id = await community_store.find_community(conn, community)
            if community_id is None:
                return []
            rounds = await store.list_rounds(conn, community_id, statuses)
        needle = typed.strip().casefold()
        chosen = [r for r in rounds if needle in r.name.casefold() or needle == str(r.id)]
        return [
            (f"{r.name} · {r.settings.start_date.isoformat()} · {r.status}"[:100], str(r.id))
            for r in chosen[: validation.MAX_CHOICES]
        ]

    async def session_choices(
        self,
        community: CommunityRef,
        typed: str,
        lang: Lang,
        *,
        round_text: str | None = None,
        upcoming_only: bool = False,
    ) -> list[tuple[str, str]]:
        """Up to 25 ``(label, value)`` choices: the date and title of each session of
        the named round (else of every active round), soonest upcoming first."""
        config = await self._community.config(community)
        now = self._clock.now()
        async with self._db.read() as conn:
            try:
                rounds = (
                    [await self._resolve_round(conn, community, round_text)]
                    if round_text
                    else await self._active_rounds(conn, community)
                )
            except UserFacingError:
                return []
            pairs = [(r, s) for r in rounds for s in await store.list_sessions(conn, r.id)]
        if upcoming_only:
            pairs = [(r, s) for r, s in pairs if s.status == "scheduled" and s.ends_at > now]
        needle = typed.strip().casefold().lstrip("#")
        labelled = [
            (messages.choice_label(r, s, config.zone, lang, self._texts), str(s.id), s)
            for r, s in pairs
        ]
        matching = [item for item in labelled if needle in item[0].casefold()]
        # Upcoming sessions first (soonest first), then past ones (latest first).
        matching.sort(
            key=lambda item: (
                item[2].ends_at <= now,
                abs((item[2].starts_at - now).total_seconds()),
            )
        )
        return [(label, value) for label, value, _ in matching[: validation.MAX_CHOICES]]

    async def paper_choices(
        self, community: CommunityRef, round_text: str | None, typed: str
    ) -> list[tuple[str, str]]:
        """Autocomplete choices for a paper of a round's reading list."""
        try:
            rnd = await self.resolve_round(community, round_text)
        except UserFacingError:
            return []
        async with self._db.read() as conn:
            papers = await store.list_papers(conn, rnd.id)
        needle = typed.strip().casefold()
        return [
            (f"W{p.week} · {p.title}"[:100], str(p.id))
            for p in papers
            if needle in p.title.casefold()
        ][: validation.MAX_CHOICES]

    async def _active_rounds(
        self, conn: aiosqlite.Connection, community: CommunityRef
    ) -> list[Round]:
        community_id = await community_store.find_community(conn, community)
        if community_id is None:
            return []
        return await store.list_rounds(conn, community_id, ["active"])

    async def active_round_member_ids(self, community: CommunityRef) -> list[str] | None:
        """Platform ids of the one active round's joined members (None: no single
        active round); for the streak leaderboard's ``round`` scope."""
        async with self._db.read() as conn:
            active = await self._active_rounds(conn, community)
            if len(active) != 1:
                return None
            members = await store.list_members(conn, active[0].id)
        return [m.external_id for m in members if m.joined]

    # --- rounds --------------------------------------------------------------------

    async def create(
        self,
        actor: MemberRef,
        *,
        name: str,
        start: str | date,
        weeks: int,
        channel_id: str,
        cadence: str,
        duration_minutes: int | None = None,
        place: str | None = None,
        ping_role: str | None = None,
        paper_reminder_days: int | None = None,
        sota_every: int | None = None,
    ) -> RoundChange:
        """Create a draft round; returns it with the sessions it would have."""
        config = await self._community.config(actor.community)
        settings = RoundSettings(
            name=validation.round_name(name),
            start_date=start if isinstance(start, date) else validation.start_date(start),
            weeks=validation.weeks(weeks),
            channel_id=channel_id,
            cadence=self._cadence(cadence, config),
            duration_minutes=validation.duration_minutes(
                duration_minutes or DEFAULT_DURATION_MINUTES
            ),
            place=validation.place(place) if place else None,
            ping_role=ping_role,
            paper_reminder_days=validation.reminder_days(
                DEFAULT_PAPER_REMINDER_DAYS if paper_reminder_days is None else paper_reminder_days
            ),
            sota_every=validation.sota_every(
                DEFAULT_SOTA_EVERY if sota_every is None else sota_every
            ),
        )
        planned = self._plan(settings, config)
        now = self._clock.now()
        async with self._db.transaction() as conn:
            community_id = await community_store.ensure_community(conn, actor.community)
            if await store.find_round_by_name(conn, community_id, settings.name) is not None:
                raise UserFacingError("rounds.error.name_taken", name=settings.name)
            round_id = await store.insert_round(
                conn, community_id, settings, created_by=actor.external_id, created_at=now
            )
            rnd = await store.get_round(conn, round_id)
        assert rnd is not None
        return RoundChange(rnd, tuple(self._preview_sessions(rnd, planned)))

    def _cadence(self, text: str, config: CommunityConfig) -> str:
        """The canonical rule of a cadence (``cron ...``); one-off times are refused."""
        parsed = parse_when(validation.cadence_text(text), config.zone, self._clock.now())
        if not parsed.recurring:
            raise UserFacingError("rounds.error.cadence_once", text=text.strip()[:100])
        return parsed.text

    def _plan(
        self, settings: RoundSettings, config: CommunityConfig
    ) -> list[planning.PlannedSession]:
        trigger = parse_rule(settings.cadence).trigger(config.zone)
        today = self._clock.now().astimezone(config.zone).date()
        if settings.start_date < today:
            raise UserFacingError(
                "rounds.error.start_in_past", date=settings.start_date.isoformat()
            )
        planned = planning.plan_sessions(
            trigger,
            start_date=settings.start_date,
            weeks=settings.weeks,
            zone=config.zone,
            duration_minutes=settings.duration_minutes,
            sota_every=settings.sota_every,
        )
        validation.not_in_past(planned[0].starts_at, self._clock.now())
        return planned

    def _preview_sessions(
        self, rnd: Round, planned: Sequence[planning.PlannedSession]
    ) -> list[Session]:
        return [
            Session(
                id=0,
                round_id=rnd.id,
                index=p.index,
                week=p.week,
                kind=p.kind,
                starts_at=p.starts_at,
                duration_minutes=rnd.settings.duration_minutes,
                place=rnd.settings.place,
                topic=None,
                status="scheduled",
            )
            for p in planned
        ]

    async def edit(
        self,
        actor: MemberRef,
        round_text: str | None,
        *,
        name: str | None = None,
        start: str | None = None,
        weeks: int | None = None,
        channel_id: str | None = None,
        cadence: str | None = None,
        duration_minutes: int | None = None,
        place: str | None = None,
        ping_role: str | None = None,
        clear_ping_role: bool = False,
        paper_reminder_days: int | None = None,
        sota_every: int | None = None,
    ) -> RoundChange:
        """Change a round. A draft takes any change; an active round keeps its
        calendar (start, weeks, cadence, duration, review rhythm: move single
        sessions with ``edit_session``); a closed round takes none."""
        config = await self._community.config(actor.community)
        rnd = await self.resolve_round(actor.community, round_text)
        old = rnd.settings
        calendar_changes = {
            "start": start,
            "weeks": weeks,
            "cadence": cadence,
            "duration": duration_minutes,
            "sota_every": sota_every,
        }
        if rnd.status == "closed":
            raise UserFacingError("rounds.error.round_closed", round=rnd.name)
        if rnd.status == "active" and any(v is not None for v in calendar_changes.values()):
            raise UserFacingError("rounds.error.calendar_fixed", round=rnd.name)
        settings = replace(
            old,
            name=validation.round_name(name) if name is not None else old.name,
            start_date=validation.start_date(start) if start is not None else old.start_date,
            weeks=validation.weeks(weeks) if weeks is not None else old.weeks,
            channel_id=channel_id or old.channel_id,
            cadence=self._cadence(cadence, config) if cadence is not None else old.cadence,
            duration_minutes=(
                validation.duration_minutes(duration_minutes)
                if duration_minutes is not None
                else old.duration_minutes
            ),
            place=validation.place(place) if place is not None else old.place,
            ping_role=None if clear_ping_role else (ping_role or old.ping_role),
            paper_reminder_days=(
                validation.reminder_days(paper_reminder_days)
                if paper_reminder_days is not None
                else old.paper_reminder_days
            ),
            sota_every=(
                validation.sota_every(sota_every) if sota_every is not None else old.sota_every
            ),
        )
        planned = self._plan(settings, config) if rnd.status == "draft" else []
        now = self._clock.now()
        forgotten: list[int] = []
        created: list[int] = []
        moved: list[Session] = []
        async with self._db.transaction() as conn:
            if settings.name.casefold() != old.name.casefold():
                taken = await store.find_round_by_name(conn, rnd.community_id, settings.name)
                if taken is not None:
                    raise UserFacingError("rounds.error.name_taken", name=settings.name)
            await store.update_round(conn, rnd.id, settings)
            updated = await store.get_round(conn, rnd.id)
            assert updated is not None
            reminders_move = (
                settings.channel_id != old.channel_id
                or settings.paper_reminder_days != old.paper_reminder_days
            )
            if rnd.status == "active":
                for session in await store.list_sessions(conn, rnd.id):
                    if session.status != "scheduled" or session.starts_at <= now:
                        continue
                    if settings.place != old.place and session.place == old.place:
                        await store.update_session(
                            conn,
                            session.id,
                            starts_at=session.starts_at,
                            week=session.week,
                            duration_minutes=session.duration_minutes,
                            place=settings.place,
                            topic=session.topic,
                            kind=session.kind,
                        )
                        moved.append(replace(session, place=settings.place))
                    if not reminders_move:
                        continue
                    gone, new = await self._replace_schedules(conn, updated, session, config, now)
                    forgotten += gone
                    created += new
            sessions = await store.list_sessions(conn, rnd.id)
        await self._retime(forgotten, created)
        notice = await self._sync_events(updated, moved, config)
        preview = sessions or self._preview_sessions(updated, planned)
        return RoundChange(updated, tuple(preview), notice)

    async def start(self, actor: MemberRef, round_text: str | None) -> RoundChange:
        """Start a draft round: its sessions are created, papers and presenters
        assigned, reminders and native events set up."""
        config = await self._community.config(actor.community)
        now = self._clock.now()
        async with self._db.transaction() as conn:
            rnd = await self._resolve_round(conn, actor.community, round_text)
            if rnd.status != "draft":
                raise UserFacingError(f"rounds.error.not_draft.{rnd.status}", round=rnd.name)
            planned = self._plan(rnd.settings, config)
            await self._check_overlap(
                conn,
                rnd,
                [(p.starts_at, timedelta(minutes=rnd.settings.duration_minutes)) for p in planned],
                config,
                exclude_session=None,
            )
            for item in planned:
                await store.insert_session(
                    conn,
                    rnd.id,
                    index=item.index,
                    week=item.week,
                    kind=item.kind,
                    starts_at=item.starts_at,
                    duration_minutes=rnd.settings.duration_minutes,
                    place=rnd.settings.place,
                )
            await store.set_round_status(conn, rnd.id, "active")
            rnd = replace(rnd, status="active")
            await self._assign_papers(conn, rnd)
            await self._fill_presenters(conn, rnd, now, reshuffle=True)
            created: list[int] = []
            for session in await store.list_sessions(conn, rnd.id):
                _, new = await self._replace_schedules(conn, rnd, session, config, now)
                created += new
            sessions = await store.list_sessions(conn, rnd.id)
        await self._retime([], created)
        notice = await self._sync_events(rnd, sessions, config)
        async with self._db.read() as conn:
            sessions = await store.list_sessions(conn, rnd.id)
        log.info(
            "round %s (%s) started by %s: %d sessions",
            rnd.id,
            rnd.name,
            actor.external_id,
            len(sessions),
        )
        return RoundChange(rnd, tuple(sessions), notice)

    async def _check_overlap(
        self,
        conn: aiosqlite.Connection,
        rnd: Round,
        intervals: Sequence[tuple[datetime, timedelta]],
        config: CommunityConfig,
        *,
        exclude_session: int | None,
    ) -> None:
        """Refuse sessions that overlap one another or a scheduled session of any
        active round of the community (one group cannot be in two sessions)."""
        if not intervals:
            return
        start = min(s for s, _ in intervals) - timedelta(hours=validation.MAX_DURATION // 60)
        end = max(s + d for s, d in intervals)
        others = [
            (r, s)
            for r, s in await store.community_sessions_between(conn, rnd.community_id, start, end)
            if s.id != exclude_session
        ]
        combined = list(intervals) + [
            (s.starts_at, timedelta(minutes=s.duration_minutes)) for _, s in others
        ]
        clash = validation.first_overlap(combined)
        if clash is None:
            return
        theirs = [i for i in clash if i >= len(intervals)]
        if not theirs:
            when = f"{combined[max(clash)][0].astimezone(config.zone):%Y-%m-%d %H:%M}"
            raise UserFacingError("rounds.error.overlap_self", time=when)
        other = others[theirs[0] - len(intervals)]
        when = f"{other[1].starts_at.astimezone(config.zone):%Y-%m-%d %H:%M}"
        raise UserFacingError(
            "rounds.error.overlap", time=when, round=other[0].name, index=other[1].index
        )

    async def close(self, actor: MemberRef, round_text: str | None) -> ClosedRound:
        """Close a round: sessions that already began count as held (attendance
        from RSVPs), later ones are cancelled; returns the recap."""
        now = self._clock.now()
        finished: list[Session] = []
        cancelled: list[Session] = []
        async with self._db.transaction() as conn:
            rnd = await self._resolve_round(conn, actor.community, round_text)
            if rnd.status == "closed":
                raise UserFacingError("rounds.error.round_closed", round=rnd.name)
            sessions = await store.list_sessions(conn, rnd.id)
            doomed = [s for s in sessions if s.status == "scheduled"]
            forgotten = await store.schedules_of(conn, [s.id for s in doomed])
            for schedule_id in forgotten:
                await schedule_store.delete_schedule(conn, schedule_id)
            for session in doomed:
                if session.starts_at <= now:
                    await self._finalize(conn, session, now)
                    finished.append(session)
                else:
                    await store.set_session_status(conn, session.id, "cancelled")
                    cancelled.append(session)
            await store.set_round_status(conn, rnd.id, "closed", closed_at=now)
            rnd = replace(rnd, status="closed")
        await self._retime(forgotten, [])
        for session in finished:
            await self._record_streaks(rnd, session)
        notice = await self._cancel_events(rnd, cancelled)
        recap = await self.recap(rnd, caller=actor)
        log.info("round %s (%s) closed by %s", rnd.id, rnd.name, actor.external_id)
        return ClosedRound(rnd, recap, notice)

    async def list_rounds(self, community: CommunityRef) -> list[Round]:
        """Every round of a community, newest first."""
        async with self._db.read() as conn:
            community_id = await community_store.find_community(conn, community)
            if community_id is None:
                return []
            return await store.list_rounds(conn, community_id)

    async def overview(self, community: CommunityRef, round_text: str | None) -> RoundOverview:
        """A round with its reading list, sessions and members."""
        async with self._db.read() as conn:
            rnd = await self._resolve_round(conn, community, round_text)
            return await self._overview(conn, rnd)

    async def _overview(self, conn: aiosqlite.Connection, rnd: Round) -> RoundOverview:
        return RoundOverview(
            round=rnd,
            papers=tuple(await store.list_papers(conn, rnd.id)),
            sessions=tuple(await store.list_sessions(conn, rnd.id)),
            members=tuple(await store.list_members(conn, rnd.id)),
        )

    async def zone_of(self, community: CommunityRef) -> ZoneInfo:
        """The community's time zone (for rendering times)."""
        return (await self._community.config(community)).zone

    # --- reading list --------------------------------------------------------------

    async def add_paper(
        self,
        actor: MemberRef,
        round_text: str | None,
        *,
        title: str,
        url: str | None,
        week: int | None = None,
    ) -> tuple[Round, Paper]:
        """Add a paper to the reading list. Without ``week`` it goes to the first
        reading week that has no paper yet."""
        clean_title = validation.paper_title(title)
        clean_url = validation.web_url(url) if url else None
        now = self._clock.now()
        async with self._db.transaction() as conn:
            rnd = await self._resolve_round(conn, actor.community, round_text)
            if rnd.status == "closed":
                raise UserFacingError("rounds.error.round_closed", round=rnd.name)
            papers = await store.list_papers(conn, rnd.id)
            if week is None:
                week = planning.next_open_week(
                    await self._slots(conn, rnd), _paper_slots(papers), rnd.settings.weeks
                )
            week = validation.week_of_round(week, rnd.settings.weeks)
            validation.choice_count(sum(1 for p in papers if p.week == week) + 1)
            paper_id = await store.insert_paper(
                conn, rnd.id, title=clean_title, url=clean_url, week=week, added_at=now
            )
            await self._assign_papers(conn, rnd)
            paper = next(p for p in await store.list_papers(conn, rnd.id) if p.id == paper_id)
        return rnd, paper

    async def remove_paper(
        self, actor: MemberRef, round_text: str | None, paper_text: str
    ) -> tuple[Round, Paper]:
        """Take a paper off the reading list (not one a held session covered)."""
        async with self._db.transaction() as conn:
            rnd = await self._resolve_round(conn, actor.community, round_text)
            if rnd.status == "closed":
                raise UserFacingError("rounds.error.round_closed", round=rnd.name)
            papers = await store.list_papers(conn, rnd.id)
            wanted = paper_text.strip()
            paper = next(
                (
                    p
                    for p in papers
                    if str(p.id) == wanted or p.title.casefold() == wanted.casefold()
                ),
                None,
            )
            if paper is None:
                raise UserFacingError("rounds.error.unknown_paper", paper=wanted[:100])
            held = [s for s in await store.list_sessions(conn, rnd.id) if s.status == "held"]
            if any(paper.id in {p.id for p in s.papers} for s in held):
                raise UserFacingError("rounds.error.paper_covered", paper=paper.title)
            await store.delete_paper(conn, paper.id)
            await self._assign_papers(conn, rnd)
        return rnd, paper

    async def _slots(self, conn: aiosqlite.Connection, rnd: Round) -> list[planning.SessionSlot]:
        """Sessions that may take papers (scheduled ones), or the planned ones of a draft."""
        if rnd.status == "draft":
            config = await self._community.config(rnd.community)
            try:
                planned = planning.plan_sessions(
                    parse_rule(rnd.settings.cadence).trigger(config.zone),
                    start_date=rnd.settings.start_date,
                    weeks=rnd.settings.weeks,
                    zone=config.zone,
                    duration_minutes=rnd.settings.duration_minutes,
                    sota_every=rnd.settings.sota_every,
                )
            except UserFacingError:
                return []
            return [planning.SessionSlot(p.index, p.week, p.kind) for p in planned]
        return [
            planning.SessionSlot(s.id, s.week, s.kind)
            for s in await store.list_sessions(conn, rnd.id)
            if s.status == "scheduled"
        ]

    async def _assign_papers(self, conn: aiosqlite.Connection, rnd: Round) -> None:
        """Share the papers not yet covered out among the scheduled sessions."""
        if rnd.status != "active":
            return
        sessions = await store.list_sessions(conn, rnd.id)
        covered = {p.id for s in sessions if s.status == "held" for p in s.papers}
        papers = [p for p in await store.list_papers(conn, rnd.id) if p.id not in covered]
        slots = [
            planning.SessionSlot(s.id, s.week, s.kind) for s in sessions if s.status == "scheduled"
        ]
        plan = planning.assign_papers(slots, _paper_slots(papers), rnd.settings.weeks)
        cancelled: dict[int, list[int]] = {s.id: [] for s in sessions if s.status == "cancelled"}
        await store.replace_papers(conn, {**plan, **cancelled})

    # --- members and presenters ----------------------------------------------------

    async def join(
        self,
        member: MemberRef,
        round_text: str | None,
        *,
        display_name: str | None = None,
        presenting: bool = True,
    ) -> Membership:
        """Join a round (or change whether one presents); open presenter slots are
        filled, and a member who stops presenting hands their turns on."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            rnd = await self._resolve_round(conn, member.community, round_text)
            if rnd.status == "closed":
                raise UserFacingError("rounds.error.round_closed", round=rnd.name)
            member_id = await community_store.ensure_member(conn, member, display_name)
            await store.set_membership(
                conn, rnd.id, member_id, joined=True, opted_out_presenting=not presenting, at=now
            )
            if not presenting:
                await self._release_turns(conn, rnd, member_id, now)
            await self._fill_presenters(conn, rnd, now, reshuffle=False)
        return Membership(rnd, joined=True, presenting=presenting)

    async def leave(self, member: MemberRef, round_text: str | None) -> Membership:
        """Leave a round; the member's upcoming rotation turns pass to others."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            rnd = await self._resolve_round(conn, member.community, round_text)
            if rnd.status == "closed":
                raise UserFacingError("rounds.error.round_closed", round=rnd.name)
            member_id = await community_store.find_member(conn, member)
            current = {m.member_id: m for m in await store.list_members(conn, rnd.id)}
            if member_id is None or member_id not in current or not current[member_id].joined:
                raise UserFacingError("rounds.error.not_joined", round=rnd.name)
            await store.set_membership(
                conn, rnd.id, member_id, joined=False, opted_out_presenting=None, at=now
            )
            await self._release_turns(conn, rnd, member_id, now)
            await self._fill_presenters(conn, rnd, now, reshuffle=False)
        return Membership(rnd, joined=False, presenting=False)

    async def _release_turns(
        self, conn: aiosqlite.Connection, rnd: Round, member_id: int, now: datetime
    ) -> None:
        for session in await store.list_sessions(conn, rnd.id):
            if session.status != "scheduled" or session.starts_at <= now:
                continue
            mine = [p for p in session.presenters if p.member_id == member_id]
            if mine and mine[0].assigned_by == "rotation":
                rest = [p.member_id for p in session.presenters if p.member_id != member_id]
                await store.set_presenters(conn, session.id, rest, "rotation")

    async def _fill_presenters(
        self, conn: aiosqlite.Connection, rnd: Round, now: datetime, *, reshuffle: bool
    ) -> list[Session]:
        """Give every upcoming session without a presenter one by the fair rotation;
        with ``reshuffle`` the upcoming rotation turns are planned afresh (a
        moderator's assignments stay)."""
        if rnd.status != "active":
            return []
        sessions = [s for s in await store.list_sessions(conn, rnd.id) if s.status != "cancelled"]
        members = await store.list_members(conn, rnd.id)
        candidates = [
            rotation.Candidate(m.member_id, order, m.opted_out_presenting)
            for order, m in enumerate(members)
            if m.joined
        ]
        slots = []
        for session in sessions:
            upcoming = session.status == "scheduled" and session.starts_at > now
            keep = [
                p.member_id
                for p in session.presenters
                if not (upcoming and reshuffle and p.assigned_by == "rotation")
            ]
            open_slot = upcoming and not keep
            slots.append(rotation.Slot(session.id, None if open_slot else tuple(keep)))
        plan = rotation.plan_rotation(slots, candidates)
        changed = []
        for session in sessions:
            if session.id in plan:
                await store.set_presenters(conn, session.id, [plan[session.id]], "rotation")
                changed.append(session)
            elif (
                reshuffle
                and any(p.assigned_by == "rotation" for p in session.presenters)
                and session.status == "scheduled"
                and session.starts_at > now
            ):
                await store.set_presenters(conn, session.id, [], "rotation")
        return changed

    async def rotate_presenters(self, actor: MemberRef, round_text: str | None) -> RoundChange:
        """Plan the upcoming presenters afresh by the fair rotation (a moderator's
        hand assignments are kept)."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            rnd = await self._resolve_round(conn, actor.community, round_text)
            if rnd.status != "active":
                raise UserFacingError("rounds.error.not_active", round=rnd.name)
            await self._fill_presenters(conn, rnd, now, reshuffle=True)
            sessions = await store.list_sessions(conn, rnd.id)
        upcoming = [s for s in sessions if s.status == "scheduled" and s.starts_at > now]
        return RoundChange(rnd, tuple(upcoming))

    async def assign_presenter(
        self,
        actor: MemberRef,
        session_text: str,
        presenter: MemberRef,
        *,
        display_name: str | None = None,
    ) -> SessionChange:
        """A moderator's choice of presenter for one session (overrides the rotation)."""
        config = await self._community.config(actor.community)
        async with self._db.transaction() as conn:
            rnd, session = await self._resolve_session(conn, actor.community, session_text)
            if session.status == "cancelled" or rnd.status == "closed":
                raise UserFacingError("rounds.error.session_not_open", index=session.index)
            member_id = await community_store.ensure_member(conn, presenter, display_name)
            await store.set_presenters(conn, session.id, [member_id], "moderator")
            updated = await store.get_session(conn, session.id)
        assert updated is not None
        notice = await self._sync_events(rnd, [updated], config)
        return SessionChange(rnd, updated, notice)

    # --- sessions ------------------------------------------------------------------

    async def list_sessions(
        self, community: CommunityRef, round_text: str | None
    ) -> tuple[Round, list[Session]]:
        async with self._db.read() as conn:
            rnd = await self._resolve_round(conn, community, round_text)
            return rnd, await store.list_sessions(conn, rnd.id)

    async def show_session(self, community: CommunityRef, session_text: str) -> SessionView:
        config = await self._community.config(community)
        async with self._db.read() as conn:
            rnd, session = await self._resolve_session(conn, community, session_text)
            counts = await store.rsvp_counts(conn, session.id)
        return SessionView(rnd, session, counts, config.zone)

    async def edit_session(
        self,
        actor: MemberRef,
        session_text: str,
        *,
        when: str | None = None,
        duration_minutes: int | None = None,
        topic: str | None = None,
        place: str | None = None,
        kind: SessionKind | None = None,
    ) -> SessionChange:
        """Reschedule or change one upcoming session; its reminders and native event
        move with it."""
        config = await self._community.config(actor.community)
        now = self._clock.now()
        new_start: datetime | None = None
        if when is not None:
            parsed = parse_when(when, config.zone, now)
            if parsed.recurring or parsed.rule.once_at is None:
                raise UserFacingError("rounds.error.when_once", text=when.strip()[:100])
            new_start = parsed.rule.once_at.replace(tzinfo=config.zone).astimezone(UTC)
        length = validation.duration_minutes(duration_minutes) if duration_minutes else None
        clean_topic = validation.topic(topic) if topic is not None else None
        clean_place = validation.place(place) if place is not None else None
        if kind is not None and kind not in ("paper", "sota"):
            raise UserFacingError("rounds.error.kind", kind=kind)
        async with self._db.transaction() as conn:
            rnd, session = await self._resolve_session(conn, actor.community, session_text)
            if session.status != "scheduled" or rnd.status != "active":
                raise UserFacingError("rounds.error.session_not_open", index=session.index)
            if session.starts_at <= now:
                raise UserFacingError("rounds.error.session_started", index=session.index)
            starts_at = new_start or session.starts_at
            validation.not_in_past(starts_at, now)
            minutes = length or session.duration_minutes
            await self._check_overlap(
                conn,
                rnd,
                [(starts_at, timedelta(minutes=minutes))],
                config,
                exclude_session=session.id,
            )
            await store.update_session(
                conn,
                session.id,
                starts_at=starts_at,
                week=session.week,
                duration_minutes=minutes,
                place=clean_place if clean_place is not None else session.place,
                topic=clean_topic if clean_topic is not None else session.topic,
                kind=kind or session.kind,
            )
            if kind is not None and kind != session.kind:
                await self._assign_papers(conn, rnd)
            updated = await store.get_session(conn, session.id)
            assert updated is not None
            forgotten, created = await self._replace_schedules(conn, rnd, updated, config, now)
        await self._retime(forgotten, created)
        notice = await self._sync_events(rnd, [updated], config)
        async with self._db.read() as conn:
            fresh = await store.get_session(conn, session.id)
        assert fresh is not None
        return SessionChange(rnd, fresh, notice)

    async def cancel_session(self, actor: MemberRef, session_text: str) -> SessionChange:
        """Cancel an upcoming session: reminders removed, event cancelled, its
        papers move on to the next session."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            rnd, session = await self._resolve_session(conn, actor.community, session_text)
            if session.status != "scheduled" or rnd.status != "active":
                raise UserFacingError("rounds.error.session_not_open", index=session.index)
            if session.starts_at <= now:
                raise UserFacingError("rounds.error.session_started", index=session.index)
            forgotten = await store.schedules_of(conn, [session.id])
            for schedule_id in forgotten:
                await schedule_store.delete_schedule(conn, schedule_id)
            await store.set_session_status(conn, session.id, "cancelled")
            await store.set_presenters(conn, session.id, [], "rotation")
            await self._assign_papers(conn, rnd)
            await self._fill_presenters(conn, rnd, now, reshuffle=False)
            updated = await store.get_session(conn, session.id)
        assert updated is not None
        await self._retime(forgotten, [])
        notice = await self._cancel_events(rnd, [updated])
        return SessionChange(rnd, updated, notice)

    # --- RSVPs and attendance ------------------------------------------------------

    async def rsvp(
        self,
        member: MemberRef,
        session_id: int,
        answer: str,
        *,
        display_name: str | None = None,
        message: tuple[str, str] | None = None,
    ) -> RsvpResult:
        """Answer going / maybe / not going; returns the new counts. ``message`` is
        the (channel id, message id) answered on, remembered as the session's
        announcement so later changes can update it."""
        if answer not in RSVP_ANSWERS:
            raise UserFacingError("rounds.error.rsvp_answer")
        choice = cast(RsvpAnswer, answer)
        now = self._clock.now()
        async with self._db.transaction() as conn:
            rnd, session = await self._resolve_session(conn, member.community, str(session_id))
            if session.status != "scheduled" or session.ends_at <= now or rnd.status != "active":
                raise UserFacingError("rounds.error.rsvp_closed", index=session.index)
            member_id = await community_store.ensure_member(conn, member, display_name)
            await store.set_rsvp(conn, session.id, member_id, choice, at=now)
            if message is not None:
                await store.set_announcement(conn, session.id, *message)
            counts = await store.rsvp_counts(conn, session.id)
        return RsvpResult(rnd, session, choice, counts)

    async def announcement(self, session_id: int) -> tuple[str, str] | None:
        async with self._db.read() as conn:
            return await store.announcement_of(conn, session_id)

    async def finalize_session(self, session_id: int) -> tuple[Session, int] | None:
        """At a session's end: mark it held and record attendance from the RSVPs
        ("going" counts as attended); attending counts as a streak check-in when the
        community wants it. Idempotent; None when the session is not due."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            session = await store.get_session(conn, session_id)
            if session is None or session.status != "scheduled" or session.starts_at > now:
                return None
            await self._finalize(conn, session, now)
            rnd = await store.get_round(conn, session.round_id)
            attendees = await store.attendance_of_session(conn, session.id)
        assert rnd is not None
        await self._record_streaks(rnd, session)
        return replace(session, status="held"), sum(1 for a, _ in attendees.values() if a)

    async def finalize_overdue(self, rnd: Round) -> list[Session]:
        """Finalize every session of ``rnd`` that ended without being finalized (its
        end-of-session message was skipped while the bot was offline too long)."""
        if rnd.status != "active":
            return []
        now = self._clock.now()
        async with self._db.transaction() as conn:
            overdue = [
                s
                for s in await store.list_sessions(conn, rnd.id)
                if s.status == "scheduled" and s.ends_at <= now
            ]
            for session in overdue:
                await self._finalize(conn, session, now)
        for session in overdue:
            await self._record_streaks(rnd, session)
        if overdue:
            log.info("finalized %d overdue sessions of round %s", len(overdue), rnd.id)
        return overdue

    async def _finalize(self, conn: aiosqlite.Connection, session: Session, now: datetime) -> None:
        await store.set_session_status(conn, session.id, "held")
        for member_id, answer in (await store.rsvps_of(conn, session.id)).items():
            if answer == "going":
                await store.record_attendance(
                    conn, session.id, member_id, attended=True, source="rsvp", at=now
                )

    async def _record_streaks(self, rnd: Round, session: Session) -> None:
        async with self._db.read() as conn:
            marks = await store.attendance_of_session(conn, session.id)
            people = await store.member_rows(conn, [m for m, (a, _) in marks.items() if a])
        for external_id, name in people.values():
            await self._count_attendance(rnd, session, external_id, name)

    async def _count_attendance(
        self, rnd: Round, session: Session, external_id: str, name: str | None
    ) -> None:
        try:
            await self._streaks.record_attendance(
                MemberRef(rnd.community, external_id),
                session.starts_at,
                f"round-session:{session.id}",
                display_name=name,
            )
        except Exception:
            # The attendance itself is stored; a streak failure must not undo it.
            log.exception(
                "streak check-in for session %s, member %s failed", session.id, external_id
            )

    async def correct_attendance(
        self,
        actor: MemberRef,
        session_text: str,
        member: MemberRef,
        *,
        attended: bool,
        display_name: str | None = None,
    ) -> AttendanceResult:
        """A moderator's correction of one member's attendance (wins over RSVPs)."""
        now = self._clock.now()
        async with self._db.transaction() as conn:
            rnd, session = await self._resolve_session(conn, actor.community, session_text)
            if session.status == "cancelled":
                raise UserFacingError("rounds.error.session_not_open", index=session.index)
            if session.starts_at > now:
                raise UserFacingError("rounds.error.session_not_started", index=session.index)
            member_id = await community_store.ensure_member(conn, member, display_name)
            changed = await store.record_attendance(
                conn, session.id, member_id, attended=attended, source="moderator", at=now
            )
        if attended and session.status == "held":
            await self._count_attendance(rnd, session, member.external_id, display_name)
        return AttendanceResult(session, attended, changed)

    # --- recap, calendar, digest ---------------------------------------------------

    async def recap(self, rnd: Round, *, caller: MemberRef | None = None) -> Recap:
        """The recap of ``rnd`` as it stands (streak leaders among its members)."""
        await self.finalize_overdue(rnd)
        async with self._db.read() as conn:
            overview = await self._overview(conn, rnd)
            attended = await store.attendees_by_session(conn, rnd.id)
        leaders: list[StreakLeader] = []
        joined = [m.external_id for m in overview.members if m.joined]
        if joined:
            try:
                board = await self._streaks.leaderboard(
                    rnd.community,
                    "round",
                    caller or MemberRef(rnd.community, ""),
                    round_member_ids=joined,
                )
                leaders = [
                    StreakLeader(e.display_name or e.external_id, e.value)
                    for e in board.entries[:STREAK_LEADERS]
                    if e.value > 0
                ]
            except Exception:
                log.exception("streak leaders for round %s failed; recap without them", rnd.id)
        return build_recap(overview, attended, leaders)

    async def recap_of(self, community: CommunityRef, round_text: str | None) -> Recap:
        return await self.recap(await self.resolve_round(community, round_text))

    async def calendar(
        self, community: CommunityRef, round_text: str | None, lang: Lang
    ) -> tuple[Round, bytes]:
        """The .ics file of a round's sessions."""
        rnd = await self.resolve_round(community, round_text)
        return rnd, await self._calendar(rnd, lang)

    async def calendar_by_id(self, round_id: int, lang: Lang | None = None) -> tuple[Round, bytes]:
        """The .ics file of round ``round_id`` (for the command line)."""
        async with self._db.read() as conn:
            rnd = await store.get_round(conn, round_id)
        if rnd is None:
            raise UserFacingError("rounds.error.unknown_round", round=str(round_id))
        config = await self._community.config(rnd.community)
        return rnd, await self._calendar(rnd, lang or config.language or self._default_language)

    async def _calendar(self, rnd: Round, lang: Lang) -> bytes:
        config = await self._community.config(rnd.community)
        async with self._db.read() as conn:
            sessions = await store.list_sessions(conn, rnd.id)
        if not sessions:
            raise UserFacingError("rounds.error.no_sessions_yet", round=rnd.name)

        def location(session: Session) -> str | None:
            if validation.is_channel_place(session.place) and rnd.community.platform == "discord":
                return f"https://discord.com/channels/{rnd.community.external_id}/{session.place}"
            return session.place

        return round_calendar(
            rnd,
            sessions,
            config.zone,
            now=self._clock.now(),
            texts=self._texts,
            lang=lang,
            location_for=location,
        )

    async def digest_section(
        self, community: CommunityRef, lang: Lang, now: datetime
    ) -> DigestSection | None:
        """The weekly digest's section: this week's reading, then upcoming sessions."""
        reading, upcoming = await self.digest_lines(community, lang, now)
        lines = tuple(reading + upcoming)
        if not lines:
            return None
        return DigestSection(self._texts.t("rounds.digest.section", lang), lines)

    async def digest_lines(
        self, community: CommunityRef, lang: Lang, now: datetime
    ) -> tuple[list[str], list[str]]:
        """This week's reading and the sessions of the next seven days, as lines."""
        config = await self._community.config(community)
        async with self._db.read() as conn:
            community_id = await community_store.find_community(conn, community)
            if community_id is None:
                return [], []
            upcoming = await store.community_sessions_between(
                conn, community_id, now, now + timedelta(days=DIGEST_DAYS)
            )
        reading = [
            self._texts.t(
                "rounds.digest.reading_line",
                lang,
                round=r.name,
                index=s.index,
                paper=f"[{p.title}](<{p.url}>)" if p.url else p.title,
            )
            for r, s in upcoming
            for p in s.papers
        ]
        sessions = [
            f"{r.name} " + messages.session_line(s, config.zone, self._texts, lang)
            for r, s in upcoming
        ]
        return reading, sessions

    # --- the engine's renderer -----------------------------------------------------

    async def render(self, schedule: Schedule, occurrence: datetime, late: bool) -> OutgoingMessage:
        """Builds a round reminder, or (at a session's end) records attendance and
        says so. Reads the session at delivery time, so late changes show."""
        config = await self._community.config(schedule.community)
        lang: Lang = config.language or self._default_language
        session_id = int(schedule.payload["session_id"])
        if schedule.kind == SESSION_END:
            await self.finalize_session(session_id)
        owner = schedule.payload.get("round_id")
        if owner is not None:
            async with self._db.read() as conn:
                found = await store.get_round(conn, int(owner))
            if found is not None:
                await self.finalize_overdue(found)
        async with self._db.read() as conn:
            session = await store.get_session(conn, session_id)
            if session is None:
                raise LookupError(f"session {session_id} is gone")
            rnd = await store.get_round(conn, session.round_id)
            counts = await store.rsvp_counts(conn, session_id)
            marks = await store.attendance_of_session(conn, session_id)
        assert rnd is not None
        if schedule.kind == SESSION_END:
            message = OutgoingMessage(
                title=self._texts.t(
                    "rounds.reminder.title", lang, round=rnd.name, index=session.index
                ),
                body=self._texts.t(
                    "rounds.end.body",
                    lang,
                    index=session.index,
                    attended=sum(1 for a, _ in marks.values() if a),
                ),
            )
        else:
            if schedule.kind == READING:
                key = (
                    "rounds.reminder.reading_sota"
                    if session.kind == "sota"
                    else "rounds.reminder.reading"
                )
            else:
                key = (
                    "rounds.reminder.day"
                    if schedule.payload.get("lead_hours") == 24
                    else "rounds.reminder.hour"
                )
            message = messages.reminder_message(
                rnd,
                session,
                counts,
                config.zone,
                self._texts,
                lang,
                body_key=key,
                ping=schedule.kind == REMINDER,
            )
        if late:
            due = format_local(occurrence, config.zone, lang)
            message = replace(message, footer=self._texts.t("rounds.reminder.late", lang, time=due))
        return message

    async def _replace_schedules(
        self,
        conn: aiosqlite.Connection,
        rnd: Round,
        session: Session,
        config: CommunityConfig,
        now: datetime,
    ) -> tuple[list[int], list[int]]:
        """Delete a session's scheduled messages and create them for its current
        time; returns (deleted ids, created ids). Times already past are left out."""
        old = await store.schedules_of(conn, [session.id])
        for schedule_id in old:
            await schedule_store.delete_schedule(conn, schedule_id)
        if session.status != "scheduled":
            return old, []
        wanted: list[tuple[str, datetime, dict[str, Any]]] = []
        if rnd.settings.paper_reminder_days:
            wanted.append(
                (READING, session.starts_at - timedelta(days=rnd.settings.paper_reminder_days), {})
            )
        for lead in REMINDER_LEADS:
            wanted.append(
                (
                    REMINDER,
                    session.starts_at - lead,
                    {"lead_hours": int(lead.total_seconds() // 3600)},
                )
            )
        wanted.append((SESSION_END, session.ends_at, {}))
        created = []
        for kind, at, extra in wanted:
            local = at.astimezone(config.zone)
            # The engine reads ``at`` rules to the minute: round the send time down.
            if local.replace(second=0, microsecond=0) <= now:
                continue
            schedule_id = await schedule_store.insert_schedule(
                conn,
                community_id=rnd.community_id,
                kind=kind,
                channel_id=rnd.settings.channel_id,
                rule=f"at {local:%Y-%m-%d %H:%M}",
                message=None,
                ping_role=None,
                payload={"session_id": session.id, "round_id": rnd.id, **extra},
                created_by="round",
                created_at=now,
            )
            await store.link_schedule(conn, session.id, schedule_id)
            created.append(schedule_id)
        return old, created

    async def _retime(self, forgotten: Sequence[int], created: Sequence[int]) -> None:
        """Tell the engine, after the commit, which schedules went and came."""
        for schedule_id in forgotten:
            self._engine.forget(schedule_id)
        if not created:
            return
        async with self._db.read() as conn:
            schedules = await schedule_store.get_schedules(conn, list(created))
        for schedule_id in created:
            if schedule_id in schedules:
                await self._engine.track(schedules[schedule_id])

    # --- native events ---------------------------------------------------------------

    async def _sync_events(
        self, rnd: Round, sessions: Sequence[Session], config: CommunityConfig
    ) -> bool:
        """Create or update the native event of each upcoming session; True when
        moderators should now be told events are unavailable (once per round)."""
        port = self._events.get(rnd.community.platform)
        now = self._clock.now()
        todo = [s for s in sessions if s.status == "scheduled" and s.starts_at > now]
        if port is None or not todo:
            return False
        lang: Lang = config.language or self._default_language
        created: dict[int, str] = {}
        try:
            for session in todo:
                spec = messages.event_spec(rnd, session, self._texts, lang)
                try:
                    if session.event_id:
                        await port.update_event(rnd.community, session.event_id, spec)
                    else:
                        created[session.id] = await port.create_event(rnd.community, spec)
                except EventsUnavailable:
                    raise
                except Exception:
                    log.exception("native event for session %s failed", session.id)
        except EventsUnavailable:
            return await self._events_unavailable(rnd, created)
        await self._store_events(created)
        return False

    async def _cancel_events(self, rnd: Round, sessions: Sequence[Session]) -> bool:
        port = self._events.get(rnd.community.platform)
        with_events = [s for s in sessions if s.event_id]
        if port is None or not with_events:
            return False
        cleared: dict[int, str | None] = {}
        try:
            for session in with_events:
                assert session.event_id is not None
                try:
                    await port.cancel_event(rnd.community, session.event_id)
                    cleared[session.id] = None
                except EventsUnavailable:
                    raise
                except Exception:
                    log.exception("cancelling the event of session %s failed", session.id)
        except EventsUnavailable:
            await self._store_events(cleared)
            return await self._events_unavailable(rnd, {})
        await self._store_events(cleared)
        return False

    async def _events_unavailable(self, rnd: Round, created: dict[int, str]) -> bool:
        log.warning("native events unavailable in %s (round %s)", rnd.community.external_id, rnd.id)
        async with self._db.transaction() as conn:
            for session_id, event_id in created.items():
                await store.set_session_event(conn, session_id, event_id)
            return await store.claim_events_notice(conn, rnd.id)

    async def _store_events(self, events: dict[int, str | None] | dict[int, str]) -> None:
        if not events:
            return
        async with self._db.transaction() as conn:
            for session_id, event_id in events.items():
                await store.set_session_event(conn, session_id, event_id)


def _paper_slots(papers: Sequence[Paper]) -> list[planning.PaperSlot]:
    return [planning.PaperSlot(p.id, p.week, p.position) for p in papers]


def row_id(text: str) -> int | None:
    """``text`` as a database row id, or None: ASCII digits only (``str.isdigit``
    also accepts characters such as '²'), and small enough for SQLite."""
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        return None
    return int(text)
