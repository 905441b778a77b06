"""Moderators' changes to single sessions: moving, resizing, re-topicking and
cancelling; reminders and native events follow the session."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.actor import Actor
from bot.core.errors import UserFacingError
from bot.core.round_model import Round, Session, SessionKind
from bot.rounds import session_times, validation
from bot.rounds.parts import lookup
from bot.rounds.parts.context import RoundPart
from bot.rounds.parts.participation import fill_presenters
from bot.rounds.parts.reading_list import assign_papers
from bot.rounds.parts.session_reminders import ReminderBatch
from bot.rounds.results import SessionChange
from bot.schedules.parse import parse_when
from storage import rounds as store
from storage.connection import Connection


class SessionChanges(RoundPart):
    """Editing and cancelling one upcoming session."""

    async def edit_session(
        self,
        actor: Actor,
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
        actor.require_moderator()
        config = await self._ctx.community.config(actor.community)
        now = self._ctx.clock.now()
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

        def change(batch: ReminderBatch) -> tuple[Round, Session]:
            conn = batch.conn
            rnd, session = lookup.find_session(conn, actor.community, session_text)
            refuse_not_upcoming(rnd, session, now)
            starts_at = new_start or session.starts_at
            validation.not_in_past(starts_at, now)
            minutes = length or session.duration_minutes
            check_overlap(
                conn,
                rnd,
                [(starts_at, timedelta(minutes=minutes))],
                config.zone,
                exclude_session=session.id,
            )
            save_session(
                conn,
                replace(
                    session,
                    starts_at=starts_at,
                    duration_minutes=minutes,
                    place=clean_place if clean_place is not None else session.place,
                    topic=clean_topic if clean_topic is not None else session.topic,
                    kind=kind or session.kind,
                ),
            )
            if kind is not None and kind != session.kind:
                assign_papers(conn, rnd)
            updated = store.get_session(conn, session.id)
            assert updated is not None
            batch.replace(rnd, updated, config.zone, now)
            return rnd, updated

        rnd, updated = await self._ctx.reminders.write(change)
        report = await self._ctx.events.sync(rnd, [updated], config)
        fresh = await self._ctx.db.read(store.get_session, updated.id)
        assert fresh is not None
        return SessionChange(rnd, fresh, report.notice, report.outcome(updated.id))

    async def cancel_session(self, actor: Actor, session_text: str) -> SessionChange:
        """Cancel an upcoming session: reminders removed, event cancelled, its
        papers move on to the next session."""
        actor.require_moderator()
        now = self._ctx.clock.now()

        def cancel(batch: ReminderBatch) -> tuple[Round, Session | None]:
            conn = batch.conn
            rnd, session = lookup.find_session(conn, actor.community, session_text)
            refuse_not_upcoming(rnd, session, now)
            batch.drop([session.id])
            store.set_session_status(conn, session.id, "cancelled")
            store.set_presenters(conn, session.id, [], "rotation")
            assign_papers(conn, rnd)
            fill_presenters(conn, rnd, now, reshuffle=False)
            updated = store.get_session(conn, session.id)
            return rnd, updated

        rnd, updated = await self._ctx.reminders.write(cancel)
        assert updated is not None
        notice = await self._ctx.events.cancel(rnd, [updated])
        return SessionChange(rnd, updated, notice)


def refuse_not_upcoming(rnd: Round, session: Session, now: datetime) -> None:
    """Only a scheduled session of an active round that has not begun may change."""
    if session.status != "scheduled" or rnd.status != "active":
        raise UserFacingError("rounds.error.session_not_open", index=session.index)
    if session.starts_at <= now:
        raise UserFacingError("rounds.error.session_started", index=session.index)


def save_session(conn: Connection, session: Session) -> None:
    """Store a session's time, length, place, topic and kind as ``session`` has them."""
    store.update_session(
        conn,
        session.id,
        starts_at=session.starts_at,
        week=session.week,
        duration_minutes=session.duration_minutes,
        place=session.place,
        topic=session.topic,
        kind=session.kind,
    )


def check_overlap(
    conn: Connection,
    rnd: Round,
    intervals: Sequence[tuple[datetime, timedelta]],
    zone: ZoneInfo,
    *,
    exclude_session: int | None,
) -> None:
    """Refuse sessions that overlap one another or a scheduled session of any
    active round of the community (``session_times.refuse_overlap``)."""
    if not intervals:
        return
    start, end = session_times.overlap_window(intervals)
    others = [
        (r, s)
        for r, s in store.community_sessions_between(conn, rnd.community_id, start, end)
        if s.id != exclude_session
    ]
    session_times.refuse_overlap(intervals, others, zone)
