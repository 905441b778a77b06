"""Pacing of the bot's own posts under Discord's global rate limit.

Discord allows a bot 50 REST requests per second in all (interaction replies
excepted) and answers more with 429, and an IP that collects too many 429s is
banned for a while. discord.py only reacts to a 429 after it happened, so a burst
of thousands of scheduled posts would run into it again and again. The poster
therefore takes a token from a ``Pacer`` before each scheduled post: a token
bucket refilled at a rate a little under the limit, leaving room for the bot's
other requests. Interaction replies never wait for it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

# Discord's documented global limit is 50 requests per second; the rest of the bot's
# requests (events, moderator notices) fit in what this leaves.
POSTS_PER_SECOND = 48.0


class Pacer:
    """A token bucket: ``await pacer.wait()`` returns at most ``rate`` times per second
    on average, with bursts of up to ``burst`` at once; waiters go in arrival order."""

    def __init__(self, rate: float = POSTS_PER_SECOND, burst: int = 1, *,
                 monotonic: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self._interval = 1 / rate
        self._burst = burst
        self._monotonic = monotonic
        self._sleep = sleep
        # The instant the next token is free; tokens are handed out by moving it on.
        self._next_free: float | None = None

    async def wait(self) -> None:
        """Wait for this caller's turn."""
        now = self._monotonic()
        earliest = now - (self._burst - 1) * self._interval
        start = earliest if self._next_free is None else max(self._next_free, earliest)
        self._next_free = start + self._interval
        if start > now:
            await self._sleep(start - now)
