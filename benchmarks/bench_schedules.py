"""The schedule engine at scale.

1. Start-up rebuild: 100,000 active schedules across 10,000 guilds (four time zones,
   daily / weekday / weekly / one-off rules, one digest per guild) are read from
   SQLite and timed in memory. Targets: under 3 s, resident memory under 300 MB.
   Cold (every schedule timed from its trigger, as after an upgrade) and warm
   (the stored next occurrences read back).
2. The alternative measured and rejected: one APScheduler job per schedule
   (``add_job`` of N ``CronTrigger`` jobs into a running ``AsyncIOScheduler``).

Delivery, through the real discord.py client and a fake Discord with Discord's
rate limits, is measured by ``bench_bursts``.

    python -m benchmarks.bench_schedules [--smoke] [--skip-baseline]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import multiprocessing
import random
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.community import CommunityService
from bot.core.refs import DISCORD, ChannelRef, CommunityRef
from bot.i18n import load_catalog
from bot.ports import OutgoingMessage
from bot.schedules.engine import ScheduleEngine
from bot.schedules.parse import next_after, parse_rule
from storage import schedules as store
from storage.backends import open_database
from storage.connection import Connection
from storage.database import Database
from storage.schedules import Schedule

ZONES = ("Asia/Seoul", "America/New_York", "Europe/Berlin", "UTC")


def rss_mb() -> float:
    """Current resident set size of this process in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class OffsetClock:
    """The real clock shifted by a fixed offset (time still passes in real time)."""

    def __init__(self, offset: timedelta) -> None:
        self._offset = offset

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset


class UnusedPoster:
    """The engine's poster: these runs start and stop before anything falls due."""

    async def post(self, channel: ChannelRef, message: OutgoingMessage, *, nonce: str) -> str:
        raise AssertionError("nothing should fall due during a start-up measurement")

    async def notify_moderators(self, community: CommunityRef, message: OutgoingMessage, *,
                                channel: ChannelRef | None) -> None:
        return None


@dataclass(frozen=True)
class Sizes:
    guilds: int
    schedules: int
    due_at_once: int
    baseline_jobs: int


FULL = Sizes(guilds=10_000, schedules=100_000, due_at_once=2_000, baseline_jobs=100_000)
SMOKE = Sizes(guilds=200, schedules=2_000, due_at_once=200, baseline_jobs=2_000)


def random_rules(rng: random.Random) -> Iterator[str]:
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    while True:
        minute, hour = rng.choice((0, 15, 30, 45)), rng.randrange(24)
        pick = rng.random()
        if pick < 0.3:
            yield f"cron {minute} {hour} * * *"
        elif pick < 0.45:
            yield f"cron {minute} {hour} * * mon,tue,wed,thu,fri"
        else:
            chosen = sorted(rng.sample(range(7), rng.choice((1, 1, 2, 3))))
            yield f"cron {minute} {hour} * * " + ",".join(days[d] for d in chosen)


def last_occurrence(rule: str, zone: str, now: datetime, cache: dict[tuple[str, str], datetime],
                    ) -> datetime:
    """The latest occurrence at or before ``now`` (as if everything was delivered)."""
    key = (rule, zone)
    if key not in cache:
        trigger = parse_rule(rule).trigger(ZoneInfo(zone))
        cursor = now - timedelta(days=8)
        latest = cursor
        while (following := next_after(trigger, cursor)) is not None and following <= now:
            latest = cursor = following
        cache[key] = latest.astimezone(UTC)
    return cache[key]


async def populate(db: Database, sizes: Sizes, now: datetime, due: datetime,
                   rng: random.Random) -> None:
    """Write guilds, their time zones and the schedules; ``due_at_once`` of them are
    one-offs at ``due``."""
    zones = [rng.choice(ZONES) for _ in range(sizes.guilds)]
    rules = random_rules(rng)
    cache: dict[tuple[str, str], datetime] = {}
    rows = []
    due_ids = set(rng.sample(range(sizes.schedules), sizes.due_at_once))
    for index in range(sizes.schedules):
        guild = index % sizes.guilds
        zone = zones[guild]
        kind = "digest" if index < sizes.guilds else "reminder"
        if index in due_ids:
            local = due.astimezone(ZoneInfo(zone))
            rule, handled = f"at {local:%Y-%m-%d %H:%M}", now - timedelta(days=1)
            kind = "reminder" if index >= sizes.guilds else kind
        elif kind == "reminder" and rng.random() < 0.1:
            later = (now + timedelta(days=rng.randrange(1, 60))).astimezone(ZoneInfo(zone))
            rule, handled = f"at {later:%Y-%m-%d} {rng.randrange(24):02d}:00", now
        else:
            rule = next(rules)
            # Steady state: every earlier occurrence was delivered; one in ten was
            # created (or resumed) after its last occurrence, so anchors vary.
            handled = last_occurrence(rule, zone, now, cache)
            if rng.random() < 0.1:
                handled += (now - handled) * rng.random()
        rows.append((guild + 1, kind, str(10_000 + index), rule, "bench reminder",
                     store.to_db_time(handled), store.to_db_time(now - timedelta(days=30))))
    def work(conn: Connection):
        conn.executemany(
            "INSERT INTO communities (id, platform, external_id) VALUES (?, ?, ?)",
            [(guild + 1, DISCORD, str(100_000 + guild)) for guild in range(sizes.guilds)])
        conn.executemany(
            "INSERT INTO community_settings (community_id, key, value, updated_at, updated_by) "
            "VALUES (?, 'timezone', ?, ?, 'bench')",
            [(guild + 1, f'"{zone}"', now.isoformat()) for guild, zone in enumerate(zones)
             if zone != "Asia/Seoul"])
        conn.executemany(
            "INSERT INTO schedules (community_id, kind, channel_id, rule, message, "
            "handled_until, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, 'bench', ?)",
            rows)
    await db.write(work)


