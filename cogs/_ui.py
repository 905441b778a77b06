"""Base classes for modals and views, and the wrapper for buttons that outlive
them: their errors reach the member the same way command errors do (modal and
button callbacks bypass the command tree), and their interactions are freed once
answered, as the command tree frees a command's (``release_interaction``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import discord

from bot.discord_app.tree import release_interaction, report_error

# The overrides of ``_scheduled_task`` below wrap discord.py 2.7's own dispatcher of a
# click or a submitted form (the task it starts per interaction), since nothing public
# runs after both the callback and its error handler.
# tests/system/e2e/test_interaction_release.py fails if a release renames it.


@asynccontextmanager
async def reported_and_released(
    interaction: discord.Interaction[Any], *, where: str
) -> AsyncIterator[None]:
    """Around the callback of a button discord.py reports nothing for (a
    ``DynamicItem``'s: its failures are only logged, and the member sees "This
    interaction failed"): a failure inside reaches the member as a command's
    would, and the interaction is freed afterwards."""
    try:
        yield
    except Exception as error:
        await report_error(interaction, error, where=where)
    finally:
        release_interaction(interaction)


class StudyModal(discord.ui.Modal):
    """A modal whose failures are reported like command failures."""

    # discord.py's Modal.on_error takes no item, unlike the View it derives from.
    async def on_error(  # type: ignore[override]
        self, interaction: discord.Interaction[Any], error: Exception
    ) -> None:
        await report_error(interaction, error, where=f"modal {self.custom_id}")

    # And its dispatcher takes the submitted fields, not an item.
    async def _scheduled_task(  # type: ignore[override]
        self, interaction: discord.Interaction[Any], components: Any, resolved: Any
    ) -> None:
        try:
            await super()._scheduled_task(interaction, components, resolved)
        finally:
            release_interaction(interaction)


class StudyView(discord.ui.View):
    """A view whose failures are reported like command failures."""

    async def _scheduled_task(
        self, item: discord.ui.Item[Any], interaction: discord.Interaction[Any]
    ) -> None:
        try:
            await super()._scheduled_task(item, interaction)
        finally:
            release_interaction(interaction)

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        custom_id = getattr(item, "custom_id", None) or type(item).__name__
        await report_error(interaction, error, where=f"component {custom_id}")


class PagerView(StudyView):
    """◀ ▶ buttons under a paged listing; a subclass draws a page with ``render``.

    The buttons answer for ten minutes (a listing is looked at, not kept); each
    click reads the list again, so it shows what is there now."""

    def __init__(self, page: int, pages: int, custom_id_prefix: str) -> None:
        super().__init__(timeout=600)
        self.page, self.pages = page, pages
        self.previous: discord.ui.Button[Any] = discord.ui.Button(
            label="◀", style=discord.ButtonStyle.secondary, custom_id=f"{custom_id_prefix}:prev")
        self.next: discord.ui.Button[Any] = discord.ui.Button(
            label="▶", style=discord.ButtonStyle.secondary, custom_id=f"{custom_id_prefix}:next")
        self.previous.callback = self._previous  # type: ignore[method-assign]
        self.next.callback = self._next  # type: ignore[method-assign]
        self.add_item(self.previous)
        self.add_item(self.next)
        self._update_buttons()

    async def render(
        self, interaction: discord.Interaction[Any], page_number: int
    ) -> tuple[discord.Embed, int, int]:
        """The embed of page ``page_number`` with the page it really is (clamped) and
        how many pages there are now."""
        raise NotImplementedError

    def _update_buttons(self) -> None:
        self.previous.disabled = self.page <= 1
        self.next.disabled = self.page >= self.pages

    async def _show(self, interaction: discord.Interaction[Any], page_number: int) -> None:
        embed, self.page, self.pages = await self.render(interaction, page_number)
        self._update_buttons()
        await interaction.response.edit_message(embed=embed, view=self)

    async def _previous(self, interaction: discord.Interaction[Any]) -> None:
        await self._show(interaction, self.page - 1)

    async def _next(self, interaction: discord.Interaction[Any]) -> None:
        await self._show(interaction, self.page + 1)


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)] + "…"
