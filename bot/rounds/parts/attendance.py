"""Attendance: a session that began is held (RSVPs close), members who answered
"going" attended, and attending counts as a streak check-in (when the community
wants it).

The streak check-ins happen after the commit: a streak failure never undoes the
attendance itself.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from bot.clock import Clock
from bot.core.refs import MemberRef
from bot.core.round_model import AttendanceSource, Round, Session
from bot.streaks.service import StreakService
from storage import rounds as store
from storage.connection import Connection
from storage.database import Database

log = logging.getLogger(__name__)


def mark_held(conn: Connection, session: Session, now: datetime) -> None:
    """Mark ``session`` held and record as attended everyone who answered "going"."""
    store.set_session_status(conn, session.id, "held")
    for member_id, answer in (store.rsvps_of(conn, session.id)).items():
        if answer == "going":
            store.record_attendance(
                conn, session.id, member_id, attended=True, source="rsvp", at=now
            )


class AttendanceKeeper:
    """Finalizes sessions that ended and turns attendance into streak check-ins."""

    def __init__(self, db: Database, clock: Clock, streaks: StreakService) -> None:
        self._db = db
        self._clock = clock
        self._streaks = streaks

    async def finalize_session(self, session_id: int) -> tuple[Session, int] | None:
        """Mark a session that began as held, with attendance from its RSVPs; returns
        it and how many attended. Idempotent; None when the session is not due."""
        now = self._clock.now()

        def finalize(
            conn: Connection,
        ) -> tuple[Session, Round | None, dict[int, tuple[bool, AttendanceSource]]] | None:
            session = store.get_session(conn, session_id)
            if session is None or session.status != "scheduled" or session.starts_at > now:
                return None
            mark_held(conn, session, now)
            rnd = store.get_round(conn, session.round_id)
            return session, rnd, store.attendance_of_session(conn, session.id)

        finalized = await self._db.write(finalize)
        if finalized is None:
            return None
        session, rnd, attendees = finalized
        assert rnd is not None
        await self.count_checkins(rnd, session)
        return replace(session, status="held"), sum(1 for a, _ in attendees.values() if a)

    async def finalize_overdue(self, rnd: Round) -> list[Session]:
        """Finalize every session of an active ``rnd`` that ended unfinalized."""
        if rnd.status != "active":
            return []
        now = self._clock.now()

        def finalize(conn: Connection) -> list[Session]:
            overdue = [
                s
                for s in store.list_sessions(conn, rnd.id)
                if s.status == "scheduled" and s.ends_at <= now
            ]
            for session in overdue:
                mark_held(conn, session, now)
            return overdue

        overdue = await self._db.write(finalize)
        for session in overdue:
            await self.count_checkins(rnd, session)
        if overdue:
            log.info("finalized %d overdue sessions of round %s", len(overdue), rnd.id)
        return overdue

    async def count_checkins(self, rnd: Round, session: Session) -> None:
        """A streak check-in for everyone who attended ``session``."""

        def attendees(conn: Connection) -> dict[int, tuple[str, str | None]]:
            marks = store.attendance_of_session(conn, session.id)
            return store.member_rows(conn, [m for m, (a, _) in marks.items() if a])

        people = await self._db.read(attendees)
        for external_id, name in people.values():
            await self.count_checkin(rnd, session, external_id, name)

    async def count_checkin(
        self, rnd: Round, session: Session, external_id: str, name: str | None
    ) -> None:
        """One member's attendance as a streak check-in; a failure is only logged."""
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

    async def withdraw_checkin(self, rnd: Round, session: Session, external_id: str) -> None:
        """Take back the streak check-in a member's attendance of ``session`` gave
        (they were marked absent afterwards); a failure is only logged."""
        try:
            await self._streaks.withdraw_attendance(
                MemberRef(rnd.community, external_id), f"round-session:{session.id}")
        except Exception:
            log.exception(
                "withdrawing the streak check-in for session %s, member %s failed",
                session.id, external_id,
            )
