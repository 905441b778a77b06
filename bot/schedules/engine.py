"""The schedule engine: posts every occurrence of every active schedule at most once.

The database is the source of truth. In memory the engine keeps, per active
schedule, its next occurrence (computed from the rule's APScheduler trigger in the
community's current time zone) in one heap. APScheduler (``AsyncIOScheduler``,
in-memory job store) only times things: a single wake-up job is re-armed to the
earliest due instant, and when it fires it calls ``run_due()``, the same method
tests call after moving a ``ManualClock``. One job instead of one job per schedule:
adding 100,000 APScheduler jobs took about 20 s and 340 MB here (measured in
``benchmarks/bench_schedules.py``); loading the heap takes under a second, because
each schedule's next occurrence is also stored (``next_fire``, valid for the zone it
was computed in) and recomputed from the trigger only when missing or stale.

Delivering one occurrence:

1. *Claim*, in one transaction: the delivery row is inserted as ``sending`` (the
   key (schedule, occurrence) makes a second claim a no-op) and the schedule's
   ``handled_until`` moves to the occurrence, so no restart claims it again.
2. *Post* with a nonce derived from (schedule, occurrence); Discord drops a repeat
   of the same nonce sent within a few minutes.
3. *Record* ``sent``/``late`` with the message id (or ``failed``), in one transaction.

A row found ``sending`` at start-up (a crash between 2 and 3) is re-sent with the
same nonce only if its first attempt started less than ``resend_window`` (4 min)
ago, otherwise it is marked ``failed`` ("uncertain after crash"): never posted
twice. Transient errors are retried with backoff, every retry inside that window.

Missed occurrences (the bot was down, or the clock jumped): per schedule only the
latest one is posted, marked late, if it is within the community's
``missed_grace_hours``; the others are recorded as ``skipped`` with a reason, and
moderators hear about those older than the grace period.
"""

from __future__ import annotations

import asyncio
import hashlib
import heapq
import itertools
import logging
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.clock import Clock
from bot.community import CommunityConfig, CommunityService
from bot.i18n import Catalog, Lang
from bot.identity import ChannelRef, CommunityRef
from bot.ports import ChannelUnavailable, OutgoingMessage, Poster, TransientDeliveryError
from bot.schedules.parse import WallClockCronTrigger, format_local, next_after, parse_rule
from storage import schedules as store
from storage.database import Database
from storage.schedules import DeliveryOutcome, NewDelivery, Schedule

log = logging.getLogger(__name__)

Renderer = Callable[[Schedule, datetime, bool], Awaitable[OutgoingMessage]]
"""Builds the message of one occurrence: ``(schedule, occurrence_utc, late)``."""

UTC_ZONE = ZoneInfo("UTC")
WAKEUP_JOB = "schedules.wakeup"
ZONE_SWEEP_JOB = "schedules.zone_sweep"
# Discord deduplicates an enforced nonce for a few minutes; stay inside that.
NONCE_WINDOW = timedelta(minutes=4)
NONCE_MAX = 25
DEFAULT_RETRY_DELAYS = (5.0, 15.0, 30.0, 60.0)
BATCH_SIZE = 500
# A catch-up walk longer than this (a very long outage of a frequent rule) jumps
# ahead to the grace window; at most this many older skips are written as rows.
MAX_CATCH_UP_STEPS = 5_000
MAX_SKIP_ROWS = 50

REASON_COLLAPSED = "missed while offline; a later occurrence was posted instead"
REASON_TOO_OLD = "missed while offline; older than the grace period ({hours} h)"
REASON_UNCERTAIN = "uncertain after crash"


def _by_anchor(timing: store.ScheduleTiming) -> datetime:
    return timing.handled_until


def delivery_nonce(schedule_id: int, occurrence: datetime) -> str:
    """The stable nonce of one occurrence (at most 25 characters, as Discord allows)."""
    nonce = f"s{schedule_id}t{int(occurrence.timestamp())}"
    if len(nonce) <= NONCE_MAX:
        return nonce
    return hashlib.sha256(nonce.encode()).hexdigest()[:NONCE_MAX]


@dataclass(slots=True, eq=False)
class _Entry:
    """An active schedule as the engine times it."""

    schedule_id: int
    community: CommunityRef
    rule: str
    zone: str
    next_fire: datetime  # UTC
    token: int = -1  # sequence number of its live heap item; -1 while in flight


@dataclass(slots=True, eq=False)
class _Retry:
    """A delivery that failed transiently and waits for its next attempt."""

    schedule_id: int
    occurrence: datetime
    late: bool
    attempts: int  # attempts made so far
    first_attempt: datetime


