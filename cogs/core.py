"""Core commands: /help, /about and the moderators' /config."""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

import bot
from bot.community import SETTING_KEYS
from bot.discord_app.translator import localized
from bot.i18n import Lang
from cogs._common import bot_of, community_of, moderator_only, texts_for

_MENTION = re.compile(r"^<(?:@&|#)(\d+)>$")


def help_lines(tree: app_commands.CommandTree[Any], lang: Lang, texts: Any) -> list[str]:
    """One line per command (subcommands spelled out), in ``lang``."""
    lines = []
    for command in sorted(tree.walk_commands(), key=lambda c: c.qualified_name):
        if isinstance(command, app_commands.Group):
            continue
        description = command.description
        key = getattr(command._locale_description, "extras", {}).get("key")
        if lang == "ko" and key and key in texts:
            description = texts.t(key, "ko")
        lines.append(f"`/{command.qualified_name}` — {description}")
    return lines


class Core(commands.Cog):
    """Help, about, configuration."""

    def __init__(self) -> None:
        self._help_descriptions: dict[tuple[Lang, int], str] = {}

    config = app_commands.Group(
        name="config",
        description=localized("Server settings (moderators)", "cmd.config.description"),
        default_permissions=discord.Permissions(manage_guild=True),
    )

    @app_commands.command(
        name=localized("help", "cmd.help.name"),
        description=localized("List the bot's commands", "cmd.help.description"),
    )
    async def help(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await texts_for(interaction)
        texts = services.texts
        tree = bot_of(interaction).tree
        # The command set is fixed once the bot is ready; walking and sorting it on
        # every /help was a third of the command's cost.
        key = (lang, len(tree.get_commands()))
        description = self._help_descriptions.get(key)
        if description is None:
            description = "\n".join(help_lines(tree, lang, texts))
            self._help_descriptions[key] = description
        embed = discord.Embed(
            title=texts.t("help.title", lang),
            description=description,
            colour=discord.Colour.blurple(),
        )
        embed.set_footer(text=texts.t("help.footer", lang))
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(
        name=localized("about", "cmd.about.name"),
        description=localized("Version, uptime and latency", "cmd.about.description"),
    )
    async def about(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await texts_for(interaction)
        client = bot_of(interaction)
        latency = client.latency
        latency_ms = (
            "—" if latency != latency or latency == float("inf") else f"{latency * 1000:.0f}"
        )
        embed = discord.Embed(title="studybot", colour=discord.Colour.blurple())
        embed.add_field(name=services.texts.t("about.version", lang), value=bot.__version__)
        embed.add_field(
            name=services.texts.t("about.uptime", lang),
            value=format_duration(client.uptime_seconds, lang),
        )
        embed.add_field(
            name=services.texts.t("about.latency", lang),
            value=services.texts.t("about.latency_value", lang, ms=latency_ms),
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @config.command(
        name=localized("show", "cmd.config.show.name"),
        description=localized("Show this server's settings", "cmd.config.show.description"),
    )
    @moderator_only()
    async def config_show(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await texts_for(interaction)
        current = await services.community.config(community_of(interaction))
        lines = [f"`{key}` = `{getattr(current, key)}`" for key in SETTING_KEYS]
        embed = discord.Embed(
            title=services.texts.t("config.show.title", lang), description="\n".join(lines)
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @config.command(
        name=localized("set", "cmd.config.set.name"),
        description=localized("Change one setting", "cmd.config.set.description"),
    )
    @app_commands.describe(
        setting=localized("Which setting", "cmd.config.set.setting"),
        value=localized("The new value", "cmd.config.set.value"),
    )
    @app_commands.choices(setting=[app_commands.Choice(name=k, value=k) for k in SETTING_KEYS])
    @moderator_only()
    async def config_set(
        self,
        interaction: discord.Interaction[Any],
        setting: str,
        value: app_commands.Range[str, 1, 100],
    ) -> None:
        lang, services = await texts_for(interaction)
        raw = _strip_mention(value)
        updated = await services.community.set_value(
            community_of(interaction), setting, raw, actor=str(interaction.user.id)
        )
        await interaction.response.send_message(
            services.texts.t("config.saved", lang, key=setting, value=getattr(updated, setting)),
            ephemeral=True,
        )

    @config.command(
        name=localized("reset", "cmd.config.reset.name"),
        description=localized("Return a setting to its default", "cmd.config.reset.description"),
    )
    @app_commands.describe(setting=localized("Which setting", "cmd.config.set.setting"))
    @app_commands.choices(setting=[app_commands.Choice(name=k, value=k) for k in SETTING_KEYS])
    @moderator_only()
    async def config_reset(self, interaction: discord.Interaction[Any], setting: str) -> None:
        lang, services = await texts_for(interaction)
        updated = await services.community.reset_value(community_of(interaction), setting)
        await interaction.response.send_message(
            services.texts.t("config.reset", lang, key=setting, value=getattr(updated, setting)),
            ephemeral=True,
        )


def _strip_mention(value: str) -> str:
    """Accept a pasted role/channel mention where an id is expected."""
    match = _MENTION.match(value.strip())
    return match.group(1) if match else value


def format_duration(seconds: float, lang: Lang) -> str:
    """``3d 4h 5m`` / ``3일 4시간 5분``."""
    minutes, _ = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    units = ("일", "시간", "분") if lang == "ko" else ("d", "h", "m")
    parts = [f"{n}{u}" for n, u in zip((days, hours, minutes), units, strict=True) if n]
    return " ".join(parts) or ("1분 미만" if lang == "ko" else "<1m")


async def setup(client: commands.Bot) -> None:
    await client.add_cog(Core())
