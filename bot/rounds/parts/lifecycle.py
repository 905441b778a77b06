"""A round's life: created as a draft, edited, started (sessions, papers,
presenters, reminders, events), closed with its recap."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, timedelta

from bot.core.actor import Actor
from bot.core.errors import UserFacingError
from bot.core.refs import CommunityRef
from bot.core.round_model import (
    DEFAULT_DURATION_MINUTES,
    DEFAULT_PAPER_REMINDER_DAYS,
    DEFAULT_SOTA_EVERY,
    Round,
    RoundSettings,
    Session,
)
from bot.rounds import session_times, validation
from bot.rounds.parts import lookup
from bot.rounds.parts.attendance import mark_held
from bot.rounds.parts.context import RoundContext, RoundPart, refuse_closed
from bot.rounds.parts.participation import fill_presenters
from bot.rounds.parts.reading_list import assign_papers
from bot.rounds.parts.recaps import RoundRecaps
from bot.rounds.parts.session_reminders import ReminderBatch
from bot.rounds.parts.sessions import check_overlap, save_session
from bot.rounds.results import ClosedRound, RoundChange
from storage import communities as community_store
from storage import rounds as store
from storage.connection import Connection

log = logging.getLogger(__name__)


class RoundLifecycle(RoundPart):
    """Creating, editing, starting and closing rounds (a closed round has its recap)."""

    def __init__(self, context: RoundContext, recaps: RoundRecaps) -> None:
        super().__init__(context)
        self._recaps = recaps

    async def follow_time_zone(self, community: CommunityRef) -> int:
        """After the community's time zone changed: write the reminders of every
        scheduled session of its active rounds again in the new zone, so they keep
        their instants before the session (whose start is stored in UTC) instead of
        moving with the wall clock. Returns how many sessions were re-timed."""
        zone = (await self._ctx.community.config(community)).zone
        now = self._ctx.clock.now()

        def retime(batch: ReminderBatch) -> int:
            count = 0
            for rnd in lookup.community_rounds(batch.conn, community, ["active"]):
                for session in store.list_sessions(batch.conn, rnd.id):
                    if session.status == "scheduled":
                        batch.replace(rnd, session, zone, now)
                        count += 1
            return count

        return await self._ctx.reminders.write(retime)

    async def create(
        self,
        actor: Actor,
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
        actor.require_moderator()
        config = await self._ctx.community.config(actor.community)
        settings = RoundSettings(
            name=validation.round_name(name),
            start_date=start if isinstance(start, date) else validation.start_date(start),
            weeks=validation.weeks(weeks),
            channel_id=channel_id,
            cadence=session_times.canonical_cadence(cadence, config.zone, self._ctx.clock.now()),
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
        planned = session_times.plan_round(settings, config.zone, self._ctx.clock.now())
        now = self._ctx.clock.now()

        def insert(conn: Connection) -> Round | None:
            community_id = community_store.ensure_community(conn, actor.community)
            if store.find_round_by_name(conn, community_id, settings.name) is not None:
                raise UserFacingError("rounds.error.name_taken", name=settings.name)
            round_id = store.insert_round(
                conn, community_id, settings, created_by=actor.external_id, created_at=now
            )
            return store.get_round(conn, round_id)

        rnd = await self._ctx.db.write(insert)
        assert rnd is not None
        return RoundChange(rnd, tuple(session_times.preview_sessions(rnd, planned)))

    async def edit(
        self,
        actor: Actor,
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
        actor.require_moderator()
        config = await self._ctx.community.config(actor.community)
        rnd = await self._ctx.resolve_round(actor.community, round_text)
        old = rnd.settings
        calendar_changes = (start, weeks, cadence, duration_minutes, sota_every)
        refuse_closed(rnd)
        if rnd.status == "active" and any(v is not None for v in calendar_changes):
            raise UserFacingError("rounds.error.calendar_fixed", round=rnd.name)
        settings = replace(
            old,
            name=validation.round_name(name) if name is not None else old.name,
            start_date=validation.start_date(start) if start is not None else old.start_date,
            weeks=validation.weeks(weeks) if weeks is not None else old.weeks,
            channel_id=channel_id or old.channel_id,
            cadence=(
                session_times.canonical_cadence(cadence, config.zone, self._ctx.clock.now())
                if cadence is not None
                else old.cadence
            ),
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
        planned = (
            session_times.plan_round(settings, config.zone, self._ctx.clock.now())
            if rnd.status == "draft"
            else []
        )
        now = self._ctx.clock.now()

        def update(batch: ReminderBatch) -> tuple[Round, list[Session], list[Session]]:
            conn = batch.conn
            moved: list[Session] = []
            if settings.name.casefold() != old.name.casefold():
                taken = store.find_round_by_name(conn, rnd.community_id, settings.name)
                if taken is not None:
                    raise UserFacingError("rounds.error.name_taken", name=settings.name)
            store.update_round(conn, rnd.id, settings)
            updated = store.get_round(conn, rnd.id)
            assert updated is not None
            reminders_move = (
                settings.channel_id != old.channel_id
                or settings.paper_reminder_days != old.paper_reminder_days
            )
            if rnd.status == "active":
                for session in store.list_sessions(conn, rnd.id):
                    if session.status != "scheduled" or session.starts_at <= now:
                        continue
                    # Sessions still at the round's old place move with it.
                    if settings.place != old.place and session.place == old.place:
                        relocated = replace(session, place=settings.place)
                        save_session(conn, relocated)
                        moved.append(relocated)
                    if reminders_move:
                        batch.replace(updated, session, config.zone, now)
            return updated, store.list_sessions(conn, rnd.id), moved

        updated, sessions, moved = await self._ctx.reminders.write(update)
        report = await self._ctx.events.sync(updated, moved, config)
        preview = sessions or session_times.preview_sessions(updated, planned)
        return RoundChange(updated, tuple(preview), report.notice)

    async def start(self, actor: Actor, round_text: str | None) -> RoundChange:
        """Start a draft round: its sessions are created, papers and presenters
        assigned, reminders and native events set up."""
        actor.require_moderator()
        config = await self._ctx.community.config(actor.community)
        now = self._ctx.clock.now()

        def begin(batch: ReminderBatch) -> tuple[Round, list[Session]]:
            conn = batch.conn
            rnd = lookup.find_round(conn, actor.community, round_text)
            if rnd.status != "draft":
                raise UserFacingError(f"rounds.error.not_draft.{rnd.status}", round=rnd.name)
            planned = session_times.plan_round(rnd.settings, config.zone, self._ctx.clock.now())
            length = timedelta(minutes=rnd.settings.duration_minutes)
            check_overlap(
                conn,
                rnd,
                [(p.starts_at, length) for p in planned],
                config.zone,
                exclude_session=None,
            )
            for item in planned:
                store.insert_session(conn, rnd.id, **session_times.session_fields(rnd, item))
            store.set_round_status(conn, rnd.id, "active")
            rnd = replace(rnd, status="active")
            assign_papers(conn, rnd)
            fill_presenters(conn, rnd, now, reshuffle=True)
            for session in store.list_sessions(conn, rnd.id):
                batch.replace(rnd, session, config.zone, now)
            return rnd, store.list_sessions(conn, rnd.id)

        rnd, sessions = await self._ctx.reminders.write(begin)
        notice = (await self._ctx.events.sync(rnd, sessions, config)).notice
        sessions = await self._ctx.db.read(store.list_sessions, rnd.id)
        log.info(
            "round %s (%s) started by %s: %d sessions",
            rnd.id,
            rnd.name,
            actor.external_id,
            len(sessions),
        )
        return RoundChange(rnd, tuple(sessions), notice)

    async def close(self, actor: Actor, round_text: str | None) -> ClosedRound:
        """Close a round: sessions that already began count as held (attendance
        from RSVPs), later ones are cancelled; returns the recap."""
        actor.require_moderator()
        now = self._ctx.clock.now()

        def finish(batch: ReminderBatch) -> tuple[Round, list[Session], list[Session]]:
            conn = batch.conn
            finished: list[Session] = []
            cancelled: list[Session] = []
            rnd = lookup.find_round(conn, actor.community, round_text)
            refuse_closed(rnd)
            sessions = store.list_sessions(conn, rnd.id)
            doomed = [s for s in sessions if s.status == "scheduled"]
            batch.drop([s.id for s in doomed])
            for session in doomed:
                if session.starts_at <= now:
                    mark_held(conn, session, now)
                    finished.append(session)
                else:
                    store.set_session_status(conn, session.id, "cancelled")
                    cancelled.append(session)
            store.set_round_status(conn, rnd.id, "closed", closed_at=now)
            return replace(rnd, status="closed"), finished, cancelled

        rnd, finished, cancelled = await self._ctx.reminders.write(finish)
        for session in finished:
            await self._ctx.attendance.count_checkins(rnd, session)
        notice = await self._ctx.events.cancel(rnd, cancelled)
        recap = await self._recaps.recap(rnd, caller=actor.member)
        log.info("round %s (%s) closed by %s", rnd.id, rnd.name, actor.external_id)
        return ClosedRound(rnd, recap, notice)
