"""The channel digest: one scheduled post per community, built from sections that
features register. A provider returns a section or None; a feature that does not
exist registers nothing, and a provider that fails is logged and left out."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.clock import Clock
from bot.community import CommunityService
from bot.core.actor import Actor
from bot.core.errors import UserFacingError
from bot.core.refs import ChannelRef, CommunityRef, MemberRef
from bot.i18n import Catalog, Lang
from bot.ports import OutgoingMessage
from bot.schedules.engine import ScheduleEngine
from bot.schedules.parse import format_local, parse_when
from bot.schedules.reminder_service import WhenPreview
from bot.streaks.service import Leaderboard, StreakService
from storage import communities as community_store
from storage import faq as faq_store
from storage import schedules as store
from storage.connection import Connection
from storage.database import Database
from storage.schedules import Schedule

log = logging.getLogger(__name__)

DIGEST = "digest"
DEFAULT_WHEN = "every mon 09:00"
LOOKBACK_DAYS = 7
MAX_LINES = 10
# A field of a Discord embed holds at most 1024 characters.
MAX_SECTION_CHARS = 1000


@dataclass(frozen=True, slots=True)
class DigestSection:
    """One titled block of the digest."""

    title: str
    lines: tuple[str, ...]


SectionProvider = Callable[[CommunityRef, Lang, datetime], Awaitable[DigestSection | None]]
"""``(community, lang, now) -> section or None`` (nothing to say this time)."""


@dataclass(frozen=True, slots=True)
class ConfiguredDigest:
    schedule: Schedule
    preview: WhenPreview


class DigestService:
    """Builds, schedules and previews a community's digest."""

    def __init__(
        self, db: Database, clock: Clock, engine: ScheduleEngine, community: CommunityService,
        texts: Catalog, *, sections: Mapping[str, SectionProvider] | None = None,
        default_language: Lang = "ko",
    ) -> None:
        """Registers the ``digest`` renderer with ``engine``."""
        self._db = db
        self._clock = clock
        self._engine = engine
        self._community = community
        self._texts = texts
        self._default_language = default_language
        self._sections: dict[str, SectionProvider] = dict(sections or {})
        engine.register_renderer(DIGEST, self.render)

    def register_section(self, name: str, provider: SectionProvider) -> None:
        """Add a section (in registration order); a feature calls this once."""
        if name in self._sections:
            raise ValueError(f"digest section {name!r} is already registered")
        self._sections[name] = provider

    @property
    def section_names(self) -> tuple[str, ...]:
        return tuple(self._sections)

    async def build(self, community: CommunityRef, lang: Lang) -> OutgoingMessage:
        """The digest as it reads now."""
        now = self._clock.now()
        fields: list[tuple[str, str]] = []
        for name, provider in self._sections.items():
            try:
                section = await provider(community, lang, now)
            except Exception:
                log.exception("digest section %s failed for %s", name, community.external_id)
                continue
            if section is None or not section.lines:
                continue
            value = "\n".join(section.lines[:MAX_LINES])
            fields.append((section.title[:256], value[:MAX_SECTION_CHARS]))
        body = self._texts.t("digest.intro", lang, days=LOOKBACK_DAYS) if fields \
            else self._texts.t("digest.empty", lang)
        return OutgoingMessage(body=body, title=self._texts.t("digest.title", lang),
                               fields=tuple(fields))

    async def preview(self, community: CommunityRef, lang: Lang) -> OutgoingMessage:
        """The digest as it would be posted now, for ``/digest preview``."""
        return await self.build(community, lang)

    async def render(self, schedule: Schedule, occurrence: datetime, late: bool) -> OutgoingMessage:
        """The engine's renderer for ``digest`` schedules."""
        config = await self._community.config(schedule.community)
        lang: Lang = config.shared_language(self._default_language)
        message = await self.build(schedule.community, lang)
        if not late:
            return message
        due = format_local(occurrence, config.zone, lang)
        return OutgoingMessage(body=message.body, title=message.title, fields=message.fields,
                               footer=self._texts.t("digest.late_footer", lang, time=due))

    async def current(self, community: CommunityRef) -> Schedule | None:
        """The community's digest schedule, if one is set up."""
        found = await self._db.read(store.list_schedules, community, DIGEST)
        return found[0] if found else None

    async def configure(
        self, actor: Actor, channel: ChannelRef, when_text: str = DEFAULT_WHEN,
    ) -> ConfiguredDigest:
        """Post the digest in ``channel`` at ``when_text``; replaces an earlier setup.
        Moderators only."""
        actor.require_moderator()
        community = actor.community
        if channel.community != community:
            raise ValueError("the channel belongs to another community")
        config = await self._community.config(community)
        now = self._clock.now()
        when = parse_when(when_text, config.zone, now)

        def replace_setup(conn: Connection) -> tuple[list[Schedule], Schedule | None]:
            community_id = community_store.ensure_community(conn, community)
            replaced = store.list_schedules(conn, community, DIGEST)
            for old in replaced:
                store.delete_schedule(conn, old.id)
            schedule_id = store.insert_schedule(
                conn, community_id=community_id, kind=DIGEST, channel_id=channel.external_id,
                rule=when.text, message=None, ping_role=None, payload={},
                created_by=actor.external_id, created_at=now,
            )
            return replaced, store.get_schedule(conn, schedule_id)

        replaced, schedule = await self._db.write(replace_setup)
        assert schedule is not None
        for old in replaced:
            self._engine.forget(old.id)
        await self._engine.track(schedule)
        return ConfiguredDigest(schedule, WhenPreview(when, tuple(when.next_occurrences(now, 3))))

    async def disable(self, actor: Actor) -> Schedule:
        """Stop posting the digest; raises if none is set up. Moderators only."""
        actor.require_moderator()
        community = actor.community

        def remove(conn: Connection) -> list[Schedule]:
            found = store.list_schedules(conn, community, DIGEST)
            if not found:
                raise UserFacingError("digest.not_configured")
            for schedule in found:
                store.delete_schedule(conn, schedule.id)
            return found

        found = await self._db.write(remove)
        for schedule in found:
            self._engine.forget(schedule.id)
        log.info("digest of %s disabled by %s", community.external_id, actor.external_id)
        return found[0]


