"""Personal reminders in storage (migration 009), on SQLite and Postgres: a member's
own schedules are listed and counted per member, exported with them and deleted
with them (their delivery log too), while what they did for the server stays."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.refs import DISCORD, CommunityRef, MemberRef
from storage import privacy
from storage import schedules as store
from storage.communities import ensure_member_ids
from storage.connection import Connection
from storage.database import Database
from storage.fetch import fetch_all

GUILD = CommunityRef(DISCORD, "1")
OTHER = CommunityRef(DISCORD, "2")
ALICE = MemberRef(GUILD, "100")
BOB = MemberRef(GUILD, "200")
T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _add(conn: Connection, member: MemberRef, kind: str = "personal",
         owned: bool = True, message: str = "hi") -> int:
    community_id, _ = ensure_member_ids(conn, member)
    return store.insert_schedule(
        conn, community_id=community_id, kind=kind, channel_id="10", rule="cron 0 9 * * *",
        message=message, ping_role=None, payload={"lang": "ko"},
        created_by=member.external_id, created_at=T0,
        owned_by=member.external_id if owned else None)


async def test_listed_and_counted_per_member(db: Database) -> None:
    def work(conn: Connection):
        mine = [_add(conn, ALICE), _add(conn, ALICE)]
        _add(conn, BOB)
        _add(conn, ALICE, kind="reminder", owned=False)  # a channel reminder she made
        _add(conn, MemberRef(OTHER, "100"))  # the same person in another server
        store.set_status(conn, mine[1], store.FINISHED)
        community_id, _ = ensure_member_ids(conn, ALICE)
        listed = store.list_schedules(conn, GUILD, "personal", owned_by="100")
        everything = store.list_schedules(conn, GUILD, "personal",
                                          (store.ACTIVE, store.PAUSED, store.FINISHED),
                                          owned_by="100")
        return (mine, listed, everything,
                store.count_schedules(conn, community_id, "personal", owned_by="100"),
                store.count_schedules(conn, community_id, "personal", owned_by="200"))
    mine, listed, everything, alice_count, bob_count = await db.write(work)
    assert [s.id for s in listed] == mine[:1]
    assert [s.id for s in everything] == mine
    assert listed[0].owned_by == "100" and listed[0].payload == {"lang": "ko"}
    assert (alice_count, bob_count) == (1, 1)


async def test_exported_and_deleted_with_the_member(db: Database) -> None:
    def setup(conn: Connection):
        personal = _add(conn, ALICE, message="내 알림")
        channel = _add(conn, ALICE, kind="reminder", owned=False, message="모두에게")
        bobs = _add(conn, BOB)
        store.insert_deliveries(conn, [store.NewDelivery(personal, T0, store.SENT)])
        return personal, channel, bobs
    personal, channel, bobs = await db.write(setup)

    exported = await db.read(privacy.export_member, ALICE)
    rows = {row["id"]: row for row in exported["schedules"]}
    assert set(rows) == {personal, channel}
    assert rows[personal]["owned_by"] == "100" and rows[personal]["message"] == "내 알림"

    def delete(conn: Connection):
        privacy.delete_member(conn, ref=ALICE, now=T0.isoformat(), placeholder_id="former-1",
                              placeholder_name="former", requested_by="member")
        left = {row[0]: (row[1], row[2]) for row in fetch_all(
            conn, "SELECT id, created_by, owned_by FROM schedules")}
        deliveries = fetch_all(conn, "SELECT schedule_id FROM deliveries")
        return left, deliveries
    left, deliveries = await db.write(delete)
    assert personal not in left, "her personal reminder is gone"
    assert left[channel] == (privacy.FORMER_ACTOR, None), "the server's reminder stays, anonymous"
    assert left[bobs] == ("200", "200")
    assert list(deliveries) == []
    assert (await db.read(privacy.export_member, ALICE))["schedules"] == []


async def test_edit_keeps_the_id_and_changes_only_what_is_given(db: Database) -> None:
    later = datetime(2026, 11, 24, 0, 0, tzinfo=UTC)

    def work(conn: Connection):
        schedule_id = _add(conn, ALICE, kind="reminder", owned=False)
        store.record_progress(conn, [store.Progress(schedule_id, None, T0, "Asia/Seoul")])
        store.set_status(conn, schedule_id, store.FINISHED)
        assert store.edit_schedule(conn, schedule_id) is False, "nothing to change"
        store.edit_schedule(conn, schedule_id, message="new text")
        text_only = store.get_schedule(conn, schedule_id)
        store.edit_schedule(conn, schedule_id, rule="cron 0 23 * * *", handled_until=later,
                            channel_id="11", status=store.ACTIVE)
        timing = [t for t in store.load_active_timings(conn) if t.id == schedule_id]
        return schedule_id, text_only, store.get_schedule(conn, schedule_id), timing
    schedule_id, text_only, edited, timing = await db.write(work)
    assert text_only is not None and edited is not None
    assert (text_only.message, text_only.rule, text_only.status) == (
        "new text", "cron 0 9 * * *", store.FINISHED)
    assert (edited.id, edited.message, edited.rule, edited.channel_id, edited.status) == (
        schedule_id, "new text", "cron 0 23 * * *", "11", store.ACTIVE)
    assert edited.handled_until == later
    assert [(t.next_fire, t.next_fire_zone) for t in timing] == [(None, None)], \
        "the cached next occurrence of the old rule is dropped"
