"""The one-statement storage paths answer what the separate statements answered."""

from __future__ import annotations

from bot.identity import DISCORD, CommunityRef, MemberRef
from storage import communities as community_store
from storage import streaks as store
from storage.database import Database

GUILD = CommunityRef(DISCORD, "9001")


async def test_ensure_member_ids_creates_once_and_keeps_the_name(db: Database) -> None:
    alice = MemberRef(GUILD, "100")
    async with db.transaction() as conn:
        first = await community_store.ensure_member_ids(conn, alice, "Alice")
        again = await community_store.ensure_member_ids(conn, alice, None)
        renamed = await community_store.ensure_member_ids(conn, alice, "Alicia")
        bob = await community_store.ensure_member(conn, MemberRef(GUILD, "200"))
        other = await community_store.ensure_member_ids(
            conn, MemberRef(CommunityRef(DISCORD, "9002"), "100"))
    assert first == again == renamed
    assert first[0] == await _community_id(db, GUILD)
    assert bob not in (first[1], other[1])
    assert other[0] != first[0]
    async with db.read() as conn:
        assert await community_store.find_member(conn, alice) == first[1]
        names = await conn.execute_fetchall(
            "SELECT display_name FROM members WHERE id = ?", (first[1],))
    assert [row[0] for row in names] == ["Alicia"]


async def test_ensure_community_returns_the_stored_id(db: Database) -> None:
    async with db.transaction() as conn:
        created = await community_store.ensure_community(conn, GUILD)
        known = await community_store.ensure_community(conn, GUILD)
    assert created == known == await _community_id(db, GUILD)


async def test_checkin_context_matches_the_single_readers(db: Database) -> None:
    member = MemberRef(GUILD, "100")
    async with db.transaction() as conn:
        community_id, member_id = await community_store.ensure_member_ids(conn, member)
        # Grants stored out of day order: both readers must give (day, id) order.
        for day, count in [("2026-11-20", 2), ("2026-11-03", 1), ("2026-11-20", 1)]:
            await store.insert_grant(conn, community_id=community_id, member_id=member_id,
                                     granted_at=f"{day}T00:00:00+00:00", day=day, count=count,
                                     granted_by=member_id)
        for day in ["2026-11-01", "2026-11-02", "2026-11-02", "2026-10-30"]:
            await store.insert_checkin(conn, store.NewCheckin(
                community_id=community_id, member_id=member_id,
                checked_at=f"{day}T03:00:00+00:00", day=day, source="checkin",
                created_by="100"))
        await store.write_stats(conn, store.StatsRow(member_id, community_id, 2, "2026-11-02",
                                                     "2026-11-02", 3, 3))
        await store.write_month_periods(conn, member_id=member_id, community_id=community_id,
                                        month="2026-11", periods=2)
        await store.note_rules(conn, community_id, "daily/7/2")
        for month in ("2026-11", "2026-12"):
            context = await store.checkin_context(
                conn, member_id=member_id, community_id=community_id, month=month)
            assert context.history == await store.checkin_history(conn, member_id)
            assert context.grants == await store.grants_of(conn, member_id)
            assert context.stats == await store.read_stats(conn, member_id)
            assert context.month_periods == await store.read_month_periods(
                conn, member_id, month)
            assert context.rules == await store.rules_of(conn, community_id)
    assert context.grants == [("2026-11-03", 1), ("2026-11-20", 2), ("2026-11-20", 1)]
    assert context.history.counts == {"2026-10-30": 1, "2026-11-01": 1, "2026-11-02": 2}


async def test_checkin_context_of_a_member_with_nothing_stored(db: Database) -> None:
    async with db.transaction() as conn:
        community_id, member_id = await community_store.ensure_member_ids(
            conn, MemberRef(GUILD, "300"))
        context = await store.checkin_context(
            conn, member_id=member_id, community_id=community_id, month="2026-11")
    assert context == store.CheckinContext(store.CheckinHistory({}, None), [], None, 0, None)


async def _community_id(db: Database, ref: CommunityRef) -> int | None:
    async with db.read() as conn:
        return await community_store.find_community(conn, ref)


async def test_member_history_matches_the_single_readers(db: Database) -> None:
    member = MemberRef(GUILD, "100")
    async with db.read() as conn:
        assert await store.member_history(conn, member) is None
    async with db.transaction() as conn:
        community_id, member_id = await community_store.ensure_member_ids(conn, member)
        await community_store.ensure_member(conn, MemberRef(GUILD, "200"))
        for day in ["2026-11-20", "2026-11-03", "2026-11-20"]:
            await store.insert_checkin(conn, store.NewCheckin(
                community_id=community_id, member_id=member_id,
                checked_at=f"{day}T12:00:00+00:00", day=day, source="checkin",
                created_by="100"))
        for day, count in [("2026-11-21", 2), ("2026-11-02", 1)]:
            await store.insert_grant(conn, community_id=community_id, member_id=member_id,
                                     granted_at=f"{day}T00:00:00+00:00", day=day, count=count,
                                     granted_by=member_id)
    async with db.read() as conn:
        found = await store.member_history(conn, member)
        assert found is not None
        assert found.member_id == member_id
        assert found.history == await store.checkin_history(conn, member_id)
        assert found.history.counts == {"2026-11-03": 1, "2026-11-20": 2}
        assert found.grants == await store.grants_of(conn, member_id)
        assert found.grants == [("2026-11-02", 1), ("2026-11-21", 2)]
        # A member with no check-ins or grants: empty history, not None.
        other = await store.member_history(conn, MemberRef(GUILD, "200"))
    assert other is not None and other.history.counts == {} and other.grants == []
