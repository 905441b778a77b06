"""What area handlers share: handler types, modal building and reading."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from bot.slack.blocks import Block, Reply
from bot.slack.context import SlackRequest

# (request, action_id, value, raw payload) -> replies through the click's response_url,
# in order (e.g. the message with updated buttons, then a private confirmation)
ActionHandler = Callable[
    [SlackRequest, str, str, dict[str, Any]], Awaitable[Reply | Sequence[Reply] | None]
]
# (request, values by action_id, private metadata) -> confirmation; raise
# UserFacingError to keep the modal open with the message on it
ViewHandler = Callable[[SlackRequest, dict[str, Any], dict[str, Any]], Awaitable[Reply | None]]

MODAL_TITLE_LIMIT = 24


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
