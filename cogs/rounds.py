"""Study rounds on Discord: /round and /session for members, /round-admin and
/session-admin for moderators, and the persistent RSVP buttons."""

from __future__ import annotations

import io
import logging
import re
from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app.events import DiscordEvents
from bot.discord_app.translator import localized
from bot.errors import UserFacingError
from bot.i18n import Catalog, Lang
from bot.identity import DISCORD
from bot.rounds import messages
from bot.rounds.model import (
    RSVP_ANSWERS,
    Round,
    RoundOverview,
    RsvpCounts,
    Session,
    SessionKind,
)
from bot.rounds.recap import recap_csv, recap_markdown
from bot.rounds.service import RoundChange, RoundService
from bot.schedules.parse import describe_rule, format_local, parse_rule
from bot.services import Services
from cogs._common import (
    community_of,
    display_name,
    language_of,
    member_of,
    member_ref,
    moderator_only,
    require_moderator,
    services_of,
    texts_for,
)

if TYPE_CHECKING:
    from bot.discord_app.client import StudyBot

log = logging.getLogger(__name__)

FIELD_MAX = 1024
DESCRIPTION_MAX = 4096
MODERATORS = discord.Permissions(manage_guild=True)


def _rounds(interaction: discord.Interaction[Any]) -> RoundService:
    return services_of(interaction).rounds


def _cut(lines: list[str], limit: int) -> str:
    """As many whole lines as fit in ``limit`` characters (an ellipsis marks the cut)."""
    out: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > limit - 2:
            out.append("…")
            break
        out.append(line)
        used += len(line) + 1
    return "\n".join(out) or "—"


def _file(data: bytes | str, filename: str) -> discord.File:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return discord.File(io.BytesIO(raw), filename=filename)


def _slug(name: str) -> str:
    return re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-").lower() or "round"


# --- autocomplete ------------------------------------------------------------------


