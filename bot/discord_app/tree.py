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


# discord.py keeps an interaction's response (``InteractionResponse``, in the slot
# ``_cs_response``) and, once fetched, its original message (``_original_response``)
# on the interaction, and both refer back to it: a reference cycle per interaction.
# The interaction, its member, options and response then outlive the command until
# the garbage collector finds them, are promoted into its older generations
# meanwhile, and bring on its full collections (20-60 ms with the bot's caches)
# every few seconds under load. Emptying both slots when discord.py is done with
# the interaction lets it all go at once. (tests/system/e2e/test_interaction_release.py
# fails if a discord.py release moves them.)


def release_interaction(interaction: discord.Interaction[Any]) -> None:
    """Break the interaction's reference cycles; only for an interaction nothing will
    use again."""
    interaction._original_response = None
    try:
        del interaction._cs_response  # type: ignore[attr-defined]
    except AttributeError:  # never asked for
        pass


class StudyTree(app_commands.CommandTree[Any]):
    """Sends every app-command error through ``report_error``, and releases every
    interaction once its command, autocomplete or error report is over."""

    def _from_interaction(self, interaction: discord.Interaction[Any]) -> None:
        # discord.py's own invoker (CommandTree._from_interaction in 2.7), with the
        # release at its end, after any error handler: there is no public hook
        # after both (``app_command_completion`` is not sent for failures or
        # autocomplete).
        async def invoke() -> None:
            try:
                await self._call(interaction)
            except app_commands.AppCommandError as error:
                await self._dispatch_error(interaction, error)
            finally:
                release_interaction(interaction)

        self.client.loop.create_task(invoke(), name="CommandTree-invoker")

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
