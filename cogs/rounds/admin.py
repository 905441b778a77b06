"""Study rounds on Discord for moderators, a whole round at a time: /round-admin
(create, edit, start, close, export, paper-add, paper-remove, presenters).
Single sessions are changed in ``cogs.rounds.session_admin``.

The group is hidden from members with ``default_permissions``; every command is
checked again on the server (``moderator_only``) and once more when it runs.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.errors import UserFacingError
from bot.core.round_model import Round
from bot.discord_app.translator import localized
from bot.rounds import messages
from bot.rounds.export import export_files
from bot.rounds.recap import recap_markdown
from cogs._common import (
    actor_of,
    community_of,
    language_and_services,
    member_of,
    moderator_only,
)
from cogs.rounds.moderation import MODERATORS, assign_presenter, place_of
from cogs.rounds.options import (
    ROUND,
    ROUND_SETTINGS,
    paper_autocomplete,
    round_autocomplete,
    session_autocomplete,
)
from cogs.rounds.render import (
    DESCRIPTION_MAX,
    attachments,
    change_reply,
    cut_lines,
    preview_embed,
    recap_files,
    round_embed,
)

log = logging.getLogger(__name__)


class RoundAdmin(commands.Cog):
    """Moderators' commands for whole study rounds: settings, papers, presenters."""

    round_admin = app_commands.Group(
        name=localized("cmd.round-admin.name"),
        description=localized("cmd.round-admin.description"),
        default_permissions=MODERATORS,
    )

    def __init__(self, client: commands.Bot) -> None:
        self.client = client

    # --- /round-admin --------------------------------------------------------------

    @round_admin.command(
        name=localized("cmd.round-admin.create.name"),
        description=localized("cmd.round-admin.create.description"),
    )
    @app_commands.describe(
        name=localized("cmd.rounds.arg.round_name"),
        **ROUND_SETTINGS,
    )
    @moderator_only()
    async def admin_create(
        self,
        interaction: discord.Interaction[Any],
        name: app_commands.Range[str, 1, 100],
        start: app_commands.Range[str, 1, 20],
        weeks: app_commands.Range[int, 1, 52],
        channel: discord.TextChannel,
        cadence: app_commands.Range[str, 1, 100],
        duration: app_commands.Range[int, 15, 720] | None = None,
        voice: discord.VoiceChannel | discord.StageChannel | None = None,
        link: app_commands.Range[str, 1, 500] | None = None,
        ping_role: discord.Role | None = None,
        reminder_days: app_commands.Range[int, 0, 14] | None = None,
        sota_every: app_commands.Range[int, 0, 52] | None = None,
    ) -> None:
        lang, services = await language_and_services(interaction)
        made = await services.rounds.create(
            await actor_of(interaction),
            name=name,
            start=start,
            weeks=weeks,
            channel_id=str(channel.id),
            cadence=cadence,
            duration_minutes=duration,
            place=place_of(voice, link),
            ping_role=str(ping_role.id) if ping_role else None,
            paper_reminder_days=reminder_days,
            sota_every=sota_every,
        )
        zone = await services.rounds.zone_of(community_of(interaction))
        await interaction.response.send_message(
            services.texts.t(
                "rounds.create.done", lang, round=made.round.name, count=len(made.sessions)
            ),
            embed=preview_embed(made, zone, services.texts, lang),
            ephemeral=True,
        )

    @round_admin.command(
        name=localized("cmd.round-admin.edit.name"),
        description=localized("cmd.round-admin.edit.description"),
    )
    @app_commands.describe(
        round=ROUND,
        name=localized("cmd.rounds.arg.new_name"),
        no_ping=localized("cmd.rounds.arg.no_ping"),
        **ROUND_SETTINGS,
    )
    @app_commands.autocomplete(round=round_autocomplete)
    @moderator_only()
    async def admin_edit(
        self,
        interaction: discord.Interaction[Any],
        round: str | None = None,
        name: app_commands.Range[str, 1, 100] | None = None,
        start: app_commands.Range[str, 1, 20] | None = None,
        weeks: app_commands.Range[int, 1, 52] | None = None,
        channel: discord.TextChannel | None = None,
        cadence: app_commands.Range[str, 1, 100] | None = None,
        duration: app_commands.Range[int, 15, 720] | None = None,
        voice: discord.VoiceChannel | discord.StageChannel | None = None,
        link: app_commands.Range[str, 1, 500] | None = None,
        ping_role: discord.Role | None = None,
        no_ping: bool = False,
        reminder_days: app_commands.Range[int, 0, 14] | None = None,
        sota_every: app_commands.Range[int, 0, 52] | None = None,
    ) -> None:
        lang, services = await language_and_services(interaction)
        place = place_of(voice, link) if voice or link else None
        await interaction.response.defer(ephemeral=True, thinking=True)
        changed = await services.rounds.edit(
            await actor_of(interaction),
            round,
            name=name,
            start=start,
            weeks=weeks,
            channel_id=str(channel.id) if channel else None,
            cadence=cadence,
            duration_minutes=duration,
            place=place,
            ping_role=str(ping_role.id) if ping_role else None,
            clear_ping_role=no_ping,
            paper_reminder_days=reminder_days,
            sota_every=sota_every,
        )
        zone = await services.rounds.zone_of(community_of(interaction))
        await interaction.followup.send(
            change_reply(
                changed, "rounds.edit.done", services.texts, lang, round=changed.round.name
            ),
            embed=preview_embed(changed, zone, services.texts, lang),
            ephemeral=True,
        )

    @round_admin.command(
        name=localized("cmd.round-admin.start.name"),
        description=localized("cmd.round-admin.start.description"),
    )
    @app_commands.describe(round=ROUND)
    @app_commands.autocomplete(round=round_autocomplete)
    @moderator_only()
    async def admin_start(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        lang, services = await language_and_services(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        started = await services.rounds.start(await actor_of(interaction), round)
        community = community_of(interaction)
        overview = await services.rounds.overview(community, str(started.round.id))
        zone = await services.rounds.zone_of(community)
        shared = await services.community.shared_language(community_of(interaction))
        announced = await self._announce(
            interaction,
            started.round,
            services.texts.t("rounds.start.announcement", shared, round=started.round.name),
            embed=round_embed(overview, zone, services.texts, shared),
        )
        await interaction.followup.send(
            change_reply(
                started,
                "rounds.start.done" if announced else "rounds.start.done_not_announced",
                services.texts,
                lang,
                round=started.round.name,
                count=len(started.sessions),
                channel=f"<#{started.round.settings.channel_id}>",
            ),
            ephemeral=True,
        )

    @round_admin.command(
        name=localized("cmd.round-admin.close.name"),
        description=localized("cmd.round-admin.close.description"),
    )
    @app_commands.describe(round=ROUND)
    @app_commands.autocomplete(round=round_autocomplete)
    @moderator_only()
    async def admin_close(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        lang, services = await language_and_services(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        closed = await services.rounds.close(await actor_of(interaction), round)
        markdown = recap_markdown(closed.recap, services.texts, lang)
        shared = await services.community.shared_language(community_of(interaction))
        public = recap_markdown(closed.recap, services.texts, shared)
        stem = messages.file_stem(closed.round.name)
        recap_embed = discord.Embed(
            description=public[:DESCRIPTION_MAX], colour=discord.Colour.green()
        )
        announced = await self._announce(
            interaction,
            closed.round,
            services.texts.t("rounds.close.announcement", shared, round=closed.round.name),
            embed=recap_embed,
            files=recap_files(closed.recap, public, stem),
        )
        await interaction.followup.send(
            change_reply(
                closed,
                "rounds.close.done" if announced else "rounds.close.done_not_announced",
                services.texts,
                lang,
                round=closed.round.name,
            ),
            files=recap_files(closed.recap, markdown, stem),
            ephemeral=True,
        )

    @round_admin.command(
        name=localized("cmd.round-admin.export.name"),
        description=localized("cmd.round-admin.export.description"),
    )
    @app_commands.describe(round=ROUND)
    @app_commands.autocomplete(round=round_autocomplete)
    @moderator_only()
    async def admin_export(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        lang, services = await language_and_services(interaction)
        community = community_of(interaction)
        rnd = await services.rounds.resolve_round(community, round)
        files = attachments(
            await export_files(services.rounds, rnd, services.texts, lang, member_of(interaction))
        )
        await interaction.response.send_message(
            services.texts.t("rounds.export.done", lang, round=rnd.name),
            files=files,
            ephemeral=True,
        )

    @round_admin.command(
        name=localized("cmd.round-admin.paper-add.name"),
        description=localized("cmd.round-admin.paper-add.description"),
    )
    @app_commands.describe(
        round=ROUND,
        title=localized("cmd.rounds.arg.title"),
        url=localized("cmd.rounds.arg.url"),
        week=localized("cmd.rounds.arg.week"),
    )
    @app_commands.autocomplete(round=round_autocomplete)
    @moderator_only()
    async def admin_paper_add(
        self,
        interaction: discord.Interaction[Any],
        round: str,
        title: app_commands.Range[str, 1, 200],
        url: app_commands.Range[str, 1, 500],
        week: app_commands.Range[int, 1, 52] | None = None,
    ) -> None:
        lang, services = await language_and_services(interaction)
        rnd, paper = await services.rounds.add_paper(
            await actor_of(interaction), round, title=title, url=url, week=week
        )
        await interaction.response.send_message(
            services.texts.t(
                "rounds.paper.added", lang, title=paper.title, week=paper.week, round=rnd.name
            ),
            ephemeral=True,
        )

    @round_admin.command(
        name=localized("cmd.round-admin.paper-remove.name"),
        description=localized("cmd.round-admin.paper-remove.description"),
    )
    @app_commands.describe(round=ROUND, paper=localized("cmd.rounds.arg.paper"))
    @app_commands.autocomplete(round=round_autocomplete, paper=paper_autocomplete)
    @moderator_only()
    async def admin_paper_remove(
        self, interaction: discord.Interaction[Any], round: str, paper: str
    ) -> None:
        lang, services = await language_and_services(interaction)
        rnd, removed = await services.rounds.remove_paper(await actor_of(interaction), round, paper)
        await interaction.response.send_message(
            services.texts.t("rounds.paper.removed", lang, title=removed.title, round=rnd.name),
            ephemeral=True,
        )

    @round_admin.command(
        name=localized("cmd.round-admin.presenters.name"),
        description=localized("cmd.round-admin.presenters.description"),
    )
    @app_commands.describe(
        round=ROUND,
        mode=localized("cmd.rounds.arg.mode"),
        session=localized("cmd.rounds.arg.session_assign"),
        member=localized("cmd.rounds.arg.member"),
    )
    @app_commands.choices(
        mode=[
            app_commands.Choice(
                name=localized("cmd.rounds.choice.rotate"), value="rotate"
            ),
            app_commands.Choice(
                name=localized("cmd.rounds.choice.assign"), value="assign"
            ),
        ]
    )
    @app_commands.autocomplete(round=round_autocomplete, session=session_autocomplete)
    @moderator_only()
    async def admin_presenters(
        self,
        interaction: discord.Interaction[Any],
        mode: str = "rotate",
        round: str | None = None,
        session: str | None = None,
        member: discord.Member | None = None,
    ) -> None:
        lang, services = await language_and_services(interaction)
        if mode == "assign":
            if session is None or member is None:
                raise UserFacingError("rounds.presenters.assign_needs")
            await assign_presenter(interaction, lang, services, session, member)
            return
        zone = await services.rounds.zone_of(community_of(interaction))
        rotated = await services.rounds.rotate_presenters(await actor_of(interaction), round)
        lines = [messages.session_line(s, zone, services.texts, lang) for s in rotated.sessions]
        await interaction.response.send_message(
            services.texts.t("rounds.presenters.rotated", lang, round=rotated.round.name)
            + "\n"
            + cut_lines(lines, 1800),
            ephemeral=True,
        )

    # --- helpers -------------------------------------------------------------------

    async def _announce(
        self,
        interaction: discord.Interaction[Any],
        rnd: Round,
        content: str,
        *,
        embed: discord.Embed | None = None,
        files: list[discord.File] | None = None,
    ) -> bool:
        """Post in the round's channel (mentions off); False when Discord refused."""
        target = self.client.get_partial_messageable(
            int(rnd.settings.channel_id), guild_id=interaction.guild_id
        )
        try:
            options: dict[str, Any] = {"content": content, "files": files or []}
            if embed is not None:
                options["embed"] = embed
            await target.send(**options)
        except discord.HTTPException as exc:
            log.warning(
                "announcing round %s in channel %s failed: %s", rnd.id, rnd.settings.channel_id, exc
            )
            return False
        return True

