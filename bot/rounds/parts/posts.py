"""What a round's scheduled messages say when the schedule engine fires them."""

from __future__ import annotations

from datetime import datetime

from bot.core.round_model import AttendanceSource, Round, RsvpCounts, Session
from bot.i18n import Lang
from bot.ports import OutgoingMessage
from bot.rounds.parts.context import RoundPart
from bot.rounds.parts.session_reminders import (
    GOING_DM,
    SESSION_END,
    SESSION_START,
    delivery_message,
)
from storage import rounds as store
from storage.connection import Connection
from storage.schedules import Schedule


class RoundPosts(RoundPart):
    """The renderer the engine calls for the round schedule kinds."""

    async def render(self, schedule: Schedule, occurrence: datetime, late: bool) -> OutgoingMessage:
        """Builds a round reminder; at a session's start (or its end, if the start
        was missed) marks it held and records attendance from the RSVPs. Reads the
        session at delivery time, so late changes show."""
        config = await self._ctx.community.config(schedule.community)
        session_id = int(schedule.payload["session_id"])
        if schedule.kind in (SESSION_START, SESSION_END):
            await self._ctx.attendance.finalize_session(session_id)
        owner = schedule.payload.get("round_id")
        if owner is not None:
            found = await self._ctx.db.read(store.get_round, int(owner))
            if found is not None:
                await self._ctx.attendance.finalize_overdue(found)

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

        session, rnd, counts, marks = await self._ctx.db.read(read)
        assert rnd is not None
        return delivery_message(
            schedule,
            rnd,
            session,
            counts,
            sum(1 for a, _ in marks.values() if a),
            config.zone,
            self._ctx.texts,
            _dm_language(schedule) or self._ctx.shared_language(config),
            late_since=occurrence if late else None,
        )


def _dm_language(schedule: Schedule) -> Lang | None:
    """A member's DM before a session is in the language they asked for it in."""
    lang = schedule.payload.get("lang") if schedule.kind == GOING_DM else None
    return "ko" if lang == "ko" else "en" if lang == "en" else None
