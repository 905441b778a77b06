"""/session for moderators on Slack: edit, cancel, assign, attendance."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.core.errors import UserFacingError
from bot.core.round_model import (
    Session,
    SessionKind,
)
from bot.i18n import LANGUAGES
from bot.rounds import messages
from bot.schedules.parse import format_local
from bot.slack.blocks import (
    Reply,
    escape,
    zoned_times,
)
from bot.slack.commands import usage_reply
from bot.slack.context import SlackRequest
from bot.slack.handlers.parsing import (
    parse_int,
    require_user,
    split_first,
    split_parts,
    unwrap_link,
)
from bot.slack.handlers.rounds.render import session_reply

log = logging.getLogger(__name__)


ATTENDED = ("yes", "y", "true", "present", "attended", "예", "네", "출석", "참석")


ABSENT = ("no", "n", "false", "absent", "아니오", "아니요", "결석", "불참")


SESSION_KINDS: tuple[SessionKind, ...] = ("paper", "sota")


def _when(request: SlackRequest, moment: datetime, zone: Any) -> str:
    """A moment in each reader's own zone (the workspace's as the fallback)."""
    return zoned_times(format_local(moment, zone, request.lang), [moment], zone, request.lang)


async def session_edit(request: SlackRequest, text: str) -> Reply:
    """``/session edit <session> [new time] [| minutes] [| topic] [| place] [| paper|sota]``;
    a part left empty stays as it is."""
    session_text, rest = split_first(text)
    when, minutes, topic, place, kind = split_parts(rest, 5)
    if not session_text or not any((when, minutes, topic, place, kind)):
        return usage_reply(request, "slack.usage.session")
    rounds = request.services.rounds
    changed = await rounds.edit_session(
        await request.actor(),
        session_text,
        when=when or None,
        duration_minutes=parse_int(minutes, low=15, high=720) if minutes else None,
        topic=topic or None,
        place=unwrap_link(place) if place else None,
        kind=_session_kind(request, kind) if kind else None,
    )
    await _refresh_announcement(request, changed.session)
    zone = await rounds.zone_of(request.community)
    return Reply(
        text=request.t(
            messages.edited_key(changed.event),
            index=changed.session.index,
            when=_when(request, changed.session.starts_at, zone),
        )
    )


async def session_cancel(request: SlackRequest, text: str) -> Reply:
    changed = await request.services.rounds.cancel_session(await request.actor(), text)
    return Reply(text=request.t("rounds.session.cancelled", index=changed.session.index))


async def session_assign(request: SlackRequest, text: str) -> Reply:
    """``/session assign <session> @member``: the session's presenter, by hand."""
    return await assign_turn(request, text, "slack.usage.session")


async def assign_turn(request: SlackRequest, text: str, usage_key: str) -> Reply:
    session_text, rest = split_first(text)
    who, _ = split_first(rest)
    if not session_text or not who:
        return usage_reply(request, usage_key)
    target, name = await _workspace_member(request, who)
    changed = await request.services.rounds.assign_presenter(
        await request.actor(), session_text, request.member_ref(target), display_name=name
    )
    return Reply(
        text=request.t(
            "rounds.presenters.assigned", member=f"<@{target}>", index=changed.session.index
        )
    )


async def session_attendance(request: SlackRequest, text: str) -> Reply:
    """``/session attendance <session> @member yes|no``: a moderator's correction."""
    session_text, rest = split_first(text)
    who, rest = split_first(rest)
    answer, _ = split_first(rest)
    if not session_text or not who or not answer:
        return usage_reply(request, "slack.usage.session")
    attended = _attended(answer)
    target, name = await _workspace_member(request, who)
    result = await request.services.rounds.correct_attendance(
        await request.actor(),
        session_text,
        request.member_ref(target),
        attended=attended,
        display_name=name,
    )
    key = "rounds.attendance.attended" if attended else "rounds.attendance.absent"
    return Reply(text=request.t(key, member=f"<@{target}>", index=result.session.index))


def _attended(answer: str) -> bool:
    word = answer.lower()
    if word in ATTENDED or word in ABSENT:
        return word in ATTENDED
    raise UserFacingError("error.bad_option", value=escape(answer[:40]))


def _session_kind(request: SlackRequest, typed: str) -> SessionKind:
    """``paper`` / ``sota``, or their names in either language (``논문 읽기``)."""
    wanted = " ".join(typed.lower().split())
    for kind in SESSION_KINDS:
        names = {kind} | {
            request.texts.t(f"cmd.rounds.choice.{kind}", lang).lower() for lang in LANGUAGES
        }
        if wanted in names:
            return kind
    raise UserFacingError("rounds.error.kind", kind=escape(typed[:40]))


async def _workspace_member(request: SlackRequest, token: str) -> tuple[str, str | None]:
    """A mentioned member of this workspace and their display name; refused when
    Slack does not know them."""
    target = require_user(token)
    profile = await request.directory.profile(target)
    if profile is None:
        raise UserFacingError("slack.error.need_member", value=target)
    return target, profile.display_name


async def _refresh_announcement(request: SlackRequest, session: Session) -> None:
    """Show a session's new details on the last message members answered on (in the
    community's language). A message Slack will not update is left alone."""
    rounds = request.services.rounds
    where = await rounds.announcement(session.id)
    if where is None:
        return
    channel, ts = where
    view = await rounds.show_session(request.community, str(session.id))
    shared = replace(
        request, lang=await request.services.community.shared_language(request.community)
    )
    reply = session_reply(shared, view.round, view.session, view.counts, view.zone)
    try:
        await request.client.chat_update(channel=channel, ts=ts, **reply.post_arguments())
    except SlackApiError as exc:
        log.info(
            "could not update the announcement of session %s: %s",
            session.id,
            exc.response.get("error"),
        )
