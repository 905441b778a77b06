"""Streak rules: pure functions over period keys, no I/O.

Periods
    A check-in instant belongs to the *local day* of the guild's time zone, where a
    day starts at the rollover hour (default 04:00), not at midnight: 01:30 local
    counts for the previous day. The comparison is made on the local wall clock, so
    a day stays one period across DST changes (it is then 23 or 25 hours long).
    Weekly periods start on Monday at the rollover hour. A period is named by a
    ``date``: the local day, or the Monday of the week.

Streaks
    A *run* is a sequence of checked-in periods in which every missed period between
    two of them was bridged by a freeze. The streak counts checked-in periods only:
    a bridged period keeps the run alive but adds nothing. Several check-ins in one
    period count once. The current period is still open, so it is never a miss: a
    streak is current when its last checked-in period is the current or the previous
    period, or when every period missed since then was bridged.

Freezes (``freeze_every`` = N, ``freeze_cap`` = C)
    * Earned: every N checked-in periods of a run earn one freeze. Progress towards
      the next freeze survives spending one, pauses while the member holds C earned
      freezes (check-ins at the cap count for nothing), and is lost when the run
      ends. Example, N = 7, C = 2: ten days in a row give one freeze and 3/7
      progress; a missed day spends the freeze and keeps the 3/7. N = 0 or C = 0
      disables earning.
    * Granted: a moderator grant adds freezes from the start of the period in which
      it was made. Grants have no cap and never rescue a period missed before the
      grant (moderators add a check-in for that instead).
    * Spending, automatic and one freeze per missed period, in period order: a
      missed period is bridged with an earned freeze when the member holds one,
      otherwise with a granted freeze (earned ones go first because only they are
      capped); freezes are interchangeable, so "oldest first" needs no bookkeeping.
      A missed period with no freeze left ends the run, and progress towards the
      next earned freeze restarts with the next run.
    * A granted freeze is spent by the next missed period even when no run is
      going on (it is used up, nothing is bridged). This keeps the rules monotonic:
      adding a check-in can never lower a streak.

Everything is computed in one pass over the distinct periods and grants, with
gaps handled arithmetically: O(periods + grants + freezes spent).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

PeriodKind = Literal["daily", "weekly"]
PeriodKey = date
PERIOD_KINDS: tuple[PeriodKind, ...] = ("daily", "weekly")

_DAYS_PER_PERIOD = {"daily": 1, "weekly": 7}


def local_day(instant_utc: datetime, zone: ZoneInfo, rollover_hour: int) -> date:
    """The local day (rollover hour to rollover hour) that ``instant_utc`` falls in."""
    if instant_utc.tzinfo is None:
        raise ValueError("instant must be timezone-aware")
    if not 0 <= rollover_hour <= 23:
        raise ValueError("rollover_hour must be within 0..23")
    wall = instant_utc.astimezone(zone).replace(tzinfo=None)
    # Naive wall-clock arithmetic on purpose: the rollover is a wall-clock hour.
    return (wall - timedelta(hours=rollover_hour)).date()


def period_of_day(day: date, kind: PeriodKind) -> PeriodKey:
    """The period key of a local day: the day itself, or the Monday of its week."""
    if kind == "daily":
        return day
    if kind == "weekly":
        return day - timedelta(days=day.weekday())
    raise ValueError(f"unknown period kind {kind!r}")


def period_of(
    instant_utc: datetime, zone: ZoneInfo, rollover_hour: int, kind: PeriodKind
) -> PeriodKey:
    """The period (local day, or Monday of the local week) of an aware instant."""
    return period_of_day(local_day(instant_utc, zone, rollover_hour), kind)


def representative_instant(day: date, zone: ZoneInfo, rollover_hour: int) -> datetime:
    """An aware UTC instant inside local ``day`` (twelve wall-clock hours after its
    rollover), used for check-ins added by a moderator for a given day."""
    wall = datetime.combine(day, time(rollover_hour)) + timedelta(hours=12)
    return wall.replace(tzinfo=zone).astimezone(UTC)


def period_index(key: PeriodKey, kind: PeriodKind) -> int:
    """A consecutive integer per period (for distance arithmetic)."""
    # date(1, 1, 1) is a Monday with ordinal 1, so every week maps onto one integer.
    return (key.toordinal() - 1) // _DAYS_PER_PERIOD[kind]


def period_from_index(index: int, kind: PeriodKind) -> PeriodKey:
    """Inverse of ``period_index``."""
    return date.fromordinal(index * _DAYS_PER_PERIOD[kind] + 1)


def shift_period(key: PeriodKey, steps: int, kind: PeriodKind) -> PeriodKey:
    """The period ``steps`` periods after (or before, when negative) ``key``."""
    return period_from_index(period_index(key, kind) + steps, kind)


@dataclass(frozen=True, slots=True)
class StreakRules:
    """How periods and freezes work in one community."""

    kind: PeriodKind = "daily"
    freeze_every: int = 0
    freeze_cap: int = 0

    def __post_init__(self) -> None:
        if self.kind not in PERIOD_KINDS:
            raise ValueError(f"unknown period kind {self.kind!r}")
        if self.freeze_every < 0 or self.freeze_cap < 0:
            raise ValueError("freeze_every and freeze_cap must not be negative")

    @property
    def earns_freezes(self) -> bool:
        return self.freeze_every > 0 and self.freeze_cap > 0

    @property
    def signature(self) -> str:
        """A short text that changes whenever the rules do (for cached aggregates)."""
        return f"{self.kind}:{self.freeze_every}:{self.freeze_cap}"


@dataclass(frozen=True, slots=True)
class StreakState:
    """A member's streak as of ``today``."""

    current: int
    longest: int
    total_periods: int
    freezes_available: int
    earned_freezes: int
    granted_freezes: int
    # Checked-in periods still needed to earn the next freeze (None: not earning).
    next_freeze_in: int | None
    bridged: tuple[PeriodKey, ...]
    covered_today: bool
    last_period: PeriodKey | None
    # The last current period in which the streak still counts as current if no
    # further check-in arrives (None when there is no current streak).
    alive_through: PeriodKey | None


