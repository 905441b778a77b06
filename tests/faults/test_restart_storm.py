"""100 random restarts and crashes while reminders fall due: no occurrence is
posted twice, and every occurrence is accounted for (posted, or recorded as
skipped/failed with a reason)."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import ManualClock
from bot.core.refs import ChannelRef
from bot.ports import OutgoingMessage
from bot.schedules.parse import occurrences_after, parse_rule
from storage.database import Database
from tests.fake_poster import Crash, FakePoster, PostCall
from tests.schedule_world import CHANNEL, MOD, World, make_world

SEOUL = ZoneInfo("Asia/Seoul")
NONCE_WINDOW = timedelta(minutes=5)  # Discord drops a repeated nonce within this
WHENS = ["*/15 * * * *", "every day 9:00", "매주 월 20:00", "every weekday 12:30", "내일 7:00"]


class TimedPoster(FakePoster):
    """Also remembers when (on the manual clock) each attempt was made."""

    def __init__(self, clock: ManualClock) -> None:
        super().__init__()
        self.clock = clock
        self.attempts: dict[str, list[datetime]] = defaultdict(list)

    async def post(self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str) -> str:
        self.attempts[nonce].append(self.clock.now())
        return await super().post(channel, message, nonce=nonce)


async def test_hundred_random_restarts(db: Database, clock: ManualClock) -> None:
    rng = random.Random(20261122)
    poster = TimedPoster(clock)
    world: World = await make_world(db, clock, poster)
    schedules = []
    for i, when in enumerate(WHENS):
        added = await world.reminders.add(MOD, CHANNEL, when, f"reminder {i}", None)
        schedules.append(added.schedule)
    began = clock.now()
    for _ in range(100):
        clock.advance(timedelta(minutes=rng.choice([1, 3, 7, 16, 31, 61, 180, 420])))
        roll = rng.random()
        if roll < 0.25:
            # The process dies in the middle of a post, before recording it.
            def die(call: PostCall) -> None:
                poster.after_post = None
                raise Crash()

            poster.after_post = die
            try:
                await world.engine.run_due()
            except Crash:
                pass
            poster.after_post = None
            world = await world.restart()
        elif roll < 0.6:
            await world.engine.run_due()
            world = await world.restart()  # a clean deploy
        else:
            world = await world.restart()  # was down while things fell due
    await world.engine.run_due()
    ended = clock.now()

    for nonce, times in poster.attempts.items():
        assert times[-1] - times[0] <= NONCE_WINDOW, f"{nonce} re-sent after the nonce window"
    assert len({call.nonce for call in poster.posts}) == len(poster.posts)

    posted = {call.nonce for call in poster.posts}
    checked = 0
    for schedule in schedules:
        trigger = parse_rule(schedule.rule).trigger(SEOUL)
        expected = [
            moment for moment in occurrences_after(trigger, schedule.created_at, 2000)
            if moment <= ended
        ]
        checked += len(expected)
        deliveries = {d.occurrence: d for d in await world.deliveries(schedule.id)}
        for moment in expected:
            delivery = deliveries.get(moment)
            assert delivery is not None, f"{schedule.rule} at {moment} vanished without a trace"
            if delivery.status in ("sent", "late"):
                assert delivery.nonce in posted
            else:
                assert delivery.status in ("skipped", "failed") and delivery.reason, delivery
    assert checked > 100, f"only {checked} occurrences fell due between {began} and {ended}"
