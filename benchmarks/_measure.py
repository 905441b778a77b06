"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import asyncio
import gc
import math
import os
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
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


@contextmanager
def harness_collector_paused() -> Iterator[None]:
    """This process's garbage collector off for the block, after a full collection.

    Only for timing code that runs in *another* process (a bot against a fake served
    from here): the harness's own collections (up to 10 ms for the middle
    generation, 200 ms or more for a full one, with a fake guild of thousands of
    members in memory) would otherwise land at random in the floor's or the bot's
    timings. Code measured in this process keeps its collector on: its collections
    are part of its cost."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time the process ``pid`` has used (None where /proc is missing)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def settle(pid: int, *, window: float = 0.25, idle_share: float = 0.05,
                 give_up_after: float = 60.0) -> float:
    """Wait until the process ``pid`` has finished its background work (it used under
    ``idle_share`` of a core over one ``window``) and the disk has written what
    earlier measurements left to write (``os.sync``), so neither is timed as part of
    the next measurement (a bot drawing graphs ahead, or the write-back of its
    database, would slow a floor measured next to it); returns the seconds waited.
    Without /proc it waits one window."""
    start = time.perf_counter()
    await asyncio.to_thread(os.sync)
    before = cpu_seconds(pid)
    while True:
        await asyncio.sleep(window)
        after = cpu_seconds(pid)
        if before is None or after is None:
            break
        if after - before < idle_share * window or time.perf_counter() - start > give_up_after:
            break
        before = after
    return time.perf_counter() - start
