"""Which occurrence of a due schedule to post, and which to skip.

Missed occurrences (the bot was down, or the clock jumped): per schedule only the
latest one is posted, marked late, if it is within the community's
``missed_grace_hours``; the others are recorded as ``skipped`` with a reason, and
moderators hear about those older than the grace period.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.community import CommunityConfig
from bot.schedules.due_queue import TimedSchedule
from bot.schedules.triggers import TriggerCache
from storage import schedules as store
from storage.schedules import NewDelivery

log = logging.getLogger(__name__)

# A catch-up walk longer than this (a very long outage of a frequent rule) jumps
# ahead to the grace window; at most this many older skips are written as rows.
MAX_CATCH_UP_STEPS = 5_000
MAX_SKIP_ROWS = 50

REASON_COLLAPSED = "missed while offline; a later occurrence was posted instead"
REASON_TOO_OLD = "missed while offline; older than the grace period ({hours} h)"


@dataclass(slots=True)
class CatchUpPlan:
    """What to do with a due schedule: the occurrence to post (if any), the rows
    of the skipped ones, and where its timing continues."""

    entry: TimedSchedule
    config: CommunityConfig
    deliver: datetime | None
    late: bool
    skipped: list[NewDelivery] = field(default_factory=list)
    too_old_count: int = 0
    too_old_last: datetime | None = None
    handled_until: datetime | None = None
    following: datetime | None = None  # the next occurrence after handled_until


def plan_catch_up(
    entry: TimedSchedule,
    config: CommunityConfig,
    now: datetime,
    *,
    triggers: TriggerCache,
    late_after: timedelta,
) -> CatchUpPlan:
    """Which occurrence of ``entry`` up to ``now`` to post, which to skip."""
    window_start = now - max(timedelta(hours=config.missed_grace_hours), late_after)
    plan = CatchUpPlan(entry, config, deliver=None, late=False)
    too_old: deque[datetime] = deque(maxlen=MAX_SKIP_ROWS)
    recent: list[datetime] = []
    cursor: datetime | None = entry.next_fire
    steps = 0
    while cursor is not None and cursor <= now:
        if cursor < window_start:
            too_old.append(cursor)
            plan.too_old_count += 1
        else:
            recent.append(cursor)
        steps += 1
        if steps == MAX_CATCH_UP_STEPS and cursor < window_start:
            cursor = _jump(entry, window_start, cursor, triggers)
            continue
        cursor = triggers.next_after(entry.rule, entry.zone, cursor)
    hours = f"{config.missed_grace_hours:g}"
    for occurrence in too_old:
        plan.skipped.append(NewDelivery(
            entry.schedule_id, occurrence, store.SKIPPED, finished_at=now,
            reason=REASON_TOO_OLD.format(hours=hours)))
    if too_old:
        plan.too_old_last = too_old[-1]
    if recent:
        plan.deliver = recent[-1]
        plan.late = now - recent[-1] > late_after
        plan.skipped.extend(
            NewDelivery(entry.schedule_id, occurrence, store.SKIPPED, finished_at=now,
                        reason=REASON_COLLAPSED)
            for occurrence in recent[:-1]
        )
    latest = recent[-1] if recent else (too_old[-1] if too_old else None)
    plan.handled_until = latest
    plan.following = triggers.next_after(entry.rule, entry.zone, latest or entry.next_fire)
    if plan.too_old_count:
        log.warning("schedule %s: %d missed occurrences older than %s h skipped (last %s)",
                    entry.schedule_id, plan.too_old_count, hours,
                    plan.too_old_last.isoformat() if plan.too_old_last else "?")
    if len(recent) > 1:
        log.info("schedule %s: %d missed occurrences collapsed into the one at %s",
                 entry.schedule_id, len(recent) - 1, recent[-1].isoformat())
    return plan


def _jump(entry: TimedSchedule, window_start: datetime, cursor: datetime,
          triggers: TriggerCache) -> datetime | None:
    """After a very long catch-up walk, continue from the grace window."""
    log.warning("schedule %s: catch-up walk too long; jumping to %s",
                entry.schedule_id, window_start.isoformat())
    return triggers.next_after(entry.rule, entry.zone, max(cursor, window_start))