def compute_streak(
    periods: Iterable[PeriodKey],
    today: PeriodKey,
    rules: StreakRules = StreakRules(),
    grants: Iterable[tuple[PeriodKey, int]] = (),
) -> StreakState:
    """Evaluate the rules in the module docstring. ``periods`` are check-in period
    keys (duplicates and any order allowed; periods after ``today`` are ignored),
    ``grants`` are ``(period, count)`` pairs of moderator freeze grants."""
    return sweep_history(periods, today, rules, grants)[0].state_at(today)


def sweep_history(
    periods: Iterable[PeriodKey],
    today: PeriodKey,
    rules: StreakRules = StreakRules(),
    grants: Iterable[tuple[PeriodKey, int]] = (),
) -> tuple[StreakSweep, bool]:
    """The sweep of a whole history up to ``today``, every grant up to then counted
    (``compute_streak`` is its ``state_at(today)``), and whether check-ins or grants
    after ``today`` were left out."""
    kind = rules.kind
    today_index = period_index(today, kind)
    indexes = set(_indexes(periods, kind))
    checked = sorted(i for i in indexes if i <= today_index)
    granted_at: dict[int, int] = {}
    left_out = len(checked) < len(indexes)
    for key, count in grants:
        index = period_index(key, kind)
        if index > today_index:
            left_out = True
        elif count > 0:
            granted_at[index] = granted_at.get(index, 0) + count
    last = checked[-1] if checked else None
    ordered = sorted(granted_at.items())
    split = sum(1 for index, _ in ordered if last is not None and index <= last)
    sweep = StreakSweep(rules)
    sweep.advance(checked, ordered[:split])
    sweep.apply_grants(ordered[split:])
    return sweep, left_out


