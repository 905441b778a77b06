"""Options the study-round commands share: autocompletes, and the descriptions of
options that several commands take (one English text and catalog key each)."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.discord_app.translator import localized
from cogs._common import community_of, language_of, services_of

Choices = list[app_commands.Choice[str]]

ROUND = localized("cmd.rounds.arg.round")
SESSION = localized("cmd.rounds.arg.session")
DURATION = localized("cmd.rounds.arg.duration")
VOICE = localized("cmd.rounds.arg.voice")
LINK = localized("cmd.rounds.arg.link")

# The round settings /round-admin create and /round-admin edit both take.
ROUND_SETTINGS = {
    "start": localized("cmd.rounds.arg.start"),
    "weeks": localized("cmd.rounds.arg.weeks"),
    "channel": localized("cmd.rounds.arg.channel"),
    "cadence": localized("cmd.rounds.arg.cadence"),
    "duration": DURATION,
    "voice": VOICE,
    "link": LINK,
    "ping_role": localized("cmd.rounds.arg.ping_role"),
    "reminder_days": localized("cmd.rounds.arg.reminder_days"),
    "sota_every": localized("cmd.rounds.arg.sota_every"),
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
