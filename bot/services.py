"""The service container: every domain service, built once in the entry point
and handed to the front ends (Discord cogs, Slack handlers, the CLI)."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import timedelta

from bot.clock import Clock
from bot.community import CommunityService
from bot.digest import DigestService, standard_sections
from bot.i18n import Catalog
from bot.knowledge import KnowledgeService
from bot.privacy.service import PrivacyService
from bot.rounds.service import RoundService
from bot.schedules.engine import ScheduleEngine
from bot.schedules.personal import PersonalReminderService
from bot.schedules.reminder_service import ReminderService
from bot.settings import Settings
from bot.streaks.heatmap import HeatmapRenderer
from bot.streaks.heatmap_ahead import HeatmapAhead
from bot.streaks.service import StreakService
from content.loader import load_catalog as load_knowledge_catalog
from storage.database import Database


@dataclass
class Services:
    """Shared, long-lived services. Front ends call these; services never call back."""

    settings: Settings
    db: Database
    clock: Clock
    texts: Catalog
    community: CommunityService
    knowledge: KnowledgeService
    streaks: StreakService
    schedules: ScheduleEngine
    reminders: ReminderService
    personal: PersonalReminderService
    digests: DigestService
    rounds: RoundService
    privacy: PrivacyService
    heatmaps: HeatmapRenderer
    heatmaps_ahead: HeatmapAhead  # draws into ``heatmaps`` after check-ins

    async def close(self) -> None:
        """Stop the background work that reads the database, then close it."""
        await self.heatmaps_ahead.close()
        await self.db.close()


def build_services(
    settings: Settings, db: Database, clock: Clock, texts: Catalog, *, realtime: bool = True
) -> Services:
    """Wire every service from the process resources. ``realtime=False``: the schedule
    engine keeps no timer; whoever moves the clock calls ``schedules.run_due``."""
    community = CommunityService(
        db, clock, default_timezone=settings.timezone, default_language=settings.language
    )
    streaks = StreakService(db, clock, community)
    heatmaps = HeatmapRenderer()
    # The poster comes from the platform front end: ``await schedules.start(poster)``.
    schedules = ScheduleEngine(db, clock, None, community, texts=texts,
                               default_language=settings.language, realtime=realtime,
                               shards=settings.shard_plan,
                               lease_owner=f"{socket.gethostname()}:{os.getpid()}",
                               lease_seconds=settings.schedule_lease_seconds)
    reminders = ReminderService(db, clock, schedules, community, texts,
                                default_language=settings.language)
    services = Services(
        settings=settings,
        db=db,
        clock=clock,
        texts=texts,
        community=community,
        knowledge=KnowledgeService(load_knowledge_catalog(), db, clock),
        streaks=streaks,
        schedules=schedules,
        reminders=reminders,
        personal=PersonalReminderService(db, clock, schedules, community, reminders, texts,
                                         default_language=settings.language),
        digests=DigestService(db, clock, schedules, community, texts,
                              sections=standard_sections(db, texts, streaks=streaks, faq=True),
                              default_language=settings.language),
        rounds=RoundService(db, clock, community, schedules, streaks, texts=texts,
                            default_language=settings.language),
        privacy=PrivacyService(db, clock, community, texts, schedules=schedules,
                               purge_grace=timedelta(days=settings.purge_grace_days),
                               default_language=settings.language),
        heatmaps=heatmaps,
        heatmaps_ahead=HeatmapAhead(streaks, heatmaps),
    )
    services.digests.register_section("rounds", services.rounds.digest_section)
    community.on_timezone_changed(services.rounds.follow_time_zone)
    schedules.add_sweep_task(services.privacy.sweep)
    return services
