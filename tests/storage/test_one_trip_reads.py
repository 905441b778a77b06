"""The one-statement storage paths answer what the separate statements answered."""

from __future__ import annotations

import pytest

from bot.core.refs import CommunityRef, MemberRef
from storage import communities as community_store
from storage import streaks as store
from storage.connection import Connection
from storage.database import Database
from storage.fetch import fetch_all
from tests.helpers.refs import GUILD, OTHER_GUILD


async def test_ensure_member_ids_creates_once_and_keeps_the_name(db: Database) -> None:
    alice = MemberRef(GUILD, "100")
    def work(conn: Connection):
        first = community_store.ensure_member_ids(conn, alice, "Alice")
        again = community_store.ensure_member_ids(conn, alice, None)
        renamed = community_store.ensure_member_ids(conn, alice, "Alicia")
        bob = community_store.ensure_member(conn, MemberRef(GUILD, "200"))
        other = community_store.ensure_member_ids(
            conn, MemberRef(OTHER_GUILD, "100"))
        return first, again, renamed, bob, other
    first, again, renamed, bob, other = await db.write(work)
    assert first == again == renamed
    assert first[0] == await _community_id(db, GUILD)
    assert bob not in (first[1], other[1])
    assert other[0] != first[0]
    def work(conn: Connection):
        assert community_store.find_member(conn, alice) == first[1]
        names = fetch_all(conn,
            "SELECT display_name FROM members WHERE id = ?", (first[1],))
        return names
    names = await db.read(work)
    assert [row[0] for row in names] == ["Alicia"]


async def test_ensure_community_returns_the_stored_id(db: Database) -> None:
    def work(conn: Connection):
        created = community_store.ensure_community(conn, GUILD)
        known = community_store.ensure_community(conn, GUILD)
        return created, known
    created, known = await db.write(work)
    assert created == known == await _community_id(db, GUILD)


async def test_checkin_context_matches_the_single_readers(db: Database) -> None:
    member = MemberRef(GUILD, "100")
    def work(conn: Connection):
        community_id, member_id = community_store.ensure_member_ids(conn, member)
        # Grants stored out of day order: both readers must give (day, id) order.
        for day, count in [("2026-11-20", 2), ("2026-11-03", 1), ("2026-11-20", 1)]:
            store.insert_grant(conn, community_id=community_id, member_id=member_id,
                                     granted_at=f"{day}T00:00:00+00:00", day=day, count=count,
                                     granted_by=member_id)
        for day in ["2026-11-01", "2026-11-02", "2026-11-02", "2026-10-30"]:
            store.insert_checkin(conn, store.NewCheckin(
                community_id=community_id, member_id=member_id,
                checked_at=f"{day}T03:00:00+00:00", day=day, source="checkin",
                created_by="100"))
        store.write_stats(conn, store.StatsRow(member_id, community_id, 2, "2026-11-02",
                                                     "2026-11-02", 3, 3))
        store.write_month_periods(conn, member_id=member_id, community_id=community_id,
                                        month="2026-11", periods=2)
        store.note_rules(conn, community_id, "daily/7/2")
        for month in ("2026-11", "2026-12"):
            context = store.checkin_context(
                conn, member_id=member_id, community_id=community_id, month=month)
            assert context.history == store.checkin_history(conn, member_id)
            assert context.grants == store.grants_of(conn, member_id)
            assert context.stats == store.read_stats(conn, member_id)
            assert context.month_periods == store.read_month_periods(
                conn, member_id, month)
            assert context.rules == store.rules_of(conn, community_id)
        return context
    context = await db.write(work)
    assert context.grants == [("2026-11-03", 1), ("2026-11-20", 2), ("2026-11-20", 1)]
    assert context.history.counts == {"2026-10-30": 1, "2026-11-01": 1, "2026-11-02": 2}


async def test_checkin_context_of_a_member_with_nothing_stored(db: Database) -> None:
    def work(conn: Connection):
        community_id, member_id = community_store.ensure_member_ids(
            conn, MemberRef(GUILD, "300"))
        context = store.checkin_context(
            conn, member_id=member_id, community_id=community_id, month="2026-11")
        return context
    context = await db.write(work)
    assert context == store.CheckinContext(store.CheckinHistory({}, None), [], None, 0, None)


async def _community_id(db: Database, ref: CommunityRef) -> int | None:
    def work(conn: Connection):
        return community_store.find_community(conn, ref)
    return await db.read(work)


async def test_member_history_matches_the_single_readers(db: Database) -> None:
    member = MemberRef(GUILD, "100")
    def work(conn: Connection):
        assert store.member_history(conn, member) is None
    await db.read(work)
    def work(conn: Connection):
        community_id, member_id = community_store.ensure_member_ids(conn, member)
        community_store.ensure_member(conn, MemberRef(GUILD, "200"))
        for day in ["2026-11-20", "2026-11-03", "2026-11-20"]:
            store.insert_checkin(conn, store.NewCheckin(
                community_id=community_id, member_id=member_id,
                checked_at=f"{day}T12:00:00+00:00", day=day, source="checkin",
                created_by="100"))
        for day, count in [("2026-11-21", 2), ("2026-11-02", 1)]:
            store.insert_grant(conn, community_id=community_id, member_id=member_id,
                                     granted_at=f"{day}T00:00:00+00:00", day=day, count=count,
                                     granted_by=member_id)
        return member_id
    member_id = await db.write(work)
    def work(conn: Connection):
        found = store.member_history(conn, member)
        assert found is not None
        assert found.member_id == member_id
        assert found.history == store.checkin_history(conn, member_id)
        assert found.history.counts == {"2026-11-03": 1, "2026-11-20": 2}
        assert found.grants == store.grants_of(conn, member_id)
        assert found.grants == [("2026-11-02", 1), ("2026-11-21", 2)]
        # A member with no check-ins or grants: empty history, not None.
        other = store.member_history(conn, MemberRef(GUILD, "200"))
        return other
    other = await db.read(work)
    assert other is not None and other.history.counts == {} and other.grants == []


@pytest.mark.sqlite_only
async def test_a_known_member_with_the_same_name_is_read_not_rewritten(db: Database) -> None:
    """Every check-in names its member: an unchanged row is only read (an upsert
    would run its update on every check-in)."""
    alice = MemberRef(GUILD, "100")

    def changes(conn: Connection) -> tuple[int, int, int]:
        community_store.ensure_member_ids(conn, alice, "Alice")
        counted = conn.total_changes  # type: ignore[attr-defined]
        community_store.ensure_member_ids(conn, alice, "Alice")
        community_store.ensure_member_ids(conn, alice, None)
        same = conn.total_changes - counted  # type: ignore[attr-defined]
        community_store.ensure_member_ids(conn, alice, "Alicia")
        return counted, same, conn.total_changes - counted  # type: ignore[attr-defined]

    _, same, renamed = await db.write(changes)
    assert (same, renamed) == (0, 1)


async def test_note_rules_marks_other_rules_stale_and_leaves_the_same_alone(
    db: Database,
) -> None:
    def note(conn: Connection) -> list[str | None]:
        community_id = community_store.ensure_community(conn, GUILD)
        seen = []
        for signature in ("daily/7/2", "daily/7/2", "weekly/0/0", "daily/7/2"):
            store.note_rules(conn, community_id, signature)
            seen.append(store.rules_of(conn, community_id))
        return seen

    assert await db.write(note) == ["daily/7/2", "daily/7/2", store.STALE_RULES,
                                    store.STALE_RULES]
