"""/checkin and /streak on Slack (show with the heatmap as a file, leaderboard,
and the moderators' adjust, freeze-grant and history)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from bot.slack.blocks import Card, FileUpload, Reply, date_token, escape
from bot.slack.commands import SlashCommand
from bot.slack.context import SlackRequest
from bot.slack.handlers.base import free_text_command, subcommands
from bot.slack.handlers.paging import PagedList, paged_card
from bot.slack.handlers.parsing import (
    member_ids_in,
    parse_day,
    parse_int,
    readable,
    require_user,
    split_first,
    split_parts,
    unwrap_link,
)
from bot.streaks import presentation
from bot.streaks.service import AuditRow, Leaderboard, StreakSummary


# -- /checkin ----------------------------------------------------------------------------------
async def checkin(request: SlackRequest, text: str) -> Reply:
    """``/checkin [paper] [| note]``."""
    paper, note = split_parts(text, 2)
    paper = unwrap_link(paper)  # a pasted link arrives as <https://…>
    return await checkin_reply(
        request, paper=await plain_text(request, paper), note=await plain_text(request, note)
    )


async def checkin_reply(request: SlackRequest, *, paper: str | None, note: str | None) -> Reply:
    """Record a check-in and say what it did to the streak."""
    result = await request.services.streaks.check_in(
        request.member,
        request.display_name,
        paper=paper or None,
        note=note or None,
        # Slack redelivers an envelope whose ack was lost: same trigger, counted once.
        dedupe_key=f"slack:{request.trigger_id}" if request.trigger_id else None,
    )
    lines = presentation.checkin_lines(
        request.t,
        result,
        paper=escape(paper) if paper else None,
        note=escape(note) if note else None,
    )
    request.services.heatmaps_ahead.after_checkin(request.member, request.lang)
    return Card(body="\n".join(lines)).reply(public=result.reply_public)


async def plain_text(request: SlackRequest, text: str) -> str:
    """Member text with Slack's markup as a reader sees it (``<@U1>`` as ``@name``)."""
    ids = member_ids_in(text)
    names = {uid: await display_name_of(request, uid, escaped=False) for uid in ids}
    return readable(text, names).strip()


# -- /streak show ------------------------------------------------------------------------------
async def show(request: SlackRequest, text: str) -> Reply:
    """``/streak show [@member]``: the summary, and the 26-week heatmap as a PNG file
    (in the channel, or in a direct message when check-in replies are private)."""
    target = require_user(text) if text.strip() else request.member.external_id
    summary = await request.services.streaks.show(request.member_ref(target))
    name = await display_name_of(request, target)
    png = await request.services.heatmaps.png(summary.counts_by_day, summary.today, request.lang)
    reply = summary_card(request, summary, name).reply()
    return Reply(
        text=reply.text,
        blocks=reply.blocks,
        public=summary.reply_public,
        upload=FileUpload(
            filename=f"streak-{target}-{summary.today.isoformat()}.png",
            content=png,
            title=request.t("streaks.show.title", name=name),
            comment=request.t("streaks.show.heatmap"),
        ),
    )


def summary_card(request: SlackRequest, summary: StreakSummary, name: str) -> Card:
    text = presentation.summary_text(request.t, summary, name, moment=_date, freeze_separator=" · ")
    used = (text.freeze_used,) if text.freeze_used is not None else ()
    return Card(title=text.title, body=text.status, pairs=(*text.fields, *used))


def _date(moment: datetime) -> str:
    """A moment every reader sees in their own time zone (the date as fallback)."""
    return date_token(moment, moment.date().isoformat())


# -- /streak leaderboard -----------------------------------------------------------------------
async def leaderboard(request: SlackRequest, text: str) -> Reply:
    """``/streak leaderboard [current|longest|month|round]``."""
    scope = text.strip().split(" ")[0].lower() or "current"
    round_ids = await _round_member_ids(request) if scope == "round" else None
    board = await request.services.streaks.leaderboard(
        request.community, scope, request.member, round_ids
    )
    return leaderboard_card(request, board).reply(public=True)


def leaderboard_card(request: SlackRequest, board: Leaderboard) -> Card:
    text = presentation.board_text(request.t, board, escape)
    return Card(title=text.title, body=text.body, footer=text.footer)


async def _round_member_ids(request: SlackRequest) -> Collection[str] | None:
    """Platform ids of the active round's members (None: no active round)."""
    return await request.services.rounds.active_round_member_ids(request.community)


# -- moderators --------------------------------------------------------------------------------
async def adjust(request: SlackRequest, text: str) -> Reply:
    """``/streak adjust @member YYYY-MM-DD add|remove reason``."""
    who, rest = split_first(text)
    day_text, rest = split_first(rest)
    action, reason = split_first(rest)
    target = require_user(who)
    name = await display_name_of(request, target)
    result = await request.services.streaks.adjust(
        await request.actor(),
        request.member_ref(target),
        parse_day(day_text),
        action.lower(),
        reason,
        display_name=None,
    )
    kind = (await request.services.community.config(request.community)).streak_period
    return Reply(text=presentation.adjust_text(request.t, result, name, kind))


async def freeze_grant(request: SlackRequest, text: str) -> Reply:
    """``/streak freeze-grant @member count reason``."""
    who, rest = split_first(text)
    count_text, reason = split_first(rest)
    target = require_user(who)
    result = await request.services.streaks.grant_freezes(
        await request.actor(),
        request.member_ref(target),
        parse_int(count_text, low=1, high=10),
        reason,
    )
    name = await display_name_of(request, target)
    return Reply(text=presentation.grant_text(request.t, result, name))


async def history(request: SlackRequest, text: str) -> Reply:
    """``/streak history @member``."""
    return await history_page(request, require_user(text), 1)


async def history_page(request: SlackRequest, target: str, page: int) -> Reply:
    # A page button could be crafted: the service checks the actor again.
    rows = await request.services.streaks.history(await request.actor(),
                                                  request.member_ref(require_user(target)))
    name = await display_name_of(request, target)
    return paged_card(
        request,
        list_name="streak_history",
        argument=target,
        title=request.t("streaks.history.title", member=name),
        lines=[history_line(request, row) for row in rows],
        page=page,
        empty=request.t("streaks.history.empty"),
    )


def history_line(request: SlackRequest, row: AuditRow) -> str:
    return presentation.history_line(request.t, row, moment=_date, clean=escape)


async def display_name_of(
    request: SlackRequest, user_id: str, *, escaped: bool = True
) -> str:
    """A member's display name (escaped for Slack unless ``escaped`` is False)."""
    clean = escape if escaped else str
    if user_id == request.member.external_id and request.display_name:
        return clean(request.display_name)
    profile = await request.directory.profile(user_id)
    return clean(profile.display_name) if profile and profile.display_name else user_id


PAGED_LISTS: dict[str, PagedList] = {"streak_history": history_page}

COMMANDS = (
    free_text_command("checkin", checkin, "streaks", empty_too=True),
    SlashCommand(
        name="streak",
        default="show",
        subcommands=subcommands(
            "streaks",
            members={"show": show, "leaderboard": leaderboard},
            moderators={"adjust": adjust, "freeze-grant": freeze_grant, "history": history},
        ),
    ),
)
