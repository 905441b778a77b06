"""/remind and /digest: scheduled messages.

``/remind me``, ``mine`` and ``cancel`` are every member's own reminders; ``add``,
``list``, ``pause``, ``resume`` and ``remove`` are the moderators' channel
reminders: the services check the ``Actor``, and ``moderator_only`` refuses a member
early, since the group is visible to everyone. ``/digest preview`` is open to everyone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.errors import UserFacingError
from bot.core.refs import DISCORD, CommunityRef
from bot.discord_app.poster import build_embed
from bot.discord_app.timestamps import reader_time
from bot.discord_app.translator import localized
from bot.i18n import Catalog, Lang
from bot.paging import Page
from bot.schedules.parse import example_whens
from bot.schedules.personal import MAX_PERSONAL
from bot.schedules.reminder_service import ReminderItem, resumed_text
from cogs._common import (
    actor_of,
    channel_ref,
    community_of,
    language_and_services,
    language_of,
    moderator_only,
    services_of,
)
from cogs._ui import PagerView, truncate

if TYPE_CHECKING:
    from bot.discord_app.client import StudyBot

AUTOCOMPLETE_CHOICES = 10


def _channel_of(
    interaction: discord.Interaction[Any], channel: discord.abc.Snowflake | None
) -> discord.abc.Snowflake:
    target = channel or interaction.channel
    if target is None:
        raise UserFacingError("error.guild_only")
    return target


def reminder_page_embed(listing: Page[ReminderItem], texts: Catalog, lang: Lang) -> discord.Embed:
    """One page of ``/remind list``: whole reminders only, the page in the footer."""
    lines = [truncate(item.line(lang, texts, reader_time), 300) for item in listing.items]
    embed = discord.Embed(
        title=texts.t("reminder.list_title", lang),
        description="\n".join(lines) or texts.t("reminder.list_empty", lang),
        colour=discord.Colour.blurple(),
    )
    if listing.pages > 1:
        embed.set_footer(text=texts.t("reminder.list_page", lang, page=listing.page,
                                      pages=listing.pages, total=listing.total))
    return embed


class ReminderPager(PagerView):
    """◀ ▶ under a ``/remind list`` reply; the service checks each click for a
    moderator again."""

    def __init__(self, listing: Page[ReminderItem], lang: Lang) -> None:
        super().__init__(listing.page, listing.pages, "remind:page")
        self.lang = lang

    async def render(
        self, interaction: discord.Interaction[Any], page_number: int
    ) -> tuple[discord.Embed, int, int]:
        services = services_of(interaction)
        listing = await services.reminders.list_page(await actor_of(interaction), page_number)
        return reminder_page_embed(listing, services.texts, self.lang), listing.page, listing.pages


class Schedules(commands.Cog):
    """Reminders and the study digest."""

    # Not hidden: any member may keep personal reminders (me, mine, cancel); the
    # channel reminders' subcommands are checked for a moderator on the server.
    remind = app_commands.Group(
        name=localized("cmd.remind.name"),
        description=localized("cmd.remind.description"),
    )
    # Not hidden: anyone may preview the digest; configure/disable are checked.
    digest = app_commands.Group(
        name=localized("cmd.digest.name"),
        description=localized("cmd.digest.description"),
    )

    # --- /remind ------------------------------------------------------------------------

    @remind.command(
        name=localized("cmd.remind.add.name"),
        description=localized("cmd.remind.add.description"),
    )
    @app_commands.describe(
        when=localized("cmd.remind.add.when"),
        message=localized("cmd.remind.add.message"),
        channel=localized("cmd.remind.add.channel"),
        ping=localized("cmd.remind.add.ping"),
    )
    @moderator_only()
    async def remind_add(
        self, interaction: discord.Interaction[Any], when: app_commands.Range[str, 1, 100],
        message: app_commands.Range[str, 1, 1800], channel: discord.TextChannel | None = None,
        ping: discord.Role | None = None,
    ) -> None:
        lang, services = await language_and_services(interaction)
        if ping is not None and ping.is_default():
            raise UserFacingError("reminder.no_everyone")
        added = await services.reminders.add(
            await actor_of(interaction),
            channel_ref(interaction, _channel_of(interaction, channel)),
            when, message, str(ping.id) if ping else None,
        )
        await interaction.response.send_message(
            added.preview.confirmation("reminder.added", lang, services.texts, reader_time,
                                       id=added.schedule.id),
            ephemeral=True,
        )

    @remind_add.autocomplete("when")
    async def when_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return await when_choices(interaction, current)

    @remind.command(
        name=localized("cmd.remind.list.name"),
        description=localized("cmd.remind.list.description"),
    )
    @app_commands.describe(page=localized("cmd.remind.list.page"))
    @moderator_only()
    async def remind_list(
        self, interaction: discord.Interaction[Any], page: app_commands.Range[int, 1, 1000] = 1
    ) -> None:
        lang, services = await language_and_services(interaction)
        listing = await services.reminders.list_page(await actor_of(interaction), page)
        embed = reminder_page_embed(listing, services.texts, lang)
        if listing.pages > 1:
            await interaction.response.send_message(
                embed=embed, view=ReminderPager(listing, lang), ephemeral=True)
        else:
            await interaction.response.send_message(embed=embed, ephemeral=True)

    @remind.command(
        name=localized("cmd.remind.pause.name"),
        description=localized("cmd.remind.pause.description"),
    )
    @app_commands.describe(reminder=localized("cmd.remind.id"))
    @moderator_only()
    async def remind_pause(self, interaction: discord.Interaction[Any],
                           reminder: app_commands.Range[int, 1]) -> None:
        lang, services = await language_and_services(interaction)
        await services.reminders.pause(await actor_of(interaction), reminder)
        await interaction.response.send_message(
            services.texts.t("reminder.paused", lang, id=reminder), ephemeral=True)

    @remind.command(
        name=localized("cmd.remind.resume.name"),
        description=localized("cmd.remind.resume.description"),
    )
    @app_commands.describe(reminder=localized("cmd.remind.id"))
    @moderator_only()
    async def remind_resume(self, interaction: discord.Interaction[Any],
                            reminder: app_commands.Range[int, 1]) -> None:
        lang, services = await language_and_services(interaction)
        config = await services.community.config(community_of(interaction))
        _, upcoming = await services.reminders.resume(await actor_of(interaction), reminder)
        text = resumed_text(reminder, upcoming, config.zone, services.texts, lang, reader_time)
        await interaction.response.send_message(text, ephemeral=True)

    @remind.command(
        name=localized("cmd.remind.remove.name"),
        description=localized("cmd.remind.remove.description"),
    )
    @app_commands.describe(reminder=localized("cmd.remind.id"))
    @moderator_only()
    async def remind_remove(self, interaction: discord.Interaction[Any],
                            reminder: app_commands.Range[int, 1]) -> None:
        lang, services = await language_and_services(interaction)
        await services.reminders.remove(await actor_of(interaction), reminder)
        await interaction.response.send_message(
            services.texts.t("reminder.removed", lang, id=reminder), ephemeral=True)

    @remind.command(
        name=localized("cmd.remind.edit.name"),
        description=localized("cmd.remind.edit.description"),
    )
    @app_commands.describe(
        reminder=localized("cmd.remind.id"),
        when=localized("cmd.remind.edit.when"),
        message=localized("cmd.remind.edit.message"),
        channel=localized("cmd.remind.edit.channel"),
    )
    async def remind_edit(
        self, interaction: discord.Interaction[Any], reminder: app_commands.Range[int, 1],
        when: app_commands.Range[str, 1, 100] | None = None,
        message: app_commands.Range[str, 1, 1800] | None = None,
        channel: discord.TextChannel | None = None,
    ) -> None:
        """A member edits their own personal reminder; a moderator, a channel reminder.
        Someone else's personal reminder is "not found" for everyone."""
        lang, services = await language_and_services(interaction)
        key, edited = await services.personal.edit_any(
            await actor_of(interaction), reminder, when_text=when, message=message,
            channel=channel_ref(interaction, channel) if channel is not None else None)
        await interaction.response.send_message(
            edited.confirmation(key, lang, services.texts, reader_time), ephemeral=True)

    @remind_edit.autocomplete("when")
    async def edit_when_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return await when_choices(interaction, current)

    # --- /remind me, mine, cancel: a member's own reminders -----------------------------

    @remind.command(
        name=localized("cmd.remind.me.name"),
        description=localized("cmd.remind.me.description"),
    )
    @app_commands.describe(
        when=localized("cmd.remind.add.when"),
        message=localized("cmd.remind.me.message"),
    )
    async def remind_me(
        self, interaction: discord.Interaction[Any], when: app_commands.Range[str, 1, 100],
        message: app_commands.Range[str, 1, 1800],
    ) -> None:
        lang, services = await language_and_services(interaction)
        added = await services.personal.add(
            await actor_of(interaction),
            channel_ref(interaction, _channel_of(interaction, None)), when, message)
        await interaction.response.send_message(
            added.preview.confirmation("personal.added", lang, services.texts, reader_time,
                                       id=added.schedule.id),
            ephemeral=True,
        )

    @remind_me.autocomplete("when")
    async def me_when_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return await when_choices(interaction, current)

    @remind.command(
        name=localized("cmd.remind.mine.name"),
        description=localized("cmd.remind.mine.description"),
    )
    async def remind_mine(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await language_and_services(interaction)
        items = await services.personal.list_mine(await actor_of(interaction))
        lines = [truncate(item.line(lang, services.texts, reader_time), 300) for item in items]
        embed = discord.Embed(
            title=services.texts.t("personal.list_title", lang),
            description=truncate("\n".join(lines), 4096)
            or services.texts.t("personal.list_empty", lang),
            colour=discord.Colour.blurple(),
        )
        if items:
            embed.set_footer(text=services.texts.t("personal.list_footer", lang,
                                                   count=len(items), max=MAX_PERSONAL))
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @remind.command(
        name=localized("cmd.remind.cancel.name"),
        description=localized("cmd.remind.cancel.description"),
    )
    @app_commands.describe(reminder=localized("cmd.remind.cancel.id"))
    async def remind_cancel(self, interaction: discord.Interaction[Any],
                            reminder: app_commands.Range[int, 1]) -> None:
        lang, services = await language_and_services(interaction)
        await services.personal.cancel(await actor_of(interaction), reminder)
        await interaction.response.send_message(
            services.texts.t("personal.cancelled", lang, id=reminder), ephemeral=True)

    # --- /digest ------------------------------------------------------------------------

    @digest.command(
        name=localized("cmd.digest.configure.name"),
        description=localized("cmd.digest.configure.description"),
    )
    @app_commands.describe(
        channel=localized("cmd.remind.add.channel"),
        when=localized("cmd.digest.configure.when"),
    )
    @moderator_only()
    async def digest_configure(
        self, interaction: discord.Interaction[Any], channel: discord.TextChannel | None = None,
        when: app_commands.Range[str, 1, 100] = "every mon 09:00",
    ) -> None:
        lang, services = await language_and_services(interaction)
        target = channel_ref(interaction, _channel_of(interaction, channel))
        configured = await services.digests.configure(await actor_of(interaction), target, when)
        await interaction.response.send_message(
            configured.preview.confirmation("digest.configured", lang, services.texts,
                                            reader_time, channel=target.external_id),
            ephemeral=True,
        )

    @digest_configure.autocomplete("when")
    async def digest_when_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return await when_choices(interaction, current)

    @digest.command(
        name=localized("cmd.digest.disable.name"),
        description=localized("cmd.digest.disable.description"),
    )
    @moderator_only()
    async def digest_disable(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await language_and_services(interaction)
        await services.digests.disable(await actor_of(interaction))
        await interaction.response.send_message(services.texts.t("digest.disabled", lang),
                                                ephemeral=True)

    @digest.command(
        name=localized("cmd.digest.preview.name"),
        description=localized("cmd.digest.preview.description"),
    )
    async def digest_preview(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await language_and_services(interaction)
        message = await services.digests.preview(community_of(interaction), lang)
        await interaction.response.send_message(embed=build_embed(message), ephemeral=True)


async def when_choices(
    interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    """What the typed text means (when it can be read), then matching examples."""
    lang = await language_of(interaction)
    choices: list[app_commands.Choice[str]] = []
    text = current.strip()
    if text and interaction.guild_id is not None:
        try:
            preview = await services_of(interaction).reminders.preview_when(
                community_of(interaction), text)
        except UserFacingError:
            pass
        else:
            label = f"{text} → {preview.when.describe(lang)}"
            choices.append(app_commands.Choice(name=truncate(label, 100), value=text[:100]))
    lowered = text.lower()
    for example in example_whens(lang):
        if len(choices) >= AUTOCOMPLETE_CHOICES:
            break
        if example != text and (not lowered or lowered in example.lower()):
            choices.append(app_commands.Choice(name=example, value=example))
    return choices


class GuildLanguage(commands.Cog):
    """Keeps each guild's preferred locale, the language of scheduled posts everyone
    reads (unless moderators force one): at start-up, on join and on update."""

    def __init__(self, client: StudyBot) -> None:
        self._client = client

    async def _keep(self, guild: discord.Guild) -> None:
        await self._client.services.community.set_locale(
            CommunityRef(DISCORD, str(guild.id)), str(guild.preferred_locale))

    @commands.Cog.listener()
    async def on_guild_available(self, guild: discord.Guild) -> None:
        await self._keep(guild)

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self._keep(guild)

    @commands.Cog.listener()
    async def on_guild_update(self, before: discord.Guild, after: discord.Guild) -> None:
        if before.preferred_locale != after.preferred_locale:
            await self._keep(after)


async def setup(client: commands.Bot) -> None:
    await client.add_cog(Schedules())
    await client.add_cog(GuildLanguage(cast("StudyBot", client)))
