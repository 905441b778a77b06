"""The fake Discord misbehaves; the bot retries what is transient, gives up clearly
on what is not, and keeps serving."""

from __future__ import annotations

import asyncio
import logging

import pytest

from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.runners.discord import BotRunner

CALLBACK = r"/interactions/\d+/[^/]+/callback"


async def test_rate_limited_reply_is_retried(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    fault = fake_discord.fail_next("POST", CALLBACK, status=429, retry_after=0.05)
    reply = await fake_discord.slash("help")
    assert reply.embeds and fault.times == 0
    assert len(fake_discord.requests_to("POST", CALLBACK)) == 2  # refused once, then accepted


async def test_server_error_is_retried(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    fake_discord.fail_next("POST", CALLBACK, status=500)
    reply = await fake_discord.slash("about")
    assert reply.embeds


@pytest.mark.parametrize("status", [403, 404])
async def test_refused_reply_is_logged_and_bot_keeps_serving(
    studybot: BotRunner, fake_discord: FakeDiscord, caplog: pytest.LogCaptureFixture, status: int
) -> None:
    # The command's reply and the error handler's fallback are both refused.
    fake_discord.fail_next("POST", CALLBACK, status=status, times=2)
    with caplog.at_level(logging.WARNING):
        with pytest.raises(AssertionError):
            await fake_discord.slash("help", timeout=1.0)
    assert any("command help failed" in r.getMessage() for r in caplog.records)
    assert studybot.bot.is_ready() and not studybot.bot.is_closed()
    reply = await fake_discord.slash("help")
    assert reply.embeds


async def test_gateway_drop_mid_burst_loses_no_interaction(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    burst = [asyncio.create_task(fake_discord.slash("help", timeout=10)) for _ in range(40)]
    await asyncio.sleep(0)
    await fake_discord.drop_gateway(resume=True)
    burst += [asyncio.create_task(fake_discord.slash("about", timeout=10)) for _ in range(40)]
    replies = await asyncio.gather(*burst)
    assert len(replies) == 80 and all(reply.embeds for reply in replies)