# --- sections for the features that exist ------------------------------------------


def standard_sections(
    db: Database, texts: Catalog, *, streaks: StreakService | None = None, faq: bool = False
) -> dict[str, SectionProvider]:
    """Providers for the features that are present (pass None / False for absent ones)."""
    sections: dict[str, SectionProvider] = {}
    if streaks is not None:
        board = CurrentBoard(streaks)
        sections["streak_leaders"] = streak_leaders_section(board, texts)
        sections["long_streaks"] = long_streaks_section(board, texts)
    if faq:
        sections["new_faq"] = new_faq_section(db, texts)
    return sections


class CurrentBoard:
    """The current-streak leaderboard of a community as of one digest run, computed
    once however many sections of that run read it."""

    def __init__(self, streaks: StreakService) -> None:
        self._streaks = streaks
        self._kept: tuple[CommunityRef, datetime, Leaderboard] | None = None

    async def of(self, community: CommunityRef, now: datetime) -> Leaderboard:
        """The board of ``community`` for the run at ``now``."""
        if self._kept is not None and self._kept[:2] == (community, now):
            return self._kept[2]
        board = await self._streaks.leaderboard(community, "current", MemberRef(community, ""))
        self._kept = (community, now, board)
        return board


def streak_leaders_section(board_of: CurrentBoard, texts: Catalog, top: int = 5
                           ) -> SectionProvider:
    """The members with the longest current streaks."""

    async def provide(community: CommunityRef, lang: Lang, now: datetime) -> DigestSection | None:
        board = await board_of.of(community, now)
        lines = tuple(
            texts.t("digest.streak_line", lang, rank=entry.rank,
                    name=entry.display_name or entry.external_id, count=entry.value)
            for entry in board.entries[:top] if entry.value > 0
        )
        return DigestSection(texts.t("digest.section.streak_leaders", lang), lines) \
            if lines else None

    return provide


def long_streaks_section(
    board_of: CurrentBoard, texts: Catalog, *, daily: int = 30, weekly: int = 8
) -> SectionProvider:
    """Members whose current streak reached a long run (30 days / 8 weeks)."""

    async def provide(community: CommunityRef, lang: Lang, now: datetime) -> DigestSection | None:
        board = await board_of.of(community, now)
        threshold = daily if board.kind == "daily" else weekly
        names = [entry.display_name or entry.external_id
                 for entry in board.entries if entry.value >= threshold]
        if not names:
            return None
        return DigestSection(texts.t("digest.section.long_streaks", lang, count=threshold),
                             (", ".join(names),))

    return provide


def new_faq_section(db: Database, texts: Catalog) -> SectionProvider:
    """The community's FAQ entries added during the last seven days."""

    async def provide(community: CommunityRef, lang: Lang, now: datetime) -> DigestSection | None:
        since = now - timedelta(days=LOOKBACK_DAYS)
        rows = await db.read(
            faq_store.faqs_created_since, community, since.astimezone(UTC).isoformat())
        lines = []
        for row in rows:
            try:
                added = datetime.fromisoformat(row.created_at)
            except ValueError:
                continue
            if added.tzinfo is None or added < since:
                continue
            question = (row.texts.question_ko if lang == "ko" else row.texts.question_en) \
                or row.texts.question_ko or row.texts.question_en or ""
            lines.append(texts.t("digest.faq_line", lang, question=question[:150],
                                 id=f"faq.{row.id}"))
        return DigestSection(texts.t("digest.section.new_faq", lang), tuple(lines)) \
            if lines else None

    return provide
