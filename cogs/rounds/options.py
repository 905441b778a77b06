"""Options the study-round commands share: autocompletes, and the descriptions of
options that several commands take (one English text and catalog key each)."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.discord_app.translator import localized
from cogs._common import community_of, language_of, services_of

Choices = list[app_commands.Choice[str]]

ROUND = localized("Which round (default: the active one)", "cmd.rounds.arg.round")
SESSION = localized("Which session", "cmd.rounds.arg.session")
DURATION = localized("Session length in minutes (default 90)", "cmd.rounds.arg.duration")
VOICE = localized("Voice channel where sessions happen", "cmd.rounds.arg.voice")
LINK = localized("Or a meeting link (http/https)", "cmd.rounds.arg.link")

# The round settings /round-admin create and /round-admin edit both take.
ROUND_SETTINGS = {
    "start": localized("First day, e.g. 2026-12-03", "cmd.rounds.arg.start"),
    "weeks": localized("How many weeks", "cmd.rounds.arg.weeks"),
    "channel": localized("Channel for reminders and announcements", "cmd.rounds.arg.channel"),
    "cadence": localized("When sessions happen, e.g. every thu 20:00", "cmd.rounds.arg.cadence"),
    "duration": DURATION,
    "voice": VOICE,
    "link": LINK,
    "ping_role": localized("Role pinged by session reminders", "cmd.rounds.arg.ping_role"),
    "reminder_days": localized(
        "Days before a session to remind about reading (default 3)",
        "cmd.rounds.arg.reminder_days",
    ),
    "sota_every": localized(
        "Every n-th session is a SOTA review (default 4, 0 = never)",
        "cmd.rounds.arg.sota_every",
    ),
}


def _typed_round(interaction: discord.Interaction[Any]) -> str | None:
    """What the member typed in the command's ``round`` option so far, if anything."""
    return getattr(interaction.namespace, "round", None) or None


def _as_choices(pairs: list[tuple[str, str]]) -> Choices:
    return [app_commands.Choice(name=label, value=value) for label, value in pairs]


async def round_autocomplete(interaction: discord.Interaction[Any], current: str) -> Choices:
    """This server's rounds matching what was typed."""
    rounds = services_of(interaction).rounds
    return _as_choices(await rounds.round_choices(community_of(interaction), current))


async def session_autocomplete(interaction: discord.Interaction[Any], current: str) -> Choices:
    """Sessions of the round in the ``round`` option (else of the active rounds)."""
    lang = await language_of(interaction)
    choices = await services_of(interaction).rounds.session_choices(
        community_of(interaction), current, lang, round_text=_typed_round(interaction)
    )
    return _as_choices(choices)


async def paper_autocomplete(interaction: discord.Interaction[Any], current: str) -> Choices:
    """Papers of the round in the ``round`` option."""
    choices = await services_of(interaction).rounds.paper_choices(
        community_of(interaction), _typed_round(interaction), current
    )
    return _as_choices(choices)
