"""One page of a long list, the way every paged listing cuts it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """``items`` of page ``page`` (1-based, clamped to the pages that exist) of
    ``pages``; ``total`` items in all."""

    items: tuple[T, ...]
    page: int
    pages: int
    total: int


def page_of(items: Sequence[T], page: int, size: int) -> Page[T]:
    """Page ``page`` of ``items`` cut into pages of ``size``; a page number out of
    range gives the nearest page that exists (an empty list has one empty page)."""
    pages = max(1, math.ceil(len(items) / size))
    page = min(max(page, 1), pages)
    start = (page - 1) * size
    return Page(tuple(items[start : start + size]), page, pages, len(items))
