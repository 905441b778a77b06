"""Defect 9: SIGTERM during a Discord outage stops ``studybot run`` within 10 s
(a container's default before SIGKILL), cleanly and with every acknowledged write
kept, instead of waiting out the gateway's reconnect attempt and back-off."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.runners.process import start_run_until_ready

CONTAINER_STOP_SECONDS = 10.0


async def test_sigterm_during_an_outage_stops_promptly_and_keeps_writes(
    tmp_path: Path, fake_discord: FakeDiscord
) -> None:
    # As after a few minutes of outage: the next reconnect is a minute away.
    bot = await start_run_until_ready(tmp_path, fake_discord.base_url,
                                      {"FAKE_DISCORD_RECONNECT_BACKOFF": "60"})
    await fake_discord.wait_for_request("PUT", r"/commands$")
    reply = await fake_discord.slash("checkin", {"paper": "Attention"}, user="alice")
    assert reply.content, "the check-in was not acknowledged"

    await fake_discord.stop()  # Discord goes away: the bot fails to reconnect and waits
    await asyncio.sleep(1.0)
    assert bot.process.returncode is None, "the bot exited on its own during the outage"
    sent = bot.terminate()
    finished = await bot.finished(limit=30)
    assert "Attempting a reconnect" in finished.stdout, "the outage was not reached"
    stopped_after = finished.seconds - (sent - bot.started)
    assert stopped_after < CONTAINER_STOP_SECONDS, f"took {stopped_after:.1f} s to stop"
    assert finished.returncode == 0, finished.stderr
    # discord.py logs each failed reconnect with its traceback; the stop itself is quiet.
    after_signal = finished.stdout.split("received SIGTERM; shutting down", 1)[1]
    assert "Traceback" not in after_signal + finished.stderr, after_signal
    assert after_signal.rstrip().endswith("stopped")

    with sqlite3.connect(tmp_path / "studybot.sqlite3") as db:
        assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        papers = [row[0] for row in db.execute("SELECT paper FROM streak_checkins")]
    assert papers == ["Attention"]
