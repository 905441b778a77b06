"""Session times in each reader's own zone: next to the server-zone text, Discord's
``<t:…:F>`` (date and time in the reader's zone) and ``<t:…:R>`` (how far off) in
/session list, /session show and /round show, in Korean and English."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.conftest import BotRunner
from tests.e2e.test_rounds import create_round, sessions, start_round
from tests.fake_discord import FakeDiscord

SEOUL = ZoneInfo("Asia/Seoul")
FIRST = datetime(2026, 11, 26, 20, tzinfo=SEOUL).astimezone(UTC)
UNIX = int(FIRST.timestamp())
READER = f"<t:{UNIX}:F> (<t:{UNIX}:R>)"
SERVER_TEXT = {"ko": "2026-11-26(목) 20:00", "en-US": "Thu 2026-11-26 20:00"}


@pytest.mark.parametrize("locale", ["ko", "en-US"])
async def test_session_times_carry_the_readers_own_zone(
    studybot: BotRunner, fake_discord: FakeDiscord, locale: str
) -> None:
    await create_round(fake_discord)
    await start_round(fake_discord)
    server_then_reader = f"{SERVER_TEXT[locale]} · {READER}"

    listing = await fake_discord.slash("session list", user="alice", locale=locale)
    first_line = listing.embeds[0]["description"].splitlines()[0]
    assert first_line.startswith(f"#1 · {server_then_reader} · "), first_line

    first = (await sessions(studybot, fake_discord))[0]
    shown = await fake_discord.slash(
        "session show", {"session": str(first.id)}, user="alice", locale=locale)
    when = shown.embeds[0]["fields"][0]["value"]
    assert when.startswith(server_then_reader), when

    card = await fake_discord.slash(
        "round show", {"round": "winter 2026"}, user="alice", locale=locale)
    section = next(field["value"] for field in card.embeds[0]["fields"]
                   if field["value"].startswith("#1 "))
    assert section.startswith(f"#1 · {server_then_reader}"), section
