"""Study rounds in the console, split as ``cogs.rounds`` and
``bot.slack.handlers.rounds`` are: members' /round in ``members``, /session in
``sessions``, moderators' /round-admin in ``admin`` and /session-admin in
``session_admin``, what they share in ``render``."""

from __future__ import annotations

from bot.console.commands import Command
from bot.console.handlers.rounds import admin, members, session_admin, sessions

COMMANDS: tuple[Command, ...] = (
    *members.COMMANDS,
    *sessions.COMMANDS,
    *admin.COMMANDS,
    *session_admin.COMMANDS,
)
