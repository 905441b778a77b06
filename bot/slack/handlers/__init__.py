"""Every Slack command, button and modal, gathered from the area modules."""

from __future__ import annotations

from types import ModuleType

from bot.slack.commands import SlashCommand
from bot.slack.handlers.base import ActionHandler, ViewHandler


def _areas() -> list[ModuleType]:
    from bot.slack.handlers import config, knowledge, privacy, rounds, schedules, streaks

    return [knowledge, streaks, rounds, schedules, config, privacy]


def all_commands() -> list[SlashCommand]:
    return [command for area in _areas() for command in getattr(area, "COMMANDS", ())]


def all_actions() -> dict[str, ActionHandler]:
    """Button handlers by the action id's first ``:``-separated part."""
    found: dict[str, ActionHandler] = {}
    for area in _areas():
        found.update(getattr(area, "ACTIONS", {}))
    return found


def all_views() -> dict[str, ViewHandler]:
    """Modal submission handlers by callback id."""
    found: dict[str, ViewHandler] = {}
    for area in _areas():
        found.update(getattr(area, "VIEWS", {}))
    return found
