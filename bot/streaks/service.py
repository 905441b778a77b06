"""The streak service: check-ins, streak summaries, leaderboards and moderator
changes. The rules themselves are in ``bot.streaks.rules``; this module adds the
community's settings, validation, storage and the leaderboard aggregates.

Permission checks are the front end's job: the moderator methods trust that the
caller checked ``actor`` is a moderator.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal, cast, get_args
from zoneinfo import ZoneInfo

import aiosqlite

from bot.clock import Clock
from bot.community import CommunityConfig, CommunityService
from bot.errors import UserFacingError
from bot.identity import CommunityRef, MemberRef
from bot.streaks.rules import (
    PeriodKind,
    StreakRules,
    StreakState,
    compute_streak,
    local_day,
    period_of_day,
    representative_instant,
    shift_period,
)
from storage import communities as community_store
from storage import streaks as store
from storage.database import Database

MAX_PAPER = 300
MAX_NOTE = 500
MAX_REASON = 300
MAX_GRANT = 10
BOARD_SIZE = 10
HISTORY_LIMIT = 25

LeaderboardScope = Literal["current", "longest", "month", "round"]
AdjustAction = Literal["add", "remove"]
LEADERBOARD_SCOPES: tuple[str, ...] = get_args(LeaderboardScope)
ADJUST_ACTIONS: tuple[str, ...] = get_args(AdjustAction)


@dataclass(frozen=True)
class CheckinResult:
    """What a check-in did."""

    day: date  # the local day it counted for
    period: date  # its period key (the day, or the Monday of its week)
    kind: PeriodKind
    counted: bool  # False: the period was already covered (or the request was a retry)
    duplicate: bool  # the dedupe key had been seen: nothing was stored
    current: int
    longest: int
    # Missed periods right before this one that freezes bridged, oldest first.
    bridged: tuple[date, ...]
    freezes_left: int
    earned_freeze: bool


@dataclass(frozen=True)
class StreakSummary:
    """Everything ``/streak show`` displays."""

    kind: PeriodKind
    today: date  # the member's current local day (the heatmap's last day)
    current: int
    longest: int
    total_periods: int
    total_checkins: int
    freezes_left: int
    next_freeze_in: int | None
    covered_today: bool
    last_checkin_at: datetime | None
    freeze_used: tuple[date, ...]
    counts_by_day: dict[date, int] = field(default_factory=dict)


@dataclass(frozen=True)
class LeaderboardEntry:
    rank: int
    external_id: str
    display_name: str | None
    value: int


@dataclass(frozen=True)
class CallerStanding:
    """The caller's own place; ``rank`` is None when they have nothing to rank."""

    rank: int | None
    value: int


@dataclass(frozen=True)
class Leaderboard:
    scope: LeaderboardScope
    kind: PeriodKind
    entries: tuple[LeaderboardEntry, ...]
    caller: CallerStanding
    month: str | None = None  # YYYY-MM for the month scope


@dataclass(frozen=True)
class AdjustResult:
    action: AdjustAction
    day: date
    period: date
    changed: int  # check-ins added or removed
    current: int
    longest: int


@dataclass(frozen=True)
class GrantResult:
    count: int
    freezes_left: int
    # The split of ``freezes_left`` and the community's cap on earned freezes (the
    # cap does not limit grants); ``earning`` is False where none can be earned.
    earned: int = 0
    granted: int = 0
    cap: int = 0
    earning: bool = True


@dataclass(frozen=True)
class AuditRow:
    """One moderator change to a member's streak."""

    at: datetime
    action: str
    reason: str
    details: dict[str, Any]
    actor_id: str
    actor_name: str | None
    target_id: str


@dataclass(frozen=True, slots=True)
class _Recorded:
    """What a check-in's transaction found and wrote."""

    day: date
    inserted: bool
    counts: dict[date, int]
    grants: list[tuple[date, int]]
    after: StreakState


