"""/round for moderators on Slack: create, edit, start, close, papers, export,
presenters. Slack has no native scheduled events, so round events notices are
not shown here; the recap goes to the moderator's direct messages."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.core.errors import UserFacingError
from bot.core.round_model import (
    Round,
    RoundSettings,
)
from bot.rounds import messages
from bot.rounds.export import export_files, recap_files
from bot.rounds.messages import session_thread
from bot.rounds.recap import recap_markdown
from bot.schedules.parse import describe_rule, parse_rule
from bot.slack.blocks import (
    Block,
    Card,
    FileUpload,
    Reply,
    escape,
    mrkdwn,
    section,
)
from bot.slack.context import SlackRequest
from bot.slack.handlers.base import (
    FieldMap,
    channel_select,
    ensure_postable,
    form,
    on_field,
    open_modal,
    ping_target,
    send_files_privately,
    text_input,
)
from bot.slack.handlers.parsing import (
    parse_int,
    split_first,
    split_parts,
    unwrap_link,
)
from bot.slack.handlers.rounds.render import (
    change_reply,
    joined_lines,
    optional_round,
    round_card,
    session_line_text,
)
from bot.slack.handlers.rounds.session_admin import assign_turn
from bot.slack.poster import SlackPoster

log = logging.getLogger(__name__)


ROUND_CREATE_VIEW = "studybot:round:create"


ROUND_EDIT_VIEW = "studybot:round:edit"


ROTATE = ("rotate", "순환")


ASSIGN = ("assign", "지정")


async def round_create(request: SlackRequest, text: str) -> None:
    """``/round create``: a form for the round's settings (it starts as a draft)."""
    await open_modal(
        request,
        form(request, ROUND_CREATE_VIEW, "slack.round.title", _round_inputs(request, None)),
    )


def _round_inputs(request: SlackRequest, rnd: Round | None) -> list[Block]:
    """The inputs of the round form: empty to create one; filled with ``rnd``'s
    settings to edit it (a running round's calendar stays, so it is left out)."""
    old = rnd.settings if rnd else None
    calendar = rnd is None or rnd.status == "draft"
    blocks = [_input(request, "name", 100, old.name if old else None)]
    if calendar:
        blocks += [
            _input(request, "start", 20, old.start_date.isoformat() if old else None, hint=True),
            _input(request, "weeks", 2, str(old.weeks) if old else None),
            _input(
                request, "cadence", 100, _cadence_text(request, old) if old else None, hint=True
            ),
        ]
    blocks += [
        channel_select(
            "channel", request.t("slack.round.channel"), initial=old.channel_id if old else None
        ),
        _input(request, "place", 500, old.place if old else None, optional=True),
    ]
    if calendar:
        duration = str(old.duration_minutes) if old else None
        blocks.append(_input(request, "duration", 3, duration, optional=True))
    if rnd is None or old is None:
        return blocks
    blocks += [
        _input(request, "ping", 80, old.ping_role, optional=True, hint=True),
        _input(request, "reminder_days", 2, str(old.paper_reminder_days)),
    ]
    if calendar:
        blocks.append(_input(request, "sota_every", 2, str(old.sota_every)))
    else:
        blocks.insert(0, section(request.t("slack.round.calendar_fixed", round=escape(rnd.name))))
    return blocks


def _input(
    request: SlackRequest,
    action_id: str,
    max_length: int,
    initial: str | None,
    *,
    optional: bool = False,
    hint: bool = False,
) -> Block:
    """A text input of the round form, labelled ``slack.round.<action_id>``."""
    return text_input(
        action_id,
        request.t(f"slack.round.{action_id}"),
        optional=optional,
        max_length=max_length,
        initial=initial,
        hint=request.t(f"slack.round.{action_id}_hint") if hint else None,
    )


def _cadence_text(request: SlackRequest, settings: RoundSettings) -> str:
    """A round's cadence as members write it (``every Thu at 20:00``)."""
    return describe_rule(parse_rule(settings.cadence), request.lang)


async def submit_round_create(
    request: SlackRequest, values: dict[str, Any], metadata: dict[str, Any]
) -> Reply:
    actor = await request.actor()
    actor.require_moderator()  # before the channel is looked up; the service checks too
    duration = str(values.get("duration") or "").strip()
    with on_field("weeks"):
        weeks = parse_int(str(values.get("weeks") or ""), low=1, high=52)
    with on_field("duration"):
        minutes = parse_int(duration, low=15, high=720) if duration else None
    channel = str(values.get("channel") or metadata.get("channel") or "")
    with on_field("channel"):
        await ensure_postable(request, channel)
    made = await request.services.rounds.create(
        actor,
        name=str(values.get("name") or ""),
        start=str(values.get("start") or ""),
        weeks=weeks,
        channel_id=channel,
        cadence=str(values.get("cadence") or ""),
        duration_minutes=minutes,
        place=str(values.get("place") or "").strip() or None,
    )
    done = request.t("rounds.create.done", round=escape(made.round.name), count=len(made.sessions))
    return await change_reply(request, made.round, made.sessions, done)


