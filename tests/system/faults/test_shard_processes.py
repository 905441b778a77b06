"""Three shard processes (``studybot run --shard-count 3 --shards i``) on one
database, against a fake Discord whose gateway hands each its shard's guilds; a
burst of reminders is due across all guilds and the process of shard 1 is killed
with SIGKILL in the middle of its part. Every reminder is posted exactly once:
by the process owning its guild, or, once the dead one's leases expired, by
another; none is lost. On Postgres and on SQLite.

``STUDYBOT_SHARD_TEST_REMINDERS`` sets the burst (default 600, so the test stays
within about a minute on 2 busy cores; ``benchmarks/bench_shards.py`` runs 10,000).
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from tests.helpers.shard_world import (
    build_world,
    logs,
    posted,
    seed_reminders,
    start_shard_process,
    stop_processes,
    unfinished,
)

REMINDERS = int(os.environ.get("STUDYBOT_SHARD_TEST_REMINDERS", "600"))
SHARDS = 3
VICTIM = 1
LEASE_SECONDS = 4
# Scheduled posts per second, all processes together: the fake has no rate limit,
# so this only keeps the victim's part long enough to be killed in the middle of.
POSTS_PER_SECOND = 150
# Seconds for everything to be posted, on a loaded machine.
LIMIT = float(os.environ.get("STUDYBOT_SHARD_TEST_LIMIT", "240"))


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'studybot.sqlite3'}"
    return str(request.getfixturevalue("postgres_schema_url"))


async def poll(condition: Callable[[], Awaitable[bool]], what: str, folder: Path,
               limit: float = LIMIT) -> None:
    deadline = time.monotonic() + limit
    while not await condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {limit} s waiting for {what}\n{logs(folder)}")
        await asyncio.sleep(0.05)


async def test_a_killed_shard_process_loses_no_reminder_and_none_is_posted_twice(
    database_url: str, tmp_path: Path
) -> None:
    world = build_world(SHARDS)
    fake = world.fake
    await fake.start()
    processes: list[asyncio.subprocess.Process] = []
    try:
        await seed_reminders(database_url, world, REMINDERS)
        victims = {n for n in range(REMINDERS) if world.shard_of_reminder(n) == VICTIM}
        extra = {"STUDYBOT_SCHEDULE_LEASE_SECONDS": str(LEASE_SECONDS),
                 "STUDYBOT_DISCORD_POSTS_PER_SECOND": str(POSTS_PER_SECOND),
                 "STUDYBOT_LOG_LEVEL": os.environ.get("STUDYBOT_SHARD_TEST_LOG", "WARNING")}
        for shard in range(SHARDS):
            processes.append(await start_shard_process(
                world, database_url, tmp_path / f"shard-{shard}", str(shard), extra=extra))

        async def victim_mid_burst() -> bool:
            done = posted(fake)
            return sum(1 for n in victims if n in done) >= 10

        await poll(victim_mid_burst, "shard 1's process to start posting", tmp_path)
        processes[VICTIM].send_signal(signal.SIGKILL)
        await processes[VICTIM].wait()
        at_kill = posted(fake)
        left_by_victim = victims - set(at_kill)
        assert left_by_victim, "the victim finished its part before it was killed"

        async def all_posted() -> bool:
            return len(posted(fake)) == REMINDERS

        try:
            await poll(all_posted, f"all {REMINDERS} reminders to be posted", tmp_path)
        except AssertionError as exc:
            missing = sorted(set(range(REMINDERS)) - set(posted(fake)))
            raise AssertionError(
                f"{len(missing)} missing, of shards "
                f"{sorted({world.shard_of_reminder(n) for n in missing})}; "
                f"{len(left_by_victim)} left by the victim at the kill; "
                f"{await unfinished(database_url)} unfinished\n{exc}") from None

        async def settled() -> bool:
            return await unfinished(database_url) == 0

        await poll(settled, "every reminder finished, no delivery left sending", tmp_path)
        counts = posted(fake)
        twice = {n: c for n, c in counts.items() if c != 1}
        assert not twice, f"posted more than once: {sorted(twice.items())[:20]}"
        assert set(counts) == set(range(REMINDERS))
        # Each IDENTIFY carried its shard of 3; shard 1's guilds went to shard 1 only.
        assert sorted(s for s, count, _ in fake.gateway.identifies) == [0, 1, 2]
        assert {count for _, count, _ in fake.gateway.identifies} == {SHARDS}
        for survivor in (0, 2):
            assert processes[survivor].returncode is None, logs(tmp_path)
        # The dead process's part was taken over: what it left undone, or left
        # 'sending' when it died, once its leases expired.
        told = logs(tmp_path, tail=None)
        assert "taking over" in told or "another process left sending" in told, told
    finally:
        await stop_processes(processes)
        await fake.stop()


async def test_shard_processes_starting_together_take_turns_to_identify(tmp_path: Path) -> None:
    """max_concurrency 1: two processes, one shard each, started at once; Discord
    would refuse a second IDENTIFY within 5 s, so the second waits at the shared gate."""
    world = build_world(2, guilds_per_shard=1, channels_per_guild=1)
    fake = world.fake
    fake.max_concurrency = 1
    await fake.start()
    url = f"sqlite:///{tmp_path / 'studybot.sqlite3'}"
    processes: list[asyncio.subprocess.Process] = []
    try:
        await seed_reminders(url, world, 0)  # migrates the database before both start
        for shard in range(2):
            processes.append(await start_shard_process(
                world, url, tmp_path / f"shard-{shard}", str(shard)))

        async def both_live() -> bool:
            sessions = fake.gateway.shards
            return len(sessions) == 2 and all(s.live for s in sessions.values())

        await poll(both_live, "both shards to IDENTIFY", tmp_path, limit=90)
        identifies = fake.gateway.identifies
        assert sorted(shard for shard, _, _ in identifies) == [0, 1]
        assert not fake.gateway.bucket_violations(), identifies
        assert identifies[1][2] - identifies[0][2] >= 5.0
    finally:
        await stop_processes(processes)
        await fake.stop()
