"""/round and /session on Slack, and the RSVP buttons (on ``/session show`` and on
the scheduler's session reminders, whose action ids are the services' custom ids).

Slack has no native scheduled events, so round events notices are not shown here.
Files (calendar, recap) go to the member's direct messages with the app: an
ephemeral reply cannot carry a file.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.core.errors import UserFacingError
from bot.core.round_model import (
    Round,
    RoundOverview,
    RoundSettings,
    RsvpCounts,
    Session,
    SessionKind,
)
from bot.i18n import LANGUAGES, Lang
from bot.rounds import messages
from bot.rounds.card import CardMarkup, cut_lines
from bot.rounds.card import round_card as shared_round_card
from bot.rounds.export import calendar_file, export_files, recap_files
from bot.rounds.recap import recap_markdown
from bot.rounds.reminders import session_thread
from bot.schedules.parse import describe_rule, format_local, parse_rule
from bot.slack.blocks import (
    Block,
    Card,
    FileUpload,
    Reply,
    actions,
    button,
    escape,
    mrkdwn,
    section,
    slack_bold,
    slack_group_mention,
    zoned_times,
)
from bot.slack.commands import SlashCommand, usage_reply
from bot.slack.context import SlackRequest
from bot.slack.handlers.base import (
    ActionHandler,
    FieldMap,
    ViewHandler,
    channel_select,
    ensure_postable,
    form,
    on_field,
    open_modal,
    ping_target,
    send_files_privately,
    subcommands,
    text_input,
)
from bot.slack.handlers.paging import PagedList, paged_card
from bot.slack.handlers.parsing import (
    parse_int,
    require_user,
    split_first,
    split_parts,
    unwrap_link,
)
from bot.slack.poster import SlackPoster

log = logging.getLogger(__name__)

ROUND_CREATE_VIEW = "studybot:round:create"
ROUND_EDIT_VIEW = "studybot:round:edit"
RSVP_BLOCK = "rsvp"
NO_PRESENT = ("no-present", "nopresent", "listen", "발표안함", "청강")
ROTATE = ("rotate", "순환")
ASSIGN = ("assign", "지정")
ATTENDED = ("yes", "y", "true", "present", "attended", "예", "네", "출석", "참석")
ABSENT = ("no", "n", "false", "absent", "아니오", "아니요", "결석", "불참")
SESSION_KINDS: tuple[SessionKind, ...] = ("paper", "sota")
LIST_LIMIT = 2900


def _lines(lines: Sequence[str]) -> str:
    """Whole lines up to Slack's section limit (an ellipsis marks a cut)."""
    return cut_lines(lines, LIST_LIMIT)


def _round_text(text: str) -> str | None:
    return text.strip() or None


# -- rendering ---------------------------------------------------------------------------------
# Slack writes a user group as <!subteam^id>, a link as <url|title> (member text
# escaped) and its own mrkdwn dialect.
SLACK_MARKUP = CardMarkup(
    role=slack_group_mention,
    link=lambda title, url: f"<{url}|{escape(title)}>" if url else escape(title),
    text=mrkdwn,
)


def round_card(request: SlackRequest, overview: RoundOverview, zone: Any) -> Card:
    """A round at a glance (the cog's embed as blocks)."""
    card = shared_round_card(overview, zone, request.texts, request.lang, SLACK_MARKUP)
    starts = [session.starts_at for session in overview.sessions]

    def zoned(text: str) -> str:
        return zoned_times(text, starts, zone, request.lang)

    return Card(
        title=card.title,
        body=zoned("\n".join(card.lines)),
        pairs=tuple((name, zoned(_lines(lines))) for name, lines in card.sections),
        footer=card.footer,
    )


def session_line_text(request: SlackRequest, session: Session, zone: Any) -> str:
    """One line of a session list; its time in each reader's own zone."""
    line = mrkdwn(messages.session_line(session, zone, request.texts, request.lang))
    return zoned_times(line, [session.starts_at], zone, request.lang)


