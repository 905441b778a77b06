"""One IDENTIFY per ``max_concurrency`` bucket every 5 seconds, across every shard
process of the bot: Discord's session start rule, kept in the shared database
(``storage.shards``), so processes starting together take turns."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.clock import Clock
from storage import shards as store
from storage.database import Database

log = logging.getLogger(__name__)

IDENTIFY_SPACING = 5.0  # seconds between two IDENTIFYs of one bucket (Discord's rule)


class IdentifyGate:
    """``await gate.wait_turn(shard_id, max_concurrency)`` returns when that shard may
    IDENTIFY; the turn is recorded before it returns."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        spacing: float = IDENTIFY_SPACING,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self._db = db
        self._clock = clock
        self._spacing = spacing
        self._sleep = sleep

    async def wait_turn(self, shard_id: int, max_concurrency: int) -> int:
        """Wait for shard ``shard_id``'s bucket; returns how many times it waited."""
        bucket = shard_id % max(1, max_concurrency)
        waits = 0
        while True:
            wait = await self._db.write(
                store.take_identify_turn, bucket, self._clock.now(), self._spacing)
            if wait <= 0:
                return waits
            waits += 1
            log.info("shard %d waits %.1f s for its IDENTIFY turn (bucket %d)",
                     shard_id, wait, bucket)
            await self._sleep(wait)
