"""Reading a data file quarter by quarter, keeping each valid quarter's work for the
next read (#28: in year ten, a save or a publication reads one new quarter, not forty).

A quarter's text (`ketluan.load.split`) is parsed, checked for its strings, converted
and checked on its own. What comes of a valid quarter is kept (`Kept`) under the digest
of its text and of this program's code: its model, its review notes, and what its check
read from outside it (`Reads`). The next read of the same text takes the model as it
is, and checks it again only when one of those reads answers differently (an agency it
names was removed, an earlier task it continues changed its deadline).

This path only ever says yes: a file with any problem, or whose pieces do not parse
alone, gets None, and the caller reads the whole file the usual way, which finds every
problem and locates it. So the problems an editor sees never depend on the cache.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import os
import pickle
import sys
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ketluan
from ketluan.caches import private_folder, private_path
from ketluan.check import (
    Context,
    Reads,
    check_conclusion,
    check_registries,
    check_strings,
    walk_quarters,
)
from ketluan.load.convert import build
from ketluan.load.derive import derive_deadline_codes
from ketluan.load.reader import read_yaml
from ketluan.load.review import ReviewMark, take_review_marks
from ketluan.load.split import Piece, Split
from ketluan.model import Conclusion, Dataset
from ketluan.model.pickling import quick_pickle
from ketluan.problems import DataError, FieldPath, Problem, format_path

__all__ = ["Kept", "QuarterCache", "default_cache", "raw_ids", "read_by_quarter"]

# A review note of a quarter: its record's path below the quarter, its line within
# the quarter's text (1-based), its column, and the note.
Note = tuple[FieldPath, int, int, str]


@quick_pickle
@dataclass(frozen=True, slots=True)
class Kept:
    """A quarter read, converted and found valid."""

    conclusion: Conclusion
    notes: tuple[Note, ...]
    reads: Reads | None  # None until checked among the quarters around it


class QuarterCache:
    """Kept quarters by digest: the newest in memory (the preview's server reads the
    same file on every save), all in a private folder on disk (a publication is a new
    process each quarter). A folder it cannot use is only a slower read."""

    # Held in memory: ten years of quarters and the drafts of those being edited.
    IN_MEMORY = 64
    # Files on disk: older ones (by last use) go when there are more.
    ON_DISK = 400

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._memory: OrderedDict[str, Kept] = OrderedDict()
        self._lock = threading.Lock()  # the review app reads from its request threads

    def get(self, key: str) -> Kept | None:
        """The quarter kept under `key`, or None."""
        with self._lock:
            kept = self._memory.get(key)
        if kept is None and self.folder is not None:
            kept = self._read(self.folder / f"{key}.pickle")
        if kept is not None:
            self._remember(key, kept)
        return kept

    def put(self, key: str, kept: Kept) -> None:
        """Keep `kept` under `key`, in memory and on disk."""
        self._remember(key, kept)
        if self.folder is not None:
            self._write(self.folder / f"{key}.pickle", kept)

    def _remember(self, key: str, kept: Kept) -> None:
        with self._lock:
            self._memory[key] = kept
            self._memory.move_to_end(key)
            while len(self._memory) > self.IN_MEMORY:
                self._memory.popitem(last=False)

    @staticmethod
    def _read(path: Path) -> Kept | None:
        # A pickle runs code as it loads: these files are only ever read from the
        # user's private cache folder (`ketluan.caches`), never from a received file.
        try:
            with path.open("rb") as stream:
                kept = pickle.load(stream)
            os.utime(path)  # last use, for pruning
        except FileNotFoundError:
            return None
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            return None  # a half-written or foreign file: the quarter is read again
        return kept if isinstance(kept, Kept) else None

    def _write(self, path: Path, kept: Kept) -> None:
        try:
            handle, name = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(kept, out, protocol=5)
            os.replace(name, path)
        except (OSError, pickle.PicklingError):
            with contextlib.suppress(OSError):
                os.unlink(name)
            return
        with contextlib.suppress(OSError):  # another process pruning at the same time
            self._prune(path.parent)

    def _prune(self, folder: Path) -> None:
        files = list(folder.glob("*.pickle"))
        if len(files) <= self.ON_DISK:
            return
        files.sort(key=lambda f: f.stat().st_mtime)
        for old in files[: len(files) - self.ON_DISK * 3 // 4]:
            old.unlink(missing_ok=True)


@functools.cache
def default_cache() -> QuarterCache:
    """The process's cache: in memory, and on disk in `~/.cache/ketluan/quarters`
    unless KETLUAN_CACHE is "off" (or names another folder)."""
    chosen = os.environ.get("KETLUAN_CACHE", "")
    if chosen == "off":
        return QuarterCache(None)
    return QuarterCache(private_path(Path(chosen)) if chosen else private_folder("quarters"))


@functools.cache
def code_digest() -> bytes:
    """What names this program's code: a kept quarter is used only by the code that
    read and checked it (a new check must see every quarter again)."""
    digest = hashlib.sha256(sys.version.encode())
    root = Path(ketluan.__file__).parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def piece_key(piece: Piece) -> str:
    """The name a quarter's text is kept under."""
    return hashlib.sha256(code_digest() + piece.text.encode()).hexdigest()


