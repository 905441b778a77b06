"""The streak service: check-ins, streak summaries, leaderboards and moderator
changes. The rules themselves are in ``bot.streaks.rules``; this module adds the
community's settings, validation, storage and the leaderboard aggregates.

Permission checks are the front end's job: the moderator methods trust that the
caller checked ``actor`` is a moderator.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any, Literal, cast, get_args
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.community import CommunityConfig, CommunityService
from bot.core.actor import Actor
from bot.core.errors import UserFacingError
from bot.core.refs import CommunityRef, MemberRef
from bot.streaks.heatmap import first_day as heatmap_first_day
from bot.streaks.rules import (
    PeriodKind,
    StreakRules,
    StreakState,
    StreakSweep,
    SweepSnapshot,
    compute_streak,
    local_day,
    period_index,
    period_of_day,
    representative_instant,
    shift_period,
    sweep_history,
)
from storage import communities as community_store
from storage import streaks as store
from storage.connection import Connection
from storage.database import Database

MAX_PAPER = 300
MAX_NOTE = 500
MAX_REASON = 300
MAX_GRANT = 10
# Check-ins a member may make on one day: several a day are welcome (each paper read),
# a flood is not. Attendance and moderator corrections are not counted against it.
MAX_CHECKINS_PER_DAY = 50
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
    # Whether the reply to a member's own check-in is posted for the channel to see
    # (the community's ``checkin_replies_public``), so front ends need not read it.
    reply_public: bool = True


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
    # Whether it is shown to the channel (the community's ``checkin_replies_public``).
    reply_public: bool = True


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
    in_period: int  # the member's check-ins in the period of ``day``, this one included
    after: StreakState
    # The freezes earned without this period's check-in, when this was the period's first.
    earned_before: int | None


@dataclass(frozen=True)
class _Settings:
    rules: StreakRules
    zone: ZoneInfo
    rollover_hour: int
    attendance_counts: bool
    replies_public: bool  # a member's own check-in is answered for the channel to see

    @classmethod
    def of(cls, config: CommunityConfig) -> _Settings:
        return cls(
            rules=StreakRules(config.streak_period, config.freeze_every, config.freeze_cap),
            zone=config.zone,
            rollover_hour=config.streak_rollover_hour,
            attendance_counts=config.attendance_counts_as_checkin,
            replies_public=config.checkin_replies_public,
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
        # Each community's settings, made once per configuration the community
        # service hands out (it hands out a new one when a setting changes).
        self._settings_made: dict[CommunityRef, tuple[CommunityConfig, _Settings]] = {}

    async def _settings(self, ref: CommunityRef) -> _Settings:
        config = await self._community.config(ref)
        made = self._settings_made.get(ref)
        if made is None or made[0] is not config:
            made = self._settings_made[ref] = (config, _Settings.of(config))
        return made[1]

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

        def withdraw(conn: Connection) -> bool:
            community_id, member_id = community_store.ensure_member_ids(conn, member)
            day = store.delete_checkin_by_dedupe_key(
                conn, member_id, f"attendance:{session_ref}")
            if day is None:
                return False
            _refresh(conn, settings, community_id, member_id, today, months={day[:7]})
            return True

        return await self._db.write(withdraw)

    async def _record(
        self, member: MemberRef, display_name: str | None, instant: datetime, *, source: str,
        created_by: str, paper: str | None = None, note: str | None = None,
        dedupe_key: str | None = None, settings: _Settings | None = None,
    ) -> CheckinResult:
        resolved = settings or await self._settings(member.community)
        today = resolved.period(resolved.day_of(self._clock.now()))
        asked_day = resolved.day_of(instant)
        capped = source == "checkin"

        # The days whose counts the check-in needs: its day (the cap), its period
        # and its month (the aggregates), read in one statement.
        period_first, period_last = resolved.days_of_period(asked_day)
        month_first = asked_day.replace(day=1)
        span = (min(period_first, month_first).isoformat(),
                max(period_last, _month_end(month_first)).isoformat())

        # One transaction, on the event loop or in the writer's thread (write_brief).
        def record(conn: Connection) -> _Recorded:
            community_id, member_id = community_store.ensure_member_ids(
                conn, member, display_name)
            iso_day = asked_day.isoformat()
            counts = store.day_counts_between(conn, member_id, *span)
            if capped and counts.get(iso_day, 0) >= MAX_CHECKINS_PER_DAY:
                raise UserFacingError("streaks.error.too_many_checkins",
                                      max=MAX_CHECKINS_PER_DAY)
            stored_sweep = store.read_sweep(conn, member_id)
            inserted = store.insert_checkin(conn, store.NewCheckin(
                community_id=community_id, member_id=member_id,
                checked_at=_iso_instant(instant), day=iso_day, source=source,
                created_by=created_by, paper=paper, note=note, dedupe_key=dedupe_key,
            ))
            day = asked_day
            if not inserted:
                assert dedupe_key is not None
                stored_day = store.day_of_dedupe_key(conn, member_id, dedupe_key)
                day = date.fromisoformat(stored_day) if stored_day else day
            sweep = _resumable(stored_sweep, resolved, resolved.period(day), today)
            if sweep is None:
                return _record_from_history(conn, resolved, community_id, member_id, day,
                                            today, inserted)
            assert stored_sweep is not None
            if inserted:  # ``day`` is the asked day: the counts now include this check-in
                counts[iso_day] = counts.get(iso_day, 0) + 1
            return _record_resuming(conn, resolved, community_id, member_id, day, today,
                                    inserted, sweep, stored_sweep, _iso_instant(instant),
                                    counts)

        # Brief: a stored sweep is resumed, so a few rows are read and written (a
        # member without one has their history read once, ~25 ms at 100,000 check-ins).
        recorded = await self._db.write_brief(record)
        day, inserted, after = recorded.day, recorded.inserted, recorded.after
        period = resolved.period(day)
        counted = inserted and recorded.in_period == 1
        bridged: tuple[date, ...] = ()
        earned = False
        if counted:
            assert recorded.earned_before is not None
            bridged = _bridged_before(after, period, resolved.kind)
            earned = after.earned_freezes > recorded.earned_before
        return CheckinResult(
            day=day, period=period, kind=resolved.kind, counted=counted,
            duplicate=not inserted, current=after.current, longest=after.longest,
            bridged=bridged, freezes_left=after.freezes_available, earned_freeze=earned,
            reply_public=resolved.replies_public,
        )

    async def show(self, member: MemberRef) -> StreakSummary:
        """The member's streak as of now (zeros for a member never seen). Reads the
        stored sweep and the heatmap's 26 weeks, not the whole history, unless the
        sweep is stale."""
        settings = await self._settings(member.community)
        today_day = settings.day_of(self._clock.now())
        today = settings.period(today_day)
        window_first = heatmap_first_day(today_day)

        def read(
            conn: Connection,
        ) -> tuple[store.StreakView | None, StreakSweep | None, store.MemberHistory | None]:
            view = store.streak_view(
                conn, member, window_first.isoformat(), today_day.isoformat())
            sweep = _resumable(view.sweep, settings, today, today) if view else None
            if view is not None and sweep is None:
                stored = store.member_history(conn, member)
            else:
                stored = None
            return view, sweep, stored

        # Brief: one statement by key (a member without a current sweep has their
        # history read once, ~25 ms at 100,000 check-ins).
        view, sweep, stored = await self._db.read_brief(read)
        window = view.window if view else {}
        if sweep is not None:
            assert view is not None and view.sweep is not None
            state = sweep.state_at(today)
            total_checkins, last_at = view.sweep.total_checkins, view.sweep.last_at
        else:
            counts = _counts(stored.history) if stored else {}
            grants = _grant_days(stored.grants) if stored else []
            state = compute_streak(counts, today, settings.rules, grants)
            total_checkins = sum(counts.values())
            last_at = stored.history.last_at if stored else None
        return StreakSummary(
            kind=settings.kind, today=today_day, current=state.current, longest=state.longest,
            total_periods=state.total_periods, total_checkins=total_checkins,
            freezes_left=state.freezes_available, next_freeze_in=state.next_freeze_in,
            covered_today=state.covered_today,
            last_checkin_at=datetime.fromisoformat(last_at) if last_at else None,
            freeze_used=state.bridged, counts_by_day=window,
            reply_public=settings.replies_public,
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

        def community_and_staleness(conn: Connection) -> tuple[int | None, bool]:
            community_id = community_store.find_community(conn, community)
            stale = community_id is not None and store.rules_of(conn, community_id) not in (
                None, settings.rules.signature)
            return community_id, stale

        community_id, stale = await self._db.read(community_and_staleness)
        if community_id is None:
            return Leaderboard(board_scope, settings.kind, (), CallerStanding(None, 0), month)
        if stale:
            await self._recompute_community(community_id, settings)

        def board(conn: Connection) -> tuple[CallerStanding, tuple[LeaderboardEntry, ...]]:
            assert community_id is not None
            caller_id = community_store.find_member(conn, caller)
            if scope == "round":
                assert round_member_ids is not None
                rows = store.current_of_members(conn, community_id, round_member_ids, today)
                entries, standing = _rank_all(rows, caller_id)
            else:
                entries, standing = _board_for(
                    conn, scope, community_id, caller_id, today, month
                )
            return standing, entries

        standing, entries = await self._db.read(board)
        return Leaderboard(board_scope, settings.kind, entries, standing, month)

    async def _recompute_community(self, community_id: int, settings: _Settings) -> None:
        today = settings.period(settings.day_of(self._clock.now()))

        def recompute(conn: Connection) -> None:
            for member_id in store.members_with_streak_data(conn, community_id):
                store.delete_member_months(conn, member_id)
                _refresh(conn, settings, community_id, member_id, today, months=None)
            store.set_rules(conn, community_id, settings.rules.signature)

        await self._db.write(recompute)

    # --- moderators ------------------------------------------------------------

    async def adjust(
        self, actor: Actor, member: MemberRef, day: date, action: str, reason: str,
        display_name: str | None = None,
    ) -> AdjustResult:
        """Add a check-in for ``day`` or remove every check-in of ``day``'s period,
        with an audit row. ``day`` is a local day and may not be in the future.
        Moderators only."""
        actor.require_moderator()
        _same_community(actor.member, member)
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

        def change(conn: Connection) -> tuple[int, StreakState]:
            community_id, actor_id, member_id = _ensure_pair(
                conn, actor.member, member, display_name
            )
            existing = store.count_checkins_between(
                conn, member_id, first.isoformat(), last.isoformat())
            if action == "add":
                if existing:
                    raise UserFacingError("streaks.error.already_checked_in", day=day.isoformat())
                store.insert_checkin(conn, store.NewCheckin(
                    community_id=community_id, member_id=member_id,
                    checked_at=_iso_instant(
                        representative_instant(day, settings.zone, settings.rollover_hour)),
                    day=day.isoformat(), source="adjust", created_by=actor.external_id,
                ))
                changed = 1
            else:
                if not existing:
                    raise UserFacingError("streaks.error.nothing_to_remove", day=day.isoformat())
                changed = store.delete_checkins_between(
                    conn, member_id, first.isoformat(), last.isoformat())
            state = _refresh(conn, settings, community_id, member_id,
                             settings.period(today_day), months={_month(first), _month(last)})
            store.insert_audit(
                conn, community_id=community_id, actor_member_id=actor_id,
                target_member_id=member_id, at=_iso_instant(now), action=action, reason=reason,
                details=json.dumps({"day": day.isoformat(), "period": first.isoformat(),
                                    "kind": settings.kind, "changed": changed}),
            )
            return changed, state

        changed, state = await self._db.write(change)
        return AdjustResult(cast(AdjustAction, action), day, first, changed, state.current,
                            state.longest)

    async def grant_freezes(
        self, actor: Actor, member: MemberRef, count: int, reason: str,
        display_name: str | None = None,
    ) -> GrantResult:
        """Give ``member`` 1..10 extra freezes, usable from the current period on.
        Moderators only."""
        actor.require_moderator()
        _same_community(actor.member, member)
        if not 1 <= count <= MAX_GRANT:
            raise UserFacingError("streaks.error.grant_count", min=1, max=MAX_GRANT)
        reason = _reason(reason)
        settings = await self._settings(member.community)
        now = self._clock.now()
        today_day = settings.day_of(now)

        def grant(conn: Connection) -> StreakState:
            community_id, actor_id, member_id = _ensure_pair(
                conn, actor.member, member, display_name
            )
            store.insert_grant(
                conn, community_id=community_id, member_id=member_id,
                granted_at=_iso_instant(now), day=today_day.isoformat(), count=count,
                granted_by=actor_id,
            )
            state = _refresh(conn, settings, community_id, member_id,
                             settings.period(today_day), months=set())
            store.insert_audit(
                conn, community_id=community_id, actor_member_id=actor_id,
                target_member_id=member_id, at=_iso_instant(now), action="grant", reason=reason,
                details=json.dumps({"count": count}),
            )
            return state

        state = await self._db.write(grant)
        rules = settings.rules
        return GrantResult(count, state.freezes_available, earned=state.earned_freezes,
                           granted=state.granted_freezes, cap=rules.freeze_cap,
                           earning=rules.earns_freezes)

    async def history(
        self, actor: Actor, member: MemberRef, limit: int = HISTORY_LIMIT
    ) -> list[AuditRow]:
        """The newest moderator changes to ``member``'s streak, newest first. A member
        may read their own; anyone else's only a moderator (``NotModerator``)."""
        _same_community(actor.member, member)
        if member != actor.member:
            actor.require_moderator()

        def records_of(conn: Connection) -> list[store.AuditRecord]:
            member_id = community_store.find_member(conn, member)
            return store.audit_of(conn, member_id, limit) if member_id else []

        records = await self._db.read(records_of)
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
    if value.isprintable():  # the common case: no control, no space but " "
        text = value.strip()
    else:
        spaces, controls = _space_and_control_patterns()
        text = controls.sub("", spaces.sub(" ", value.translate(_BIDI_CONTROLS))).strip()
    if len(text) > limit:
        raise UserFacingError(too_long_key, max=limit, length=len(text))
    return text or None


