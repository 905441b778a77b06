"""The recap (Markdown, CSV) and the .ics calendar, from a hand-built round."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot.core.round_model import (
    Paper,
    Presenter,
    Round,
    RoundMember,
    RoundOverview,
    RoundSettings,
    Session,
)
from bot.i18n import Catalog, load_catalog
from bot.rounds.calendar import round_calendar, session_uid
from bot.rounds.recap import CSV_HEADER, StreakLeader, build_recap, recap_csv, recap_markdown
from tests.helpers.refs import GUILD

SEOUL = ZoneInfo("Asia/Seoul")
START = datetime(2026, 11, 26, 11, tzinfo=UTC)  # Thu 20:00 in Seoul
JOINED = datetime(2026, 11, 20, tzinfo=UTC)


@pytest.fixture(scope="module")
def texts() -> Catalog:
    return load_catalog()


def member(member_id: int, name: str, joined_at: datetime = JOINED) -> RoundMember:
    return RoundMember(member_id, str(100 + member_id), name, True, False, joined_at)


def presenter(member_id: int, name: str) -> Presenter:
    return Presenter(member_id, str(100 + member_id), name, "rotation")


PAPERS = (
    Paper(1, 7, "Attention Is All You Need", "https://arxiv.org/abs/1706.03762", 1, 1),
    Paper(2, 7, "Deep Residual Learning", "https://arxiv.org/abs/1512.03385", 2, 2),
    Paper(3, 7, "Denoising Diffusion", None, 3, 3),
)
ROUND = Round(
    7, 1, GUILD,
    RoundSettings("Winter 2026", date(2026, 11, 26), 4, "5001", "cron 0 20 * * thu",
                  place="4242"),
    "closed",
)
SESSIONS = (
    Session(11, 7, 1, 1, "paper", START, 90, "4242", None, "held",
            papers=(PAPERS[0],), presenters=(presenter(1, "Ana"),)),
    Session(12, 7, 2, 2, "paper", START + timedelta(weeks=1), 90, "https://meet.example/x",
            None, "held", papers=(PAPERS[1],), presenters=(presenter(2, "Bo"),)),
    Session(13, 7, 3, 3, "paper", START + timedelta(weeks=2), 90, "4242", None, "cancelled",
            papers=()),
    Session(14, 7, 4, 4, "sota", START + timedelta(weeks=3), 120, "4242", "Diffusion models",
            "held", papers=(PAPERS[2],), presenters=(presenter(1, "Ana"),)),
)
# Cy joined after the first session: it does not count against them.
MEMBERS = (member(1, "Ana"), member(2, "Bo"), member(3, "Cy", START + timedelta(days=2)))
ATTENDED = {11: {1, 2}, 12: {1, 3}, 14: {1, 2, 3}}


def test_recap_counts_papers_sessions_attendance_presenters() -> None:
    recap = build_recap(RoundOverview(ROUND, PAPERS, SESSIONS, MEMBERS), ATTENDED,
                        [StreakLeader("Ana", 12)])
    assert (recap.sessions_held, recap.sessions_cancelled, recap.sessions_total) == (3, 1, 4)
    assert [p.title for p in recap.papers_covered] == [p.title for p in PAPERS]
    assert recap.end_date == date(2026, 12, 23)
    by_name = {line.name: line for line in recap.attendance}
    assert (by_name["Ana"].attended, by_name["Ana"].possible, by_name["Ana"].rate) == (3, 3, 1.0)
    assert (by_name["Bo"].attended, by_name["Bo"].possible) == (2, 3)
    assert (by_name["Cy"].attended, by_name["Cy"].possible) == (2, 2)
    assert recap.presenters == (("Ana", 2), ("Bo", 1))
    assert [line.name for line in recap.attendance] == ["Ana", "Cy", "Bo"]


def test_recap_markdown_and_csv(texts: Catalog) -> None:
    recap = build_recap(RoundOverview(ROUND, PAPERS, SESSIONS, MEMBERS), ATTENDED,
                        [StreakLeader("Ana", 12)])
    english = recap_markdown(recap, texts, "en")
    assert english.startswith("## Winter 2026: round recap\n")
    assert "3 of 4 sessions held, 1 cancelled" in english
    assert "- [Attention Is All You Need](<https://arxiv.org/abs/1706.03762>)" in english
    assert "- Denoising Diffusion" in english
    assert "- Bo: 2/3 (67%)" in english and "- Ana: 2×" in english
    assert "1. Ana: 12" in english
    korean = recap_markdown(recap, texts, "ko")
    assert "Winter 2026 라운드 돌아보기" in korean and "- Ana: 2회" in korean
    rows = list(csv.reader(io.StringIO(recap_csv(recap))))
    assert tuple(rows[0]) == CSV_HEADER
    assert rows[1:] == [["Ana", "101", "3", "3", "1.000", "2"],
                        ["Cy", "103", "2", "2", "1.000", "0"],
                        ["Bo", "102", "2", "3", "0.667", "1"]]


def test_attendees_who_never_joined_are_named_not_numbered(texts: Catalog) -> None:
    # Row 4 was marked present by a moderator without joining; row 5 has no name.
    attended = {11: {1, 4, 5}}
    people = {4: ("104", "Dee"), 5: ("105", None)}
    recap = build_recap(RoundOverview(ROUND, PAPERS, SESSIONS, MEMBERS), attended, (), people)
    english = recap_markdown(recap, texts, "en")
    assert "- Dee: 1/3 (33%)" in english and "- 105: 1/3 (33%)" in english
    assert "- 4:" not in english and "- 5:" not in english
    rows = {row[0]: row for row in csv.reader(io.StringIO(recap_csv(recap)))}
    assert rows["Dee"][1] == "104" and rows["105"][1] == "105"


def test_csv_quotes_names_with_commas() -> None:
    odd = (member(1, 'Kim, "Jay"'),)
    recap = build_recap(RoundOverview(ROUND, PAPERS, SESSIONS[:1], odd), {11: {1}})
    rows = list(csv.reader(io.StringIO(recap_csv(recap))))
    assert rows[1][0] == 'Kim, "Jay"'


def test_calendar_parses_back_with_local_times(texts: Catalog) -> None:
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    data = round_calendar(
        ROUND, SESSIONS, SEOUL, now=now, texts=texts, lang="en",
        location_for=lambda s: f"https://discord.com/channels/9001/{s.place}"
        if s.place and s.place.isdigit() else s.place,
    )
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == len(SESSIONS)
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Seoul"]
    starts = [event.decoded("dtstart") for event in events]
    assert [s.astimezone(UTC) for s in starts] == [s.starts_at for s in SESSIONS]
    assert all(s.tzinfo is not None and s.utcoffset() == timedelta(hours=9) for s in starts)
    assert events[0]["DTSTART"].params["TZID"] == "Asia/Seoul"
    ends = [event.decoded("dtend").astimezone(UTC) for event in events]
    assert ends[3] - starts[3] == timedelta(minutes=120)
    assert [str(event["UID"]) for event in events] == [session_uid(s) for s in SESSIONS]
    assert str(events[0]["SUMMARY"]) == "Winter 2026 · #1 Attention Is All You Need"
    assert "Presenters: Ana" in str(events[0]["DESCRIPTION"])
    assert "https://arxiv.org/abs/1706.03762" in str(events[0]["DESCRIPTION"])
    assert str(events[0]["LOCATION"]) == "https://discord.com/channels/9001/4242"
    assert str(events[1]["LOCATION"]) == "https://meet.example/x"
    assert [str(event["STATUS"]) for event in events] == [
        "CONFIRMED", "CONFIRMED", "CANCELLED", "CONFIRMED"]
    assert str(events[3]["SUMMARY"]) == "Winter 2026 · #4 SOTA review: Diffusion models"


def test_calendar_uids_are_stable_across_exports(texts: Catalog) -> None:
    def uids(now: datetime) -> list[str]:
        data = round_calendar(ROUND, SESSIONS, SEOUL, now=now, texts=texts, lang="ko",
                              location_for=lambda s: None)
        return [str(e["UID"]) for e in Calendar.from_ical(data).walk("VEVENT")]

    first = uids(datetime(2026, 11, 23, tzinfo=UTC))
    assert first == uids(datetime(2026, 12, 1, tzinfo=UTC))
    assert len(set(first)) == len(SESSIONS)
