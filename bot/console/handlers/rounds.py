"""/round and /session for members in the console; RSVP buttons are numbered
choices. Moderators' commands are in ``round_admin``."""

from __future__ import annotations

from bot.console.commands import Command
from bot.console.context import ConsoleContext
from bot.console.parsing import Param
from bot.console.replies import Choice, FileOut, Reply
from bot.core.errors import UserFacingError
from bot.core.round_model import RoundOverview, RsvpCounts
from bot.i18n import Lang
from bot.ports import OutgoingMessage
from bot.rounds import messages
from bot.rounds.card import CardMarkup, RoundCard, round_card
from bot.rounds.export import calendar_file

NO = ("no", "n", "false", "off", "아니오", "아니요", "안함")
CONSOLE_MARKUP = CardMarkup(
    role=lambda role: f"@{role}",
    link=lambda title, url: f"{title} ({url})" if url else title,
    text=lambda text: text,
)


def card_reply(card: RoundCard, note: str | None = None) -> Reply:
    """A round card as a titled block."""
    return Reply(
        note=note, title=card.title, text="\n".join(card.lines),
        fields=tuple((name, "\n".join(lines) or "—") for name, lines in card.sections),
        footer=card.footer,
    )


async def overview_reply(
    context: ConsoleContext, overview: RoundOverview, note: str | None = None
) -> Reply:
    zone = await context.services.rounds.zone_of(context.community)
    card = round_card(overview, zone, context.services.texts, context.lang, CONSOLE_MARKUP)
    return card_reply(card, note)


def rsvp_choices(context: ConsoleContext, session_id: int, counts: RsvpCounts,
                 lang: Lang) -> tuple[Choice, ...]:
    """Going / maybe / not going for ``session_id``, with the counts."""
    buttons = messages.rsvp_buttons(session_id, counts, context.services.texts, lang)
    return tuple(button_choice(context, custom_id, label) for custom_id, label in buttons)


def button_choice(context: ConsoleContext, custom_id: str, label: str) -> Choice:
    """A button of a posted message as a choice (RSVP buttons are the only kind)."""

    async def press() -> Reply:
        found = messages.parse_rsvp_custom_id(custom_id)
        if found is None:
            raise UserFacingError("rounds.error.rsvp_answer")
        session_id, answer = found
        result = await context.services.rounds.rsvp(
            context.member, session_id, answer, display_name=context.identity.name
        )
        text = messages.rsvp_saved_text(result, context.services.texts, context.lang)
        choices = rsvp_choices(context, session_id, result.counts, context.lang)
        if answer == "going":  # offer the DM an hour before (opt-in)
            text += "\n" + context.t("rounds.dm.offer", index=result.session.index)
            choices += (dm_choice(context, session_id, True),)
        return Reply(text=text, choices=choices)

    return Choice(label, press)


def dm_choice(context: ConsoleContext, session_id: int, wanted: bool) -> Choice:
    """🔔/🔕: the DM an hour before the session, on or off."""
    _, label = messages.dm_button(session_id, wanted, context.services.texts, context.lang)

    async def press() -> Reply:
        session = await context.services.rounds.dm_before(
            context.member, session_id, wanted=wanted, lang=context.lang)
        key = "rounds.dm.on" if wanted else "rounds.dm.off"
        return Reply(text=context.t(key, index=session.index),
                     choices=(dm_choice(context, session_id, not wanted),))

    return Choice(label, press)


def post_choices(context: ConsoleContext, message: OutgoingMessage) -> tuple[Choice, ...]:
    """The buttons of a message the scheduler posted, as choices."""
    return tuple(button_choice(context, custom_id, label) for custom_id, label in message.buttons)


def _round(options: dict[str, str]) -> str | None:
    return options.get("round") or None


async def round_list(context: ConsoleContext, options: dict[str, str]) -> Reply:
    rounds = await context.services.rounds.list_rounds(context.community)
    texts = context.services.texts
    lines = [messages.round_list_line(r, texts, context.lang) for r in rounds] or [
        context.t("rounds.list.empty")]
    return Reply(title=context.t("rounds.list.title"), text="\n".join(lines))


async def round_show(context: ConsoleContext, options: dict[str, str]) -> Reply:
    overview = await context.services.rounds.overview(context.community, _round(options))
    return await overview_reply(context, overview)


async def round_join(context: ConsoleContext, options: dict[str, str]) -> Reply:
    presenting = (options.get("present") or "yes").lower() not in NO
    joined = await context.services.rounds.join(
        context.member, _round(options), display_name=context.identity.name,
        presenting=presenting,
    )
    key = "rounds.join.done" if presenting else "rounds.join.done_no_present"
    return Reply(text=context.t(key, round=joined.round.name))


async def round_leave(context: ConsoleContext, options: dict[str, str]) -> Reply:
    left = await context.services.rounds.leave(context.member, _round(options))
    return Reply(text=context.t("rounds.leave.done", round=left.round.name))


async def round_calendar(context: ConsoleContext, options: dict[str, str]) -> Reply:
    rnd, data = await context.services.rounds.calendar(
        context.community, _round(options), context.lang
    )
    ics = calendar_file(rnd, data)
    return Reply(text=context.t("rounds.calendar.done", round=rnd.name),
                 files=(FileOut(ics.filename, ics.content),))


async def session_list(context: ConsoleContext, options: dict[str, str]) -> Reply:
    rounds = context.services.rounds
    rnd, sessions = await rounds.list_sessions(context.community, _round(options))
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


ROUND = Param("round", rest=True)

COMMANDS = (
    Command("round list", round_list),
    Command("round show", round_show, (ROUND,)),
    Command("round join", round_join, (Param("round"), Param("present"))),
    Command("round leave", round_leave, (ROUND,)),
    Command("round calendar", round_calendar, (ROUND,)),
    Command("session list", session_list, (ROUND,)),
    Command("session show", session_show, (Param("session", required=True),)),
)