async def round_autocomplete(
    interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    choices = await _rounds(interaction).round_choices(community_of(interaction), current)
    return [app_commands.Choice(name=label, value=value) for label, value in choices]


async def session_autocomplete(
    interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    lang = await language_of(interaction)
    typed_round = getattr(interaction.namespace, "round", None)
    choices = await _rounds(interaction).session_choices(
        community_of(interaction), current, lang, round_text=typed_round or None
    )
    return [app_commands.Choice(name=label, value=value) for label, value in choices]


async def paper_autocomplete(
    interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    typed_round = getattr(interaction.namespace, "round", None)
    choices = await _rounds(interaction).paper_choices(
        community_of(interaction), typed_round or None, current
    )
    return [app_commands.Choice(name=label, value=value) for label, value in choices]


# --- rendering ---------------------------------------------------------------------


def round_embed(overview: RoundOverview, zone: Any, texts: Catalog, lang: Lang) -> discord.Embed:
    """A round at a glance: settings, reading list, sessions, members."""
    rnd = overview.round
    settings = rnd.settings
    lines = [
        texts.t("rounds.show.status", lang, status=texts.t(f"rounds.status.{rnd.status}", lang)),
        texts.t(
            "rounds.show.dates",
            lang,
            start=settings.start_date.isoformat(),
            weeks=settings.weeks,
            cadence=describe_rule(parse_rule(settings.cadence), lang),
            minutes=settings.duration_minutes,
        ),
        texts.t(
            "rounds.show.channel",
            lang,
            channel=f"<#{settings.channel_id}>",
            place=messages.place_text(settings.place, texts, lang),
        ),
        texts.t(
            "rounds.show.rhythm", lang, days=settings.paper_reminder_days, every=settings.sota_every
        ),
    ]
    if settings.ping_role:
        lines.append(texts.t("rounds.show.ping", lang, role=f"<@&{settings.ping_role}>"))
    embed = discord.Embed(
        title=rnd.name, description="\n".join(lines), colour=discord.Colour.blurple()
    )
    papers = [
        f"W{p.week} · [{p.title}](<{p.url}>)" if p.url else f"W{p.week} · {p.title}"
        for p in overview.papers
    ]
    embed.add_field(
        name=texts.t("rounds.show.papers", lang, count=len(overview.papers)),
        value=_cut(papers, FIELD_MAX),
        inline=False,
    )
    if overview.sessions:
        embed.add_field(
            name=texts.t("rounds.show.sessions", lang, count=len(overview.sessions)),
            value=_cut(
                [messages.session_line(s, zone, texts, lang) for s in overview.sessions], FIELD_MAX
            ),
            inline=False,
        )
    joined = [m for m in overview.members if m.joined]
    members = [f"<@{m.external_id}>" + (" 🙊" if m.opted_out_presenting else "") for m in joined]
    embed.add_field(
        name=texts.t("rounds.show.members", lang, count=len(joined)),
        value=_cut([" ".join(members)] if members else [], FIELD_MAX),
        inline=False,
    )
    embed.set_footer(text=texts.t("rounds.show.footer", lang, id=rnd.id))
    return embed


def preview_embed(change: RoundChange, zone: Any, texts: Catalog, lang: Lang) -> discord.Embed:
    return round_embed(RoundOverview(change.round, (), change.sessions, ()), zone, texts, lang)


def session_embed(
    rnd: Round, session: Session, counts: RsvpCounts, zone: Any, texts: Catalog, lang: Lang
) -> discord.Embed:
    embed = discord.Embed(
        title=texts.t("rounds.reminder.title", lang, round=rnd.name, index=session.index),
        description=texts.t(f"rounds.session_status.{session.status}", lang),
        colour=discord.Colour.blurple(),
    )
    for name, value in messages.session_fields(rnd, session, zone, texts, lang):
        embed.add_field(name=name, value=value[:FIELD_MAX], inline=False)
    values = counts.as_dict()
    embed.add_field(
        name=texts.t("rounds.field.rsvp", lang),
        value=" · ".join(
            f"{messages.RSVP_EMOJI[a]} {texts.t(f'rounds.rsvp.{a}', lang)} {values[a]}"
            for a in RSVP_ANSWERS
        ),
        inline=False,
    )
    embed.set_footer(text=texts.t("rounds.session.footer", lang, id=session.id))
    return embed


def rsvp_view(session_id: int, counts: RsvpCounts, texts: Catalog, lang: Lang) -> discord.ui.View:
    """The RSVP buttons with their current counts."""
    view = discord.ui.View(timeout=None)
    for custom_id, label in messages.rsvp_buttons(session_id, counts, texts, lang):
        view.add_item(discord.ui.Button(label=label, custom_id=custom_id))
    return view


class RsvpButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"round:rsvp:(?P<session>\d{1,18}):(?P<answer>going|maybe|not_going)",
):
    """One RSVP button on any session message; works after restarts because the
    session and the answer are in its ``custom_id``."""

    def __init__(self, session_id: int, answer: str) -> None:
        super().__init__(
            discord.ui.Button(custom_id=f"{messages.RSVP_PREFIX}:{session_id}:{answer}")
        )
        self.session_id = session_id
        self.answer = answer

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> RsvpButton:
        return cls(int(match["session"]), match["answer"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await texts_for(interaction)
        texts = services.texts
        message = interaction.message
        where = (str(message.channel.id), str(message.id)) if message is not None else None
        try:
            result = await services.rounds.rsvp(
                member_of(interaction),
                self.session_id,
                self.answer,
                display_name=display_name(interaction.user),
                message=where,
            )
        except UserFacingError as exc:
            await interaction.response.send_message(
                texts.t(exc.key, lang, **exc.params), ephemeral=True
            )
            return
        # Labels on a shared message are read by everyone: the community's language.
        label_lang = await channel_language(interaction)
        await interaction.response.edit_message(
            view=rsvp_view(self.session_id, result.counts, texts, label_lang)
        )
        counts = result.counts
        await interaction.followup.send(
            texts.t(
                "rounds.rsvp.saved",
                lang,
                answer=texts.t(f"rounds.rsvp.{self.answer}", lang),
                index=result.session.index,
                going=counts.going,
                maybe=counts.maybe,
                not_going=counts.not_going,
            ),
            ephemeral=True,
        )


# --- the cog -----------------------------------------------------------------------


class Rounds(commands.Cog):
    """Study rounds: seasons of papers, sessions, presenters and RSVPs."""

    round = app_commands.Group(
        name=localized("round", "cmd.round.name"),
        description=localized("Study rounds: list, show, join, calendar", "cmd.round.description"),
    )
    round_admin = app_commands.Group(
        name=localized("round-admin", "cmd.round-admin.name"),
        description=localized("Run study rounds (moderators)", "cmd.round-admin.description"),
        default_permissions=MODERATORS,
    )
    session = app_commands.Group(
        name=localized("session", "cmd.session.name"),
        description=localized("Sessions of a study round", "cmd.session.description"),
    )
    session_admin = app_commands.Group(
        name=localized("session-admin", "cmd.session-admin.name"),
        description=localized("Change sessions (moderators)", "cmd.session-admin.description"),
        default_permissions=MODERATORS,
    )

    def __init__(self, client: commands.Bot) -> None:
        self.client = client

    async def cog_load(self) -> None:
        self.client.add_dynamic_items(RsvpButton)
        services_of_bot(self.client).rounds.attach_events(DISCORD, DiscordEvents(self.client))

    async def cog_unload(self) -> None:
        self.client.remove_dynamic_items(RsvpButton)
        services_of_bot(self.client).rounds.attach_events(DISCORD, None)

    # --- members: /round ---------------------------------------------------------

    @round.command(
        name=localized("list", "cmd.round.list.name"),
        description=localized("List this server's study rounds", "cmd.round.list.description"),
    )
    async def round_list(self, interaction: discord.Interaction[Any]) -> None:
        lang, services = await texts_for(interaction)
        texts = services.texts
        rounds = await services.rounds.list_rounds(community_of(interaction))
        lines = [
            texts.t(
                "rounds.list.line",
                lang,
                name=r.name,
                id=r.id,
                status=texts.t(f"rounds.status.{r.status}", lang),
                start=r.settings.start_date.isoformat(),
                weeks=r.settings.weeks,
            )
            for r in rounds
        ] or [texts.t("rounds.list.empty", lang)]
        embed = discord.Embed(
            title=texts.t("rounds.list.title", lang), description=_cut(lines, DESCRIPTION_MAX)
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @round.command(
        name=localized("show", "cmd.round.show.name"),
        description=localized(
            "Show a round: papers, sessions, members", "cmd.round.show.description"
        ),
    )
    @app_commands.describe(
        round=localized("Which round (default: the active one)", "cmd.rounds.arg.round")
    )
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
        round=localized("Which round (default: the active one)", "cmd.rounds.arg.round"),
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
    @app_commands.describe(
        round=localized("Which round (default: the active one)", "cmd.rounds.arg.round")
    )
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
    @app_commands.describe(
        round=localized("Which round (default: the active one)", "cmd.rounds.arg.round")
    )
    @app_commands.autocomplete(round=round_autocomplete)
    async def round_calendar(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        lang, services = await texts_for(interaction)
        rnd, data = await services.rounds.calendar(community_of(interaction), round, lang)
        await interaction.response.send_message(
            services.texts.t("rounds.calendar.done", lang, round=rnd.name),
            file=_file(data, f"{_slug(rnd.name)}.ics"),
            ephemeral=True,
        )

    # --- members: /session ------------------------------------------------------

    @session.command(
        name=localized("list", "cmd.session.list.name"),
        description=localized("List a round's sessions", "cmd.session.list.description"),
    )
    @app_commands.describe(
        round=localized("Which round (default: the active one)", "cmd.rounds.arg.round")
    )
    @app_commands.autocomplete(round=round_autocomplete)
    async def session_list(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        lang, services = await texts_for(interaction)
        community = community_of(interaction)
        rnd, sessions = await services.rounds.list_sessions(community, round)
        zone = await services.rounds.zone_of(community)
        lines = [messages.session_line(s, zone, services.texts, lang) for s in sessions] or [
            services.texts.t("rounds.error.no_sessions_yet", lang, round=rnd.name)
        ]
        embed = discord.Embed(
            title=services.texts.t("rounds.sessions.title", lang, round=rnd.name),
            description=_cut(lines, DESCRIPTION_MAX),
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @session.command(
        name=localized("show", "cmd.session.show.name"),
        description=localized(
            "Show a session with its RSVP buttons", "cmd.session.show.description"
        ),
    )
    @app_commands.describe(session=localized("Which session", "cmd.rounds.arg.session"))
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

    # --- moderators: /round-admin ------------------------------------------------

    @round_admin.command(
        name=localized("create", "cmd.round-admin.create.name"),
        description=localized(
            "Create a study round (a draft until started)", "cmd.round-admin.create.description"
        ),
    )
    @app_commands.describe(
        name=localized("Round name (up to 100 characters)", "cmd.rounds.arg.round_name"),
        start=localized("First day, e.g. 2026-12-03", "cmd.rounds.arg.start"),
        weeks=localized("How many weeks", "cmd.rounds.arg.weeks"),
        channel=localized("Channel for reminders and announcements", "cmd.rounds.arg.channel"),
        cadence=localized("When sessions happen, e.g. every thu 20:00", "cmd.rounds.arg.cadence"),
        duration=localized("Session length in minutes (default 90)", "cmd.rounds.arg.duration"),
        voice=localized("Voice channel where sessions happen", "cmd.rounds.arg.voice"),
        link=localized("Or a meeting link (http/https)", "cmd.rounds.arg.link"),
        ping_role=localized("Role pinged by session reminders", "cmd.rounds.arg.ping_role"),
        reminder_days=localized(
            "Days before a session to remind about reading (default 3)",
            "cmd.rounds.arg.reminder_days",
        ),
        sota_every=localized(
            "Every n-th session is a SOTA review (default 4, 0 = never)",
            "cmd.rounds.arg.sota_every",
        ),
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
        await require_moderator(interaction)
        lang, services = await texts_for(interaction)
        made = await services.rounds.create(
            member_of(interaction),
            name=name,
            start=start,
            weeks=weeks,
            channel_id=str(channel.id),
            cadence=cadence,
            duration_minutes=duration,
            place=_place(voice, link),
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
        name=localized("edit", "cmd.round-admin.edit.name"),
        description=localized("Change a round's settings", "cmd.round-admin.edit.description"),
    )
    @app_commands.describe(
        round=localized("Which round (default: the active one)", "cmd.rounds.arg.round"),
        name=localized("New name", "cmd.rounds.arg.new_name"),
        start=localized("First day, e.g. 2026-12-03", "cmd.rounds.arg.start"),
        weeks=localized("How many weeks", "cmd.rounds.arg.weeks"),
        channel=localized("Channel for reminders and announcements", "cmd.rounds.arg.channel"),
        cadence=localized("When sessions happen, e.g. every thu 20:00", "cmd.rounds.arg.cadence"),
        duration=localized("Session length in minutes (default 90)", "cmd.rounds.arg.duration"),
        voice=localized("Voice channel where sessions happen", "cmd.rounds.arg.voice"),
        link=localized("Or a meeting link (http/https)", "cmd.rounds.arg.link"),
        ping_role=localized("Role pinged by session reminders", "cmd.rounds.arg.ping_role"),
        no_ping=localized("Stop pinging a role", "cmd.rounds.arg.no_ping"),
        reminder_days=localized(
            "Days before a session to remind about reading (default 3)",
            "cmd.rounds.arg.reminder_days",
        ),
        sota_every=localized(
            "Every n-th session is a SOTA review (default 4, 0 = never)",
            "cmd.rounds.arg.sota_every",
        ),
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
        await require_moderator(interaction)
        lang, services = await texts_for(interaction)
        place = _place(voice, link) if voice or link else None
        await interaction.response.defer(ephemeral=True, thinking=True)
        changed = await services.rounds.edit(
            member_of(interaction),
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
            _with_notice(
                services.texts.t("rounds.edit.done", lang, round=changed.round.name),
                changed.events_notice,
                services.texts,
                lang,
            ),
            embed=preview_embed(changed, zone, services.texts, lang),
            ephemeral=True,
        )

    @round_admin.command(
        name=localized("start", "cmd.round-admin.start.name"),
        description=localized(
            "Start a round: sessions, reminders, events", "cmd.round-admin.start.description"
        ),
    )
    @app_commands.describe(
        round=localized("Which round (default: the active one)", "cmd.rounds.arg.round")
    )
    @app_commands.autocomplete(round=round_autocomplete)
    @moderator_only()
    async def admin_start(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        await require_moderator(interaction)
        lang, services = await texts_for(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        started = await services.rounds.start(member_of(interaction), round)
        community = community_of(interaction)
        overview = await services.rounds.overview(community, str(started.round.id))
        zone = await services.rounds.zone_of(community)
        shared = await channel_language(interaction)
        announced = await self._announce(
            interaction,
            started.round,
            services.texts.t("rounds.start.announcement", shared, round=started.round.name),
            embed=round_embed(overview, zone, services.texts, shared),
        )
        key = "rounds.start.done" if announced else "rounds.start.done_not_announced"
        await interaction.followup.send(
            _with_notice(
                services.texts.t(
                    key,
                    lang,
                    round=started.round.name,
                    count=len(started.sessions),
                    channel=f"<#{started.round.settings.channel_id}>",
                ),
                started.events_notice,
                services.texts,
                lang,
            ),
            ephemeral=True,
        )

    @round_admin.command(
        name=localized("close", "cmd.round-admin.close.name"),
        description=localized(
            "Close a round and post its recap", "cmd.round-admin.close.description"
        ),
    )
    @app_commands.describe(
        round=localized("Which round (default: the active one)", "cmd.rounds.arg.round")
    )
    @app_commands.autocomplete(round=round_autocomplete)
    @moderator_only()
    async def admin_close(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        await require_moderator(interaction)
        lang, services = await texts_for(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        closed = await services.rounds.close(member_of(interaction), round)
        markdown = recap_markdown(closed.recap, services.texts, lang)
        shared = await channel_language(interaction)
        public = recap_markdown(closed.recap, services.texts, shared)
        slug = _slug(closed.round.name)
        recap_embed = discord.Embed(
            description=public[:DESCRIPTION_MAX], colour=discord.Colour.green()
        )
        announced = await self._announce(
            interaction,
            closed.round,
            services.texts.t("rounds.close.announcement", shared, round=closed.round.name),
            embed=recap_embed,
            files=[
                _file(public, f"{slug}-recap.md"),
                _file(recap_csv(closed.recap), f"{slug}-recap.csv"),
            ],
        )
        key = "rounds.close.done" if announced else "rounds.close.done_not_announced"
        await interaction.followup.send(
            _with_notice(
                services.texts.t(key, lang, round=closed.round.name),
                closed.events_notice,
                services.texts,
                lang,
            ),
            files=[
                _file(markdown, f"{slug}-recap.md"),
                _file(recap_csv(closed.recap), f"{slug}-recap.csv"),
            ],
            ephemeral=True,
        )

    @round_admin.command(
        name=localized("export", "cmd.round-admin.export.name"),
        description=localized(
            "Download the recap (Markdown, CSV) and calendar", "cmd.round-admin.export.description"
        ),
    )
    @app_commands.describe(
        round=localized("Which round (default: the active one)", "cmd.rounds.arg.round")
    )
    @app_commands.autocomplete(round=round_autocomplete)
    @moderator_only()
    async def admin_export(
        self, interaction: discord.Interaction[Any], round: str | None = None
    ) -> None:
        await require_moderator(interaction)
        lang, services = await texts_for(interaction)
        community = community_of(interaction)
        rnd = await services.rounds.resolve_round(community, round)
        recap = await services.rounds.recap(rnd, caller=member_of(interaction))
        slug = _slug(rnd.name)
        files = [
            _file(recap_markdown(recap, services.texts, lang), f"{slug}-recap.md"),
            _file(recap_csv(recap), f"{slug}-recap.csv"),
        ]
        if rnd.status != "draft":
            _, data = await services.rounds.calendar(community, str(rnd.id), lang)
            files.append(_file(data, f"{slug}.ics"))
        await interaction.response.send_message(
            services.texts.t("rounds.export.done", lang, round=rnd.name),
            files=files,
            ephemeral=True,
        )

    @round_admin.command(
        name=localized("paper-add", "cmd.round-admin.paper-add.name"),
        description=localized(
            "Add a paper to the reading list", "cmd.round-admin.paper-add.description"
        ),
    )
    @app_commands.describe(
        round=localized("Which round (default: the active one)", "cmd.rounds.arg.round"),
        title=localized("Paper title (up to 200 characters)", "cmd.rounds.arg.title"),
        url=localized("Link to the paper (http/https)", "cmd.rounds.arg.url"),
        week=localized(
            "Week of the round (default: the next week without a paper)", "cmd.rounds.arg.week"
        ),
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
        await require_moderator(interaction)
        lang, services = await texts_for(interaction)
        rnd, paper = await services.rounds.add_paper(
            member_of(interaction), round, title=title, url=url, week=week
        )
        await interaction.response.send_message(
            services.texts.t(
                "rounds.paper.added", lang, title=paper.title, week=paper.week, round=rnd.name
            ),
            ephemeral=True,
        )

    @round_admin.command(
        name=localized("paper-remove", "cmd.round-admin.paper-remove.name"),
        description=localized(
            "Remove a paper from the reading list", "cmd.round-admin.paper-remove.description"
        ),
    )
    @app_commands.describe(
        round=localized("Which round (default: the active one)", "cmd.rounds.arg.round"),
        paper=localized("Which paper", "cmd.rounds.arg.paper"),
    )
    @app_commands.autocomplete(round=round_autocomplete, paper=paper_autocomplete)
    @moderator_only()
    async def admin_paper_remove(
        self, interaction: discord.Interaction[Any], round: str, paper: str
    ) -> None:
        await require_moderator(interaction)
        lang, services = await texts_for(interaction)
        rnd, removed = await services.rounds.remove_paper(member_of(interaction), round, paper)
        await interaction.response.send_message(
            services.texts.t("rounds.paper.removed", lang, title=removed.title, round=rnd.name),
            ephemeral=True,
        )

    @round_admin.command(
        name=localized("presenters", "cmd.round-admin.presenters.name"),
        description=localized(
            "Rotate presenters fairly, or assign one by hand",
            "cmd.round-admin.presenters.description",
        ),
    )
    @app_commands.describe(
        round=localized("Which round (default: the active one)", "cmd.rounds.arg.round"),
        mode=localized(
            "rotate: plan upcoming turns; assign: one session by hand", "cmd.rounds.arg.mode"
        ),
        session=localized("Which session (for assign)", "cmd.rounds.arg.session_assign"),
        member=localized("Who presents (for assign)", "cmd.rounds.arg.member"),
    )
    @app_commands.choices(
        mode=[
            app_commands.Choice(
                name=localized("rotate", "cmd.rounds.choice.rotate"), value="rotate"
            ),
            app_commands.Choice(
                name=localized("assign", "cmd.rounds.choice.assign"), value="assign"
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
        await require_moderator(interaction)
        lang, services = await texts_for(interaction)
        texts = services.texts
        zone = await services.rounds.zone_of(community_of(interaction))
        if mode == "assign":
            if session is None or member is None:
                raise UserFacingError("rounds.presenters.assign_needs")
            await interaction.response.defer(ephemeral=True, thinking=True)
            changed = await services.rounds.assign_presenter(
                member_of(interaction),
                session,
                member_ref(interaction, member),
                display_name=display_name(member),
            )
            await interaction.followup.send(
                _with_notice(
                    texts.t(
                        "rounds.presenters.assigned",
                        lang,
                        member=f"<@{member.id}>",
                        index=changed.session.index,
                    ),
                    changed.events_notice,
                    texts,
                    lang,
                ),
                ephemeral=True,
            )
            return
        rotated = await services.rounds.rotate_presenters(member_of(interaction), round)
        lines = [messages.session_line(s, zone, texts, lang) for s in rotated.sessions]
        await interaction.response.send_message(
            texts.t("rounds.presenters.rotated", lang, round=rotated.round.name)
            + "\n"
            + _cut(lines, 1800),
            ephemeral=True,
        )

    # --- moderators: /session-admin ---------------------------------------------

    @session_admin.command(
        name=localized("edit", "cmd.session-admin.edit.name"),
        description=localized(
            "Reschedule or change one session", "cmd.session-admin.edit.description"
        ),
    )
    @app_commands.describe(
        session=localized("Which session", "cmd.rounds.arg.session"),
        when=localized("New time, e.g. 2026-12-03 20:00 or tomorrow 20:00", "cmd.rounds.arg.when"),
        duration=localized("Session length in minutes (default 90)", "cmd.rounds.arg.duration"),
        topic=localized("Topic (up to 300 characters)", "cmd.rounds.arg.topic"),
        voice=localized("Voice channel where sessions happen", "cmd.rounds.arg.voice"),
        link=localized("Or a meeting link (http/https)", "cmd.rounds.arg.link"),
        kind=localized("Paper reading or SOTA review", "cmd.rounds.arg.kind"),
    )
    @app_commands.choices(
        kind=[
            app_commands.Choice(
                name=localized("paper reading", "cmd.rounds.choice.paper"), value="paper"
            ),
            app_commands.Choice(
                name=localized("SOTA review", "cmd.rounds.choice.sota"), value="sota"
            ),
        ]
    )
    @app_commands.autocomplete(session=session_autocomplete)
    @moderator_only()
    async def session_edit(
        self,
        interaction: discord.Interaction[Any],
        session: str,
        when: app_commands.Range[str, 1, 100] | None = None,
        duration: app_commands.Range[int, 15, 720] | None = None,
        topic: app_commands.Range[str, 1, 300] | None = None,
        voice: discord.VoiceChannel | discord.StageChannel | None = None,
        link: app_commands.Range[str, 1, 500] | None = None,
        kind: str | None = None,
    ) -> None:
        await require_moderator(interaction)
        lang, services = await texts_for(interaction)
        place = _place(voice, link) if voice or link else None
        await interaction.response.defer(ephemeral=True, thinking=True)
        changed = await services.rounds.edit_session(
            member_of(interaction),
            session,
            when=when,
            duration_minutes=duration,
            topic=topic,
            place=place,
            kind=cast(SessionKind | None, kind),
        )
        zone = await services.rounds.zone_of(community_of(interaction))
        await self._refresh_announcement(interaction, changed.round, changed.session)
        await interaction.followup.send(
            _with_notice(
                services.texts.t(
                    "rounds.session.edited",
                    lang,
                    index=changed.session.index,
                    when=format_local(changed.session.starts_at, zone, lang),
                ),
                changed.events_notice,
                services.texts,
                lang,
            ),
            ephemeral=True,
        )

    @session_admin.command(
        name=localized("cancel", "cmd.session-admin.cancel.name"),
        description=localized("Cancel one session", "cmd.session-admin.cancel.description"),
    )
    @app_commands.describe(session=localized("Which session", "cmd.rounds.arg.session"))
    @app_commands.autocomplete(session=session_autocomplete)
    @moderator_only()
    async def session_cancel(self, interaction: discord.Interaction[Any], session: str) -> None:
        await require_moderator(interaction)
        lang, services = await texts_for(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        changed = await services.rounds.cancel_session(member_of(interaction), session)
        await self._refresh_announcement(interaction, changed.round, changed.session)
        await interaction.followup.send(
            _with_notice(
                services.texts.t("rounds.session.cancelled", lang, index=changed.session.index),
                changed.events_notice,
                services.texts,
                lang,
            ),
            ephemeral=True,
        )

    @session_admin.command(
        name=localized("assign", "cmd.session-admin.assign.name"),
        description=localized(
            "Choose a session's presenter by hand", "cmd.session-admin.assign.description"
        ),
    )
    @app_commands.describe(
        session=localized("Which session", "cmd.rounds.arg.session"),
        member=localized("Who presents", "cmd.rounds.arg.presenter"),
    )
    @app_commands.autocomplete(session=session_autocomplete)
    @moderator_only()
    async def session_assign(
        self, interaction: discord.Interaction[Any], session: str, member: discord.Member
    ) -> None:
        await require_moderator(interaction)
        lang, services = await texts_for(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        changed = await services.rounds.assign_presenter(
            member_of(interaction),
            session,
            member_ref(interaction, member),
            display_name=display_name(member),
        )
        await interaction.followup.send(
            _with_notice(
                services.texts.t(
                    "rounds.presenters.assigned",
                    lang,
                    member=f"<@{member.id}>",
                    index=changed.session.index,
                ),
                changed.events_notice,
                services.texts,
                lang,
            ),
            ephemeral=True,
        )

    @session_admin.command(
        name=localized("attendance", "cmd.session-admin.attendance.name"),
        description=localized(
            "Correct whether a member attended", "cmd.session-admin.attendance.description"
        ),
    )
    @app_commands.describe(
        session=localized("Which session", "cmd.rounds.arg.session"),
        member=localized("Whose attendance", "cmd.rounds.arg.attendee"),
        attended=localized("Did they attend?", "cmd.rounds.arg.attended"),
    )
    @app_commands.autocomplete(session=session_autocomplete)
    @moderator_only()
    async def session_attendance(
        self,
        interaction: discord.Interaction[Any],
        session: str,
        member: discord.Member,
        attended: bool,
    ) -> None:
        await require_moderator(interaction)
        lang, services = await texts_for(interaction)
        result = await services.rounds.correct_attendance(
            member_of(interaction),
            session,
            member_ref(interaction, member),
            attended=attended,
            display_name=display_name(member),
        )
        key = "rounds.attendance.attended" if attended else "rounds.attendance.absent"
        await interaction.response.send_message(
            services.texts.t(key, lang, member=f"<@{member.id}>", index=result.session.index),
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

    async def _refresh_announcement(
        self, interaction: discord.Interaction[Any], rnd: Round, session: Session
    ) -> None:
        """Update the last message members answered on: new details, or no buttons
        once cancelled. A message that is gone is left alone."""
        services = services_of(interaction)
        where = await services.rounds.announcement(session.id)
        if where is None:
            return
        channel_id, message_id = where
        partial = self.client.get_partial_messageable(
            int(channel_id), guild_id=interaction.guild_id
        ).get_partial_message(int(message_id))
        view = await services.rounds.show_session(community_of(interaction), str(session.id))
        shared = await channel_language(interaction)
        embed = session_embed(rnd, view.session, view.counts, view.zone, services.texts, shared)
        try:
            if session.status == "scheduled":
                await partial.edit(
                    embed=embed, view=rsvp_view(session.id, view.counts, services.texts, shared)
                )
            else:
                await partial.edit(embed=embed, view=None)
        except discord.HTTPException as exc:
            log.info("could not update the announcement of session %s: %s", session.id, exc)


async def channel_language(interaction: discord.Interaction[Any]) -> Lang:
    """The language of messages everyone reads (channel posts, shared buttons): the
    community's forced language, else the bot's default."""
    services = services_of(interaction)
    config = await services.community.config(community_of(interaction))
    return config.language or services.settings.language


def services_of_bot(client: commands.Bot) -> Services:
    return cast("StudyBot", client).services


def _place(voice: discord.abc.GuildChannel | None, link: str | None) -> str | None:
    if voice is not None and link:
        raise UserFacingError("rounds.error.place_both")
    if voice is not None:
        return str(voice.id)
    return link


def _with_notice(text: str, notice: bool, texts: Catalog, lang: Lang) -> str:
    """Append the one-time "native events are unavailable" notice."""
    return f"{text}\n\n{texts.t('rounds.events.unavailable', lang)}" if notice else text


async def setup(client: commands.Bot) -> None:
    await client.add_cog(Rounds(client))
