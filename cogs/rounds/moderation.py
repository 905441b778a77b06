"""What the moderators' round cogs (``round_admin``, ``session_admin``) share: the
permission that hides them, the place options, and assigning
a presenter (reachable from both groups)."""

from __future__ import annotations

from typing import Any

import discord

from bot.core.errors import UserFacingError
from bot.i18n import Lang
from bot.services import Services
from cogs._common import actor_of, display_name, member_ref
from cogs.rounds.render import change_reply

MODERATORS = discord.Permissions(manage_guild=True)


def place_of(voice: discord.abc.GuildChannel | None, link: str | None) -> str | None:
    """Where sessions happen: a voice channel's id or a meeting link, not both."""
    if voice is not None and link:
        raise UserFacingError("rounds.error.place_both")
    if voice is not None:
        return str(voice.id)
    return link


async def assign_presenter(
    interaction: discord.Interaction[Any],
    lang: Lang,
    services: Services,
    session: str,
    member: discord.Member,
) -> None:
    """Make ``member`` the presenter of ``session`` and tell the moderator."""
    await interaction.response.defer(ephemeral=True, thinking=True)
    changed = await services.rounds.assign_presenter(
        await actor_of(interaction),
        session,
        member_ref(interaction, member),
        display_name=display_name(member),
    )
    await interaction.followup.send(
        change_reply(
            changed,
            "rounds.presenters.assigned",
            services.texts,
            lang,
            member=f"<@{member.id}>",
            index=changed.session.index,
        ),
        ephemeral=True,
    )