async def round_edit(request: SlackRequest, text: str) -> None:
    """``/round edit [round]``: the round's settings in a form; what is changed there
    is saved on submit."""
    rnd = await request.services.rounds.resolve_round(request.community, optional_round(text))
    if rnd.status == "closed":
        raise UserFacingError("rounds.error.round_closed", round=escape(rnd.name))
    await open_modal(
        request,
        form(
            request,
            ROUND_EDIT_VIEW,
            "slack.round.edit_title",
            _round_inputs(request, rnd),
            round=rnd.id,
        ),
    )


async def submit_round_edit(
    request: SlackRequest, values: dict[str, Any], metadata: dict[str, Any]
) -> Reply:
    """Save the inputs that differ from the round's settings (an emptied ping stops it)."""
    actor = await request.actor()
    actor.require_moderator()  # before the round is read; the service checks too
    rounds = request.services.rounds
    rnd = await rounds.resolve_round(request.community, str(metadata.get("round") or "") or None)
    old = rnd.settings

    def changed(action_id: str, current: str | None) -> str | None:
        typed = str(values.get(action_id) or "").strip()
        return typed if typed and typed != (current or "") else None

    def number(action_id: str, current: int, low: int, high: int) -> int | None:
        typed = changed(action_id, str(current))
        with on_field(action_id):
            return parse_int(typed, low=low, high=high) if typed else None

    place = changed("place", old.place)
    ping = str(values.get("ping") or "").strip()
    channel = changed("channel", old.channel_id)
    if channel is not None:
        with on_field("channel"):
            await ensure_postable(request, channel)
    with on_field("ping"):
        ping_role = await ping_target(request, ping) if ping != (old.ping_role or "") else None
    edited = await rounds.edit(
        actor,
        rnd.name,
        name=changed("name", old.name),
        start=changed("start", old.start_date.isoformat()),
        weeks=number("weeks", old.weeks, 1, 52),
        channel_id=channel,
        cadence=changed("cadence", _cadence_text(request, old)),
        duration_minutes=number("duration", old.duration_minutes, 15, 720),
        place=unwrap_link(place) if place else None,
        ping_role=ping_role,
        clear_ping_role=not ping and old.ping_role is not None,
        paper_reminder_days=number("reminder_days", old.paper_reminder_days, 0, 14),
        sota_every=number("sota_every", old.sota_every, 0, 52),
    )
    done = request.t("rounds.edit.done", round=escape(edited.round.name))
    return await change_reply(request, edited.round, edited.sessions, done)


async def round_start(request: SlackRequest, text: str) -> Reply:
    rounds = request.services.rounds
    started = await rounds.start(await request.actor(), optional_round(text))
    overview = await rounds.overview(request.community, str(started.round.id))
    card = round_card(request, overview, await rounds.zone_of(request.community))
    announced = await _announce(
        request,
        started.round,
        request.t("rounds.start.announcement", round=escape(started.round.name)),
        card.blocks(),
    )
    key = "rounds.start.done" if announced else "rounds.start.done_not_announced"
    return Reply(
        text=request.t(
            key,
            round=escape(started.round.name),
            count=len(started.sessions),
            channel=f"<#{started.round.settings.channel_id}>",
        )
    )


async def round_close(request: SlackRequest, text: str) -> Reply:
    """Close a round: the recap is posted in its channel and sent to the moderator."""
    closed = await request.services.rounds.close(await request.actor(), optional_round(text))
    markdown = recap_markdown(closed.recap, request.texts, request.lang)
    title = request.t("rounds.close.announcement", round=escape(closed.round.name))
    recap = Card(body=mrkdwn(markdown)[:2900], footer=await _thread_links(request, closed.round))
    announced = await _announce(request, closed.round, title, recap.blocks())
    key = "rounds.close.done" if announced else "rounds.close.done_not_announced"
    recap_md, _ = recap_files(closed.recap, markdown, messages.file_stem(closed.round.name))
    return Reply(
        text=request.t(key, round=escape(closed.round.name)),
        upload=FileUpload(recap_md.filename, recap_md.content, closed.round.name),
    )


