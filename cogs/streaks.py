"""/checkin and /streak: reading streaks (show with a heatmap, leaderboard, and the
moderators' adjust, freeze-grant and history).

Discord's ``default_permissions`` applies to a whole top-level command, and
``/streak show`` and ``leaderboard`` are for everyone, so the moderator
subcommands are not hidden; ``moderator_only`` refuses other members on the server.
"""

from __future__ import annotations

import io
from collections.abc import Collection
from datetime import date
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.errors import UserFacingError
from bot.discord_app.replies import reply_after_write
from bot.discord_app.translator import localized
from bot.i18n import Catalog, Lang
from bot.services import Services
from bot.streaks import presentation
from bot.streaks.service import AuditRow, Leaderboard, StreakSummary
from cogs._common import (
    actor_of,
    community_of,
    display_name,
    language_and_services,
    member_of,
    member_ref,
    moderator_only,
)
from cogs._ui import truncate

HEATMAP_FILE = "streak.png"
COLOUR = 0x39D353

SCOPE_CHOICES = [
    app_commands.Choice(name=localized("streaks.scope.current"), value="current"),
    app_commands.Choice(name=localized("streaks.scope.longest"), value="longest"),
    app_commands.Choice(name=localized("streaks.scope.month"), value="month"),
    app_commands.Choice(name=localized("streaks.scope.round"), value="round"),
]
ACTION_CHOICES = [
    app_commands.Choice(name=localized("streaks.action.add"), value="add"),
    app_commands.Choice(name=localized("streaks.action.remove"), value="remove"),
]


def summary_embed(texts: Catalog, lang: Lang, summary: StreakSummary, name: str) -> discord.Embed:
    """The ``/streak show`` embed; the heatmap is attached as ``HEATMAP_FILE``."""
    text = presentation.summary_text(
        presentation.in_language(texts, lang), summary, truncate(name, 100),
        moment=lambda at: discord.utils.format_dt(at, "R"), freeze_separator="\n",
    )
    embed = discord.Embed(title=text.title, description=text.status, colour=COLOUR)
    for field_name, value in text.fields:
        embed.add_field(name=field_name, value=value)
    if text.freeze_used is not None:
        embed.add_field(name=text.freeze_used[0], value=text.freeze_used[1], inline=False)
    embed.set_image(url=f"attachment://{HEATMAP_FILE}")
    embed.set_footer(text=texts.t("streaks.show.heatmap", lang))
    return embed


def leaderboard_embed(texts: Catalog, lang: Lang, board: Leaderboard) -> discord.Embed:
    text = presentation.board_text(
        presentation.in_language(texts, lang), board,
        lambda name: discord.utils.escape_markdown(truncate(name, 40)),
    )
    embed = discord.Embed(title=text.title, description=text.body, colour=COLOUR)
    embed.set_footer(text=text.footer)
    return embed


def history_line(texts: Catalog, lang: Lang, row: AuditRow) -> str:
    return presentation.history_line(
        presentation.in_language(texts, lang), row,
        moment=lambda at: discord.utils.format_dt(at, "f"), clean=discord.utils.escape_markdown,
    )


def parse_day(text: str) -> date:
    """A ``YYYY-MM-DD`` option, or a ``UserFacingError`` showing the expected form."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserFacingError("streaks.error.bad_day", value=truncate(text, 40)) from None


def _escaped(text: str | None) -> str | None:
    """A member's optional text, stripped and escaped; None when blank."""
    return discord.utils.escape_markdown(text.strip()) if text and text.strip() else None


def _change_recorded(services: Services, lang: Lang,
                     interaction: discord.Interaction[Any]) -> str:
    """The line saying a moderator's change was saved though its reply was refused
    (so it is not made twice)."""
    return services.texts.t("streaks.change.recorded_elsewhere", lang,
                            member=interaction.user.mention)


async def round_member_ids(services: Services, interaction: discord.Interaction[Any]
                           ) -> Collection[str] | None:
    """Platform ids of the active round's members (None: no active round)."""
    return await services.rounds.active_round_member_ids(community_of(interaction))


