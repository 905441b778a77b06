"""/session for members in the console: list, show (RSVP buttons are numbered
choices)."""

from __future__ import annotations

from bot.console.commands import Command
from bot.console.context import ConsoleContext
from bot.console.handlers.rounds.render import ROUND, round_option, rsvp_choices
from bot.console.parsing import Param
from bot.console.replies import Reply
from bot.rounds import messages


async def session_list(context: ConsoleContext, options: dict[str, str]) -> Reply:
    rounds = context.services.rounds
    rnd, sessions = await rounds.list_sessions(context.community, round_option(options))
    zone = await rounds.zone_of(context.community)
    lines = [messages.session_line(s, zone, context.services.texts, context.lang)
             for s in sessions] or [context.t("rounds.error.no_sessions_yet", round=rnd.name)]
    return Reply(title=context.t("rounds.sessions.title", round=rnd.name), text="\n".join(lines))


async def session_show(context: ConsoleContext, options: dict[str, str]) -> Reply:
    """A session with its RSVP counts; while it is open, the answers as choices."""
    view = await context.services.rounds.show_session(context.community, options["session"])
    texts, lang = context.services.texts, context.lang
    rnd, session, counts = view.round, view.session, view.counts
    fields = list(messages.session_fields(rnd, session, view.zone, texts, lang))
    fields.append((context.t("rounds.field.rsvp"), messages.rsvp_summary(counts, texts, lang)))
    is_open = session.status == "scheduled"
    choices = rsvp_choices(context, session.id, counts, lang) if is_open else ()
    return Reply(
        title=context.t("rounds.reminder.title", round=rnd.name, index=session.index),
        text=context.t(f"rounds.session_status.{session.status}"),
        fields=tuple(fields), footer=context.t("rounds.session.footer", id=session.id),
        choices=choices,
    )


COMMANDS = (
    Command("session list", session_list, (ROUND,)),
    Command("session show", session_show, (Param("session", required=True),)),
)