@dataclass(frozen=True, slots=True)
class SweepSnapshot:
    """A ``StreakSweep`` stopped right after its last checked-in period, to be stored
    and resumed: what a member's whole history amounts to, in a few integers."""

    run: int
    longest: int
    credit: int
    granted: int
    position: int | None  # first period index not yet processed
    last: int | None  # index of the last checked-in period
    total_periods: int
    # The newest bridged periods (at most ``StreakSweep.KEPT_BRIDGED``), oldest first.
    recent_bridged: tuple[int, ...]


class StreakSweep:
    """The one pass of ``compute_streak``, resumable: feed it checked-in periods and
    grants in period order (``advance``), stop and store it (``snapshot``), and ask
    for the state as of any later period (``state_at``). A check-in in a period after
    the last one then costs the same at 10 and at 100,000 stored check-ins."""

    # Bridged periods remembered in a snapshot: enough for what members are shown.
    KEPT_BRIDGED = 32

    def __init__(self, rules: StreakRules, snapshot: SweepSnapshot | None = None,
                 *, keep_all_bridged: bool = True) -> None:
        self.rules = rules
        self._sweep = _Sweep(rules)
        self._keep_all = keep_all_bridged
        self.total_periods = 0
        self.last: int | None = None
        if snapshot is not None:
            sweep = self._sweep
            sweep.run, sweep.longest = snapshot.run, snapshot.longest
            sweep.credit, sweep.granted = snapshot.credit, snapshot.granted
            sweep.position = snapshot.position
            sweep.bridged = list(snapshot.recent_bridged)
            self.total_periods, self.last = snapshot.total_periods, snapshot.last

    def advance(
        self, checked: Iterable[int], grants: Iterable[tuple[int, int]] = ()
    ) -> tuple[int, ...]:
        """Process checked-in period indexes (ascending, distinct, all after ``last``
        and not before ``position``) and the grants up to the last of them (ascending
        ``(index, count)``): grants before or in a block of consecutive check-ins are
        counted before the block, as in ``compute_streak``. Returns the period indexes
        this bridged with freezes, oldest first."""
        sweep = self._sweep
        bridged_before = len(sweep.bridged)
        pending = list(grants)
        pending.reverse()
        for first, last_in_block in _blocks(list(checked)):
            while pending and pending[-1][0] <= last_in_block:
                index, count = pending.pop()
                sweep.miss_until(min(index, first))
                sweep.granted += count
            sweep.miss_until(first)
            sweep.check_in_block(first, last_in_block)
            self.total_periods += last_in_block - first + 1
            self.last = last_in_block
        if pending:
            raise ValueError("grants after the last checked-in period belong to state_at")
        newly_bridged = tuple(sweep.bridged[bridged_before:])
        if not self._keep_all:
            del sweep.bridged[:-self.KEPT_BRIDGED]
        return newly_bridged

    def apply_grants(self, grants: Iterable[tuple[int, int]]) -> None:
        """Count grants made after ``last`` (ascending ``(index, count)``) into the
        sweep, spending freezes on the periods missed before each; later check-ins
        must then come no earlier than ``position``."""
        for index, count in grants:
            self._sweep.miss_until(index)
            self._sweep.granted += count
        if not self._keep_all:
            del self._sweep.bridged[:-self.KEPT_BRIDGED]

    @property
    def position(self) -> int | None:
        """The first period index not yet processed."""
        return self._sweep.position

    def snapshot(self) -> SweepSnapshot:
        """The sweep as it stands, to store and resume later."""
        sweep = self._sweep
        return SweepSnapshot(
            run=sweep.run, longest=sweep.longest, credit=sweep.credit, granted=sweep.granted,
            position=sweep.position, last=self.last, total_periods=self.total_periods,
            recent_bridged=tuple(sweep.bridged[-self.KEPT_BRIDGED:]),
        )

    def earned_freezes_at(self, today: PeriodKey) -> int:
        """``state_at(today).earned_freezes``, without making the rest of the state."""
        sweep = self._sweep.copy()
        sweep.miss_until(period_index(today, self.rules.kind))
        return sweep.earned_freezes

    def state_at(self, today: PeriodKey, grants: Iterable[tuple[int, int]] = ()) -> StreakState:
        """The streak as of ``today`` (not before ``last``), with the grants made after
        ``last`` (ascending ``(index, count)``, none after ``today``). The sweep itself
        is left as it was."""
        kind = self.rules.kind
        today_index = period_index(today, kind)
        sweep = self._sweep.copy()
        for index, count in grants:
            sweep.miss_until(index)
            sweep.granted += count
        sweep.miss_until(today_index)
        earned = sweep.earned_freezes
        available = earned + sweep.granted
        last = self.last
        alive_through = None
        if sweep.run > 0 and last is not None:
            alive_through = period_from_index(max(today_index, last + 1) + available, kind)
        next_freeze_in = None
        if self.rules.earns_freezes and earned < self.rules.freeze_cap:
            next_freeze_in = self.rules.freeze_every - sweep.credit % self.rules.freeze_every
        return StreakState(
            current=sweep.run,
            longest=sweep.longest,
            total_periods=self.total_periods,
            freezes_available=available,
            earned_freezes=earned,
            granted_freezes=sweep.granted,
            next_freeze_in=next_freeze_in,
            bridged=tuple(period_from_index(i, kind) for i in sweep.bridged),
            covered_today=last == today_index,
            last_period=period_from_index(last, kind) if last is not None else None,
            alive_through=alive_through,
        )


