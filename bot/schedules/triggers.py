"""The occurrences of a schedule's rule in a community's time zone, from its
APScheduler trigger, compiled once per (rule, zone)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger

from bot.schedules.parse import WallClockCronTrigger, next_after, parse_rule

UTC_ZONE = ZoneInfo("UTC")
# Past this many compiled triggers the cache starts afresh.
_MAX_TRIGGERS = 50_000


def is_recurring(rule: str) -> bool:
    """True for a rule that repeats (canonical rules are "cron ..." or "at ...")."""
    return rule.startswith("cron ")


class TriggerCache:
    """Compiled triggers per (rule, zone), and the next occurrence they give."""

    def __init__(self) -> None:
        self._triggers: dict[tuple[str, str], BaseTrigger] = {}
        self._rules: dict[str, BaseTrigger] = {}  # rule -> its trigger in UTC

    def trigger(self, rule: str, zone: str) -> BaseTrigger:
        """The trigger of ``rule`` in ``zone``; ValueError when the rule cannot be read."""
        key = (rule, zone)
        trigger = self._triggers.get(key)
        if trigger is None:
            if len(self._triggers) > _MAX_TRIGGERS:
                self._triggers.clear()
                self._rules.clear()
            base = self._rules.get(rule)
            if base is None:
                base = self._rules[rule] = parse_rule(rule).trigger(UTC_ZONE)
            # Compiling a cron trigger is the expensive part; other zones reuse it.
            trigger = self._triggers[key] = (
                base.with_zone(ZoneInfo(zone)) if isinstance(base, WallClockCronTrigger)
                else parse_rule(rule).trigger(ZoneInfo(zone))
            )
        return trigger

    def next_after(self, rule: str, zone: str, after: datetime) -> datetime | None:
        """The first occurrence of ``rule`` in ``zone`` after ``after`` (UTC), if any."""
        found = next_after(self.trigger(rule, zone), after)
        return found.astimezone(UTC) if found is not None else None
