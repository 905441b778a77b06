"""/config in the console: the community's settings (moderators)."""

from __future__ import annotations

from bot.community import SETTING_KEYS
from bot.console.commands import Command
from bot.console.context import ConsoleContext
from bot.console.parsing import Param
from bot.console.replies import Reply


async def show(context: ConsoleContext, options: dict[str, str]) -> Reply:
    current = await context.services.community.settings_for(await context.actor())
    lines = [f"{key} = {getattr(current, key)}" for key in SETTING_KEYS]
    return Reply(title=context.t("config.show.title"), text="\n".join(lines))


async def set_value(context: ConsoleContext, options: dict[str, str]) -> Reply:
    key = options["setting"]
    value = options["value"].strip().lstrip("#@")
    updated = await context.services.community.change(await context.actor(), key, value)
    return Reply(text=context.t("config.saved", key=key, value=getattr(updated, key)))


async def reset(context: ConsoleContext, options: dict[str, str]) -> Reply:
    key = options["setting"]
    updated = await context.services.community.reset(await context.actor(), key)
    return Reply(text=context.t("config.reset", key=key, value=getattr(updated, key)))


COMMANDS = (
    Command("config show", show, moderator=True),
    Command("config set", set_value,
            (Param("setting", required=True), Param("value", required=True, rest=True)),
            moderator=True),
    Command("config reset", reset, (Param("setting", required=True),), moderator=True),
)
