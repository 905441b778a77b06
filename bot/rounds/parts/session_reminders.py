"""The scheduled messages of a session: the reading reminder, the reminders a day
and an hour before, the post when it begins (the session is then held, with
attendance from the RSVPs) and the end-of-session message.

They are rows of the schedule engine (``storage.schedules``) linked to their
session. ``SessionReminders.write`` is the one write transaction for commands that
move sessions: the batch it hands its work replaces or drops a session's rows, and the
engine is told of the change only after the commit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Concatenate, ParamSpec, TypeVar
from zoneinfo import ZoneInfo

from bot.core.round_model import Round, RsvpCounts, Session
from bot.i18n import Catalog, Lang
from bot.ports import LocalTime, OutgoingMessage
from bot.rounds import messages
from bot.schedules.engine import ScheduleEngine
from bot.schedules.parse import format_local
from storage import rounds as store
from storage import schedules as schedule_store
from storage.connection import Connection
from storage.database import Database
from storage.schedules import Schedule

P = ParamSpec("P")
T = TypeVar("T")

# Schedule kinds the round service renders.
READING = "round.reading"
REMINDER = "round.reminder"
SESSION_START = "round.session_start"
SESSION_END = "round.session_end"
ROUND_KINDS = (READING, REMINDER, SESSION_START, SESSION_END)
REMINDER_LEADS = (timedelta(hours=24), timedelta(hours=1))
# A direct message before the session to a member who said going and asked for
# it, at the round's last reminder lead (an hour before).
GOING_DM = "round.going_dm"
GOING_DM_LEAD = min(REMINDER_LEADS)


class ReminderBatch:
    """The session reminders one write transaction deletes and creates."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.forgotten: list[int] = []
        self.created: list[int] = []

    def drop(self, session_ids: Sequence[int]) -> None:
        """Delete every scheduled message of the sessions ``session_ids``."""
        old = store.schedules_of(self.conn, list(session_ids))
        for schedule_id in old:
            schedule_store.delete_schedule(self.conn, schedule_id)
        self.forgotten += old

    def replace(self, rnd: Round, session: Session, zone: ZoneInfo, now: datetime) -> None:
        """Delete a session's scheduled messages and create them for its current time
        (none for a session that is no longer scheduled). Times already past are
        left out."""
        self.drop([session.id])
        if session.status != "scheduled":
            return
        for kind, at, extra in _wanted(rnd, session):
            local = at.astimezone(zone)
            # The engine reads ``at`` rules to the minute: round the send time down.
            if local.replace(second=0, microsecond=0) <= now:
                continue
            schedule_id = schedule_store.insert_schedule(
                self.conn,
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
            store.link_schedule(self.conn, session.id, schedule_id)
            self.created.append(schedule_id)
        for member, lang in store.dm_optins(self.conn, session.id):
            self.add_dm(rnd, session, zone, now, member, lang)

    def add_dm(self, rnd: Round, session: Session, zone: ZoneInfo, now: datetime,
               member: str, lang: str) -> None:
        """Schedule the direct message before a scheduled session for ``member`` (a
        platform id), unless its time has passed."""
        local = (session.starts_at - GOING_DM_LEAD).astimezone(zone)
        if session.status != "scheduled" or local.replace(second=0, microsecond=0) <= now:
            return
        schedule_id = schedule_store.insert_schedule(
            self.conn, community_id=rnd.community_id, kind=GOING_DM,
            channel_id=rnd.settings.channel_id, rule=f"at {local:%Y-%m-%d %H:%M}",
            message=None, ping_role=None,
            payload={"session_id": session.id, "round_id": rnd.id, "lang": lang,
                     "lead_hours": int(GOING_DM_LEAD.total_seconds() // 3600)},
            created_by=member, created_at=now, owned_by=member,
        )
        store.link_schedule(self.conn, session.id, schedule_id)
        self.created.append(schedule_id)

    def drop_dm(self, session_id: int, member: str) -> None:
        """Delete ``member``'s direct message before the session, if any."""
        for schedule_id in store.owned_schedules_of(self.conn, session_id, member):
            schedule_store.delete_schedule(self.conn, schedule_id)
            self.forgotten.append(schedule_id)


def _wanted(rnd: Round, session: Session) -> list[tuple[str, datetime, dict[str, Any]]]:
    """(kind, send time, extra payload) of every message a scheduled session has."""
    wanted: list[tuple[str, datetime, dict[str, Any]]] = []
    if rnd.settings.paper_reminder_days:
        wanted.append(
            (READING, session.starts_at - timedelta(days=rnd.settings.paper_reminder_days), {})
        )
    for lead in REMINDER_LEADS:
        wanted.append(
            (REMINDER, session.starts_at - lead, {"lead_hours": int(lead.total_seconds() // 3600)})
        )
    wanted.append((SESSION_START, session.starts_at, {}))
    wanted.append((SESSION_END, session.ends_at, {}))
    return wanted


class SessionReminders:
    """Writes that move session reminders, and telling the engine about them."""

    def __init__(self, db: Database, engine: ScheduleEngine) -> None:
        self._db = db
        self._engine = engine

    async def write(
        self, work: Callable[Concatenate[ReminderBatch, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``work(batch, *args, **kwargs)`` as one write transaction (``batch.conn`` is
        its connection); the reminder changes reach the engine after the commit (not
        at all when ``work`` raises and the transaction rolls back)."""

        def in_transaction(conn: Connection) -> tuple[ReminderBatch, T]:
            batch = ReminderBatch(conn)
            return batch, work(batch, *args, **kwargs)

        batch, result = await self._db.write(in_transaction)
        await self._retime(batch.forgotten, batch.created)
        return result

    async def _retime(self, forgotten: Sequence[int], created: Sequence[int]) -> None:
        for schedule_id in forgotten:
            self._engine.forget(schedule_id)
        if not created:
            return
        schedules = await self._db.read(schedule_store.get_schedules, list(created))
        for schedule_id in created:
            if schedule_id in schedules:
                await self._engine.track(schedules[schedule_id])


def delivery_message(
    schedule: Schedule,
    rnd: Round,
    session: Session,
    counts: RsvpCounts,
    attended: int,
    zone: ZoneInfo,
    texts: Catalog,
    lang: Lang,
    *,
    late_since: datetime | None,
) -> OutgoingMessage:
    """What a round schedule says when it fires; ``late_since`` (the time it was due)
    adds a footer saying it comes late."""
    if schedule.kind == SESSION_END:
        message = OutgoingMessage(
            title=texts.t("rounds.reminder.title", lang, round=rnd.name, index=session.index),
            body=texts.t("rounds.end.body", lang, index=session.index, attended=attended),
        )
    elif schedule.kind == SESSION_START:
        message = messages.start_message(rnd, session, counts, zone, texts, lang)
    else:
        message = messages.reminder_message(
            rnd,
            session,
            counts,
            zone,
            texts,
            lang,
            body_key=_body_key(schedule, session),
            ping=schedule.kind == REMINDER,
        )
    if schedule.kind == GOING_DM:  # the member's own copy of the hour's reminder
        message = replace(message, direct_to=schedule.owned_by, ping_role=None, buttons=())
    if late_since is not None:
        due = format_local(late_since, zone, lang)
        message = replace(message, footer=texts.t("rounds.reminder.late", lang, time=due))
    starts = LocalTime(format_local(session.starts_at, zone, lang), session.starts_at, zone.key)
    thread = None if schedule.kind == GOING_DM else messages.session_thread(session.id)
    return replace(message, thread=thread, times=(starts,))


def _body_key(schedule: Schedule, session: Session) -> str:
    if schedule.kind == READING:
        return (
            "rounds.reminder.reading_sota" if session.kind == "sota" else "rounds.reminder.reading"
        )
    if schedule.payload.get("lead_hours") == 24:
        return "rounds.reminder.day"
    return "rounds.reminder.hour"
