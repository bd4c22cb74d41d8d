"""Load a data file into a validated `Dataset`, or fail with every problem.

`load` is the one entry point shared by `ketluan check`, the site build and
publishing, so nothing is ever published from data the checker would reject:
bytes (`files`) → plain values with positions (`reader`) → the typed model
(`convert`) → the semantic checks (`ketluan.check`).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ketluan.check import Context, check_dataset, check_strings
from ketluan.load.convert import build
from ketluan.load.derive import derive_deadline_codes
from ketluan.load.files import decode, read_data_file
from ketluan.load.quarters import default_cache, raw_ids, read_by_quarter
from ketluan.load.reader import read_yaml
from ketluan.load.review import ReviewMark, take_review_marks
from ketluan.load.split import split_quarters
from ketluan.model import Dataset
from ketluan.problems import DataError

__all__ = [
    "DEFAULT_DATA",
    "Checked",
    "Loaded",
    "ReviewMark",
    "gc_paused",
    "load",
    "load_with_marks",
    "read_checked",
    "validate_text",
    "validate_with_marks",
]

# Where the data lives in a checkout; KETLUAN_DATA or --data name another file.
DEFAULT_DATA = "data/directives.yml"


@dataclass(frozen=True, slots=True)
class Loaded:
    """A valid dataset and the review marks its file still carries."""

    dataset: Dataset
    marks: tuple[ReviewMark, ...] = ()


@dataclass(frozen=True, slots=True)
class Checked:
    """The bytes of a data file, read once, and what they hold: a publication builds
    from exactly these bytes, whatever happens to the file meanwhile."""

    raw: bytes
    loaded: Loaded


def read_checked(file: Path, *, name: str | None = None, registry_only: bool = False) -> Checked:
    """The data file's bytes and their validated dataset; DataError listing every problem."""
    shown = name or str(file)
    raw = read_data_file(file, shown)
    with gc_paused():
        loaded = validate_with_marks(decode(raw, shown), shown, registry_only=registry_only)
    return Checked(raw, loaded)


def load(file: str | Path, *, name: str | None = None, registry_only: bool = False) -> Dataset:
    """Read and validate the data file; raise DataError listing every problem.

    `name` is how the file is called in messages (default: the path as given);
    `registry_only` accepts a file with no quarter yet (the registries an import starts
    from), which a site cannot be built from.
    """
    return load_with_marks(file, name=name, registry_only=registry_only).dataset


def load_with_marks(
    file: str | Path, *, name: str | None = None, registry_only: bool = False
) -> Loaded:
    """`load`, keeping the review marks (`ketluan.load.review`) the file carries."""
    return read_checked(Path(file), name=name, registry_only=registry_only).loaded


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file is read into the model.

    Reading builds a hundred thousand small objects at once, none of them garbage yet:
    the collector would rescan the growing heap again and again, which makes the time
    grow faster than the file (half the load time at 4× a year's data).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def validate_text(text: str, file: str, *, registry_only: bool = False) -> Dataset:
    """Validate YAML `text` read from `file`; raise DataError listing every problem."""
    return validate_with_marks(text, file, registry_only=registry_only).dataset


def validate_with_marks(text: str, file: str, *, registry_only: bool = False) -> Loaded:
    """`validate_text`, keeping the review marks of the text.

    A file laid out as the writer lays it out is read quarter by quarter, each valid
    quarter kept for the next read (`ketluan.load.quarters`); any problem, and any
    other layout, sends it through the whole-file read, which reports every problem.
    """
    split = split_quarters(text)
    if split is not None:
        read = read_by_quarter(split, file, default_cache())
        if read is not None:
            return Loaded(read[0], tuple(read[1]))
    return _validate_whole(text, file, registry_only=registry_only)


def _validate_whole(text: str, file: str, *, registry_only: bool) -> Loaded:
    """The whole file parsed, converted and checked at once; DataError on problems."""
    located = read_yaml(text, file)
    reporter = located.reporter()
    check_strings(reporter, located.data, located.marks.find)
    marks = take_review_marks(located.data, reporter)
    derive_deadline_codes(located.data)
    built = build(Dataset, located.data, reporter)
    dataset = built.value
    if not registry_only and isinstance(located.data, dict) and not located.data.get("quarters"):
        # Only when the file itself has none: a quarter dropped for its own problems
        # is reported where they are.
        reporter.report(("quarters",), "cần ít nhất một quý (một Kết luận) trong 'quarters'")
    if dataset is not None:
        ctx = Context(
            reporter,
            built.paths,
            built.incomplete,
            agency_ids=raw_ids(located.data, "agencies"),
            document_ids=raw_ids(located.data, "documents"),
        )
        check_dataset(ctx, dataset)
    if reporter.problems or dataset is None:
        raise DataError(reporter.problems)
    return Loaded(dataset, tuple(marks))
