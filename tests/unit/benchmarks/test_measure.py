"""The benchmarks' measuring helpers (``benchmarks._measure``)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from benchmarks._measure import harness_collector_paused


@pytest.fixture
def collector_restored() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_inside_and_back_on_after(collector_restored: None) -> None:
    gc.enable()
    with harness_collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_comes_back_after_an_error(collector_restored: None) -> None:
    gc.enable()
    with pytest.raises(RuntimeError), harness_collector_paused():
        raise RuntimeError("a failed measurement")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(collector_restored: None) -> None:
    gc.disable()
    with harness_collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_garbage_from_before_is_collected_first(collector_restored: None) -> None:
    class Node:
        partner: object = None

    gc.enable()
    first, second = Node(), Node()
    first.partner, second.partner = second, first  # a cycle only the collector frees
    del first, second
    with harness_collector_paused():
        assert not any(isinstance(obj, Node) for obj in gc.get_objects())