async def _thread_links(request: SlackRequest, rnd: Round) -> str | None:
    """ "Session threads: #1 · #2 …", each linking the thread its session's posts
    started in the round's channel (None when there are none)."""
    _, sessions = await request.services.rounds.list_sessions(request.community, str(rnd.id))
    names = {session_thread(s.id): f"#{s.index}" for s in sessions}
    links = await SlackPoster(request.client).thread_links(rnd.settings.channel_id, names)
    if not links:
        return None
    shown = [f"<{links[name]}|{name}>" for name in names.values() if name in links]
    return request.t("slack.recap.threads", links=" · ".join(shown))


async def paper_add(request: SlackRequest, text: str) -> Reply:
    """``/round paper-add <title> [| url] [| week]`` on the active (or draft) round."""
    title, url, week = split_parts(text, 3)
    rnd, paper = await request.services.rounds.add_paper(
        await request.actor(),
        None,
        title=title,
        url=unwrap_link(url) or None,
        week=parse_int(week, low=1, high=52) if week else None,
    )
    return Reply(
        text=request.t(
            "rounds.paper.added", title=escape(paper.title), week=paper.week, round=escape(rnd.name)
        )
    )


async def paper_remove(request: SlackRequest, text: str) -> Reply:
    """``/round paper-remove <paper id or title>`` on the active (or draft) round."""
    rnd, removed = await request.services.rounds.remove_paper(await request.actor(), None, text)
    return Reply(
        text=request.t("rounds.paper.removed", title=escape(removed.title), round=escape(rnd.name))
    )


async def round_export(request: SlackRequest, text: str) -> Reply:
    """``/round export [round]``: the recap as Markdown and CSV, and the calendar once
    the round has started, sent privately as files."""
    rounds, texts = request.services.rounds, request.texts
    rnd = await rounds.resolve_round(request.community, optional_round(text))
    exported = await export_files(rounds, rnd, texts, request.lang, request.member)
    files = [FileUpload(f.filename, f.content, rnd.name) for f in exported]
    if not await send_files_privately(request, files):
        return Reply(text=request.t("slack.error.files_refused"))
    return Reply(text=request.t("rounds.export.done", round=escape(rnd.name)))


async def round_presenters(request: SlackRequest, text: str) -> Reply:
    """``/round presenters [rotate] [round]`` plans the upcoming turns afresh;
    ``/round presenters assign <session> @member`` picks one by hand."""
    mode, rest = split_first(text)
    if mode.lower() in ASSIGN:
        return await assign_turn(request, rest, "slack.usage.round")
    round_text = rest if mode.lower() in ROTATE else text
    rounds = request.services.rounds
    rotated = await rounds.rotate_presenters(await request.actor(), optional_round(round_text))
    zone = await rounds.zone_of(request.community)
    lines = [session_line_text(request, s, zone) for s in rotated.sessions]
    done = request.t("rounds.presenters.rotated", round=escape(rotated.round.name))
    return Card(body=f"{done}\n{joined_lines(lines)}").reply()


async def _announce(
    request: SlackRequest, rnd: Round, text: str, blocks: tuple[Block, ...]
) -> bool:
    """Post in the round's channel; False when Slack refused."""
    try:
        post = Reply(text=text, blocks=(*Card(body=text).blocks(), *blocks)[:50])
        await request.client.chat_postMessage(
            channel=rnd.settings.channel_id, unfurl_links=False, **post.post_arguments()
        )
    except SlackApiError as exc:
        log.warning(
            "announcing round %s in %s failed: %s",
            rnd.id,
            rnd.settings.channel_id,
            exc.response.get("error"),
        )
        return False
    return True


# The services' errors by the round form's input they are about.
ROUND_FORM_FIELDS: FieldMap = {
    "rounds.error.name": "name",
    "rounds.error.date": "start",
    "rounds.error.start_in_past": "start",
    "rounds.error.in_past": "start",
    "rounds.error.weeks": "weeks",
    "rounds.error.cadence": "cadence",
    "rounds.error.no_sessions": "cadence",
    "rounds.error.too_many_sessions": "cadence",
    "schedules.when": "cadence",
    "rounds.error.place": "place",
    "rounds.error.url": "place",
    "rounds.error.duration": "duration",
    "rounds.error.reminder_days": "reminder_days",
    "rounds.error.sota_every": "sota_every",
    "slack.error.cannot_": "channel",
    "slack.error.unknown_usergroup": "ping",
}
