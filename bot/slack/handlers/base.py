"""What area handlers share: handler types, subcommand tables, modal building and
reading, user-group pings."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from slack_sdk.errors import SlackApiError, SlackClientError

from bot.core.errors import UserFacingError
from bot.slack.blocks import Block, FileUpload, Reply
from bot.slack.commands import Handler, SlashCommand, Subcommand
from bot.slack.context import SlackRequest
from bot.slack.handlers.parsing import unwrap_id

# (request, action_id, value, raw payload) -> replies through the click's response_url,
# in order (e.g. the message with updated buttons, then a private confirmation)
ActionHandler = Callable[
    [SlackRequest, str, str, dict[str, Any]], Awaitable[Reply | Sequence[Reply] | None]
]
# (request, values by action_id, private metadata) -> confirmation; raise
# UserFacingError to keep the modal open with the message on it
ViewHandler = Callable[[SlackRequest, dict[str, Any], dict[str, Any]], Awaitable[Reply | None]]

# Errors of a modal by the input they belong to: key prefix -> input (block) id.
FieldMap = Mapping[str, str]

log = logging.getLogger(__name__)

MODAL_TITLE_LIMIT = 24
SPECIAL_PINGS = ("here", "channel")
_GROUP_ID = re.compile(r"^S[A-Z0-9]{2,}$")


class FieldError(UserFacingError):
    """A ``UserFacingError`` that belongs to one input of a modal."""

    def __init__(self, field: str, error: UserFacingError) -> None:
        super().__init__(error.key, **error.params)
        self.field = field


@contextmanager
def on_field(field: str) -> Iterator[None]:
    """Errors raised inside are shown under the modal input ``field``."""
    try:
        yield
    except FieldError:
        raise
    except UserFacingError as exc:
        raise FieldError(field, exc) from exc


def field_of(error: UserFacingError, fields: FieldMap) -> str | None:
    """The input ``error`` belongs to: its own, else the longest matching key prefix."""
    if isinstance(error, FieldError):
        return error.field
    matches = [prefix for prefix in fields if error.key.startswith(prefix)]
    return fields[max(matches, key=len)] if matches else None


def free_text_command(
    name: str, handler: Handler, service: str, *, empty_too: bool = False
) -> SlashCommand:
    """A command whose whole text is its argument (``/ask <question>``); with
    ``empty_too`` an empty text runs it as well (``/checkin``)."""
    return SlashCommand(
        name=name,
        free_text=Subcommand(name, handler, service=service),
        empty_is_free_text=empty_too,
    )


def subcommands(
    service: str,
    members: Mapping[str, Handler],
    moderators: Mapping[str, Handler] | None = None,
) -> tuple[Subcommand, ...]:
    """An area's subcommands that need ``service``: the members' ones, then the
    moderators' ones (checked before their handler runs), in the given order."""
    return (
        *(Subcommand(name, handler, service=service) for name, handler in members.items()),
        *(
            Subcommand(name, handler, moderator=True, service=service)
            for name, handler in (moderators or {}).items()
        ),
    )


def text_input(
    action_id: str,
    label: str,
    *,
    multiline: bool = False,
    optional: bool = False,
    max_length: int | None = None,
    initial: str | None = None,
    hint: str | None = None,
) -> Block:
    """An input block with a plain-text field; ``block_id`` equals ``action_id``."""
    element: Block = {"type": "plain_text_input", "action_id": action_id, "multiline": multiline}
    if max_length:
        element["max_length"] = max_length
    if initial:
        element["initial_value"] = initial
    block: Block = {
        "type": "input",
        "block_id": action_id,
        "optional": optional,
        "label": {"type": "plain_text", "text": label[:2000]},
        "element": element,
    }
    if hint:
        block["hint"] = {"type": "plain_text", "text": hint[:2000]}
    return block


def channel_select(action_id: str, label: str, *, initial: str | None = None) -> Block:
    """An input block with a channel picker (the current conversation, or ``initial``)."""
    element: Block = {"type": "conversations_select", "action_id": action_id}
    if initial:
        element["initial_conversation"] = initial
    else:
        element["default_to_current_conversation"] = True
    element["filter"] = {"include": ["public", "private"], "exclude_bot_users": True}
    return {
        "type": "input",
        "block_id": action_id,
        "label": {"type": "plain_text", "text": label[:2000]},
        "element": element,
    }


