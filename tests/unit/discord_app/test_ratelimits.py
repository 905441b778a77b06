"""The throttle on discord.py's rate-limit table sweep (bot/discord_app/ratelimits.py)."""

from __future__ import annotations

import asyncio
import inspect

import discord.http

from bot.discord_app.ratelimits import (
    GLOBAL_OVER,
    SWEEP,
    ThrottledSweep,
    global_limit_lifted,
    throttle_ratelimit_sweep,
)


async def test_discord_py_still_sweeps_its_table_from_get_ratelimit() -> None:
    # The workaround replaces this private method; if discord.py renames it or stops
    # calling it from get_ratelimit, this fails and the workaround must be revisited.
    assert callable(getattr(discord.http.HTTPClient, SWEEP))
    http = discord.http.HTTPClient(asyncio.get_running_loop())
    calls: list[int] = []
    setattr(http, SWEEP, lambda: calls.append(len(http._buckets)))
    http.get_ratelimit("new-route")
    http.get_ratelimit("new-route")
    assert calls == [1]  # on a new entry only


def count_inactive_checks(http: discord.http.HTTPClient, channels: int) -> int:
    """How many rate-limit entries discord.py inspects while posting to ``channels``
    new channels."""
    checks = 0
    original = discord.http.Ratelimit.is_inactive

    def counted(self: discord.http.Ratelimit) -> bool:
        nonlocal checks
        checks += 1
        return original(self)

    discord.http.Ratelimit.is_inactive = counted  # type: ignore[method-assign]
    try:
        for channel in range(channels):
            http.get_ratelimit(f"POST /channels/{channel}/messages")
    finally:
        discord.http.Ratelimit.is_inactive = original  # type: ignore[method-assign]
    assert len(http._buckets) == channels
    return checks


async def test_a_burst_to_many_channels_does_not_sweep_the_table_per_channel() -> None:
    loop = asyncio.get_running_loop()
    # As discord.py does it: every new channel past 256 sweeps every live entry.
    assert count_inactive_checks(discord.http.HTTPClient(loop), 600) == sum(range(256, 601))
    throttled = discord.http.HTTPClient(loop)
    throttle_ratelimit_sweep(throttled, interval=60.0)
    throttle_ratelimit_sweep(throttled, interval=60.0)  # a second call changes nothing
    # The one sweep allowed in the interval ran while the table was small.
    assert count_inactive_checks(throttled, 600) == 0


def test_the_sweep_runs_again_once_the_interval_has_passed() -> None:
    now = [0.0]
    runs: list[float] = []
    sweep = ThrottledSweep(lambda: runs.append(now[0]), interval=60.0, monotonic=lambda: now[0])
    for moment in (0.0, 1.0, 59.9, 60.0, 61.0, 130.0):
        now[0] = moment
        sweep()
    assert runs == [0.0, 60.0, 130.0]


async def test_global_limit_lifted_waits_while_discord_py_holds_requests_back() -> None:
    # discord.py waits on this event before every request and clears it for a
    # global 429's retry_after; if it is renamed, this fails.
    assert f"self.{GLOBAL_OVER}.wait()" in inspect.getsource(discord.http.HTTPClient.request)
    http = discord.http.HTTPClient(asyncio.get_running_loop())
    await global_limit_lifted(http)  # before login there is no event: nothing to wait for
    over = asyncio.Event()
    setattr(http, GLOBAL_OVER, over)
    waiting = asyncio.create_task(global_limit_lifted(http))
    await asyncio.sleep(0)
    assert not waiting.done()
    over.set()
    await asyncio.wait_for(waiting, timeout=1)
