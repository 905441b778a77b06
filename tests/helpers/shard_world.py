"""Several ``studybot run --shard-count N --shards i`` processes against one fake
Discord (its gateway hands each process its shards' guilds) and one database,
with a burst of one-off reminders already due: used by the multi-process test and
by ``benchmarks/bench_shards.py``."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo

from bot.core.refs import DISCORD
from bot.core.shards import shard_of
from storage import schedules as store
from storage.backends import open_database
from storage.connection import Connection
from tests.helpers.fakes.discord import FakeDiscord

REPO = Path(__file__).resolve().parents[2]
MARK = re.compile(r"reminder-(\d+)-end")


@dataclass
class ShardedWorld:
    fake: FakeDiscord
    shard_count: int
    channels: list[tuple[int, int]]  # (guild id, channel id), guilds of every shard in turn

    def shard_of_reminder(self, number: int) -> int:
        return shard_of(self.channels[number % len(self.channels)][0], self.shard_count)


def build_world(shard_count: int, guilds_per_shard: int = 4,
                channels_per_guild: int = 5) -> ShardedWorld:
    """A fake Discord recommending ``shard_count`` shards, with guilds on each."""
    fake = FakeDiscord(interaction_deadline=None, shard_count=shard_count, max_concurrency=16)
    channels = []
    for index in range(guilds_per_shard):
        for shard in range(shard_count):
            guild = fake.add_guild(f"study-{shard}-{index}", shard=shard)
            channels += [(guild.id, guild.add_channel(f"reading-{n}").id)
                         for n in range(channels_per_guild)]
    return ShardedWorld(fake, shard_count, channels)


def database_target(url: str) -> Path | str:
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else url


async def seed_reminders(url: str, world: ShardedWorld, count: int) -> None:
    """``count`` one-off reminders due two minutes ago (posted at once, late), spread
    over every channel; reminder ``n`` says ``reminder-n-end``."""
    now = datetime.now(UTC)
    local = (now - timedelta(minutes=2)).astimezone(ZoneInfo("Asia/Seoul"))
    guild_ids = sorted({guild for guild, _ in world.channels})
    community_of = {guild: number + 1 for number, guild in enumerate(guild_ids)}
    db = await open_database(database_target(url))
    try:
        def work(conn: Connection) -> None:
            conn.executemany(
                "INSERT INTO communities (id, platform, external_id) VALUES (?, ?, ?)",
                [(number, DISCORD, str(guild)) for guild, number in community_of.items()])
            rows = []
            for number in range(count):
                guild, channel = world.channels[number % len(world.channels)]
                rows.append((community_of[guild], str(channel), f"at {local:%Y-%m-%d %H:%M}",
                             f"reminder-{number}-end",
                             store.to_db_time(now - timedelta(minutes=10)),
                             store.to_db_time(now - timedelta(minutes=10))))
            conn.executemany(
                "INSERT INTO schedules (community_id, kind, channel_id, rule, message, "
                "handled_until, created_by, created_at) "
                "VALUES (?, 'reminder', ?, ?, ?, ?, 'test', ?)", rows)
        await db.write(work)
    finally:
        await db.close()


def posted(fake: FakeDiscord) -> Counter[int]:
    """How many messages in the fake carry each reminder's mark."""
    found: Counter[int] = Counter()
    for message in list(fake.messages.values()):
        text = message.content + json.dumps(message.embeds)
        for mark in MARK.findall(text):
            found[int(mark)] += 1
    return found


async def unfinished(url: str) -> int:
    """Reminders not yet finished, plus deliveries still 'sending'."""
    db = await open_database(database_target(url), migrate=False)
    try:
        def count(conn: Connection) -> int:
            left = conn.execute("SELECT COUNT(*) FROM schedules WHERE status != 'finished'")
            sending = conn.execute("SELECT COUNT(*) FROM deliveries WHERE status = 'sending'")
            return int(left.fetchone()[0]) + int(sending.fetchone()[0])
        return int(await db.write(count))
    finally:
        await db.close()


async def start_shard_process(
    world: ShardedWorld, url: str, folder: Path, shards: str, *,
    extra: Mapping[str, str] | None = None,
) -> asyncio.subprocess.Process:
    """``studybot run --shard-count N --shards SHARDS`` against the fake; its output
    goes to ``folder/studybot.log``."""
    log = _open_log(folder)
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("STUDYBOT_", "DISCORD_", "SLACK_"))}
    env |= {"DISCORD_TOKEN": "fake-token", "STUDYBOT_DATABASE_URL": url,
            "STUDYBOT_DATA_DIR": str(folder), "STUDYBOT_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(REPO), **(extra or {})}
    try:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.helpers.fakes.discord.cli_process", "--base-url",
            world.fake.base_url, "run", "--shard-count", str(world.shard_count),
            "--shards", shards, env=env, cwd=REPO, stdout=log, stderr=log)
    finally:
        log.close()


async def stop_processes(processes: list[asyncio.subprocess.Process],
                         grace_seconds: float = 30) -> None:
    """SIGTERM every process still running, then wait; one that has not stopped
    within ``grace_seconds`` is killed, so a hung process cannot hang the caller."""
    for process in processes:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            await asyncio.wait_for(process.wait(), grace_seconds)
        except TimeoutError:
            process.kill()
            await process.wait()


def _open_log(folder: Path) -> BinaryIO:
    folder.mkdir(parents=True, exist_ok=True)
    return (folder / "studybot.log").open("ab")


def logs(folder: Path, tail: int | None = 3000) -> str:
    """Every process's log under ``folder`` (the last ``tail`` characters of each)."""
    return "\n".join(f"--- {path}\n{path.read_text(errors='replace')[-(tail or 0):]}"
                      for path in sorted(folder.glob("*/studybot.log")))
