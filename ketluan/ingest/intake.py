"""`ketluan import` as a library operation: a received conclusion drafted as a new
quarter of the data file, with what needs a person, and (asked for) its review page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ketluan.ingest.datafile import with_directive, with_quarter
from ketluan.ingest.directive import draft_directive
from ketluan.ingest.draft import draft_quarter
from ketluan.ingest.isolated import read_isolated
from ketluan.ingest.ocr import page_images
from ketluan.ingest.ocr_words import spelled
from ketluan.ingest.review_page import ScanPages, review_page
from ketluan.ingest.structure import Outline, coverage, outline
from ketluan.load import load, validate_with_marks
from ketluan.model import Dataset
from ketluan.model.keys import QuarterKey

__all__ = ["QuarterImport", "QuarterTaken", "import_quarter"]


class QuarterTaken(ValueError):
    """The data already holds the conclusion being imported, or the key names no
    quarter; the message is for the Office."""


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
    marks: tuple[str, ...]  # the draft's review marks: "field: what to check"
    review: str | None = None
    scan: ScanPages | None = None  # a scan's page images, for `ketluan review`


def import_quarter(
    source: Path,
    key: str,
    data: Path,
    *,
    name: str,
    review: bool = False,
    say: Callable[[str], None] | None = None,
) -> QuarterImport:
    """Draft quarter `key` of `data` from the received file `source` (nothing is written):
    a new quarter from its conference conclusion, or, when `data` holds the quarter
    already, another directive of it (`ketluan.ingest.directive`).

    `name` is how messages call the draft's file. Every draft is checked as data, with
    or without a review page: a field the file does not give is a marked placeholder,
    so the checker passes it. Raises QuarterTaken for a key that names no quarter or
    a conclusion `data` holds already, SourceError when `source` cannot be read, and DataError
    should the checker still reject the draft (an importer's fault, nothing written).
    `say` hears the reader's progress (a scan's pages).
    """
    if QuarterKey.parse(key) is None:
        raise QuarterTaken(f"mã quý '{key}' phải có dạng NĂM-qSỐ, ví dụ 2026-q2")
    registry = load(data, registry_only=True)
    adding = key in {q.key for q in registry.quarters}  # a directive into the quarter
    document = read_isolated(source, say=say)
    document = spelled(document, registry)
    structure = outline(document, directive=adding)
    placed, missing = coverage(document, structure)
    if adding:
        _not_its_conclusion(structure, registry, key, data)
        directive = draft_directive(structure, registry, key)
        title = f"{directive.directive['document']} ({QuarterKey.parse(key)})"
        notes = directive.notes
        text = with_directive(data.read_text(encoding="utf-8"), key, directive)
    else:
        drafted = draft_quarter(structure, registry, key)
        title = str(drafted.quarter["title"])
        notes = drafted.notes
        text = with_quarter(data.read_text(encoding="utf-8"), drafted)
    loaded = validate_with_marks(text, name)
    page = None
    images = page_images(source, document.pages) if document.scanned else []
    scan = ScanPages.of(document, images) if images else None
    if review:
        page = review_page(loaded, key, name, str(source), scan=scan)
    return QuarterImport(
        text,
        title,
        placed,
        placed + len(missing),
        tuple(notes),
        tuple(f"{m.problem.path}: {m.problem.message}" for m in loaded.marks),
        page,
        scan,
    )


def _not_its_conclusion(structure: Outline, registry: Dataset, key: str, data: Path) -> None:
    """Refuse the quarter's own conclusion received again: same preamble, or same
    number, as the data holds."""
    held = next(q for q in registry.quarters if q.key == key)
    same_text = bool(structure.preamble) and structure.preamble == held.preamble
    symbol = held.symbol
    same_number = symbol is not None and any(symbol in cell for cell in structure.header)
    if same_text or same_number:
        raise QuarterTaken(
            f"quý {key} đã có Kết luận này trong {data}; văn bản khác của quý thì nhập "
            "được, Kết luận của quý sau thì chọn mã quý khác"
        )
