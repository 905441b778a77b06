"""Round storage, on a real temporary SQLite file and on Postgres."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.core.refs import MemberRef
from bot.core.round_model import RoundSettings, RsvpCounts
from storage import communities
from storage import rounds as round_store
from storage.backends import open_database
from storage.connection import Connection
from storage.database import Database
from storage.fetch import fetch_all
from tests.helpers.old_database import database_before
from tests.helpers.refs import ANA, BO, CY, GUILD

FIRST = datetime(2026, 12, 1, 11, tzinfo=UTC)


async def test_storage_helpers_round_trip(db: Database, clock: ManualClock) -> None:
    def work(conn: Connection):
        community_id = communities.ensure_community(conn, GUILD)
        member = communities.ensure_member(conn, ANA, "Ana")
        round_id = round_store.insert_round(
            conn, community_id, RoundSettings("R", date(2026, 12, 1), 2, "1", "cron 0 20 * * tue"),
            created_by="1", created_at=clock.now())
        session_id = round_store.insert_session(
            conn, round_id, index=1, week=1, kind="paper", starts_at=FIRST, duration_minutes=90,
            place=None)
        round_store.set_rsvp(conn, session_id, member, "going", at=clock.now())
        assert round_store.record_attendance(
            conn, session_id, member, attended=False, source="moderator", at=clock.now())
        # An RSVP-based mark never overrides a moderator's.
        assert not round_store.record_attendance(
            conn, session_id, member, attended=True, source="rsvp", at=clock.now())
        assert round_store.claim_events_notice(conn, round_id)
        assert not round_store.claim_events_notice(conn, round_id)
        return community_id, member, round_id, session_id
    community_id, member, round_id, session_id = await db.write(work)
    def work(conn: Connection):
        assert (round_store.rsvp_counts(conn, session_id)).going == 1
        assert round_store.attendance_of_session(conn, session_id) == {
            member: (False, "moderator")}
        assert round_store.attendees_by_session(conn, round_id) == {}
        found = round_store.find_round_by_name(conn, community_id, "r")
        assert found is not None and found.community == GUILD
        assert found.settings.start_date == date(2026, 12, 1) and found.status == "draft"
    await db.read(work)


async def test_sessions_load_with_papers_presenters_in_time_order(
    db: Database, clock: ManualClock
) -> None:
    def work(conn: Connection):
        community_id = communities.ensure_community(conn, GUILD)
        ana = communities.ensure_member(conn, ANA, "Ana")
        bo = communities.ensure_member(conn, BO, "Bo")
        round_id = round_store.insert_round(
            conn, community_id, RoundSettings("R", date(2026, 12, 1), 2, "1", "cron 0 20 * * tue"),
            created_by="1", created_at=clock.now())
        later = round_store.insert_session(
            conn, round_id, index=2, week=2, kind="sota", starts_at=FIRST + timedelta(weeks=1),
            duration_minutes=60, place="https://x.example")
        sooner = round_store.insert_session(
            conn, round_id, index=1, week=1, kind="paper", starts_at=FIRST, duration_minutes=90,
            place="55")
        paper = round_store.insert_paper(conn, round_id, title="T", url=None, week=1,
                                               added_at=clock.now())
        second = round_store.insert_paper(conn, round_id, title="U", url="https://u.example",
                                                week=1, added_at=clock.now())
        round_store.replace_papers(conn, {sooner: [second, paper]})
        round_store.set_presenters(conn, sooner, [bo, ana], "moderator")
        round_store.set_membership(conn, round_id, ana, joined=True,
                                         opted_out_presenting=True, at=clock.now())
        round_store.set_membership(conn, round_id, ana, joined=False,
                                         opted_out_presenting=None, at=clock.now())
        return community_id, round_id, later, sooner
    community_id, round_id, later, sooner = await db.write(work)
    def work(conn: Connection):
        sessions = round_store.list_sessions(conn, round_id)
        members = round_store.list_members(conn, round_id)
        window = round_store.community_sessions_between(
            conn, community_id, FIRST, FIRST + timedelta(days=30), round_statuses=("draft",))
        return sessions, members, window
    sessions, members, window = await db.read(work)
    assert [s.id for s in sessions] == [sooner, later]
    assert [p.title for p in sessions[0].papers] == ["T", "U"]  # reading-list order
    assert [p.display_name for p in sessions[0].presenters] == ["Bo", "Ana"]
    assert sessions[0].ends_at == FIRST + timedelta(minutes=90)
    assert sessions[1].papers == () and sessions[1].kind == "sota"
    assert [(m.joined, m.opted_out_presenting) for m in members] == [(False, True)]
    assert [s.id for _, s in window] == [sooner, later]


async def test_dm_optins_and_a_members_linked_schedules(db: Database, clock: ManualClock) -> None:
    from storage import schedules as schedule_store

    def work(conn: Connection):
        community_id = communities.ensure_community(conn, GUILD)
        ana = communities.ensure_member(conn, ANA, "Ana")
        bo = communities.ensure_member(conn, BO, "Bo")
        round_id = round_store.insert_round(
            conn, community_id, RoundSettings("R", date(2026, 12, 1), 2, "1", "cron 0 20 * * tue"),
            created_by="1", created_at=clock.now())
        session_id = round_store.insert_session(
            conn, round_id, index=1, week=1, kind="paper", starts_at=FIRST, duration_minutes=90,
            place=None)
        round_store.set_rsvp(conn, session_id, ana, "going", at=clock.now())
        added = [round_store.add_dm_optin(conn, session_id, ana, "ko", at=clock.now()),
                 round_store.add_dm_optin(conn, session_id, ana, "ko", at=clock.now()),
                 round_store.add_dm_optin(conn, session_id, bo, "en", at=clock.now())]
        for owner in ("101", None):
            schedule_id = schedule_store.insert_schedule(
                conn, community_id=community_id, kind="round.going_dm", channel_id="1",
                rule="at 2026-12-01 19:00", message=None, ping_role=None, payload={},
                created_by="round", created_at=clock.now(), owned_by=owner)
            round_store.link_schedule(conn, session_id, schedule_id)
        owned = round_store.owned_schedules_of(conn, session_id, "101")
        optins = round_store.dm_optins(conn, session_id)
        removed = [round_store.remove_dm_optin(conn, session_id, bo),
                   round_store.remove_dm_optin(conn, session_id, bo)]
        return (added, len(owned), optins, removed, round_store.dm_optins(conn, session_id),
                round_store.rsvp_of(conn, session_id, ana),
                round_store.rsvp_of(conn, session_id, bo))
    added, owned, optins, removed, left, ana_rsvp, bo_rsvp = await db.write(work)
    assert added == [True, False, True]
    assert owned == 1, "only the member's own linked schedule"
    assert sorted(optins) == [("101", "ko"), ("102", "en")]
    assert removed == [True, False]
    assert left == [("101", "ko")]
    assert (ana_rsvp, bo_rsvp) == ("going", None)


def _counted_by_hand(conn: Connection, session_id: int) -> RsvpCounts:
    answers = [str(row[0]) for row in fetch_all(
        conn, "SELECT answer FROM rsvps WHERE session_id = ?", (session_id,))]
    return RsvpCounts(going=answers.count("going"), maybe=answers.count("maybe"),
                      not_going=answers.count("not_going"))


async def test_rsvp_counts_follow_every_change_to_the_answers(
    db: Database, clock: ManualClock
) -> None:
    # Kept by triggers, whatever writes rsvps: an answer, a changed or repeated one,
    # a member's answers deleted (their data) or given to a placeholder, a member or
    # a session removed (cascades).
    def work(conn: Connection) -> None:
        community_id = communities.ensure_community(conn, GUILD)
        ana, bo, cy = (communities.ensure_member(conn, ref, ref.external_id)
                       for ref in (ANA, BO, CY))
        round_id = round_store.insert_round(
            conn, community_id, RoundSettings("R", date(2026, 12, 1), 2, "1", "cron 0 20 * * tue"),
            created_by="1", created_at=clock.now())
        first, second = (round_store.insert_session(
            conn, round_id, index=index, week=index, kind="paper",
            starts_at=FIRST + timedelta(weeks=index), duration_minutes=90, place=None)
            for index in (1, 2))

        def check(going: int, maybe: int, not_going: int) -> None:
            expected = RsvpCounts(going=going, maybe=maybe, not_going=not_going)
            assert round_store.rsvp_counts(conn, first) == expected
            assert _counted_by_hand(conn, first) == expected

        check(0, 0, 0)
        for member, answer in ((ana, "going"), (bo, "going"), (cy, "maybe")):
            round_store.set_rsvp(conn, first, member, answer, at=clock.now())
        round_store.set_rsvp(conn, second, ana, "not_going", at=clock.now())
        check(2, 1, 0)
        round_store.set_rsvp(conn, first, bo, "going", at=clock.now())  # the same again
        check(2, 1, 0)
        round_store.set_rsvp(conn, first, bo, "not_going", at=clock.now())
        check(1, 1, 1)
        placeholder = communities.ensure_member(conn, MemberRef(GUILD, "former"), "former")
        conn.execute("UPDATE rsvps SET member_id = ? WHERE member_id = ?", (placeholder, ana))
        check(1, 1, 1)
        conn.execute("DELETE FROM rsvps WHERE member_id = ?", (cy,))
        check(1, 0, 1)
        conn.execute("DELETE FROM members WHERE id = ?", (bo,))
        check(1, 0, 0)
        assert round_store.rsvp_counts(conn, second) == RsvpCounts(not_going=1)
        conn.execute("DELETE FROM sessions WHERE id = ?", (second,))
        assert round_store.rsvp_counts(conn, second) == RsvpCounts()
        kept = [int(row[0])
                for row in fetch_all(conn, "SELECT session_id FROM session_rsvp_counts")]
        assert kept == [first], "a removed session's counts go with it"
    await db.write(work)


@pytest.mark.sqlite_only
async def test_an_older_database_gets_its_rsvp_counts_on_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    raw = database_before(path, "rsvp_counts")
    community_id = communities.ensure_community(raw, GUILD)
    members = [communities.ensure_member(raw, ref, ref.external_id) for ref in (ANA, BO, CY)]
    round_id = round_store.insert_round(
        raw, community_id, RoundSettings("R", date(2026, 12, 1), 2, "1", "cron 0 20 * * tue"),
        created_by="1", created_at=FIRST)
    session_id = round_store.insert_session(
        raw, round_id, index=1, week=1, kind="paper", starts_at=FIRST, duration_minutes=90,
        place=None)
    for member, answer in zip(members, ("going", "going", "not_going"), strict=True):
        round_store.set_rsvp(raw, session_id, member, answer, at=FIRST)
    raw.commit()
    raw.close()
    db = await open_database(path)
    try:
        counts = await db.read(lambda conn: round_store.rsvp_counts(conn, session_id))
        assert counts == RsvpCounts(going=2, maybe=0, not_going=1)
    finally:
        await db.close()
