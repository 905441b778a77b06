"""SIGKILL in the middle of a burst of check-ins: every check-in the bot had
acknowledged is in the database after a restart, none twice, and the file is sound.

The bot runs as a real separate process (``tests.helpers.fakes.discord.bot_process``)
against the fake Discord in this process, so the kill is a real ``kill -9``.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path

from bot.streaks.service import MAX_CHECKINS_PER_DAY
from tests.helpers.fakes.discord import FakeDiscord, build_default_guild
from tests.helpers.fakes.discord.bot_process import start_bot_process

BURST = 3000
KILL_AFTER_ACKS = 300
CALLBACK = re.compile(r"/interactions/(\d+)/[^/]+/callback")


async def start_bot(fake: FakeDiscord, data_dir: Path) -> asyncio.subprocess.Process:
    process, _ = await start_bot_process(fake.base_url, data_dir)
    return process


def acknowledged_ids(fake: FakeDiscord) -> set[str]:
    """Interactions whose reply reached Discord (the member saw the acknowledgement)."""
    acked = set()
    for request in fake.requests_to("POST", CALLBACK.pattern):
        match = CALLBACK.search(request.path)
        if match and request.status is not None and request.status < 300:
            acked.add(match.group(1))
    return acked


async def test_kill_9_mid_burst_loses_no_acknowledged_checkin(tmp_path: Path) -> None:
    fake = FakeDiscord(interaction_deadline=None)
    guild = build_default_guild(fake)
    # Enough readers that nobody reaches the daily check-in cap within the burst.
    members = ["alice", "mod"] + [f"reader{n}" for n in range(BURST // MAX_CHECKINS_PER_DAY)]
    for name in members[2:]:
        guild.add_member(name)
    await fake.start()
    try:
        bot = await start_bot(fake, tmp_path)
        burst = [
            asyncio.create_task(fake.slash(
                "checkin", {"paper": f"paper {i}"}, user=members[i % len(members)], timeout=30
            ))
            for i in range(BURST)
        ]
        await fake.wait_for_request("POST", CALLBACK.pattern, count=KILL_AFTER_ACKS, timeout=60)
        bot.kill()  # SIGKILL: no clean shutdown, no chance to flush anything
        await bot.wait()
        acked = acknowledged_ids(fake)
        for task in burst:
            task.cancel()
        await asyncio.gather(*burst, return_exceptions=True)
        assert KILL_AFTER_ACKS <= len(acked) < BURST, "the kill did not land mid-burst"

        restarted = await start_bot(fake, tmp_path)  # recovers the WAL, migrates, serves
        reply = await fake.slash("checkin", user="alice", timeout=10)
        assert reply.content
        restarted.terminate()
        await restarted.wait()
    finally:
        await fake.stop()

    with sqlite3.connect(tmp_path / "studybot.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        keys = [row[0] for row in conn.execute(
            "SELECT dedupe_key FROM streak_checkins WHERE dedupe_key LIKE 'discord:%'"
        )]
    stored = {key.removeprefix("discord:") for key in keys}
    assert len(keys) == len(stored), "a check-in was stored twice"
    missing = acked - stored
    assert not missing, f"{len(missing)} acknowledged check-ins were lost"


async def test_sigterm_shuts_down_cleanly(tmp_path: Path) -> None:
    fake = FakeDiscord(interaction_deadline=None)
    build_default_guild(fake)
    await fake.start()
    try:
        bot = await start_bot(fake, tmp_path)
        reply = await fake.slash("checkin", {"paper": "before shutdown"}, user="alice", timeout=10)
        assert reply.content
        bot.terminate()  # SIGTERM, as docker stop sends
        assert bot.stdout is not None
        rest = await asyncio.wait_for(bot.stdout.read(), timeout=15)
        assert await bot.wait() == 0
        assert b"STOPPED" in rest, "the process did not run its shutdown path"
    finally:
        await fake.stop()
    with sqlite3.connect(tmp_path / "studybot.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        papers = [row[0] for row in conn.execute("SELECT paper FROM streak_checkins")]
    assert papers == ["before shutdown"]
