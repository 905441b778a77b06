"""The round service on a real temporary database with the real schedule engine,
the streak service and a recording events port; the clock is moved by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.community import CommunityService
from bot.core.actor import Actor
from bot.core.errors import NotModerator, UserFacingError
from bot.core.refs import CommunityRef
from bot.i18n import Catalog, load_catalog
from bot.ports import EventsUnavailable, ScheduledEventSpec
from bot.rounds.service import READING, REMINDER, SESSION_END, RoundService
from bot.runner import open_services
from bot.schedules.engine import ScheduleEngine
from bot.settings import Settings
from bot.streaks.service import StreakService
from storage import rounds as round_store
from storage import schedules as schedule_store
from storage.connection import Connection
from storage.database import Database
from tests.helpers.fakes.poster import FakePoster
from tests.helpers.refs import ANA, BO, CY, GUILD, OTHER_GUILD
from tests.helpers.refs import MOD_ACTOR as MOD

CHANNEL = "5001"
# The clock fixture: Monday 2026-11-23 21:00 in Seoul. Sessions: Thursdays 20:00.
FIRST = datetime(2026, 11, 26, 11, tzinfo=UTC)


@dataclass
class FakeEvents:
    """Records event calls; ``forbidden`` makes every call raise EventsUnavailable."""

    forbidden: bool = False
    created: dict[str, ScheduledEventSpec] = field(default_factory=dict)
    updated: list[tuple[str, ScheduledEventSpec]] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    calls: int = 0

    async def create_event(self, community: CommunityRef, spec: ScheduledEventSpec) -> str:
        self.calls += 1
        if self.forbidden:
            raise EventsUnavailable("403")
        event_id = str(700 + len(self.created))
        self.created[event_id] = spec
        return event_id

    async def update_event(self, community: CommunityRef, event_id: str,
                           spec: ScheduledEventSpec) -> None:
        self.calls += 1
        if self.forbidden:
            raise EventsUnavailable("403")
        self.updated.append((event_id, spec))

    async def cancel_event(self, community: CommunityRef, event_id: str) -> None:
        self.calls += 1
        if self.forbidden:
            raise EventsUnavailable("403")
        self.cancelled.append(event_id)


@dataclass
class World:
    db: Database
    clock: ManualClock
    texts: Catalog
    poster: FakePoster
    engine: ScheduleEngine
    streaks: StreakService
    rounds: RoundService
    events: FakeEvents

    async def schedules(self) -> list[schedule_store.Schedule]:
        def work(conn: Connection):
            found = schedule_store.list_schedules(conn, GUILD, READING)
            found += schedule_store.list_schedules(conn, GUILD, REMINDER)
            found += schedule_store.list_schedules(conn, GUILD, SESSION_END)
            return found
        found = await self.db.read(work)
        return found

    async def advance_to(self, when: datetime) -> None:
        self.clock.set(when)
        await self.engine.run_due()


@pytest.fixture
async def world(db: Database, clock: ManualClock) -> World:
    texts = load_catalog()
    community = CommunityService(db, clock)
    poster = FakePoster()
    engine = ScheduleEngine(db, clock, poster, community, texts=texts, realtime=False)
    streaks = StreakService(db, clock, community)
    events = FakeEvents()
    rounds = RoundService(
        db, clock, community, engine, streaks, texts=texts, events={"discord": events}
    )
    await engine.start()
    return World(db, clock, texts, poster, engine, streaks, rounds, events)


async def create(world: World, **overrides: Any) -> Any:
    options: dict[str, Any] = {
        "name": "Winter", "start": "2026-11-26", "weeks": 4, "channel_id": CHANNEL,
        "cadence": "매주 목 20:00", "place": "4242", "ping_role": "888",
    } | overrides
    return await world.rounds.create(MOD, **options)


async def row_counts(db: Database) -> dict[str, int]:
    counts = {}
    def work(conn: Connection):
        for table in ("rounds", "round_papers", "round_members", "sessions", "session_presenters",
                      "rsvps", "attendance", "schedules"):
            cursor = conn.execute(f"SELECT count(*) FROM {table}")
            row = cursor.fetchone()
            counts[table] = int(row[0]) if row else 0
    await db.read(work)
    return counts


async def test_create_validates_and_previews_the_sessions(world: World) -> None:
    made = await create(world)
    assert made.round.status == "draft" and made.round.settings.cadence == "cron 0 20 * * thu"
    assert [s.starts_at for s in made.sessions] == [FIRST + timedelta(weeks=n) for n in range(4)]
    assert [s.kind for s in made.sessions] == ["paper", "paper", "paper", "sota"]
    assert made.round.settings.duration_minutes == 90
    assert made.round.settings.paper_reminder_days == 3
    with pytest.raises(UserFacingError) as caught:
        await create(world, name="WINTER")
    assert caught.value.key == "rounds.error.name_taken"


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        ({"start": "2026-11-20"}, "rounds.error.start_in_past"),
        ({"start": "2026-11-23", "cadence": "every mon 20:00"}, "rounds.error.in_past"),
        ({"cadence": "tomorrow 20:00"}, "rounds.error.cadence_once"),
        ({"cadence": "whenever"}, "schedules.when_invalid"),
        ({"weeks": 60}, "rounds.error.weeks"),
        ({"name": "n" * 101}, "rounds.error.name.too_long"),
        ({"place": "ftp://files.example"}, "rounds.error.place"),
        ({"cadence": "every day 20:00", "duration_minutes": 720, "weeks": 1},
         None),
    ],
)
async def test_bad_round_input_changes_nothing(
    world: World, overrides: dict[str, Any], key: str | None
) -> None:
    before = await row_counts(world.db)
    if key is None:  # 12 h sessions every day do not overlap: accepted
        await create(world, **overrides)
        return
    with pytest.raises(UserFacingError) as caught:
        await create(world, **overrides)
    assert caught.value.key == key
    assert await row_counts(world.db) == before


async def test_the_round_service_checks_moderators_itself(world: World) -> None:
    """A member's Actor is refused by every moderator operation, before anything is
    read or written, on a draft round and on an active one."""
    member = Actor(ANA)
    await create(world)
    await world.rounds.add_paper(MOD, None, title="P1", url=None)
    await world.rounds.join(ANA, None, display_name="Ana")
    started = await world.rounds.start(MOD, None)
    first = str(started.sessions[0].id)
    # A draft round beside the active one, for the draft's operations.
    await create(world, name="Spring", start="2027-03-04")
    await world.rounds.add_paper(MOD, "Spring", title="P1", url=None)
    draft = {
        "create": lambda: world.rounds.create(member, name="Mine", start="2027-06-03",
                                              weeks=2, channel_id=CHANNEL,
                                              cadence="매주 목 20:00"),
        "edit": lambda: world.rounds.edit(member, "Spring", name="Mine"),
        "add_paper": lambda: world.rounds.add_paper(member, "Spring", title="P2", url=None),
        "remove_paper": lambda: world.rounds.remove_paper(member, "Spring", "P1"),
        "start": lambda: world.rounds.start(member, "Spring"),
    }
    active = {
        "edit": lambda: world.rounds.edit(member, "Winter", name="Mine"),
        "rotate_presenters": lambda: world.rounds.rotate_presenters(member, "Winter"),
        "assign_presenter": lambda: world.rounds.assign_presenter(member, first, ANA),
        "edit_session": lambda: world.rounds.edit_session(member, first, topic="mine"),
        "cancel_session": lambda: world.rounds.cancel_session(member, first),
        "correct_attendance": lambda: world.rounds.correct_attendance(member, first, ANA,
                                                                      attended=True),
        "close": lambda: world.rounds.close(member, "Winter"),
    }
    for calls, round_name in ((draft, "Spring"), (active, "Winter")):
        before = (await row_counts(world.db), await world.rounds.overview(GUILD, round_name))
        for name, call in calls.items():
            with pytest.raises(NotModerator):
                await call()
                pytest.fail(f"{name} let a member through")
        after = (await row_counts(world.db), await world.rounds.overview(GUILD, round_name))
        assert after == before  # nothing was written


async def test_start_creates_sessions_papers_presenters_reminders_and_events(
    world: World,
) -> None:
    await create(world)
    await world.rounds.add_paper(MOD, "winter", title="Attention", url="https://arxiv.org/abs/1")
    await world.rounds.add_paper(MOD, None, title="ResNet", url="https://arxiv.org/abs/2")
    await world.rounds.add_paper(MOD, None, title="Extra results", url=None, week=4)
    for person, name in ((ANA, "Ana"), (BO, "Bo")):
        await world.rounds.join(person, None, display_name=name)
    await world.rounds.join(CY, None, display_name="Cy", presenting=False)

    started = await world.rounds.start(MOD, None)
    sessions = started.sessions
    assert started.round.status == "active" and len(sessions) == 4
    assert [[p.title for p in s.papers] for s in sessions] == [
        ["Attention"], ["ResNet"], [], ["Extra results"]]
    presenters = [[p.external_id for p in s.presenters] for s in sessions]
    assert presenters == [["101"], ["102"], ["101"], ["102"]], "Cy opted out"
    assert all(s.event_id for s in sessions) and len(world.events.created) == 4
    spec = world.events.created[sessions[0].event_id or ""]
    assert spec.voice_channel_id == "4242" and spec.starts_at == FIRST
    assert spec.ends_at == FIRST + timedelta(minutes=90)
    # Session 1 is three days away at 20:00: its reading reminder (Mon 20:00) has passed.
    kinds = sorted((s.kind, s.payload.get("lead_hours")) for s in await world.schedules())
    assert kinds.count((READING, None)) == 3
    assert kinds.count((REMINDER, 24)) == 4 and kinds.count((REMINDER, 1)) == 4
    assert kinds.count((SESSION_END, None)) == 4
    with pytest.raises(UserFacingError) as caught:
        await world.rounds.start(MOD, "Winter")
    assert caught.value.key == "rounds.error.not_draft.active"


async def test_reminders_rsvp_attendance_and_streak(world: World) -> None:
    await create(world)
    await world.rounds.add_paper(MOD, None, title="Attention", url="https://arxiv.org/abs/1")
    await world.rounds.join(ANA, None, display_name="Ana")
    started = await world.rounds.start(MOD, None)
    first = started.sessions[0]

    await world.advance_to(FIRST - timedelta(hours=24))
    day_before = world.poster.posts[-1].message
    assert day_before.ping_role == "888"
    assert "Attention" in day_before.body
    assert [b[0] for b in day_before.buttons] == [
        f"round:rsvp:{first.id}:going", f"round:rsvp:{first.id}:maybe",
        f"round:rsvp:{first.id}:not_going"]

    result = await world.rounds.rsvp(ANA, first.id, "going", display_name="Ana")
    assert (result.counts.going, result.counts.maybe) == (1, 0)
    changed = await world.rounds.rsvp(BO, first.id, "maybe", display_name="Bo")
    assert (changed.counts.going, changed.counts.maybe) == (1, 1)
    await world.rounds.rsvp(BO, first.id, "not_going")
    again = await world.rounds.rsvp(BO, first.id, "not_going")
    assert (again.counts.going, again.counts.maybe, again.counts.not_going) == (1, 0, 1)

    await world.advance_to(FIRST - timedelta(hours=1))
    assert "1 hour" in world.poster.posts[-1].message.body or "한 시간" in \
        world.poster.posts[-1].message.body
    assert "· 1" in world.poster.posts[-1].message.buttons[0][1]

    await world.advance_to(first.ends_at)
    view = await world.rounds.show_session(GUILD, str(first.id))
    assert view.session.status == "held"
    marks = await world.db.read(round_store.attendance_of_session, first.id)
    assert sorted((attended, source) for attended, source in marks.values()) == [(True, "rsvp")]
    streak = await world.streaks.show(ANA)
    assert streak.current == 1 and streak.total_checkins == 1
    with pytest.raises(UserFacingError) as caught:
        await world.rounds.rsvp(ANA, first.id, "maybe")
    assert caught.value.key == "rounds.error.rsvp_closed"

    # A moderator correction wins over the RSVPs and counts as a check-in.
    fixed = await world.rounds.correct_attendance(MOD, str(first.id), BO, attended=True,
                                                  display_name="Bo")
    assert fixed.changed
    assert (await world.streaks.show(BO)).total_checkins == 1


async def test_marking_absent_after_the_session_takes_back_the_streak_checkin(
    world: World,
) -> None:
    await create(world)
    await world.rounds.join(ANA, None, display_name="Ana")
    started = await world.rounds.start(MOD, None)
    first = started.sessions[0]
    await world.rounds.rsvp(ANA, first.id, "going", display_name="Ana")
    await world.advance_to(first.ends_at)
    assert (await world.streaks.show(ANA)).current == 1

    fixed = await world.rounds.correct_attendance(MOD, str(first.id), ANA, attended=False)
    assert fixed.changed
    after = await world.streaks.show(ANA)
    assert (after.current, after.total_checkins) == (0, 0)
    board = await world.streaks.leaderboard(GUILD, "month", ANA)
    assert board.entries == ()  # the month total was recomputed too

    # Marked present again: counted again, once.
    await world.rounds.correct_attendance(MOD, str(first.id), ANA, attended=True)
    assert (await world.streaks.show(ANA)).total_checkins == 1
    # An absent mark for someone who was never counted changes no streak.
    await world.rounds.correct_attendance(MOD, str(first.id), BO, attended=False)
    assert (await world.streaks.show(BO)).total_checkins == 0


async def test_attendance_does_not_count_when_the_setting_is_off(
    world: World, db: Database, clock: ManualClock
) -> None:
    await world.rounds._community.set_value(GUILD, "attendance_counts_as_checkin", "off", actor="1")
    await create(world)
    started = await world.rounds.start(MOD, None)
    first = started.sessions[0]
    await world.rounds.rsvp(ANA, first.id, "going")
    await world.advance_to(first.ends_at)
    assert (await world.streaks.show(ANA)).total_checkins == 0
    marks = await db.read(round_store.attendance_of_session, first.id)
    assert len(marks) == 1


async def test_reschedule_moves_reminders_and_event(world: World) -> None:
    await create(world)
    started = await world.rounds.start(MOD, None)
    second = started.sessions[1]
    before = {s.id for s in await world.schedules()}
    moved = await world.rounds.edit_session(MOD, str(second.id), when="2026-12-04 19:00",
                                            topic="Chapter 2")
    new_start = datetime(2026, 12, 4, 10, tzinfo=UTC)
    assert moved.session.starts_at == new_start and moved.session.topic == "Chapter 2"
    mine = [s for s in await world.schedules() if s.payload["session_id"] == second.id]
    assert {s.rule for s in mine} == {"at 2026-12-01 19:00", "at 2026-12-03 19:00",
                                      "at 2026-12-04 18:00", "at 2026-12-04 20:30"}
    assert not {s.id for s in mine} & before
    assert world.events.updated[-1][0] == second.event_id
    assert world.events.updated[-1][1].starts_at == new_start
    # The old 24 h reminder time passes quietly; the new one posts.
    await world.advance_to(second.starts_at - timedelta(hours=24))
    assert all(f":{second.id}:" not in p.message.buttons[0][0] for p in world.poster.posts
               if p.message.buttons)
    await world.advance_to(new_start - timedelta(hours=24))
    assert f"round:rsvp:{second.id}:going" == world.poster.posts[-1].message.buttons[0][0]


async def test_reschedule_refuses_overlap_and_past(world: World) -> None:
    await create(world)
    started = await world.rounds.start(MOD, None)
    first, second = started.sessions[:2]
    for when, key in (("2026-11-26 21:00", "rounds.error.overlap"),
                      ("2026-11-20 20:00", "schedules.when_past"),
                      ("every fri 20:00", "rounds.error.when_once")):
        with pytest.raises(UserFacingError) as caught:
            await world.rounds.edit_session(MOD, str(second.id), when=when)
        assert caught.value.key == key
    view = await world.rounds.show_session(GUILD, str(second.id))
    assert view.session.starts_at == second.starts_at
    assert first.status == "scheduled"


async def test_second_round_may_not_overlap_the_first(world: World) -> None:
    await create(world)
    await world.rounds.start(MOD, None)
    await create(world, name="Other", cadence="every thu 21:00")
    with pytest.raises(UserFacingError) as caught:
        await world.rounds.start(MOD, "Other")
    assert caught.value.key == "rounds.error.overlap"
    other = await world.rounds.resolve_round(GUILD, "other")
    assert other.status == "draft"


async def test_cancel_removes_reminders_event_and_moves_papers(world: World) -> None:
    await create(world)
    await world.rounds.add_paper(MOD, None, title="P1", url=None)
    await world.rounds.add_paper(MOD, None, title="P2", url=None)
    await world.rounds.join(ANA, None, display_name="Ana")
    started = await world.rounds.start(MOD, None)
    first, second, third = started.sessions[:3]
    cancelled = await world.rounds.cancel_session(MOD, str(first.id))
    assert cancelled.session.status == "cancelled" and cancelled.session.papers == ()
    assert world.events.cancelled == [first.event_id]
    assert not [s for s in await world.schedules() if s.payload["session_id"] == first.id]
    _, sessions = await world.rounds.list_sessions(GUILD, None)
    by_id = {s.id: s for s in sessions}
    # P1 (week 1) moves on to week 2's session together with P2.
    assert [p.title for p in by_id[second.id].papers] == ["P1", "P2"]
    assert by_id[third.id].papers == ()
    with pytest.raises(UserFacingError):
        await world.rounds.cancel_session(MOD, str(first.id))


async def test_missing_event_permission_told_once_and_round_still_works(world: World) -> None:
    world.events.forbidden = True
    await create(world)
    started = await world.rounds.start(MOD, None)
    assert started.events_notice and all(s.event_id is None for s in started.sessions)
    assert len(await world.schedules()) > 0
    again = await world.rounds.edit_session(MOD, str(started.sessions[2].id), topic="x")
    assert not again.events_notice
    stored = await world.db.read(round_store.get_round, started.round.id)
    assert stored is not None and stored.events_notice_sent


async def test_rotation_handover_on_leave_and_manual_override(world: World) -> None:
    await create(world, weeks=6)
    for person, name in ((ANA, "Ana"), (BO, "Bo"), (CY, "Cy")):
        await world.rounds.join(person, None, display_name=name)
    started = await world.rounds.start(MOD, None)
    ids = [s.id for s in started.sessions]

    async def presenters() -> list[str]:
        _, sessions = await world.rounds.list_sessions(GUILD, None)
        return [",".join(p.external_id for p in s.presenters) for s in sessions]

    assert await presenters() == ["101", "102", "103", "101", "102", "103"]
    await world.rounds.assign_presenter(MOD, str(ids[1]), CY, display_name="Cy")
    await world.rounds.leave(ANA, None)
    # Ana's turns (sessions 1 and 4) pass on; Cy's hand assignment stays.
    after = await presenters()
    assert "101" not in after and after[1] == "103"
    rotated = await world.rounds.rotate_presenters(MOD, None)
    final = [",".join(p.external_id for p in s.presenters) for s in rotated.sessions]
    assert final[1] == "103" and "101" not in final
    counts = {m: final.count(m) for m in ("102", "103")}
    assert abs(counts["102"] - counts["103"]) <= 1
    with pytest.raises(UserFacingError) as caught:
        await world.rounds.leave(ANA, None)
    assert caught.value.key == "rounds.error.not_joined"


async def test_close_holds_started_sessions_cancels_the_rest_and_recaps(world: World) -> None:
    await create(world)
    await world.rounds.add_paper(MOD, None, title="P1", url="https://a.example/1")
    await world.rounds.join(ANA, None, display_name="Ana")
    started = await world.rounds.start(MOD, None)
    first = started.sessions[0]
    await world.rounds.rsvp(ANA, first.id, "going")
    world.clock.set(first.starts_at + timedelta(minutes=10))
    closed = await world.rounds.close(MOD, None)
    assert closed.round.status == "closed"
    assert closed.recap.sessions_held == 1 and closed.recap.sessions_cancelled == 3
    assert [p.title for p in closed.recap.papers_covered] == ["P1"]
    assert [(a.name, a.attended) for a in closed.recap.attendance] == [("Ana", 1)]
    assert closed.recap.streak_leaders[0].name == "Ana"
    assert await world.schedules() == []
    assert len(world.events.cancelled) == 3
    with pytest.raises(UserFacingError) as caught:
        await world.rounds.add_paper(MOD, "Winter", title="late", url=None)
    assert caught.value.key == "rounds.error.round_closed"


async def test_round_lookup_by_name_id_or_the_only_active_one(world: World) -> None:
    with pytest.raises(UserFacingError) as caught:
        await world.rounds.resolve_round(GUILD, None)
    assert caught.value.key == "rounds.error.no_rounds"
    one = await create(world)
    two = await create(world, name="Spring", start="2027-03-04")
    assert (await world.rounds.resolve_round(GUILD, str(two.round.id))).name == "Spring"
    assert (await world.rounds.resolve_round(GUILD, "  spring ")).id == two.round.id
    with pytest.raises(UserFacingError) as caught:
        await world.rounds.resolve_round(GUILD, None)
    assert caught.value.key == "rounds.error.no_active_round"
    await world.rounds.start(MOD, "Winter")
    assert (await world.rounds.resolve_round(GUILD, None)).id == one.round.id
    other = OTHER_GUILD
    with pytest.raises(UserFacingError):
        await world.rounds.resolve_round(other, str(one.round.id))
    choices = await world.rounds.round_choices(GUILD, "")
    assert {value for _, value in choices} == {str(one.round.id), str(two.round.id)}
    sessions = await world.rounds.session_choices(GUILD, "", "en")
    assert len(sessions) == 4 and sessions[0][0].startswith("Winter #1 · Thu 2026-11-26 20:00")


async def test_choices_are_capped_at_25(world: World) -> None:
    await create(world, cadence="every day 20:00", weeks=5, duration_minutes=60)
    await world.rounds.start(MOD, None)
    assert len(await world.rounds.session_choices(GUILD, "", "ko")) == 25
    for n in range(25):
        await world.rounds.add_paper(MOD, None, title=f"P{n}", url=None, week=2)
    with pytest.raises(UserFacingError) as caught:
        await world.rounds.add_paper(MOD, None, title="one too many", url=None, week=2)
    assert caught.value.key == "rounds.error.too_many_choices"


async def test_calendar_and_digest(world: World) -> None:
    await create(world)
    await world.rounds.add_paper(MOD, None, title="Attention", url="https://arxiv.org/abs/1")
    await world.rounds.start(MOD, None)
    _, data = await world.rounds.calendar(GUILD, None, "en")
    assert data.count(b"BEGIN:VEVENT") == 4 and b"TZID=Asia/Seoul" in data
    assert b"LOCATION:https://discord.com/channels/9001/4242" in data
    reading, upcoming = await world.rounds.digest_lines(GUILD, "en", world.clock.now())
    assert reading == ["📖 Winter #1: [Attention](<https://arxiv.org/abs/1>)"]
    assert len(upcoming) == 1 and "Thu 2026-11-26 20:00" in upcoming[0]


async def test_edit_draft_and_active_rounds(world: World) -> None:
    await create(world)
    edited = await world.rounds.edit(MOD, None, weeks=2, name="Winter A")
    assert edited.round.settings.weeks == 2 and len(edited.sessions) == 2
    await world.rounds.start(MOD, None)
    with pytest.raises(UserFacingError) as caught:
        await world.rounds.edit(MOD, None, cadence="every fri 20:00")
    assert caught.value.key == "rounds.error.calendar_fixed"
    moved = await world.rounds.edit(MOD, None, channel_id="5003", place="https://meet.example/y")
    assert moved.round.settings.channel_id == "5003"
    assert {s.channel_id for s in await world.schedules()} == {"5003"}
    assert all(s.place == "https://meet.example/y" for s in moved.sessions)
    assert world.events.updated and world.events.updated[-1][1].location == "https://meet.example/y"


async def test_digest_section_lists_this_weeks_reading_and_sessions(world: World) -> None:
    from bot.digest import DigestService

    digest = DigestService(world.db, world.clock, world.engine, world.rounds._community,
                           world.texts, sections={"rounds": world.rounds.digest_section})
    empty = await digest.build(GUILD, "en")
    assert not empty.fields
    await create(world)
    await world.rounds.add_paper(MOD, None, title="Attention", url=None)
    await world.rounds.start(MOD, None)
    built = await digest.build(GUILD, "ko")
    assert [name for name, _ in built.fields] == ["이번 주 스터디"]
    assert built.fields[0][1].splitlines()[0] == "📖 Winter #1: Attention"


async def test_sessions_missed_while_offline_are_finalized_later(world: World) -> None:
    await create(world)
    await world.rounds.join(ANA, None, display_name="Ana")
    started = await world.rounds.start(MOD, None)
    first, second = started.sessions[:2]
    await world.rounds.rsvp(ANA, first.id, "going")
    # The bot was "offline" for a week: the end-of-session message is skipped as too
    # old, but the next round message (or a recap) finalizes the session anyway.
    await world.advance_to(second.starts_at - timedelta(hours=24))
    view = await world.rounds.show_session(GUILD, str(first.id))
    assert view.session.status == "held"
    recap = await world.rounds.recap(started.round)
    assert recap.sessions_held == 1 and recap.attendance[0].attended == 1
    assert (await world.streaks.show(ANA)).total_checkins == 1


async def test_session_reminders_keep_their_instants_when_the_time_zone_changes(
    tmp_path: Path, clock: ManualClock
) -> None:
    services = await open_services(Settings(data_dir=tmp_path), clock)
    try:
        await services.schedules.start(FakePoster(), platforms=None)
        await services.rounds.create(MOD, name="Winter", start="2026-11-26", weeks=2,
                                     channel_id=CHANNEL, cadence="매주 목 20:00")
        started = await services.rounds.start(MOD, None)

        async def reminder_instants() -> list[datetime]:
            found = await services.db.read(schedule_store.list_schedules, GUILD, REMINDER)
            instants = [services.schedules.next_fire(s.id) for s in found]
            return sorted(i for i in instants if i is not None)

        before = await reminder_instants()
        expected = sorted(s.starts_at - lead for s in started.sessions
                          for lead in (timedelta(hours=24), timedelta(hours=1)))
        assert before == expected

        # The sessions stay at their instants (stored in UTC); so must the reminders,
        # rather than moving to the same wall-clock time in the new zone.
        await services.community.set_value(GUILD, "timezone", "America/New_York", actor="1")
        await services.schedules.sync_zones()  # the engine's periodic sweep, run now
        assert await reminder_instants() == expected
        await services.community.reset_value(GUILD, "timezone")
        await services.schedules.sync_zones()
        assert await reminder_instants() == expected
    finally:
        await services.schedules.shutdown()
        await services.close()
