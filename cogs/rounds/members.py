"""Study rounds on Discord for members: /round (list, show, join, leave, calendar).
Loading this cog also sets up what rounds need on
Discord: the persistent RSVP buttons and the native-events port.

Members' /session is in ``cogs.rounds.sessions``; moderators' commands in
``cogs.rounds.admin`` and ``cogs.rounds.session_admin``; embeds and buttons in
``cogs.rounds.render``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.refs import DISCORD
from bot.discord_app.events import DiscordEvents
from bot.discord_app.translator import localized
from bot.rounds import messages
from bot.services import Services
from cogs._common import community_of, display_name, language_and_services, member_of
from cogs.rounds.options import ROUND, round_autocomplete
from cogs.rounds.render import (
    DmButton,
    RsvpButton,
    as_file,
    list_embed,
    round_embed,
)

if TYPE_CHECKING:
    from bot.discord_app.client import StudyBot


class Rounds(commands.Cog):
    """Study rounds for members: seasons of papers, sessions and RSVPs."""

    round = app_commands.Group(
        name=localized("cmd.round.name"),
        description=localized("cmd.round.description"),
    )

    def __init__(self, client: commands.Bot) -> None:
        self.client = client

    async def cog_load(self) -> None:
        """Answer RSVP buttons on any message, and manage native events on Discord."""
        self.client.add_dynamic_items(RsvpButton, DmButton)
        services_of_bot(self.client).rounds.attach_events(DISCORD, DiscordEvents(self.client))

    async def cog_unload(self) -> None:
        """Undo ``cog_load``."""
        self.client.remove_dynamic_items(RsvpButton, DmButton)
        services_of_bot(self.client).rounds.attach_events(DISCORD, None)

    # --- /round ------------------------------------------------------------------

    @round.command(
        name=localized("cmd.round.list.name"),
        description=localized("cmd.round.list.description"),
    )
    async def round_list(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await language_and_services(interaction)
        texts = services.texts
        rounds = await services.rounds.list_rounds(community_of(interaction))
        lines = [messages.round_list_line(r, texts, lang) for r in rounds] or [
            texts.t("rounds.list.empty", lang)
        ]
        embed = list_embed(texts.t("rounds.list.title", lang), lines)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @round.command(
        name=localized("cmd.round.show.name"),
        description=localized("cmd.round.show.description"),
    )
    @app_commands.describe(round=ROUND)
    @app_commands.autocomplete(round=round_autocomplete)
    async def round_show(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        lang, services = await language_and_services(interaction)
        community = community_of(interaction)
        overview = await services.rounds.overview(community, round)
        zone = await services.rounds.zone_of(community)
        await interaction.response.send_message(
            embed=round_embed(overview, zone, services.texts, lang), ephemeral=True
        )

    @round.command(
        name=localized("cmd.round.join.name"),
        description=localized("cmd.round.join.description"),
    )
    @app_commands.describe(
        round=ROUND,
        present=localized("cmd.rounds.arg.present"),
    )
    @app_commands.autocomplete(round=round_autocomplete)
    async def round_join(
        self, interaction: discord.Interaction[Any], round: str | None = None, present: bool = True
    ) -> None:
        lang, services = await language_and_services(interaction)
        joined = await services.rounds.join(
            member_of(interaction),
            round,
            display_name=display_name(interaction.user),
            presenting=present,
        )
        key = "rounds.join.done" if present else "rounds.join.done_no_present"
        await interaction.response.send_message(
            services.texts.t(key, lang, round=joined.round.name), ephemeral=True
        )

    @round.command(
        name=localized("cmd.round.leave.name"),
        description=localized("cmd.round.leave.description"),
    )
    @app_commands.describe(round=ROUND)
    @app_commands.autocomplete(round=round_autocomplete)
    async def round_leave(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        lang, services = await language_and_services(interaction)
        left = await services.rounds.leave(member_of(interaction), round)
        await interaction.response.send_message(
            services.texts.t("rounds.leave.done", lang, round=left.round.name), ephemeral=True
        )

    @round.command(
        name=localized("cmd.round.calendar.name"),
        description=localized("cmd.round.calendar.description"),
    )
    @app_commands.describe(round=ROUND)
    @app_commands.autocomplete(round=round_autocomplete)
    async def round_calendar(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        lang, services = await language_and_services(interaction)
        rnd, data = await services.rounds.calendar(community_of(interaction), round, lang)
        await interaction.response.send_message(
            services.texts.t("rounds.calendar.done", lang, round=rnd.name),
            file=as_file(data, f"{messages.file_stem(rnd.name)}.ics"),
            ephemeral=True,
        )


def services_of_bot(client: commands.Bot) -> Services:
    """The service container of the bot (cog hooks have no interaction)."""
    return cast("StudyBot", client).services

