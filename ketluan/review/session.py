"""One review of one data file: what it holds now, each change written whole and only
when the checker accepts it, stale changes refused, and undo.

The file is the truth: every request reads it (a change made meanwhile by another tab,
`ketluan reports import` or an editor is seen at once), and every page carries the
version it showed, the file's SHA-256. A change sent from an older version is refused
rather than applied over what the clerk has not seen; so two tabs never lose an edit.
A change is written through a temporary file and a rename (`write_whole`), under the
lock the other writing commands hold (`writer_lock`), and only when the whole file,
changed, passes `ketluan check`: a refused change leaves the file as it was.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ketluan.load import Loaded, validate_with_marks
from ketluan.load.files import decode, read_data_file
from ketluan.load.saving import write_whole, writer_lock
from ketluan.problems import DataError, Problem
from ketluan.review.yamltree import parse, unparse

__all__ = ["Rejected", "Session", "Stale", "State"]


class Stale(Exception):
    """The file changed since the page the change came from was shown."""


class Rejected(Exception):
    """The change would make the data invalid; carries the checker's problems."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True, slots=True)
class State:
    """The file as read now: its text, its version and what it holds."""

    text: str
    version: str
    loaded: Loaded


@dataclass
class _Done:
    before: str  # the file's text before the change
    after: str  # the version the change made
    what: str  # the change in words ("chọn đơn vị chủ trì")


@dataclass
class Session:
    """The review of `data` (shown in messages as `name`)."""

    data: Path
    name: str
    _undo: list[_Done] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _cache: State | None = None
    _tree: tuple[str, Any] | None = None  # (version, tree) of the last change written

    def state(self) -> State:
        """The file as it is now (DataError if it is not valid data)."""
        text = decode(read_data_file(self.data, self.name), self.name)
        version = _version(text)
        if self._cache is None or self._cache.version != version:
            self._cache = State(text, version, validate_with_marks(text, self.name))
        return self._cache

    def change(self, version: str, edit: Callable[[Any], str]) -> State:
        """Apply `edit` to the tree of the file as of `version` and write it; `edit`
        returns the change in words. Stale, Rejected, or what `edit` raises."""
        with self._lock, writer_lock(self.data):
            text = self._current(version)
            # The tree of the last change written is the file's: reading it again would
            # be half of an answer's time. Taken, so a change that fails leaves none.
            kept, self._tree = self._tree, None
            tree = kept[1] if kept is not None and kept[0] == version else parse(text)
            what = edit(tree)
            changed = unparse(tree)
            self._write(changed)
            self._tree = (_version(changed), tree)
            self._undo.append(_Done(text, _version(changed), what))
            return self.state()

    def undo(self, version: str) -> tuple[State, str]:
        """Put back the file as it was before the last change made here, and say what
        that change was; Stale if the file moved on since, LookupError if none."""
        with self._lock, writer_lock(self.data):
            if not self._undo:
                raise LookupError("không còn thay đổi nào để hoàn tác")
            self._current(version)
            if self._undo[-1].after != version:
                raise Stale
            done = self._undo.pop()
            self._write(done.before)
            return self.state(), done.what

    @property
    def last(self) -> str | None:
        """The last change that undo would take back, in words."""
        return self._undo[-1].what if self._undo else None

    def _current(self, version: str) -> str:
        text = decode(read_data_file(self.data, self.name), self.name)
        if _version(text) != version:
            raise Stale
        return text

    def _write(self, text: str) -> None:
        try:
            loaded = validate_with_marks(text, self.name)
        except DataError as exc:
            raise Rejected(exc.problems) from None
        write_whole(self.data, text)
        # What was checked is what the file now holds: the next read need not check it.
        self._cache = State(text, _version(text), loaded)


def _version(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
