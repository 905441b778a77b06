"""``studybot run --platform slack`` and ``discord,slack``: one process, one database,
clean shutdown on SIGTERM."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.refs import DISCORD, CommunityRef, MemberRef
from bot.runner import FULL_COLLECTION_AFTER, heartbeat_age, run_platforms
from bot.settings import Settings
from storage.backends import open_database
from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.fakes.slack import FakeSlack
from tests.helpers.refs import TEAM
from tests.helpers.runners.slack import slack_settings_for
from tests.helpers.world import make_services


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    """The processes these tests run freeze what they loaded at start (``gc.freeze``)
    and make full collections rarer: the rest of the test session goes on as before."""
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


async def _checkins(path: Path, member: MemberRef) -> int:
    """Check-ins stored for ``member``, read from the file after the process stopped."""
    from bot.clock import SystemClock
    db = await open_database(path)
    try:
        clock = SystemClock()
        streaks = make_services(db, clock).streaks
        return (await streaks.show(member)).total_checkins
    finally:
        await db.close()


async def _stop(task: asyncio.Task[None]) -> None:
    os.kill(os.getpid(), signal.SIGTERM)
    await asyncio.wait_for(task, 15)


async def test_slack_alone_until_sigterm(fake_slack: FakeSlack, tmp_path: Path) -> None:
    settings = slack_settings_for(fake_slack, tmp_path)
    frozen_before = gc.get_freeze_count()
    task = asyncio.create_task(run_platforms(settings, ("slack",)))
    await fake_slack.socket.wait_connected()
    result = await fake_slack.command("/checkin", "", user="U0ALEX")
    assert result.reply.kind == "respond"
    # What it loaded at start (catalog, index, services) is out of the full scans.
    await fake_slack.wait_until(lambda: gc.get_freeze_count() > frozen_before, 5, "a freeze")
    assert gc.get_threshold()[2] == FULL_COLLECTION_AFTER
    await fake_slack.wait_until(lambda: settings.heartbeat_file.exists(), 5, "a heartbeat")
    await _stop(task)
    assert fake_slack.socket.connections == [], "the websocket was closed"
    assert (
        await _checkins(settings.database_file, MemberRef(TEAM, "U0ALEX"))
        == 1
    )
    age = heartbeat_age(settings.heartbeat_file, datetime.now(UTC))
    assert age is not None and age < 60, "studybot health sees the Slack-only process"


async def test_discord_and_slack_from_one_process_and_one_database(
    fake_slack: FakeSlack, fake_discord: FakeDiscord, tmp_path: Path
) -> None:
    settings: Settings = slack_settings_for(fake_slack, tmp_path, discord_token="fake-token")
    task = asyncio.create_task(run_platforms(settings, ("discord", "slack")))
    await fake_slack.socket.wait_connected()
    await fake_discord.wait_for_request("GET", r"/users/@me", timeout=10)
    guild = fake_discord.guild()
    member = next(m for m in guild.members.values() if not m.user.bot)
    on_discord = None
    for _ in range(100):  # the gateway session comes up shortly after login
        try:
            on_discord = await fake_discord.slash("checkin", user=member, timeout=1)
            break
        except AssertionError:
            await asyncio.sleep(0.05)
    assert on_discord is not None, "Discord never answered"
    on_slack = await fake_slack.command("/checkin", "", user="U0ALEX")
    assert on_slack.reply.kind == "respond"
    await _stop(task)
    assert fake_slack.socket.connections == []
    path = settings.database_file
    assert await _checkins(path, MemberRef(TEAM, "U0ALEX")) == 1
    assert (
        await _checkins(path, MemberRef(CommunityRef(DISCORD, str(guild.id)), str(member.user.id)))
        == 1
    )
