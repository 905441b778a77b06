"""Pacing of the bot's own posts under Discord's global rate limit.

Discord allows a bot 50 REST requests per second in all (interaction replies
excepted) and answers more with 429, and an IP that collects too many 429s is
banned for a while. discord.py only reacts to a 429 after it happened, so a burst
of thousands of scheduled posts would run into it again and again. The poster
therefore waits for its turn at a ``Pacer`` before each scheduled post.

The pacer goes at a rate a little under the limit, each post one interval after
the previous one went: a second of Discord's then holds at most 47 posts, and more
than 50 only if requests reach Discord more than 85 ms closer together than they
left. A post that goes a little late (up to ``LATENESS_FORGIVEN``: the event loop's
timers fire a millisecond or so after their time) counts as gone on time, so that
lateness does not add up over thousands of posts (ten seconds over 10,000); a
longer delay is not made up for. (Letting posts held up by a stalled event loop catch up was
measured in ``bench_bursts``: the catch-up bursts, squeezed further by the
receiving end's own stalls, met global 429s dozens of times.) While discord.py
itself holds requests back after a global 429, the pacer lets nobody go, so that
no pile of posts waits behind discord.py's lock to go all at once when it lifts.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

# Discord's documented global limit is 50 requests per second; what this leaves is
# for the bot's other requests (events, moderator notices) and for network jitter.
POSTS_PER_SECOND = 46.0
# How late a post may go and still count as gone when it was free to: more than
# the loop's timer lateness, far less than an interval (21.7 ms at 46 per second).
LATENESS_FORGIVEN = 0.002


async def _never_held() -> None:
    return None


class Pacer:
    """``await pacer.wait()`` returns at most ``rate`` times per second: each caller,
    in arrival order, goes at least ``1 / rate`` seconds after the previous one, by
    the clock when it actually went, less at most ``LATENESS_FORGIVEN`` of lateness.
    (Handing out times ahead would let callers
    that all woke late from one stalled event loop step go together, a burst over
    the limit.) After a quiet spell, up to ``burst`` go at once."""

    def __init__(self, rate: float = POSTS_PER_SECOND, burst: int = 1, *,
                 held: Callable[[], Awaitable[None]] = _never_held,
                 monotonic: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        """``held``: returns once requests are no longer being held back (discord.py
        after a global 429); nobody goes before it does."""
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self._interval = 1 / rate
        self._burst = burst
        self._held = held
        self._monotonic = monotonic
        self._sleep = sleep
        self._turn = asyncio.Lock()  # first come, first served
        # When the last ``burst`` callers went, oldest first.
        self._gone: deque[float] = deque(maxlen=burst)

    async def wait(self) -> None:
        """Wait for this caller's turn."""
        async with self._turn:
            await self._held()
            now = self._monotonic()
            gone_at = now
            if len(self._gone) == self._burst:
                # The oldest of the last ``burst`` goes must be ``burst`` intervals back.
                free_at = self._gone[0] + self._burst * self._interval
                if free_at > now:
                    await self._sleep(free_at - now)
                    now = self._monotonic()
                gone_at = max(free_at, now - LATENESS_FORGIVEN)
            self._gone.append(gone_at)
