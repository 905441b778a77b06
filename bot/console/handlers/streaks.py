"""/checkin and /streak in the console; the heatmap PNG is saved as a file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.console.commands import Command
from bot.console.context import ConsoleContext
from bot.console.parsing import Param, number, person
from bot.console.replies import FileOut, Reply
from bot.core.errors import UserFacingError
from bot.schedules.parse import format_local
from bot.streaks import presentation


def _plain(text: str) -> str:
    return text


async def _moment(context: ConsoleContext) -> Callable[[datetime], str]:
    """Moments in the community's time zone, as the reader's language writes them."""
    zone = (await context.services.community.config(context.community)).zone
    return lambda moment: format_local(moment, zone, context.lang)


async def checkin(context: ConsoleContext, options: dict[str, str]) -> Reply:
    paper, note = options.get("paper") or None, options.get("note") or None
    result = await context.services.streaks.check_in(
        context.member, context.identity.name, paper=paper, note=note
    )
    lines = presentation.checkin_lines(context.t, result, paper=paper, note=note)
    return Reply(text="\n".join(lines))


async def show(context: ConsoleContext, options: dict[str, str]) -> Reply:
    """The summary as a block and the 26-week heatmap as a PNG file."""
    name = person(options["member"]) if options.get("member") else context.identity.name
    services = context.services
    summary = await services.streaks.show(context.member_ref(name))
    png = await services.heatmaps.png(summary.counts_by_day, summary.today, context.lang)
    text = presentation.summary_text(
        context.t, summary, name, moment=await _moment(context), freeze_separator=" · "
    )
    used = (text.freeze_used,) if text.freeze_used is not None else ()
    return Reply(
        title=text.title, text=text.status, fields=(*text.fields, *used),
        files=(FileOut(f"streak-{name}-{summary.today.isoformat()}.png", png),),
    )


async def leaderboard(context: ConsoleContext, options: dict[str, str]) -> Reply:
    scope = (options.get("scope") or "current").lower()
    services = context.services
    round_ids = (
        await services.rounds.active_round_member_ids(context.community)
        if scope == "round" else None
    )
    board = await services.streaks.leaderboard(context.community, scope, context.member, round_ids)
    text = presentation.board_text(context.t, board, _plain)
    return Reply(title=text.title, text=text.body, footer=text.footer)


async def adjust(context: ConsoleContext, options: dict[str, str]) -> Reply:
    name = person(options["member"])
    try:
        day = datetime.fromisoformat(options["day"]).date()
    except ValueError:
        raise UserFacingError("streaks.error.bad_day", value=options["day"][:40]) from None
    result = await context.services.streaks.adjust(
        await context.actor(), context.member_ref(name), day, options["action"].lower(),
        options["reason"], display_name=name,
    )
    kind = (await context.services.community.config(context.community)).streak_period
    return Reply(text=presentation.adjust_text(context.t, result, name, kind))


async def freeze_grant(context: ConsoleContext, options: dict[str, str]) -> Reply:
    name = person(options["member"])
    result = await context.services.streaks.grant_freezes(
        await context.actor(), context.member_ref(name), number(options["count"], low=1, high=10),
        options["reason"],
    )
    return Reply(text=presentation.grant_text(context.t, result, name))


async def history(context: ConsoleContext, options: dict[str, str]) -> Reply:
    name = person(options["member"])
    rows = await context.services.streaks.history(await context.actor(), context.member_ref(name))
    moment = await _moment(context)
    lines = [presentation.history_line(context.t, row, moment=moment, clean=_plain) for row in rows]
    return Reply(title=context.t("streaks.history.title", member=name),
                 text="\n".join(lines) or context.t("streaks.history.empty"))


MEMBER = Param("member", required=True)
REASON = Param("reason", required=True, rest=True)

COMMANDS = (
    Command("checkin", checkin, (Param("paper", rest=True), Param("note", rest=True))),
    Command("streak show", show, (Param("member"),)),
    Command("streak leaderboard", leaderboard, (Param("scope"),)),
    Command("streak adjust", adjust,
            (MEMBER, Param("day", required=True), Param("action", required=True), REASON),
            moderator=True),
    Command("streak freeze-grant", freeze_grant,
            (MEMBER, Param("count", required=True), REASON), moderator=True),
    Command("streak history", history, (MEMBER,), moderator=True),
)
