"""/round and /session on Slack, and the RSVP buttons (on ``/session show`` and on
the scheduler's session reminders, whose action ids are the services' custom ids).

Slack has no native scheduled events, so round events notices are not shown here.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.errors import UserFacingError
from bot.i18n import Lang
from bot.rounds import messages
from bot.rounds.model import RSVP_ANSWERS, Round, RoundOverview, RsvpCounts, Session
from bot.rounds.recap import recap_markdown
from bot.schedules.parse import describe_rule, parse_rule
from bot.slack.blocks import (
    Block,
    Card,
    FileUpload,
    Reply,
    actions,
    button,
    escape,
    mrkdwn,
    slack_group_mention,
)
from bot.slack.commands import SlashCommand, Subcommand
from bot.slack.context import SlackRequest
from bot.slack.handlers.base import (
    ActionHandler,
    ViewHandler,
    modal,
    open_modal,
    request_metadata,
    text_input,
)
from bot.slack.handlers.parsing import parse_int, split_parts, unwrap_link

log = logging.getLogger(__name__)

ROUND_CREATE_VIEW = "studybot:round:create"
RSVP_BLOCK = "rsvp"
_RSVP = re.compile(r"^round:rsvp:(\d{1,18}):(going|maybe|not_going)$")
NO_PRESENT = ("no-present", "nopresent", "listen", "발표안함", "청강")
LIST_LIMIT = 2900


def _lines(lines: list[str]) -> str:
    """Whole lines up to Slack's section limit (an ellipsis marks a cut)."""
    out: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + 1 > LIST_LIMIT:
            out.append("…")
            break
        out.append(line)
        used += len(line) + 1
    return "\n".join(out) or "—"


def _round_text(text: str) -> str | None:
    return text.strip() or None


# -- rendering ---------------------------------------------------------------------------------
def round_card(request: SlackRequest, overview: RoundOverview, zone: Any) -> Card:
    """A round at a glance (the cog's embed as blocks)."""
    rnd, settings, lang = overview.round, overview.round.settings, request.lang
    texts = request.services.texts
    lines = [
        request.t("rounds.show.status", status=request.t(f"rounds.status.{rnd.status}")),
        request.t(
            "rounds.show.dates",
            start=settings.start_date.isoformat(),
            weeks=settings.weeks,
            cadence=describe_rule(parse_rule(settings.cadence), lang),
            minutes=settings.duration_minutes,
        ),
        request.t(
            "rounds.show.channel",
            channel=f"<#{settings.channel_id}>",
            place=mrkdwn(messages.place_text(settings.place, texts, lang)),
        ),
        request.t(
            "rounds.show.rhythm", days=settings.paper_reminder_days, every=settings.sota_every
        ),
    ]
    if settings.ping_role:
        lines.append(request.t("rounds.show.ping", role=slack_group_mention(settings.ping_role)))
    papers = [
        f"W{p.week} · <{p.url}|{escape(p.title)}>" if p.url else f"W{p.week} · {escape(p.title)}"
        for p in overview.papers
    ]
    joined = [m for m in overview.members if m.joined]
    pairs = [(request.t("rounds.show.papers", count=len(overview.papers)), _lines(papers))]
    if overview.sessions:
        pairs.append(
            (
                request.t("rounds.show.sessions", count=len(overview.sessions)),
                _lines(
                    [mrkdwn(messages.session_line(s, zone, texts, lang)) for s in overview.sessions]
                ),
            )
        )
    pairs.append(
        (
            request.t("rounds.show.members", count=len(joined)),
            _lines(
                [
                    " ".join(
                        f"<@{m.external_id}>" + (" 🙊" if m.opted_out_presenting else "")
                        for m in joined
                    )
                ]
            )
            if joined
            else "—",
        )
    )
    return Card(
        title=rnd.name,
        body="\n".join(lines),
        pairs=tuple(pairs),
        footer=request.t("rounds.show.footer", id=rnd.id),
    )


def rsvp_elements(
    request: SlackRequest, session_id: int, counts: RsvpCounts, lang: Lang
) -> list[Block]:
    return [
        button(custom_id, label, custom_id)
        for custom_id, label in messages.rsvp_buttons(
            session_id, counts, request.services.texts, lang
        )
    ]


