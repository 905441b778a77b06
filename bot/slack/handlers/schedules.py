"""/remind and /digest on Slack (moderators schedule; everyone may preview the digest).

A reminder is created in a modal: channel picker, `when`, message and an optional
user group to ping. The scheduler posts it later through ``SlackPoster``.
"""

from __future__ import annotations

from typing import Any

from bot.core.errors import UserFacingError
from bot.digest import DEFAULT_WHEN
from bot.schedules.parse import describe_rule, example_whens, format_local, parse_rule
from bot.schedules.personal import LINE_MESSAGE, MAX_PERSONAL
from bot.schedules.reminder_service import MAX_MESSAGE, ReminderItem, WhenPreview, resumed_text
from bot.slack.blocks import (
    Reply,
    actions,
    context,
    escape,
    header,
    outgoing_blocks,
    section,
    slack_bold,
)
from bot.slack.commands import SlashCommand
from bot.slack.context import SlackRequest
from bot.slack.handlers.base import (
    FieldMap,
    ViewHandler,
    channel_select,
    ensure_postable,
    form,
    open_modal,
    ping_target,
    subcommands,
    text_input,
)
from bot.slack.handlers.paging import PagedList, page_buttons
from bot.slack.handlers.parsing import channel_id, page_number, parse_int, split_first

REMIND_ADD_VIEW = "studybot:remind:add"
REMIND_ME_VIEW = "studybot:remind:me"


# -- /remind -----------------------------------------------------------------------------------
async def remind_list(request: SlackRequest, text: str) -> Reply:
    """``/study-remind list [page]``, with paging buttons; a page never cuts a reminder."""
    return await remind_list_page(request, "", page_number(text))


async def remind_list_page(request: SlackRequest, argument: str, page: int) -> Reply:
    """One page of reminders, each in its own section so none is ever cut (a section
    holds 3,000 characters), with the page count and paging buttons."""
    # A page button could be crafted: the service checks the actor again.
    listing = await request.services.reminders.list_page(await request.actor(), page)
    title = request.t("reminder.list_title")
    blocks = [header(title)]
    blocks += [section(slack_bold(_reminder_line(request, item))) for item in listing.items]
    if not listing.items:
        blocks.append(section(request.t("reminder.list_empty")))
    buttons = page_buttons("reminders", "", listing.page, listing.pages)
    if buttons:
        blocks.append(actions(buttons))
        blocks.append(context(request.t("reminder.list_page_slack", page=listing.page,
                                        pages=listing.pages, total=listing.total)))
    return Reply(text=title, blocks=tuple(blocks))


async def remind_add(request: SlackRequest, text: str) -> None:
    """``/remind add``: opens the form (channel, when, message, ping)."""
    examples = ", ".join(example_whens(request.lang)[:6])
    blocks = [
        channel_select("channel", request.t("slack.remind.channel")),
        text_input(
            "when",
            request.t("slack.remind.when"),
            max_length=100,
            hint=request.t("slack.remind.when_hint", examples=examples),
        ),
        text_input(
            "message", request.t("slack.remind.message"), multiline=True, max_length=MAX_MESSAGE
        ),
        text_input(
            "ping",
            request.t("slack.remind.ping"),
            optional=True,
            max_length=80,
            hint=request.t("slack.remind.ping_hint"),
        ),
    ]
    await open_modal(request, form(request, REMIND_ADD_VIEW, "slack.remind.title", blocks))


async def submit_remind_add(
    request: SlackRequest, values: dict[str, Any], metadata: dict[str, Any]
) -> Reply:
    actor = await request.actor()
    actor.require_moderator()  # before the channel and user group are looked up
    channel = str(values.get("channel") or metadata.get("channel") or "")
    if not channel:
        raise UserFacingError("slack.error.cannot_post", channel="?")
    await ensure_postable(request, channel)
    ping = await ping_target(request, str(values.get("ping") or ""))
    added = await request.services.reminders.add(
        actor,
        request.channel_ref(channel),
        str(values.get("when") or ""),
        str(values.get("message") or ""),
        ping,
    )
    return Reply(text=_when_text(request, "reminder.added", added.preview, id=added.schedule.id))


