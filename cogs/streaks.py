"""/checkin and /streak: reading streaks (show with a heatmap, leaderboard, and the
moderators' adjust, freeze-grant and history).

Discord's ``default_permissions`` applies to a whole top-level command, and
``/streak show`` and ``leaderboard`` are for everyone, so the moderator
subcommands are not hidden; ``moderator_only`` refuses other members on the server.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Collection
from datetime import date
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app.translator import localized
from bot.errors import UserFacingError
from bot.i18n import Catalog, Lang
from bot.services import Services
from bot.streaks.heatmap import render_heatmap
from bot.streaks.service import AuditRow, CheckinResult, Leaderboard, StreakSummary
from cogs._common import (
    community_of,
    display_name,
    member_of,
    member_ref,
    moderator_only,
    texts_for,
)
from cogs._ui import truncate

HEATMAP_FILE = "streak.png"
COLOUR = 0x39D353

SCOPE_CHOICES = [
    app_commands.Choice(name=localized("Current streak", "streaks.scope.current"), value="current"),
    app_commands.Choice(name=localized("Longest streak", "streaks.scope.longest"), value="longest"),
    app_commands.Choice(name=localized("This month", "streaks.scope.month"), value="month"),
    app_commands.Choice(name=localized("This round", "streaks.scope.round"), value="round"),
]
ACTION_CHOICES = [
    app_commands.Choice(name=localized("add", "streaks.action.add"), value="add"),
    app_commands.Choice(name=localized("remove", "streaks.action.remove"), value="remove"),
]


def streak_text(texts: Catalog, lang: Lang, kind: str, count: int) -> str:
    """``5-day streak`` / ``5일 연속``."""
    return texts.t(f"streaks.streak.{kind}", lang, count=count)


def periods_text(texts: Catalog, lang: Lang, kind: str, count: int) -> str:
    """``1 day`` / ``3 weeks`` / ``3일``."""
    return texts.t(f"streaks.periods.{kind}.{'one' if count == 1 else 'other'}", lang,
                   count=count)


def checkin_lines(texts: Catalog, lang: Lang, result: CheckinResult) -> list[str]:
    """The sentences that describe a check-in."""
    streak = streak_text(texts, lang, result.kind, result.current)
    if result.duplicate:
        key = "streaks.checkin.duplicate"
    elif not result.counted:
        key = f"streaks.checkin.already_{result.kind}"
    elif result.current == 1:
        key = "streaks.checkin.started"
    else:
        key = "streaks.checkin.extended"
    lines = [texts.t(key, lang, streak=streak)]
    if result.bridged:
        dates = ", ".join(day.isoformat() for day in result.bridged)
        lines.append(texts.t("streaks.checkin.freeze_used", lang, dates=dates,
                             left=result.freezes_left))
    if result.earned_freeze:
        lines.append(texts.t("streaks.checkin.freeze_earned", lang, count=result.freezes_left))
    return lines


def summary_embed(texts: Catalog, lang: Lang, summary: StreakSummary, name: str) -> discord.Embed:
    """The ``/streak show`` embed; the heatmap is attached as ``HEATMAP_FILE``."""
    kind = summary.kind
    state = "done" if summary.covered_today else "open"
    embed = discord.Embed(
        title=texts.t("streaks.show.title", lang, name=truncate(name, 100)),
        description=texts.t(f"streaks.show.today_{state}_{kind}", lang),
        colour=COLOUR,
    )
    embed.add_field(name=texts.t("streaks.show.current", lang),
                    value=streak_text(texts, lang, kind, summary.current))
    embed.add_field(name=texts.t("streaks.show.longest", lang),
                    value=streak_text(texts, lang, kind, summary.longest))
    embed.add_field(name=texts.t("streaks.show.total", lang), value=texts.t(
        "streaks.show.total_value", lang, checkins=summary.total_checkins,
        periods=periods_text(texts, lang, kind, summary.total_periods)))
    freezes = str(summary.freezes_left)
    if summary.next_freeze_in is not None:
        freezes += "\n" + texts.t("streaks.show.next_freeze", lang, count=summary.next_freeze_in)
    embed.add_field(name=texts.t("streaks.show.freezes", lang), value=freezes)
    last = texts.t("streaks.show.never", lang)
    if summary.last_checkin_at is not None:
        last = discord.utils.format_dt(summary.last_checkin_at, "R")
    embed.add_field(name=texts.t("streaks.show.last_checkin", lang), value=last)
    if summary.freeze_used:
        used = ", ".join(day.isoformat() for day in summary.freeze_used[-10:])
        embed.add_field(name=texts.t("streaks.show.freeze_used", lang), value=used, inline=False)
    embed.set_image(url=f"attachment://{HEATMAP_FILE}")
    embed.set_footer(text=texts.t("streaks.show.heatmap", lang))
    return embed


def leaderboard_embed(texts: Catalog, lang: Lang, board: Leaderboard) -> discord.Embed:
    def value_text(value: int) -> str:
        if board.scope == "month":
            return periods_text(texts, lang, board.kind, value)
        return streak_text(texts, lang, board.kind, value)

    lines = []
    for entry in board.entries:
        name = (discord.utils.escape_markdown(truncate(entry.display_name, 40))
                if entry.display_name else texts.t("streaks.board.unknown_member", lang))
        lines.append(texts.t("streaks.board.line", lang, rank=entry.rank, name=name,
                             value=value_text(entry.value)))
    title_params = {"month": board.month} if board.scope == "month" else {}
    embed = discord.Embed(
        title=texts.t(f"streaks.board.title.{board.scope}", lang, **title_params),
        description="\n".join(lines) or texts.t("streaks.board.empty", lang),
        colour=COLOUR,
    )
    if board.caller.rank is None:
        embed.set_footer(text=texts.t("streaks.board.unranked", lang))
    else:
        embed.set_footer(text=texts.t("streaks.board.your_rank", lang, rank=board.caller.rank,
                                      value=value_text(board.caller.value)))
    return embed


def history_line(texts: Catalog, lang: Lang, row: AuditRow) -> str:
    details = row.details
    actor = discord.utils.escape_markdown(row.actor_name or row.actor_id)
    return texts.t(
        f"streaks.history.{row.action}", lang, at=discord.utils.format_dt(row.at, "f"),
        actor=actor, day=details.get("day", "?"),
        count=details.get("changed", details.get("count", 0)),
        reason=discord.utils.escape_markdown(row.reason),
    )


def parse_day(text: str) -> date:
    """A ``YYYY-MM-DD`` option, or a ``UserFacingError`` showing the expected form."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserFacingError("streaks.error.bad_day", value=truncate(text, 40)) from None