async def render(schedule: Schedule, occurrence: datetime, late: bool) -> OutgoingMessage:
    return OutgoingMessage(body=schedule.message or "digest", title="bench")


async def _start_engine(path: Path, clock: OffsetClock, label: str,
                        ) -> tuple[ScheduleEngine, Database, UnusedPoster]:
    gc.collect()
    rss_before = rss_mb()
    db = await open_database(path)
    community = CommunityService(db, clock)
    poster = UnusedPoster()
    engine = ScheduleEngine(db, clock, poster, community,
                            {"reminder": render, "digest": render}, texts=load_catalog())
    started = time.perf_counter()
    await engine.start()
    elapsed = time.perf_counter() - started
    gc.collect()
    rss_after = rss_mb()
    print(f"{label}: {elapsed:.2f} s (target < 3 s); resident memory {rss_after:.0f} MB "
          f"({rss_after - rss_before:+.0f} MB for the engine and its data; target < 300 MB)")
    return engine, db, poster


def cold_start(path: str, offset_seconds: float) -> None:
    """First start on a database without stored next occurrences (as after upgrading):
    every schedule is timed from its trigger and the results are stored."""

    async def run() -> None:
        engine, db, _ = await _start_engine(
            Path(path), OffsetClock(timedelta(seconds=offset_seconds)),
            "cold start (every schedule timed from its trigger)")
        await engine.shutdown()
        await db.close()

    asyncio.run(run())


def warm_start(path: str, offset_seconds: float) -> None:
    """A normal restart: the stored next occurrences are read, not recomputed."""

    async def run() -> None:
        engine, db, _ = await _start_engine(
            Path(path), OffsetClock(timedelta(seconds=offset_seconds)),
            "warm start (stored next occurrences)")
        await engine.shutdown()
        await db.close()

    asyncio.run(run())


def engine_run(sizes: Sizes, seed: int) -> None:
    """Populate a database, then run each phase in its own process (clean memory)."""
    rng = random.Random(seed)
    real_now = datetime.now(UTC)
    # A whole minute far enough ahead for populating and the cold start.
    due = (real_now + timedelta(minutes=3)).replace(second=0, microsecond=0)
    offset = due - timedelta(minutes=1) - real_now  # the clock reads due - 1 min now
    spawn = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"

        async def fill() -> None:
            db = await open_database(path)
            await populate(db, sizes, real_now + offset, due, rng)
            await db.close()

        asyncio.run(fill())
        print(f"{sizes.schedules:,} schedules across {sizes.guilds:,} guilds written")
        for target, args in (
            (cold_start, (str(path), offset.total_seconds())),
            (warm_start, (str(path), offset.total_seconds())),
        ):
            process = spawn.Process(target=target, args=args)
            process.start()
            process.join()


async def apscheduler_baseline(jobs: int, seed: int) -> None:
    """One APScheduler job per schedule, as the alternative design would do."""
    rng = random.Random(seed)
    rules = random_rules(rng)
    zones = [ZoneInfo(name) for name in ZONES]

    async def job() -> None:
        return None

    gc.collect()
    rss_before = rss_mb()
    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.start()
    started = time.perf_counter()
    for index in range(jobs):
        _, minute, hour, _, _, days = next(rules).split()
        trigger = CronTrigger(minute=minute, hour=hour, day_of_week=days,
                              timezone=rng.choice(zones))
        scheduler.add_job(job, trigger, id=str(index), misfire_grace_time=None)
    added = time.perf_counter() - started
    await asyncio.sleep(0)
    gc.collect()
    rss_after = rss_mb()
    scheduler.shutdown(wait=False)
    print(f"alternative, one APScheduler job per schedule: {jobs:,} add_job calls took "
          f"{added:.2f} s and {rss_after - rss_before:+.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="small sizes for CI")
    parser.add_argument("--skip-baseline", action="store_true",
                        help="do not measure the one-job-per-schedule alternative")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = SMOKE if args.smoke else FULL
    engine_run(sizes, args.seed)
    if not args.skip_baseline:
        asyncio.run(apscheduler_baseline(sizes.baseline_jobs, args.seed))


if __name__ == "__main__":
    main()
