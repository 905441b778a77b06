"""Study rounds on Discord for moderators, one session at a time: /session-admin
(edit, cancel, assign, attendance). A session's shared announcement follows its
changes.

The group is hidden from members with ``default_permissions``; every command is
checked again on the server (``moderator_only``) and once more when it runs.
"""

from __future__ import annotations

import logging
from typing import Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.round_model import Round, Session, SessionKind
from bot.discord_app.translator import localized
from bot.rounds.messages import edited_key
from bot.schedules.parse import format_local
from cogs._common import (
    actor_of,
    community_of,
    display_name,
    language_and_services,
    member_ref,
    moderator_only,
    services_of,
)
from cogs.rounds.moderation import MODERATORS, assign_presenter, place_of
from cogs.rounds.options import DURATION, LINK, SESSION, VOICE, session_autocomplete
from cogs.rounds.render import change_reply, rsvp_view, session_embed

log = logging.getLogger(__name__)


class SessionAdmin(commands.Cog):
    """Moderators' changes to single sessions of a study round."""

    session_admin = app_commands.Group(
        name=localized("cmd.session-admin.name"),
        description=localized("cmd.session-admin.description"),
        default_permissions=MODERATORS,
    )

    def __init__(self, client: commands.Bot) -> None:
        self.client = client

    @session_admin.command(
        name=localized("cmd.session-admin.edit.name"),
        description=localized("cmd.session-admin.edit.description"),
    )
    @app_commands.describe(
        session=SESSION,
        when=localized("cmd.rounds.arg.when"),
        duration=DURATION,
        topic=localized("cmd.rounds.arg.topic"),
        voice=VOICE,
        link=LINK,
        kind=localized("cmd.rounds.arg.kind"),
    )
    @app_commands.choices(
        kind=[
            app_commands.Choice(
                name=localized("cmd.rounds.choice.paper"), value="paper"
            ),
            app_commands.Choice(
                name=localized("cmd.rounds.choice.sota"), value="sota"
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
        lang, services = await language_and_services(interaction)
        place = place_of(voice, link) if voice or link else None
        await interaction.response.defer(ephemeral=True, thinking=True)
        changed = await services.rounds.edit_session(
            await actor_of(interaction),
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
            change_reply(
                changed,
                edited_key(changed.event),
                services.texts,
                lang,
                index=changed.session.index,
                when=format_local(changed.session.starts_at, zone, lang),
            ),
            ephemeral=True,
        )

    @session_admin.command(
        name=localized("cmd.session-admin.cancel.name"),
        description=localized("cmd.session-admin.cancel.description"),
    )
    @app_commands.describe(session=SESSION)
    @app_commands.autocomplete(session=session_autocomplete)
    @moderator_only()
    async def session_cancel(self, interaction: discord.Interaction[Any], session: str) -> None:
        lang, services = await language_and_services(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        changed = await services.rounds.cancel_session(await actor_of(interaction), session)
        await self._refresh_announcement(interaction, changed.round, changed.session)
        await interaction.followup.send(
            change_reply(
                changed,
                "rounds.session.cancelled",
                services.texts,
                lang,
                index=changed.session.index,
            ),
            ephemeral=True,
        )

    @session_admin.command(
        name=localized("cmd.session-admin.assign.name"),
        description=localized("cmd.session-admin.assign.description"),
    )
    @app_commands.describe(
        session=SESSION, member=localized("cmd.rounds.arg.presenter")
    )
    @app_commands.autocomplete(session=session_autocomplete)
    @moderator_only()
    async def session_assign(
        self, interaction: discord.Interaction[Any], session: str, member: discord.Member
    ) -> None:
        lang, services = await language_and_services(interaction)
        await assign_presenter(interaction, lang, services, session, member)

    @session_admin.command(
        name=localized("cmd.session-admin.attendance.name"),
        description=localized("cmd.session-admin.attendance.description"),
    )
    @app_commands.describe(
        session=SESSION,
        member=localized("cmd.rounds.arg.attendee"),
        attended=localized("cmd.rounds.arg.attended"),
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
        lang, services = await language_and_services(interaction)
        result = await services.rounds.correct_attendance(
            await actor_of(interaction),
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
        shared = await services.community.shared_language(community_of(interaction))
        embed = session_embed(rnd, view.session, view.counts, view.zone, services.texts, shared)
        buttons = (
            rsvp_view(session.id, view.counts, services.texts, shared)
            if session.status == "scheduled"
            else None
        )
        try:
            await partial.edit(embed=embed, view=buttons)
        except discord.HTTPException as exc:
            log.info("could not update the announcement of session %s: %s", session.id, exc)

