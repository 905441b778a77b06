"""/privacy and /mydata on Discord, and the clean-up when a guild removes the bot."""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.refs import DISCORD, CommunityRef, MemberRef
from bot.discord_app.translator import localized
from bot.privacy.notice import notice_sections
from cogs._common import actor_of, language_and_services, member_of, member_ref
from cogs._ui import StudyView

if TYPE_CHECKING:
    from bot.discord_app.client import StudyBot

log = logging.getLogger(__name__)

# The buttons work this long (then they are taken away; nothing was deleted).
CONFIRM_SECONDS = 300.0


class ConfirmDeletion(StudyView):
    """The confirm and cancel buttons of ``/mydata delete``; only the caller may press
    them, and the rules are checked again when they do."""

    def __init__(self, caller_id: int, target: MemberRef, labels: tuple[str, str],
                 expired: str) -> None:
        super().__init__(timeout=CONFIRM_SECONDS)
        self._caller_id = caller_id
        self._target = target
        self._expired = expired
        self.confirm.label, self.cancel.label = labels
        # The command's interaction, to take the buttons away when they expire.
        self.origin: discord.Interaction[Any] | None = None

    async def on_timeout(self) -> None:
        if self.origin is not None:
            try:
                await self.origin.edit_original_response(content=self._expired, view=None)
            except discord.HTTPException:
                log.info("could not mark an expired deletion prompt")

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self._caller_id:
            return True
        lang, services = await language_and_services(interaction)
        await interaction.response.send_message(
            services.texts.t("privacy.delete.not_yours", lang), ephemeral=True)
        return False

    @discord.ui.button(style=discord.ButtonStyle.danger, custom_id="privacy:delete:confirm")
    async def confirm(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        lang, services = await language_and_services(interaction)
        result = await services.privacy.delete(await actor_of(interaction), self._target)
        self.stop()
        if not result.found:
            text = services.texts.t("privacy.delete.nothing", lang)
        elif result.target == member_of(interaction):
            text = services.texts.t("privacy.delete.done_self", lang, rows=result.rows_deleted,
                                    kept=result.rows_kept_anonymous)
        else:
            text = services.texts.t("privacy.delete.done_member", lang,
                                    member=f"<@{result.target.external_id}>",
                                    rows=result.rows_deleted, kept=result.rows_kept_anonymous)
        await interaction.response.edit_message(content=text, view=None)

    @discord.ui.button(style=discord.ButtonStyle.secondary, custom_id="privacy:delete:cancel")
    async def cancel(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        lang, services = await language_and_services(interaction)
        self.stop()
        await interaction.response.edit_message(
            content=services.texts.t("privacy.delete.cancelled", lang), view=None)


class Privacy(commands.Cog):
    """The privacy notice, members' export and deletion, guild removal."""

    def __init__(self, client: StudyBot) -> None:
        self._client = client

    mydata = app_commands.Group(
        name=localized("cmd.mydata.name"),
        description=localized("cmd.mydata.description"),
    )

    @app_commands.command(
        name=localized("cmd.privacy.name"),
        description=localized("cmd.privacy.description"),
    )
    async def privacy(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await language_and_services(interaction)
        embed = discord.Embed(title=services.texts.t("privacy.notice.title", lang),
                              colour=discord.Colour.blurple())
        for title, body in notice_sections(services.texts, lang,
                                           services.settings.purge_grace_days):
            embed.add_field(name=title, value=body, inline=False)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @mydata.command(
        name=localized("cmd.mydata.export.name"),
        description=localized("cmd.mydata.export.description"),
    )
    async def export(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await language_and_services(interaction)
        exported = await services.privacy.export(member_of(interaction))
        if not exported.row_count:
            await interaction.response.send_message(
                services.texts.t("privacy.export.empty", lang), ephemeral=True)
            return
        files = [discord.File(io.BytesIO(f.content), filename=f.filename)
                 for f in exported.files()]
        await interaction.response.send_message(
            services.texts.t("privacy.export.done", lang, rows=exported.row_count,
                             tables=sum(1 for rows in exported.tables.values() if rows)),
            files=files, ephemeral=True)

    @mydata.command(
        name=localized("cmd.mydata.delete.name"),
        description=localized("cmd.mydata.delete.description"),
    )
    @app_commands.describe(
        member=localized("cmd.mydata.delete.member"))
    async def delete(
        self, interaction: discord.Interaction[Any], member: discord.User | None = None
    ) -> None:
        lang, services = await language_and_services(interaction)
        requester = await actor_of(interaction)
        target = member_ref(interaction, member) if member is not None else requester.member
        services.privacy.check_delete(requester, target)
        if target == requester.member:
            text = services.texts.t("privacy.delete.confirm_self", lang)
        else:
            text = services.texts.t("privacy.delete.confirm_member", lang,
                                    member=f"<@{target.external_id}>")
        view = ConfirmDeletion(interaction.user.id, target, (
            services.texts.t("privacy.delete.button", lang),
            services.texts.t("privacy.delete.cancel", lang)),
            services.texts.t("privacy.delete.expired", lang))
        view.origin = interaction
        await interaction.response.send_message(text, view=view, ephemeral=True)

    # --- the bot leaving and coming back -------------------------------------------

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        community = CommunityRef(DISCORD, str(guild.id))
        purge_at = await self._client.services.privacy.community_left(community)
        if purge_at is not None:
            log.info("removed from guild %s; its data is deleted after %s unless the bot "
                     "is added back", guild.id, purge_at.isoformat())

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self._client.services.privacy.community_returned(
            CommunityRef(DISCORD, str(guild.id)))

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        # Removed and added back while the bot was down: the purge is off.
        await self._client.services.privacy.communities_present(
            DISCORD, {str(guild.id) for guild in self._client.guilds})


async def setup(client: commands.Bot) -> None:
    await client.add_cog(Privacy(cast("StudyBot", client)))
