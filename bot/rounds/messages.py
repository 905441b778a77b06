"""How sessions read in messages: list lines, reminders with RSVP buttons, event
texts. Pure; ``<@id>`` and ``<#id>`` are read as mentions by Discord and Slack
alike (and never ping: messages are posted with mentions off)."""

from __future__ import annotations

import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

from bot.core.refs import is_former_member
from bot.core.round_model import RSVP_ANSWERS, Round, RsvpAnswer, RsvpCounts, Session
from bot.i18n import Catalog, Lang
from bot.ports import OutgoingMessage, ScheduledEventSpec
from bot.rounds import validation
from bot.rounds.calendar import session_description, session_summary
from bot.rounds.results import EventOutcome, RsvpResult
from bot.schedules.parse import format_local
from bot.schedules.reader_time import ReaderTime, when_text

RSVP_PREFIX = "round:rsvp"
RSVP_EMOJI: dict[RsvpAnswer, str] = {"going": "✅", "maybe": "🤔", "not_going": "❌"}
EVENT_NAME_MAX, EVENT_DESCRIPTION_MAX, EVENT_LOCATION_MAX = 100, 1000, 100
# Matches the custom ids ``rsvp_custom_id`` writes (Discord's dynamic item uses it too).
RSVP_CUSTOM_ID = re.compile(
    rf"{RSVP_PREFIX}:(?P<session>\d{{1,18}}):(?P<answer>{'|'.join(RSVP_ANSWERS)})"
)


def rsvp_custom_id(session_id: int, answer: RsvpAnswer) -> str:
    """The stable custom id of an RSVP button (survives restarts)."""
    return f"{RSVP_PREFIX}:{session_id}:{answer}"


# The 🔔/🔕 button under a private RSVP confirmation: a DM an hour before, or not.
DM_PREFIX = "round:dm"
DM_CUSTOM_ID = re.compile(rf"{DM_PREFIX}:(?P<session>\d{{1,18}}):(?P<wanted>on|off)")


def dm_custom_id(session_id: int, wanted: bool) -> str:
    """The stable custom id of the DM button (survives restarts)."""
    return f"{DM_PREFIX}:{session_id}:{'on' if wanted else 'off'}"


def parse_dm_custom_id(custom_id: str) -> tuple[int, bool] | None:
    """The session and the choice a DM button's custom id names; None for others."""
    found = DM_CUSTOM_ID.fullmatch(custom_id)
    return None if found is None else (int(found["session"]), found["wanted"] == "on")


def dm_button(session_id: int, wanted: bool, texts: Catalog, lang: Lang) -> tuple[str, str]:
    """``(custom_id, label)`` of the button that turns the DM on (or off)."""
    key = "rounds.dm.button_on" if wanted else "rounds.dm.button_off"
    return dm_custom_id(session_id, wanted), texts.t(key, lang)


def rsvp_buttons(
    session_id: int, counts: RsvpCounts, texts: Catalog, lang: Lang
) -> tuple[tuple[str, str], ...]:
    """``(custom_id, label)`` for going / maybe / not going, labels with counts."""
    values = counts.as_dict()
    return tuple(
        (
            rsvp_custom_id(session_id, answer),
            f"{RSVP_EMOJI[answer]} {texts.t(f'rounds.rsvp.{answer}', lang)} · {values[answer]}",
        )
        for answer in RSVP_ANSWERS
    )


def parse_rsvp_custom_id(custom_id: str) -> tuple[int, RsvpAnswer] | None:
    """The session and answer an RSVP button's custom id names; None for any other id."""
    found = RSVP_CUSTOM_ID.fullmatch(custom_id)
    if found is None:
        return None
    answer = next(a for a in RSVP_ANSWERS if a == found["answer"])
    return int(found["session"]), answer


def rsvp_saved_text(result: RsvpResult, texts: Catalog, lang: Lang) -> str:
    """The private confirmation of an RSVP, with the session's counts."""
    counts = result.counts
    return texts.t(
        "rounds.rsvp.saved",
        lang,
        answer=texts.t(f"rounds.rsvp.{result.answer}", lang),
        index=result.session.index,
        going=counts.going,
        maybe=counts.maybe,
        not_going=counts.not_going,
    )


def rsvp_summary(counts: RsvpCounts, texts: Catalog, lang: Lang) -> str:
    """``✅ Going 2 · 🤔 Maybe 0 · ❌ Not going 1``."""
    values = counts.as_dict()
    return " · ".join(
        f"{RSVP_EMOJI[a]} {texts.t(f'rounds.rsvp.{a}', lang)} {values[a]}" for a in RSVP_ANSWERS
    )


def round_list_line(
    rnd: Round, texts: Catalog, lang: Lang, name: Callable[[str], str] = str
) -> str:
    """One line of ``/round list``; ``name`` escapes the round's name for the platform."""
    return texts.t(
        "rounds.list.line",
        lang,
        name=name(rnd.name),
        id=rnd.id,
        status=texts.t(f"rounds.status.{rnd.status}", lang),
        start=rnd.settings.start_date.isoformat(),
        weeks=rnd.settings.weeks,
    )


def file_stem(name: str) -> str:
    """A file name stem for a round's name (its calendar and recap files)."""
    return re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-").lower() or "round"


def place_text(place: str | None, texts: Catalog, lang: Lang) -> str:
    if place is None:
        return texts.t("rounds.place.none", lang)
    return f"<#{place}>" if validation.is_channel_place(place) else place


def presenters_text(session: Session, texts: Catalog, lang: Lang) -> str:
    if not session.presenters:
        return texts.t("rounds.presenters.none", lang)
    return ", ".join(member_mention(p.external_id, texts, lang) for p in session.presenters)


