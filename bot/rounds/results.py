"""What the round service's commands return to the front ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from zoneinfo import ZoneInfo

from bot.core.round_model import Round, RsvpAnswer, RsvpCounts, Session
from bot.rounds.recap import Recap

# What happened to a session's native event: ``none`` when it has none (no events
# on the platform, or the bot may not manage them), ``failed`` when it could be
# neither changed nor made again.
EventOutcome = Literal["created", "moved", "recreated", "failed", "none"]


@dataclass(frozen=True, slots=True)
class EventsReport:
    """What ``EventsSync.sync`` did: the outcome per session id, and whether to tell
    moderators (once per round) that events are unavailable."""

    notice: bool = False
    outcomes: dict[int, EventOutcome] = field(default_factory=dict)

    def outcome(self, session_id: int) -> EventOutcome:
        return self.outcomes.get(session_id, "none")


@dataclass(frozen=True, slots=True)
class RoundChange:
    """A round after a moderator's command; ``events_notice`` asks the front end
    to tell the moderator (once per round) that native events are unavailable."""

    round: Round
    sessions: tuple[Session, ...] = ()
    events_notice: bool = False


@dataclass(frozen=True, slots=True)
class SessionChange:
    """One session after a moderator's command (``events_notice`` as in
    ``RoundChange``; ``event``: what happened to its native event)."""

    round: Round
    session: Session
    events_notice: bool = False
    event: EventOutcome = "none"


@dataclass(frozen=True, slots=True)
class ClosedRound:
    """A round that was just closed, with its recap."""

    round: Round
    recap: Recap
    events_notice: bool = False


@dataclass(frozen=True, slots=True)
class SessionView:
    """A session with its RSVP counts and the community's time zone, for display."""

    round: Round
    session: Session
    counts: RsvpCounts
    zone: ZoneInfo


@dataclass(frozen=True, slots=True)
class RsvpResult:
    """A member's saved RSVP and the session's new counts."""

    round: Round
    session: Session
    answer: RsvpAnswer
    counts: RsvpCounts


@dataclass(frozen=True, slots=True)
class AttendanceResult:
    """A moderator's attendance correction; ``changed`` is False when it was already so."""

    session: Session
    attended: bool
    changed: bool


@dataclass(frozen=True, slots=True)
class Membership:
    """A member's place in a round after joining or leaving."""

    round: Round
    joined: bool
    presenting: bool
