"""The command tree with one error handler for every app command."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.core.errors import UserFacingError

if TYPE_CHECKING:
    from bot.discord_app.client import StudyBot

log = logging.getLogger(__name__)


class StudyTree(app_commands.CommandTree[Any]):
    """Sends every app-command error through ``report_error``."""

    async def on_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        command = interaction.command.qualified_name if interaction.command else "?"
        await report_error(interaction, error, where=f"command {command}")


async def report_error(
    interaction: discord.Interaction[Any], error: BaseException, *, where: str
) -> None:
    """Tell the member what went wrong, in their language, privately.

    Expected errors (``UserFacingError``, bad options, failed checks) become a short
    message; anything else gets a generic message and a logged traceback. Used by
    the command tree and by modals and buttons, whose errors bypass the tree.
    """
    bot: StudyBot = interaction.client
    cause: BaseException = error
    if isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError):
        cause = error.__cause__ or error
    lang = await bot.language_for_interaction(interaction)
    texts = bot.services.texts
    if isinstance(cause, UserFacingError):
        message = texts.t(cause.key, lang, **cause.params)
    elif isinstance(error, app_commands.TransformerError):
        message = texts.t("error.bad_option", lang, value=str(error.value)[:100])
    elif isinstance(error, app_commands.CommandOnCooldown):
        message = texts.t("error.cooldown", lang, seconds=f"{error.retry_after:.0f}")
    elif isinstance(error, app_commands.MissingPermissions | app_commands.CheckFailure):
        message = texts.t("error.not_moderator", lang)
    else:
        log.exception(
            "%s failed (guild=%s user=%s interaction=%s)",
            where,
            interaction.guild_id,
            interaction.user.id,
            interaction.id,
            exc_info=cause,
        )
        message = texts.t("error.unexpected", lang)
    await send_ephemeral(interaction, message)


async def send_ephemeral(interaction: discord.Interaction[Any], message: str) -> None:
    """Reply (or follow up, when a reply was already sent or deferred) privately."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True)
        else:
            await interaction.response.send_message(message, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not deliver an error message for interaction %s", interaction.id)
