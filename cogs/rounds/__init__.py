"""Study rounds on Discord, one extension: ``setup`` loads every rounds cog.

Members' commands are in ``members`` (/round list, show, join, leave, calendar)
and ``sessions`` (/session list, show); moderators' /round-admin in ``admin`` and /session-admin in
``session_admin``; what the two share in ``moderation``; option descriptions and
autocomplete in ``options``; embeds, buttons and replies in ``render``. Extension
discovery sees only this package, not its modules."""

from __future__ import annotations

from discord.ext import commands

from cogs.rounds.admin import RoundAdmin
from cogs.rounds.members import Rounds
from cogs.rounds.session_admin import SessionAdmin
from cogs.rounds.sessions import Sessions


async def setup(client: commands.Bot) -> None:
    """Load the members' and the moderators' round commands."""
    await client.add_cog(Rounds(client))
    await client.add_cog(Sessions())
    await client.add_cog(RoundAdmin(client))
    await client.add_cog(SessionAdmin(client))
