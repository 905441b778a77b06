"""Every Slack command, button and modal, gathered from the area modules."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from bot.slack.commands import SlashCommand
from bot.slack.handlers.base import ActionHandler, FieldMap, ViewHandler
from bot.slack.handlers.paging import PAGE_ACTION, PagedList, page_clicked_for


def _areas() -> list[ModuleType]:
    from bot.slack.handlers import (
        config,
        knowledge,
        privacy,
        rounds,
        schedules,
        shortcuts,
        streaks,
    )

    return [knowledge, streaks, rounds, schedules, config, shortcuts, privacy]


def all_commands() -> list[SlashCommand]:
    from bot.slack.handlers.core import help_command

    return [help_command(all_commands)] + [
        command for area in _areas() for command in getattr(area, "COMMANDS", ())
    ]


def _gathered(table: str) -> dict[str, Any]:
    """The areas' module-level dicts named ``table``, merged."""
    found: dict[str, Any] = {}
    for area in _areas():
        found.update(getattr(area, table, {}))
    return found


def all_actions() -> dict[str, ActionHandler]:
    """Button handlers by the action id's first ``:``-separated part; the paging
    buttons of every area's long lists among them."""
    found: dict[str, ActionHandler] = _gathered("ACTIONS")
    lists: dict[str, PagedList] = _gathered("PAGED_LISTS")
    found[PAGE_ACTION] = page_clicked_for(lists)
    return found


def all_views() -> dict[str, ViewHandler]:
    """Modal submission handlers by callback id."""
    return _gathered("VIEWS")


def all_view_fields() -> dict[str, FieldMap]:
    """Which modal input each error belongs to, by the modal's callback id."""
    return _gathered("VIEW_FIELDS")


def all_shortcuts() -> dict[str, Any]:
    """Message shortcut handlers by callback id (``ShortcutHandler``)."""
    return _gathered("SHORTCUTS")