async def round_member_ids(services: Services, interaction: discord.Interaction[Any]
                           ) -> Collection[str] | None:
    """Platform ids of the active round's members (None: no active round)."""
    return await services.rounds.active_round_member_ids(community_of(interaction))


class Streaks(commands.Cog):
    """Check-ins, streaks, leaderboards and the moderators' corrections."""

    streak = app_commands.Group(
        name=localized("streak", "cmd.streak.name"),
        description=localized("Reading streaks", "cmd.streak.description"),
    )

    @app_commands.command(
        name=localized("checkin", "cmd.checkin.name"),
        description=localized("Record that you read today and keep your streak going",
                              "cmd.checkin.description"),
    )
    @app_commands.describe(
        paper=localized("The paper you read (title or link, optional)", "cmd.checkin.paper"),
        note=localized("A short note (optional)", "cmd.checkin.note"),
    )
    async def checkin(
        self, interaction: discord.Interaction[Any],
        paper: app_commands.Range[str, 1, 300] | None = None,
        note: app_commands.Range[str, 1, 500] | None = None,
    ) -> None:
        lang, services = await texts_for(interaction)
        result = await services.streaks.check_in(
            member_of(interaction), display_name(interaction.user), paper, note,
            dedupe_key=f"discord:{interaction.id}",
        )
        config = await services.community.config(community_of(interaction))
        texts = services.texts
        lines = checkin_lines(texts, lang, result)
        if paper and paper.strip():
            lines.append(texts.t("streaks.checkin.paper", lang,
                                 paper=discord.utils.escape_markdown(paper.strip())))
        if note and note.strip():
            lines.append(texts.t("streaks.checkin.note", lang,
                                 note=discord.utils.escape_markdown(note.strip())))
        await interaction.response.send_message(
            "\n".join(lines), ephemeral=not config.checkin_replies_public)

    @streak.command(
        name=localized("show", "cmd.streak.show.name"),
        description=localized("Show a streak and the last 26 weeks of check-ins",
                              "cmd.streak.show.description"),
    )
    @app_commands.describe(
        member=localized("Whose streak (default: yours)", "cmd.streak.show.member"))
    async def show(self, interaction: discord.Interaction[Any],
                   member: discord.Member | None = None) -> None:
        lang, services = await texts_for(interaction)
        user = member or interaction.user
        summary = await services.streaks.show(member_ref(interaction, user))
        png = await asyncio.to_thread(render_heatmap, summary.counts_by_day, summary.today, lang)
        embed = summary_embed(services.texts, lang, summary, display_name(user))
        config = await services.community.config(community_of(interaction))
        await interaction.response.send_message(
            embed=embed, file=discord.File(io.BytesIO(png), filename=HEATMAP_FILE),
            ephemeral=not config.checkin_replies_public,
        )

    @streak.command(
        name=localized("leaderboard", "cmd.streak.leaderboard.name"),
        description=localized("Streak leaderboard", "cmd.streak.leaderboard.description"),
    )
    @app_commands.describe(scope=localized("Which ranking", "cmd.streak.leaderboard.scope"))
    @app_commands.choices(scope=SCOPE_CHOICES)
    async def leaderboard(self, interaction: discord.Interaction[Any],
                          scope: str = "current") -> None:
        lang, services = await texts_for(interaction)
        ids = await round_member_ids(services, interaction) if scope == "round" else None
        board = await services.streaks.leaderboard(
            community_of(interaction), scope, member_of(interaction), round_member_ids=ids)
        await interaction.response.send_message(
            embed=leaderboard_embed(services.texts, lang, board))

    @streak.command(
        name=localized("adjust", "cmd.streak.adjust.name"),
        description=localized("Add or remove a member's check-in (moderators)",
                              "cmd.streak.adjust.description"),
    )
    @app_commands.describe(
        member=localized("The member", "cmd.streak.adjust.member"),
        day=localized("Day (YYYY-MM-DD, server time zone)", "cmd.streak.adjust.day"),
        action=localized("Add or remove", "cmd.streak.adjust.action"),
        reason=localized("Reason (kept in the history)", "cmd.streak.reason"),
    )
    @app_commands.choices(action=ACTION_CHOICES)
    @moderator_only()
    async def adjust(
        self, interaction: discord.Interaction[Any], member: discord.Member,
        day: app_commands.Range[str, 1, 20], action: str,
        reason: app_commands.Range[str, 1, 300],
    ) -> None:
        lang, services = await texts_for(interaction)
        result = await services.streaks.adjust(
            member_of(interaction), member_ref(interaction, member), parse_day(day), action,
            reason, display_name=display_name(member),
        )
        kind = (await services.community.config(community_of(interaction))).streak_period
        texts = services.texts
        streak = streak_text(texts, lang, kind, result.current)
        name = discord.utils.escape_markdown(display_name(member))
        if result.action == "add":
            message = texts.t("streaks.adjust.added", lang, member=name,
                              day=result.day.isoformat(), streak=streak)
        else:
            message = texts.t("streaks.adjust.removed", lang, member=name,
                              day=result.day.isoformat(), count=result.changed, streak=streak)
        await interaction.response.send_message(message, ephemeral=True)

    @streak.command(
        name=localized("freeze-grant", "cmd.streak.freeze_grant.name"),
        description=localized("Give a member streak freezes (moderators)",
                              "cmd.streak.freeze_grant.description"),
    )
    @app_commands.describe(
        member=localized("The member", "cmd.streak.adjust.member"),
        count=localized("How many (1-10)", "cmd.streak.freeze_grant.count"),
        reason=localized("Reason (kept in the history)", "cmd.streak.reason"),
    )
    @moderator_only()
    async def freeze_grant(
        self, interaction: discord.Interaction[Any], member: discord.Member,
        count: app_commands.Range[int, 1, 10], reason: app_commands.Range[str, 1, 300],
    ) -> None:
        lang, services = await texts_for(interaction)
        result = await services.streaks.grant_freezes(
            member_of(interaction), member_ref(interaction, member), count, reason,
            display_name=display_name(member),
        )
        await interaction.response.send_message(
            services.texts.t("streaks.grant.done", lang,
                             member=discord.utils.escape_markdown(display_name(member)),
                             count=result.count, left=result.freezes_left),
            ephemeral=True,
        )

    @streak.command(
        name=localized("history", "cmd.streak.history.name"),
        description=localized("Moderator changes to a member's streak (moderators)",
                              "cmd.streak.history.description"),
    )
    @app_commands.describe(member=localized("The member", "cmd.streak.adjust.member"))
    @moderator_only()
    async def history(self, interaction: discord.Interaction[Any],
                      member: discord.Member) -> None:
        lang, services = await texts_for(interaction)
        rows = await services.streaks.history(member_ref(interaction, member))
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
