"""``bot.runner.freeze_once_ready``: once the bot is ready, what it loaded (guild
caches, catalog, search index) is kept out of the garbage collector's full scans,
which over 10,000 guilds' caches held the event loop for 180 ms."""

from __future__ import annotations

import asyncio
import gc

from bot.runner import FULL_COLLECTION_AFTER, freeze_once_ready


class Loaded:
    """Stands for a cached object: it refers to itself, as discord.py's do."""

    def __init__(self) -> None:
        self.me = self


async def test_objects_alive_once_ready_leave_the_collectors_scans() -> None:
    ready = asyncio.Event()
    loaded = [Loaded() for _ in range(1_000)]
    frozen_before = gc.get_freeze_count()
    thresholds = gc.get_threshold()
    freezing = asyncio.create_task(freeze_once_ready(ready.wait))
    await asyncio.sleep(0)
    assert not freezing.done() and gc.get_freeze_count() == frozen_before  # not before ready
    try:
        ready.set()
        await freezing
        assert gc.get_freeze_count() >= frozen_before + len(loaded)
        tracked = {id(item) for item in gc.get_objects()}
        assert not any(id(item) in tracked for item in loaded)  # no longer scanned
        later = Loaded()
        assert any(item is later for item in gc.get_objects())  # later objects are
        assert gc.get_threshold() == (*thresholds[:2], FULL_COLLECTION_AFTER)
    finally:
        gc.unfreeze()  # the test process goes on collecting as before
        gc.set_threshold(*thresholds)
