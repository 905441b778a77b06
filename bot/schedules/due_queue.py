"""The engine's memory of what is due when: every active schedule with its next
occurrence, and the deliveries waiting for a retry, in one heap.

A heap item is ``(due timestamp, sequence, item)``. A schedule that is forgotten
or moved keeps its old heap item, which is passed over as stale: only the item
whose sequence is the schedule's ``token`` is live.
"""

from __future__ import annotations

import heapq
import itertools
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.community import CommunityConfig
from bot.core.refs import CommunityRef
from bot.schedules.triggers import TriggerCache
from storage import schedules as store

log = logging.getLogger(__name__)


@dataclass(slots=True, eq=False)
class TimedSchedule:
    """An active schedule as the engine times it."""

    schedule_id: int
    community: CommunityRef
    rule: str
    zone: str
    next_fire: datetime  # UTC
    token: int = -1  # sequence number of its live heap item; -1 while in flight


@dataclass(slots=True, eq=False)
class PendingRetry:
    """A delivery that failed transiently and waits for its next attempt."""

    schedule_id: int
    occurrence: datetime
    late: bool
    attempts: int  # attempts made so far
    first_attempt: datetime
    # Set for an occurrence a crash left in doubt: look for it in the channel first,
    # and post it (late) only if it is not there and the clock is before this.
    verify_until: datetime | None = None


def _by_anchor(timing: store.ScheduleTiming) -> datetime:
    return timing.handled_until