class Streaks(commands.Cog):
    """Check-ins, streaks, leaderboards and the moderators' corrections."""

    streak = app_commands.Group(
        name=localized("cmd.streak.name"),
        description=localized("cmd.streak.description"),
    )

    @app_commands.command(
        name=localized("cmd.checkin.name"),
        description=localized("cmd.checkin.description"),
    )
    @app_commands.describe(
        paper=localized("cmd.checkin.paper"),
        note=localized("cmd.checkin.note"),
    )
    async def checkin(
        self, interaction: discord.Interaction[Any],
        paper: app_commands.Range[str, 1, 300] | None = None,
        note: app_commands.Range[str, 1, 500] | None = None,
    ) -> None:
        lang, services = await language_and_services(interaction)
        result = await services.streaks.check_in(
            member_of(interaction), display_name(interaction.user), paper, note,
            dedupe_key=f"discord:{interaction.id}",
        )
        lines = presentation.checkin_lines(
            presentation.in_language(services.texts, lang), result,
            paper=_escaped(paper), note=_escaped(note),
        )
        recorded = services.texts.t("streaks.checkin.recorded_elsewhere", lang,
                                    member=interaction.user.mention)
        await reply_after_write(interaction, "\n".join(lines),
                                ephemeral=not result.reply_public, recorded=recorded)
        services.heatmaps_ahead.after_checkin(member_of(interaction), lang)

    @streak.command(
        name=localized("cmd.streak.show.name"),
        description=localized("cmd.streak.show.description"),
    )
    @app_commands.describe(
        member=localized("cmd.streak.show.member"))
    async def show(self, interaction: discord.Interaction[Any],
                   member: discord.Member | None = None) -> None:
        lang, services = await language_and_services(interaction)
        user = member or interaction.user
        summary = await services.streaks.show(member_ref(interaction, user))
        png = await services.heatmaps.png(summary.counts_by_day, summary.today, lang)
        embed = summary_embed(services.texts, lang, summary, display_name(user))
        await interaction.response.send_message(
            embed=embed, file=discord.File(io.BytesIO(png), filename=HEATMAP_FILE),
            ephemeral=not summary.reply_public,
        )

    @streak.command(
        name=localized("cmd.streak.leaderboard.name"),
        description=localized("cmd.streak.leaderboard.description"),
    )
    @app_commands.describe(scope=localized("cmd.streak.leaderboard.scope"))
    @app_commands.choices(scope=SCOPE_CHOICES)
    async def leaderboard(self, interaction: discord.Interaction[Any],
                          scope: str = "current") -> None:
        lang, services = await language_and_services(interaction)
        ids = await round_member_ids(services, interaction) if scope == "round" else None
        board = await services.streaks.leaderboard(
            community_of(interaction), scope, member_of(interaction), round_member_ids=ids)
        await interaction.response.send_message(
            embed=leaderboard_embed(services.texts, lang, board))

    @streak.command(
        name=localized("cmd.streak.adjust.name"),
        description=localized("cmd.streak.adjust.description"),
    )
    @app_commands.describe(
        member=localized("cmd.streak.adjust.member"),
        day=localized("cmd.streak.adjust.day"),
        action=localized("cmd.streak.adjust.action"),
        reason=localized("cmd.streak.reason"),
    )
    @app_commands.choices(action=ACTION_CHOICES)
    @moderator_only()
    async def adjust(
        self, interaction: discord.Interaction[Any], member: discord.Member,
        day: app_commands.Range[str, 1, 20], action: str,
        reason: app_commands.Range[str, 1, 300],
    ) -> None:
        lang, services = await language_and_services(interaction)
        result = await services.streaks.adjust(
            await actor_of(interaction), member_ref(interaction, member), parse_day(day), action,
            reason, display_name=display_name(member),
        )
        kind = (await services.community.config(community_of(interaction))).streak_period
        message = presentation.adjust_text(
            presentation.in_language(services.texts, lang), result,
            discord.utils.escape_markdown(display_name(member)), kind,
        )
        await reply_after_write(interaction, message, ephemeral=True,
                                recorded=_change_recorded(services, lang, interaction))

    @streak.command(
        name=localized("cmd.streak.freeze_grant.name"),
        description=localized("cmd.streak.freeze_grant.description"),
    )
    @app_commands.describe(
        member=localized("cmd.streak.adjust.member"),
        count=localized("cmd.streak.freeze_grant.count"),
        reason=localized("cmd.streak.reason"),
    )
    @moderator_only()
    async def freeze_grant(
        self, interaction: discord.Interaction[Any], member: discord.Member,
        count: app_commands.Range[int, 1, 10], reason: app_commands.Range[str, 1, 300],
    ) -> None:
        lang, services = await language_and_services(interaction)
        result = await services.streaks.grant_freezes(
            await actor_of(interaction), member_ref(interaction, member), count, reason,
            display_name=display_name(member),
        )
        message = presentation.grant_text(
            presentation.in_language(services.texts, lang), result,
            discord.utils.escape_markdown(display_name(member)),
        )
        await reply_after_write(interaction, message, ephemeral=True,
                                recorded=_change_recorded(services, lang, interaction))

    @streak.command(
        name=localized("cmd.streak.history.name"),
        description=localized("cmd.streak.history.description"),
    )
    @app_commands.describe(member=localized("cmd.streak.adjust.member"))
    @moderator_only()
    async def history(self, interaction: discord.Interaction[Any],
                      member: discord.Member) -> None:
        lang, services = await language_and_services(interaction)
        rows = await services.streaks.history(await actor_of(interaction),
                                              member_ref(interaction, member))
        texts = services.texts
        lines = [truncate(history_line(texts, lang, row), 400) for row in rows]
        embed = discord.Embed(
            title=texts.t("streaks.history.title", lang,
                          member=truncate(display_name(member), 100)),
            description=truncate("\n".join(lines), 4000) or texts.t("streaks.history.empty",
                                                                    lang),
            colour=COLOUR,
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(client: commands.Bot) -> None:
    await client.add_cog(Streaks())