@cache
def _space_and_control_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Any white space (``str.isspace``); a control character (category Cc)."""
    return re.compile(r"\s"), re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _reason(reason: str | None) -> str:
    text = clean_text(reason, MAX_REASON, "streaks.error.reason_length")
    if not text:
        raise UserFacingError("streaks.error.reason_length", max=MAX_REASON, length=0)
    return text


def _same_community(actor: MemberRef, member: MemberRef) -> None:
    if actor.community != member.community:
        raise ValueError("an actor can only reach streaks in their own community")


def _iso_instant(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat()


def _month(day: date) -> str:
    """The month of ``day`` as stored: YYYY-MM, the start of its ISO date."""
    return day.isoformat()[:7]


def _counts(history: store.CheckinHistory) -> dict[date, int]:
    return {date.fromisoformat(d): n for d, n in history.counts.items()}


def _grants(conn: Connection, member_id: int) -> list[tuple[date, int]]:
    return _grant_days(store.grants_of(conn, member_id))


def _grant_days(grants: Sequence[tuple[str, int]]) -> list[tuple[date, int]]:
    return [(date.fromisoformat(day), count) for day, count in grants]


def _ensure_pair(
    conn: Connection, actor: MemberRef, member: MemberRef, display_name: str | None
) -> tuple[int, int, int]:
    # The actor's row first, as ever: the community's, then the actor's, then the member's.
    community_id, actor_id = community_store.ensure_member_ids(conn, actor)
    member_id = community_store.ensure_member(conn, member, display_name)
    return community_id, actor_id, member_id


def _refresh(
    conn: Connection, settings: _Settings, community_id: int, member_id: int,
    today: date, *, months: set[str] | None,
) -> StreakState:
    """Recompute one member's state from their whole history and rewrite their
    aggregates and sweep (``months``: the months to rewrite; None: every month)."""
    history = store.checkin_history(conn, member_id)
    grants = _grants(conn, member_id)
    counts = _counts(history)
    days = list(counts)
    state, sweep = _from_history(settings, counts, history.last_at, grants, today)
    store.write_stats(conn, _stats_row(member_id, community_id, state))
    for month in ({_month(d) for d in days} if months is None else months):
        store.write_month_periods(conn, member_id=member_id, community_id=community_id,
                                        month=month, periods=_periods_in(settings, days, month))
    store.note_rules(conn, community_id, settings.rules.signature)
    store.write_sweep(conn, member_id, community_id, sweep)
    return state


def _record_from_history(
    conn: Connection, settings: _Settings, community_id: int, member_id: int, day: date,
    today: date, inserted: bool,
) -> _Recorded:
    """A check-in's transaction when the stored sweep cannot be resumed: the whole
    history is read, and the sweep rebuilt for the next check-in."""
    stored = store.checkin_context(
        conn, member_id=member_id, community_id=community_id, month=_month(day))
    counts = _counts(stored.history)
    grants = _grant_days(stored.grants)
    after, sweep = _from_history(settings, counts, stored.history.last_at, grants, today)
    if inserted:
        _write_changed_aggregates(conn, settings, community_id, member_id, after,
                                  list(counts), month=_month(day), stored=stored)
        store.write_sweep(conn, member_id, community_id, sweep)
    period, period_end = settings.days_of_period(day)
    # A period is a contiguous run of days: comparing dates is much cheaper than
    # finding the period of every stored day (years of history for a keen reader).
    in_period = sum(n for d, n in counts.items() if period <= d <= period_end)
    earned_before = None
    if inserted and in_period == 1:
        earned_before = compute_streak((d for d in counts if not period <= d <= period_end),
                                       today, settings.rules, grants).earned_freezes
    return _Recorded(day, inserted, in_period, after, earned_before)


def _record_resuming(
    conn: Connection, settings: _Settings, community_id: int, member_id: int, day: date,
    today: date, inserted: bool, sweep: StreakSweep, stored: store.StoredSweep, checked_at: str,
    counts: dict[str, int],
) -> _Recorded:
    """A check-in's transaction that resumes the member's stored sweep: its cost does
    not grow with the member's history. ``counts``: the member's check-ins per day
    (ISO) over at least ``day``'s period and month, this check-in included."""
    if not inserted:
        return _Recorded(day, inserted, 0, sweep.state_at(today), None)
    period, period_end = settings.days_of_period(day)
    first, last = period.isoformat(), period_end.isoformat()
    in_period = sum(n for d, n in counts.items() if first <= d <= last)
    earned_before = sweep.earned_freezes_at(today) if in_period == 1 else None
    index = period_index(period, settings.kind)
    if sweep.last is None or index > sweep.last:
        sweep.advance([index])
    after = sweep.state_at(today)
    snapshot = sweep.snapshot()
    store.write_sweep(conn, member_id, community_id, _stored_sweep(
        settings, snapshot, stored.total_checkins + 1, max(stored.last_at or "", checked_at)))
    store.write_stats(conn, _stats_row(member_id, community_id, after))
    month = _month(day)
    store.write_month_periods(
        conn, member_id=member_id, community_id=community_id, month=month,
        periods=_periods_in(settings, [date.fromisoformat(d) for d in counts
                                       if d.startswith(month)], month))
    store.note_rules(conn, community_id, settings.rules.signature)
    return _Recorded(day, inserted, in_period, after, earned_before)


