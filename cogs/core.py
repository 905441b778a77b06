"""Core commands: /help and /about. The moderators' /config is in ``cogs.config``."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

import bot
from bot.discord_app.translator import localized
from bot.i18n import Lang
from cogs._common import (
    bot_of,
    caller_is_moderator,
    is_moderator_command,
    language_and_services,
)


def help_lines(
    tree: app_commands.CommandTree[Any], lang: Lang, texts: Any, *, moderator: bool = True
) -> list[str]:
    """One line per command (subcommands spelled out), in ``lang``; moderator commands
    only when ``moderator``."""
    lines = []
    for command in sorted(tree.walk_commands(), key=lambda c: c.qualified_name):
        if isinstance(command, app_commands.Group):
            continue
        if not moderator and is_moderator_command(command):
            continue
        description = command.description
        key = getattr(command._locale_description, "extras", {}).get("key")
        if lang == "ko" and key and key in texts:
            description = texts.t(key, "ko")
        lines.append(f"`/{command.qualified_name}` — {description}")
    return lines


class Core(commands.Cog):
    """Help and about."""

    def __init__(self) -> None:
        self._help_descriptions: dict[tuple[Lang, bool, int], str] = {}

    @app_commands.command(
        name=localized("cmd.help.name"),
        description=localized("cmd.help.description"),
    )
    async def help(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await language_and_services(interaction)
        texts = services.texts
        tree = bot_of(interaction).tree
        moderator = await caller_is_moderator(interaction)
        # The command set is fixed once the bot is ready; walking and sorting it on
        # every /help was a third of the command's cost.
        key = (lang, moderator, len(tree.get_commands()))
        description = self._help_descriptions.get(key)
        if description is None:
            description = "\n".join(help_lines(tree, lang, texts, moderator=moderator))
            self._help_descriptions[key] = description
        embed = discord.Embed(
            title=texts.t("help.title", lang),
            description=description,
            colour=discord.Colour.blurple(),
        )
        embed.set_footer(text=texts.t("help.footer" if moderator else "help.footer_member", lang))
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(
        name=localized("cmd.about.name"),
        description=localized("cmd.about.description"),
    )
    async def about(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await language_and_services(interaction)
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
