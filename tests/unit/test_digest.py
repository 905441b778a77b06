"""The channel digest: sections from the features present, one schedule per community."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.community import CommunityService
from bot.core.actor import Actor
from bot.core.errors import UserFacingError
from bot.core.refs import ChannelRef, CommunityRef, MemberRef
from bot.digest import DigestSection, DigestService, standard_sections
from bot.i18n import Lang, load_catalog
from bot.knowledge import KnowledgeService
from bot.schedules.engine import ScheduleEngine
from bot.streaks.service import StreakService
from content.loader import load_catalog as load_knowledge_catalog
from storage.database import Database
from tests.fake_poster import FakePoster
from tests.schedule_world import CHANNEL, GUILD, MOD, OTHER_GUILD

SEOUL = ZoneInfo("Asia/Seoul")


@dataclass
class DigestWorld:
    clock: ManualClock
    poster: FakePoster
    engine: ScheduleEngine
    digests: DigestService
    streaks: StreakService
    knowledge: KnowledgeService


@pytest.fixture
async def world(db: Database, clock: ManualClock) -> DigestWorld:
    texts = load_catalog()
    community = CommunityService(db, clock)
    poster = FakePoster()
    engine = ScheduleEngine(db, clock, poster, community, texts=texts, realtime=False)
    streaks = StreakService(db, clock, community)
    knowledge = KnowledgeService(load_knowledge_catalog(), db, clock)
    digests = DigestService(db, clock, engine, community, texts,
                            sections=standard_sections(db, texts, streaks=streaks, faq=True))
    await engine.start()
    return DigestWorld(clock, poster, engine, digests, streaks, knowledge)


async def test_empty_digest_says_so(world: DigestWorld) -> None:
    message = await world.digests.preview(GUILD, "en")
    assert message.title == "📰 Study digest"
    assert message.fields == ()
    assert "Nothing to report" in message.body


async def test_digest_shows_streaks_and_new_faq(world: DigestWorld) -> None:
    for day in range(3):
        for name in ("alice", "bob"):
            if name == "bob" and day == 0:
                continue
            await world.streaks.check_in(MemberRef(GUILD, name), name.title())
        world.clock.advance(timedelta(days=1))
    moderator = Actor(MemberRef(GUILD, "mod"), is_moderator=True)
    await world.knowledge.faq_add(GUILD, moderator, "Mod", "발표는 몇 분?",
                                  "20분이에요.", "How long is a talk?", "20 minutes.")
    korean = await world.digests.preview(GUILD, "ko")
    fields = dict(korean.fields)
    assert fields["🔥 연속 기록 선두"].splitlines() == ["1. Alice — 3회 연속", "2. Bob — 2회 연속"]
    assert "발표는 몇 분?" in fields["❓ 새로 추가된 FAQ"]
    english = dict((await world.digests.preview(GUILD, "en")).fields)
    assert "How long is a talk?" in english["❓ New FAQ entries"]

    world.clock.advance(timedelta(days=8))  # the FAQ entry is no longer new
    later = dict((await world.digests.preview(GUILD, "en")).fields)
    assert "❓ New FAQ entries" not in later


async def test_a_failing_section_is_left_out(world: DigestWorld) -> None:
    async def broken(community: CommunityRef, lang: Lang, now: datetime) -> DigestSection | None:
        raise RuntimeError("boom")

    async def fine(community: CommunityRef, lang: Lang, now: datetime) -> DigestSection | None:
        return DigestSection("Rounds", ("Week 3: attention",))

    world.digests.register_section("broken", broken)
    world.digests.register_section("rounds", fine)
    with pytest.raises(ValueError):
        world.digests.register_section("rounds", fine)
    message = await world.digests.preview(GUILD, "en")
    assert message.fields == (("Rounds", "Week 3: attention"),)


async def test_configure_replaces_and_the_digest_is_posted(world: DigestWorld) -> None:
    first = await world.digests.configure(MOD, CHANNEL)
    assert first.schedule.rule == "cron 0 9 * * mon"
    assert first.preview.next_occurrences[0].strftime("%a %d %H:%M") == "Mon 30 09:00"
    other_channel = ChannelRef(GUILD, "5003")
    second = await world.digests.configure(MOD, other_channel, "매일 8:00")
    current = await world.digests.current(GUILD)
    assert current is not None and current.id == second.schedule.id
    assert world.engine.next_fire(first.schedule.id) is None

    world.clock.set(datetime(2026, 11, 24, 8, 0, tzinfo=SEOUL))
    await world.engine.run_due()
    (post,) = world.poster.posts
    assert post.channel == other_channel and post.message.title == "📰 스터디 소식"


async def test_bad_when_keeps_the_old_digest(world: DigestWorld) -> None:
    first = await world.digests.configure(MOD, CHANNEL)
    with pytest.raises(UserFacingError):
        await world.digests.configure(MOD, CHANNEL, "whenever")
    current = await world.digests.current(GUILD)
    assert current is not None and current.id == first.schedule.id


async def test_disable(world: DigestWorld) -> None:
    with pytest.raises(UserFacingError) as caught:
        await world.digests.disable(MOD)
    assert caught.value.key == "digest.not_configured"
    configured = await world.digests.configure(MOD, CHANNEL)
    await world.digests.configure(Actor(MemberRef(OTHER_GUILD, "42"), is_moderator=True),
                                  ChannelRef(OTHER_GUILD, "1"))
    await world.digests.disable(MOD)
    assert await world.digests.current(GUILD) is None
    assert await world.digests.current(OTHER_GUILD) is not None
    assert world.engine.next_fire(configured.schedule.id) is None


async def test_one_digest_computes_the_streak_board_once(
    world: DigestWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(30):
        await world.streaks.check_in(MemberRef(GUILD, "alice"), "Alice")
        world.clock.advance(timedelta(days=1))
    boards: list[str] = []
    leaderboard = world.streaks.leaderboard

    async def counted(*args: object, **kwargs: object) -> object:
        boards.append(str(args[1]))
        return await leaderboard(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(world.streaks, "leaderboard", counted)
    fields = dict((await world.digests.preview(GUILD, "en")).fields)
    # Both streak sections are there, from one leaderboard.
    assert {"🔥 Streak leaders", "💪 30 or more in a row"} <= set(fields)
    assert boards == ["current"]
    world.clock.advance(timedelta(hours=1))
    await world.digests.preview(GUILD, "en")
    assert boards == ["current", "current"]  # a later run reads it afresh
