"""Discord's REST rate limits, for the fake (off unless a ``RateLimitPolicy`` is given).

Two limits, as Discord documents them: a global one per bot (50 requests per
second; interaction callbacks and webhooks with a token are exempt) and a bucket
per route and major parameter (message creation: 5 per 5 seconds per channel).
Within the limits every response carries the ``X-RateLimit-*`` headers discord.py
reads to wait ahead of time; past them the answer is a 429 with ``retry_after``,
flagged global or not, and counted in ``RateLimiter.refused``.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web

from .http_util import rate_limited

EXEMPT = re.compile(r"^/(interactions|webhooks)/")
MESSAGE_CREATE = re.compile(r"^/channels/(\d+)/messages$")


@dataclass(frozen=True)
class RateLimitPolicy:
    global_per_second: int = 50
    messages_per_channel: int = 5
    channel_window: float = 5.0


@dataclass
class RateLimiter:
    policy: RateLimitPolicy
    monotonic: Callable[[], float] = time.monotonic
    refused: list[tuple[str, bool]] = field(default_factory=list)  # (path, global)
    _global: deque[float] = field(default_factory=deque)
    _channels: dict[str, deque[float]] = field(default_factory=dict)

    def admit(self, method: str, path: str) -> tuple[web.Response | None, dict[str, str]]:
        """A 429 for a request over a limit, else None and the headers to add."""
        if EXEMPT.match(path):
            return None, {}
        now = self.monotonic()
        policy = self.policy
        _forget_before(self._global, now - 1.0)
        if len(self._global) >= policy.global_per_second:
            return self._refuse(path, self._global[0] + 1.0 - now, is_global=True), {}
        message = MESSAGE_CREATE.match(path) if method == "POST" else None
        if message is None:
            self._global.append(now)
            return None, {}
        bucket = self._channels.setdefault(message.group(1), deque())
        _forget_before(bucket, now - policy.channel_window)
        if len(bucket) >= policy.messages_per_channel:
            return self._refuse(path, bucket[0] + policy.channel_window - now,
                                is_global=False), {}
        self._global.append(now)
        bucket.append(now)
        reset_after = bucket[0] + policy.channel_window - now
        return None, {
            "X-RateLimit-Limit": str(policy.messages_per_channel),
            "X-RateLimit-Remaining": str(policy.messages_per_channel - len(bucket)),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": "message-create",
        }

    def _refuse(self, path: str, retry_after: float, *, is_global: bool) -> web.Response:
        self.refused.append((path, is_global))
        return rate_limited(max(retry_after, 0.001), is_global=is_global,
                            bucket="message-create")


def _forget_before(stamps: deque[float], cutoff: float) -> None:
    while stamps and stamps[0] <= cutoff:
        stamps.popleft()
