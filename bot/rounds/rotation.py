"""Fair presenter rotation. Pure.

Sessions are walked in time order. A session that already has presenters
(held, or assigned by a moderator, even a later one) counts towards those
members' totals from the start; an open session gets the eligible member with
the fewest turns, ties going to whoever presented longest ago (never before
comes first), then to whoever joined earliest. Hence nobody eligible presents a second time before
every eligible member presented once, and members who opted out of presenting
are never picked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Candidate:
    """A joined member; ``order`` is their place in the join order."""

    member_id: int
    order: int
    opted_out: bool = False


@dataclass(frozen=True, slots=True)
class Slot:
    """A session in time order: ``fixed`` presenters, or None when open."""

    key: int
    fixed: tuple[int, ...] | None = None


def plan_rotation(slots: Sequence[Slot], candidates: Sequence[Candidate]) -> dict[int, int]:
    """The presenter of every open slot, as ``{slot key: member id}``; open slots
    stay out of the result when nobody is eligible."""
    eligible = sorted((c for c in candidates if not c.opted_out), key=lambda c: c.order)
    counts = {c.member_id: 0 for c in eligible}
    last_turn = {c.member_id: -1 for c in eligible}
    order = {c.member_id: c.order for c in eligible}
    # Every fixed turn counts from the start, later ones too: a member a moderator
    # gave a turn next month is not picked before those who have none.
    for slot in slots:
        for member_id in slot.fixed or ():
            if member_id in counts:
                counts[member_id] += 1
    plan: dict[int, int] = {}
    for turn, slot in enumerate(slots):
        if slot.fixed is not None:
            for member_id in slot.fixed:
                if member_id in counts:
                    last_turn[member_id] = turn
            continue
        if not counts:
            continue
        chosen = min(counts, key=lambda m: (counts[m], last_turn[m], order[m]))
        plan[slot.key] = chosen
        counts[chosen] += 1
        last_turn[chosen] = turn
    return plan