@dataclass(frozen=True)
class _Settings:
    rules: StreakRules
    zone: ZoneInfo
    rollover_hour: int
    attendance_counts: bool

    @classmethod
    def of(cls, config: CommunityConfig) -> _Settings:
        return cls(
            rules=StreakRules(config.streak_period, config.freeze_every, config.freeze_cap),
            zone=config.zone,
            rollover_hour=config.streak_rollover_hour,
            attendance_counts=config.attendance_counts_as_checkin,
        )

    @property
    def kind(self) -> PeriodKind:
        return self.rules.kind

    def day_of(self, instant: datetime) -> date:
        return local_day(instant, self.zone, self.rollover_hour)

    def period(self, day: date) -> date:
        return period_of_day(day, self.kind)

    def days_of_period(self, day: date) -> tuple[date, date]:
        first = self.period(day)
        return first, shift_period(first, 1, self.kind) - timedelta(days=1)


class StreakService:
    """Reading streaks of every community."""

    def __init__(self, db: Database, clock: Clock, community: CommunityService) -> None:
        self._db = db
        self._clock = clock
        self._community = community

    async def _settings(self, ref: CommunityRef) -> _Settings:
        return _Settings.of(await self._community.config(ref))

    # --- members ---------------------------------------------------------------

    async def check_in(
        self, member: MemberRef, display_name: str | None, paper: str | None = None,
        note: str | None = None, dedupe_key: str | None = None,
    ) -> CheckinResult:
        """Record that ``member`` read now; ``paper`` and ``note`` are optional
        (control characters are removed; at most 300 and 500 characters)."""
        paper = clean_text(paper, MAX_PAPER, "streaks.error.paper_too_long")
        note = clean_text(note, MAX_NOTE, "streaks.error.note_too_long")
        return await self._record(
            member, display_name, self._clock.now(), source="checkin",
            created_by=member.external_id, paper=paper, note=note, dedupe_key=dedupe_key,
        )

    async def record_attendance(
        self, member: MemberRef, instant: datetime, session_ref: str,
        display_name: str | None = None,
    ) -> CheckinResult | None:
        """Count attending a study session as a check-in for the local day of
        ``instant``; None when the community turned that off. Recording the same
        session twice counts once."""
        settings = await self._settings(member.community)
        if not settings.attendance_counts:
            return None
        return await self._record(
            member, display_name, instant, source="attendance", created_by="system",
            dedupe_key=f"attendance:{session_ref}", settings=settings,
        )

    async def withdraw_attendance(self, member: MemberRef, session_ref: str) -> bool:
        """Undo ``record_attendance`` for a session the member turned out not to have
        attended (a moderator's correction); False when nothing was counted. The
        member's streak and month totals are recomputed without that day. (The
        caller has stored the member already, with the attendance mark.)"""
        settings = await self._settings(member.community)
        today = settings.period(settings.day_of(self._clock.now()))
        async with self._db.transaction() as conn:
            community_id, member_id = await community_store.ensure_member_ids(conn, member)
            day = await store.delete_checkin_by_dedupe_key(
                conn, member_id, f"attendance:{session_ref}")
            if day is None:
                return False
            await _refresh(conn, settings, community_id, member_id, today,
                           months={day[:7]})
        return True

    async def _record(
        self, member: MemberRef, display_name: str | None, instant: datetime, *, source: str,
        created_by: str, paper: str | None = None, note: str | None = None,
        dedupe_key: str | None = None, settings: _Settings | None = None,
    ) -> CheckinResult:
        resolved = settings or await self._settings(member.community)
        today = resolved.period(resolved.day_of(self._clock.now()))
        asked_day = resolved.day_of(instant)

        # The whole transaction runs in the database's writer thread, in one hop.
        def record(conn: sqlite3.Connection) -> _Recorded:
            community_id, member_id = community_store.ensure_member_ids_sync(
                conn, member, display_name)
            inserted = store.insert_checkin_sync(conn, store.NewCheckin(
                community_id=community_id, member_id=member_id,
                checked_at=_iso_instant(instant), day=asked_day.isoformat(), source=source,
                created_by=created_by, paper=paper, note=note, dedupe_key=dedupe_key,
            ))
            day = asked_day
            if not inserted:
                assert dedupe_key is not None
                stored_day = store.day_of_dedupe_key_sync(conn, member_id, dedupe_key)
                day = date.fromisoformat(stored_day) if stored_day else day
            stored = store.checkin_context_sync(
                conn, member_id=member_id, community_id=community_id, month=_month(day))
            counts = _counts(stored.history)
            grants = _grant_days(stored.grants)
            after = compute_streak(list(counts), today, resolved.rules, grants)
            if inserted:
                _write_changed_aggregates(conn, resolved, community_id, member_id, after,
                                          list(counts), month=_month(day), stored=stored)
            return _Recorded(day, inserted, counts, grants, after)

        recorded = await self._db.run_transaction(record)
        day, inserted, after = recorded.day, recorded.inserted, recorded.after
        # A period is a contiguous run of days: comparing dates is much cheaper than
        # finding the period of every stored day (years of history for a keen reader).
        period, period_end = resolved.days_of_period(day)
        in_period = sum(n for d, n in recorded.counts.items() if period <= d <= period_end)
        counted = inserted and in_period == 1
        bridged: tuple[date, ...] = ()
        earned = False
        if counted:
            before = compute_streak(
                (d for d in recorded.counts if not period <= d <= period_end), today,
                resolved.rules, recorded.grants,
            )
            bridged = _bridged_before(after, period, resolved.kind)
            earned = after.earned_freezes > before.earned_freezes
        return CheckinResult(
            day=day, period=period, kind=resolved.kind, counted=counted,
            duplicate=not inserted, current=after.current, longest=after.longest,
            bridged=bridged, freezes_left=after.freezes_available, earned_freeze=earned,
        )

    async def show(self, member: MemberRef) -> StreakSummary:
        """The member's streak as of now (zeros for a member never seen)."""
        settings = await self._settings(member.community)
        today_day = settings.day_of(self._clock.now())
        async with self._db.read() as conn:
            stored = await store.member_history(conn, member)
        counts = _counts(stored.history) if stored else {}
        last_at = stored.history.last_at if stored else None
        grants = _grant_days(stored.grants) if stored else []
        state = compute_streak(counts, settings.period(today_day), settings.rules, grants)
        return StreakSummary(
            kind=settings.kind, today=today_day, current=state.current, longest=state.longest,
            total_periods=state.total_periods, total_checkins=sum(counts.values()),
            freezes_left=state.freezes_available, next_freeze_in=state.next_freeze_in,
            covered_today=state.covered_today,
            last_checkin_at=datetime.fromisoformat(last_at) if last_at else None,
            freeze_used=state.bridged, counts_by_day=counts,
        )

    async def leaderboard(
        self, community: CommunityRef, scope: str, caller: MemberRef,
        round_member_ids: Collection[str] | None = None,
    ) -> Leaderboard:
        """The top ten of ``scope`` plus the caller's own rank. ``round`` ranks the
        current streaks of ``round_member_ids`` (platform ids of the active round's
        members; None: there is no active round)."""
        if scope not in LEADERBOARD_SCOPES:
            raise UserFacingError("streaks.error.unknown_scope",
                                  scopes=", ".join(LEADERBOARD_SCOPES))
        board_scope = cast(LeaderboardScope, scope)
        if scope == "round" and round_member_ids is None:
            raise UserFacingError("streaks.error.no_active_round")
        settings = await self._settings(community)
        today_day = settings.day_of(self._clock.now())
        today = settings.period(today_day).isoformat()
        month = today_day.strftime("%Y-%m") if scope == "month" else None
        async with self._db.read() as conn:
            community_id = await community_store.find_community(conn, community)
            stale = community_id is not None and await store.rules_of(conn, community_id) not in (
                None, settings.rules.signature)
        if community_id is None:
            return Leaderboard(board_scope, settings.kind, (), CallerStanding(None, 0), month)
        if stale:
            await self._recompute_community(community_id, settings)
        async with self._db.read() as conn:
            caller_id = await community_store.find_member(conn, caller)
            if scope == "round":
                assert round_member_ids is not None
                rows = await store.current_of_members(conn, community_id, round_member_ids, today)
                entries, standing = _rank_all(rows, caller_id)
            else:
                entries, standing = await _board_for(
                    conn, scope, community_id, caller_id, today, month
                )
        return Leaderboard(board_scope, settings.kind, entries, standing, month)

    async def _recompute_community(self, community_id: int, settings: _Settings) -> None:
        today = settings.period(settings.day_of(self._clock.now()))
        async with self._db.transaction() as conn:
            for member_id in await store.members_with_streak_data(conn, community_id):
                counts, _ = await _history(conn, member_id)
                grants = await _grants(conn, member_id)
                days = list(counts)
                state = compute_streak(days, today, settings.rules, grants)
                await store.delete_member_months(conn, member_id)
                await _write_aggregates(conn, settings, community_id, member_id, state, days,
                                        months={_month(d) for d in days})
            await store.set_rules(conn, community_id, settings.rules.signature)

    # --- moderators ------------------------------------------------------------

    async def adjust(
        self, actor: MemberRef, member: MemberRef, day: date, action: str, reason: str,
        display_name: str | None = None,
    ) -> AdjustResult:
        """Add a check-in for ``day`` or remove every check-in of ``day``'s period,
        with an audit row. ``day`` is a local day and may not be in the future."""
        _same_community(actor, member)
        if action not in ADJUST_ACTIONS:
            raise UserFacingError("streaks.error.unknown_action", actions=", ".join(ADJUST_ACTIONS))
        reason = _reason(reason)
        settings = await self._settings(member.community)
        now = self._clock.now()
        today_day = settings.day_of(now)
        if day > today_day:
            raise UserFacingError("streaks.error.future_day", day=day.isoformat(),
                                  today=today_day.isoformat())
        first, last = settings.days_of_period(day)
        async with self._db.transaction() as conn:
            community_id, actor_id, member_id = await _ensure_pair(conn, actor, member,
                                                                    display_name)
            existing = await store.count_checkins_between(
                conn, member_id, first.isoformat(), last.isoformat())
            if action == "add":
                if existing:
                    raise UserFacingError("streaks.error.already_checked_in", day=day.isoformat())
                await store.insert_checkin(conn, store.NewCheckin(
                    community_id=community_id, member_id=member_id,
                    checked_at=_iso_instant(
                        representative_instant(day, settings.zone, settings.rollover_hour)),
                    day=day.isoformat(), source="adjust", created_by=actor.external_id,
                ))
                changed = 1
            else:
                if not existing:
                    raise UserFacingError("streaks.error.nothing_to_remove", day=day.isoformat())
                changed = await store.delete_checkins_between(
                    conn, member_id, first.isoformat(), last.isoformat())
            state = await _refresh(conn, settings, community_id, member_id,
                                   settings.period(today_day),
                                   months={_month(first), _month(last)})
            await store.insert_audit(
                conn, community_id=community_id, actor_member_id=actor_id,
                target_member_id=member_id, at=_iso_instant(now), action=action, reason=reason,
                details=json.dumps({"day": day.isoformat(), "period": first.isoformat(),
                                    "kind": settings.kind, "changed": changed}),
            )
        return AdjustResult(cast(AdjustAction, action), day, first, changed, state.current,
                            state.longest)

    async def grant_freezes(
        self, actor: MemberRef, member: MemberRef, count: int, reason: str,
        display_name: str | None = None,
    ) -> GrantResult:
        """Give ``member`` 1..10 extra freezes, usable from the current period on."""
        _same_community(actor, member)
        if not 1 <= count <= MAX_GRANT:
            raise UserFacingError("streaks.error.grant_count", min=1, max=MAX_GRANT)
        reason = _reason(reason)
        settings = await self._settings(member.community)
        now = self._clock.now()
        today_day = settings.day_of(now)
        async with self._db.transaction() as conn:
            community_id, actor_id, member_id = await _ensure_pair(conn, actor, member,
                                                                    display_name)
            await store.insert_grant(
                conn, community_id=community_id, member_id=member_id,
                granted_at=_iso_instant(now), day=today_day.isoformat(), count=count,
                granted_by=actor_id,
            )
            state = await _refresh(conn, settings, community_id, member_id,
                                   settings.period(today_day), months=set())
            await store.insert_audit(
                conn, community_id=community_id, actor_member_id=actor_id,
                target_member_id=member_id, at=_iso_instant(now), action="grant", reason=reason,
                details=json.dumps({"count": count}),
            )
        rules = settings.rules
        return GrantResult(count, state.freezes_available, earned=state.earned_freezes,
                           granted=state.granted_freezes, cap=rules.freeze_cap,
                           earning=rules.earns_freezes)

    async def history(self, member: MemberRef, limit: int = HISTORY_LIMIT) -> list[AuditRow]:
        """The newest moderator changes to ``member``'s streak, newest first."""
        async with self._db.read() as conn:
            member_id = await community_store.find_member(conn, member)
            records = await store.audit_of(conn, member_id, limit) if member_id else []
        return [
            AuditRow(
                at=datetime.fromisoformat(r.at), action=r.action, reason=r.reason,
                details=json.loads(r.details), actor_id=r.actor_external_id,
                actor_name=r.actor_display_name, target_id=r.target_external_id,
            )
            for r in records
        ]


