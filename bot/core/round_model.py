"""The plain data of a study round, shared by the pure logic and the service."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from bot.core.refs import CommunityRef

RoundStatus = Literal["draft", "active", "closed"]
SessionKind = Literal["paper", "sota"]
SessionStatus = Literal["scheduled", "cancelled", "held"]
RsvpAnswer = Literal["going", "maybe", "not_going"]
AttendanceSource = Literal["rsvp", "moderator"]
AssignedBy = Literal["rotation", "moderator"]

ROUND_STATUSES: tuple[RoundStatus, ...] = ("draft", "active", "closed")
RSVP_ANSWERS: tuple[RsvpAnswer, ...] = ("going", "maybe", "not_going")

DEFAULT_DURATION_MINUTES = 90
DEFAULT_PAPER_REMINDER_DAYS = 3
# Every 4th session (4, 8, 12, ...) reviews recent state-of-the-art results
# instead of reading a paper: a monthly step back in a weekly rhythm.
DEFAULT_SOTA_EVERY = 4


@dataclass(frozen=True, slots=True)
class RoundSettings:
    """What a moderator chooses for a round (validated by ``validation``)."""

    name: str
    start_date: date
    weeks: int
    channel_id: str
    cadence: str
    duration_minutes: int = DEFAULT_DURATION_MINUTES
    place: str | None = None
    ping_role: str | None = None
    paper_reminder_days: int = DEFAULT_PAPER_REMINDER_DAYS
    sota_every: int = DEFAULT_SOTA_EVERY


@dataclass(frozen=True, slots=True)
class Round:
    """A stored round."""

    id: int
    community_id: int
    community: CommunityRef
    settings: RoundSettings
    status: RoundStatus
    # True once moderators were told that native events cannot be created.
    events_notice_sent: bool = False

    @property
    def name(self) -> str:
        return self.settings.name

    @property
    def end_date(self) -> date:
        """The first local day after the round."""
        return self.settings.start_date + timedelta(weeks=self.settings.weeks)


@dataclass(frozen=True, slots=True)
class Paper:
    """One entry of a round's reading list."""

    id: int
    round_id: int
    title: str
    url: str | None
    week: int
    position: int


@dataclass(frozen=True, slots=True)
class Presenter:
    member_id: int
    external_id: str
    display_name: str | None
    assigned_by: AssignedBy


@dataclass(frozen=True, slots=True)
class Session:
    """One meeting of a round, with its papers and presenters."""

    id: int
    round_id: int
    index: int
    week: int
    kind: SessionKind
    starts_at: datetime  # aware, UTC
    duration_minutes: int
    place: str | None
    topic: str | None
    status: SessionStatus
    event_id: str | None = None
    announcement_message_id: str | None = None
    papers: tuple[Paper, ...] = ()
    presenters: tuple[Presenter, ...] = ()

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


@dataclass(frozen=True, slots=True)
class RoundMember:
    member_id: int
    external_id: str
    display_name: str | None
    joined: bool
    opted_out_presenting: bool
    joined_at: datetime


@dataclass(frozen=True, slots=True)
class RsvpCounts:
    going: int = 0
    maybe: int = 0
    not_going: int = 0

    def as_dict(self) -> dict[RsvpAnswer, int]:
        return {"going": self.going, "maybe": self.maybe, "not_going": self.not_going}


@dataclass(frozen=True, slots=True)
class RoundOverview:
    """A round with its reading list, sessions and members (for show/recap/calendar)."""

    round: Round
    papers: tuple[Paper, ...] = ()
    sessions: tuple[Session, ...] = ()
    members: tuple[RoundMember, ...] = field(default=())
