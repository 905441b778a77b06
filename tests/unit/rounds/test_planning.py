"""Sessions from a cadence, and papers shared out among sessions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger

from bot.core.errors import UserFacingError
from bot.rounds import planning
from bot.rounds.planning import PaperSlot, SessionSlot
from bot.schedules.parse import parse_when

SEOUL = ZoneInfo("Asia/Seoul")
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


def trigger(text: str, zone: ZoneInfo = SEOUL) -> CronTrigger:
    found = parse_when(text, zone, NOW).trigger()
    assert isinstance(found, CronTrigger)
    return found


def test_weekly_cadence_gives_one_session_a_week_in_local_time() -> None:
    plan = planning.plan_sessions(
        trigger("매주 목 20:00"), start_date=date(2026, 11, 26), weeks=4, zone=SEOUL,
        duration_minutes=90, sota_every=4,
    )
    assert [p.starts_at for p in plan] == [
        datetime(2026, 11, 26, 11, tzinfo=UTC) + timedelta(weeks=n) for n in range(4)
    ]
    assert [p.index for p in plan] == [1, 2, 3, 4]
    assert [p.week for p in plan] == [1, 2, 3, 4]
    assert [p.kind for p in plan] == ["paper", "paper", "paper", "sota"]


def test_start_midweek_and_two_sessions_a_week() -> None:
    # Starting on a Wednesday: Thu is in week 1, the next Tue still in week 1.
    plan = planning.plan_sessions(
        trigger("every tue,thu 21:00"), start_date=date(2026, 11, 25), weeks=2, zone=SEOUL,
        duration_minutes=60, sota_every=3,
    )
    local = [p.starts_at.astimezone(SEOUL) for p in plan]
    assert [d.strftime("%a %d") for d in local] == ["Thu 26", "Tue 01", "Thu 03", "Tue 08"]
    assert [p.week for p in plan] == [1, 1, 2, 2]
    assert [p.kind for p in plan] == ["paper", "paper", "sota", "paper"]


def test_wall_time_kept_across_daylight_saving_change() -> None:
    plan = planning.plan_sessions(
        trigger("every sat 10:00", BERLIN), start_date=date(2027, 3, 27), weeks=2, zone=BERLIN,
        duration_minutes=90, sota_every=0,
    )
    assert [p.starts_at.astimezone(BERLIN).hour for p in plan] == [10, 10]
    # Clocks move forward on 2027-03-28: the UTC hour changes, the local one does not.
    assert [p.starts_at.hour for p in plan] == [9, 8]
    assert {p.kind for p in plan} == {"paper"}


def test_overlapping_cadence_refused() -> None:
    with pytest.raises(UserFacingError) as caught:
        planning.plan_sessions(
            trigger("every day 20:00"), start_date=date(2026, 11, 24), weeks=1, zone=SEOUL,
            duration_minutes=25 * 60, sota_every=4,
        )
    assert caught.value.key == "rounds.error.cadence_overlap"


def test_too_many_sessions_refused() -> None:
    with pytest.raises(UserFacingError) as caught:
        planning.plan_sessions(
            trigger("every day 20:00"), start_date=date(2026, 11, 24), weeks=52, zone=SEOUL,
            duration_minutes=60, sota_every=4,
        )
    assert caught.value.key == "rounds.error.too_many_sessions"


def test_papers_go_to_the_reading_sessions_of_their_week() -> None:
    sessions = [SessionSlot(10, 1, "paper"), SessionSlot(11, 1, "paper"),
                SessionSlot(12, 2, "sota"), SessionSlot(13, 3, "paper")]
    papers = [PaperSlot(1, 1, 1), PaperSlot(2, 1, 2), PaperSlot(3, 1, 3),
              PaperSlot(4, 2, 4), PaperSlot(5, 3, 5)]
    plan = planning.assign_papers(sessions, papers, weeks=3)
    assert plan == {10: [1, 3], 11: [2], 12: [4], 13: [5]}


def test_papers_of_a_week_without_session_move_on() -> None:
    sessions = [SessionSlot(10, 1, "paper"), SessionSlot(13, 3, "paper")]
    papers = [PaperSlot(1, 2, 1), PaperSlot(2, 3, 2), PaperSlot(3, 4, 3)]
    plan = planning.assign_papers(sessions, papers, weeks=3)
    # Week 2 has no session: its paper joins week 3's; week 4 is past the round.
    assert plan == {10: [], 13: [1, 2]}


def test_next_open_week_skips_weeks_with_papers_and_review_weeks() -> None:
    sessions = [SessionSlot(1, 1, "paper"), SessionSlot(2, 2, "paper"),
                SessionSlot(3, 3, "sota"), SessionSlot(4, 4, "paper")]
    assert planning.next_open_week(sessions, [], 4) == 1
    assert planning.next_open_week(sessions, [PaperSlot(1, 1, 1)], 4) == 2
    full = [PaperSlot(1, 1, 1), PaperSlot(2, 2, 2), PaperSlot(3, 4, 3)]
    assert planning.next_open_week(sessions, full, 4) == 4
