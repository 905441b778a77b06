"""Posting throughput with 1, 2 and 3 shard processes, on SQLite and on Postgres.

A burst of one-off reminders is due across the guilds of 3 shards; ``studybot run
--shard-count 3`` runs as one process (``--shards 0-2``), two (``0``, ``1-2``) or
three (``0``, ``1``, ``2``) against the fake Discord (``tests/helpers/shard_world.py``),
whose gateway hands each process its shards' guilds. Measured: from the first post
the fake receives until every reminder is posted and recorded (no delivery left
'sending'), as the fake and the database see it (polled every 50 ms). The fake
has no rate limit and the bot's pacer is set far above Discord's 50 requests/s,
so this measures what the processes and the database manage; against Discord
the bot posts at most its pacer's rate in all.
(Check-in throughput, Postgres vs SQLite: ``bench_storage``.)

    python -m benchmarks.bench_shards [--reminders 10000] [--smoke]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.bench_storage import postgres_server
from tests.helpers.shard_world import (
    ShardedWorld,
    build_world,
    logs,
    posted,
    seed_reminders,
    start_shard_process,
    stop_processes,
    unfinished,
)

MESSAGES = re.compile(r"^/channels/\d+/messages$")
SPLITS = {1: ["0-2"], 2: ["0", "1-2"], 3: ["0", "1", "2"]}
UNPACED = {"STUDYBOT_DISCORD_POSTS_PER_SECOND": "100000"}


async def burst(url: str, processes: int, reminders: int, folder: Path) -> tuple[float, float]:
    """(seconds from the first post to the last recorded, posts per second)."""
    world: ShardedWorld = build_world(3, guilds_per_shard=4, channels_per_guild=10)
    fake = world.fake
    await fake.start()
    running: list[asyncio.subprocess.Process] = []
    try:
        await seed_reminders(url, world, reminders)
        for number, shards in enumerate(SPLITS[processes]):
            running.append(await start_shard_process(
                world, url, folder / f"p{processes}-{number}", shards, extra=UNPACED))
        deadline = time.monotonic() + 600
        while len(fake.messages) < reminders:
            await _tick(deadline, folder)
        while await unfinished(url):
            await _tick(deadline, folder)
        done = time.perf_counter()
        posts = [r.time for r in fake.requests if r.method == "POST" and MESSAGES.search(r.path)]
        seconds = done - min(posts)
        counts = posted(fake)
        if len(counts) != reminders or any(c != 1 for c in counts.values()):
            raise AssertionError(f"{len(counts)} of {reminders} posted, some more than once")
        return seconds, reminders / seconds
    finally:
        await stop_processes(running)
        await fake.stop()


async def _tick(deadline: float, folder: Path) -> None:
    if time.monotonic() > deadline:
        raise AssertionError(f"the burst did not finish within 600 s\n{logs(folder)}")
    await asyncio.sleep(0.05)


@contextmanager
def fresh_schema(url: str) -> Iterator[str]:
    import psycopg

    base, _, _ = url.partition("&options=")
    base = base if "?" in base else url.partition("?options=")[0]
    schema = f"shards_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--smoke", action="store_true", help="300 reminders")
    parser.add_argument("--postgres-url", default=os.environ.get("STUDYBOT_BENCH_POSTGRES_URL"))
    args = parser.parse_args()
    reminders = 300 if args.smoke else args.reminders
    print(f"{reminders} reminders due at once across 3 shards' guilds; "
          f"{os.cpu_count()} CPUs")
    print("| database | processes | first post to last recorded | posts per s |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as raw:
        folder = Path(raw)
        for processes in (1, 2, 3):
            url = f"sqlite:///{folder / f'sqlite-{processes}.sqlite3'}"
            seconds, rate = asyncio.run(burst(url, processes, reminders, folder))
            print(f"| SQLite | {processes} | {seconds:.1f} s | {rate:,.0f} |", flush=True)
        with postgres_server(args.postgres_url) as (url, how):
            if url is None:
                print(f"Postgres rows skipped: {how}")
                return
            for processes in (1, 2, 3):
                with fresh_schema(url) as schema_url:
                    seconds, rate = asyncio.run(burst(schema_url, processes, reminders, folder))
                print(f"| Postgres | {processes} | {seconds:.1f} s | {rate:,.0f} |", flush=True)
            print(f"(Postgres: {how})")


if __name__ == "__main__":
    main()
