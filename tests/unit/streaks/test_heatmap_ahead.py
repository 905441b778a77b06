"""Heatmaps drawn ahead after a check-in: /streak show then finds exactly the
picture it would draw, and a later change to the member's data is never
answered with the old one."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.core.actor import Actor
from bot.core.refs import MemberRef
from bot.streaks.heatmap import HeatmapRenderer, render_heatmap
from bot.streaks.heatmap_ahead import HeatmapAhead
from bot.streaks.service import StreakService
from storage.database import Database
from tests.helpers.refs import GUILD
from tests.helpers.world import make_services

ALICE = MemberRef(GUILD, "10")
BOB = MemberRef(GUILD, "11")
MOD = Actor(MemberRef(GUILD, "99"), is_moderator=True)


class CountingRenderer(HeatmapRenderer):
    """Counts the graphs it actually draws."""

    def __init__(self) -> None:
        super().__init__()
        self.draws = 0

    def _draw_and_keep(self, key):  # type: ignore[no-untyped-def]
        self.draws += 1
        return super()._draw_and_keep(key)


@pytest.fixture
def streaks(db: Database, clock: ManualClock) -> StreakService:
    return make_services(db, clock).streaks


async def shown_png(streaks: StreakService, renderer: HeatmapRenderer, member: MemberRef,
                    lang: str = "ko") -> bytes:
    """What /streak show sends: the member's graph from the renderer."""
    summary = await streaks.show(member)
    return await renderer.png(summary.counts_by_day, summary.today, lang)  # type: ignore[arg-type]


async def fresh_png(streaks: StreakService, member: MemberRef, lang: str = "ko") -> bytes:
    summary = await streaks.show(member)
    return render_heatmap(summary.counts_by_day, summary.today, lang)  # type: ignore[arg-type]


async def checked_in_and_drawn(streaks: StreakService, lang: str
                               ) -> tuple[CountingRenderer, HeatmapAhead]:
    """Alice checks in and her graph is drawn ahead in ``lang``."""
    renderer = CountingRenderer()
    ahead = HeatmapAhead(streaks, renderer, quiet_seconds=0)
    await streaks.check_in(ALICE, "alice")
    ahead.after_checkin(ALICE, lang)  # type: ignore[arg-type]
    await ahead.idle()
    return renderer, ahead


async def test_show_after_a_checkin_sends_the_graph_drawn_ahead(
    streaks: StreakService,
) -> None:
    renderer, ahead = await checked_in_and_drawn(streaks, "en")
    assert (ahead.drawn, renderer.draws) == (1, 1)

    png = await shown_png(streaks, renderer, ALICE, "en")
    assert renderer.draws == 1  # nothing drawn while answering
    assert png == await fresh_png(streaks, ALICE, "en")

    # Another language is not drawn ahead: /streak show draws it (and it is right).
    assert await shown_png(streaks, renderer, ALICE, "ko") == await fresh_png(streaks, ALICE)
    assert renderer.draws == 2


async def test_a_change_after_the_drawing_is_never_answered_with_the_old_graph(
    streaks: StreakService, clock: ManualClock
) -> None:
    renderer, _ = await checked_in_and_drawn(streaks, "ko")
    old = await shown_png(streaks, renderer, ALICE)

    # A moderator adds a check-in on an earlier day (no render ahead for that).
    yesterday = (await streaks.show(ALICE)).today - timedelta(days=1)
    await streaks.adjust(MOD, ALICE, yesterday, "add", "forgot to check in")
    changed = await shown_png(streaks, renderer, ALICE)
    assert changed != old
    assert changed == await fresh_png(streaks, ALICE)

    # A new day: the graph moves on, whatever was kept for yesterday.
    clock.advance(timedelta(days=1))
    assert await shown_png(streaks, renderer, ALICE) == await fresh_png(streaks, ALICE)


async def test_a_member_waiting_is_drawn_once_and_a_burst_is_capped(
    streaks: StreakService,
) -> None:
    renderer = CountingRenderer()
    ahead = HeatmapAhead(streaks, renderer, pending_limit=1, quiet_seconds=0)
    await streaks.check_in(ALICE, "alice")
    for _ in range(2):  # a graph of his own (the same picture is kept once)
        await streaks.check_in(BOB, "bob")
    ahead.after_checkin(ALICE, "ko")
    ahead.after_checkin(ALICE, "ko")
    ahead.after_checkin(BOB, "ko")  # over the limit: left to /streak show
    await ahead.idle()
    assert (ahead.drawn, renderer.draws) == (1, 1)
    await shown_png(streaks, renderer, BOB)
    assert renderer.draws == 2


