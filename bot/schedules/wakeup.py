"""The engine's timer on APScheduler (``AsyncIOScheduler``, in-memory job store):
one wake-up job armed to the earliest due instant, and a periodic sweep for
communities whose time zone changed.

One job instead of one job per schedule: adding 100,000 APScheduler jobs took
about 20 s and 340 MB here (measured in ``benchmarks/bench_schedules.py``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.clock import Clock

log = logging.getLogger(__name__)

WAKEUP_JOB = "schedules.wakeup"
ZONE_SWEEP_JOB = "schedules.zone_sweep"


class WakeupTimer:
    """Calls ``on_wake`` at the instant it was last armed for, and ``on_sweep``
    every ``sweep_seconds``; ``on_wake_failed`` when a wake-up raised."""

    def __init__(
        self,
        clock: Clock,
        *,
        on_wake: Callable[[], Awaitable[object]],
        on_wake_failed: Callable[[], None],
        on_sweep: Callable[[], Awaitable[None]],
        sweep_seconds: float,
    ) -> None:
        self._clock = clock
        self._on_wake = on_wake
        self._on_wake_failed = on_wake_failed
        self._on_sweep = on_sweep
        self._sweep_seconds = sweep_seconds
        self._scheduler: AsyncIOScheduler | None = None
        self._armed_for: float | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def scheduler(self) -> AsyncIOScheduler | None:
        """The running APScheduler, or None while stopped."""
        return self._scheduler

    def start(self) -> None:
        """Start APScheduler and the time zone sweep."""
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._scheduler.start()
        self._scheduler.add_job(
            self._sweep, IntervalTrigger(seconds=self._sweep_seconds),
            id=ZONE_SWEEP_JOB, replace_existing=True, coalesce=True, max_instances=1,
        )

    def every(self, job_id: str, seconds: float, task: Callable[[], Awaitable[object]]) -> None:
        """Also run ``task`` every ``seconds`` while started (a failure is logged)."""
        scheduler = self._scheduler
        if scheduler is None:
            return

        async def run() -> None:
            try:
                await task()
            except Exception:
                log.exception("periodic job %s failed", job_id)

        scheduler.add_job(run, IntervalTrigger(seconds=seconds), id=job_id,
                          replace_existing=True, coalesce=True, max_instances=1)

    def stop(self) -> None:
        """Stop APScheduler; wake-ups already running go on (see ``busy``)."""
        if self._scheduler is not None:
            scheduler, self._scheduler = self._scheduler, None
            try:
                scheduler.shutdown(wait=False)
            except Exception:
                log.exception("stopping APScheduler failed")
        self._armed_for = None

    def busy(self) -> list[asyncio.Task[None]]:
        """The wake-ups still running."""
        return [task for task in self._tasks if not task.done()]

    def arm(self, due: float | None) -> None:
        """Point the wake-up job at the timestamp ``due`` (None: nothing is due)."""
        scheduler = self._scheduler
        if scheduler is None:
            return
        if due is None:
            if self._armed_for is not None:
                self._armed_for = None
                try:
                    scheduler.remove_job(WAKEUP_JOB)
                except Exception:  # already ran and was removed
                    pass
            return
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
        task = asyncio.create_task(self._wake())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _wake(self) -> None:
        try:
            await self._on_wake()
        except Exception:
            log.exception("schedule wake-up failed")
            self._on_wake_failed()

    async def _sweep(self) -> None:
        try:
            await self._on_sweep()
        except Exception:
            log.exception("time zone sweep failed")
