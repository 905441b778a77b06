"""Login, READY/GUILD_CREATE, command sync and gateway reconnects."""

from __future__ import annotations

import discord
import pytest
from discord.ext import commands

from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.fakes.discord.pytest_plugin import RunClient

from .selftest_bot import build_selftest_bot


async def test_login_ready_and_sync(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    calls = [(r.method, r.path) for r in fake_discord.requests]
    app = fake_discord.application_id
    assert calls[:3] == [("GET", "/users/@me"), ("GET", "/oauth2/applications/@me"),
                         ("PUT", f"/applications/{app}/commands")]
    assert all(r.status == 200 for r in fake_discord.requests)
    assert fake_discord.unknown_requests == []

    synced = {c["name"]: c for c in fake_discord.registered_commands()}
    assert set(synced) == {"hello", "secret", "report", "role", "confirm", "feedback",
                           "whoami", "silent", "announce", "faq", "pick", "progress", "upload"}
    assert synced["faq"]["options"][0]["name"] == "add"
    assert synced["role"]["options"][0]["autocomplete"] is True

    identify = next(f for f in fake_discord.gateway.received if f["op"] == 2)
    assert identify["d"]["token"] == "fake-token"
    assert identify["d"]["intents"] == discord.Intents(guilds=True).value

    assert bot.user is not None and bot.user.id == fake_discord.bot_user.id
    assert bot.application_id == fake_discord.application_id
    (guild,) = bot.guilds
    fake_guild = fake_discord.guild()
    assert guild.id == fake_guild.id and guild.name == "guild"
    assert {c.name for c in guild.channels} == {"general", "voice"}
    assert {r.name for r in guild.roles} == {"@everyone", "studybot", "Moderator"}
    assert guild.me.guild_permissions.manage_events
    moderator = guild.get_role(fake_guild.role("Moderator").id)
    assert moderator is not None and moderator.permissions.manage_guild


async def test_guild_sync_is_stored_per_guild(fake_discord: FakeDiscord,
                                              run_client: RunClient) -> None:
    bot = build_selftest_bot(sync=False)
    await run_client(bot)
    guild = discord.Object(fake_discord.guild().id)
    bot.tree.copy_global_to(guild=guild)
    synced = await bot.tree.sync(guild=guild)
    stored = fake_discord.registered_commands(guild.id)
    assert {c.name for c in synced} == {c["name"] for c in stored}
    assert {c.id for c in synced} == {int(c["id"]) for c in stored}
    assert all(c["guild_id"] == str(guild.id) for c in stored)
    assert fake_discord.registered_commands() == []
    reply = await fake_discord.slash("hello")  # matched as a guild command
    assert reply.payload["data"]["guild_id"] == str(guild.id)
    assert reply.content == "Hello, alice!"


@pytest.mark.parametrize("op7", [False, True], ids=["socket-closed", "op7-reconnect"])
async def test_resume_after_dropped_gateway(fake_discord: FakeDiscord, bot: commands.Bot,
                                            op7: bool) -> None:
    gateway = fake_discord.gateway
    seq_before = gateway.shards[0].seq
    await fake_discord.drop_gateway(resume=True, op7=op7)
    assert (gateway.identify_count, gateway.resume_count) == (1, 1)
    resume = next(f for f in gateway.received if f["op"] == 6)
    assert resume["d"]["session_id"] == gateway.shards[0].id
    assert resume["d"]["seq"] == seq_before
    assert (await fake_discord.slash("hello")).content == "Hello, alice!"
    assert bot.resumed_count == 1  # type: ignore[attr-defined]


async def test_events_missed_while_disconnected_are_replayed(fake_discord: FakeDiscord,
                                                             bot: commands.Bot) -> None:
    gateway = fake_discord.gateway
    session = gateway.shards[0]
    assert session.ws is not None
    session.live = False  # stop sending, as if the socket had silently died
    channel = fake_discord.guild().channel("voice")
    await fake_discord.delete_channel(channel)  # CHANNEL_DELETE is only buffered
    assert bot.get_channel(channel.id) is not None
    await session.ws.close(code=4000)
    await gateway.wait_until(lambda: gateway.resume_count == 1, "RESUME", 5)
    await fake_discord.slash("hello")
    assert bot.get_channel(channel.id) is None  # replayed on RESUME


async def test_invalid_session_reidentifies(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    old_session = fake_discord.gateway.shards[0].id

    async def no_identify_delay(shard_id: int | None, *, initial: bool = False) -> None:
        return None  # discord.py otherwise sleeps 5 s before re-identifying

    bot.before_identify_hook = no_identify_delay  # type: ignore[method-assign]
    await fake_discord.drop_gateway(resume=False)
    assert fake_discord.gateway.identify_count == 2
    assert fake_discord.gateway.shards[0].id != old_session
    assert (await fake_discord.slash("hello")).content == "Hello, alice!"


async def test_many_guilds_start_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeDiscord()
    for n in range(300):
        fake.add_guild(f"g{n}").add_channel("general")
    await fake.start()
    fake.point_client(monkeypatch)
    try:
        bot = build_selftest_bot(sync=False)
        handle = await fake.run_client(bot)
        assert len(bot.guilds) == 300
        assert all(g.get_channel(next(iter(fake.guilds[g.id].channels))) for g in bot.guilds)
        await handle.close()
    finally:
        await fake.stop()
