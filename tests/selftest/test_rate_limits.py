"""The fake's REST rate limits, and the poster's pacing under them (real discord.py)."""

from __future__ import annotations

import asyncio
import time

import discord
from discord.ext import commands

from bot.core.refs import DISCORD, ChannelRef, CommunityRef
from bot.discord_app.pacing import Pacer
from bot.discord_app.poster import DiscordPoster
from bot.ports import OutgoingMessage
from tests.helpers.fakes.discord import FakeDiscord, RateLimitPolicy
from tests.helpers.fakes.discord.ratelimits import RateLimiter


def limit(fake: FakeDiscord, policy: RateLimitPolicy) -> RateLimiter:
    fake.rate_limiter = RateLimiter(policy)
    return fake.rate_limiter


def general(bot: commands.Bot, fake: FakeDiscord) -> discord.TextChannel:
    channel = bot.get_channel(fake.guild().channel("general").id)
    assert isinstance(channel, discord.TextChannel)
    return channel


async def test_a_channel_bucket_makes_discord_py_wait(fake_discord: FakeDiscord,
                                                      bot: commands.Bot) -> None:
    limiter = limit(fake_discord, RateLimitPolicy(messages_per_channel=3, channel_window=0.4))
    channel = general(bot, fake_discord)
    start = time.perf_counter()
    for number in range(7):
        await channel.send(f"message {number}")
    assert time.perf_counter() - start >= 0.8  # three windows for seven messages
    assert len(fake_discord.messages_in(channel.id)) == 7
    assert not limiter.refused  # discord.py read the headers and waited ahead


async def test_past_the_global_limit_requests_are_refused_then_retried(
    fake_discord: FakeDiscord, bot: commands.Bot
) -> None:
    limiter = limit(fake_discord, RateLimitPolicy(global_per_second=10,
                                                  messages_per_channel=1000))
    channel = general(bot, fake_discord)
    # Half again the limit at once: the rest is refused, and discord.py retries it
    # after the global wait (a bigger burst can exhaust its five tries).
    await asyncio.gather(*(channel.send(f"burst {n}") for n in range(15)))
    assert len(fake_discord.messages_in(channel.id)) == 15
    assert limiter.refused and all(is_global for _, is_global in limiter.refused)


async def test_scheduled_posts_are_paced_under_the_global_limit(
    fake_discord: FakeDiscord, bot: commands.Bot
) -> None:
    guild = fake_discord.guild()
    channel = ChannelRef(CommunityRef(DISCORD, str(guild.id)), str(guild.channel("general").id))
    policy = RateLimitPolicy(global_per_second=40, messages_per_channel=1000)

    async def burst(poster: DiscordPoster, label: str) -> None:
        # Nonces of their own per burst: the fake, like Discord, answers a post whose
        # nonce it has seen with the earlier message (``id(poster)`` was reused once
        # the first poster was collected, and half the posts were never made).
        await asyncio.gather(*(poster.post(channel, OutgoingMessage(body=f"reminder {n}"),
                                           nonce=f"{label}-{n}") for n in range(60)))

    unpaced = limit(fake_discord, policy)
    await burst(DiscordPoster(bot, Pacer(rate=10_000)), "unpaced")
    assert unpaced.refused  # without pacing the burst runs into 429s

    await asyncio.sleep(1.1)  # let the global window empty
    paced = limit(fake_discord, policy)
    start = time.perf_counter()
    # 30/s against a 40/s limit: a loaded machine delivers a few paced posts late and
    # together; the margin keeps them under the limit all the same.
    await burst(DiscordPoster(bot, Pacer(rate=30)), "paced")
    assert not paced.refused
    assert time.perf_counter() - start >= 59 / 30 - 0.05
    assert len(fake_discord.messages_in(int(channel.external_id))) == 120
