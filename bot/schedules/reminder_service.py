"""Reminders: moderators schedule a message (with an optional role ping) in a channel.

Every operation takes the ``Actor`` asking and is scoped to their community: another
community's reminder number is "not found". Only moderators add, list, edit, pause,
resume or remove reminders (``NotModerator`` otherwise, checked here whatever the
front end did). Bad input raises ``UserFacingError`` before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.community import CommunityService
from bot.core.actor import Actor
from bot.core.errors import UserFacingError
from bot.core.refs import ChannelRef, CommunityRef
from bot.i18n import Catalog, Lang
from bot.paging import Page, page_of
from bot.ports import OutgoingMessage
from bot.schedules.engine import ScheduleEngine
from bot.schedules.parse import ParsedWhen, describe_rule, format_local, parse_rule, parse_when
from bot.schedules.reader_time import ReaderTime, when_text
from storage import communities as community_store
from storage import schedules as store
from storage.connection import Connection
from storage.database import Database
from storage.schedules import Schedule

REMINDER = "reminder"
MAX_MESSAGE = 1800
MAX_REMINDERS = 100  # active + paused, per community
# A list line is at most ~300 characters: ten fit a Discord embed (4,096) and a
# Slack section (3,000).
REMINDERS_PER_PAGE = 10
_PLATFORM_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True, slots=True)
class WhenPreview:
    """How a `when` text was understood, for the "is this what you meant?" reply."""

    when: ParsedWhen
    next_occurrences: tuple[datetime, ...]  # local, aware

    @property
    def timezone(self) -> str:
        return self.when.zone.key

    def next_text(self, lang: Lang, texts: Catalog,
                  reader_time: ReaderTime | None = None) -> str:
        """The upcoming occurrences as one line of local times (each also in the
        reader's own zone when the front end passes ``reader_time``)."""
        if not self.next_occurrences:
            return texts.t("schedules.next_none", lang)
        return ", ".join(when_text(m, self.when.zone, lang, reader_time)
                         for m in self.next_occurrences)

    def confirmation(self, key: str, lang: Lang, texts: Catalog,
                     reader_time: ReaderTime | None = None, **params: object) -> str:
        """The reply ``key`` (``reminder.added``, ``digest.configured``…) that shows how
        the time was understood: its description, zone and next occurrences."""
        return texts.t(key, lang, description=self.when.describe(lang), zone=self.timezone,
                       next=self.next_text(lang, texts, reader_time), **params)


def reminder_message(
    schedule: Schedule, occurrence: datetime, late: bool, zone: ZoneInfo, lang: Lang,
    texts: Catalog, keys: str,
) -> OutgoingMessage:
    """One occurrence of a reminder (``keys``: ``reminder`` for a channel's,
    ``personal`` for a member's own), marked late when it comes late."""
    footer = texts.t(f"{keys}.footer", lang, id=schedule.id,
                     rule=describe_rule(parse_rule(schedule.rule), lang))
    title = texts.t(f"{keys}.title", lang)
    if late:
        title = texts.t("reminder.late_title", lang)
        due = format_local(occurrence, zone, lang)
        footer = texts.t("reminder.late_footer", lang, time=due) + "\n" + footer
    return OutgoingMessage(body=schedule.message or "", title=title, footer=footer,
                           ping_role=schedule.ping_role, direct_to=schedule.owned_by)


def resumed_text(
    reminder_id: int, upcoming: datetime | None, zone: ZoneInfo, texts: Catalog, lang: Lang,
    reader_time: ReaderTime | None = None,
) -> str:
    """The reply to ``/remind resume``: when it fires next, or that nothing is left."""
    if upcoming is None:
        return texts.t("reminder.resumed_nothing_left", lang, id=reminder_id)
    return texts.t("reminder.resumed", lang, id=reminder_id,
                   next=when_text(upcoming, zone, lang, reader_time))


@dataclass(frozen=True, slots=True)
class AddedReminder:
    schedule: Schedule
    preview: WhenPreview


@dataclass(frozen=True, slots=True)
class EditedReminder:
    """A reminder after ``/remind edit``, with its next occurrence (local)."""

    schedule: Schedule
    zone: ZoneInfo
    next_occurrence: datetime | None

    def confirmation(self, key: str, lang: Lang, texts: Catalog,
                     reader_time: ReaderTime | None = None) -> str:
        """The reply ``key`` (``reminder.edited``, ``personal.edited``)."""
        message = " ".join((self.schedule.message or "").split())
        return texts.t(
            key, lang, id=self.schedule.id,
            description=describe_rule(parse_rule(self.schedule.rule), lang),
            status=texts.t(f"schedules.status.{self.schedule.status}", lang),
            next=(when_text(self.next_occurrence, self.zone, lang, reader_time)
                  if self.next_occurrence else texts.t("schedules.next_none", lang)),
            channel=self.schedule.channel_id,
            message=message[:80] + ("…" if len(message) > 80 else ""))


@dataclass(frozen=True, slots=True)
class ReminderItem:
    """One line of ``/remind list``."""

    schedule: Schedule
    zone: ZoneInfo
    next_occurrence: datetime | None  # local, aware; None when paused or finished

    def line(self, lang: Lang, texts: Catalog, reader_time: ReaderTime | None = None) -> str:
        """The list line in ``lang`` (the next time also in the reader's own zone when
        the front end passes ``reader_time``)."""
        message = " ".join((self.schedule.message or "").split())
        return texts.t(
            "reminder.list_line", lang, id=self.schedule.id,
            status=texts.t(f"schedules.status.{self.schedule.status}", lang),
            description=describe_rule(parse_rule(self.schedule.rule), lang),
            next=(when_text(self.next_occurrence, self.zone, lang, reader_time)
                  if self.next_occurrence else texts.t("schedules.next_none", lang)),
            channel=self.schedule.channel_id,
            message=message[:80] + ("…" if len(message) > 80 else ""),
        )


class ReminderService:
    """Moderator operations on reminders (each checks the ``Actor``); also renders
    them for the engine."""

    def __init__(
        self, db: Database, clock: Clock, engine: ScheduleEngine, community: CommunityService,
        texts: Catalog, *, default_language: Lang = "ko",
    ) -> None:
        """Registers the ``reminder`` renderer with ``engine``."""
        self._db = db
        self._clock = clock
        self._engine = engine
        self._community = community
        self._texts = texts
        self._default_language = default_language
        engine.register_renderer(REMINDER, self.render)

    async def preview_when(self, community: CommunityRef, when_text: str) -> WhenPreview:
        """Understand ``when_text`` in the community's zone without saving anything."""
        config = await self._community.config(community)
        now = self._clock.now()
        when = parse_when(when_text, config.zone, now)
        return WhenPreview(when, tuple(when.next_occurrences(when.since or now, 3)))

    async def checked(
        self, community: CommunityRef, channel: ChannelRef, when_text: str, message: str,
    ) -> tuple[str, WhenPreview, datetime]:
        """A new reminder's text (stripped), how its time was understood and the
        instant its occurrences count from; ``UserFacingError`` for bad input."""
        if channel.community != community:
            raise ValueError("the channel belongs to another community")
        text = message.strip()
        if not 1 <= len(text) <= MAX_MESSAGE:
            raise UserFacingError("reminder.message_length", max=MAX_MESSAGE, length=len(text))
        preview = await self.preview_when(community, when_text)
        # Occurrences count from ``since``: a one-off typed in its own minute is due now.
        now = min(self._clock.now(), preview.when.since or self._clock.now())
        return text, preview, now

    async def add(
        self, actor: Actor, channel: ChannelRef, when_text: str, message: str,
        ping_role: str | None,
    ) -> AddedReminder:
        """Create a reminder in the actor's community; returns it with its next three
        occurrences. Moderators only."""
        actor.require_moderator()
        community = actor.community
        if ping_role is not None and not _PLATFORM_ID.fullmatch(ping_role):
            raise ValueError(f"not a role id: {ping_role!r}")
        text, preview, now = await self.checked(community, channel, when_text, message)

        def insert(conn: Connection) -> Schedule | None:
            community_id = community_store.ensure_community(conn, community)
            count = store.count_schedules(conn, community_id, REMINDER)
            if count >= MAX_REMINDERS:
                raise UserFacingError("reminder.too_many", count=count, max=MAX_REMINDERS)
            schedule_id = store.insert_schedule(
                conn, community_id=community_id, kind=REMINDER, channel_id=channel.external_id,
                rule=preview.when.text, message=text, ping_role=ping_role, payload={},
                created_by=actor.external_id, created_at=now,
            )
            return store.get_schedule(conn, schedule_id)

        schedule = await self._db.write(insert)
        assert schedule is not None
        await self._engine.track(schedule)
        return AddedReminder(schedule, preview)

    async def list_reminders(self, actor: Actor) -> list[ReminderItem]:
        """The community's active and paused reminders with their next occurrence.
        Moderators only."""
        actor.require_moderator()
        community = actor.community
        config = await self._community.config(community)
        schedules = await self._db.read(store.list_schedules, community, REMINDER)
        return [ReminderItem(schedule, config.zone, self.next_local(schedule, config.zone))
                for schedule in schedules]

    async def list_page(self, actor: Actor, page: int) -> Page[ReminderItem]:
        """Page ``page`` (1-based; clamped) of ``list_reminders``, ``REMINDERS_PER_PAGE``
        to a page so every page fits in one message on every platform. Moderators only."""
        return page_of(await self.list_reminders(actor), page, REMINDERS_PER_PAGE)

    async def pause(self, actor: Actor, reminder_id: int) -> Schedule:
        """Stop a reminder until it is resumed (its missed runs are not replayed).
        Moderators only."""
        actor.require_moderator()
        community = actor.community

        def pause(conn: Connection) -> Schedule | None:
            schedule = self._find(conn, community, reminder_id)
            if schedule.status == store.PAUSED:
                raise UserFacingError("reminder.already_paused", id=reminder_id)
            if schedule.status == store.FINISHED:
                raise UserFacingError("reminder.is_finished", id=reminder_id)
            store.set_status(conn, schedule.id, store.PAUSED,
                             reason=f"paused by {actor.external_id}")
            return store.get_schedule(conn, schedule.id)

        paused = await self._db.write(pause)
        self._engine.forget(reminder_id)
        assert paused is not None
        return paused

    async def resume(self, actor: Actor, reminder_id: int) -> tuple[Schedule, datetime | None]:
        """Start a paused reminder again from now; returns it with its next occurrence
        (local). A one-off whose time has passed becomes finished instead.
        Moderators only."""
        actor.require_moderator()
        community = actor.community
        config = await self._community.config(community)
        now = self._clock.now()

        def resume(conn: Connection) -> Schedule | None:
            schedule = self._find(conn, community, reminder_id)
            if schedule.status == store.ACTIVE:
                raise UserFacingError("reminder.not_paused", id=reminder_id)
            if schedule.status == store.FINISHED:
                raise UserFacingError("reminder.is_finished", id=reminder_id)
            upcoming = ParsedWhen(parse_rule(schedule.rule), config.zone).next_occurrences(now, 1)
            status = store.ACTIVE if upcoming else store.FINISHED
            store.set_status(conn, schedule.id, status, handled_until=now)
            return store.get_schedule(conn, schedule.id)

        resumed = await self._db.write(resume)
        assert resumed is not None
        next_fire = await self._engine.track(resumed)
        return resumed, next_fire.astimezone(config.zone) if next_fire else None

    async def edit(
        self, actor: Actor, reminder_id: int, *, when_text: str | None,
        message: str | None, channel: ChannelRef | None,
    ) -> EditedReminder:
        """Change a channel reminder's time, text and/or channel in place (same id).
        Moderators only."""
        actor.require_moderator()
        community = actor.community
        return await self.edit_schedule(
            community, lambda conn: self._find(conn, community, reminder_id),
            when_text=when_text, message=message, channel=channel)

    async def edit_schedule(
        self, community: CommunityRef, find: Callable[[Connection], Schedule], *,
        when_text: str | None, message: str | None, channel: ChannelRef | None,
    ) -> EditedReminder:
        """Edit the reminder ``find`` returns (it raises ``UserFacingError`` when there
        is none the caller may edit). Everything is checked before anything is
        written: bad input changes nothing. A new time counts from now (a finished
        one-off given a new time runs again); a paused reminder stays paused."""
        if when_text is None and message is None and channel is None:
            raise UserFacingError("reminder.edit_nothing")
        if channel is not None and channel.community != community:
            raise ValueError("the channel belongs to another community")
        text = None
        if message is not None:
            text = message.strip()
            if not 1 <= len(text) <= MAX_MESSAGE:
                raise UserFacingError("reminder.message_length", max=MAX_MESSAGE,
                                      length=len(text))
        preview = await self.preview_when(community, when_text) if when_text is not None \
            else None
        now = self._clock.now()
        if preview is not None:
            now = min(now, preview.when.since or now)

        def edit(conn: Connection) -> Schedule | None:
            schedule = find(conn)
            store.edit_schedule(
                conn, schedule.id, message=text,
                channel_id=channel.external_id if channel is not None else None,
                rule=preview.when.text if preview is not None else None,
                handled_until=now if preview is not None else None,
                status=store.ACTIVE if preview is not None
                and schedule.status == store.FINISHED else None)
            return store.get_schedule(conn, schedule.id)

        edited = await self._db.write(edit)
        assert edited is not None
        config = await self._community.config(community)
        if preview is not None:
            await self._engine.track(edited)
        return EditedReminder(edited, config.zone, self.next_local(edited, config.zone))

    async def remove(self, actor: Actor, reminder_id: int) -> Schedule:
        """Delete a reminder and its delivery history. Moderators only."""
        actor.require_moderator()
        community = actor.community

        def remove(conn: Connection) -> Schedule:
            schedule = self._find(conn, community, reminder_id)
            store.delete_schedule(conn, schedule.id)
            return schedule

        schedule = await self._db.write(remove)
        self._engine.forget(reminder_id)
        return schedule

    async def render(self, schedule: Schedule, occurrence: datetime, late: bool) -> OutgoingMessage:
        """The channel message of one occurrence (the engine's renderer)."""
        config = await self._community.config(schedule.community)
        lang: Lang = config.shared_language(self._default_language)
        return reminder_message(schedule, occurrence, late, config.zone, lang, self._texts,
                                "reminder")

    def next_local(self, schedule: Schedule, zone: ZoneInfo) -> datetime | None:
        """When an active ``schedule`` fires next, in ``zone``; None when it will not."""
        upcoming = self._engine.next_fire(schedule.id) if schedule.status == store.ACTIVE \
            else None
        return upcoming.astimezone(zone) if upcoming else None

    def _find(
        self, conn: Connection, community: CommunityRef, reminder_id: int
    ) -> Schedule:
        if not 0 < reminder_id < 2**63:  # beyond SQLite's integers: cannot exist
            raise UserFacingError("reminder.not_found", id=reminder_id)
        schedule = store.find_schedule(conn, community, reminder_id, REMINDER)
        if schedule is None:
            raise UserFacingError("reminder.not_found", id=reminder_id)
        return schedule
