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
        guide,
        knowledge,
        rounds,
        schedules,
        shortcuts,
        streaks,
    )

    return [guide, knowledge, streaks, rounds, schedules, config, shortcuts]


def all_commands() -> list[SlashCommand]:
    return [command for area in _areas() for command in getattr(area, "COMMANDS", ())]


def all_actions() -> dict[str, ActionHandler]:
    """Button handlers by the action id's first ``:``-separated part."""
    found: dict[str, ActionHandler] = {}
    lists: dict[str, PagedList] = {}
    for area in _areas():
        found.update(getattr(area, "ACTIONS", {}))
        lists.update(getattr(area, "PAGED_LISTS", {}))
    found[PAGE_ACTION] = page_clicked_for(lists)
    return found


def all_views() -> dict[str, ViewHandler]:
    """Modal submission handlers by callback id."""
    found: dict[str, ViewHandler] = {}
    for area in _areas():
        found.update(getattr(area, "VIEWS", {}))
    return found


def all_view_fields() -> dict[str, FieldMap]:
    """Which modal input each error belongs to, by the modal's callback id."""
    found: dict[str, FieldMap] = {}
    for area in _areas():
        found.update(getattr(area, "VIEW_FIELDS", {}))
    return found


def all_shortcuts() -> dict[str, Any]:
    """Message shortcut handlers by callback id (``ShortcutHandler``)."""
    found: dict[str, Any] = {}
    for area in _areas():
        found.update(getattr(area, "SHORTCUTS", {}))
    return found
