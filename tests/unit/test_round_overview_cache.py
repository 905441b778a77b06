"""``RoundService.overview`` reads a round in one trip to the reader thread and
keeps it until anything next ends a write transaction on the database."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.community import CommunityService
from bot.core.actor import Actor
from bot.core.errors import UserFacingError
from bot.core.refs import DISCORD, CommunityRef, MemberRef
from bot.core.round_model import RoundOverview
from bot.i18n import load_catalog
from bot.rounds.parts import lookup, queries
from bot.rounds.service import RoundService
from bot.schedules.engine import ScheduleEngine
from bot.streaks.service import StreakService
from storage.database import Database
from tests.fake_poster import FakePoster

GUILD = CommunityRef(DISCORD, "9001")
MOD = Actor(MemberRef(GUILD, "1"), is_moderator=True)
ANA = MemberRef(GUILD, "101")


@pytest.fixture
async def rounds(db: Database, clock: ManualClock) -> RoundService:
    texts = load_catalog()
    community = CommunityService(db, clock)
    engine = ScheduleEngine(db, clock, FakePoster(), community, texts=texts, realtime=False)
    service = RoundService(db, clock, community, engine, StreakService(db, clock, community),
                           texts=texts)
    await engine.start()
    start = (clock.now() + timedelta(days=3)).date().isoformat()
    await service.create(MOD, name="Winter", start=start, weeks=4, channel_id="5001",
                         cadence="매주 목 20:00")
    return service


class ReaderTrips:
    """How many calls reached the reader's thread since this was made."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._start = db.read_trips

    def __len__(self) -> int:
        return self._db.read_trips - self._start


@contextmanager
def reader_trips(db: Database) -> Iterator[ReaderTrips]:
    """Counts the calls that reach the read connection's thread while open."""
    yield ReaderTrips(db)


async def fresh(db: Database, text: str | None) -> RoundOverview:
    """What the database holds now, read past any kept copy."""
    return await db.read(lookup.find_overview, GUILD, text)


async def test_a_round_is_read_in_one_trip_then_kept(db: Database, rounds: RoundService) -> None:
    with reader_trips(db) as trips:
        first = await rounds.overview(GUILD, None)
        assert len(trips) == 1
        again = await rounds.overview(GUILD, None)
        assert len(trips) == 1  # no trip at all
    assert again is first
    assert first == await fresh(db, None)
    assert first.round.name == "Winter" and first.round.status == "draft"


async def test_every_kind_of_round_write_shows_at_once(db: Database, rounds: RoundService) -> None:
    async def shown() -> RoundOverview:
        kept = await rounds.overview(GUILD, "winter")
        assert kept == await fresh(db, "winter")
        return kept

    await shown()
    await rounds.add_paper(MOD, None, title="Attention Is All You Need", url=None)
    assert [p.title for p in (await shown()).papers] == ["Attention Is All You Need"]
    await rounds.start(MOD, None)
    started = await shown()
    assert started.round.status == "active" and len(started.sessions) == 4
    assert started.sessions[0].papers[0].title == "Attention Is All You Need"
    await rounds.join(ANA, None, display_name="Ana", presenting=False)
    assert [(m.external_id, m.joined) for m in (await shown()).members] == [("101", True)]
    await rounds.leave(ANA, None)
    assert [(m.external_id, m.joined) for m in (await shown()).members] == [("101", False)]
    await rounds.cancel_session(MOD, str(started.sessions[-1].id))
    assert (await shown()).sessions[-1].status == "cancelled"
    await rounds.close(MOD, None)
    assert (await shown()).round.status == "closed"


async def test_a_write_by_another_service_shows_at_once(
    db: Database, rounds: RoundService, clock: ManualClock
) -> None:
    await rounds.join(ANA, None, display_name="Ana")
    assert [m.display_name for m in (await rounds.overview(GUILD, None)).members] == ["Ana"]
    # The streak service stores the member's new display name with a check-in.
    community = CommunityService(db, clock)
    await StreakService(db, clock, community).check_in(ANA, "Ana Kim")
    kept = await rounds.overview(GUILD, None)
    assert [m.display_name for m in kept.members] == ["Ana Kim"]
    assert kept == await fresh(db, None)


async def test_a_refused_write_still_drops_what_was_kept(
    db: Database, rounds: RoundService
) -> None:
    kept = await rounds.overview(GUILD, None)
    with pytest.raises(UserFacingError):
        await rounds.leave(ANA, "no such round")
    with reader_trips(db) as trips:
        assert await rounds.overview(GUILD, None) == kept
        assert len(trips) == 1  # read again: the count moved


async def test_a_read_that_a_write_overtakes_is_not_kept(
    db: Database, rounds: RoundService, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = lookup.find_overview
    loop = asyncio.get_running_loop()

    def read_then_write(conn: Any, community: CommunityRef, text: str | None) -> Any:
        found = original(conn, community, text)
        # The paper commits after the read saw the round without it (the read runs in
        # the reader's thread; the event loop is free to run the write meanwhile).
        asyncio.run_coroutine_threadsafe(
            rounds.add_paper(MOD, None, title="Late paper", url=None), loop).result()
        return found

    monkeypatch.setattr(lookup, "find_overview", read_then_write)
    stale = await rounds.overview(GUILD, None)
    assert stale.papers == ()
    monkeypatch.setattr(lookup, "find_overview", original)
    assert [p.title for p in (await rounds.overview(GUILD, None)).papers] == ["Late paper"]


async def test_refusals_are_not_kept_and_the_memory_is_bounded(
    db: Database, rounds: RoundService, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(2):
        with pytest.raises(UserFacingError):
            await rounds.overview(GUILD, "nothing by this name")
    assert rounds._overviews == {}
    monkeypatch.setattr(queries, "OVERVIEWS_KEPT", 3)
    names = ["Winter", "WINTER", "winter", " winter", "WiNtEr"]
    for name in names:
        assert (await rounds.overview(GUILD, name)).round.name == "Winter"
        assert len(rounds._overviews) <= 3
