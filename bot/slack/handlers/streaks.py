"""/checkin and /streak on Slack (show with the heatmap as a file, leaderboard,
and the moderators' adjust, freeze-grant and history)."""

from __future__ import annotations

import asyncio
from collections.abc import Collection

from bot.slack.blocks import Card, FileUpload, Reply, date_token, escape
from bot.slack.commands import SlashCommand, Subcommand
from bot.slack.context import SlackRequest
from bot.slack.handlers.parsing import (
    parse_day,
    parse_int,
    require_user,
    split_first,
    split_parts,
    unwrap_link,
)
from bot.streaks.heatmap import render_heatmap
from bot.streaks.service import (
    AdjustResult,
    AuditRow,
    CheckinResult,
    Leaderboard,
    StreakSummary,
)


def streak_text(request: SlackRequest, kind: str, count: int) -> str:
    return request.t(f"streaks.streak.{kind}", count=count)


def periods_text(request: SlackRequest, kind: str, count: int) -> str:
    return request.t(f"streaks.periods.{kind}.{'one' if count == 1 else 'other'}", count=count)


# -- /checkin ----------------------------------------------------------------------------------
async def checkin(request: SlackRequest, text: str) -> Reply:
    """``/checkin [paper] [| note]``."""
    paper, note = split_parts(text, 2)
    paper = unwrap_link(paper)  # a pasted link arrives as <https://…>
    result = await request.services.streaks.check_in(
        request.member,
        request.display_name,
        paper=paper or None,
        note=note or None,
        # Slack redelivers an envelope whose ack was lost: same trigger, counted once.
        dedupe_key=f"slack:{request.trigger_id}" if request.trigger_id else None,
    )
    config = await request.services.community.config(request.community)
    lines = checkin_lines(request, result)
    if paper:
        lines.append(request.t("streaks.checkin.paper", paper=escape(paper)))
    if note:
        lines.append(request.t("streaks.checkin.note", note=escape(note)))
    return Card(body="\n".join(lines)).reply(public=config.checkin_replies_public)


def checkin_lines(request: SlackRequest, result: CheckinResult) -> list[str]:
    """The sentences that describe a check-in (same keys as the Discord cog)."""
    streak = streak_text(request, result.kind, result.current)
    if result.duplicate:
        lines = [request.t("streaks.checkin.duplicate", streak=streak)]
    elif not result.counted:
        lines = [request.t(f"streaks.checkin.already_{result.kind}", streak=streak)]
    elif result.current == 1:
        lines = [request.t("streaks.checkin.started", streak=streak)]
    else:
        lines = [request.t("streaks.checkin.extended", streak=streak)]
    if result.bridged:
        dates = ", ".join(day.isoformat() for day in result.bridged)
        lines.append(
            request.t("streaks.checkin.freeze_used", dates=dates, left=result.freezes_left)
        )
    if result.earned_freeze:
        lines.append(request.t("streaks.checkin.freeze_earned", count=result.freezes_left))
    return lines


# -- /streak show ------------------------------------------------------------------------------
async def show(request: SlackRequest, text: str) -> Reply:
    """``/streak show [@member]``: the summary, and the 26-week heatmap as a PNG file
    (in the channel, or in a direct message when check-in replies are private)."""
    target = require_user(text) if text.strip() else request.member.external_id
    summary = await request.services.streaks.show(request.member_ref(target))
    name = await _name_of(request, target)
    png = await asyncio.to_thread(
        render_heatmap, summary.counts_by_day, summary.today, request.lang
    )
    config = await request.services.community.config(request.community)
    reply = summary_card(request, summary, name).reply()
    return Reply(
        text=reply.text,
        blocks=reply.blocks,
        public=config.checkin_replies_public,
        upload=FileUpload(
            filename=f"streak-{target}-{summary.today.isoformat()}.png",
            content=png,
            title=request.t("streaks.show.title", name=name),
            comment=request.t("streaks.show.heatmap"),
        ),
    )


