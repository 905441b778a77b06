"""What every part of ``RoundService`` stands on, handed to each part explicitly:
its collaborators and finding the round or session a member named."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.community import CommunityConfig, CommunityService
from bot.core.errors import UserFacingError
from bot.core.refs import CommunityRef
from bot.core.round_model import Round, Session
from bot.i18n import Catalog, Lang
from bot.rounds.parts import lookup
from bot.rounds.parts.attendance import AttendanceKeeper
from bot.rounds.parts.events_sync import EventsSync
from bot.rounds.parts.session_reminders import SessionReminders
from bot.streaks.service import StreakService
from storage.database import Database


@dataclass(frozen=True, slots=True, eq=False)
class RoundContext:
    """The collaborators the parts of ``RoundService`` share: storage, time, the
    community settings, streaks and texts, and the three helpers that reach past
    storage (session reminders in the schedule engine, native events, attendance
    as streak check-ins)."""

    db: Database
    clock: Clock
    community: CommunityService
    streaks: StreakService
    texts: Catalog
    default_language: Lang
    events: EventsSync
    reminders: SessionReminders
    attendance: AttendanceKeeper

    async def resolve_round(self, community: CommunityRef, text: str | None) -> Round:
        """The round a member named: by name (ignoring case) or id; left out, the one
        active round (refused when there is none or several). Inside a write, call
        ``lookup.find_round`` on its connection instead."""
        return await self.db.read(lookup.find_round, community, text)

    async def resolve_session(self, community: CommunityRef, text: str) -> tuple[Round, Session]:
        """A session by id (what autocomplete fills in) or ``#n`` of the one active round."""
        return await self.db.read(lookup.find_session, community, text)

    def shared_language(self, config: CommunityConfig) -> Lang:
        """The language of messages everyone reads: the community's, else the default."""
        return config.shared_language(self.default_language)


def refuse_closed(rnd: Round) -> None:
    """A closed round takes no more changes."""
    if rnd.status == "closed":
        raise UserFacingError("rounds.error.round_closed", round=rnd.name)


class RoundPart:
    """One part of ``RoundService``: it works on the context it is given."""

    def __init__(self, context: RoundContext) -> None:
        self._ctx = context
