"""Sessions of study rounds on Discord for members: /session (list, show). The
RSVP buttons these posts carry are answered by ``render.RsvpButton``, registered
with the members' round cog (``members``)."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app.timestamps import reader_time
from bot.discord_app.translator import localized
from bot.rounds import messages
from cogs._common import community_of, language_and_services
from cogs.rounds.options import ROUND, SESSION, round_autocomplete, session_autocomplete
from cogs.rounds.render import list_embed, rsvp_view, session_embed


class Sessions(commands.Cog):
    """Sessions of study rounds for members, with their RSVP buttons."""

    session = app_commands.Group(
        name=localized("cmd.session.name"),
        description=localized("cmd.session.description"),
    )

    # --- /session ----------------------------------------------------------------

    @session.command(
        name=localized("cmd.session.list.name"),
        description=localized("cmd.session.list.description"),
    )
    @app_commands.describe(round=ROUND)
    @app_commands.autocomplete(round=round_autocomplete)
    async def session_list(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        lang, services = await language_and_services(interaction)
        community = community_of(interaction)
        rnd, sessions = await services.rounds.list_sessions(community, round)
        zone = await services.rounds.zone_of(community)
        lines = [messages.session_line(s, zone, services.texts, lang, reader_time=reader_time)
                 for s in sessions] or [
            services.texts.t("rounds.error.no_sessions_yet", lang, round=rnd.name)
        ]
        embed = list_embed(services.texts.t("rounds.sessions.title", lang, round=rnd.name), lines)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @session.command(
        name=localized("cmd.session.show.name"),
        description=localized("cmd.session.show.description"),
    )
    @app_commands.describe(session=SESSION)
    @app_commands.autocomplete(session=session_autocomplete)
    async def session_show(self, interaction: discord.Interaction[Any], session: str) -> None:
        lang, services = await language_and_services(interaction)
        view = await services.rounds.show_session(community_of(interaction), session)
        embed = session_embed(
            view.round, view.session, view.counts, view.zone, services.texts, lang
        )
        if view.session.status == "scheduled":
            await interaction.response.send_message(
                embed=embed,
                view=rsvp_view(view.session.id, view.counts, services.texts, lang),
                ephemeral=True,
            )
        else:
            await interaction.response.send_message(embed=embed, ephemeral=True)

