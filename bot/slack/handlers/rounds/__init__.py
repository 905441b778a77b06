"""Study rounds on Slack, the same split as ``cogs.rounds``: the tables the app
gathers (commands, buttons, modals) come from the modules of this package."""

from __future__ import annotations

from bot.slack.handlers.rounds.members import (
    ACTIONS,
    COMMANDS,
    PAGED_LISTS,
    VIEW_FIELDS,
    VIEWS,
)

__all__ = ["ACTIONS", "COMMANDS", "PAGED_LISTS", "VIEWS", "VIEW_FIELDS"]
