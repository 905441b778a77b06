"""Base classes for modals and views: their errors reach the member the same way
command errors do (modal and button callbacks bypass the command tree)."""

from __future__ import annotations

from typing import Any

import discord

from bot.discord_app.tree import report_error


class StudyModal(discord.ui.Modal):
    """A modal whose failures are reported like command failures."""

    # discord.py's Modal.on_error takes no item, unlike the View it derives from.
    async def on_error(  # type: ignore[override]
        self, interaction: discord.Interaction[Any], error: Exception
    ) -> None:
        await report_error(interaction, error, where=f"modal {self.custom_id}")


class StudyView(discord.ui.View):
    """A view whose failures are reported like command failures."""

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        custom_id = getattr(item, "custom_id", None) or type(item).__name__
        await report_error(interaction, error, where=f"component {custom_id}")


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)] + "…"
