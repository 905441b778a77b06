"""What the rounds handlers on Slack share: round cards, session lines, the RSVP
buttons (their action ids are the services' custom ids) and change replies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.core.round_model import (
    Round,
    RoundOverview,
    RsvpCounts,
    Session,
)
from bot.i18n import Lang
from bot.rounds import messages
from bot.rounds.card import CardMarkup, cut_lines
from bot.rounds.card import round_card as shared_round_card
from bot.slack.blocks import (
    Block,
    Card,
    Reply,
    actions,
    button,
    escape,
    mrkdwn,
    slack_group_mention,
    zoned_times,
)
from bot.slack.context import SlackRequest

RSVP_BLOCK = "rsvp"


LIST_LIMIT = 2900


def joined_lines(lines: Sequence[str]) -> str:
    """Whole lines up to Slack's section limit (an ellipsis marks a cut)."""
    return cut_lines(lines, LIST_LIMIT)


def optional_round(text: str) -> str | None:
    return text.strip() or None


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
        pairs=tuple((name, zoned(joined_lines(lines))) for name, lines in card.sections),
        footer=card.footer,
    )


def session_line_text(request: SlackRequest, session: Session, zone: Any) -> str:
    """One line of a session list; its time in each reader's own zone."""
    line = mrkdwn(messages.session_line(session, zone, request.texts, request.lang))
    return zoned_times(line, [session.starts_at], zone, request.lang)


def rsvp_elements(
    request: SlackRequest, session_id: int, counts: RsvpCounts, lang: Lang
) -> list[Block]:
    return [
        button(custom_id, label, custom_id)
        for custom_id, label in messages.rsvp_buttons(session_id, counts, request.texts, lang)
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


async def change_reply(
    request: SlackRequest, rnd: Round, sessions: tuple[Session, ...], done: str
) -> Reply:
    """A confirmation followed by the round's card with its (planned) sessions."""
    zone = await request.services.rounds.zone_of(request.community)
    card = round_card(request, RoundOverview(rnd, (), sessions, ()), zone)
    return Reply(text=done, blocks=(*Card(body=done).blocks(), *card.blocks()))
