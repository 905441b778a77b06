"""Study rounds on Discord for members: /round (list, show, join, leave, calendar)
and /session (list, show). Loading this cog also sets up what rounds need on
Discord: the persistent RSVP buttons and the native-events port.

Moderators' commands are in ``cogs.round_admin`` and ``cogs.session_admin``;
embeds and buttons in ``cogs._rounds_render``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.refs import DISCORD
from bot.discord_app.events import DiscordEvents
from bot.discord_app.timestamps import reader_time
from bot.discord_app.translator import localized
from bot.rounds import messages
from bot.services import Services
from cogs._common import community_of, display_name, member_of, texts_for
from cogs._rounds_options import ROUND, SESSION, round_autocomplete, session_autocomplete
from cogs._rounds_render import (
    DmButton,
    RsvpButton,
    as_file,
    list_embed,
    round_embed,
    rsvp_view,
    session_embed,
    slug,
)

if TYPE_CHECKING:
    from bot.discord_app.client import StudyBot


class Rounds(commands.Cog):
    """Study rounds for members: seasons of papers, sessions and RSVPs."""

    round = app_commands.Group(
        name=localized("round", "cmd.round.name"),
        description=localized("Study rounds: list, show, join, calendar", "cmd.round.description"),
    )
    session = app_commands.Group(
        name=localized("session", "cmd.session.name"),
        description=localized("Sessions of a study round", "cmd.session.description"),
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
        name=localized("list", "cmd.round.list.name"),
        description=localized("List this server's study rounds", "cmd.round.list.description"),
    )
    async def round_list(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await texts_for(interaction)
        texts = services.texts
        rounds = await services.rounds.list_rounds(community_of(interaction))
        lines = [messages.round_list_line(r, texts, lang) for r in rounds] or [
            texts.t("rounds.list.empty", lang)
        ]
        embed = list_embed(texts.t("rounds.list.title", lang), lines)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @round.command(
        name=localized("show", "cmd.round.show.name"),
        description=localized(
            "Show a round: papers, sessions, members", "cmd.round.show.description"
        ),
    )
    @app_commands.describe(round=ROUND)
    @app_commands.autocomplete(round=round_autocomplete)
    async def round_show(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        lang, services = await texts_for(interaction)
        community = community_of(interaction)
        overview = await services.rounds.overview(community, round)
        zone = await services.rounds.zone_of(community)
        await interaction.response.send_message(
            embed=round_embed(overview, zone, services.texts, lang), ephemeral=True
        )

    @round.command(
        name=localized("join", "cmd.round.join.name"),
        description=localized(
            "Join a round (and say whether you will present)", "cmd.round.join.description"
        ),
    )
    @app_commands.describe(
        round=ROUND,
        present=localized("Take turns presenting (default: yes)", "cmd.rounds.arg.present"),
    )
    @app_commands.autocomplete(round=round_autocomplete)
    async def round_join(
        self, interaction: discord.Interaction[Any], round: str | None = None, present: bool = True
    ) -> None:
        lang, services = await texts_for(interaction)
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
        name=localized("leave", "cmd.round.leave.name"),
        description=localized("Leave a round", "cmd.round.leave.description"),
    )
    @app_commands.describe(round=ROUND)
    @app_commands.autocomplete(round=round_autocomplete)
    async def round_leave(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        lang, services = await texts_for(interaction)
        left = await services.rounds.leave(member_of(interaction), round)
        await interaction.response.send_message(
            services.texts.t("rounds.leave.done", lang, round=left.round.name), ephemeral=True
        )

    @round.command(
        name=localized("calendar", "cmd.round.calendar.name"),
        description=localized(
            "Download the round's sessions as a calendar file", "cmd.round.calendar.description"
        ),
    )
    @app_commands.describe(round=ROUND)
    @app_commands.autocomplete(round=round_autocomplete)
    async def round_calendar(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        lang, services = await texts_for(interaction)
        rnd, data = await services.rounds.calendar(community_of(interaction), round, lang)
        await interaction.response.send_message(
            services.texts.t("rounds.calendar.done", lang, round=rnd.name),
            file=as_file(data, f"{slug(rnd.name)}.ics"),
            ephemeral=True,
        )

    # --- /session ----------------------------------------------------------------

    @session.command(
        name=localized("list", "cmd.session.list.name"),
        description=localized("List a round's sessions", "cmd.session.list.description"),
    )
    @app_commands.describe(round=ROUND)
    @app_commands.autocomplete(round=round_autocomplete)
    async def session_list(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        lang, services = await texts_for(interaction)
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
        name=localized("show", "cmd.session.show.name"),
        description=localized(
            "Show a session with its RSVP buttons", "cmd.session.show.description"
        ),
    )
    @app_commands.describe(session=SESSION)
    @app_commands.autocomplete(session=session_autocomplete)
    async def session_show(self, interaction: discord.Interaction[Any], session: str) -> None:
        lang, services = await texts_for(interaction)
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


def services_of_bot(client: commands.Bot) -> Services:
    """The service container of the bot (cog hooks have no interaction)."""
    return cast("StudyBot", client).services


async def setup(client: commands.Bot) -> None:
    """Load the members' round commands."""
    await client.add_cog(Rounds(client))