class Timetable:
    """The timed schedules (by id and by community) and the heap of due instants."""

    def __init__(self) -> None:
        self._entries: dict[int, TimedSchedule] = {}
        self._by_community: dict[CommunityRef, set[int]] = defaultdict(set)
        self._heap: list[tuple[float, int, TimedSchedule | PendingRetry]] = []
        self._sequence = itertools.count()
        # When a community's schedule due at a timestamp comes up (None: then).
        self.defer: Callable[[CommunityRef, float], float] | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Forget every schedule and every waiting retry."""
        self._entries.clear()
        self._by_community.clear()
        self._heap.clear()

    def get(self, schedule_id: int) -> TimedSchedule | None:
        """The schedule's timing, if it is being timed."""
        return self._entries.get(schedule_id)

    def is_current(self, entry: TimedSchedule) -> bool:
        """True while ``entry`` is the schedule's timing (not forgotten or replaced)."""
        return self._entries.get(entry.schedule_id) is entry

    def communities(self) -> list[CommunityRef]:
        """The communities with a timed schedule."""
        return list(self._by_community)

    def of_community(self, community: CommunityRef) -> list[TimedSchedule]:
        """The timed schedules of ``community``."""
        return [self._entries[i] for i in self._by_community.get(community, ())
                if i in self._entries]

    def add(self, entry: TimedSchedule) -> None:
        """Time ``entry`` for its ``next_fire``."""
        self._entries[entry.schedule_id] = entry
        self._by_community[entry.community].add(entry.schedule_id)
        self.push(entry.next_fire.timestamp(), entry)

    def forget(self, schedule_id: int) -> None:
        """Stop timing a schedule; its heap item goes stale."""
        entry = self._entries.pop(schedule_id, None)
        if entry is not None:
            entry.token = -1
            members = self._by_community.get(entry.community)
            if members is not None:
                members.discard(schedule_id)
                if not members:
                    del self._by_community[entry.community]

    def push(self, due: float, item: TimedSchedule | PendingRetry) -> None:
        """Put ``item`` on the heap for the instant ``due`` (a timestamp); a schedule
        of another process's community comes up later (``defer``: a takeover check,
        see ``ScheduleEngine``)."""
        sequence = next(self._sequence)
        if isinstance(item, TimedSchedule):
            item.token = sequence
            if self.defer is not None:
                due = self.defer(item.community, due)
        heapq.heappush(self._heap, (due, sequence, item))

    def push_retries(self, retries: Iterable[tuple[float, PendingRetry]]) -> None:
        """Put each ``(due, retry)`` on the heap."""
        for due, retry in retries:
            self.push(due, retry)

    def reschedule(self, entry: TimedSchedule, following: datetime | None) -> None:
        """Time ``entry`` for ``following``, or forget it when it has no occurrence
        left; nothing when it was paused, removed or re-tracked meanwhile."""
        if not self.is_current(entry):
            return
        if following is None:
            self.forget(entry.schedule_id)
            return
        entry.next_fire = following
        self.push(following.timestamp(), entry)

    def pop_due(self, now: datetime) -> tuple[list[TimedSchedule], list[PendingRetry]]:
        """Take every live item due at ``now``; the schedules taken are in flight."""
        limit = now.timestamp()
        entries: list[TimedSchedule] = []
        retries: list[PendingRetry] = []
        while self._heap and self._heap[0][0] <= limit:
            _, sequence, item = heapq.heappop(self._heap)
            if not self._is_live(sequence, item):
                continue
            if isinstance(item, PendingRetry):
                retries.append(item)
            else:
                item.token = -1
                entries.append(item)
        return entries, retries

    def earliest(self) -> float | None:
        """The due timestamp of the earliest live item (stale items are dropped)."""
        while self._heap and not self._is_live(self._heap[0][1], self._heap[0][2]):
            heapq.heappop(self._heap)
        return self._heap[0][0] if self._heap else None

    def load(
        self,
        timings: Sequence[store.ScheduleTiming],
        configs: Mapping[CommunityRef, CommunityConfig],
        triggers: TriggerCache,
    ) -> tuple[list[int], list[int], list[store.Progress]]:
        """Time every loaded schedule. A stored next occurrence is used while it was
        computed in the community's current zone and lies after ``handled_until``;
        the others are computed from their triggers (and returned, to be stored),
        walking each (rule, zone) in ``handled_until`` order so each gap between
        occurrences is computed once. Returns (ended, unreadable, computed)."""
        # Entries are made inline below: this runs for every active schedule at start-up.
        items: list[tuple[float, int, TimedSchedule | PendingRetry]] = []
        entries = self._entries
        sequence = self._sequence
        defer = self.defer
        groups: dict[tuple[str, str], list[store.ScheduleTiming]] = defaultdict(list)
        for timing in timings:
            zone = configs[timing.community].timezone
            cached = timing.next_fire
            if cached is None or timing.next_fire_zone != zone or cached <= timing.handled_until:
                groups[(timing.rule, zone)].append(timing)
                continue
            token = next(sequence)
            entry = TimedSchedule(timing.id, timing.community, timing.rule, zone, cached, token)
            entries[timing.id] = entry
            due = cached.timestamp()
            items.append((defer(timing.community, due) if defer else due, token, entry))
        ended: list[int] = []
        unreadable: list[int] = []
        computed: list[store.Progress] = []
        for (rule, zone), members in groups.items():
            try:
                triggers.check(rule, zone)
            except ValueError:
                log.error("schedules %s have an unreadable rule %r; pausing them",
                          [m.id for m in members], rule)
                unreadable.extend(m.id for m in members)
                continue
            members.sort(key=_by_anchor)
            since: datetime | None = None
            following: datetime | None = None
            due = 0.0
            for member in members:
                anchor = member.handled_until
                if since is None or not (following is None or anchor < following):
                    following = triggers.next_after(rule, zone, anchor)
                    since = anchor
                    due = following.timestamp() if following is not None else 0.0
                if following is None:
                    ended.append(member.id)
                    continue
                computed.append(store.Progress(member.id, None, following, zone))
                token = next(sequence)
                entry = TimedSchedule(member.id, member.community, rule, zone, following, token)
                entries[member.id] = entry
                items.append((defer(member.community, due) if defer else due, token, entry))
        by_community = self._by_community
        for entry_id, entry in entries.items():
            by_community[entry.community].add(entry_id)
        self._heap.extend(items)
        heapq.heapify(self._heap)
        return ended, unreadable, computed

    def _is_live(self, sequence: int, item: TimedSchedule | PendingRetry) -> bool:
        if isinstance(item, PendingRetry):
            return True
        return item.token == sequence and self.is_current(item)
