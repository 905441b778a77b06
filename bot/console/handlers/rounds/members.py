"""/round for members in the console: list, show, join, leave, calendar.
/session is in ``sessions``; moderators' commands in ``admin`` and ``session_admin``."""

from __future__ import annotations

from bot.console.commands import Command
from bot.console.context import ConsoleContext
from bot.console.handlers.rounds.render import NO, ROUND, overview_reply, round_option
from bot.console.parsing import Param
from bot.console.replies import FileOut, Reply
from bot.rounds import messages
from bot.rounds.export import calendar_file


async def round_list(context: ConsoleContext, options: dict[str, str]) -> Reply:
    rounds = await context.services.rounds.list_rounds(context.community)
    texts = context.services.texts
    lines = [messages.round_list_line(r, texts, context.lang) for r in rounds] or [
        context.t("rounds.list.empty")]
    return Reply(title=context.t("rounds.list.title"), text="\n".join(lines))


async def round_show(context: ConsoleContext, options: dict[str, str]) -> Reply:
    overview = await context.services.rounds.overview(context.community, round_option(options))
    return await overview_reply(context, overview)


async def round_join(context: ConsoleContext, options: dict[str, str]) -> Reply:
    presenting = (options.get("present") or "yes").lower() not in NO
    joined = await context.services.rounds.join(
        context.member, round_option(options), display_name=context.identity.name,
        presenting=presenting,
    )
    key = "rounds.join.done" if presenting else "rounds.join.done_no_present"
    return Reply(text=context.t(key, round=joined.round.name))


async def round_leave(context: ConsoleContext, options: dict[str, str]) -> Reply:
    left = await context.services.rounds.leave(context.member, round_option(options))
    return Reply(text=context.t("rounds.leave.done", round=left.round.name))


async def round_calendar(context: ConsoleContext, options: dict[str, str]) -> Reply:
    rnd, data = await context.services.rounds.calendar(
        context.community, round_option(options), context.lang
    )
    ics = calendar_file(rnd, data)
    return Reply(text=context.t("rounds.calendar.done", round=rnd.name),
                 files=(FileOut(ics.filename, ics.content),))


COMMANDS = (
    Command("round list", round_list),
    Command("round show", round_show, (ROUND,)),
    Command("round join", round_join, (Param("round"), Param("present"))),
    Command("round leave", round_leave, (ROUND,)),
    Command("round calendar", round_calendar, (ROUND,)),
)
