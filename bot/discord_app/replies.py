"""Replies to commands whose write is already committed.

Discord can refuse the interaction reply after the work is done: 404 *Unknown
interaction* (10062) when the answer came after its 3 s window, 403, or a 429 the
client does not retry (a Cloudflare ban). Without an initial reply there is no
follow-up either, so the member would be told nothing, or that it failed, about
something that was saved. ``reply_after_write`` then says so another way: in the
channel where the command was used when the reply was to be public, else (or if
that is refused too) in a direct message.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

log = logging.getLogger(__name__)


async def reply_after_write(
    interaction: discord.Interaction[Any], content: str, *, ephemeral: bool, recorded: str
) -> bool:
    """Send ``content`` as the reply; if Discord refuses it, send ``recorded`` (a line
    saying the write was kept, naming the member) and ``content`` elsewhere.

    Returns True when the member was told by any route; a member who cannot be reached
    at all is logged as an error (the write stays committed either way)."""
    try:
        await interaction.response.send_message(content, ephemeral=ephemeral)
        return True
    except discord.HTTPException as exc:
        log.warning(
            "reply to interaction %s refused (HTTP %s, code %s); confirming another way",
            interaction.id, exc.status, exc.code,
        )
    message = f"{recorded}\n{content}"
    channel = interaction.channel
    if not ephemeral and isinstance(channel, discord.abc.Messageable):
        if await _try_send(channel, message, where="the channel", interaction=interaction):
            return True
    if await _try_send(interaction.user, message, where="a direct message",
                       interaction=interaction):
        return True
    log.error(
        "interaction %s (user %s): the write is recorded but the member could not be told",
        interaction.id, interaction.user.id,
    )
    return False


async def _try_send(
    target: discord.abc.Messageable, message: str, *, where: str,
    interaction: discord.Interaction[Any],
) -> bool:
    try:
        await target.send(message, allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException as exc:
        log.warning("confirming interaction %s in %s refused (HTTP %s, code %s)",
                    interaction.id, where, exc.status, exc.code)
        return False
    return True
