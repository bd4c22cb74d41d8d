"""Long lists cut into pages a browser opens readily.

A list page of a province's quarter can hold a thousand rows at four times its volume
(the late items held 1,456 rows, 940 KB). Past `size` rows it is cut into pages of at
most `size`, each cut where the key changes (a date's deadlines stay together) as long
as that leaves a page at least half full.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

T = TypeVar("T")

__all__ = ["cut"]


def cut(items: Sequence[T], size: int, key: Callable[[T], Hashable]) -> list[Sequence[T]]:
    """`items` in pages of at most `size` items, in order; one page (maybe empty) when
    they fit. A page ends where `key` changes when that leaves it at least half full."""
    if size < 1:
        raise ValueError("a page holds at least one item")
    pages: list[Sequence[T]] = []
    start = 0
    while len(items) - start > size:
        end = start + size
        # Back to where the key changes, not below half a page.
        lowest = start + max(1, (size + 1) // 2)
        cut_at = end
        while cut_at > lowest and key(items[cut_at - 1]) == key(items[cut_at]):
            cut_at -= 1
        if key(items[cut_at - 1]) == key(items[cut_at]):
            cut_at = end  # one key's items fill more than half a page: cut within them
        pages.append(items[start:cut_at])
        start = cut_at
    pages.append(items[start:])
    return pages