async def remind_remove(request: SlackRequest, text: str) -> Reply:
    removed = await request.services.reminders.remove(await request.actor(), _reminder_id(text))
    return Reply(text=request.t("reminder.removed", id=removed.id))


async def remind_pause(request: SlackRequest, text: str) -> Reply:
    paused = await request.services.reminders.pause(await request.actor(), _reminder_id(text))
    return Reply(text=request.t("reminder.paused", id=paused.id))


async def remind_resume(request: SlackRequest, text: str) -> Reply:
    reminders = request.services.reminders
    resumed, upcoming = await reminders.resume(await request.actor(), _reminder_id(text))
    zone = (await request.services.community.config(request.community)).zone
    text = resumed_text(resumed.id, upcoming, zone, request.services.texts, request.lang)
    return Reply(text=slack_bold(text))


async def remind_preview(request: SlackRequest, text: str) -> Reply:
    preview = await request.services.reminders.preview_when(request.community, text)
    return Reply(text=_when_text(request, "reminder.preview", preview))


# -- /study-remind me, mine, cancel: a member's own reminders ------------------------------------
async def remind_me(request: SlackRequest, text: str) -> None:
    """``/study-remind me``: opens the form (when, message) for a personal reminder."""
    examples = ", ".join(example_whens(request.lang)[:6])
    blocks = [
        text_input("when", request.t("slack.remind.when"), max_length=100,
                   hint=request.t("slack.remind.when_hint", examples=examples)),
        text_input("message", request.t("slack.remind.message"), multiline=True,
                   max_length=MAX_MESSAGE),
    ]
    await open_modal(request, form(request, REMIND_ME_VIEW, "slack.remind.me_title", blocks))


async def submit_remind_me(
    request: SlackRequest, values: dict[str, Any], metadata: dict[str, Any]
) -> Reply:
    channel = str(metadata.get("channel") or "")
    if not channel:
        raise UserFacingError("slack.error.cannot_post", channel="?")
    added = await request.services.personal.add(
        await request.actor(), request.channel_ref(channel), str(values.get("when") or ""),
        str(values.get("message") or ""))
    return Reply(text=_when_text(request, "personal.added", added.preview, id=added.schedule.id))


async def remind_mine(request: SlackRequest, text: str) -> Reply:
    """``/study-remind mine``: the member's own reminders, one section each."""
    items = await request.services.personal.list_mine(await request.actor())
    title = request.t("personal.list_title")
    blocks = [header(title)]
    for item in items:
        message = " ".join((item.schedule.message or "").split())
        blocks.append(section(slack_bold(request.t(
            "personal.list_line", id=item.schedule.id,
            description=describe_rule(parse_rule(item.schedule.rule), request.lang),
            next=(format_local(item.next_occurrence, item.zone, request.lang)
                  if item.next_occurrence else request.t("schedules.next_none")),
            message=escape(message[:LINE_MESSAGE] + ("…" if len(message) > LINE_MESSAGE
                                                     else ""))))))
    if items:
        blocks.append(context(request.t("personal.list_footer", count=len(items),
                                        max=MAX_PERSONAL)))
    else:
        blocks.append(section(request.t("personal.list_empty")))
    return Reply(text=title, blocks=tuple(blocks))


async def remind_cancel(request: SlackRequest, text: str) -> Reply:
    cancelled = await request.services.personal.cancel(await request.actor(), _reminder_id(text))
    return Reply(text=request.t("personal.cancelled", id=cancelled.id))


