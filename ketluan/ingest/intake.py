"""`ketluan import` as a library operation: a received conclusion drafted as a new
quarter of the data file, with what needs a person, and (asked for) its review page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ketluan.ingest.datafile import with_quarter
from ketluan.ingest.draft import draft_quarter
from ketluan.ingest.isolated import read_isolated
from ketluan.ingest.review_page import review_page
from ketluan.ingest.structure import coverage, outline
from ketluan.load import load, validate_with_marks

__all__ = ["QuarterImport", "QuarterTaken", "import_quarter"]


class QuarterTaken(ValueError):
    """The data already holds the quarter being imported; the message is for the Office."""


@dataclass(frozen=True, slots=True)
class QuarterImport:
    """A drafted quarter: the data file's new text, the quarter's title, how many of the
    document's paragraphs the draft places, what the reviewer must look at, and the
    review page when one was asked for."""

    text: str
    title: str
    placed: int
    paragraphs: int
    notes: tuple[str, ...]
    review: str | None = None


def import_quarter(
    source: Path, key: str, data: Path, *, name: str, review: bool = False
) -> QuarterImport:
    """Draft quarter `key` of `data` from the received file `source` (nothing is written).

    `name` is how messages call the draft's file. Raises QuarterTaken when `data` holds
    `key` already, SourceError when `source` cannot be read, and with `review` DataError
    when the checker rejects the draft (a draft it rejects has no review page).
    """
    registry = load(data, registry_only=True)
    if key in {q.key for q in registry.quarters}:
        raise QuarterTaken(f"quý {key} đã có trong {data}; chọn mã quý khác")
    document = read_isolated(source)
    structure = outline(document)
    drafted = draft_quarter(structure, registry, key)
    placed, missing = coverage(document, structure)
    text = with_quarter(data.read_text(encoding="utf-8"), drafted)
    page = None
    if review:
        page = review_page(validate_with_marks(text, name), key, name, str(source))
    return QuarterImport(
        text,
        str(drafted.quarter["title"]),
        placed,
        placed + len(missing),
        tuple(drafted.notes),
        page,
    )
