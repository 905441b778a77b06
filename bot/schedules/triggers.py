"""The occurrences of a schedule's rule in a community's time zone, from its
APScheduler trigger, compiled once per (rule, zone)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger

from bot.schedules.fixed_times import FixedTimeRule
from bot.schedules.parse import WallClockCronTrigger, next_after, parse_rule

UTC_ZONE = ZoneInfo("UTC")
# Past this many compiled triggers the cache starts afresh.
_MAX_TRIGGERS = 50_000


def is_recurring(rule: str) -> bool:
    """True for a rule that repeats (canonical rules are "cron ..." or "at ...")."""
    return rule.startswith("cron ")


class TriggerCache:
    """Compiled triggers per (rule, zone), and the next occurrence they give.
    Fixed-time rules ("every (week)day at H:M") skip APScheduler: their next time is
    calendar arithmetic (``bot.schedules.fixed_times``)."""

    def __init__(self) -> None:
        self._triggers: dict[tuple[str, str], BaseTrigger] = {}
        self._rules: dict[str, BaseTrigger] = {}  # rule -> its trigger in UTC
        self._fixed: dict[str, FixedTimeRule | None] = {}  # rule -> its fast form

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

    def check(self, rule: str, zone: str) -> None:
        """Raise ValueError when ``rule`` cannot be read (in ``zone``)."""
        if self._fixed_form(rule) is None:
            self.trigger(rule, zone)

    def next_after(self, rule: str, zone: str, after: datetime) -> datetime | None:
        """The first occurrence of ``rule`` in ``zone`` after ``after`` (UTC), if any."""
        fixed = self._fixed_form(rule)
        if fixed is not None:
            return fixed.next_after(ZoneInfo(zone), after)  # ZoneInfo keeps its own cache
        found = next_after(self.trigger(rule, zone), after)
        return found.astimezone(UTC) if found is not None else None

    def _fixed_form(self, rule: str) -> FixedTimeRule | None:
        if rule not in self._fixed:
            if len(self._fixed) > _MAX_TRIGGERS:
                self._fixed.clear()
            try:
                self._fixed[rule] = FixedTimeRule.of(parse_rule(rule))
            except ValueError:
                self._fixed[rule] = None
        return self._fixed[rule]