async def remind_edit(request: SlackRequest, text: str) -> Reply:
    """``/study-remind edit <n> [#channel] [when] [| text]``: the member's own personal
    reminder, or, for a moderator, the workspace's reminder ``n`` (same number)."""
    head, rest = split_first(text)
    reminder = _reminder_id(head)
    first, after = split_first(rest)
    target = channel_id(first)
    if target is not None:
        rest = after
        await ensure_postable(request, target)
    when, _, message = rest.partition("|")
    key, edited = await request.services.personal.edit_any(
        await request.actor(), reminder, when_text=when.strip() or None,
        message=message.strip() or None,
        channel=request.channel_ref(target) if target is not None else None)
    return Reply(text=slack_bold(edited.confirmation(key, request.lang, request.texts)))


def _reminder_line(request: SlackRequest, item: ReminderItem) -> str:
    """``ReminderItem.line`` with the member-written message escaped for Slack."""
    schedule = item.schedule
    message = " ".join((schedule.message or "").split())
    return request.t(
        "reminder.list_line",
        id=schedule.id,
        status=request.t(f"schedules.status.{schedule.status}"),
        description=describe_rule(parse_rule(schedule.rule), request.lang),
        next=(
            format_local(item.next_occurrence, item.zone, request.lang)
            if item.next_occurrence
            else request.t("schedules.next_none")
        ),
        channel=schedule.channel_id,
        message=escape(message[:80] + ("…" if len(message) > 80 else "")),
    )


def _reminder_id(text: str) -> int:
    return parse_int(text.strip().lstrip("#"), low=1, high=2**62)


def _when_text(request: SlackRequest, key: str, preview: WhenPreview, **params: Any) -> str:
    return slack_bold(preview.confirmation(key, request.lang, request.texts, **params))


# -- /digest -----------------------------------------------------------------------------------
async def digest_show(request: SlackRequest, text: str) -> Reply:
    message = await request.services.digests.preview(request.community, request.lang)
    fallback, blocks = outgoing_blocks(message)
    return Reply(text=fallback, blocks=tuple(blocks))


async def digest_configure(request: SlackRequest, text: str) -> Reply:
    """``/digest configure [#channel] [when]`` (default: here, every Monday 09:00)."""
    head, rest = split_first(text)
    channel = channel_id(head)
    when = rest if channel else text.strip()
    channel = channel or (request.channel.external_id if request.channel else None)
    if channel is None:
        raise UserFacingError("slack.error.cannot_post", channel="?")
    await ensure_postable(request, channel)
    configured = await request.services.digests.configure(
        await request.actor(), request.channel_ref(channel), when or DEFAULT_WHEN)
    return Reply(text=_when_text(request, "digest.configured", configured.preview, channel=channel))


async def digest_disable(request: SlackRequest, text: str) -> Reply:
    await request.services.digests.disable(await request.actor())
    return Reply(text=request.t("digest.disabled"))


COMMANDS = (
    SlashCommand(
        name="remind",
        declared_as="study-remind",
        default="list",
        subcommands=subcommands(
            "reminders",
            members={"me": remind_me, "mine": remind_mine, "cancel": remind_cancel,
                     "edit": remind_edit},
            moderators={
                "list": remind_list,
                "add": remind_add,
                "remove": remind_remove,
                "pause": remind_pause,
                "resume": remind_resume,
                "preview": remind_preview,
            },
        ),
    ),
    SlashCommand(
        name="digest",
        default="show",
        subcommands=subcommands(
            "digests",
            members={"show": digest_show, "preview": digest_show},
            moderators={"configure": digest_configure, "disable": digest_disable},
        ),
    ),
)

PAGED_LISTS: dict[str, PagedList] = {"reminders": remind_list_page}
VIEWS: dict[str, ViewHandler] = {REMIND_ADD_VIEW: submit_remind_add,
                                  REMIND_ME_VIEW: submit_remind_me}
VIEW_FIELDS: dict[str, FieldMap] = {
    REMIND_ADD_VIEW: {
        "slack.error.cannot_": "channel",
        "schedules.when": "when",
        "reminder.message": "message",
        "slack.error.unknown_usergroup": "ping",
    },
    REMIND_ME_VIEW: {
        "schedules.when": "when",
        "reminder.message": "message",
        "personal.": "when",
    },
}
