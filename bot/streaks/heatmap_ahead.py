"""Drawing a member's heatmap ahead, after a check-in, so that ``/streak show``
finds it drawn.

A check-in changes the member's graph, and members often look at their streak
right after checking in. The front end calls ``after_checkin`` once its reply is
sent; the graph is then read and drawn in the background, the drawing in a
worker thread, and kept by the ``HeatmapRenderer`` under what it shows (day,
language, every day's level). ``/streak show`` draws on its own whatever is not
ready, so nothing here can make an answer wrong or late: it only saves the
drawing when it comes in time.

Drawing ahead is spare work, so it waits for a quiet spell: nothing is drawn
until no check-in has come for ``quiet_seconds``. In a burst of check-ins the
drawing (about half a millisecond of CPU each, the member's streak read
included) would otherwise compete with the check-ins themselves for the
machine's cores and the interpreter lock.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from bot.core.refs import MemberRef
from bot.i18n import Lang
from bot.streaks.heatmap import HeatmapRenderer
from bot.streaks.service import StreakService

log = logging.getLogger(__name__)

# Members waiting for their graph; in a burst of check-ins, later members are
# left to ``/streak show`` rather than queued without end.
PENDING_LIMIT = 1024
# How long no check-in must have come before graphs are drawn ahead: far shorter
# than a member takes to ask /streak show after checking in.
QUIET_SECONDS = 0.2


class HeatmapAhead:
    """Draws members' heatmaps after their check-ins, one at a time, in the background."""

    def __init__(self, streaks: StreakService, renderer: HeatmapRenderer, *,
                 pending_limit: int = PENDING_LIMIT, quiet_seconds: float = QUIET_SECONDS,
                 monotonic: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self._streaks = streaks
        self._renderer = renderer
        self._pending_limit = pending_limit
        self._quiet_seconds = quiet_seconds
        self._monotonic = monotonic
        self._sleep = sleep
        self._last_checkin = monotonic()
        self._pending: dict[MemberRef, Lang] = {}
        self._worker: asyncio.Task[None] | None = None
        self._closed = False
        self.drawn = 0  # graphs drawn ahead (for tests and benchmarks)

    def after_checkin(self, member: MemberRef, lang: Lang) -> None:
        """Draw ``member``'s graph in ``lang`` at the next quiet spell; returns at
        once. A member already waiting is drawn once; past ``pending_limit`` waiting
        members the new one is skipped."""
        if self._closed:
            return
        self._last_checkin = self._monotonic()
        if member not in self._pending and len(self._pending) >= self._pending_limit:
            return
        self._pending[member] = lang
        if self._worker is None or self._worker.done():
            self._worker = asyncio.get_running_loop().create_task(self._drain())

    async def idle(self) -> None:
        """Wait until every waiting member's graph is drawn."""
        while self._worker is not None and not self._worker.done():
            await asyncio.shield(self._worker)

    async def close(self) -> None:
        """Stop drawing ahead before the database closes: members still waiting are
        dropped (``/streak show`` draws them when asked), the drawing under way is
        cancelled, and later check-ins queue nothing."""
        self._closed = True
        self._pending.clear()
        worker, self._worker = self._worker, None
        if worker is not None and not worker.done():
            worker.cancel()
            await asyncio.gather(worker, return_exceptions=True)

    async def _drain(self) -> None:
        while self._pending:
            await self._until_quiet()
            if not self._pending:  # closed meanwhile
                return
            member = next(iter(self._pending))
            lang = self._pending.pop(member)
            try:
                await self._draw(member, lang)
            except Exception:  # only a lost head start: /streak show draws it itself
                log.warning("drawing the heatmap of %s ahead failed", member, exc_info=True)

    async def _until_quiet(self) -> None:
        """Return once no check-in has come for ``quiet_seconds``."""
        while (left := self._last_checkin + self._quiet_seconds - self._monotonic()) > 0:
            await self._sleep(left)

    async def _draw(self, member: MemberRef, lang: Lang) -> None:
        summary = await self._streaks.show(member)
        if self._renderer.has(summary.counts_by_day, summary.today, lang):
            return
        await asyncio.to_thread(self._renderer.render, summary.counts_by_day, summary.today,
                                lang)
        self.drawn += 1