def _indexes(periods: Iterable[PeriodKey], kind: PeriodKind) -> Iterable[int]:
    """``period_index`` for many keys, inlined because it is the hot loop."""
    step = _DAYS_PER_PERIOD[kind]
    return ((key.toordinal() - 1) // step for key in periods)


def _blocks(ordered: list[int]) -> Iterable[tuple[int, int]]:
    """Maximal runs of consecutive integers in a sorted list, as (first, last)."""
    if not ordered:
        return
    first = previous = ordered[0]
    for value in ordered[1:]:
        if value != previous + 1:
            yield first, previous
            first = value
        previous = value
    yield first, previous


class _Sweep:
    """The running state while walking periods in order.

    Earned freezes are kept as *credit* counted in check-ins: each checked-in period
    adds one (up to ``cap * N``), a freeze costs N. ``credit // N`` is the number of
    earned freezes and ``credit % N`` the progress towards the next one, which is
    exactly the bank-plus-counter of the docstring with progress paused at the cap.
    """

    def __init__(self, rules: StreakRules) -> None:
        self.every = rules.freeze_every if rules.earns_freezes else 0
        self.credit_cap = self.every * rules.freeze_cap
        self.run = 0
        self.longest = 0
        self.credit = 0
        self.granted = 0
        self.position: int | None = None  # first period not yet processed
        self.bridged: list[int] = []

    @property
    def earned_freezes(self) -> int:
        return self.credit // self.every if self.every else 0

    def copy(self) -> _Sweep:
        twin = _Sweep.__new__(_Sweep)
        twin.__dict__.update(self.__dict__)
        twin.bridged = list(self.bridged)
        return twin

    def check_in_block(self, first: int, last: int) -> None:
        """Process the consecutive checked-in periods ``first..last``."""
        length = last - first + 1
        self.run += length
        self.longest = max(self.longest, self.run)
        if self.every:
            self.credit = min(self.credit + length, self.credit_cap)
        self.position = last + 1

    def miss_until(self, end: int) -> None:
        """Process the missed periods from the current position up to ``end`` (excluded)."""
        start = self.position if self.position is not None else end
        self.position = max(end, start)
        missed = end - start
        if missed <= 0:
            return
        if self.run == 0:
            self.granted -= min(missed, self.granted)
            return
        from_earned = min(missed, self.earned_freezes)
        self.credit -= from_earned * self.every
        from_granted = min(missed - from_earned, self.granted)
        self.granted -= from_granted
        covered = from_earned + from_granted
        self.bridged.extend(range(start, start + covered))
        if covered < missed:
            self.run = 0
            self.credit = 0
