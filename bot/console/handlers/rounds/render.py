"""What the console's rounds commands share: round cards as text, RSVP buttons as
numbered choices, the round option."""

from __future__ import annotations

from bot.console.context import ConsoleContext
from bot.console.parsing import Param, number
from bot.console.replies import Choice, Reply
from bot.core.errors import UserFacingError
from bot.core.round_model import RoundOverview, RsvpCounts
from bot.i18n import Lang
from bot.ports import OutgoingMessage
from bot.rounds import messages
from bot.rounds.card import CardMarkup, RoundCard, round_card

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


def round_option(options: dict[str, str]) -> str | None:
    return options.get("round") or None


ROUND = Param("round", rest=True)


def optional_number(options: dict[str, str], name: str, low: int, high: int) -> int | None:
    typed = options.get(name)
    return number(typed, low=low, high=high) if typed else None
