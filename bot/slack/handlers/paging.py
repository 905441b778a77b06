"""Paging buttons under long lists (``/faq list``, ``/round list``, ``/session list``,
``/study-remind list``, ``/streak history``).

A list registers a renderer ``(request, argument, page) -> Reply`` under a name; its
reply carries ◀ / ▶ buttons whose value names the list, the argument it was asked
with and the page to show. A click renders that page again, in place of the message.
"""

from __future__ import annotations

import json
import math
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from bot.core.errors import UserFacingError
from bot.slack.blocks import Block, Card, Reply, actions, button
from bot.slack.context import SlackRequest

PagedList = Callable[[SlackRequest, str, int], Awaitable[Reply]]
PAGE_ACTION = "page"
LINES_PER_PAGE = 10
ARGUMENT_LIMIT = 200


def page_buttons(list_name: str, argument: str, page: int, pages: int) -> tuple[Block, ...]:
    """◀ / ▶ for ``page`` of ``pages`` (Slack cannot disable a button, so the one
    that would lead nowhere is left out)."""
    elements = []
    for label, target, direction in (("◀", page - 1, "prev"), ("▶", page + 1, "next")):
        if 1 <= target <= pages:
            value = json.dumps(
                {"list": list_name, "arg": argument[:ARGUMENT_LIMIT], "page": target},
                ensure_ascii=False,
            )
            elements.append(button(f"{PAGE_ACTION}:{direction}", label, value))
    return tuple(elements)


def paged_card(
    request: SlackRequest,
    *,
    list_name: str,
    argument: str,
    title: str,
    lines: Sequence[str],
    page: int,
    empty: str,
) -> Reply:
    """``lines`` ten at a time, with the page count and buttons when there are more."""
    pages = max(1, math.ceil(len(lines) / LINES_PER_PAGE))
    page = min(max(page, 1), pages)
    start = (page - 1) * LINES_PER_PAGE
    shown = lines[start : start + LINES_PER_PAGE]
    footer = (
        request.t("knowledge.faq.page", page=page, pages=pages, total=len(lines))
        if pages > 1
        else None
    )
    card = Card(
        title=title,
        body="\n".join(shown) or empty,
        footer=footer,
        buttons=page_buttons(list_name, argument, page, pages),
    )
    return card.reply()


def with_pages(reply: Reply, list_name: str, argument: str, page: int, pages: int) -> Reply:
    """``reply`` (one page a service cut) with the page count and buttons added."""
    buttons = page_buttons(list_name, argument, page, pages)
    if not buttons:
        return reply
    extra: list[Block] = [actions(buttons)]
    return Reply(text=reply.text, blocks=(*reply.blocks, *extra), public=reply.public)


def page_clicked_for(lists: Mapping[str, PagedList]) -> Callable[..., Awaitable[Reply]]:
    """The button handler that renders the asked page of one of ``lists``."""

    async def page_clicked(
        request: SlackRequest, action_id: str, value: str, body: dict[str, Any]
    ) -> Reply:
        try:
            wanted = json.loads(value)
            render = lists[str(wanted["list"])]
            page = int(wanted["page"])
            argument = str(wanted.get("arg") or "")
        except (ValueError, KeyError, TypeError):
            raise UserFacingError("error.bad_option", value=value[:40]) from None
        shown = await render(request, argument, page)
        return Reply(
            text=shown.text,
            blocks=shown.blocks,
            public=shown.public,
            replace_original=True,
        )

    return page_clicked
