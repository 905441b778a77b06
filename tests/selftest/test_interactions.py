"""Slash commands, deferrals, files, autocomplete, buttons and modals."""

from __future__ import annotations

import asyncio

import pytest
from discord.ext import commands

from tests.helpers.fakes.discord import EPHEMERAL, FakeDiscord, FakeFile


async def test_slash_round_trip(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    reply = await fake_discord.slash("hello", user="mod")
    assert reply.type == 4
    assert reply.content == "Hello, mod!"
    assert not reply.ephemeral
    (callback,) = fake_discord.requests_to("POST", r"^/interactions/")
    assert callback.query == {"with_response": "1"} and callback.status == 200
    assert callback.path == f"/interactions/{reply.id}/{reply.token}/callback"
    assert reply.message is not None and reply.message.interaction_id == reply.id
    assert fake_discord.messages_in("general") == []  # not a channel post
    assert fake_discord.messages_in("general", include_interactions=True) == [reply.message]


async def test_ephemeral_flag(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    reply = await fake_discord.slash("secret")
    assert reply.ephemeral and reply.flags & EPHEMERAL
    assert reply.raw == {"type": 4, "data": {"tts": False, "content": "psst", "flags": 64}}


async def test_deferred_followup_with_embed_and_file(fake_discord: FakeDiscord,
                                                     bot: commands.Bot) -> None:
    reply = await fake_discord.slash("report", {"topic": "week 3"})
    assert reply.type == 5
    assert [e["title"] for e in reply.embeds] == ["Report: week 3"]
    (file,) = reply.attachments
    assert (file.filename, file.data, file.description) == ("report.txt", b"line1\nline2\n", "raw")
    (followup,) = fake_discord.requests_to("POST", r"^/webhooks/")
    assert followup.files[0].data == b"line1\nline2\n" and followup.query["wait"] == "1"
    # The first follow-up replaces the "thinking" message, as on Discord.
    assert reply.message is reply.original and not reply.ephemeral
    assert reply.followed_up.done()


async def test_followed_up_waits_for_the_first_follow_up(fake_discord: FakeDiscord,
                                                         bot: commands.Bot) -> None:
    reply = await fake_discord.slash("hello")
    assert not reply.followed_up.done(), "a plain reply has no follow-up"
    progress = await fake_discord.slash("progress")
    await asyncio.wait_for(progress.followed_up, timeout=5)
    assert [m.content for m in progress.followups] == ["fetched done"]


async def test_subcommand_and_typed_options(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    reply = await fake_discord.slash("faq add", {"question": "Why?", "votes": "3"})
    assert reply.content == "added 'Why?' with 3 votes"
    sub = reply.payload["data"]["options"][0]
    assert sub["type"] == 1 and sub["options"][1] == {"type": 4, "name": "votes", "value": 3}
    with pytest.raises(ValueError, match="not defined"):
        await fake_discord.slash("faq add", {"nope": 1})


async def test_permissions_locale_and_role_option(fake_discord: FakeDiscord,
                                                  bot: commands.Bot) -> None:
    guild = fake_discord.guild()
    alice = await fake_discord.slash("whoami", locale="ko")
    assert alice.content == ("alice manage_guild=False locale=ko app_send=True target=None")
    mod = await fake_discord.slash("whoami", {"target": guild.role("Moderator")}, user="mod")
    assert mod.content == "mod manage_guild=True locale=en-US app_send=True target=Moderator"


async def test_autocomplete_choices(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    choices = await fake_discord.autocomplete("role", "name", "re")
    assert [c["value"] for c in choices] == ["reading-group", "research", "reviewer"]
    assert await fake_discord.autocomplete("role", "name", "zzz") == []


async def test_button_click_edits_message(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    reply = await fake_discord.slash("confirm")
    (button,) = reply.components[0]["components"]
    assert button["custom_id"] == "confirm:yes" and not button.get("disabled")
    click = await fake_discord.click("confirm:yes", user="mod")
    assert click.type == 7
    assert click.message is reply.message  # edited in place
    assert reply.content == "Confirmed by mod"
    assert reply.components[0]["components"][0]["disabled"] is True
    with pytest.raises(AssertionError, match="disabled"):
        await fake_discord.click("confirm:yes")


async def test_modal_submit(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    opened = await fake_discord.slash("feedback")
    assert opened.type == 9 and opened.modal is not None
    assert opened.modal["custom_id"] == "feedback" and opened.modal["title"] == "Feedback"
    answer = await fake_discord.submit_modal("feedback", {"text": "great sessions"})
    assert answer.content == "Thanks: great sessions" and answer.ephemeral
    with pytest.raises(ValueError, match="no fields"):
        await fake_discord.submit_modal("feedback", {"other": "x"})


async def test_unanswered_interaction_fails_clearly(fake_discord: FakeDiscord,
                                                    bot: commands.Bot) -> None:
    with pytest.raises(AssertionError, match="never answered /silent"):
        await fake_discord.slash("silent", timeout=0.2)


async def test_select_menu_values(fake_discord: FakeDiscord, bot: commands.Bot) -> None:
    menu = await fake_discord.slash("pick")
    answer = await fake_discord.click("pick:color", message=menu, values=["red", "blue"])
    assert answer.type == 4 and answer.content == "picked red,blue" and answer.ephemeral
    assert answer.payload["data"] == {"custom_id": "pick:color", "component_type": 3,
                                      "values": ["red", "blue"]}


async def test_original_response_edit_fetch_followup_delete(fake_discord: FakeDiscord,
                                                            bot: commands.Bot) -> None:
    reply = await fake_discord.slash("progress")
    await fake_discord.wait_for_request("DELETE", r"^/webhooks/.*/messages/@original$")
    assert reply.message is not None and reply.message.deleted
    assert reply.message.request["content"] == "working"
    assert [e["content"] for e in reply.message.edits] == ["done"]
    assert [m.content for m in reply.followups] == ["fetched done"]
    assert fake_discord.requests_to("GET", "/messages/@original$")[0].status == 200


async def test_attachment_option_is_downloadable(fake_discord: FakeDiscord,
                                                 bot: commands.Bot) -> None:
    upload = FakeFile("notes.md", b"# week 1", "text/markdown")
    reply = await fake_discord.slash("upload", {"file": upload})
    assert reply.content == "notes.md: 8 bytes b'# week 1'"


async def test_late_callback_is_refused_like_discord(fake_discord: FakeDiscord,
                                                     bot: commands.Bot) -> None:
    fake_discord.interaction_deadline = 0.0  # every callback is "later than 3 s"
    with pytest.raises(AssertionError, match="never answered /hello"):
        await fake_discord.slash("hello", timeout=0.3)
    (callback,) = fake_discord.requests_to("POST", "/callback$")
    assert callback.status == 404
