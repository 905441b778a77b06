"""Message shortcuts: "Add to FAQ" (moderators: the FAQ form filled with the
message) and "Check in with this paper" (a check-in whose paper is the message's
first link)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from bot.core.errors import UserFacingError
from bot.slack.blocks import Reply
from bot.slack.context import SlackRequest
from bot.slack.handlers.base import open_modal
from bot.slack.handlers.knowledge import ANSWER_MAX, FAQ_ADD_VIEW, QUESTION_MAX, faq_modal
from bot.slack.handlers.streaks import checkin_reply, plain_text

# (request, the message's text as typed, the payload) -> a private reply or None
ShortcutHandler = Callable[[SlackRequest, str, dict[str, Any]], Awaitable[Reply | None]]

FAQ_SHORTCUT = "studybot_faq_add"
CHECKIN_SHORTCUT = "studybot_checkin"
_LINK = re.compile(r"<(https?://[^|<>\s]+)(?:\|[^<>]*)?>")


async def add_to_faq(request: SlackRequest, text: str, body: dict[str, Any]) -> None:
    """Open the FAQ form with the message as the answer and its first line as the
    question, in the moderator's language; saved only when they submit it."""
    await request.require_moderator()
    plain = await plain_text(request, text)
    first_line = plain.splitlines()[0] if plain else ""
    current = {
        f"question_{request.lang}": first_line[:QUESTION_MAX],
        f"answer_{request.lang}": plain[:ANSWER_MAX],
    }
    await open_modal(request, faq_modal(request, FAQ_ADD_VIEW, "slack.faq.add_title", current))


async def checkin_with_paper(request: SlackRequest, text: str, body: dict[str, Any]) -> Reply:
    """Check in with the message's first link as the paper."""
    found = _LINK.search(text)
    if found is None:
        raise UserFacingError("slack.shortcut.no_link")
    return await checkin_reply(request, paper=found.group(1), note=None)


SHORTCUTS: dict[str, ShortcutHandler] = {
    FAQ_SHORTCUT: add_to_faq,
    CHECKIN_SHORTCUT: checkin_with_paper,
}
