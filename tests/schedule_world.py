"""The scheduling services wired for tests: real database, manual clock, fake poster.
``restart`` builds fresh services on the same database, as a new process would."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.clock import ManualClock
from bot.community import CommunityService
from bot.core.actor import Actor
from bot.core.refs import DISCORD, ChannelRef, CommunityRef, MemberRef
from bot.digest import DigestService
from bot.i18n import Catalog, load_catalog
from bot.schedules.engine import ScheduleEngine
from bot.schedules.reminder_service import ReminderService
from storage import schedules as store
from storage.connection import Connection
from storage.database import Database
from tests.fake_poster import FakePoster

GUILD = CommunityRef(DISCORD, "9001")
OTHER_GUILD = CommunityRef(DISCORD, "9002")
CHANNEL = ChannelRef(GUILD, "5001")
MOD_CHANNEL = ChannelRef(GUILD, "5002")
OTHER_CHANNEL = ChannelRef(OTHER_GUILD, "6001")


def moderator(community: CommunityRef = GUILD, external_id: str = "42") -> Actor:
    """A moderator of ``community`` asking, as the front ends' ``Actor``."""
    return Actor(MemberRef(community, external_id), is_moderator=True)


MOD = moderator()


@dataclass
class World:
    db: Database
    clock: ManualClock
    poster: FakePoster
    texts: Catalog
    community: CommunityService
    engine: ScheduleEngine
    reminders: ReminderService
    digests: DigestService
    engine_options: dict[str, Any]

    async def restart(self, *, start: bool = True) -> World:
        """Stop this engine and build everything anew on the same database."""
        await self.engine.shutdown()
        return await make_world(self.db, self.clock, self.poster, start=start,
                                **self.engine_options)

    async def deliveries(self, schedule_id: int) -> list[store.Delivery]:
        def work(conn: Connection):
            return store.list_deliveries(conn, schedule_id)
        return await self.db.read(work)

    async def schedule(self, schedule_id: int) -> store.Schedule | None:
        def work(conn: Connection):
            return store.get_schedule(conn, schedule_id)
        return await self.db.read(work)


async def make_world(
    db: Database, clock: ManualClock, poster: FakePoster | None = None, *, start: bool = True,
    **engine_options: Any,
) -> World:
    texts = load_catalog()
    community = CommunityService(db, clock)
    poster = poster or FakePoster()
    options = {"realtime": False} | engine_options
    engine = ScheduleEngine(db, clock, poster, community, texts=texts, **options)
    reminders = ReminderService(db, clock, engine, community, texts)
    digests = DigestService(db, clock, engine, community, texts)
    if start:
        await engine.start()
    return World(db, clock, poster, texts, community, engine, reminders, digests, options)