def session_reply(
    request: SlackRequest, rnd: Round, session: Session, counts: RsvpCounts, zone: Any
) -> Reply:
    texts, lang = request.services.texts, request.lang
    values = counts.as_dict()
    pairs = [
        (mrkdwn(name), mrkdwn(value))
        for name, value in messages.session_fields(rnd, session, zone, texts, lang)
    ]
    pairs.append(
        (
            request.t("rounds.field.rsvp"),
            " · ".join(
                f"{messages.RSVP_EMOJI[a]} {request.t(f'rounds.rsvp.{a}')} {values[a]}"
                for a in RSVP_ANSWERS
            ),
        )
    )
    card = Card(
        title=request.t("rounds.reminder.title", round=rnd.name, index=session.index),
        body=request.t(f"rounds.session_status.{session.status}"),
        pairs=tuple(pairs),
        footer=request.t("rounds.session.footer", id=session.id),
    )
    blocks = list(card.blocks())
    if session.status == "scheduled":
        blocks.insert(
            -1, actions(rsvp_elements(request, session.id, counts, lang), block_id=RSVP_BLOCK)
        )
    return Reply(text=card.fallback(), blocks=tuple(blocks))


# -- members -----------------------------------------------------------------------------------
async def round_list(request: SlackRequest, text: str) -> Reply:
    rounds = await request.services.rounds.list_rounds(request.community)
    lines = [
        request.t(
            "rounds.list.line",
            name=escape(r.name),
            id=r.id,
            status=request.t(f"rounds.status.{r.status}"),
            start=r.settings.start_date.isoformat(),
            weeks=r.settings.weeks,
        )
        for r in rounds
    ] or [request.t("rounds.list.empty")]
    return Card(title=request.t("rounds.list.title"), body=_lines(lines)).reply()


async def round_show(request: SlackRequest, text: str) -> Reply:
    rounds = request.services.rounds
    overview = await rounds.overview(request.community, _round_text(text))
    return round_card(request, overview, await rounds.zone_of(request.community)).reply()


async def round_join(request: SlackRequest, text: str) -> Reply:
    """``/round join [round] [no-present]``."""
    words = text.split()
    presenting = not (words and words[-1].lower() in NO_PRESENT)
    round_text = " ".join(words if presenting else words[:-1])
    joined = await request.services.rounds.join(
        request.member,
        _round_text(round_text),
        display_name=request.display_name,
        presenting=presenting,
    )
    key = "rounds.join.done" if presenting else "rounds.join.done_no_present"
    return Reply(text=request.t(key, round=escape(joined.round.name)))


async def round_leave(request: SlackRequest, text: str) -> Reply:
    left = await request.services.rounds.leave(request.member, _round_text(text))
    return Reply(text=request.t("rounds.leave.done", round=escape(left.round.name)))


async def round_calendar(request: SlackRequest, text: str) -> Reply:
    """The round's sessions as an .ics file, sent privately."""
    rnd, data = await request.services.rounds.calendar(
        request.community, _round_text(text), request.lang
    )
    note = request.t("rounds.calendar.done", round=escape(rnd.name))
    return Reply(text=note, upload=FileUpload(f"{_slug(rnd.name)}.ics", data, rnd.name))


async def session_list(request: SlackRequest, text: str) -> Reply:
    rounds = request.services.rounds
    rnd, sessions = await rounds.list_sessions(request.community, _round_text(text))
    zone = await rounds.zone_of(request.community)
    texts = request.services.texts
    lines = [mrkdwn(messages.session_line(s, zone, texts, request.lang)) for s in sessions] or [
        request.t("rounds.error.no_sessions_yet", round=escape(rnd.name))
    ]
    return Card(
        title=request.t("rounds.sessions.title", round=rnd.name), body=_lines(lines)
    ).reply()


async def session_show(request: SlackRequest, text: str) -> Reply:
    """``/session show <id or #n>`` with RSVP buttons while it is open."""
    view = await request.services.rounds.show_session(request.community, text)
    return session_reply(request, view.round, view.session, view.counts, view.zone)


