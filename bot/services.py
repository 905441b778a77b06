"""The service container: every domain service, built once in the entry point
and handed to the front ends (Discord cogs, Slack handlers, the CLI)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.community import CommunityService
from bot.i18n import Catalog
from bot.settings import Settings
from storage.database import Database


@dataclass
class Services:
    """Shared, long-lived services. Front ends call these; services never call back."""

    settings: Settings
    db: Database
    clock: Clock
    texts: Catalog
    community: CommunityService


def build_services(settings: Settings, db: Database, clock: Clock, texts: Catalog) -> Services:
    """Wire every service from the process resources."""
    return Services(
        settings=settings,
        db=db,
        clock=clock,
        texts=texts,
        community=CommunityService(db, clock, default_timezone=settings.timezone),
    )