@dataclass(slots=True)
class _Claim:
    schedule: Schedule
    occurrence: datetime
    late: bool
    attempts: int  # attempts made before this one
    first_attempt: datetime


@dataclass(slots=True)
class _Plan:
    entry: _Entry
    config: CommunityConfig
    deliver: datetime | None
    late: bool
    skipped: list[NewDelivery] = field(default_factory=list)
    too_old_count: int = 0
    too_old_last: datetime | None = None
    handled_until: datetime | None = None
    following: datetime | None = None  # the next occurrence after handled_until


@dataclass(frozen=True, slots=True)
class _Notice:
    community: CommunityRef
    key: str
    schedule_id: int
    when: datetime | None = None
    params: tuple[tuple[str, Any], ...] = ()


@dataclass
class _Batch:
    outcomes: list[DeliveryOutcome] = field(default_factory=list)
    pauses: list[tuple[int, str]] = field(default_factory=list)
    finished: list[int] = field(default_factory=list)
    retries: list[tuple[float, _Retry]] = field(default_factory=list)
    notices: list[_Notice] = field(default_factory=list)
    progress: list[store.Progress] = field(default_factory=list)


class ScheduleEngine:
    """Times and delivers scheduled messages; see the module docstring."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        poster: Poster | None,
        community_service: CommunityService,
        renderers: Mapping[str, Renderer] | None = None,
        *,
        texts: Catalog,
        default_language: Lang = "ko",
        retry_delays: Sequence[float] = DEFAULT_RETRY_DELAYS,
        resend_window: timedelta = NONCE_WINDOW,
        late_after: timedelta = timedelta(minutes=1),
        max_parallel_posts: int = 32,
        post_timeout: float = 60.0,
        realtime: bool = True,
        zone_sweep_seconds: float = 60.0,
    ) -> None:
        """``realtime=False`` leaves timing to whoever calls ``run_due`` (tests)."""
        self._db = db
        self._clock = clock
        self._poster = poster
        self._community = community_service
        self._renderers: dict[str, Renderer] = dict(renderers or {})
        self._texts = texts
        self._default_language = default_language
        self._retry_delays = tuple(retry_delays)
        self._resend_window = resend_window
        self._late_after = late_after
        self._post_slots = asyncio.Semaphore(max_parallel_posts)
        self._post_timeout = post_timeout
        self._realtime = realtime
        self._zone_sweep_seconds = zone_sweep_seconds

        self._entries: dict[int, _Entry] = {}
        self._by_community: dict[CommunityRef, set[int]] = defaultdict(set)
        self._heap: list[tuple[float, int, _Entry | _Retry]] = []
        self._sequence = itertools.count()
        self._triggers: dict[tuple[str, str], BaseTrigger] = {}
        self._rules: dict[str, BaseTrigger] = {}  # rule -> its trigger in UTC
        self._scheduler: AsyncIOScheduler | None = None
        self._armed_for: float | None = None
        self._runs: set[asyncio.Future[None]] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._started = False

    # --- wiring and life cycle ------------------------------------------------------

    def register_renderer(self, kind: str, renderer: Renderer) -> None:
        """Let schedules of ``kind`` be delivered by ``renderer`` (one per kind)."""
        if kind in self._renderers:
            raise ValueError(f"a renderer for {kind!r} is already registered")
        self._renderers[kind] = renderer

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self._renderers)

    @property
    def started(self) -> bool:
        return self._started

    async def start(
        self, poster: Poster | None = None, *, platforms: Collection[str] | None = None
    ) -> None:
        """Rebuild the timing of every active schedule from the database, recover
        deliveries interrupted by a crash, and start the timer. Missed occurrences
        are handled by the first ``run_due`` (at once, when the timer runs).

        ``platforms`` limits the engine to the communities this process serves: a
        Discord-only process leaves a Slack workspace's schedules untouched (neither
        posted nor paused) for the process that serves Slack."""
        if self._started:
            return
        if poster is not None:
            self._poster = poster
        if self._poster is None:
            raise RuntimeError("the schedule engine needs a poster to start")
        now = self._clock.now()
        self._entries.clear()
        self._by_community.clear()
        self._heap.clear()
        async with self._db.read() as conn:
            timings = await store.load_active_timings(conn)
            sending = await store.sending_deliveries(conn)
        if platforms is not None:
            unserved = {t.id for t in timings if t.community.platform not in platforms}
            timings = [t for t in timings if t.id not in unserved]
            sending = [d for d in sending if d.schedule_id not in unserved]
        configs = await self._community.configs({timing.community for timing in timings})
        ended, unreadable, computed = self._load_entries(timings, configs)
        batch = self._recover_sending(sending, now)
        batch.progress.extend(computed)
        in_flight = {retry.schedule_id for _, retry in batch.retries}
        batch.finished.extend(i for i in ended if i not in in_flight)
        batch.pauses.extend((i, "rule could not be read") for i in unreadable)
        await self._record(batch)
        for due, retry in batch.retries:
            self._push(due, retry)
        self._started = True
        if self._realtime:
            self._scheduler = AsyncIOScheduler(timezone=UTC)
            self._scheduler.start()
            self._scheduler.add_job(
                self._on_zone_sweep, IntervalTrigger(seconds=self._zone_sweep_seconds),
                id=ZONE_SWEEP_JOB, replace_existing=True, coalesce=True, max_instances=1,
            )
        self._arm()
        await self._send_notices(batch.notices)
        log.info("schedule engine started: %d active schedules (%d timed afresh), "
                 "%d interrupted deliveries", len(self._entries), len(computed), len(sending))

    async def shutdown(self) -> None:
        """Stop the timer and let running deliveries finish (up to 30 s)."""
        if self._scheduler is not None:
            scheduler, self._scheduler = self._scheduler, None
            try:
                scheduler.shutdown(wait=False)
            except Exception:
                log.exception("stopping APScheduler failed")
        self._armed_for = None
        pending: list[asyncio.Future[None]] = [run for run in self._runs if not run.done()]
        pending += [task for task in self._tasks if not task.done()]
        if pending:
            _, late = await asyncio.wait(pending, timeout=30)
            if late:
                log.warning("%d schedule runs still busy at shutdown", len(late))
        self._started = False

    # --- what services call ---------------------------------------------------------

    async def track(self, schedule: Schedule) -> datetime | None:
        """Start (or restart) timing ``schedule`` from its ``handled_until``; returns
        its next occurrence (UTC), or None when it has none left."""
        self.forget(schedule.id)
        if schedule.status != store.ACTIVE:
            return None
        config = await self._community.config(schedule.community)
        next_fire = self._next_after(schedule.rule, config.timezone, schedule.handled_until)
        if next_fire is None:
            if not self._recurring(schedule.rule):
                async with self._db.transaction() as conn:
                    await store.finish_active(conn, [schedule.id])
            return None
        async with self._db.transaction() as conn:
            await store.record_progress(
                conn, [store.Progress(schedule.id, None, next_fire, config.timezone)])
        entry = _Entry(schedule.id, schedule.community, schedule.rule, config.timezone, next_fire)
        self._add_entry(entry)
        self._arm()
        return next_fire

    def forget(self, schedule_id: int) -> None:
        """Stop timing a schedule (paused or removed); a delivery in flight completes."""
        entry = self._entries.pop(schedule_id, None)
        if entry is not None:
            entry.token = -1
            members = self._by_community.get(entry.community)
            if members is not None:
                members.discard(schedule_id)
                if not members:
                    del self._by_community[entry.community]

    def next_fire(self, schedule_id: int) -> datetime | None:
        """When the schedule fires next (UTC), if the engine is timing it."""
        entry = self._entries.get(schedule_id)
        return entry.next_fire if entry is not None else None

    async def community_changed(self, community: CommunityRef) -> None:
        """Re-time a community's schedules after its settings changed (time zone).
        Occurrences before now under the new zone are passed over, not posted late."""
        config = await self._community.config(community)
        now = self._clock.now()
        moved = []
        passed: list[int] = []
        for schedule_id in list(self._by_community.get(community, ())):
            entry = self._entries[schedule_id]
            if entry.zone == config.timezone or entry.token == -1:
                continue
            self.forget(schedule_id)
            next_fire = self._next_after(entry.rule, config.timezone, now)
            moved.append(store.Progress(schedule_id, now, next_fire, config.timezone))
            if next_fire is not None:
                self._add_entry(_Entry(schedule_id, community, entry.rule, config.timezone,
                                       next_fire))
            elif not self._recurring(entry.rule):
                passed.append(schedule_id)
                log.warning("schedule %s: its one-off time has passed in the new time zone "
                            "%s; marked finished", schedule_id, config.timezone)
        if moved:
            async with self._db.transaction() as conn:
                await store.record_progress(conn, moved)
                await store.finish_active(conn, passed)
            log.info("re-timed %d schedules of %s for time zone %s", len(moved),
                     community.external_id, config.timezone)
            self._arm()

    async def sync_zones(self) -> None:
        """Re-time every community whose time zone changed since it was timed."""
        for community in list(self._by_community):
            config = await self._community.config(community)
            ids = self._by_community.get(community, ())
            if any(self._entries[i].zone != config.timezone for i in ids if i in self._entries):
                await self.community_changed(community)

    async def run_due(self, *, at_least: datetime | None = None) -> int:
        """Deliver everything due at the clock's now (or at ``at_least`` if later):
        occurrences, retries and missed runs. Returns the number of posts attempted.

        APScheduler's wake-up job calls this; tests call it after moving the clock.
        It returns once every run started before it has finished too.
        """
        now = self._clock.now()
        if at_least is not None and at_least > now:
            now = at_least
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._runs.add(done)
        attempted = 0
        try:
            entries, retries = self._pop_due(now)
            batches = [entries[i : i + BATCH_SIZE] for i in range(0, len(entries), BATCH_SIZE)]
            counts = await asyncio.gather(
                *(self._run_occurrences(batch, now) for batch in batches),
                self._run_retries(retries, now),
                return_exceptions=True,
            )
            for count in counts:
                if isinstance(count, BaseException):
                    log.error("schedule batch failed", exc_info=count)
                else:
                    attempted += count
        except Exception:
            log.exception("schedule run failed at %s", now.isoformat())
        finally:
            done.set_result(None)
            self._runs.discard(done)
            self._arm()
        others = [run for run in self._runs if not run.done()]
        if others:
            await asyncio.gather(*others)
        return attempted

    # --- timing ---------------------------------------------------------------------

    def _trigger(self, rule: str, zone: str) -> BaseTrigger:
        key = (rule, zone)
        trigger = self._triggers.get(key)
        if trigger is None:
            if len(self._triggers) > 50_000:
                self._triggers.clear()
                self._rules.clear()
            base = self._rules.get(rule)
            if base is None:
                base = self._rules[rule] = parse_rule(rule).trigger(UTC_ZONE)
            # Compiling a cron trigger is the expensive part; other zones reuse it.
            trigger = self._triggers[key] = (
                base.with_zone(ZoneInfo(zone)) if isinstance(base, WallClockCronTrigger)
                else parse_rule(rule).trigger(ZoneInfo(zone))
            )
        return trigger

    @staticmethod
    def _recurring(rule: str) -> bool:
        return rule.startswith("cron ")  # canonical rules: "cron ..." or "at ..."

    def _next_after(self, rule: str, zone: str, after: datetime) -> datetime | None:
        found = next_after(self._trigger(rule, zone), after)
        return found.astimezone(UTC) if found is not None else None

    def _load_entries(
        self,
        timings: Sequence[store.ScheduleTiming],
        configs: Mapping[CommunityRef, CommunityConfig],
    ) -> tuple[list[int], list[int], list[store.Progress]]:
        """Time every loaded schedule. A stored next occurrence is used while it was
        computed in the community's current zone and lies after ``handled_until``;
        the others are computed from their triggers (and returned, to be stored),
        walking each (rule, zone) in ``handled_until`` order so each gap between
        occurrences is computed once. Returns (ended, unreadable, computed)."""
        items: list[tuple[float, int, _Entry | _Retry]] = []
        entries = self._entries
        sequence = self._sequence
        groups: dict[tuple[str, str], list[store.ScheduleTiming]] = defaultdict(list)
        for timing in timings:
            zone = configs[timing.community].timezone
            cached = timing.next_fire
            if cached is None or timing.next_fire_zone != zone or cached <= timing.handled_until:
                groups[(timing.rule, zone)].append(timing)
                continue
            token = next(sequence)
            entry = _Entry(timing.id, timing.community, timing.rule, zone, cached, token)
            entries[timing.id] = entry
            items.append((cached.timestamp(), token, entry))
        ended: list[int] = []
        unreadable: list[int] = []
        computed: list[store.Progress] = []
        for (rule, zone), members in groups.items():
            try:
                self._trigger(rule, zone)
            except ValueError:
                log.error("schedules %s have an unreadable rule %r; pausing them",
                          [m.id for m in members], rule)
                unreadable.extend(m.id for m in members)
                continue
            members.sort(key=_by_anchor)
            since: datetime | None = None
            following: datetime | None = None
            due = 0.0
            for member in members:
                anchor = member.handled_until
                if since is None or not (following is None or anchor < following):
                    following = self._next_after(rule, zone, anchor)
                    since = anchor
                    due = following.timestamp() if following is not None else 0.0
                if following is None:
                    ended.append(member.id)
                    continue
                computed.append(store.Progress(member.id, None, following, zone))
                token = next(sequence)
                entry = _Entry(member.id, member.community, rule, zone, following, token)
                entries[member.id] = entry
                items.append((due, token, entry))
        by_community = self._by_community
        for entry_id, entry in entries.items():
            by_community[entry.community].add(entry_id)
        self._heap.extend(items)
        heapq.heapify(self._heap)
        return ended, unreadable, computed

    def _add_entry(self, entry: _Entry) -> None:
        self._entries[entry.schedule_id] = entry
        self._by_community[entry.community].add(entry.schedule_id)
        self._push(entry.next_fire.timestamp(), entry)

    def _push(self, due: float, item: _Entry | _Retry) -> None:
        sequence = next(self._sequence)
        if isinstance(item, _Entry):
            item.token = sequence
        heapq.heappush(self._heap, (due, sequence, item))

    def _is_live(self, sequence: int, item: _Entry | _Retry) -> bool:
        if isinstance(item, _Retry):
            return True
        return item.token == sequence and self._entries.get(item.schedule_id) is item

    def _pop_due(self, now: datetime) -> tuple[list[_Entry], list[_Retry]]:
        limit = now.timestamp()
        entries: list[_Entry] = []
        retries: list[_Retry] = []
        while self._heap and self._heap[0][0] <= limit:
            _, sequence, item = heapq.heappop(self._heap)
            if not self._is_live(sequence, item):
                continue
            if isinstance(item, _Retry):
                retries.append(item)
            else:
                item.token = -1
                entries.append(item)
        return entries, retries

    def _arm(self) -> None:
        """Point the APScheduler wake-up job at the earliest live heap item."""
        while self._heap and not self._is_live(self._heap[0][1], self._heap[0][2]):
            heapq.heappop(self._heap)
        scheduler = self._scheduler
        if scheduler is None:
            return
        if not self._heap:
            if self._armed_for is not None:
                self._armed_for = None
                try:
                    scheduler.remove_job(WAKEUP_JOB)
                except Exception:  # already ran and was removed
                    pass
            return
        due = self._heap[0][0]
        if self._armed_for == due and scheduler.get_job(WAKEUP_JOB) is not None:
            return
        self._armed_for = due
        # APScheduler waits on the real clock; the delay is measured on ours, so a
        # manual clock in tests never makes the timer fire early.
        delay = max(0.0, due - self._clock.now().timestamp())
        run_at = datetime.now(UTC) + timedelta(seconds=delay)
        scheduler.add_job(
            self._on_timer, DateTrigger(run_date=run_at), id=WAKEUP_JOB,
            kwargs={"armed_for": due}, replace_existing=True, misfire_grace_time=None,
            coalesce=True, max_instances=4,
        )

    async def _on_timer(self, armed_for: float) -> None:
        if self._armed_for == armed_for:
            self._armed_for = None
        # Run outside APScheduler's task: its executor cancels running jobs when it
        # shuts down, which would cut a delivery between post and record.
        task = asyncio.create_task(self._timer_run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _timer_run(self) -> None:
        try:
            await self.run_due()
        except Exception:
            log.exception("schedule wake-up failed")
            self._arm()

    async def _on_zone_sweep(self) -> None:
        try:
            await self.sync_zones()
        except Exception:
            log.exception("time zone sweep failed")

    # --- occurrences ----------------------------------------------------------------

    async def _run_occurrences(self, entries: list[_Entry], now: datetime) -> int:
        plans: list[_Plan] = []
        for entry in entries:
            if entry.next_fire > now:  # requeued early; not due yet
                self._push(entry.next_fire.timestamp(), entry)
                continue
            try:
                config = await self._community.config(entry.community)
                if config.timezone != entry.zone:
                    self._retime(entry, config.timezone, now)
                    continue
                plans.append(self._plan(entry, config, now))
            except Exception:
                log.exception("planning schedule %s failed; trying again later", entry.schedule_id)
                self._requeue(entry, now)
        if not plans:
            return 0
        try:
            claims, batch = await self._claim(plans, now)
        except Exception:
            log.exception("claiming %d occurrences failed; trying again later", len(plans))
            for plan in plans:
                self._requeue(plan.entry, now)
            return 0
        for plan in plans:
            self._reschedule(plan)
        self._arm()
        await self._attempt(claims, batch, now)
        return len(claims)

    def _plan(self, entry: _Entry, config: CommunityConfig, now: datetime) -> _Plan:
        """Which occurrence of ``entry`` up to ``now`` to post, which to skip."""
        window_start = now - max(timedelta(hours=config.missed_grace_hours), self._late_after)
        plan = _Plan(entry, config, deliver=None, late=False)
        too_old: deque[datetime] = deque(maxlen=MAX_SKIP_ROWS)
        recent: list[datetime] = []
        cursor: datetime | None = entry.next_fire
        steps = 0
        while cursor is not None and cursor <= now:
            if cursor < window_start:
                too_old.append(cursor)
                plan.too_old_count += 1
            else:
                recent.append(cursor)
            steps += 1
            if steps == MAX_CATCH_UP_STEPS and cursor < window_start:
                cursor = self._jump(entry, window_start, cursor)
                continue
            cursor = self._next_after(entry.rule, entry.zone, cursor)
        hours = f"{config.missed_grace_hours:g}"
        for occurrence in too_old:
            plan.skipped.append(NewDelivery(
                entry.schedule_id, occurrence, store.SKIPPED, finished_at=now,
                reason=REASON_TOO_OLD.format(hours=hours)))
        if too_old:
            plan.too_old_last = too_old[-1]
        if recent:
            plan.deliver = recent[-1]
            plan.late = now - recent[-1] > self._late_after
            plan.skipped.extend(
                NewDelivery(entry.schedule_id, occurrence, store.SKIPPED, finished_at=now,
                            reason=REASON_COLLAPSED)
                for occurrence in recent[:-1]
            )
        latest = recent[-1] if recent else (too_old[-1] if too_old else None)
        plan.handled_until = latest
        plan.following = self._next_after(entry.rule, entry.zone, latest or entry.next_fire)
        if plan.too_old_count:
            log.warning("schedule %s: %d missed occurrences older than %s h skipped (last %s)",
                        entry.schedule_id, plan.too_old_count, hours,
                        plan.too_old_last.isoformat() if plan.too_old_last else "?")
        if len(recent) > 1:
            log.info("schedule %s: %d missed occurrences collapsed into the one at %s",
                     entry.schedule_id, len(recent) - 1, recent[-1].isoformat())
        return plan

    def _jump(self, entry: _Entry, window_start: datetime, cursor: datetime) -> datetime | None:
        """After a very long catch-up walk, continue from the grace window."""
        log.warning("schedule %s: catch-up walk too long; jumping to %s",
                    entry.schedule_id, window_start.isoformat())
        return self._next_after(entry.rule, entry.zone, max(cursor, window_start))

    async def _claim(self, plans: list[_Plan], now: datetime) -> tuple[list[_Claim], _Batch]:
        """One transaction: write skipped rows, insert the 'sending' rows and move
        ``handled_until``; returns what to post. A key that exists is not claimed."""
        batch = _Batch()
        claims: list[_Claim] = []
        async with self._db.transaction() as conn:
            current = await store.get_schedules(conn, [p.entry.schedule_id for p in plans])
            live = []
            for plan in plans:
                found = current.get(plan.entry.schedule_id)
                if found is not None and found.status == store.ACTIVE:
                    live.append(plan)
                else:
                    self.forget(plan.entry.schedule_id)
            keys = [(p.entry.schedule_id, p.deliver) for p in live if p.deliver is not None]
            taken = await store.existing_deliveries(conn, keys)
            rows: list[NewDelivery] = []
            progress: list[store.Progress] = []
            for plan in live:
                schedule = current[plan.entry.schedule_id]
                rows.extend(plan.skipped)
                if plan.too_old_count:
                    batch.notices.append(_Notice(
                        schedule.community, "schedules.notice.skipped", schedule.id,
                        plan.too_old_last, (("count", plan.too_old_count),
                                            ("hours", f"{plan.config.missed_grace_hours:g}"))))
                if plan.deliver is not None and (schedule.id, plan.deliver) not in taken:
                    rows.append(NewDelivery(
                        schedule.id, plan.deliver, store.SENDING, late=plan.late,
                        nonce=delivery_nonce(schedule.id, plan.deliver), attempts=1,
                        attempted_at=now))
                    claims.append(_Claim(schedule, plan.deliver, plan.late, 0, now))
                elif plan.deliver is None and not self._recurring(schedule.rule):
                    batch.finished.append(schedule.id)  # a one-off skipped entirely
                progress.append(store.Progress(schedule.id, plan.handled_until,
                                               plan.following, plan.entry.zone))
            await store.insert_deliveries(conn, rows)
            await store.record_progress(conn, progress)
            await store.finish_active(conn, batch.finished)
        batch.finished.clear()
        return claims, batch

    def _reschedule(self, plan: _Plan) -> None:
        entry = plan.entry
        if self._entries.get(entry.schedule_id) is not entry:
            return  # paused, removed or re-tracked meanwhile
        following = plan.following
        if following is None:
            self.forget(entry.schedule_id)
            return
        entry.next_fire = following
        self._push(following.timestamp(), entry)

    def _retime(self, entry: _Entry, zone: str, now: datetime) -> None:
        self.forget(entry.schedule_id)
        following = self._next_after(entry.rule, zone, now)
        if following is not None:
            self._add_entry(_Entry(entry.schedule_id, entry.community, entry.rule, zone,
                                   following))

    def _requeue(self, entry: _Entry, now: datetime) -> None:
        if self._entries.get(entry.schedule_id) is entry:
            delay = self._retry_delays[0] if self._retry_delays else 30.0
            self._push(now.timestamp() + delay, entry)

    # --- posting --------------------------------------------------------------------

    async def _run_retries(self, retries: list[_Retry], now: datetime) -> int:
        if not retries:
            return 0
        async with self._db.read() as conn:
            current = await store.get_schedules(conn, [r.schedule_id for r in retries])
        batch = _Batch()
        claims: list[_Claim] = []
        for retry in retries:
            schedule = current.get(retry.schedule_id)
            if schedule is None:
                continue  # removed; its delivery rows went with it
            if schedule.status != store.ACTIVE:
                self._fail(batch, schedule, retry.occurrence, retry.attempts,
                           "schedule paused before the retry", notify=False, now=now)
            elif now - retry.first_attempt >= self._resend_window:
                self._fail(batch, schedule, retry.occurrence, retry.attempts,
                           "retry window passed", notify=True, now=now)
            else:
                claims.append(_Claim(schedule, retry.occurrence, retry.late, retry.attempts,
                                     retry.first_attempt))
        await self._attempt(claims, batch, now)
        return len(claims)

    async def _attempt(self, claims: list[_Claim], batch: _Batch, now: datetime) -> None:
        results = await asyncio.gather(*(self._post(claim) for claim in claims))
        finished_at = self._clock.now()
        for claim, (kind, detail) in zip(claims, results, strict=True):
            schedule, attempts = claim.schedule, claim.attempts + 1
            one_off = not self._recurring(schedule.rule)
            if kind == "sent":
                batch.outcomes.append(DeliveryOutcome(
                    schedule.id, claim.occurrence, store.LATE if claim.late else store.SENT,
                    attempts, message_id=detail, finished_at=finished_at))
                if one_off:
                    batch.finished.append(schedule.id)
            elif kind == "unavailable":
                reason = f"channel unavailable: {detail}"[:300]
                batch.outcomes.append(DeliveryOutcome(
                    schedule.id, claim.occurrence, store.FAILED, attempts,
                    finished_at=finished_at, reason=reason))
                batch.pauses.append((schedule.id, reason))
                self.forget(schedule.id)
                batch.notices.append(_Notice(schedule.community, "schedules.notice.paused",
                                             schedule.id, None,
                                             (("channel", schedule.channel_id),)))
                log.warning("schedule %s paused: %s", schedule.id, reason)
            elif kind == "transient" and self._may_retry(claim, attempts):
                delay = self._retry_delays[attempts - 1]
                batch.outcomes.append(DeliveryOutcome(
                    schedule.id, claim.occurrence, store.SENDING, attempts,
                    reason=f"attempt {attempts} failed: {detail}"[:300]))
                batch.retries.append((finished_at.timestamp() + delay, _Retry(
                    schedule.id, claim.occurrence, claim.late, attempts, claim.first_attempt)))
                log.info("schedule %s: attempt %d failed (%s); retrying in %.0f s",
                         schedule.id, attempts, detail, delay)
            else:
                reason = f"gave up after {attempts} attempts: {detail}" if kind == "transient" \
                    else f"failed: {detail}"
                self._fail(batch, schedule, claim.occurrence, attempts, reason[:300],
                           notify=True, now=finished_at)
        await self._record(batch)
        for due, retry in batch.retries:
            self._push(due, retry)
        self._arm()
        await self._send_notices(batch.notices)

    def _may_retry(self, claim: _Claim, attempts: int) -> bool:
        if attempts > len(self._retry_delays):
            return False
        delay = timedelta(seconds=self._retry_delays[attempts - 1])
        return self._clock.now() + delay - claim.first_attempt < self._resend_window

    def _fail(self, batch: _Batch, schedule: Schedule, occurrence: datetime, attempts: int,
              reason: str, *, notify: bool, now: datetime) -> None:
        batch.outcomes.append(DeliveryOutcome(
            schedule.id, occurrence, store.FAILED, attempts, finished_at=now, reason=reason))
        if not self._recurring(schedule.rule):
            batch.finished.append(schedule.id)
        if notify:
            batch.notices.append(_Notice(schedule.community, "schedules.notice.failed",
                                         schedule.id, occurrence, (("attempts", attempts),)))
        log.warning("schedule %s occurrence %s failed: %s", schedule.id,
                    occurrence.isoformat(), reason)

    async def _post(self, claim: _Claim) -> tuple[str, str]:
        """One attempt: ``(outcome, detail)`` with outcome sent (detail = message id),
        unavailable, transient or error. Never raises."""
        schedule = claim.schedule
        renderer = self._renderers.get(schedule.kind)
        if renderer is None:
            log.error("schedule %s: no renderer for kind %r", schedule.id, schedule.kind)
            return "error", f"no renderer for kind {schedule.kind!r}"
        assert self._poster is not None
        async with self._post_slots:
            try:
                message = await renderer(schedule, claim.occurrence, claim.late)
                async with asyncio.timeout(self._post_timeout):
                    message_id = await self._poster.post(
                        schedule.channel, message,
                        nonce=delivery_nonce(schedule.id, claim.occurrence))
            except ChannelUnavailable as exc:
                return "unavailable", str(exc) or type(exc).__name__
            except (TransientDeliveryError, TimeoutError) as exc:
                return "transient", str(exc) or type(exc).__name__
            except Exception as exc:
                log.exception("schedule %s: delivering %s failed", schedule.id,
                              claim.occurrence.isoformat())
                return "error", f"{type(exc).__name__}: {exc}"
        return "sent", message_id

    async def _record(self, batch: _Batch) -> None:
        if not (batch.outcomes or batch.pauses or batch.finished or batch.progress):
            return
        try:
            async with self._db.transaction() as conn:
                await store.record_progress(conn, batch.progress)
                await store.record_outcomes(conn, batch.outcomes)
                await store.pause_active(conn, batch.pauses)
                await store.finish_active(conn, batch.finished)
        except Exception:
            # The rows stay 'sending'; the next start resolves them by the crash rule.
            log.exception("recording %d delivery outcomes failed", len(batch.outcomes))

    def _recover_sending(self, sending: Iterable[store.Delivery], now: datetime) -> _Batch:
        """Deliveries left 'sending' by a crash: re-send with the same nonce while
        Discord still deduplicates it, otherwise mark them failed, never re-post."""
        batch = _Batch()
        for delivery in sending:
            started = delivery.attempted_at or delivery.occurrence
            if now - started < self._resend_window and delivery.attempts <= len(
                self._retry_delays
            ):
                log.info("re-sending schedule %s occurrence %s (interrupted %s ago)",
                         delivery.schedule_id, delivery.occurrence.isoformat(), now - started)
                batch.retries.append((now.timestamp(), _Retry(
                    delivery.schedule_id, delivery.occurrence, delivery.late,
                    delivery.attempts, started)))
                continue
            log.warning("schedule %s occurrence %s was interrupted %s ago; marked failed "
                        "(%s)", delivery.schedule_id, delivery.occurrence.isoformat(),
                        now - started, REASON_UNCERTAIN)
            batch.outcomes.append(DeliveryOutcome(
                delivery.schedule_id, delivery.occurrence, store.FAILED, delivery.attempts,
                finished_at=now, reason=REASON_UNCERTAIN))
            batch.notices.append(_Notice(CommunityRef("", ""), "schedules.notice.uncertain",
                                         delivery.schedule_id, delivery.occurrence))
        return batch

    # --- moderators -----------------------------------------------------------------

    async def _send_notices(self, notices: Sequence[_Notice]) -> None:
        if not notices:
            return
        assert self._poster is not None
        try:
            notices = await self._resolve_communities(notices)
        except Exception:
            log.exception("could not look up communities for %d notices", len(notices))
            return
        by_community: dict[CommunityRef, list[_Notice]] = defaultdict(list)
        for notice in notices:
            by_community[notice.community].append(notice)
        for community, items in by_community.items():
            try:
                config = await self._community.config(community)
                lang: Lang = config.language or self._default_language
                lines = [self._notice_line(item, config, lang) for item in items]
                message = OutgoingMessage(
                    title=self._texts.t("schedules.notice.title", lang),
                    body="\n".join(lines)[:4000],
                )
                channel = (ChannelRef(community, config.moderator_channel)
                           if config.moderator_channel else None)
                await self._poster.notify_moderators(community, message, channel=channel)
            except Exception:
                log.exception("telling the moderators of %s failed", community.external_id)

    async def _resolve_communities(self, notices: Sequence[_Notice]) -> list[_Notice]:
        unknown = [n.schedule_id for n in notices if not n.community.platform]
        if not unknown:
            return list(notices)
        async with self._db.read() as conn:
            found = await store.get_schedules(conn, unknown)
        resolved = []
        for notice in notices:
            if notice.community.platform:
                resolved.append(notice)
            elif notice.schedule_id in found:
                resolved.append(_Notice(found[notice.schedule_id].community, notice.key,
                                        notice.schedule_id, notice.when, notice.params))
        return resolved

    def _notice_line(self, notice: _Notice, config: CommunityConfig, lang: Lang) -> str:
        params: dict[str, Any] = dict(notice.params)
        params["id"] = notice.schedule_id
        if notice.when is not None:
            params["time"] = format_local(notice.when, config.zone, lang)
        return self._texts.t(notice.key, lang, **params)
