"""The check-in write path against raw sqlite3, measured in the same run.

Floor: a plain ``sqlite3`` insert with one commit each, on a file with the same
pragmas the bot uses (WAL, ``synchronous=FULL``, or NORMAL with ``--database-sync
normal``). Measured: ``StreakService.check_in`` (validation, member lookup, insert,
aggregates, commit) through ``Database.write`` on the writer thread.

    python -m benchmarks.bench_storage [--n 1000] [--smoke] [--database-sync normal]
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks._measure import Summary
from bot.clock import ManualClock
from bot.core.refs import DISCORD, CommunityRef, MemberRef
from bot.runner import open_services
from bot.settings import Settings
from storage.database import Synchronous


def raw_inserts(path: Path, n: int, sync: str) -> Summary:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={sync.upper()}")
    conn.execute("CREATE TABLE checkins (id INTEGER PRIMARY KEY, member TEXT, at TEXT, paper TEXT)")
    latencies = []
    started = time.perf_counter()
    for i in range(n):
        begin = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO checkins (member, at, paper) VALUES (?, ?, ?)",
            (str(i % 50), datetime.now(UTC).isoformat(), f"paper {i}"),
        )
        conn.execute("COMMIT")
        latencies.append(time.perf_counter() - begin)
    wall = time.perf_counter() - started
    conn.close()
    return Summary("raw sqlite3 insert+commit", tuple(latencies), wall)


async def service_checkins(data_dir: Path, n: int, sync: Synchronous) -> Summary:
    clock = ManualClock(datetime(2026, 11, 23, 12, tzinfo=UTC))
    services = await open_services(Settings(data_dir=data_dir, database_sync=sync), clock)
    community = CommunityRef(DISCORD, "1")
    latencies = []
    try:
        started = time.perf_counter()
        for i in range(n):
            member = MemberRef(community, str(i % 50))
            begin = time.perf_counter()
            await services.streaks.check_in(member, f"m{i % 50}", f"paper {i}", None,
                                            dedupe_key=f"bench:{i}")
            latencies.append(time.perf_counter() - begin)
        wall = time.perf_counter() - started
    finally:
        await services.db.close()
    return Summary("StreakService.check_in", tuple(latencies), wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--smoke", action="store_true", help="100 writes each")
    parser.add_argument("--database-sync", choices=["full", "normal"], default="full")
    args = parser.parse_args()
    n = 100 if args.smoke else args.n
    with tempfile.TemporaryDirectory() as raw_dir, tempfile.TemporaryDirectory() as bot_dir:
        floor = raw_inserts(Path(raw_dir) / "raw.sqlite3", n, args.database_sync)
        measured = asyncio.run(service_checkins(Path(bot_dir), n, args.database_sync))
    for summary in (floor, measured):
        print(summary.line())
    print(f"check-in / raw insert: p50 x{measured.p50_ms / floor.p50_ms:.1f}, "
          f"p99 x{measured.p99_ms / floor.p99_ms:.1f}, "
          f"throughput x{measured.throughput / floor.throughput:.2f}")


if __name__ == "__main__":
    main()
