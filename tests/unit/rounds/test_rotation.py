"""The presenter rotation is fair: properties checked with hypothesis."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.rounds.rotation import Candidate, Slot, plan_rotation


@st.composite
def members(draw: st.DrawFn) -> list[Candidate]:
    count = draw(st.integers(min_value=1, max_value=9))
    opted = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    ids = draw(st.lists(st.integers(1, 10_000), min_size=count, max_size=count, unique=True))
    return [Candidate(member_id, order, out) for order, (member_id, out)
            in enumerate(zip(ids, opted, strict=True))]


@settings(max_examples=200, deadline=None)
@given(candidates=members(), sessions=st.integers(min_value=0, max_value=40))
def test_nobody_presents_twice_before_everyone_presented_once(
    candidates: list[Candidate], sessions: int
) -> None:
    plan = plan_rotation([Slot(key) for key in range(sessions)], candidates)
    eligible = {c.member_id for c in candidates if not c.opted_out}
    opted_out = {c.member_id for c in candidates if c.opted_out}
    assert not set(plan.values()) & opted_out
    if not eligible:
        assert plan == {}
        return
    assert len(plan) == sessions
    counts = dict.fromkeys(eligible, 0)
    for key in range(sessions):
        presenter = plan[key]
        # Presenting again is only allowed once every eligible member has had as many turns.
        assert counts[presenter] == min(counts.values())
        counts[presenter] += 1


@settings(max_examples=200, deadline=None)
@given(
    candidates=members(),
    fixed=st.lists(st.one_of(st.none(), st.integers(0, 9)), min_size=1, max_size=30),
)
def test_hand_assignments_count_and_opt_outs_are_never_picked(
    candidates: list[Candidate], fixed: list[int | None]
) -> None:
    ids = [c.member_id for c in candidates]
    slots = [
        Slot(key, None if choice is None else (ids[choice % len(ids)],))
        for key, choice in enumerate(fixed)
    ]
    plan = plan_rotation(slots, candidates)
    eligible = {c.member_id for c in candidates if not c.opted_out}
    assert set(plan) == ({s.key for s in slots if s.fixed is None} if eligible else set())
    assert set(plan.values()) <= eligible
    # Each open slot goes to someone with the fewest turns: those planned so far plus
    # every hand-assigned one, later ones included.
    counts = dict.fromkeys(eligible, 0)
    for slot in slots:
        for member in slot.fixed or ():
            if member in counts:
                counts[member] += 1
    for slot in slots:
        if slot.fixed is not None:
            continue
        if eligible:
            assert counts[plan[slot.key]] == min(counts.values())
            counts[plan[slot.key]] += 1


def test_most_recent_presenter_waits_and_join_order_breaks_ties() -> None:
    people = [Candidate(1, 0), Candidate(2, 1), Candidate(3, 2)]
    # Member 2 presented by hand in the first session: 1 and 3 go before 2 again.
    plan = plan_rotation([Slot(0, (2,)), Slot(1), Slot(2), Slot(3)], people)
    assert plan == {1: 1, 2: 3, 3: 2}


def test_a_later_hand_assignment_counts_before_it_comes() -> None:
    people = [Candidate(1, 0), Candidate(2, 1)]
    # Member 1 presents the third session by hand: member 2 takes the first.
    plan = plan_rotation([Slot(0), Slot(1), Slot(2, (1,)), Slot(3)], people)
    assert plan == {0: 2, 1: 1, 3: 2}
