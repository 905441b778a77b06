"""What a round comes to: its recap (with the streak leaders among its members) and
its calendar file."""

from __future__ import annotations

import logging

from bot.core.errors import UserFacingError
from bot.core.refs import CommunityRef, MemberRef
from bot.core.round_model import Round, RoundOverview, Session
from bot.i18n import Lang
from bot.rounds import validation
from bot.rounds.calendar import round_calendar
from bot.rounds.parts import lookup
from bot.rounds.parts.context import RoundPart
from bot.rounds.recap import Recap, StreakLeader, build_recap
from storage import rounds as store
from storage.connection import Connection

log = logging.getLogger(__name__)

STREAK_LEADERS = 5


class RoundRecaps(RoundPart):
    """A round's recap and calendar, as the recap, export and calendar commands want them."""

    async def recap(self, rnd: Round, *, caller: MemberRef | None = None) -> Recap:
        """The recap of ``rnd`` as it stands (streak leaders among its members)."""
        await self._ctx.attendance.finalize_overdue(rnd)

        def read(conn: Connection) -> tuple[RoundOverview, dict[int, set[int]],
                                            dict[int, tuple[str, str | None]]]:
            overview = lookup.overview_of(conn, rnd)
            attended = store.attendees_by_session(conn, rnd.id)
            people = store.member_rows(
                conn, set().union(*attended.values()) if attended else ())
            return overview, attended, people

        overview, attended, people = await self._ctx.db.read(read)
        leaders: list[StreakLeader] = []
        joined = [m.external_id for m in overview.members if m.joined]
        if joined:
            try:
                board = await self._ctx.streaks.leaderboard(
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
        return build_recap(overview, attended, leaders, people)

    async def recap_of(self, community: CommunityRef, round_text: str | None) -> Recap:
        """The recap of the round a member named."""
        return await self.recap(await self._ctx.resolve_round(community, round_text))

    async def calendar(
        self, community: CommunityRef, round_text: str | None, lang: Lang
    ) -> tuple[Round, bytes]:
        """The .ics file of a round's sessions."""
        rnd = await self._ctx.resolve_round(community, round_text)
        return rnd, await self._calendar(rnd, lang)

    async def calendar_by_id(self, round_id: int, lang: Lang | None = None) -> tuple[Round, bytes]:
        """The .ics file of round ``round_id`` (for the command line)."""
        rnd = await self._ctx.db.read(store.get_round, round_id)
        if rnd is None:
            raise UserFacingError("rounds.error.unknown_round", round=str(round_id))
        config = await self._ctx.community.config(rnd.community)
        return rnd, await self._calendar(rnd, lang or self._ctx.shared_language(config))

    async def _calendar(self, rnd: Round, lang: Lang) -> bytes:
        config = await self._ctx.community.config(rnd.community)
        sessions = await self._ctx.db.read(store.list_sessions, rnd.id)
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
            now=self._ctx.clock.now(),
            texts=self._ctx.texts,
            lang=lang,
            location_for=location,
        )
