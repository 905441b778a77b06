"""Start-up: time to ready and resident memory with 1, 1,000 and 10,000 guilds.

The bot runs in its own process (``tests.helpers.fakes.discord.bot_process``) so the fake's
memory is not counted; the floor is a bare discord.py bot started the same way.
Targets at 10,000 guilds: ready in under 5 s, under 300 MB resident.

    python -m benchmarks.bench_startup [--smoke]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.fakes.discord.bot_process import start_bot_process
from tests.helpers.fakes.discord.models import CATEGORY, TEXT, VOICE


@dataclass(frozen=True)
class StartupResult:
    label: str
    guilds: int
    ready_seconds: float
    resident_mib: float

    def line(self) -> str:
        return (f"{self.label:<10} guilds={self.guilds:<6} ready={self.ready_seconds:6.2f} s  "
                f"rss={self.resident_mib:6.1f} MiB")


CHANNELS_PER_GUILD = 30
ROLES_PER_GUILD = 10
EMOJIS_PER_GUILD = 20


def build_fake(guilds: int) -> FakeDiscord:
    """``guilds`` guilds shaped like a study server: 30 text and voice channels under
    categories, 10 roles and 20 custom emojis each (what GUILD_CREATE carries)."""
    fake = FakeDiscord()
    for index in range(guilds):
        guild = fake.add_guild(f"guild-{index}")
        category = guild.add_channel("study", CATEGORY)
        for number in range(CHANNELS_PER_GUILD - 1):
            kind = VOICE if number % 6 == 5 else TEXT
            guild.add_channel(f"channel-{number}", kind, parent=category)
        for number in range(ROLES_PER_GUILD):
            guild.add_role(f"role-{number}")
        for number in range(EMOJIS_PER_GUILD):
            guild.add_emoji(f"emoji_{number}")
    return fake


async def measure(guilds: int, *, floor: bool) -> StartupResult:
    """Spawn a bot process against a fake with ``guilds`` guilds; time spawn to ready."""
    fake = build_fake(guilds)
    await fake.start()
    try:
        with tempfile.TemporaryDirectory() as data_dir:
            spawned = time.perf_counter()
            process, words = await start_bot_process(
                fake.base_url, Path(data_dir), floor=floor, ready_within=120, quiet=True)
            ready = time.perf_counter() - spawned
            process.terminate()
            await process.wait()
            return StartupResult("floor" if floor else "studybot", int(words[3]), ready,
                                 float(words[2]))
    finally:
        await fake.stop()


async def run(sizes: list[int]) -> list[StartupResult]:
    results = []
    for size in sizes:
        results.append(await measure(size, floor=True))
        results.append(await measure(size, floor=False))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="1 and 100 guilds only")
    args = parser.parse_args()
    sizes = [1, 100] if args.smoke else [1, 1000, 10000]
    for result in asyncio.run(run(sizes)):
        print(result.line())


if __name__ == "__main__":
    main()
