"""Times in each reader's own zone: next to the server-zone text, Discord's
``<t:…:F>`` (date and time in the reader's zone) and ``<t:…:R>`` (how far off) in
/session list, /session show, /round show, /remind add and /remind list, in Korean
and English."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.runners.discord import BotRunner
from tests.system.e2e.test_rounds import create_round, sessions, start_round

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


def reader(moment: datetime) -> str:
    unix = int(moment.timestamp())
    return f"<t:{unix}:F> (<t:{unix}:R>)"


@pytest.mark.parametrize(("locale", "first_text"), [
    ("ko", "2026-11-24(화) 09:00"), ("en-US", "Tue 2026-11-24 09:00")])
async def test_reminder_times_carry_the_readers_own_zone(
    studybot: BotRunner, fake_discord: FakeDiscord, locale: str, first_text: str
) -> None:
    """The clock is Monday 2026-11-23 21:00 in Seoul: the next three are Tue..Thu 09:00."""
    added = await fake_discord.slash(
        "remind add", {"when": "every day 9:00", "message": "read"}, user="mod", locale=locale)
    days = [datetime(2026, 11, day, 9, tzinfo=SEOUL) for day in (24, 25, 26)]
    assert f"{first_text} · {reader(days[0])}" in (added.content or ""), added.content
    assert all(reader(day) in (added.content or "") for day in days)

    listing = await fake_discord.slash("remind list", user="mod", locale=locale)
    assert f"{first_text} · {reader(days[0])}" in listing.embeds[0]["description"]
