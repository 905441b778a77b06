"""Listeners told after a community's time zone changed."""

from __future__ import annotations

import logging

import pytest

from bot.clock import ManualClock
from bot.community import CommunityService
from bot.core.refs import CommunityRef
from storage.database import Database
from tests.helpers.refs import GUILD


async def test_listeners_hear_only_real_zone_changes_and_cannot_fail_the_change(
    db: Database, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    community = CommunityService(db, clock)
    heard: list[tuple[CommunityRef, str]] = []

    async def record(ref: CommunityRef) -> None:
        heard.append((ref, (await community.config(ref)).timezone))

    async def broken(ref: CommunityRef) -> None:
        raise RuntimeError("listener down")

    community.on_timezone_changed(broken)
    community.on_timezone_changed(record)

    await community.set_value(GUILD, "language", "en", actor="1")
    await community.set_value(GUILD, "timezone", "Asia/Seoul", actor="1")  # unchanged
    assert heard == []

    with caplog.at_level(logging.ERROR):
        changed = await community.set_value(GUILD, "timezone", "UTC", actor="1")
    assert changed.timezone == "UTC"  # committed although a listener failed
    assert "listener down" in caplog.text
    await community.reset_value(GUILD, "timezone")
    assert heard == [(GUILD, "UTC"), (GUILD, "Asia/Seoul")]