def modal(
    callback_id: str,
    title: str,
    blocks: list[Block],
    *,
    submit: str,
    close: str,
    metadata: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A modal view; the title is cut to Slack's 24 characters."""

    def plain(text: str) -> dict[str, str]:
        return {"type": "plain_text", "text": text[:MODAL_TITLE_LIMIT]}

    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title),
        "submit": plain(submit),
        "close": plain(close),
        "blocks": blocks,
        "private_metadata": json.dumps(metadata or {}),
    }


def form(
    request: SlackRequest, callback_id: str, title_key: str, blocks: list[Block], **metadata: Any
) -> dict[str, Any]:
    """A modal titled with the catalog text ``title_key``, with the usual Save/Cancel
    buttons, that brings the channel (and ``metadata``) back with the submission."""
    return modal(
        callback_id,
        request.t(title_key),
        blocks,
        submit=request.t("slack.modal.save"),
        close=request.t("slack.modal.cancel"),
        metadata=request_metadata(request, **metadata),
    )


async def open_modal(request: SlackRequest, view: dict[str, Any]) -> None:
    """Open ``view`` for the member (needs the command's trigger id, valid 3 s)."""
    await request.client.views_open(trigger_id=request.trigger_id, view=view)


def request_metadata(request: SlackRequest, **extra: Any) -> dict[str, Any]:
    """Private metadata that brings the channel back with the submission."""
    return {"channel": request.channel.external_id if request.channel else None, **extra}


def view_values(view: dict[str, Any]) -> dict[str, Any]:
    """Submitted values by action_id: text, the selected option's value, dates."""
    values: dict[str, Any] = {}
    for block in ((view.get("state") or {}).get("values") or {}).values():
        for action_id, entry in block.items():
            if "selected_option" in entry:
                option = entry["selected_option"]
                values[action_id] = option.get("value") if option else None
            elif "selected_options" in entry:
                values[action_id] = [o.get("value") for o in entry["selected_options"] or []]
            elif "selected_conversation" in entry:
                values[action_id] = entry["selected_conversation"]
            elif "selected_date" in entry:
                values[action_id] = entry["selected_date"]
            elif "selected_time" in entry:
                values[action_id] = entry["selected_time"]
            else:
                values[action_id] = entry.get("value")
    return values


async def ping_target(request: SlackRequest, typed: str) -> str | None:
    """A user group id from ``S0123ABCD``, ``<!subteam^S…>``, ``@handle``; or here/channel;
    None for an empty text."""
    value = unwrap_id(typed.strip()).lstrip("!")
    if not value:
        return None
    if value.lower().lstrip("@") in SPECIAL_PINGS:
        return value.lower().lstrip("@")
    if _GROUP_ID.match(value):
        return value
    handle = value.lstrip("@").lower()
    try:
        groups = (await request.client.usergroups_list()).get("usergroups") or []
    except SlackApiError:
        groups = []
    for group in groups:
        if str(group.get("handle", "")).lower() == handle:
            return str(group["id"])
    raise UserFacingError("slack.error.unknown_usergroup", value=typed[:80])


async def ensure_postable(request: SlackRequest, channel: str) -> None:
    """Refuse, before anything is saved, a channel the bot could never post in or
    read back (archived; private without the bot); a public channel the bot is not in
    is joined, so a post re-sent after a crash can be found there and is not doubled."""
    try:
        info = (await request.client.conversations_info(channel=channel)).get("channel") or {}
    except SlackApiError as exc:
        if exc.response.get("error") == "missing_scope":
            return  # installed without channels:read/groups:read: cannot tell, allow it
        raise UserFacingError("slack.error.cannot_post", channel=channel) from None
    if info.get("is_archived") or (info.get("is_private") and not info.get("is_member")):
        raise UserFacingError("slack.error.cannot_post", channel=channel)
    if not info.get("is_member") and not info.get("is_im"):
        try:
            await request.client.conversations_join(channel=channel)
        except SlackApiError as exc:
            if exc.response.get("error") == "missing_scope":
                return  # installed before channels:join: posting still works
            raise UserFacingError("slack.error.cannot_join", channel=channel) from None


async def send_files_privately(request: SlackRequest, files: Sequence[FileUpload]) -> bool:
    """Share ``files`` together in the member's direct messages with the app
    (``files_upload_v2``); False when Slack refused."""
    member = request.member.external_id
    try:
        opened = await request.client.conversations_open(users=member)
        await request.client.files_upload_v2(
            channel=str((opened.get("channel") or {}).get("id")),
            file_uploads=[
                {"file": f.content, "filename": f.filename, "title": f.title} for f in files
            ],
        )
    except SlackClientError as exc:
        log.info("sending %d files to %s failed: %s", len(files), member, exc)
        return False
    return True
