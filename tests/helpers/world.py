"""Services for tests, wired the way production wires them.

``make_services`` is ``bot.services.build_services`` on a test's database and clock:
every hook production adds (the rounds digest section, the time-zone listener, the
privacy sweep) is there, so a unit test cannot pass on wiring the bot does not have.
The schedule engine keeps no timer (``realtime=False``): a test moves the clock and
calls ``services.schedules.run_due()``. Start it as a front end does:
``await services.schedules.start(poster)``."""

from __future__ import annotations

from collections.abc import Mapping

from bot.clock import Clock
from bot.i18n import Catalog, load_catalog
from bot.ports import EventsPort
from bot.services import Services, build_services
from bot.settings import Settings
from storage.database import Database


def make_services(
    db: Database,
    clock: Clock,
    *,
    settings: Settings | None = None,
    texts: Catalog | None = None,
    events: Mapping[str, EventsPort] | None = None,
) -> Services:
    """Every service on ``db`` and ``clock``; ``events`` attaches a native-events port
    per platform (as each front end does when it starts)."""
    services = build_services(settings or Settings(), db, clock, texts or load_catalog(),
                              realtime=False)
    for platform, port in (events or {}).items():
        services.rounds.attach_events(platform, port)
    return services
