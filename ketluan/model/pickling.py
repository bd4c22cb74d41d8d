"""Pickling the model's frozen records quickly, for the caches that keep them.

A frozen dataclass with slots pickles through the `__getstate__` and `__setstate__`
that `dataclasses` writes, which look up the class's fields again for every object:
ten years' index holds 80,000 records, and those lookups were most of the 0.4 s of
writing a publication's prepared index and of the 0.55 s of reading it back (#28). The
field names are found here once per class instead.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import Any, TypeVar

_Class = TypeVar("_Class", bound=type)


def quick_pickle(cls: _Class) -> _Class:
    """Give a frozen, slotted dataclass a state that is the tuple of its fields'
    values, in their order (put it above `@dataclass`)."""
    names = tuple(field.name for field in fields(cls))
    values = attrgetter(*names)
    assign = object.__setattr__  # frozen: the dataclass's own `__setattr__` refuses

    if len(names) == 1:

        def __getstate__(self: Any) -> tuple[Any, ...]:
            return (values(self),)

    else:

        def __getstate__(self: Any) -> tuple[Any, ...]:
            return values(self)

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            assign(self, name, value)

    # `setattr`: mypy reads a method assigned on a class as an error.
    setattr(cls, "__getstate__", __getstate__)  # noqa: B010
    setattr(cls, "__setstate__", __setstate__)  # noqa: B010
    return cls
