"""Turning a round's cadence into sessions, and its reading list into each
session's papers. Pure: a trigger in, plain values out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger

from bot.core.errors import UserFacingError
from bot.core.round_model import SessionKind
from bot.rounds import validation


@dataclass(frozen=True, slots=True)
class PlannedSession:
    """A session the cadence produces before it is stored."""

    index: int  # 1-based, in time order
    week: int  # 1-based week of the round
    kind: SessionKind
    starts_at: datetime  # aware, UTC


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """The aware instant at which ``day`` begins in ``zone``."""
    return datetime.combine(day, time(0), zone)


def week_of(starts_at: datetime, start_date: date, zone: ZoneInfo) -> int:
    """The 1-based week of the round an instant falls in (local calendar days)."""
    local = starts_at.astimezone(zone).date()
    return (local - start_date).days // 7 + 1


def kind_of(index: int, sota_every: int) -> SessionKind:
    """Every ``sota_every``-th session is a SOTA review; 0 turns reviews off."""
    return "sota" if sota_every and index % sota_every == 0 else "paper"


def fire_times(
    trigger: BaseTrigger, window_start: datetime, window_end: datetime, *, limit: int
) -> list[datetime]:
    """Times ``trigger`` fires in ``[window_start, window_end)``, at most ``limit``
    (raises ``UserFacingError`` when there would be more)."""
    found: list[datetime] = []
    fire = trigger.get_next_fire_time(None, window_start)
    while fire is not None and fire < window_end:
        if fire >= window_start:
            if len(found) == limit:
                raise UserFacingError("rounds.error.too_many_sessions", limit=limit)
            found.append(fire.astimezone(UTC))
        # Asking from one microsecond later moves every trigger type past ``fire``.
        following = trigger.get_next_fire_time(fire, fire + timedelta(microseconds=1))
        if following is not None and following <= fire:
            break
        fire = following
    return found


def plan_sessions(
    trigger: BaseTrigger,
    *,
    start_date: date,
    weeks: int,
    zone: ZoneInfo,
    duration_minutes: int,
    sota_every: int,
) -> list[PlannedSession]:
    """Every session of a round: the cadence's times within ``weeks`` weeks from the
    local midnight of ``start_date``. Refuses an empty plan, more than
    ``MAX_SESSIONS`` sessions, and sessions that would overlap one another."""
    window_start = local_midnight(start_date, zone)
    window_end = local_midnight(start_date + timedelta(weeks=weeks), zone)
    times = fire_times(trigger, window_start, window_end, limit=validation.MAX_SESSIONS)
    if not times:
        raise UserFacingError("rounds.error.no_sessions")
    length = timedelta(minutes=duration_minutes)
    if validation.first_overlap([(t, length) for t in times]) is not None:
        raise UserFacingError("rounds.error.cadence_overlap", minutes=duration_minutes)
    return [
        PlannedSession(
            index=i,
            week=week_of(t, start_date, zone),
            kind=kind_of(i, sota_every),
            starts_at=t,
        )
        for i, t in enumerate(times, start=1)
    ]


@dataclass(frozen=True, slots=True)
class SessionSlot:
    """A session that can take papers: its key, week and kind."""

    key: int
    week: int
    kind: SessionKind


@dataclass(frozen=True, slots=True)
class PaperSlot:
    key: int
    week: int
    position: int


def assign_papers(
    sessions: Sequence[SessionSlot], papers: Sequence[PaperSlot], weeks: int
) -> dict[int, list[int]]:
    """Which papers each session covers, as ``{session key: [paper keys]}``.

    Papers belong to a week. A week's papers are shared out in list order among
    its paper-reading sessions (round robin), or, in a week that only has a SOTA
    review, given to the review as the results to discuss. Papers of a week with
    no session at all move on to the next week that has one; papers still left
    after the last week are not assigned (the round's overview lists them).
    """
    by_week: dict[int, list[SessionSlot]] = {}
    for slot in sessions:
        by_week.setdefault(slot.week, []).append(slot)
    plan: dict[int, list[int]] = {slot.key: [] for slot in sessions}
    ordered = sorted(papers, key=lambda p: (p.week, p.position, p.key))
    carried: list[int] = []
    cursor = 0
    last_week = max([weeks, *(p.week for p in ordered)], default=weeks)
    for week in range(1, last_week + 1):
        while cursor < len(ordered) and ordered[cursor].week <= week:
            carried.append(ordered[cursor].key)
            cursor += 1
        slots = by_week.get(week, [])
        readers = [s for s in slots if s.kind == "paper"] or slots
        if not readers or not carried:
            continue
        for n, paper in enumerate(carried):
            plan[readers[n % len(readers)].key].append(paper)
        carried = []
    return plan


def next_open_week(sessions: Sequence[SessionSlot], papers: Sequence[PaperSlot], weeks: int) -> int:
    """The week a paper added without one goes to: the first week with a
    paper-reading session whose week has no paper yet, else the last week."""
    weeks_with_papers = {p.week for p in papers}
    reading_weeks = sorted({s.week for s in sessions if s.kind == "paper"})
    for week in reading_weeks:
        if week not in weeks_with_papers and week <= weeks:
            return week
    return weeks
