"""In-memory cool-downs on the injected clock (nothing about a member is written
to disk to remember them)."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import datetime, timedelta

from bot.clock import Clock


class Cooldown:
    """At most ``limit`` uses per key within ``window``."""

    def __init__(self, clock: Clock, window: timedelta, limit: int = 1) -> None:
        self._clock = clock
        self._window = window
        self._limit = limit
        self._uses: dict[Hashable, list[datetime]] = {}

    def wait_seconds(self, key: Hashable) -> int:
        """Seconds until ``key`` may be used again (0: now)."""
        now = self._clock.now()
        recent = [t for t in self._uses.get(key, []) if now - t < self._window]
        if recent:
            self._uses[key] = recent
        else:
            self._uses.pop(key, None)
        if len(recent) < self._limit:
            return 0
        return max(1, int((recent[0] + self._window - now).total_seconds() + 0.999))

    def use(self, key: Hashable) -> None:
        """Record one use of ``key`` now."""
        self._uses.setdefault(key, []).append(self._clock.now())
