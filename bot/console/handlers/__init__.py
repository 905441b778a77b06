"""The console's commands, one module per area; ``all_commands`` gathers them."""

from __future__ import annotations

from bot.console.commands import Command

# /streak shows, /round shows, ... when typed without a subcommand.
DEFAULTS = {
    "faq": "list",
    "streak": "show",
    "round": "show",
    "session": "list",
    "remind": "list",
    "digest": "preview",
    "config": "show",
}


def all_commands() -> list[Command]:
    """Every console command, in the order ``/help`` lists them."""
    from bot.console.handlers import config, knowledge, schedules, streaks
    from bot.console.handlers.rounds import session_admin as round_admin
    from bot.console.handlers.rounds import render as rounds

    return [
        *knowledge.COMMANDS,
        *streaks.COMMANDS,
        *rounds.COMMANDS,
        *round_admin.COMMANDS,
        *schedules.COMMANDS,
        *config.COMMANDS,
    ]
