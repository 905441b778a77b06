"""The pacer of scheduled posts (bot/discord_app/pacing.py), on a simulated clock."""

from __future__ import annotations

import asyncio

import pytest

from bot.discord_app.pacing import LATENESS_FORGIVEN, Pacer


class SimulatedTime:
    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds  # the simulated clock moves; nothing really waits
        await asyncio.sleep(0)


async def test_a_burst_is_spread_at_the_rate() -> None:
    time = SimulatedTime()
    pacer = Pacer(rate=50, monotonic=time.monotonic, sleep=time.sleep)
    released = []
    for _ in range(500):
        await pacer.wait()
        released.append(time.now)
    assert released[0] == 0.0
    assert released[-1] == pytest.approx(499 / 50)
    # No one-second window ever holds more than 50 posts.
    assert max(sum(1 for t in released if start <= t < start + 1 - 1e-9)
               for start in released) == 50


async def test_a_quiet_pacer_lets_a_post_through_at_once() -> None:
    time = SimulatedTime()
    pacer = Pacer(rate=10, burst=3, monotonic=time.monotonic, sleep=time.sleep)
    for _ in range(3):  # a burst of three is allowed after a quiet spell
        await pacer.wait()
    assert time.now == 0.0
    await pacer.wait()  # the fourth waits until the first is a window (3 x 0.1 s) back
    assert time.now == pytest.approx(0.3)
    time.now += 60
    before = time.now
    await pacer.wait()
    assert time.now == before


def test_nonsense_rates_are_refused() -> None:
    with pytest.raises(ValueError):
        Pacer(rate=0)
    with pytest.raises(ValueError):
        Pacer(rate=5, burst=0)


async def test_callers_woken_late_by_a_stalled_loop_still_go_one_interval_apart() -> None:
    time = SimulatedTime()
    pacer = Pacer(rate=10, monotonic=time.monotonic, sleep=time.sleep)
    await pacer.wait()
    time.now += 5.0  # the event loop was busy for five seconds
    released = []
    for _ in range(3):
        await pacer.wait()
        released.append(time.now)
    # No catching up: only the forgiven lateness is taken off the first interval.
    assert released == pytest.approx([5.0, 5.1 - LATENESS_FORGIVEN, 5.2 - LATENESS_FORGIVEN])


async def test_timers_firing_late_do_not_add_up_over_a_long_burst() -> None:
    """The event loop's timers fire a little after their time; 10,000 posts would
    otherwise finish seconds after the rate allows."""
    time = SimulatedTime()

    async def late_sleep(seconds: float) -> None:
        await time.sleep(seconds + 0.001)

    pacer = Pacer(rate=50, monotonic=time.monotonic, sleep=late_sleep)
    released = []
    for _ in range(2_000):
        await pacer.wait()
        released.append(time.now)
    assert released[-1] == pytest.approx(1_999 / 50 + 0.001)  # not + 2 s
    # Still never more than the rate in a second (plus the one a late timer moves in).
    assert max(sum(1 for t in released if start <= t < start + 1 - 1e-9)
               for start in released) <= 51


async def test_nobody_goes_while_requests_are_held_back() -> None:
    time = SimulatedTime()
    lifted = asyncio.Event()
    lifted.set()
    pacer = Pacer(rate=10, held=lifted.wait, monotonic=time.monotonic, sleep=time.sleep)
    await pacer.wait()
    lifted.clear()  # a global 429: discord.py holds every request back
    waiting = [asyncio.create_task(pacer.wait()) for _ in range(3)]
    for _ in range(5):
        await asyncio.sleep(0)
    assert not any(task.done() for task in waiting)
    time.now += 2.0
    lifted.set()
    await asyncio.gather(*waiting)
    # Released one interval apart from when the hold lifted, not all at once.
    assert time.now == pytest.approx(2.2 - LATENESS_FORGIVEN)
