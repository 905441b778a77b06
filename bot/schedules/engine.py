"""The schedule engine: posts every occurrence of every active schedule at most once.

The database is the source of truth. In memory the engine keeps, per active
schedule, its next occurrence (computed from the rule's APScheduler trigger in the
community's current time zone) in one heap (``timetable``). APScheduler only times
things (``wakeup``): a single wake-up job is re-armed to the earliest due instant,
and when it fires it calls ``run_due()``, the same method tests call after moving a
``ManualClock``. Loading the heap takes under a second for 100,000 schedules,
because each schedule's next occurrence is also stored (``next_fire``, valid for
the zone it was computed in) and recomputed from the trigger only when missing or
stale.

A due schedule is planned (``catch_up``: which occurrence to post, which missed
ones to skip), then claimed, posted and recorded (``delivery``: at most once,
also across crashes); moderators hear of what went wrong (``notices``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from datetime import UTC, datetime, timedelta

from bot.clock import Clock
from bot.community import CommunityService
from bot.core.refs import CommunityRef
from bot.core.shards import ShardPlan
from bot.i18n import Catalog, Lang
from bot.ports import Poster
from bot.schedules.catch_up import CatchUpPlan, plan_catch_up
from bot.schedules.delivery import (
    DEFAULT_RETRY_DELAYS,
    NONCE_WINDOW,
    Claim,
    Deliveries,
    DeliveryBatch,
    LeaseTerms,
    Renderer,
    delivery_nonce,
)
from bot.schedules.due_queue import PendingRetry, TimedSchedule, Timetable
from bot.schedules.notices import ModeratorNotices, Notice
from bot.schedules.triggers import TriggerCache, is_recurring
from bot.schedules.wakeup import WAKEUP_JOB, WakeupTimer
from storage import schedules as store
from storage import shards as shard_store
from storage.connection import Connection
from storage.database import Database
from storage.schedules import Schedule

__all__ = ["WAKEUP_JOB", "Renderer", "ScheduleEngine", "delivery_nonce"]

log = logging.getLogger(__name__)

BATCH_SIZE = 500
# Planning yields to the event loop after this many seconds of work (wall time, not
# the injected clock: it keeps the loop responsive, it decides nothing).
PLANNING_SLICE = 0.005
# Finished deliveries are kept this long (for moderators' questions and logs), far
# longer than anything de-duplication looks back: the grace window is at most 7 days.
DELIVERY_HISTORY = timedelta(days=30)
PRUNE_BATCH = 5000
# How long a stop waits for posts in flight: short enough that a SIGTERM during a
# Discord outage still ends well inside a container's 10 s.
SHUTDOWN_GRACE_SECONDS = 4.0
ORPHAN_JOB = "schedules.orphans"
WATCH_JOB = "schedules.watch"


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
        shards: ShardPlan | None = None,
        lease_owner: str = "studybot",
        lease_seconds: float = 60.0,
    ) -> None:
        """``realtime=False`` leaves timing to whoever calls ``run_due`` (tests).

        ``shards``: this process is one of several on the database. It posts the
        schedules of the communities it owns, each leased to ``lease_owner`` for
        ``lease_seconds`` while it is claimed and posted; every other schedule it
        only watches: ``lease_seconds`` after an occurrence it checks that the owner
        dealt with it, and takes over what a crashed owner left (its lease expired)."""
        self._db = db
        self._clock = clock
        self._poster = poster
        self._community = community_service
        self._late_after = late_after
        self._realtime = realtime

        self._started_at = 0.0  # when ``start`` ran (a timestamp)
        self._platforms: frozenset[str] | None = None
        self._triggers = TriggerCache()
        self._timetable = Timetable()
        self._shards = shards if shards is not None and shards.sharded else None
        lease = None
        if self._shards is not None:
            lease = LeaseTerms(lease_owner, timedelta(seconds=lease_seconds))
            owns = self._shards.owns
            # Another process's schedule is checked a lease after its occurrence, or
            # after this process started if that is later (its owner may be starting).
            self._timetable.defer = lambda community, due: due if owns(community) else (
                max(due, self._started_at) + lease_seconds)
        self._deliveries = Deliveries(
            db, clock, self._timetable, dict(renderers or {}),
            retry_delays=retry_delays, resend_window=resend_window,
            max_parallel_posts=max_parallel_posts, post_timeout=post_timeout, lease=lease,
        )
        self._notices = ModeratorNotices(db, community_service, texts, default_language)
        self._wakeup = WakeupTimer(
            clock, on_wake=self.run_due, on_wake_failed=self._arm, on_sweep=self.sweep,
            sweep_seconds=zone_sweep_seconds,
        )
        self._runs: set[asyncio.Future[None]] = set()
        # Due batches are prepared (planned, claimed, timed again) one at a time, then
        # posted together: twenty batches whose claims were committed together used
        # to resume in one step of the event loop (135 ms at 10,000 reminders).
        self._preparing = asyncio.Lock()
        self._started = False
        self._history_pruned_at: datetime | None = None
        # Schedule revisions (migration 011) read so far: each refresh reads those
        # above ``_revision_floor`` (what the refresh before last had seen), so a
        # change whose transaction took its number early but committed late (Postgres)
        # is still read, by the next refresh.
        self._revision_floor = 0
        self._revision_seen = 0
        self._watch_refreshed_at = 0.0
        self._sweep_tasks: list[Callable[[], Awaitable[None]]] = []

    # --- wiring and life cycle ------------------------------------------------------

    def register_renderer(self, kind: str, renderer: Renderer) -> None:
        """Let schedules of ``kind`` be delivered by ``renderer`` (one per kind)."""
        renderers = self._deliveries.renderers
        if kind in renderers:
            raise ValueError(f"a renderer for {kind!r} is already registered")
        renderers[kind] = renderer

    def add_sweep_task(self, task: Callable[[], Awaitable[None]]) -> None:
        """Run ``task`` at every periodic sweep (about once a minute); it decides
        itself how often to do real work. A failing task is only logged."""
        self._sweep_tasks.append(task)

    @property
    def kinds(self) -> frozenset[str]:
        """The schedule kinds a renderer is registered for."""
        return frozenset(self._deliveries.renderers)

    @property
    def started(self) -> bool:
        """True between ``start`` and ``shutdown``."""
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
        self._started_at = now.timestamp()
        self._timetable.clear()

        def timings_and_sending(
            conn: Connection,
        ) -> tuple[list[store.ScheduleTiming], list[store.Delivery], int]:
            return (store.load_active_timings(conn), store.sending_deliveries(conn),
                    store.latest_revision(conn))

        timings, sending, revision = await self._db.read(timings_and_sending)
        self._revision_floor = self._revision_seen = revision
        self._watch_refreshed_at = self._started_at
        if platforms is not None:
            unserved = {t.id for t in timings if t.community.platform not in platforms}
            timings = [t for t in timings if t.id not in unserved]
            sending = [d for d in sending if d.schedule_id not in unserved]
        others: set[int] = set()
        if self._shards is not None:
            # Another process's interrupted deliveries are its own, or a takeover's.
            others = {t.id for t in timings if not self._shards.owns(t.community)}
            sending = [d for d in sending if d.schedule_id not in others]
        configs = await self._community.configs({timing.community for timing in timings})
        ended, unreadable, computed = self._timetable.load(timings, configs, self._triggers)
        grace = {timing.id: timedelta(hours=configs[timing.community].missed_grace_hours)
                 for timing in timings if timing.community in configs}
        batch = self._deliveries.recover_sending(sending, now, grace)
        batch.progress.extend(computed)
        in_flight = {retry.schedule_id for _, retry in batch.retries}
        # (A one-off of another process's ends when that process records its post.)
        batch.finished.extend(i for i in ended if i not in in_flight and i not in others)
        batch.pauses.extend((i, "rule could not be read") for i in unreadable)
        await self._deliveries.record(batch)
        self._timetable.push_retries(batch.retries)
        self._started = True
        self._platforms = None if platforms is None else frozenset(platforms)
        if self._realtime:
            self._wakeup.start()
            if self._shards is not None and self._deliveries.lease is not None:
                period = self._deliveries.lease.duration.total_seconds()
                self._wakeup.every(ORPHAN_JOB, period, self.recover_orphans)
                self._wakeup.every(WATCH_JOB, period, self.refresh_watch)
        self._arm()
        await self._send_notices(batch.notices)
        log.info("schedule engine started: %d active schedules (%d timed afresh), "
                 "%d interrupted deliveries", len(self._timetable), len(computed), len(sending))

    async def shutdown(self, grace: float = SHUTDOWN_GRACE_SECONDS) -> None:
        """Stop the timer and let running deliveries finish (up to ``grace`` s). A post
        still waiting on Discord after that stays claimed and is settled at the next
        start, as after a crash."""
        self._wakeup.stop()
        pending: list[asyncio.Future[None]] = [run for run in self._runs if not run.done()]
        pending += self._wakeup.busy()
        if pending:
            _, late = await asyncio.wait(pending, timeout=grace)
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
        next_fire = self._triggers.next_after(
            schedule.rule, config.timezone, schedule.handled_until)
        if next_fire is None:
            if not is_recurring(schedule.rule):
                await self._db.write(store.finish_active, [schedule.id])
            return None
        await self._db.write(
            store.record_progress, [store.Progress(schedule.id, None, next_fire, config.timezone)])
        self._timetable.add(TimedSchedule(
            schedule.id, schedule.community, schedule.rule, config.timezone, next_fire))
        self._arm()
        return next_fire

    def forget(self, schedule_id: int) -> None:
        """Stop timing a schedule (paused or removed); a delivery in flight completes."""
        self._timetable.forget(schedule_id)

    def next_due(self) -> datetime | None:
        """When the earliest timed schedule is due (UTC), or None: whoever moves a
        manual clock (the console) steps through occurrences in order with it."""
        due = self._timetable.earliest()
        return datetime.fromtimestamp(due, UTC) if due is not None else None

    def forget_community(self, community: CommunityRef) -> int:
        """Stop timing every schedule of ``community`` (its rows were deleted);
        returns how many."""
        entries = self._timetable.of_community(community)
        for entry in entries:
            self._timetable.forget(entry.schedule_id)
        self._arm()
        return len(entries)

    def next_fire(self, schedule_id: int) -> datetime | None:
        """When the schedule fires next (UTC), if the engine is timing it."""
        entry = self._timetable.get(schedule_id)
        return entry.next_fire if entry is not None else None

    async def community_changed(self, community: CommunityRef) -> None:
        """Re-time a community's schedules after its settings changed (time zone).
        Occurrences before now under the new zone are passed over, not posted late."""
        config = await self._community.config(community)
        now = self._clock.now()
        moved = []
        passed: list[int] = []
        for entry in self._timetable.of_community(community):
            if entry.zone == config.timezone or entry.token == -1:
                continue
            next_fire = self._retime(entry, config.timezone, now)
            moved.append(store.Progress(entry.schedule_id, now, next_fire, config.timezone))
            if next_fire is None and not is_recurring(entry.rule):
                passed.append(entry.schedule_id)
                log.warning("schedule %s: its one-off time has passed in the new time zone "
                            "%s; marked finished", entry.schedule_id, config.timezone)
        if moved:

            def retime(conn: Connection) -> None:
                store.record_progress(conn, moved)
                store.finish_active(conn, passed)

            await self._db.write(retime)
            log.info("re-timed %d schedules of %s for time zone %s", len(moved),
                     community.external_id, config.timezone)
            self._arm()

    async def sync_zones(self) -> None:
        """Re-time every community whose time zone changed since it was timed."""
        for community in self._timetable.communities():
            config = await self._community.config(community)
            if any(entry.zone != config.timezone
                   for entry in self._timetable.of_community(community)):
                await self.community_changed(community)

    async def prune_history(self) -> int:
        """Forget deliveries that finished more than ``DELIVERY_HISTORY`` ago; returns
        how many. Safe for de-duplication: each schedule's ``handled_until`` already
        lies past them, and interrupted deliveries are kept. Deletes in batches so
        commands keep getting the writer in between."""
        cutoff = self._clock.now() - DELIVERY_HISTORY
        pruned = 0
        while True:
            deleted = await self._db.write(
                store.prune_deliveries, finished_before=cutoff, limit=PRUNE_BATCH)
            pruned += deleted
            if deleted < PRUNE_BATCH:
                break
        self._history_pruned_at = self._clock.now()
        if pruned:
            log.info("pruned %d deliveries finished before %s", pruned, cutoff.isoformat())
        return pruned

    async def sweep(self) -> None:
        """The timer's periodic sweep: follow time zone changes, and prune the
        delivery history once a day."""
        await self.sync_zones()
        last = self._history_pruned_at
        if last is None or self._clock.now() - last >= timedelta(days=1):
            await self.prune_history()
        for task in self._sweep_tasks:
            try:
                await task()
            except Exception:
                log.exception("sweep task %r failed", task)

    async def run_due(self, *, at_least: datetime | None = None) -> int:
        """Deliver everything due at the clock's now (or at ``at_least`` if later):
        occurrences, retries and missed runs. Returns the number of posts attempted.

        APScheduler's wake-up job calls this; tests call it after moving the clock.
        It returns once every run started before it has finished too.
        """
        now = self._clock.now()
        if at_least is not None and at_least > now:
            now = at_least
        lease = self._deliveries.lease
        if lease is not None and (self._clock.now().timestamp() - self._watch_refreshed_at
                                  >= lease.duration.total_seconds()):
            try:
                await self.refresh_watch()
            except Exception:
                log.exception("refreshing the schedules of other processes failed")
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._runs.add(done)
        attempted = 0
        try:
            entries, retries = self._timetable.pop_due(now)
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

    def _arm(self) -> None:
        """Point the wake-up job at the earliest live heap item."""
        self._wakeup.arm(self._timetable.earliest())

    def _retime(self, entry: TimedSchedule, zone: str, now: datetime) -> datetime | None:
        """Time ``entry`` afresh in ``zone`` from ``now``; its next occurrence, if any."""
        self.forget(entry.schedule_id)
        following = self._triggers.next_after(entry.rule, zone, now)
        if following is not None:
            self._timetable.add(TimedSchedule(entry.schedule_id, entry.community, entry.rule,
                                              zone, following))
        return following

    def _requeue(self, entry: TimedSchedule, now: datetime) -> None:
        if self._timetable.is_current(entry):
            delays = self._deliveries.retry_delays
            delay = delays[0] if delays else 30.0
            self._timetable.push(now.timestamp() + delay, entry)

    # --- occurrences ----------------------------------------------------------------

    async def _run_occurrences(self, entries: list[TimedSchedule], now: datetime) -> int:
        if self._shards is not None:
            owns = self._shards.owns
            foreign = [entry for entry in entries if not owns(entry.community)]
            if foreign:
                entries = [entry for entry in entries if owns(entry.community)]
                try:
                    entries += await self._take_over(foreign, now)
                except Exception:
                    log.exception("checking %d schedules of other processes failed; "
                                  "trying again later", len(foreign))
                    for entry in foreign:
                        self._requeue(entry, now)
        async with self._preparing:
            prepared = await self._prepare(entries, now)
        if prepared is None:
            return 0
        claims, batch = prepared
        await self._attempt(claims, batch)
        return len(claims)

    async def _prepare(self, entries: list[TimedSchedule], now: datetime
                       ) -> tuple[list[Claim], DeliveryBatch] | None:
        """Plan and claim ``entries`` and time their next occurrences: what to post,
        or None when nothing is."""
        plans = await self._plan(entries, now)
        if not plans:
            return None
        try:
            claims, batch = await self._deliveries.claim(plans, now)
        except Exception:
            log.exception("claiming %d occurrences failed; trying again later", len(plans))
            for plan in plans:
                self._requeue(plan.entry, now)
            return None
        held = set(batch.held)  # another process holds their lease: look again later
        for plan in plans:
            if plan.entry.schedule_id in held:
                self._requeue(plan.entry, now)
            else:
                self._timetable.reschedule(plan.entry, plan.following)
        self._arm()
        return claims, batch

    async def _plan(self, entries: list[TimedSchedule], now: datetime) -> list[CatchUpPlan]:
        """What to post (or skip) for each of ``entries``; one not due yet is put back,
        one whose community moved to another time zone is timed afresh."""
        plans = []
        sliced_at = time.perf_counter()
        for entry in entries:
            if time.perf_counter() - sliced_at >= PLANNING_SLICE:
                await asyncio.sleep(0)  # let commands and posts run between slices
                sliced_at = time.perf_counter()
            if entry.next_fire > now:  # requeued early; not due yet
                self._timetable.push(entry.next_fire.timestamp(), entry)
                continue
            try:
                config = await self._community.config(entry.community)
                if config.timezone != entry.zone:
                    self._retime(entry, config.timezone, now)
                    continue
                plans.append(plan_catch_up(entry, config, now, triggers=self._triggers,
                                           late_after=self._late_after))
            except Exception:
                log.exception("planning schedule %s failed; trying again later", entry.schedule_id)
                self._requeue(entry, now)
        return plans

    async def refresh_watch(self) -> int:
        """Shard processes: every lease period (and at a ``run_due`` a lease period
        after the last time), learn of the schedules other processes created, edited,
        paused, resumed or moved since: read only those whose revision (migration
        011) is above what this process has seen, and time them as if they had been
        loaded at start, so a dead owner's new schedule is taken over after its
        lease like any other. Deleted ones are dropped at their takeover check.
        Returns how many schedules were timed afresh or forgotten."""
        if self._shards is None or not self._started:
            return 0
        self._watch_refreshed_at = self._clock.now().timestamp()
        changes = await self._db.read(store.changed_schedules, self._revision_floor)
        self._revision_floor = self._revision_seen
        if changes:
            self._revision_seen = max(self._revision_seen, changes[-1].revision)
        platforms = self._platforms
        fresh: list[store.ScheduleTiming] = []
        changed = 0
        for change in changes:
            timing = change.timing
            if platforms is not None and timing.community.platform not in platforms:
                continue
            entry = self._timetable.get(timing.id)
            if entry is not None and entry.token == -1:
                continue  # in flight: its claim or takeover check reads the row itself
            if change.status != store.ACTIVE:
                if entry is not None:
                    self.forget(timing.id)
                    changed += 1
            elif entry is None or entry.rule != timing.rule or entry.community != timing.community:
                fresh.append(timing)
        configs = await self._community.configs({timing.community for timing in fresh})
        for timing in fresh:
            config = configs.get(timing.community)
            if config is None:
                continue
            try:
                following = self._triggers.next_after(timing.rule, config.timezone,
                                                      timing.handled_until)
            except ValueError:
                log.error("schedule %s has an unreadable rule %r", timing.id, timing.rule)
                continue
            self.forget(timing.id)
            changed += 1
            if following is not None:
                self._timetable.add(TimedSchedule(timing.id, timing.community, timing.rule,
                                                  config.timezone, following))
        if changed:
            log.info("timed %d schedules changed by other processes afresh", changed)
            self._arm()
        return changed

    async def recover_orphans(self) -> int:
        """Shard processes: every lease period, take over the deliveries a dead
        process left 'sending' (no live lease on their schedule) and settle them as
        after a crash: re-sent with their nonce, found in the channel, posted late
        or skipped. Returns how many were taken."""
        lease = self._deliveries.lease
        if lease is None:
            return 0
        now = self._clock.now()
        platforms = self._platforms

        def take(conn: Connection) -> tuple[list[store.Delivery], dict[int, Schedule]]:
            orphans = shard_store.orphaned_deliveries(conn, now, lease.duration)
            if not orphans:
                return [], {}
            current = store.get_schedules(conn, sorted({d.schedule_id for d in orphans}))
            served = [i for i, s in current.items()
                      if platforms is None or s.community.platform in platforms]
            leased = set(shard_store.lease_schedules(
                conn, served, lease.owner, now, lease.duration))
            return [d for d in orphans if d.schedule_id in leased], current

        orphans, current = await self._db.write(take)
        await self._settle_others(orphans, current, now)
        self._arm()
        return len(orphans)

    async def _settle_others(self, deliveries: list[store.Delivery],
                             current: Mapping[int, Schedule], now: datetime) -> None:
        """Settle deliveries another process left 'sending' (this one holds their
        leases now) as after a crash of this process."""
        if not deliveries:
            return
        grace = {}
        for delivery in deliveries:
            schedule = current[delivery.schedule_id]
            if schedule.status == store.ACTIVE:
                config = await self._community.config(schedule.community)
                grace[delivery.schedule_id] = timedelta(hours=config.missed_grace_hours)
        log.warning("recovering %d deliveries another process left sending", len(deliveries))
        batch = self._deliveries.recover_sending(deliveries, now, grace)
        await self._deliveries.record(batch)
        self._timetable.push_retries(batch.retries)
        await self._send_notices(batch.notices)

    async def _take_over(self, foreign: list[TimedSchedule], now: datetime) -> list[TimedSchedule]:
        """Other processes' schedules, ``lease_seconds`` past an occurrence: those
        their owner dealt with are timed for their next occurrence; those it left
        undone or interrupted while posting, with no live lease (the owner crashed),
        are leased here and returned to be posted (undone) or recovered as after a
        crash (interrupted). Leases still live are looked at again later."""
        lease = self._deliveries.lease
        assert lease is not None
        ids = [entry.schedule_id for entry in foreign]

        def look(conn: Connection) -> tuple[dict[int, Schedule], list[store.Delivery],
                                            set[int], set[int]]:
            current = store.get_schedules(conn, ids)
            stuck = store.sending_deliveries_of(conn, ids)
            undone = {e.schedule_id for e in foreign
                      if (s := current.get(e.schedule_id)) is not None
                      and s.status == store.ACTIVE and s.handled_until < e.next_fire}
            wanted = sorted(undone | {d.schedule_id for d in stuck})
            leased = set(shard_store.lease_schedules(
                conn, wanted, lease.owner, now, lease.duration)) if wanted else set()
            return current, stuck, undone, leased

        current, stuck, undone, leased = await self._db.write(look)
        stuck_ids = {d.schedule_id for d in stuck}
        taken: list[TimedSchedule] = []
        for entry in foreign:
            schedule = current.get(entry.schedule_id)
            if schedule is None or schedule.status != store.ACTIVE:
                self.forget(entry.schedule_id)
            elif entry.schedule_id in (undone | stuck_ids) and entry.schedule_id not in leased:
                self._requeue(entry, now)
            elif entry.schedule_id in undone:
                taken.append(entry)
            else:
                entry.rule = schedule.rule  # edited meanwhile: time it by its new rule
                self._timetable.reschedule(entry, self._triggers.next_after(
                    entry.rule, entry.zone, schedule.handled_until))
        if taken:
            log.warning("taking over %d schedules of other processes (no live lease), "
                        "e.g. %s", len(taken), taken[0].schedule_id)
        await self._settle_others([d for d in stuck if d.schedule_id in leased], current, now)
        return taken

    async def _run_retries(self, retries: list[PendingRetry], now: datetime) -> int:
        if not retries:
            return 0
        claims, batch = await self._deliveries.resume(retries, now)
        await self._attempt(claims, batch)
        return len(claims)

    async def _attempt(self, claims: list[Claim], batch: DeliveryBatch) -> None:
        """Post ``claims``, record what came of them with the rest of ``batch``, time
        the retries and tell the moderators."""
        await self._deliveries.attempt(self._poster, claims, batch)
        await self._deliveries.record(batch)
        self._timetable.push_retries(batch.retries)
        self._arm()
        await self._send_notices(batch.notices)

    async def _send_notices(self, notices: Sequence[Notice]) -> None:
        await self._notices.send(self._poster, notices)
