"""Every interaction is freed by reference counting once discord.py is done with it
(``bot.discord_app.tree.release_interaction``): after a command, an error report,
an autocomplete, a button click or a submitted form, nothing of it waits for the
garbage collector. This fails if a discord.py release moves the slots that refer
back to the interaction, or renames the dispatchers ``cogs._ui`` wraps."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import discord
import pytest

from tests.helpers.fakes.discord import FakeDiscord
from tests.helpers.runners.discord import BotRunner
from tests.system.e2e.test_rounds import a_day_before_the_first, click_rsvp


@pytest.fixture
def without_collector() -> Iterator[None]:
    """Only reference counting frees objects during the test."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class Probe:
    """Kept in the interaction's ``extras``: alive exactly as long as the interaction
    (which itself takes no weak references)."""


async def interaction_left_alive(
    studybot: BotRunner, use: Callable[[], Awaitable[Any]]
) -> bool:
    """Whether the interaction ``use`` sends is still alive a moment after its answer."""
    seen: list[weakref.ref[Probe]] = []

    async def on_interaction(interaction: discord.Interaction[Any]) -> None:
        probe = Probe()
        interaction.extras["probe"] = probe
        seen.append(weakref.ref(probe))

    studybot.bot.add_listener(on_interaction)
    try:
        await use()
        for _ in range(50):  # the invoker task ends after the answer went out
            await asyncio.sleep(0.01)
            if seen and seen[0]() is None:
                break
    finally:
        studybot.bot.remove_listener(on_interaction)
    assert len(seen) == 1
    return seen[0]() is not None


async def help_command(fake: FakeDiscord) -> None:
    assert (await fake.slash("help", user="alice")).embeds


async def unknown_role(fake: FakeDiscord) -> None:  # answered by the error handler
    reply = await fake.slash("role", {"name": "no such role"}, user="alice")
    assert "no such role" in reply.content


async def role_suggestions(fake: FakeDiscord) -> None:
    assert await fake.autocomplete("role", "name", "res", user="alice")


@pytest.mark.usefixtures("without_collector")
@pytest.mark.parametrize("use", [help_command, unknown_role, role_suggestions],
                         ids=["command", "failed command", "autocomplete"])
async def test_an_interaction_is_freed_once_answered(
    studybot: BotRunner, fake_discord: FakeDiscord,
    use: Callable[[FakeDiscord], Awaitable[None]],
) -> None:
    assert not await interaction_left_alive(studybot, lambda: use(fake_discord))


@pytest.mark.usefixtures("without_collector")
async def test_a_page_button_click_is_freed(
    studybot: BotRunner, fake_discord: FakeDiscord
) -> None:
    assert (await fake_discord.slash("faq list", user="alice")).components  # a StudyView

    async def next_page() -> None:
        turned = await fake_discord.click("faq:page:next", user="alice")
        assert turned.embeds[0]["footer"]["text"].startswith("Page 2 of 2")

    assert not await interaction_left_alive(studybot, next_page)


@pytest.mark.usefixtures("without_collector")
async def test_a_submitted_form_is_freed(studybot: BotRunner, fake_discord: FakeDiscord) -> None:
    opened = await fake_discord.slash("faq add", user="mod")  # a StudyModal
    assert opened.modal is not None

    async def submit() -> None:
        saved = await fake_discord.submit_modal(opened.modal["custom_id"], {
            "question_ko": "", "answer_ko": "",
            "question_en": "Where are the slides?", "answer_en": "In #resources.",
        }, user="mod")
        assert saved.ephemeral and "faq." in (saved.content or "")

    assert not await interaction_left_alive(studybot, submit)


@pytest.mark.usefixtures("without_collector")
@pytest.mark.parametrize("answer", ["going", "not_going"], ids=["with a DM offer", "without"])
async def test_an_rsvp_click_is_freed(
    studybot: BotRunner, fake_discord: FakeDiscord, answer: str
) -> None:
    first, _, reminder = await a_day_before_the_first(studybot, fake_discord)

    async def rsvp() -> None:  # a DynamicItem: no view of ours around it
        assert "session #1" in await click_rsvp(
            fake_discord, f"round:rsvp:{first.id}:{answer}", reminder, "alice")

    assert not await interaction_left_alive(studybot, rsvp)
