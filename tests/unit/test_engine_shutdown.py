"""Defect 9, the scheduler's part: a stop does not wait on a post Discord never
answers for longer than the engine's grace, and the occurrence is not lost: the
next start posts it (with the same nonce, so Discord would drop a repeat)."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.clock import ManualClock
from bot.core.refs import ChannelRef
from bot.ports import OutgoingMessage
from bot.runner import CLOSE_CLIENT_SECONDS
from bot.schedules.engine import SHUTDOWN_GRACE_SECONDS
from storage.database import Database
from tests.fake_poster import FakePoster
from tests.schedule_world import CHANNEL, MOD, make_world

SEOUL = ZoneInfo("Asia/Seoul")
CONTAINER_STOP_SECONDS = 10.0


class HangingPoster(FakePoster):
    """The first post never gets an answer (Discord down mid-request)."""

    def __init__(self) -> None:
        super().__init__()
        self.hung = asyncio.Event()
        self.hangs_left = 1

    async def post(self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str) -> str:
        if self.hangs_left:
            self.hangs_left -= 1
            self.hung.set()
            await asyncio.Event().wait()
        return await super().post(channel, message, nonce=nonce)


def test_the_stop_budget_fits_a_containers_grace() -> None:
    # The engine's wait runs inside the client's bounded close.
    assert SHUTDOWN_GRACE_SECONDS < CLOSE_CLIENT_SECONDS < CONTAINER_STOP_SECONDS


async def test_a_post_that_never_returns_does_not_hold_the_stop(
    db: Database, clock: ManualClock
) -> None:
    poster = HangingPoster()
    world = await make_world(db, clock, poster)
    added = await world.reminders.add(MOD, CHANNEL, "오늘 22:00", "읽기", None)
    clock.set(datetime(2026, 11, 23, 22, 0, tzinfo=SEOUL))
    running = asyncio.create_task(world.engine.run_due())
    await asyncio.wait_for(poster.hung.wait(), 5)

    began = time.monotonic()
    await world.engine.shutdown(grace=0.2)
    assert time.monotonic() - began < 1.0
    running.cancel()  # what the end of the process does to the stuck post
    await asyncio.gather(running, return_exceptions=True)
    assert poster.posts == []

    restarted = await make_world(db, clock, poster)
    await restarted.engine.run_due()
    (post,) = poster.posts
    assert post.message.body == "읽기"
    assert (await restarted.deliveries(added.schedule.id))[0].status == "sent"
    await restarted.engine.shutdown()
