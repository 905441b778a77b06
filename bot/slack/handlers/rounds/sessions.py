"""/session for members on Slack: list, show, and the RSVP buttons (on ``/session
show`` and on the scheduler's session reminders)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.core.errors import UserFacingError
from bot.rounds import messages
from bot.slack.blocks import (
    Block,
    Reply,
    actions,
    escape,
    slack_bold,
)
from bot.slack.context import SlackRequest
from bot.slack.handlers.paging import paged_card
from bot.slack.handlers.rounds.render import (
    RSVP_BLOCK,
    optional_round,
    rsvp_elements,
    session_line_text,
    session_reply,
)


async def session_list(request: SlackRequest, text: str) -> Reply:
    return await session_list_page(request, text, 1)


async def session_list_page(request: SlackRequest, text: str, page: int) -> Reply:
    rounds = request.services.rounds
    rnd, sessions = await rounds.list_sessions(request.community, optional_round(text))
    zone = await rounds.zone_of(request.community)
    return paged_card(
        request,
        list_name="sessions",
        argument=text,
        title=request.t("rounds.sessions.title", round=rnd.name),
        lines=[session_line_text(request, s, zone) for s in sessions],
        page=page,
        empty=request.t("rounds.error.no_sessions_yet", round=escape(rnd.name)),
    )


async def session_show(request: SlackRequest, text: str) -> Reply:
    """``/session show <id or #n>`` with RSVP buttons while it is open."""
    view = await request.services.rounds.show_session(request.community, text)
    return session_reply(request, view.round, view.session, view.counts, view.zone)


async def rsvp_clicked(
    request: SlackRequest, action_id: str, value: str, body: dict[str, Any]
) -> list[Reply]:
    """An RSVP button: save the answer, refresh the buttons' counts on the message,
    and confirm privately."""
    found = messages.parse_rsvp_custom_id(action_id)
    if found is None:
        raise UserFacingError("rounds.error.rsvp_answer")
    session_id, answer = found
    channel = (body.get("container") or {}).get("channel_id")
    message_ts = (body.get("container") or {}).get("message_ts")
    ephemeral_source = bool((body.get("container") or {}).get("is_ephemeral"))
    result = await request.services.rounds.rsvp(
        request.member,
        session_id,
        answer,
        display_name=request.display_name,
        message=(str(channel), str(message_ts))
        if channel and message_ts and not ephemeral_source
        else None,
    )
    counts = result.counts
    # Labels on a shared message are read by everyone: the community's language.
    label_lang = (
        request.lang
        if ephemeral_source
        else await request.services.community.shared_language(request.community)
    )
    replies = []
    original = (body.get("message") or {}).get("blocks")
    if original and any(block.get("block_id") == RSVP_BLOCK for block in original):
        # A session card (/session show): its counts field changes with the buttons.
        view = await request.services.rounds.show_session(request.community, str(result.session.id))
        card = session_reply(
            replace(request, lang=label_lang), view.round, view.session, view.counts, view.zone
        )
        replies.append(
            Reply(
                text=card.text,
                blocks=card.blocks,
                public=not ephemeral_source,
                replace_original=True,
            )
        )
    elif original:
        blocks = _with_buttons(
            original, rsvp_elements(request, result.session.id, counts, label_lang)
        )
        replies.append(
            Reply(
                text=str((body.get("message") or {}).get("text") or ""),
                blocks=tuple(blocks),
                public=not ephemeral_source,
                replace_original=True,
            )
        )
    saved = messages.rsvp_saved_text(result, request.services.texts, request.lang)
    replies.append(Reply(text=slack_bold(saved)))
    return replies


def _with_buttons(blocks: list[Block], buttons: list[Block]) -> list[Block]:
    """``blocks`` with the actions block that holds RSVP buttons replaced."""
    out = []
    for block in blocks:
        elements = block.get("elements") or []
        if block.get("type") == "actions" and any(
            messages.parse_rsvp_custom_id(str(e.get("action_id", ""))) for e in elements
        ):
            out.append(actions(buttons, block_id=block.get("block_id")))
        else:
            out.append(block)
    return out
