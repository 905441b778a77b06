"""/round for members on Slack: list, show, join, leave, calendar.

Files (the calendar) go to the member's direct messages with the app: an
ephemeral reply cannot carry a file."""

from __future__ import annotations

from bot.rounds import messages
from bot.rounds.export import calendar_file
from bot.slack.blocks import (
    FileUpload,
    Reply,
    escape,
    slack_bold,
)
from bot.slack.context import SlackRequest
from bot.slack.handlers.paging import paged_card
from bot.slack.handlers.rounds.render import optional_round, round_card

NO_PRESENT = ("no-present", "nopresent", "listen", "발표안함", "청강")


async def round_list(request: SlackRequest, text: str) -> Reply:
    return await round_list_page(request, "", 1)


async def round_list_page(request: SlackRequest, argument: str, page: int) -> Reply:
    rounds = await request.services.rounds.list_rounds(request.community)
    texts = request.texts
    lines = [slack_bold(messages.round_list_line(r, texts, request.lang, escape)) for r in rounds]
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
    overview = await rounds.overview(request.community, optional_round(text))
    return round_card(request, overview, await rounds.zone_of(request.community)).reply()


async def round_join(request: SlackRequest, text: str) -> Reply:
    """``/round join [round] [no-present]``."""
    words = text.split()
    presenting = not (words and words[-1].lower() in NO_PRESENT)
    round_text = " ".join(words if presenting else words[:-1])
    joined = await request.services.rounds.join(
        request.member,
        optional_round(round_text),
        display_name=request.display_name,
        presenting=presenting,
    )
    key = "rounds.join.done" if presenting else "rounds.join.done_no_present"
    return Reply(text=request.t(key, round=escape(joined.round.name)))


async def round_leave(request: SlackRequest, text: str) -> Reply:
    left = await request.services.rounds.leave(request.member, optional_round(text))
    return Reply(text=request.t("rounds.leave.done", round=escape(left.round.name)))


async def round_calendar(request: SlackRequest, text: str) -> Reply:
    """The round's sessions as an .ics file, sent privately."""
    rnd, data = await request.services.rounds.calendar(
        request.community, optional_round(text), request.lang
    )
    note = request.t("rounds.calendar.done", round=escape(rnd.name))
    ics = calendar_file(rnd, data)
    return Reply(text=note, upload=FileUpload(ics.filename, ics.content, rnd.name))
