"""/remind and /digest in the console: moderators schedule (the services check the
actor; the command table refuses members early), everyone may preview the digest.
Posts fire on the simulated clock (``/clock``)."""

from __future__ import annotations

import re

from bot.console.commands import Command
from bot.console.context import ConsoleContext
from bot.console.parsing import Param, channel, number
from bot.console.replies import Reply, from_message
from bot.core.errors import UserFacingError
from bot.digest import DEFAULT_WHEN
from bot.schedules.reminder_service import resumed_text

EVERYONE = ("everyone", "@everyone", "here", "@here")
_ROLE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _reminder(options: dict[str, str]) -> int:
    return number(options["reminder"], low=1, high=2**62)


def _channel(context: ConsoleContext, options: dict[str, str]) -> str:
    typed = options.get("channel")
    return channel(typed) if typed else context.channel_id


async def remind_add(context: ConsoleContext, options: dict[str, str]) -> Reply:
    """``/remind add <when> <message…> [channel:#name] [ping:role]``."""
    ping = (options.get("ping") or "").lstrip("@") or None
    if ping is not None and ping.lower() in EVERYONE:
        raise UserFacingError("reminder.no_everyone")
    if ping is not None and not _ROLE.fullmatch(ping):
        raise UserFacingError("console.error.role", value=ping[:40])
    added = await context.services.reminders.add(
        await context.actor(), context.channel_ref(_channel(context, options)),
        options["when"], options["message"], ping,
    )
    return Reply(text=added.preview.confirmation(
        "reminder.added", context.lang, context.services.texts, id=added.schedule.id))


async def remind_list(context: ConsoleContext, options: dict[str, str]) -> Reply:
    items = await context.services.reminders.list_reminders(await context.actor())
    lines = [item.line(context.lang, context.services.texts) for item in items]
    return Reply(title=context.t("reminder.list_title"),
                 text="\n".join(lines) or context.t("reminder.list_empty"))


async def remind_pause(context: ConsoleContext, options: dict[str, str]) -> Reply:
    paused = await context.services.reminders.pause(await context.actor(), _reminder(options))
    return Reply(text=context.t("reminder.paused", id=paused.id))


async def remind_resume(context: ConsoleContext, options: dict[str, str]) -> Reply:
    resumed, upcoming = await context.services.reminders.resume(
        await context.actor(), _reminder(options))
    zone = (await context.services.community.config(context.community)).zone
    return Reply(text=resumed_text(resumed.id, upcoming, zone, context.services.texts,
                                   context.lang))


async def remind_remove(context: ConsoleContext, options: dict[str, str]) -> Reply:
    removed = await context.services.reminders.remove(await context.actor(), _reminder(options))
    return Reply(text=context.t("reminder.removed", id=removed.id))


async def remind_me(context: ConsoleContext, options: dict[str, str]) -> Reply:
    """``/remind me <when> <message…>``: a personal reminder, sent as a direct message."""
    added = await context.services.personal.add(
        await context.actor(), context.channel_ref(context.channel_id), options["when"],
        options["message"])
    return Reply(text=added.preview.confirmation(
        "personal.added", context.lang, context.services.texts, id=added.schedule.id))


async def remind_mine(context: ConsoleContext, options: dict[str, str]) -> Reply:
    items = await context.services.personal.list_mine(await context.actor())
    lines = [item.line(context.lang, context.services.texts) for item in items]
    return Reply(title=context.t("personal.list_title"),
                 text="\n".join(lines) or context.t("personal.list_empty"))


async def remind_edit(context: ConsoleContext, options: dict[str, str]) -> Reply:
    """``/remind edit <n> [when:…] [message:…] [channel:#name]``: the member's own
    personal reminder, or, for a moderator, the server's reminder ``n``."""
    typed = options.get("channel")
    key, edited = await context.services.personal.edit_any(
        await context.actor(), _reminder(options), when_text=options.get("when"),
        message=options.get("message"),
        channel=context.channel_ref(channel(typed)) if typed else None)
    return Reply(text=edited.confirmation(key, context.lang, context.services.texts))


async def remind_cancel(context: ConsoleContext, options: dict[str, str]) -> Reply:
    cancelled = await context.services.personal.cancel(await context.actor(), _reminder(options))
    return Reply(text=context.t("personal.cancelled", id=cancelled.id))


async def digest_preview(context: ConsoleContext, options: dict[str, str]) -> Reply:
    message = await context.services.digests.preview(context.community, context.lang)
    return from_message(message)


async def digest_configure(context: ConsoleContext, options: dict[str, str]) -> Reply:
    target = _channel(context, options)
    configured = await context.services.digests.configure(
        await context.actor(), context.channel_ref(target), options.get("when") or DEFAULT_WHEN)
    return Reply(text=configured.preview.confirmation(
        "digest.configured", context.lang, context.services.texts, channel=target))


async def digest_disable(context: ConsoleContext, options: dict[str, str]) -> Reply:
    await context.services.digests.disable(await context.actor())
    return Reply(text=context.t("digest.disabled"))


REMINDER = (Param("reminder", required=True),)

COMMANDS = (
    Command("remind add", remind_add, (
        Param("when", required=True), Param("message", required=True, rest=True),
        Param("channel"), Param("ping"),
    ), moderator=True),
    Command("remind list", remind_list, moderator=True),
    Command("remind pause", remind_pause, REMINDER, moderator=True),
    Command("remind resume", remind_resume, REMINDER, moderator=True),
    Command("remind remove", remind_remove, REMINDER, moderator=True),
    Command("remind me", remind_me, (
        Param("when", required=True), Param("message", required=True, rest=True),
    )),
    Command("remind mine", remind_mine),
    Command("remind cancel", remind_cancel, REMINDER),
    Command("remind edit", remind_edit, (
        Param("reminder", required=True), Param("when"), Param("message"), Param("channel"),
    )),
    Command("digest preview", digest_preview),
    Command("digest configure", digest_configure,
            (Param("channel"), Param("when", rest=True)), moderator=True),
    Command("digest disable", digest_disable, moderator=True),
)
