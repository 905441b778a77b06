"""When a round's sessions fall: the canonical cadence, the sessions it plans, and the rule
that one community is never in two sessions at once. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TypedDict
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger

from bot.core.errors import UserFacingError
from bot.core.round_model import Round, RoundSettings, Session, SessionKind
from bot.rounds import planning, validation
from bot.schedules.parse import parse_rule, parse_when


def canonical_cadence(text: str, zone: ZoneInfo, now: datetime) -> str:
    """The canonical rule of a cadence a moderator typed; one-off times are refused."""
    parsed = parse_when(validation.cadence_text(text), zone, now)
    if not parsed.recurring:
        raise UserFacingError("rounds.error.cadence_once", text=text.strip()[:100])
    return parsed.text


def plan_round(
    settings: RoundSettings, zone: ZoneInfo, now: datetime
) -> list[planning.PlannedSession]:
    """The sessions ``settings`` would have; refused when the round would start in
    the past."""
    trigger = parse_rule(settings.cadence).trigger(zone)
    if settings.start_date < now.astimezone(zone).date():
        raise UserFacingError("rounds.error.start_in_past", date=settings.start_date.isoformat())
    planned = _plan(trigger, settings, zone)
    validation.not_in_past(planned[0].starts_at, now)
    return planned


def planned_sessions(settings: RoundSettings, zone: ZoneInfo) -> list[planning.PlannedSession]:
    """The sessions ``settings`` would have, past or not (for a draft's reading list)."""
    return _plan(parse_rule(settings.cadence).trigger(zone), settings, zone)


def _plan(
    trigger: BaseTrigger, settings: RoundSettings, zone: ZoneInfo
) -> list[planning.PlannedSession]:
    return planning.plan_sessions(
        trigger,
        start_date=settings.start_date,
        weeks=settings.weeks,
        zone=zone,
        duration_minutes=settings.duration_minutes,
        sota_every=settings.sota_every,
    )


class SessionFields(TypedDict):
    """What a planned session of a round is made of, before it has an id."""

    index: int
    week: int
    kind: SessionKind
    starts_at: datetime
    duration_minutes: int
    place: str | None


def session_fields(rnd: Round, planned: planning.PlannedSession) -> SessionFields:
    """A planned session of ``rnd``, at the round's length and place."""
    return SessionFields(
        index=planned.index,
        week=planned.week,
        kind=planned.kind,
        starts_at=planned.starts_at,
        duration_minutes=rnd.settings.duration_minutes,
        place=rnd.settings.place,
    )


def preview_sessions(rnd: Round, planned: Sequence[planning.PlannedSession]) -> list[Session]:
    """Unsaved sessions (id 0) showing what a draft round would hold."""
    return [
        Session(id=0, round_id=rnd.id, topic=None, status="scheduled", **session_fields(rnd, p))
        for p in planned
    ]


def overlap_window(intervals: Sequence[tuple[datetime, timedelta]]) -> tuple[datetime, datetime]:
    """The stretch of time in which other sessions could overlap ``intervals``
    (which must not be empty): from the longest session's length before the first
    start to the last end."""
    start = min(s for s, _ in intervals) - timedelta(hours=validation.MAX_DURATION // 60)
    return start, max(s + d for s, d in intervals)


def refuse_overlap(
    intervals: Sequence[tuple[datetime, timedelta]],
    others: Sequence[tuple[Round, Session]],
    zone: ZoneInfo,
) -> None:
    """Refuse sessions that overlap one another or one of ``others`` (scheduled
    sessions of the community's active rounds): one group cannot be in two sessions."""
    combined = list(intervals) + [
        (s.starts_at, timedelta(minutes=s.duration_minutes)) for _, s in others
    ]
    clash = validation.first_overlap(combined)
    if clash is None:
        return
    theirs = [i for i in clash if i >= len(intervals)]
    if not theirs:
        when = f"{combined[max(clash)][0].astimezone(zone):%Y-%m-%d %H:%M}"
        raise UserFacingError("rounds.error.overlap_self", time=when)
    other = others[theirs[0] - len(intervals)]
    when = f"{other[1].starts_at.astimezone(zone):%Y-%m-%d %H:%M}"
    raise UserFacingError(
        "rounds.error.overlap", time=when, round=other[0].name, index=other[1].index
    )
