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
    button,
    escape,
    section,
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
    dm = messages.parse_dm_custom_id(action_id)
    if dm is not None:
        return [await _dm_clicked(request, *dm)]
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
    saved = slack_bold(messages.rsvp_saved_text(result, request.services.texts, request.lang))
    if answer == "going":  # offer the DM an hour before (opt-in)
        offer = request.t("rounds.dm.offer", index=result.session.index)
        replies.append(Reply(text=saved, blocks=(
            section(saved), section(offer),
            actions([_dm_button(request, result.session.id, True)]))))
    else:
        replies.append(Reply(text=saved))
    return replies


async def _dm_clicked(request: SlackRequest, session_id: int, wanted: bool) -> Reply:
    """🔔/🔕 under a private RSVP confirmation: the DM an hour before, on or off."""
    session = await request.services.rounds.dm_before(
        request.member, session_id, wanted=wanted, lang=request.lang)
    text = request.t("rounds.dm.on" if wanted else "rounds.dm.off", index=session.index)
    return Reply(text=text, blocks=(section(text), actions([
        _dm_button(request, session_id, not wanted)])), replace_original=True)


def _dm_button(request: SlackRequest, session_id: int, wanted: bool) -> Block:
    custom_id, label = messages.dm_button(session_id, wanted, request.services.texts,
                                          request.lang)
    return button(custom_id, label, custom_id)


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
