"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

Action = Callable[[], Awaitable[object]]


def percentile(samples: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0-100) by linear interpolation; NaN when empty."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Summary:
    """Latencies in seconds of ``n`` actions that took ``wall`` seconds in total."""

    label: str
    latencies: tuple[float, ...]
    wall: float

    @property
    def n(self) -> int:
        return len(self.latencies)

    @property
    def p50_ms(self) -> float:
        return percentile(self.latencies, 50) * 1000

    @property
    def p99_ms(self) -> float:
        return percentile(self.latencies, 99) * 1000

    @property
    def throughput(self) -> float:
        """Actions per second."""
        return self.n / self.wall if self.wall else math.inf

    def line(self) -> str:
        """One human-readable line."""
        return (f"{self.label:<28} n={self.n:<5} p50={self.p50_ms:7.3f} ms  "
                f"p99={self.p99_ms:7.3f} ms  {self.throughput:8.0f}/s")


async def _timed(action: Action) -> float:
    start = time.perf_counter()
    await action()
    return time.perf_counter() - start


async def time_sequential(label: str, action: Action, n: int, *, warmup: int = 50) -> Summary:
    """Run ``action`` ``n`` times one after another (after ``warmup`` untimed runs)."""
    for _ in range(warmup):
        await action()
    start = time.perf_counter()
    latencies = [await _timed(action) for _ in range(n)]
    return Summary(label, tuple(latencies), time.perf_counter() - start)


async def time_concurrent(label: str, action: Action, n: int) -> Summary:
    """Start ``n`` runs of ``action`` at once; each latency counts from the common start."""
    start = time.perf_counter()

    async def one() -> float:
        await action()
        return time.perf_counter() - start

    latencies = await asyncio.gather(*(one() for _ in range(n)))
    return Summary(label, tuple(latencies), time.perf_counter() - start)
