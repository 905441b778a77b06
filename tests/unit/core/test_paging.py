"""Cutting a list into pages."""

from __future__ import annotations

from bot.paging import Page, page_of


def test_pages_are_clamped_and_whole() -> None:
    items = list(range(23))
    assert page_of(items, 1, 10) == Page(tuple(range(10)), 1, 3, 23)
    assert page_of(items, 3, 10) == Page((20, 21, 22), 3, 3, 23)
    assert page_of(items, 99, 10).page == 3 and page_of(items, -4, 10).page == 1
    assert page_of([], 5, 10) == Page((), 1, 1, 0)