def member_mention(external_id: str, texts: Catalog, lang: Lang) -> str:
    """``<@id>``, or the words "former member" for a deleted member's placeholder."""
    if is_former_member(external_id):
        return texts.t("privacy.former_member", lang)
    return f"<@{external_id}>"


def what_text(session: Session, texts: Catalog, lang: Lang) -> str:
    """The papers, or the review topic, in one line."""
    if session.kind == "sota":
        label = texts.t("rounds.kind.sota", lang)
        return f"{label}: {session.topic}" if session.topic else label
    if session.papers:
        return ", ".join(p.title for p in session.papers)
    return session.topic or texts.t("rounds.papers.tbd", lang)


def session_line(session: Session, zone: ZoneInfo, texts: Catalog, lang: Lang,
                 *, reader_time: ReaderTime | None = None) -> str:
    """``#3 · 2026-12-03(목) 20:00 · Attention Is All You Need · <@1>``."""
    status = (
        ""
        if session.status == "scheduled"
        else (f" ({texts.t(f'rounds.session_status.{session.status}', lang)})")
    )
    line = (
        f"#{session.index} · {when_text(session.starts_at, zone, lang, reader_time)} · "
        f"{what_text(session, texts, lang)}"
    )
    if session.presenters:
        line += f" · {presenters_text(session, texts, lang)}"
    return line + status


def choice_label(rnd: Round, session: Session, zone: ZoneInfo, lang: Lang, texts: Catalog) -> str:
    """An autocomplete label (at most 100 characters): date first, then the title."""
    when = format_local(session.starts_at, zone, lang)
    label = f"{rnd.name} #{session.index} · {when} · {what_text(session, texts, lang)}"
    return label if len(label) <= 100 else label[:99] + "…"


def session_fields(
    rnd: Round, session: Session, zone: ZoneInfo, texts: Catalog, lang: Lang,
    *, reader_time: ReaderTime | None = None,
) -> tuple[tuple[str, str], ...]:
    """Embed fields describing a session."""
    fields = [
        (
            texts.t("rounds.field.when", lang),
            when_text(session.starts_at, zone, lang, reader_time)
            + texts.t("rounds.field.minutes", lang, minutes=session.duration_minutes),
        ),
        (texts.t("rounds.field.place", lang), place_text(session.place, texts, lang)),
        (texts.t("rounds.field.kind", lang), texts.t(f"rounds.kind.{session.kind}", lang)),
    ]
    if session.topic:
        fields.append((texts.t("rounds.field.topic", lang), session.topic))
    if session.papers:
        fields.append(
            (
                texts.t("rounds.field.papers", lang),
                "\n".join(
                    f"- [{p.title}](<{p.url}>)" if p.url else f"- {p.title}" for p in session.papers
                ),
            )
        )
    fields.append((texts.t("rounds.field.presenters", lang), presenters_text(session, texts, lang)))
    return tuple(fields)


def reminder_message(
    rnd: Round,
    session: Session,
    counts: RsvpCounts,
    zone: ZoneInfo,
    texts: Catalog,
    lang: Lang,
    *,
    body_key: str,
    ping: bool,
) -> OutgoingMessage:
    """A session reminder: the text of ``body_key``, the session's details and RSVP
    buttons; pings the round's role when ``ping``."""
    when = format_local(session.starts_at, zone, lang)
    body = texts.t(
        body_key,
        lang,
        round=rnd.name,
        index=session.index,
        when=when,
        what=what_text(session, texts, lang),
    )
    return OutgoingMessage(
        title=texts.t("rounds.reminder.title", lang, round=rnd.name, index=session.index),
        body=body,
        fields=session_fields(rnd, session, zone, texts, lang),
        footer=texts.t("rounds.reminder.footer", lang),
        ping_role=rnd.settings.ping_role if ping else None,
        buttons=rsvp_buttons(session.id, counts, texts, lang),
    )


def event_spec(rnd: Round, session: Session, texts: Catalog, lang: Lang) -> ScheduledEventSpec:
    """The native event of a session, cut to Discord's limits."""
    name = session_summary(rnd, session, texts, lang)
    description = session_description(session, texts, lang)
    voice = session.place if validation.is_channel_place(session.place) else None
    location = None if voice else (session.place or None)
    return ScheduledEventSpec(
        name=_cut(name, EVENT_NAME_MAX),
        description=_cut(description, EVENT_DESCRIPTION_MAX),
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        voice_channel_id=voice,
        location=_cut(location, EVENT_LOCATION_MAX) if location else None,
    )


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def start_message(
    rnd: Round, session: Session, counts: RsvpCounts, zone: ZoneInfo, texts: Catalog, lang: Lang
) -> OutgoingMessage:
    """The post when a session begins: what is read, where, who presents; RSVPs are
    closed (no buttons) and attendance is taken from them."""
    return OutgoingMessage(
        title=texts.t("rounds.reminder.title", lang, round=rnd.name, index=session.index),
        body=texts.t("rounds.start.body", lang, index=session.index,
                     what=what_text(session, texts, lang), going=counts.going),
        fields=session_fields(rnd, session, zone, texts, lang),
        footer=texts.t("rounds.start.footer", lang),
    )


_EDITED_KEYS = {
    "moved": "rounds.session.edited",
    "recreated": "rounds.session.edited_event_recreated",
    "failed": "rounds.session.edited_event_failed",
}


def edited_key(event: EventOutcome) -> str:
    """The text key of the reply to an edited session: it says what became of the
    session's native event, and claims no event where there is none."""
    return _EDITED_KEYS.get(event, "rounds.session.edited_no_event")


def session_thread(session_id: int) -> str:
    """The thread key of a session's posts (see ``OutgoingMessage.thread``)."""
    return f"session:{session_id}"
