"""Personal reminders: any member schedules a reminder for themself.

A personal reminder is a schedule of kind ``personal`` owned by the member
(``owned_by``), so the engine delivers it like a channel reminder: claimed once,
recorded in the delivery log, never posted twice, also across restarts. The
message goes to the member directly (``OutgoingMessage.direct_to``); the platform
falls back to a post in the channel where it was made, mentioning only that
member, when their direct messages are closed. It is written in the language the
member used when they made it. Only its owner lists, edits or cancels it: another
member's number is "not found". Every operation takes the ``Actor`` asking; none
needs a moderator (``edit_any`` reaches a channel reminder only for one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.community import CommunityService
from bot.core.actor import Actor
from bot.core.errors import UserFacingError
from bot.core.refs import ChannelRef, MemberRef
from bot.i18n import Catalog, Lang
from bot.ports import OutgoingMessage
from bot.schedules.engine import ScheduleEngine
from bot.schedules.parse import describe_rule, parse_rule
from bot.schedules.reader_time import ReaderTime, when_text
from bot.schedules.reminder_service import (
    EditedReminder,
    ReminderService,
    WhenPreview,
    reminder_message,
)
from storage import communities as community_store
from storage import schedules as store
from storage.connection import Connection
from storage.database import Database
from storage.schedules import Schedule

PERSONAL = "personal"
MAX_PERSONAL = 25  # active + paused, per member and community
LINE_MESSAGE = 50  # characters of the text shown per list line: 25 lines fit one embed


@dataclass(frozen=True, slots=True)
class AddedPersonal:
    schedule: Schedule
    preview: WhenPreview


@dataclass(frozen=True, slots=True)
class PersonalItem:
    """One line of ``/remind mine``."""

    schedule: Schedule
    zone: ZoneInfo
    next_occurrence: datetime | None  # local, aware

    def line(self, lang: Lang, texts: Catalog, reader_time: ReaderTime | None = None) -> str:
        message = " ".join((self.schedule.message or "").split())
        if len(message) > LINE_MESSAGE:
            message = message[:LINE_MESSAGE] + "…"
        return texts.t(
            "personal.list_line", lang, id=self.schedule.id,
            description=describe_rule(parse_rule(self.schedule.rule), lang),
            next=(when_text(self.next_occurrence, self.zone, lang, reader_time)
                  if self.next_occurrence else texts.t("schedules.next_none", lang)),
            message=message,
        )


class PersonalReminderService:
    """A member's own reminders; also renders them for the engine."""

    def __init__(
        self, db: Database, clock: Clock, engine: ScheduleEngine, community: CommunityService,
        reminders: ReminderService, texts: Catalog, *, default_language: Lang = "ko",
    ) -> None:
        """Registers the ``personal`` renderer with ``engine``."""
        self._db = db
        self._clock = clock
        self._engine = engine
        self._community = community
        self._reminders = reminders
        self._texts = texts
        self._default_language = default_language
        engine.register_renderer(PERSONAL, self.render)

    async def add(
        self, actor: Actor, channel: ChannelRef, when_text: str, message: str,
    ) -> AddedPersonal:
        """Schedule ``message`` for the actor, in their language; ``channel`` is where
        it was made (the fallback when their direct messages are closed)."""
        member, lang = actor.member, actor.lang
        text, preview, now = await self._reminders.checked(member.community, channel,
                                                           when_text, message)

        def insert(conn: Connection) -> Schedule | None:
            # The member row too: /mydata delete finds the member by it.
            community_id, _ = community_store.ensure_member_ids(conn, member)
            count = store.count_schedules(conn, community_id, PERSONAL,
                                          owned_by=member.external_id)
            if count >= MAX_PERSONAL:
                raise UserFacingError("personal.too_many", count=count, max=MAX_PERSONAL)
            schedule_id = store.insert_schedule(
                conn, community_id=community_id, kind=PERSONAL, channel_id=channel.external_id,
                rule=preview.when.text, message=text, ping_role=None, payload={"lang": lang},
                created_by=member.external_id, created_at=now, owned_by=member.external_id,
            )
            return store.get_schedule(conn, schedule_id)

        schedule = await self._db.write(insert)
        assert schedule is not None
        await self._engine.track(schedule)
        return AddedPersonal(schedule, preview)

    async def list_mine(self, actor: Actor) -> list[PersonalItem]:
        """The actor's active personal reminders with their next time, oldest first."""
        member = actor.member
        config = await self._community.config(member.community)
        schedules = await self._db.read(store.list_schedules, member.community, PERSONAL,
                                        owned_by=member.external_id)
        return [PersonalItem(schedule, config.zone,
                             self._reminders.next_local(schedule, config.zone))
                for schedule in schedules]

    async def edit(
        self, actor: Actor, reminder_id: int, *, when_text: str | None,
        message: str | None,
    ) -> EditedReminder:
        """Change the time and/or text of one of the actor's personal reminders,
        keeping its number; anyone else's is "not found" and nothing changes."""
        return await self._reminders.edit_schedule(
            actor.community, lambda conn: _owned(conn, actor.member, reminder_id),
            when_text=when_text, message=message, channel=None)

    async def edit_any(
        self, actor: Actor, reminder_id: int, *, when_text: str | None,
        message: str | None, channel: ChannelRef | None,
    ) -> tuple[str, EditedReminder]:
        """``/remind edit``: the actor's own personal reminder, else (for a moderator
        only) the server's reminder with that number. Returns the reply's key with
        the edited reminder. Someone else's personal reminder is not found for
        anyone; a member gets "not found", never a moderator's edit."""
        try:
            if channel is not None:  # a personal reminder has no channel to move to
                raise UserFacingError("personal.not_found", id=reminder_id)
            return "personal.edited", await self.edit(
                actor, reminder_id, when_text=when_text, message=message)
        except UserFacingError as exc:
            if exc.key != "personal.not_found" or not actor.is_moderator:
                raise
        return "reminder.edited", await self._reminders.edit(
            actor, reminder_id, when_text=when_text, message=message, channel=channel)

    async def cancel(self, actor: Actor, reminder_id: int) -> Schedule:
        """Delete one of the actor's personal reminders (and its delivery log)."""

        def cancel(conn: Connection) -> Schedule:
            schedule = _owned(conn, actor.member, reminder_id)
            store.delete_schedule(conn, schedule.id)
            return schedule

        schedule = await self._db.write(cancel)
        self._engine.forget(schedule.id)
        return schedule

    async def render(self, schedule: Schedule, occurrence: datetime, late: bool) -> OutgoingMessage:
        """The direct message of one occurrence (the engine's renderer)."""
        config = await self._community.config(schedule.community)
        stored = schedule.payload.get("lang")
        lang: Lang = stored if stored in ("ko", "en") else (
            config.shared_language(self._default_language))
        return reminder_message(schedule, occurrence, late, config.zone, lang, self._texts,
                                PERSONAL)


def _owned(conn: Connection, member: MemberRef, reminder_id: int) -> Schedule:
    """``member``'s personal reminder ``reminder_id``; anyone else's is not found."""
    schedule = None
    if 0 < reminder_id < 2**63:
        schedule = store.find_schedule(conn, member.community, reminder_id, PERSONAL)
    if schedule is None or schedule.owned_by != member.external_id:
        raise UserFacingError("personal.not_found", id=reminder_id)
    return schedule
