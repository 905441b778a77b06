"""The request context: services check an ``Actor``'s moderator rights themselves
and say how a reply is shown; one shared-language rule (real temporary database)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.clock import ManualClock
from bot.community import CommunityService
from bot.core.actor import Actor
from bot.core.errors import NotModerator
from bot.core.refs import DISCORD, CommunityRef, MemberRef
from bot.knowledge import KnowledgeService
from bot.streaks.service import StreakService
from content.loader import load_catalog as load_knowledge_catalog
from storage import schedules as schedule_store
from storage.database import Database
from tests.schedule_world import CHANNEL, MOD, World, make_world
from tests.schedule_world import GUILD as SCHEDULE_GUILD

GUILD = CommunityRef(DISCORD, "77")
ALICE = MemberRef(GUILD, "100")
MEMBER = Actor(MemberRef(GUILD, "2"))


@pytest.fixture
def community(db: Database, clock: ManualClock) -> CommunityService:
    return CommunityService(db, clock, default_language="ko")


@pytest.fixture
def service(db: Database, clock: ManualClock, community: CommunityService) -> StreakService:
    return StreakService(db, clock, community)


def test_an_actor_who_is_no_moderator_is_refused() -> None:
    Actor(ALICE, is_moderator=True).require_moderator()
    with pytest.raises(NotModerator):
        MEMBER.require_moderator()


async def test_the_streak_service_checks_moderators_itself(service: StreakService) -> None:
    with pytest.raises(NotModerator):
        await service.adjust(MEMBER, ALICE, date(2026, 1, 1), "add", "sneaky")
    with pytest.raises(NotModerator):
        await service.grant_freezes(MEMBER, ALICE, 3, "sneaky")
    assert await service.history(Actor(ALICE), ALICE) == []  # nothing was written


async def test_the_streak_service_checks_who_reads_whose_history(service: StreakService) -> None:
    moderator = Actor(MemberRef(GUILD, "1"), is_moderator=True)
    await service.grant_freezes(moderator, ALICE, 2, "travel")
    assert [row.action for row in await service.history(moderator, ALICE)] == ["grant"]
    assert [row.action for row in await service.history(Actor(ALICE), ALICE)] == ["grant"]
    with pytest.raises(NotModerator):
        await service.history(MEMBER, ALICE)  # another member's
    with pytest.raises(ValueError):
        await service.history(Actor(MemberRef(CommunityRef(DISCORD, "78"), "100")), ALICE)


async def test_check_in_and_show_say_whether_their_reply_is_public(
    service: StreakService, community: CommunityService
) -> None:
    assert (await service.check_in(ALICE, "Alice")).reply_public is True
    assert (await service.show(ALICE)).reply_public is True
    await community.set_value(GUILD, "checkin_replies_public", "off", actor="1")
    assert (await service.check_in(ALICE, "Alice")).reply_public is False
    assert (await service.show(ALICE)).reply_public is False


async def test_the_shared_language_is_the_forced_one_else_the_default(
    community: CommunityService,
) -> None:
    assert await community.shared_language(GUILD) == "ko"
    await community.set_value(GUILD, "language", "en", actor="1")
    assert await community.shared_language(GUILD) == "en"


async def test_the_config_service_checks_moderators_itself(community: CommunityService) -> None:
    with pytest.raises(NotModerator):
        await community.change(MEMBER, "language", "en")
    with pytest.raises(NotModerator):
        await community.reset(MEMBER, "language")
    with pytest.raises(NotModerator):
        await community.settings_for(MEMBER)
    assert (await community.config(GUILD)).language is None  # nothing was written
    changed = await community.change(Actor(ALICE, is_moderator=True), "language", "en")
    assert changed.language == "en"


async def test_the_knowledge_service_checks_moderators_itself(
    db: Database, clock: ManualClock
) -> None:
    service = KnowledgeService(load_knowledge_catalog(), db, clock)
    with pytest.raises(NotModerator):
        await service.faq_add(GUILD, MEMBER, "sneaky", "질문?", "답.", None, None)
    added = await service.faq_add(
        GUILD, Actor(ALICE, is_moderator=True), "mod", "질문?", "답.", None, None
    )
    with pytest.raises(NotModerator):
        await service.faq_edit(GUILD, added.id, MEMBER, "sneaky", answer_ko="바뀐 답")
    with pytest.raises(NotModerator):
        await service.faq_remove(GUILD, added.id, MEMBER)
    assert (await service.faq_texts(GUILD, added.id))[1] == "답."  # nothing changed


async def _schedules(world: World) -> list[schedule_store.Schedule]:
    """Every reminder and digest of the community, whatever its status."""
    statuses = (schedule_store.ACTIVE, schedule_store.PAUSED, schedule_store.FINISHED)
    return [schedule for kind in ("reminder", "digest")
            for schedule in await world.db.read(schedule_store.list_schedules, SCHEDULE_GUILD,
                                                kind, statuses)]


async def test_the_reminder_and_digest_services_check_moderators_themselves(
    db: Database, clock: ManualClock
) -> None:
    world = await make_world(db, clock)
    reminder = (await world.reminders.add(MOD, CHANNEL, "매일 22:00", "읽기", None)).schedule.id
    paused = (await world.reminders.add(MOD, CHANNEL, "매일 9:00", "쉬기", None)).schedule.id
    await world.reminders.pause(MOD, paused)
    await world.digests.configure(MOD, CHANNEL)
    before = await _schedules(world)
    next_fire = world.engine.next_fire(reminder)
    member = Actor(MemberRef(SCHEDULE_GUILD, "7"))
    refused = {
        "add": lambda: world.reminders.add(member, CHANNEL, "매일 8:00", "sneaky", None),
        "list": lambda: world.reminders.list_reminders(member),
        "list_page": lambda: world.reminders.list_page(member, 1),
        "pause": lambda: world.reminders.pause(member, reminder),
        "resume": lambda: world.reminders.resume(member, paused),
        "edit": lambda: world.reminders.edit(member, reminder, when_text="매일 8:00",
                                             message="sneaky", channel=None),
        "remove": lambda: world.reminders.remove(member, reminder),
        "digest configure": lambda: world.digests.configure(member, CHANNEL, "매일 8:00"),
        "digest disable": lambda: world.digests.disable(member),
    }
    for name, call in refused.items():
        with pytest.raises(NotModerator):
            await call()
            pytest.fail(f"{name} let a member through")
    assert await _schedules(world) == before  # nothing was written
    assert world.engine.next_fire(reminder) == next_fire  # nor unscheduled
    await world.engine.shutdown()