def _when(request: SlackRequest, moment: datetime, zone: Any) -> str:
    """A moment in each reader's own zone (the workspace's as the fallback)."""
    return zoned_times(format_local(moment, zone, request.lang), [moment], zone, request.lang)


def rsvp_elements(
    request: SlackRequest, session_id: int, counts: RsvpCounts, lang: Lang
) -> list[Block]:
    return [
        button(custom_id, label, custom_id)
        for custom_id, label in messages.rsvp_buttons(
            session_id, counts, request.texts, lang
        )
    ]


def session_reply(
    request: SlackRequest, rnd: Round, session: Session, counts: RsvpCounts, zone: Any
) -> Reply:
    texts, lang = request.texts, request.lang
    pairs = [
        (mrkdwn(name), zoned_times(mrkdwn(value), [session.starts_at], zone, lang))
        for name, value in messages.session_fields(rnd, session, zone, texts, lang)
    ]
    pairs.append(
        (
            request.t("rounds.field.rsvp"),
            messages.rsvp_summary(counts, texts, lang),
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
    return await round_list_page(request, "", 1)


async def round_list_page(request: SlackRequest, argument: str, page: int) -> Reply:
    rounds = await request.services.rounds.list_rounds(request.community)
    texts = request.texts
    lines = [
        slack_bold(messages.round_list_line(r, texts, request.lang, escape)) for r in rounds
    ]
    return paged_card(
        request,
        list_name="rounds",
        argument="",
        title=request.t("rounds.list.title"),
        lines=lines,
        page=page,
        empty=request.t("rounds.list.empty"),
    )


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
    ics = calendar_file(rnd, data)
    return Reply(text=note, upload=FileUpload(ics.filename, ics.content, rnd.name))


async def session_list(request: SlackRequest, text: str) -> Reply:
    return await session_list_page(request, text, 1)


async def session_list_page(request: SlackRequest, text: str, page: int) -> Reply:
    rounds = request.services.rounds
    rnd, sessions = await rounds.list_sessions(request.community, _round_text(text))
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
    label_lang = request.lang if ephemeral_source else await _shared_language(request)
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


# -- moderators --------------------------------------------------------------------------------
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
    await request.require_moderator()
    duration = str(values.get("duration") or "").strip()
    with on_field("weeks"):
        weeks = parse_int(str(values.get("weeks") or ""), low=1, high=52)
    with on_field("duration"):
        minutes = parse_int(duration, low=15, high=720) if duration else None
    channel = str(values.get("channel") or metadata.get("channel") or "")
    with on_field("channel"):
        await ensure_postable(request, channel)
    made = await request.services.rounds.create(
        request.member,
        name=str(values.get("name") or ""),
        start=str(values.get("start") or ""),
        weeks=weeks,
        channel_id=channel,
        cadence=str(values.get("cadence") or ""),
        duration_minutes=minutes,
        place=str(values.get("place") or "").strip() or None,
    )
    done = request.t("rounds.create.done", round=escape(made.round.name), count=len(made.sessions))
    return await _change_reply(request, made.round, made.sessions, done)


async def round_edit(request: SlackRequest, text: str) -> None:
    """``/round edit [round]``: the round's settings in a form; what is changed there
    is saved on submit."""
    rnd = await request.services.rounds.resolve_round(request.community, _round_text(text))
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
    await request.require_moderator()
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
        request.member,
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
    return await _change_reply(request, edited.round, edited.sessions, done)


async def _change_reply(
    request: SlackRequest, rnd: Round, sessions: tuple[Session, ...], done: str
) -> Reply:
    """A confirmation followed by the round's card with its (planned) sessions."""
    zone = await request.services.rounds.zone_of(request.community)
    card = round_card(request, RoundOverview(rnd, (), sessions, ()), zone)
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
    """"Session threads: #1 · #2 …", each linking the thread its session's posts
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


async def round_export(request: SlackRequest, text: str) -> Reply:
    """``/round export [round]``: the recap as Markdown and CSV, and the calendar once
    the round has started, sent privately as files."""
    rounds, texts = request.services.rounds, request.texts
    rnd = await rounds.resolve_round(request.community, _round_text(text))
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
        return await _assign(request, rest, "slack.usage.round")
    round_text = rest if mode.lower() in ROTATE else text
    rounds = request.services.rounds
    rotated = await rounds.rotate_presenters(request.member, _round_text(round_text))
    zone = await rounds.zone_of(request.community)
    lines = [session_line_text(request, s, zone) for s in rotated.sessions]
    done = request.t("rounds.presenters.rotated", round=escape(rotated.round.name))
    return Card(body=f"{done}\n{_lines(lines)}").reply()


async def session_edit(request: SlackRequest, text: str) -> Reply:
    """``/session edit <session> [new time] [| minutes] [| topic] [| place] [| paper|sota]``;
    a part left empty stays as it is."""
    session_text, rest = split_first(text)
    when, minutes, topic, place, kind = split_parts(rest, 5)
    if not session_text or not any((when, minutes, topic, place, kind)):
        return usage_reply(request, "slack.usage.session")
    rounds = request.services.rounds
    changed = await rounds.edit_session(
        request.member,
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
    changed = await request.services.rounds.cancel_session(request.member, text)
    return Reply(text=request.t("rounds.session.cancelled", index=changed.session.index))


async def session_assign(request: SlackRequest, text: str) -> Reply:
    """``/session assign <session> @member``: the session's presenter, by hand."""
    return await _assign(request, text, "slack.usage.session")


async def _assign(request: SlackRequest, text: str, usage_key: str) -> Reply:
    session_text, rest = split_first(text)
    who, _ = split_first(rest)
    if not session_text or not who:
        return usage_reply(request, usage_key)
    target, name = await _workspace_member(request, who)
    changed = await request.services.rounds.assign_presenter(
        request.member, session_text, request.member_ref(target), display_name=name
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
        request.member,
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
            request.texts.t(f"cmd.rounds.choice.{kind}", lang).lower()
            for lang in LANGUAGES
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
    shared = replace(request, lang=await _shared_language(request))
    reply = session_reply(shared, view.round, view.session, view.counts, view.zone)
    try:
        await request.client.chat_update(channel=channel, ts=ts, **reply.post_arguments())
    except SlackApiError as exc:
        log.info(
            "could not update the announcement of session %s: %s",
            session.id,
            exc.response.get("error"),
        )


async def _shared_language(request: SlackRequest) -> Lang:
    """The language of what everyone reads (channel posts, shared buttons): the
    community's forced language, else the bot's default."""
    config = await request.services.community.config(request.community)
    return config.shared_language(request.services.settings.language)


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


COMMANDS = (
    SlashCommand(
        name="round",
        default="show",
        subcommands=subcommands(
            "rounds",
            members={
                "list": round_list,
                "show": round_show,
                "join": round_join,
                "leave": round_leave,
                "calendar": round_calendar,
            },
            moderators={
                "create": round_create,
                "start": round_start,
                "close": round_close,
                "paper-add": paper_add,
                "paper-remove": paper_remove,
                "edit": round_edit,
                "export": round_export,
                "presenters": round_presenters,
            },
        ),
    ),
    SlashCommand(
        name="session",
        default="list",
        subcommands=subcommands(
            "rounds",
            members={"list": session_list, "show": session_show},
            moderators={
                "cancel": session_cancel,
                "edit": session_edit,
                "assign": session_assign,
                "attendance": session_attendance,
            },
        ),
    ),
)

ACTIONS: dict[str, ActionHandler] = {"round": rsvp_clicked}
PAGED_LISTS: dict[str, PagedList] = {"rounds": round_list_page, "sessions": session_list_page}
VIEWS: dict[str, ViewHandler] = {
    ROUND_CREATE_VIEW: submit_round_create,
    ROUND_EDIT_VIEW: submit_round_edit,
}
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
VIEW_FIELDS = {ROUND_CREATE_VIEW: ROUND_FORM_FIELDS, ROUND_EDIT_VIEW: ROUND_FORM_FIELDS}