async def test_a_failure_is_logged_and_later_members_are_still_drawn(
    streaks: StreakService, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    renderer = CountingRenderer()
    ahead = HeatmapAhead(streaks, renderer, quiet_seconds=0)
    await streaks.check_in(BOB, "bob")
    show = streaks.show

    async def failing_for_alice(member: MemberRef):  # type: ignore[no-untyped-def]
        if member == ALICE:
            raise RuntimeError("database gone")
        return await show(member)

    monkeypatch.setattr(streaks, "show", failing_for_alice)
    with caplog.at_level(logging.WARNING, logger="bot.streaks.heatmap_ahead"):
        ahead.after_checkin(ALICE, "ko")
        ahead.after_checkin(BOB, "ko")
        await ahead.idle()
    assert "drawing the heatmap of" in caplog.text
    assert ahead.drawn == 1


async def test_close_drops_waiting_members_and_stops_the_drawing_under_way(
    streaks: StreakService, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    renderer = CountingRenderer()
    ahead = HeatmapAhead(streaks, renderer, quiet_seconds=0)
    await streaks.check_in(ALICE, "alice")
    await streaks.check_in(BOB, "bob")
    reading = asyncio.Event()
    show = streaks.show

    async def slow_show(member: MemberRef):  # type: ignore[no-untyped-def]
        reading.set()
        await asyncio.Event().wait()  # still reading when the process stops
        return await show(member)

    monkeypatch.setattr(streaks, "show", slow_show)
    with caplog.at_level(logging.WARNING, logger="bot.streaks.heatmap_ahead"):
        ahead.after_checkin(ALICE, "ko")
        ahead.after_checkin(BOB, "ko")
        await reading.wait()
        await ahead.close()
        ahead.after_checkin(ALICE, "ko")  # a check-in answered while shutting down
        await ahead.idle()
    assert (ahead.drawn, renderer.draws) == (0, 0)
    assert "drawing the heatmap of" not in caplog.text


async def test_services_close_stops_drawing_ahead_before_the_database(
    db: Database, clock: ManualClock, caplog: pytest.LogCaptureFixture,
) -> None:
    services = make_services(db, clock)
    await services.streaks.check_in(ALICE, "alice")
    with caplog.at_level(logging.WARNING, logger="bot.streaks.heatmap_ahead"):
        services.heatmaps_ahead.after_checkin(ALICE, "ko")
        await services.close()  # before the drawing had a turn on the loop
        await asyncio.sleep(0)
    assert services.heatmaps_ahead.drawn == 0
    assert "drawing the heatmap of" not in caplog.text


class SteppedTime:
    """A monotonic clock that only moves when the drawing-ahead sleeps; ``during_sleep``
    runs inside the next sleep (a check-in arriving meanwhile)."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []
        self.during_sleep: list[Callable[[], None]] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds
        if self.during_sleep:
            self.during_sleep.pop(0)()
        await asyncio.sleep(0)


async def test_graphs_are_drawn_only_after_a_quiet_spell_without_check_ins(
    streaks: StreakService,
) -> None:
    """Drawing ahead is spare work: a check-in arriving while it waits postpones it,
    so a burst of check-ins never competes with drawings for the CPU."""
    time = SteppedTime()
    renderer = CountingRenderer()
    ahead = HeatmapAhead(streaks, renderer, quiet_seconds=0.2,
                         monotonic=time.monotonic, sleep=time.sleep)
    await streaks.check_in(ALICE, "alice")
    for _ in range(2):  # a graph of his own (the same picture is drawn once)
        await streaks.check_in(BOB, "bob")
    draws_while_waiting: list[int] = []

    def bob_checks_in() -> None:
        draws_while_waiting.append(renderer.draws)
        time.now -= 0.05  # Bob's check-in comes 0.15 s into Alice's quiet spell
        ahead.after_checkin(BOB, "ko")
        time.now += 0.05

    time.during_sleep.append(bob_checks_in)
    ahead.after_checkin(ALICE, "ko")
    await ahead.idle()
    assert draws_while_waiting == [0]
    # 0.2 s after Alice; then the rest of a quiet spell after Bob (0.15 s in): 0.15 s.
    assert time.slept == [0.2, 0.15]
    assert (ahead.drawn, renderer.draws) == (2, 2)