def _resumable(
    stored: store.StoredSweep | None, settings: _Settings, period: date, today: date,
) -> StreakSweep | None:
    """The stored sweep, ready to take a check-in for ``period`` (or to answer for
    ``today``), or None when the whole history must be read: no sweep, stale rules,
    or a period it cannot be resumed with (before its last one or its grants, or
    after today)."""
    if stored is None or stored.rules != settings.rules.signature:
        return None
    kind = settings.kind
    index, today_index = period_index(period, kind), period_index(today, kind)
    if index > today_index or (stored.last is not None and today_index < stored.last):
        return None
    if index != stored.last and stored.position is not None and index < stored.position:
        return None
    return StreakSweep(settings.rules, _snapshot(stored), keep_all_bridged=False)


def _from_history(
    settings: _Settings, counts: dict[date, int], last_at: str | None,
    grants: Sequence[tuple[date, int]], today: date,
) -> tuple[StreakState, store.StoredSweep]:
    """A whole history's state as of ``today`` and its sweep to store, from one pass;
    the sweep is stale when anything lies after ``today`` (it would be counted too
    early if resumed)."""
    sweep, left_out = sweep_history(counts, today, settings.rules, grants)
    stored = _stored_sweep(settings, sweep.snapshot(), sum(counts.values()), last_at,
                           stale=left_out)
    return sweep.state_at(today), stored


