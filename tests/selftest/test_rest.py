"""Channel messages, nonces, faults and error answers."""

from __future__ import annotations

import datetime as dt
import time

import discord
import pytest
from discord.ext import commands

from tests.helpers.fakes.discord import FakeDiscord


def general(bot: commands.Bot, fake: FakeDiscord) -> discord.TextChannel:
    channel = bot.get_channel(fake.guild().channel("general").id)
    assert isinstance(channel, discord.TextChannel)
    return channel


async def test_channel_message_nonce_dedupe(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    channel = general(bot, fake_discord)
    first = await channel.send("hello", nonce=1234)
    again = await channel.send("hello", nonce=1234)
    other = await channel.send("bye", allowed_mentions=discord.AllowedMentions.none())
    assert again.id == first.id and other.id != first.id
    posts = fake_discord.messages_in(channel.id)
    assert [m.content for m in posts] == ["hello", "bye"]
    assert (posts[0].nonce, posts[0].enforce_nonce) == ("1234", True)
    assert posts[1].allowed_mentions == {"parse": []} and posts[1].enforce_nonce
    assert len(fake_discord.requests_to("POST", r"/channels/\d+/messages$")) == 3


async def test_nonce_window_expires(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    now = [0.0]
    fake_discord.clock = lambda: now[0]
    channel = general(bot, fake_discord)
    fake_discord.nonces.clear()
    first = await channel.send("a", nonce=7)
    now[0] = 301.0
    second = await channel.send("a", nonce=7)
    assert second.id != first.id and len(fake_discord.messages_in(channel.id)) == 2


async def test_rate_limit_is_retried(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    fake_discord.fail_next("POST", r"/channels/\d+/messages$", 429, retry_after=0.1)
    channel = general(bot, fake_discord)
    start = time.perf_counter()
    await channel.send("after the limit")
    assert time.perf_counter() - start >= 0.1
    attempts = fake_discord.requests_to("POST", r"/channels/\d+/messages$")
    assert [r.status for r in attempts] == [429, 200] and attempts[0].injected
    assert [m.content for m in fake_discord.messages_in(channel.id)] == ["after the limit"]


async def test_rate_limited_interaction_callback_is_retried(fake_discord: FakeDiscord,
                                                            bot: commands.Bot) -> None:
    fake_discord.fail_next("POST", r"/callback$", 429, retry_after=0.05)
    reply = await fake_discord.slash("hello")
    assert reply.content == "Hello, alice!"
    assert [r.status for r in fake_discord.requests_to("POST", "/callback$")] == [429, 200]


async def test_unknown_and_forbidden_channel(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    channel = general(bot, fake_discord)
    await fake_discord.forbid_channel(channel.id)
    with pytest.raises(discord.Forbidden) as forbidden:
        await channel.send("x")
    assert forbidden.value.code == 50013
    await fake_discord.delete_channel(channel.id, notify=False)
    with pytest.raises(discord.NotFound) as missing:
        await channel.send("x")
    assert missing.value.code == 10003 and missing.value.text == "Unknown Channel"
    with pytest.raises(discord.NotFound):
        await bot.fetch_channel(123)


async def test_bot_reports_channel_error_in_followup(fake_discord: FakeDiscord,
                                                     bot: commands.Bot) -> None:
    await fake_discord.delete_channel("general", notify=False)
    reply = await fake_discord.slash("announce", {"text": "hi"}, channel="general")
    assert reply.content == "failed: 404 10003" and reply.ephemeral


async def test_channel_delete_is_dispatched(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    channel = general(bot, fake_discord)
    await fake_discord.delete_channel(channel.id)
    # A round trip from another channel: CHANNEL_DELETE was processed before it.
    await fake_discord.slash("hello", channel="voice")
    assert bot.get_channel(channel.id) is None


async def test_members_users_and_unknown_routes(fake_discord: FakeDiscord,
                                                bot: commands.Bot) -> None:
    guild = bot.get_guild(fake_discord.guild().id)
    assert guild is not None
    alice = fake_discord.guild().member("alice")
    member = await guild.fetch_member(alice.id)
    assert member.name == "alice" and member.guild_permissions.manage_guild is False
    assert (await bot.fetch_user(alice.id)).name == "alice"
    fetched = await bot.fetch_guild(guild.id)
    assert fetched.name == "guild" and fetched.preferred_locale == discord.Locale.american_english
    channel = await bot.fetch_channel(fake_discord.guild().channel("general").id)
    assert isinstance(channel, discord.TextChannel) and channel.name == "general"
    with pytest.raises(discord.NotFound):
        await guild.fetch_member(42)
    with pytest.raises(discord.NotFound):
        await bot.http.request(discord.http.Route("GET", "/nope/{x}", x=1))
    assert [(r.method, r.path) for r in fake_discord.unknown_requests] == [("GET", "/nope/1")]


async def test_scheduled_events(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    guild = bot.get_guild(fake_discord.guild().id)
    assert guild is not None
    start = dt.datetime(2030, 1, 2, 18, 0, tzinfo=dt.UTC)
    event = await guild.create_scheduled_event(
        name="Paper club", start_time=start, end_time=start + dt.timedelta(hours=1),
        entity_type=discord.EntityType.external, location="Room 1",
        privacy_level=discord.PrivacyLevel.guild_only)
    stored = fake_discord.guild().scheduled_events[event.id]
    assert stored["name"] == "Paper club" and stored["entity_metadata"] == {"location": "Room 1"}
    edited = await event.edit(name="Paper club #2")
    assert edited.name == "Paper club #2" == stored["name"]
    await event.delete()
    assert fake_discord.guild().scheduled_events == {}