# --- helpers -------------------------------------------------------------------

_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def clean_text(value: str | None, limit: int, too_long_key: str) -> str | None:
    """``value`` without control characters (line breaks and tabs become spaces,
    bidirectional overrides are dropped), stripped; None when nothing is left.
    Raises ``UserFacingError(too_long_key)`` when longer than ``limit``."""
    if value is None:
        return None
    kept = (
        " " if char.isspace() else char
        for char in value.translate(_BIDI_CONTROLS)
        if char.isspace() or unicodedata.category(char) != "Cc"
    )
    text = "".join(kept).strip()
    if len(text) > limit:
        raise UserFacingError(too_long_key, max=limit, length=len(text))
    return text or None


def _reason(reason: str | None) -> str:
    text = clean_text(reason, MAX_REASON, "streaks.error.reason_length")
    if not text:
        raise UserFacingError("streaks.error.reason_length", max=MAX_REASON, length=0)
    return text


def _same_community(actor: MemberRef, member: MemberRef) -> None:
    if actor.community != member.community:
        raise ValueError("a moderator can only change streaks in their own community")


def _iso_instant(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat()


def _month(day: date) -> str:
    return day.strftime("%Y-%m")


async def _history(
    conn: aiosqlite.Connection, member_id: int
) -> tuple[dict[date, int], str | None]:
    """Check-ins per local day (oldest first) and the latest check-in instant."""
    history = await store.checkin_history(conn, member_id)
    return _counts(history), history.last_at


def _counts(history: store.CheckinHistory) -> dict[date, int]:
    return {date.fromisoformat(d): n for d, n in history.counts.items()}


async def _grants(conn: aiosqlite.Connection, member_id: int) -> list[tuple[date, int]]:
    return _grant_days(await store.grants_of(conn, member_id))


def _grant_days(grants: Sequence[tuple[str, int]]) -> list[tuple[date, int]]:
    return [(date.fromisoformat(day), count) for day, count in grants]


async def _ensure_pair(
    conn: aiosqlite.Connection, actor: MemberRef, member: MemberRef, display_name: str | None
) -> tuple[int, int, int]:
    # The actor's row first, as ever: the community's, then the actor's, then the member's.
    community_id, actor_id = await community_store.ensure_member_ids(conn, actor)
    member_id = await community_store.ensure_member(conn, member, display_name)
    return community_id, actor_id, member_id


async def _refresh(
    conn: aiosqlite.Connection, settings: _Settings, community_id: int, member_id: int,
    today: date, *, months: set[str],
) -> StreakState:
    """Recompute one member's state from storage and rewrite their aggregates."""
    days = list((await _history(conn, member_id))[0])
    state = compute_streak(days, today, settings.rules, await _grants(conn, member_id))
    await _write_aggregates(conn, settings, community_id, member_id, state, days, months=months)
    return state


async def _write_aggregates(
    conn: aiosqlite.Connection, settings: _Settings, community_id: int, member_id: int,
    state: StreakState, days: Sequence[date], *, months: set[str],
) -> None:
    await store.write_stats(conn, _stats_row(member_id, community_id, state))
    for month in months:
        await store.write_month_periods(conn, member_id=member_id, community_id=community_id,
                                        month=month, periods=_periods_in(settings, days, month))
    await store.note_rules(conn, community_id, settings.rules.signature)


def _write_changed_aggregates(
    conn: sqlite3.Connection, settings: _Settings, community_id: int, member_id: int,
    state: StreakState, days: Sequence[date], *, month: str, stored: store.CheckinContext,
) -> None:
    """``_write_aggregates`` for one month, leaving out each statement that would only
    store again what ``stored`` (read in this transaction) already holds."""
    stats = _stats_row(member_id, community_id, state)
    if stats != stored.stats:
        store.write_stats_sync(conn, stats)
    periods = _periods_in(settings, days, month)
    if periods != stored.month_periods:
        store.write_month_periods_sync(conn, member_id=member_id, community_id=community_id,
                                       month=month, periods=periods)
    if stored.rules != settings.rules.signature:
        store.note_rules_sync(conn, community_id, settings.rules.signature)


def _stats_row(member_id: int, community_id: int, state: StreakState) -> store.StatsRow:
    return store.StatsRow(
        member_id=member_id, community_id=community_id, current_run=state.current,
        alive_through=state.alive_through.isoformat() if state.alive_through else None,
        last_period=state.last_period.isoformat() if state.last_period else None,
        longest=state.longest, total_periods=state.total_periods,
    )


def _periods_in(settings: _Settings, days: Sequence[date], month: str) -> int:
    """How many distinct periods ``days`` has in ``month`` (YYYY-MM)."""
    year, number = int(month[:4]), int(month[5:7])  # no strftime per stored day
    return len({settings.period(d) for d in days if d.month == number and d.year == year})


def _bridged_before(state: StreakState, period: date, kind: PeriodKind) -> tuple[date, ...]:
    """The bridged periods immediately before ``period`` (a contiguous range)."""
    bridged = set(state.bridged)
    found = []
    previous = shift_period(period, -1, kind)
    while previous in bridged:
        found.append(previous)
        previous = shift_period(previous, -1, kind)
    return tuple(reversed(found))


def _ranked(rows: Sequence[store.BoardRow]) -> tuple[LeaderboardEntry, ...]:
    """Competition ranking (1, 2, 2, 4) of rows already sorted best first."""
    entries: list[LeaderboardEntry] = []
    for position, row in enumerate(rows, start=1):
        rank = entries[-1].rank if entries and entries[-1].value == row.value else position
        entries.append(LeaderboardEntry(rank, row.external_id, row.display_name, row.value))
    return tuple(entries)


def _rank_all(
    rows: Sequence[store.BoardRow], caller_id: int | None
) -> tuple[tuple[LeaderboardEntry, ...], CallerStanding]:
    """Rank a small set completely (the round scope)."""
    ordered = sorted((r for r in rows if r.value > 0), key=lambda r: (-r.value, r.member_id))
    entries = _ranked(ordered)
    standing = CallerStanding(None, 0)
    for row, entry in zip(ordered, entries, strict=True):
        if row.member_id == caller_id:
            standing = CallerStanding(entry.rank, entry.value)
    return entries[:BOARD_SIZE], standing


async def _board_for(
    conn: aiosqlite.Connection, scope: str, community_id: int, caller_id: int | None,
    today: str, month: str | None,
) -> tuple[tuple[LeaderboardEntry, ...], CallerStanding]:
    """Top ten and the caller's standing from the aggregates."""
    value = 0
    if scope == "month":
        assert month is not None
        rows = await store.top_month(conn, community_id, month, BOARD_SIZE)
        if caller_id is not None:
            value = await store.read_month_periods(conn, caller_id, month)
        above = await store.count_month_above(conn, community_id, month, value) if value else 0
    else:
        stats = await store.read_stats(conn, caller_id) if caller_id is not None else None
        if scope == "current":
            rows = await store.top_current(conn, community_id, today, BOARD_SIZE)
            if stats and stats.alive_through and stats.alive_through >= today:
                value = stats.current_run
            above = await store.count_current_above(conn, community_id, today, value) \
                if value else 0
        else:
            rows = await store.top_longest(conn, community_id, BOARD_SIZE)
            value = stats.longest if stats else 0
            above = await store.count_longest_above(conn, community_id, value) if value else 0
    standing = CallerStanding(above + 1 if value else None, value)
    return _ranked(rows), standing
