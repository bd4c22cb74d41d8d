"""What is derived from one version's index, found once however many ask for it."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar
from weakref import WeakKeyDictionary

from ketluan.index.site_index import SiteIndex

_T = TypeVar("_T")


def per_index(derive: Callable[[SiteIndex], _T]) -> Callable[[SiteIndex], _T]:
    """`derive`, computed once per index and kept while the index lives: the page plan
    and the pages both ask for the late items and the agencies' tallies, which go over
    ten years' tasks (#28). The result is shared: callers must not change it."""
    found: WeakKeyDictionary[SiteIndex, _T] = WeakKeyDictionary()

    @functools.wraps(derive)
    def once(index: SiteIndex) -> _T:
        try:
            return found[index]
        except KeyError:
            result = found[index] = derive(index)
            return result

    return once