def read_by_quarter(
    split: Split, file: str, cache: QuarterCache
) -> tuple[Dataset, list[ReviewMark]] | None:
    """The file's valid dataset and review marks, read quarter by quarter; None when
    anything is wrong with it or its pieces do not parse alone."""
    head = _read_head(split.head, file)
    if head is None:
        return None
    ctx, registries, marks = head
    keys = [piece_key(piece) for piece in split.quarters]
    kept: list[Kept] = []
    for index, (piece, key) in enumerate(zip(split.quarters, keys, strict=True)):
        found = cache.get(key) or _read_piece(piece, index, file)
        if found is None:
            return None
        kept.append(found)
    dataset = dataclasses.replace(registries, quarters=tuple(k.conclusion for k in kept))
    walked = walk_quarters(ctx, dataset)
    for key, one, (conclusion, around) in zip(keys, kept, walked, strict=True):
        if one.reads is not None and one.reads.still_hold(around):
            continue
        reads = Reads()
        check_conclusion(ctx, conclusion, reads.watch(around))
        if ctx.reporter.problems:
            return None
        cache.put(key, Kept(conclusion, one.notes, reads))
    if ctx.reporter.problems:
        return None
    for index, (piece, one) in enumerate(zip(split.quarters, kept, strict=True)):
        marks += [
            _mark(file, ("quarters", index, *path), piece.line + line, column, note)
            for path, line, column, note in one.notes
        ]
    return dataset, sorted(marks)


def _read_head(text: str, file: str) -> tuple[Context, Dataset, list[ReviewMark]] | None:
    """The head's registries, checked, with its review marks; None on any problem."""
    try:
        located = read_yaml(text, file)
    except DataError:
        return None
    data = located.data
    if located.problems or not isinstance(data, dict) or "quarters" in data:
        return None
    reporter = located.reporter()
    check_strings(reporter, data, located.marks.find)
    marks = take_review_marks(data, reporter)
    built = build(Dataset, {**data, "quarters": []}, reporter)
    if reporter.problems or built.value is None:
        return None
    ctx = Context(
        reporter,
        _Unplaced(built.paths),
        built.incomplete,
        agency_ids=raw_ids(data, "agencies"),
        document_ids=raw_ids(data, "documents"),
    )
    check_registries(ctx, built.value)
    return None if reporter.problems else (ctx, built.value, marks)


def _read_piece(piece: Piece, index: int, file: str) -> Kept | None:
    """One quarter read alone and converted, not yet checked; None on any problem."""
    try:
        located = read_yaml(piece.text, file)
    except DataError:
        return None
    data = located.data
    if located.problems or not isinstance(data, list) or len(data) != 1:
        return None
    reporter = located.reporter()
    check_strings(reporter, data, located.marks.find)
    notes = tuple(
        (mark.path[1:], mark.problem.line, mark.problem.column, mark.problem.message)
        for mark in take_review_marks(data, reporter)
    )
    derive_deadline_codes({"quarters": data})
    built = build(Conclusion, data[0], reporter, ("quarters", index))
    if reporter.problems or built.value is None:
        return None
    return Kept(built.value, notes, None)


class _Unplaced(dict[int, FieldPath]):
    """Paths of the head's records; a quarter's record has none here. Nothing this
    path finds is shown: a problem sends the file through the whole-file read."""

    def __missing__(self, key: int) -> FieldPath:
        return ()


def _mark(file: str, path: FieldPath, line: int, column: int, note: str) -> ReviewMark:
    return ReviewMark(Problem(file, line, column, format_path(path), note, path), path)


def raw_ids(data: Any, key: str) -> frozenset[str]:
    """Ids present in the raw data (a record dropped for a type error included)."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return frozenset()
    return frozenset(i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str))
