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
    from bot.console.handlers import config, knowledge, rounds, schedules, streaks

    return [
        *knowledge.COMMANDS,
        *streaks.COMMANDS,
        *rounds.COMMANDS,
        *schedules.COMMANDS,
        *config.COMMANDS,
    ]
