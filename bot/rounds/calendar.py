"""A round's sessions as an iCalendar (.ics) file. Pure.

Times are written in the community's zone with a TZID and the matching
VTIMEZONE, which Google Calendar, Apple Calendar and Outlook all import. Every
session keeps the same UID across exports, so importing a newer file updates
events instead of duplicating them; cancelled sessions stay in the file with
``STATUS:CANCELLED`` for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from bot.core.round_model import Round, Session
from bot.i18n import Catalog, Lang

PRODID = "-//studybot//study rounds//EN"


def session_uid(session: Session) -> str:
    """The session's calendar UID: the same in every export."""
    return f"round-{session.round_id}-session-{session.id}@studybot"


def session_summary(rnd: Round, session: Session, texts: Catalog, lang: Lang) -> str:
    """``Round · #3 Paper title`` / ``Round · #4 SOTA review: topic``."""
    if session.kind == "sota":
        what = texts.t("rounds.kind.sota", lang)
        if session.topic:
            what = f"{what}: {session.topic}"
    elif session.papers:
        what = ", ".join(paper.title for paper in session.papers)
    else:
        what = session.topic or texts.t("rounds.kind.paper", lang)
    return f"{rnd.name} · #{session.index} {what}"


def session_description(session: Session, texts: Catalog, lang: Lang) -> str:
    """Papers (with links), topic and presenters, one per line."""
    lines = [texts.t(f"rounds.kind.{session.kind}", lang)]
    if session.topic:
        lines.append(texts.t("rounds.field.topic", lang) + f": {session.topic}")
    for paper in session.papers:
        lines.append(f"- {paper.title}" + (f" <{paper.url}>" if paper.url else ""))
    if session.presenters:
        names = ", ".join(p.display_name or p.external_id for p in session.presenters)
        lines.append(texts.t("rounds.field.presenters", lang) + f": {names}")
    return "\n".join(lines)


def round_calendar(
    rnd: Round,
    sessions: Sequence[Session],
    zone: ZoneInfo,
    *,
    now: datetime,
    texts: Catalog,
    lang: Lang,
    location_for: Callable[[Session], str | None],
) -> bytes:
    """The .ics file for ``sessions`` of ``rnd``."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", rnd.name)
    calendar.add("x-wr-timezone", zone.key)
    for session in sorted(sessions, key=lambda s: s.starts_at):
        event = Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", now)
        event.add("dtstart", session.starts_at.astimezone(zone))
        event.add("dtend", session.ends_at.astimezone(zone))
        event.add("summary", session_summary(rnd, session, texts, lang))
        event.add("description", session_description(session, texts, lang))
        location = location_for(session)
        if location:
            event.add("location", location)
        event.add("status", "CANCELLED" if session.status == "cancelled" else "CONFIRMED")
        calendar.add_component(event)
    # Transitions for a year around the round are plenty and keep the file small.
    calendar.add_missing_timezones(
        first_date=rnd.settings.start_date - timedelta(days=366),
        last_date=rnd.end_date + timedelta(days=366),
    )
    return calendar.to_ical()
