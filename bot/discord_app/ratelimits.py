"""A workaround for the cost of discord.py's rate-limit bookkeeping in big bursts.

discord.py 2.7 keeps one ``Ratelimit`` per route key (one per channel posted to).
``HTTPClient.get_ratelimit`` sweeps the whole table for inactive entries every time
it creates a new one once the table holds 256 or more (``_try_clear_expired_ratelimits``),
and an entry is inactive only after five idle minutes. A burst of posts to
thousands of channels therefore sweeps thousands of live entries for every new
channel: quadratic work on the event loop (61% of its time in a 10,000-post
burst). ``throttle_ratelimit_sweep`` lets the sweep run at most once per
``interval``; what it removes (entries idle for five minutes) is the same, just
found later. ``global_limit_lifted`` lets the poster's pacer wait while
discord.py holds every request back after a global 429 (its ``_global_over``
event). ``tests/unit/discord_app/test_ratelimits.py`` pins the private names, so
a discord.py release that renames them fails a test instead of silently undoing
this.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import discord.http

SWEEP = "_try_clear_expired_ratelimits"
# The event discord.py clears while a global 429 holds every request back.
GLOBAL_OVER = "_global_over"


class ThrottledSweep:
    """Calls discord.py's own sweep at most once per ``interval`` seconds."""

    def __init__(self, sweep: Callable[[], None], interval: float,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._sweep = sweep
        self._interval = interval
        self._monotonic = monotonic
        self._last: float | None = None

    def __call__(self) -> None:
        now = self._monotonic()
        if self._last is not None and now - self._last < self._interval:
            return
        self._last = now
        self._sweep()


def throttle_ratelimit_sweep(http: discord.http.HTTPClient, interval: float = 60.0) -> None:
    """Make ``http`` sweep its rate-limit table at most once per ``interval`` seconds."""
    original = getattr(http, SWEEP)
    if isinstance(original, ThrottledSweep):
        return
    setattr(http, SWEEP, ThrottledSweep(original, interval))


async def global_limit_lifted(http: discord.http.HTTPClient) -> None:
    """Return once discord.py is not holding requests back after a global 429."""
    over = getattr(http, GLOBAL_OVER, None)
    if isinstance(over, asyncio.Event) and not over.is_set():
        await over.wait()
