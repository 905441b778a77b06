"""``studybot db copy``: a populated SQLite file moves to Postgres whole, every table
checked by row count and checksum, and the services read the same answers there."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.clock import ManualClock
from bot.core.actor import Actor
from bot.core.refs import DISCORD, ChannelRef, CommunityRef, MemberRef
from bot.i18n import load_catalog
from bot.services import Services, build_services
from bot.settings import Settings
from storage.backends import open_database
from storage.copy import checksum, read_tables

GUILD = CommunityRef(DISCORD, "7001")
MOD = MemberRef(GUILD, "1")
START = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


async def _with_services(target: Path | str, clock: ManualClock, work) -> object:  # type: ignore[no-untyped-def]
    db = await open_database(target)
    try:
        services = build_services(Settings(), db, clock, load_catalog(), realtime=False)
        return await work(services)
    finally:
        await db.close()


async def _populate(services: Services) -> None:
    clock = services.clock
    for day in range(5):
        for member in ("11", "12", "13"):
            await services.streaks.check_in(MemberRef(GUILD, member), f"m{member}",
                                            paper=f"paper {day}")
        clock.advance(timedelta(days=1))  # type: ignore[attr-defined]
    await services.streaks.grant_freezes(Actor(MOD, is_moderator=True), MemberRef(GUILD, "11"), 2,
                                         "travel")
    await services.reminders.add(Actor(MOD, is_moderator=True), ChannelRef(GUILD, "500"),
                                 "매일 09:00", "read!", None)
    await services.knowledge.faq_add(GUILD, Actor(MOD, is_moderator=True), "mod", "질문?", "답.",
                                     None, None)
    start = (clock.now() + timedelta(days=3)).date().isoformat()
    await services.rounds.create(Actor(MOD, is_moderator=True), name="Winter", start=start,
                                 weeks=3, channel_id="500", cadence="매주 목 20:00")
    await services.rounds.start(Actor(MOD, is_moderator=True), "Winter")
    await services.rounds.join(MemberRef(GUILD, "12"), "Winter", display_name="m12")


async def _summary(services: Services) -> tuple[object, ...]:
    show = await services.streaks.show(MemberRef(GUILD, "11"))
    board = await services.streaks.leaderboard(GUILD, "current", MOD)
    overview = await services.rounds.overview(GUILD, "Winter")
    return (show.current, show.total_checkins, show.freezes_left,
            [(e.rank, e.external_id, e.display_name, e.value) for e in board.entries],
            [(s.index, [p.member_id for p in s.presenters]) for s in overview.sessions])


def _populated(tmp_path: Path, clock: ManualClock) -> Path:
    source = tmp_path / "studybot.sqlite3"
    asyncio.run(_with_services(source, clock, _populate))
    return source


def _copy(source: Path, target: str) -> int:
    return main(["db", "copy", "--from", f"sqlite:///{source}", "--to", target])


def test_a_populated_sqlite_file_moves_to_postgres_checked(
    tmp_path: Path, postgres_schema_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = ManualClock(START)
    source = _populated(tmp_path, clock)
    before = asyncio.run(_with_services(source, clock, _summary))

    assert _copy(source, postgres_schema_url) == 0
    out = capsys.readouterr().out
    assert "row counts and checksums match" in out

    async def tables(target: Path | str) -> dict[str, tuple[int, str]]:
        db = await open_database(target, migrate=False)
        try:
            return {t.name: (len(t.rows), t.checksum) for t in await db.read(read_tables)}
        finally:
            await db.close()

    copied = asyncio.run(tables(postgres_schema_url))
    assert copied == asyncio.run(tables(source))
    assert copied["streak_checkins"][0] == 15 and copied["sessions"][0] == 3
    # The services read the same answers from the copy, and ids go on after it.
    assert asyncio.run(_with_services(postgres_schema_url, clock, _summary)) == before

    async def new_reminder(services: Services) -> int:
        added = await services.reminders.add(Actor(MOD, is_moderator=True),
                                             ChannelRef(GUILD, "500"), "매일 10:00", "again", None)
        return added.schedule.id

    assert asyncio.run(_with_services(postgres_schema_url, clock, new_reminder)) > 1


def test_a_target_with_rows_is_refused_in_one_line(
    tmp_path: Path, postgres_schema_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _populated(tmp_path, ManualClock(START))
    assert _copy(source, postgres_schema_url) == 0
    capsys.readouterr()
    assert _copy(source, postgres_schema_url) == 3
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "the target is not empty" in err


def test_checksums_ignore_order_but_not_values() -> None:
    assert checksum([(1, "a"), (2, None)]) == checksum([(2, None), (1, "a")])
    assert checksum([(1, "a")]) != checksum([(1, "b")])
    assert checksum([(1, None)]) != checksum([(1, "")])