async def rsvp_clicked(
    request: SlackRequest, action_id: str, value: str, body: dict[str, Any]
) -> list[Reply]:
    """An RSVP button: save the answer, refresh the buttons' counts on the message,
    and confirm privately."""
    found = _RSVP.match(action_id)
    if found is None:
        raise UserFacingError("rounds.error.rsvp_answer")
    channel = (body.get("container") or {}).get("channel_id")
    message_ts = (body.get("container") or {}).get("message_ts")
    ephemeral_source = bool((body.get("container") or {}).get("is_ephemeral"))
    result = await request.services.rounds.rsvp(
        request.member,
        int(found.group(1)),
        found.group(2),
        display_name=request.display_name,
        message=(str(channel), str(message_ts))
        if channel and message_ts and not ephemeral_source
        else None,
    )
    counts = result.counts
    config = await request.services.community.config(request.community)
    # Labels on a shared message are read by everyone: the community's language.
    label_lang: Lang = (
        request.lang if ephemeral_source else config.language or request.services.settings.language
    )
    replies = []
    original = (body.get("message") or {}).get("blocks")
    if original:
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
    replies.append(
        Reply(
            text=request.t(
                "rounds.rsvp.saved",
                answer=request.t(f"rounds.rsvp.{result.answer}"),
                index=result.session.index,
                going=counts.going,
                maybe=counts.maybe,
                not_going=counts.not_going,
            )
        )
    )
    return replies


def _with_buttons(blocks: list[Block], buttons: list[Block]) -> list[Block]:
    """``blocks`` with the actions block that holds RSVP buttons replaced."""
    out = []
    for block in blocks:
        elements = block.get("elements") or []
        if block.get("type") == "actions" and any(
            _RSVP.match(str(e.get("action_id", ""))) for e in elements
        ):
            out.append(actions(buttons, block_id=block.get("block_id")))
        else:
            out.append(block)
    return out


# -- moderators --------------------------------------------------------------------------------
async def round_create(request: SlackRequest, text: str) -> None:
    """``/round create``: a form for the round's settings (it starts as a draft)."""
    channel_picker: Block = {
        "type": "input",
        "block_id": "channel",
        "label": {"type": "plain_text", "text": request.t("slack.round.channel")},
        "element": {
            "type": "conversations_select",
            "action_id": "channel",
            "default_to_current_conversation": True,
            "filter": {"include": ["public", "private"], "exclude_bot_users": True},
        },
    }
    blocks = [
        text_input("name", request.t("slack.round.name"), max_length=100),
        text_input(
            "start",
            request.t("slack.round.start"),
            max_length=20,
            hint=request.t("slack.round.start_hint"),
        ),
        text_input("weeks", request.t("slack.round.weeks"), max_length=2),
        text_input(
            "cadence",
            request.t("slack.round.cadence"),
            max_length=100,
            hint=request.t("slack.round.cadence_hint"),
        ),
        channel_picker,
        text_input("place", request.t("slack.round.place"), optional=True, max_length=500),
        text_input("duration", request.t("slack.round.duration"), optional=True, max_length=3),
    ]
    await open_modal(
        request,
        modal(
            ROUND_CREATE_VIEW,
            request.t("slack.round.title"),
            blocks,
            submit=request.t("slack.modal.save"),
            close=request.t("slack.modal.cancel"),
            metadata=request_metadata(request),
        ),
    )


async def submit_round_create(
    request: SlackRequest, values: dict[str, Any], metadata: dict[str, Any]
) -> Reply:
    await request.require_moderator()
    duration = str(values.get("duration") or "").strip()
    made = await request.services.rounds.create(
        request.member,
        name=str(values.get("name") or ""),
        start=str(values.get("start") or ""),
        weeks=parse_int(str(values.get("weeks") or ""), low=1, high=52),
        channel_id=str(values.get("channel") or metadata.get("channel") or ""),
        cadence=str(values.get("cadence") or ""),
        duration_minutes=parse_int(duration, low=15, high=720) if duration else None,
        place=str(values.get("place") or "").strip() or None,
    )
    zone = await request.services.rounds.zone_of(request.community)
    card = round_card(request, RoundOverview(made.round, (), made.sessions, ()), zone)
    done = request.t("rounds.create.done", round=escape(made.round.name), count=len(made.sessions))
    return Reply(text=done, blocks=(*Card(body=done).blocks(), *card.blocks()))


