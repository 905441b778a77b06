"""``studybot run`` keeps what it loaded at start (guild caches, catalog, search
index) out of the garbage collector's full scans once it is ready: over 10,000
guilds' caches such a scan held the event loop for 180 ms."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.runners.process import start_run_until_ready


async def test_objects_alive_at_start_are_frozen_once_ready(
    tmp_path: Path, fake_discord: FakeDiscord
) -> None:
    bot = await start_run_until_ready(tmp_path, fake_discord.base_url)
    reply = await fake_discord.slash("help", user="alice")  # the bot has been serving
    assert reply.embeds
    bot.terminate()
    finished = await bot.finished(limit=30)
    assert finished.returncode == 0, finished.stderr
    frozen = [line for line in finished.stdout.splitlines()
              if "objects alive at start are kept out of the garbage collector's scans" in line]
    assert len(frozen) == 1, finished.stdout[-3000:]
    count = int(frozen[0].split(" objects alive at start")[0].split()[-1])
    assert count > 10_000  # the catalog, the search index, the services, discord.py's state