def _stored_sweep(
    settings: _Settings, snapshot: SweepSnapshot, total_checkins: int, last_at: str | None,
    *, stale: bool = False,
) -> store.StoredSweep:
    return store.StoredSweep(
        rules=store.STALE_RULES if stale else settings.rules.signature,
        run=snapshot.run, longest=snapshot.longest, credit=snapshot.credit,
        granted=snapshot.granted, position=snapshot.position, last=snapshot.last,
        total_periods=snapshot.total_periods, recent_bridged=snapshot.recent_bridged,
        total_checkins=total_checkins, last_at=last_at or None,
    )


def _snapshot(stored: store.StoredSweep) -> SweepSnapshot:
    return SweepSnapshot(
        run=stored.run, longest=stored.longest, credit=stored.credit, granted=stored.granted,
        position=stored.position, last=stored.last, total_periods=stored.total_periods,
        recent_bridged=stored.recent_bridged,
    )


def _month_end(month_first: date) -> date:
    following = (month_first + timedelta(days=32)).replace(day=1)
    return following - timedelta(days=1)


def _write_changed_aggregates(
    conn: Connection, settings: _Settings, community_id: int, member_id: int,
    state: StreakState, days: Sequence[date], *, month: str, stored: store.CheckinContext,
) -> None:
    """The aggregates of one month, leaving out each statement that would only store
    again what ``stored`` (read in this transaction) already holds."""
    stats = _stats_row(member_id, community_id, state)
    if stats != stored.stats:
        store.write_stats(conn, stats)
    periods = _periods_in(settings, days, month)
    if periods != stored.month_periods:
        store.write_month_periods(conn, member_id=member_id, community_id=community_id,
                                       month=month, periods=periods)
    if stored.rules != settings.rules.signature:
        store.note_rules(conn, community_id, settings.rules.signature)


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


def _board_for(
    conn: Connection, scope: str, community_id: int, caller_id: int | None,
    today: str, month: str | None,
) -> tuple[tuple[LeaderboardEntry, ...], CallerStanding]:
    """Top ten and the caller's standing from the aggregates."""
    value = 0
    if scope == "month":
        assert month is not None
        rows = store.top_month(conn, community_id, month, BOARD_SIZE)
        if caller_id is not None:
            value = store.read_month_periods(conn, caller_id, month)
        above = store.count_month_above(conn, community_id, month, value) if value else 0
    else:
        stats = store.read_stats(conn, caller_id) if caller_id is not None else None
        if scope == "current":
            rows = store.top_current(conn, community_id, today, BOARD_SIZE)
            if stats and stats.alive_through and stats.alive_through >= today:
                value = stats.current_run
            above = store.count_current_above(conn, community_id, today, value) \
                if value else 0
        else:
            rows = store.top_longest(conn, community_id, BOARD_SIZE)
            value = stats.longest if stats else 0
            above = store.count_longest_above(conn, community_id, value) if value else 0
    standing = CallerStanding(above + 1 if value else None, value)
    return _ranked(rows), standing