async def round_start(request: SlackRequest, text: str) -> Reply:
    rounds = request.services.rounds
    started = await rounds.start(request.member, _round_text(text))
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
    closed = await request.services.rounds.close(request.member, _round_text(text))
    markdown = recap_markdown(closed.recap, request.services.texts, request.lang)
    title = request.t("rounds.close.announcement", round=escape(closed.round.name))
    recap = Card(body=mrkdwn(markdown)[:2900])
    announced = await _announce(request, closed.round, title, recap.blocks())
    key = "rounds.close.done" if announced else "rounds.close.done_not_announced"
    return Reply(
        text=request.t(key, round=escape(closed.round.name)),
        upload=FileUpload(
            f"{_slug(closed.round.name)}-recap.md", markdown.encode("utf-8"), closed.round.name
        ),
    )


async def paper_add(request: SlackRequest, text: str) -> Reply:
    """``/round paper-add <title> [| url] [| week]`` on the active (or draft) round."""
    title, url, week = split_parts(text, 3)
    rnd, paper = await request.services.rounds.add_paper(
        request.member,
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
    rnd, removed = await request.services.rounds.remove_paper(request.member, None, text)
    return Reply(
        text=request.t("rounds.paper.removed", title=escape(removed.title), round=escape(rnd.name))
    )


async def session_cancel(request: SlackRequest, text: str) -> Reply:
    changed = await request.services.rounds.cancel_session(request.member, text)
    return Reply(text=request.t("rounds.session.cancelled", index=changed.session.index))


async def _announce(
    request: SlackRequest, rnd: Round, text: str, blocks: tuple[Block, ...]
) -> bool:
    """Post in the round's channel; False when Slack refused."""
    try:
        await request.client.chat_postMessage(
            channel=rnd.settings.channel_id,
            text=text,
            blocks=[*Card(body=text).blocks(), *blocks][:50],
            unfurl_links=False,
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


def _slug(name: str) -> str:
    return re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-").lower() or "round"


def _later(command: str, name: str) -> Subcommand:
    """A moderator subcommand the Discord cog has and Slack does not yet."""

    async def not_on_slack(request: SlackRequest, text: str) -> Reply:
        return Reply(text=request.t("slack.not_available", command=f"/{command} {name}"))

    return Subcommand(name, not_on_slack, moderator=True, service="rounds")


COMMANDS = (
    SlashCommand(
        name="round",
        default="show",
        subcommands=(
            Subcommand("list", round_list, service="rounds"),
            Subcommand("show", round_show, service="rounds"),
            Subcommand("join", round_join, service="rounds"),
            Subcommand("leave", round_leave, service="rounds"),
            Subcommand("calendar", round_calendar, service="rounds"),
            Subcommand("create", round_create, moderator=True, service="rounds"),
            Subcommand("start", round_start, moderator=True, service="rounds"),
            Subcommand("close", round_close, moderator=True, service="rounds"),
            Subcommand("paper-add", paper_add, moderator=True, service="rounds"),
            Subcommand("paper-remove", paper_remove, moderator=True, service="rounds"),
            *(_later("round", name) for name in ("edit", "export", "presenters")),
        ),
    ),
    SlashCommand(
        name="session",
        default="list",
        subcommands=(
            Subcommand("list", session_list, service="rounds"),
            Subcommand("show", session_show, service="rounds"),
            Subcommand("cancel", session_cancel, moderator=True, service="rounds"),
            *(_later("session", name) for name in ("edit", "assign", "attendance")),
        ),
    ),
)

ACTIONS: dict[str, ActionHandler] = {"round": rsvp_clicked}
VIEWS: dict[str, ViewHandler] = {ROUND_CREATE_VIEW: submit_round_create}