def summary_card(request: SlackRequest, summary: StreakSummary, name: str) -> Card:
    kind = summary.kind
    freezes = str(summary.freezes_left)
    if summary.next_freeze_in is not None:
        freezes += " · " + request.t("streaks.show.next_freeze", count=summary.next_freeze_in)
    last = request.t("streaks.show.never")
    if summary.last_checkin_at is not None:
        last = date_token(summary.last_checkin_at, summary.last_checkin_at.date().isoformat())
    pairs = [
        (request.t("streaks.show.current"), streak_text(request, kind, summary.current)),
        (request.t("streaks.show.longest"), streak_text(request, kind, summary.longest)),
        (
            request.t("streaks.show.total"),
            request.t(
                "streaks.show.total_value",
                checkins=summary.total_checkins,
                periods=periods_text(request, kind, summary.total_periods),
            ),
        ),
        (request.t("streaks.show.freezes"), freezes),
        (request.t("streaks.show.last_checkin"), last),
    ]
    if summary.freeze_used:
        pairs.append(
            (
                request.t("streaks.show.freeze_used"),
                ", ".join(day.isoformat() for day in summary.freeze_used[-10:]),
            )
        )
    state = "done" if summary.covered_today else "open"
    return Card(
        title=request.t("streaks.show.title", name=name),
        body=request.t(f"streaks.show.today_{state}_{kind}"),
        pairs=tuple(pairs),
    )


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
    title_params = {"month": board.month} if board.scope == "month" else {}
    lines = []
    for entry in board.entries:
        value = (
            periods_text(request, board.kind, entry.value)
            if board.scope == "month"
            else streak_text(request, board.kind, entry.value)
        )
        name = (
            escape(entry.display_name)
            if entry.display_name
            else request.t("streaks.board.unknown_member")
        )
        lines.append(request.t("streaks.board.line", rank=entry.rank, name=name, value=value))
    if board.caller.rank is None:
        footer = request.t("streaks.board.unranked")
    else:
        value = (
            periods_text(request, board.kind, board.caller.value)
            if board.scope == "month"
            else streak_text(request, board.kind, board.caller.value)
        )
        footer = request.t("streaks.board.your_rank", rank=board.caller.rank, value=value)
    return Card(
        title=request.t(f"streaks.board.title.{board.scope}", **title_params),
        body="\n".join(lines) or request.t("streaks.board.empty"),
        footer=footer,
    )


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
    name = await _name_of(request, target)
    result = await request.services.streaks.adjust(
        request.member,
        request.member_ref(target),
        parse_day(day_text),
        action.lower(),
        reason,
        display_name=None,
    )
    kind = (await request.services.community.config(request.community)).streak_period
    return Reply(text=adjust_text(request, result, name, kind))


def adjust_text(request: SlackRequest, result: AdjustResult, name: str, kind: str) -> str:
    streak = streak_text(request, kind, result.current)
    if result.action == "add":
        return request.t(
            "streaks.adjust.added", member=name, day=result.day.isoformat(), streak=streak
        )
    return request.t(
        "streaks.adjust.removed",
        member=name,
        day=result.day.isoformat(),
        count=result.changed,
        streak=streak,
    )


async def freeze_grant(request: SlackRequest, text: str) -> Reply:
    """``/streak freeze-grant @member count reason``."""
    who, rest = split_first(text)
    count_text, reason = split_first(rest)
    target = require_user(who)
    result = await request.services.streaks.grant_freezes(
        request.member, request.member_ref(target), parse_int(count_text, low=1, high=10), reason
    )
    return Reply(
        text=request.t(
            "streaks.grant.done",
            member=await _name_of(request, target),
            count=result.count,
            left=result.freezes_left,
        )
    )


async def history(request: SlackRequest, text: str) -> Reply:
    """``/streak history @member``."""
    target = require_user(text)
    rows = await request.services.streaks.history(request.member_ref(target))
    name = await _name_of(request, target)
    lines = [history_line(request, row) for row in rows]
    return Card(
        title=request.t("streaks.history.title", member=name),
        body="\n".join(lines) or request.t("streaks.history.empty"),
    ).reply()


def history_line(request: SlackRequest, row: AuditRow) -> str:
    details = row.details
    return request.t(
        f"streaks.history.{row.action}",
        at=date_token(row.at, row.at.date().isoformat()),
        actor=escape(row.actor_name or row.actor_id),
        day=details.get("day", "?"),
        count=details.get("changed", details.get("count", 0)),
        reason=escape(row.reason),
    )


async def _name_of(request: SlackRequest, user_id: str) -> str:
    if user_id == request.member.external_id and request.display_name:
        return escape(request.display_name)
    profile = await request.directory.profile(user_id)
    return escape(profile.display_name) if profile and profile.display_name else user_id


COMMANDS = (
    SlashCommand(
        name="checkin",
        free_text=Subcommand("checkin", checkin, service="streaks"),
        empty_is_free_text=True,
    ),
    SlashCommand(
        name="streak",
        default="show",
        subcommands=(
            Subcommand("show", show, service="streaks"),
            Subcommand("leaderboard", leaderboard, service="streaks"),
            Subcommand("adjust", adjust, moderator=True, service="streaks"),
            Subcommand("freeze-grant", freeze_grant, moderator=True, service="streaks"),
            Subcommand("history", history, moderator=True, service="streaks"),
        ),
    ),
)
