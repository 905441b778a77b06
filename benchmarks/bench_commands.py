"""studybot's commands against the floor, through the same fake Discord.

For each command: p50/p99 round trip and throughput of 1,000 sequential
interactions, and latency and throughput of 1,000 simultaneous ones (after one
untimed burst), as ratios to a bare discord.py bot answering a constant ``/ping``
measured in the same run. Targets: p50 within 1.3x the floor, throughput at
least 0.7x.

    python -m benchmarks.bench_commands [--n 1000] [--smoke] [--database-sync normal]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks._measure import Summary, time_concurrent, time_sequential
from benchmarks.floor_bot import build_floor_bot
from bot.clock import ManualClock
from bot.discord_app.client import StudyBot
from bot.runner import open_services
from bot.services import Services
from bot.settings import Settings
from storage.database import Synchronous
from tests.fake_discord import FakeDiscord, build_default_guild

# (label, command path, options builder) — options may depend on the fake's guild.
OptionsFor = Callable[[FakeDiscord], dict[str, Any]]
COMMANDS: list[tuple[str, str, OptionsFor]] = [
    ("/help", "help", lambda fake: {}),
    ("/ask", "ask", lambda fake: {"question": "석사 학위 꼭 필요한가요?"}),
    ("/checkin", "checkin", lambda fake: {"paper": "Attention Is All You Need"}),
    ("/streak show", "streak show", lambda fake: {}),
    ("/round show", "round show", lambda fake: {}),
]


@dataclass(frozen=True)
class Row:
    label: str
    sequential: Summary
    concurrent: Summary


async def measure(fake: FakeDiscord, label: str, command: str, options: dict[str, Any],
                  n: int) -> Row:
    async def once() -> None:
        await fake.slash(command, options, user="alice", timeout=120)

    gc.collect()
    sequential = await time_sequential(label, once, n, warmup=min(50, n))
    # One untimed burst first: the bot's HTTP connection pool to the fake grows to
    # its burst size then, so every command (the floor too) is timed with a warm pool.
    await time_concurrent(label, once, n)
    gc.collect()
    concurrent = await time_concurrent(label, once, n)
    return Row(label, sequential, concurrent)


async def run(n: int, sync: Synchronous = "full") -> list[Row]:
    fake = FakeDiscord(interaction_deadline=None)
    build_default_guild(fake)
    await fake.start()
    fake.point_client()
    rows: list[Row] = []
    try:
        floor = build_floor_bot()
        handle = await fake.run_client(floor)
        try:
            await floor.tree.sync()
            rows.append(await measure(fake, "floor /ping", "ping", {}, n))
        finally:
            await handle.close()
        with tempfile.TemporaryDirectory() as data_dir:
            clock = ManualClock(datetime(2026, 11, 23, 12, tzinfo=UTC))
            services = await open_services(
                Settings(data_dir=Path(data_dir), database_sync=sync), clock)
            bot = StudyBot(services, guild_ready_timeout=0.05)
            handle = await fake.run_client(bot)
            try:
                await prepare(fake)
                synced = {c["name"] for c in fake.registered_commands()}
                for label, command, options_for in COMMANDS:
                    if command.split()[0] not in synced:
                        print(f"{label}: not available yet, skipped")
                        continue
                    rows.append(await measure(fake, label, command, options_for(fake), n))
                    if command == "checkin":
                        await verify_checkins(services, expected=min(50, n) + 3 * n)
            finally:
                await handle.close()
                await services.db.close()
    finally:
        await fake.stop()
    return rows


async def verify_checkins(services: Services, expected: int) -> None:
    """Every acknowledged /checkin is stored exactly once (distinct interaction ids)."""
    async with services.db.read() as conn:
        rows = await conn.execute_fetchall(
            "SELECT count(*), count(DISTINCT dedupe_key) FROM streak_checkins"
        )
    stored, distinct = next(iter(rows))
    verdict = "ok" if stored == distinct == expected else "MISMATCH"
    print(f"/checkin: {stored} stored, {distinct} distinct, {expected} sent: {verdict}")


async def prepare(fake: FakeDiscord) -> None:
    """State some commands need (an active round for /round show)."""
    synced = {c["name"] for c in fake.registered_commands()}
    if "round-admin" in synced:
        await fake.slash(
            "round-admin create",
            {"name": "bench", "start": "2026-12-03", "weeks": 4,
             "channel": fake.guild().channel("general"), "cadence": "every thu 20:00"},
            user="mod",
        )
        await fake.slash("round-admin start", {"round": "bench"}, user="mod")


def table(rows: list[Row]) -> str:
    floor = rows[0]
    lines = [
        "| command | p50 ms | p99 ms | p50 / floor | one by one: /s | / floor "
        "| at once: p50 ms | at once: p99 ms | at once: /s | / floor |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.label} | {row.sequential.p50_ms:.2f} | {row.sequential.p99_ms:.2f} | "
            f"{row.sequential.p50_ms / floor.sequential.p50_ms:.2f} | "
            f"{row.sequential.throughput:.0f} | "
            f"{row.sequential.throughput / floor.sequential.throughput:.2f} | "
            f"{row.concurrent.p50_ms:.0f} | {row.concurrent.p99_ms:.0f} | "
            f"{row.concurrent.throughput:.0f} | "
            f"{row.concurrent.throughput / floor.concurrent.throughput:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--smoke", action="store_true", help="50 interactions per measurement")
    parser.add_argument("--database-sync", choices=["full", "normal"], default="full",
                        help="the bot's STUDYBOT_DATABASE_SYNC for this run")
    args = parser.parse_args()
    print(table(asyncio.run(run(50 if args.smoke else args.n, args.database_sync))))


if __name__ == "__main__":
    main()
