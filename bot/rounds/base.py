"""What every part of ``RoundService`` stands on: its collaborators (set by the
service's constructor) and finding the round or session a member named."""

from __future__ import annotations

from bot.clock import Clock
from bot.community import CommunityConfig, CommunityService
from bot.core.errors import UserFacingError
from bot.core.refs import CommunityRef
from bot.core.round_model import Round, RoundOverview, Session
from bot.i18n import Catalog, Lang
from bot.rounds import lookup
from bot.rounds.attendance import AttendanceKeeper
from bot.rounds.events_sync import EventsSync
from bot.rounds.reminders import SessionReminders
from bot.streaks.service import StreakService
from storage.database import Database


class RoundServiceBase:
    """The collaborators the parts of ``RoundService`` share, and its lookups."""

    _db: Database
    _clock: Clock
    _community: CommunityService
    _streaks: StreakService
    _texts: Catalog
    _default_language: Lang
    _events: EventsSync
    _reminders: SessionReminders
    _attendance: AttendanceKeeper
    # ``overview`` results by (community, what the member typed), with the
    # database's write count they were read at (``Database.writes``): any service's
    # write (a streak check-in renaming a member, too) makes them stale.
    _overviews: dict[tuple[CommunityRef, str | None], tuple[int, RoundOverview]]

    async def resolve_round(self, community: CommunityRef, text: str | None) -> Round:
        """The round a member named: by name (ignoring case) or id; left out, the one
        active round (refused when there is none or several). Inside a write, call
        ``lookup.find_round`` on its connection instead."""
        return await self._db.read(lookup.find_round, community, text)

    async def resolve_session(self, community: CommunityRef, text: str) -> tuple[Round, Session]:
        """A session by id (what autocomplete fills in) or ``#n`` of the one active round."""
        return await self._db.read(lookup.find_session, community, text)

    def _shared_language(self, config: CommunityConfig) -> Lang:
        """The language of messages everyone reads: the community's, else the default."""
        return config.shared_language(self._default_language)


def refuse_closed(rnd: Round) -> None:
    """A closed round takes no more changes."""
    if rnd.status == "closed":
        raise UserFacingError("rounds.error.round_closed", round=rnd.name)
