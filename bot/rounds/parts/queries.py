"""What the round service reads without changing anything: lists, overviews,
autocomplete choices and the digest's lines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.errors import UserFacingError
from bot.core.refs import CommunityRef
from bot.core.round_model import Round, RoundOverview, RoundStatus, RsvpCounts, Session
from bot.digest import DigestSection
from bot.i18n import Lang
from bot.rounds import messages
from bot.rounds.parts import lookup
from bot.rounds.parts.context import RoundContext, RoundPart
from bot.rounds.results import SessionView
from storage import communities as community_store
from storage import rounds as store
from storage.connection import Connection

DIGEST_DAYS = 7
# How many ``overview`` results are kept at most (one per round a member may name
# in several ways: its name in any case, its id).
OVERVIEWS_KEPT = 256


class RoundQueries(RoundPart):
    """Read-only views of rounds and sessions."""

    def __init__(self, context: RoundContext) -> None:
        super().__init__(context)
        # ``overview`` results by (community, what the member typed), with the
        # database's write count they were read at (``Database.writes``): any
        # service's write (a streak check-in renaming a member, too) makes them stale.
        self.overviews: dict[tuple[CommunityRef, str | None], tuple[int, RoundOverview]] = {}

    async def round_choices(
        self, community: CommunityRef, typed: str, *, statuses: Sequence[RoundStatus] | None = None
    ) -> list[tuple[str, str]]:
        """Up to 25 ``(label, value)`` autocomplete choices for a round option."""
        rounds = await self._ctx.db.read(lookup.community_rounds, community, statuses)
        return lookup.round_choices(rounds, typed)

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
        config = await self._ctx.community.config(community)
        now = self._ctx.clock.now()

        def sessions(conn: Connection) -> list[tuple[Round, Session]]:
            try:
                rounds = (
                    [lookup.find_round(conn, community, round_text)]
                    if round_text
                    else lookup.community_rounds(conn, community, ["active"])
                )
            except UserFacingError:
                return []
            return [(r, s) for r in rounds for s in store.list_sessions(conn, r.id)]

        pairs = await self._ctx.db.read(sessions)
        if upcoming_only:
            pairs = [(r, s) for r, s in pairs if s.status == "scheduled" and s.ends_at > now]
        return lookup.session_choices(
            pairs, typed, now=now, zone=config.zone, texts=self._ctx.texts, lang=lang
        )

    async def paper_choices(
        self, community: CommunityRef, round_text: str | None, typed: str
    ) -> list[tuple[str, str]]:
        """Autocomplete choices for a paper of a round's reading list."""
        try:
            rnd = await self._ctx.resolve_round(community, round_text)
        except UserFacingError:
            return []
        papers = await self._ctx.db.read(store.list_papers, rnd.id)
        return lookup.paper_choices(papers, typed)

    async def active_round_member_ids(self, community: CommunityRef) -> list[str] | None:
        """Platform ids of the one active round's joined members (None: no single
        active round); for the streak leaderboard's ``round`` scope."""

        def joined(conn: Connection) -> list[str] | None:
            active = lookup.community_rounds(conn, community, ["active"])
            if len(active) != 1:
                return None
            return [m.external_id for m in store.list_members(conn, active[0].id) if m.joined]

        return await self._ctx.db.read(joined)

    async def list_rounds(self, community: CommunityRef) -> list[Round]:
        """Every round of a community, newest first."""
        return await self._ctx.db.read(lookup.community_rounds, community)

    async def overview(self, community: CommunityRef, round_text: str | None) -> RoundOverview:
        """A round with its reading list, sessions and members.

        Kept in memory until anything next writes to the database (see
        ``Database.writes``)."""
        key = (community, round_text)
        writes = self._ctx.db.writes
        kept = self.overviews.get(key)
        if kept is not None and kept[0] == writes:
            return kept[1]
        overview = await self._ctx.db.read(lookup.find_overview, community, round_text)
        if self._ctx.db.writes == writes:  # no write ended while reading
            if kept is None and len(self.overviews) >= OVERVIEWS_KEPT:
                self.overviews.clear()
            self.overviews[key] = (writes, overview)
        return overview

    async def zone_of(self, community: CommunityRef) -> ZoneInfo:
        """The community's time zone (for rendering times)."""
        return (await self._ctx.community.config(community)).zone

    async def list_sessions(
        self, community: CommunityRef, round_text: str | None
    ) -> tuple[Round, list[Session]]:
        """The round a member named and its sessions."""
        return await self._ctx.db.read(lookup.find_round_sessions, community, round_text)

    async def show_session(self, community: CommunityRef, session_text: str) -> SessionView:
        """The session a member named, with its RSVP counts."""
        config = await self._ctx.community.config(community)

        def session_and_counts(conn: Connection) -> tuple[Round, Session, RsvpCounts]:
            rnd, session = lookup.find_session(conn, community, session_text)
            return rnd, session, store.rsvp_counts(conn, session.id)

        rnd, session, counts = await self._ctx.db.read(session_and_counts)
        return SessionView(rnd, session, counts, config.zone)

    async def announcement(self, session_id: int) -> tuple[str, str] | None:
        """(channel id, message id) of the message members last answered a session on."""
        return await self._ctx.db.read(store.announcement_of, session_id)

    async def digest_section(
        self, community: CommunityRef, lang: Lang, now: datetime
    ) -> DigestSection | None:
        """The weekly digest's section: this week's reading, then upcoming sessions."""
        reading, upcoming = await self.digest_lines(community, lang, now)
        lines = tuple(reading + upcoming)
        if not lines:
            return None
        return DigestSection(self._ctx.texts.t("rounds.digest.section", lang), lines)

    async def digest_lines(
        self, community: CommunityRef, lang: Lang, now: datetime
    ) -> tuple[list[str], list[str]]:
        """This week's reading and the sessions of the next seven days, as lines."""
        config = await self._ctx.community.config(community)

        def upcoming_sessions(conn: Connection) -> list[tuple[Round, Session]] | None:
            community_id = community_store.find_community(conn, community)
            if community_id is None:
                return None
            return store.community_sessions_between(
                conn, community_id, now, now + timedelta(days=DIGEST_DAYS)
            )

        upcoming = await self._ctx.db.read(upcoming_sessions)
        if upcoming is None:
            return [], []
        reading = [
            self._ctx.texts.t(
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
            f"{r.name} " + messages.session_line(s, config.zone, self._ctx.texts, lang)
            for r, s in upcoming
        ]
        return reading, sessions
