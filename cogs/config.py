"""The moderators' /config on Discord: show, set and reset this server's settings."""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.community import CLEAR_WORDS, setting_keys
from bot.community_display import display_value, settings_lines
from bot.core.errors import UserFacingError
from bot.core.refs import DISCORD
from bot.discord_app.translator import localized
from cogs._common import actor_of, moderator_only, services_of

_MENTION = re.compile(r"^<(?:@&|#)(\d+)>$")
DISCORD_SETTINGS = setting_keys(DISCORD)
# Settings naming a role or channel: (the sign a name may start with, the error).
_RESOLVED = {"moderator_role": ("@", "config.invalid_role"),
             "moderator_channel": ("#", "config.invalid_channel")}
_SETTING_CHOICES = [app_commands.Choice(name=key, value=key) for key in DISCORD_SETTINGS]


class Config(commands.Cog):
    """This server's settings, for moderators."""

    config = app_commands.Group(
        name="config",
        description=localized("cmd.config.description"),
        default_permissions=discord.Permissions(manage_guild=True),
    )

    @config.command(
        name=localized("cmd.config.show.name"),
        description=localized("cmd.config.show.description"),
    )
    @moderator_only()
    async def config_show(self, interaction: discord.Interaction[Any]) -> None:
        actor, services = await actor_of(interaction), services_of(interaction)
        lang = actor.lang
        current = await services.community.settings_for(actor)
        lines = settings_lines(current, platform=DISCORD, lang=lang, texts=services.texts,
                               mention=discord_mention)
        embed = discord.Embed(
            title=services.texts.t("config.show.title", lang), description="\n".join(lines)
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @config.command(
        name=localized("cmd.config.set.name"),
        description=localized("cmd.config.set.description"),
    )
    @app_commands.describe(
        setting=localized("cmd.config.set.setting"),
        value=localized("cmd.config.set.value"),
    )
    @app_commands.choices(setting=_SETTING_CHOICES)
    @moderator_only()
    async def config_set(
        self,
        interaction: discord.Interaction[Any],
        setting: str,
        value: app_commands.Range[str, 1, 100],
    ) -> None:
        actor, services = await actor_of(interaction), services_of(interaction)
        lang = actor.lang
        raw = _resolve_in_guild(interaction.guild, setting, value)
        updated = await services.community.change(actor, setting, raw)
        shown = display_value(updated, setting, platform=DISCORD, lang=lang,
                              texts=services.texts, mention=discord_mention)
        await interaction.response.send_message(
            services.texts.t("config.saved", lang, key=setting, value=shown), ephemeral=True
        )

    @config.command(
        name=localized("cmd.config.reset.name"),
        description=localized("cmd.config.reset.description"),
    )
    @app_commands.describe(setting=localized("cmd.config.set.setting"))
    @app_commands.choices(setting=_SETTING_CHOICES)
    @moderator_only()
    async def config_reset(self, interaction: discord.Interaction[Any], setting: str) -> None:
        actor, services = await actor_of(interaction), services_of(interaction)
        lang = actor.lang
        updated = await services.community.reset(actor, setting)
        shown = display_value(updated, setting, platform=DISCORD, lang=lang,
                              texts=services.texts, mention=discord_mention)
        await interaction.response.send_message(
            services.texts.t("config.reset", lang, key=setting, value=shown), ephemeral=True
        )


def discord_mention(kind: str, external_id: str) -> str:
    """A role or channel as Discord draws it (replies are sent with mentions off)."""
    return f"<@&{external_id}>" if kind == "role" else f"<#{external_id}>"


def _resolve_in_guild(guild: discord.Guild | None, setting: str, value: str) -> str:
    """For a role or channel setting: the id of what ``value`` names in ``guild`` (a
    mention, an id or a name, ``@``/``#`` optional). Something this server does not
    have is refused here, where the server's roles and channels are known; the
    service checks the rest (``none`` and the other settings)."""
    text = value.strip()
    match = _MENTION.match(text)
    wanted = match.group(1) if match else text
    if guild is None or setting not in _RESOLVED or wanted.lower() in CLEAR_WORDS:
        return wanted
    candidates: list[discord.Role] | list[discord.TextChannel]
    if setting == "moderator_role":
        candidates = [role for role in guild.roles if not role.is_default()]
    else:
        candidates = [c for c in guild.channels if isinstance(c, discord.TextChannel)]
    name = wanted.removeprefix(_RESOLVED[setting][0]).casefold()
    for candidate in candidates:
        if str(candidate.id) == wanted or candidate.name.casefold() == name:
            return str(candidate.id)
    raise UserFacingError(_RESOLVED[setting][1], value=text)


async def setup(client: commands.Bot) -> None:
    await client.add_cog(Config())
