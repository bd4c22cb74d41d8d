"""A received directive drafted into a quarter that exists: a plan, a directive, a
notice of conclusions, an official letter assigning tasks, beside the conference
conclusion (`Conclusion.directives`).

The paragraphs are read as a conclusion's are (`draft_quarter`, roles, deadlines,
recurrences, targets, citations, corrections beside the text); what differs is the
document itself: it becomes one of the registry's documents, proposed from its header
("Số 12-KH/TU", "Hưng Yên, ngày 5 tháng 5 năm 2026") and title, with a review mark.
A number or date the copy leaves blank ("Số     -KH/TU") stays blank and is said.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ketluan.check.registry import DOCUMENT_TYPES
from ketluan.ingest.draft import UNREAD, draft_quarter
from ketluan.ingest.marks import flag
from ketluan.ingest.structure import Outline
from ketluan.load.review import REVIEW_KEY
from ketluan.model import Dataset
from ketluan.text.symbols import TYPE_NAMES, SymbolError, parse_symbol
from ketluan.text.vietnamese import searchable

__all__ = ["DirectiveDraft", "draft_directive"]

# The document's own number in its header: "Số 12-KH/TU", "Số: 345/UBND-KT", and an
# unsigned copy's "Số      -KH/TU" (the number left for the clerk to fill in).
_SYMBOL = re.compile(
    r"Số\s*:?\s*(?P<symbol>(?P<number>\d*)\s*[-/]\s*[A-ZĐ][A-Za-zĐđ]*"
    r"(?:\s*[-/]\s*[A-ZĐ0-9][A-Za-zĐđ0-9]*)*)"
)
_ISSUED = re.compile(r"ngày\s+(\S*)\s+tháng\s+(\S*)\s+năm\s+(\d{4})")


@dataclass
class DirectiveDraft:
    """The directive as YAML data, the registry records it proposes (itself first), and
    what the reviewer must look at."""

    directive: dict[str, Any]
    document: dict[str, Any] | None  # None: the registry holds the document already
    notes: list[str] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)  # cited, new
    agencies: list[dict[str, Any]] = field(default_factory=list)


def draft_directive(draft: Outline, registry: Dataset, key: str) -> DirectiveDraft:
    """A directive of quarter `key` drafted from a document's structure."""
    drafted = draft_quarter(draft, registry, key, directive=True)
    q = drafted.quarter
    proposed = _document(draft, registry, q)
    known = _known(proposed, registry)
    out: dict[str, Any] = {"document": known or proposed["id"]}
    subject = _letter_subject(draft)
    if draft.document_type:
        out["document_type"] = q["document_type"]
    if q.get("heading"):
        out["heading"] = q["heading"]
    elif subject:
        out["heading"] = [subject]
    if draft.preamble:
        out["preamble"] = draft.preamble.split("\n")
    if q.get("cites"):
        out["cites"] = q["cites"]
    sections = list(q["sections"])
    if sections and not sections[0]["number"]:  # a letter's body, under no heading
        out["tasks"] = sections.pop(0).get("tasks", [])
    if sections:
        out["sections"] = sections
    out["issuing_body"] = q["issuing_body"]
    if "review" in q:
        out["review"] = q["review"]
    for optional in ("footnotes", "recipients_heading", "corrections"):
        if q.get(optional):
            out[optional] = q[optional]
    if q.get("recipients"):
        out["recipients"] = q["recipients"]
    signer = q["signer"]
    if signer.get("name") != UNREAD:
        out["signer"] = signer
    else:  # an unsigned copy: no signer drafted, and said
        flag(out, "không thấy khối chữ ký: bản nhận được có thể chưa ký; thêm signer nếu có")
    # The quarter's own marks speak of the document: its issuer, its preamble, what was
    # placed nowhere, hidden text.
    for note in q.get(REVIEW_KEY, []):
        flag(out, note)
    document = None if known else proposed  # a document the registry holds is not added
    return DirectiveDraft(out, document, drafted.notes, drafted.documents, drafted.agencies)


def _letter_subject(draft: Outline) -> str | None:
    """A letter's subject, in its header under the number: "V/v triển khai …"."""
    for cell in draft.header:
        lines = [line.strip(" *_") for line in cell.split("\n")]
        at = next((i for i, line in enumerate(lines) if re.match(r"V/v\b", line, re.I)), None)
        if at is not None:  # its wrapped lines follow it, lower case
            wrapped = list(itertools.takewhile(lambda s: s[:1].islower(), lines[at + 1 :]))
            return " ".join([lines[at], *wrapped])
    return None


def _document(draft: Outline, registry: Dataset, q: dict[str, Any]) -> dict[str, Any]:
    """The registry record the directive is: its type, number, date and issuer as its
    header and title give them; an id made from them, free in the registry."""
    header = "\n".join(draft.header)
    kind = _registry_type(draft.document_type)
    doc: dict[str, Any] = {}
    notes = [
        "văn bản chỉ đạo mới, đề xuất từ phần đầu văn bản nhận được: kiểm tra loại, số ký "
        "hiệu, ngày ban hành, cơ quan ban hành"
    ]
    symbol = _SYMBOL.search(header)
    year: int | None = None
    written = None
    if symbol and symbol["number"]:
        written = re.sub(r"\s+", "", symbol["symbol"])
        with contextlib.suppress(SymbolError):
            parsed = parse_symbol(written)
            year = parsed.year
            coded = TYPE_NAMES.get(parsed.type_code) if parsed.type_code else None
            kind = coded or kind  # the number's code says the registry's type
    elif symbol:
        code = re.search(r"[-/]\s*([A-ZĐ][A-Za-zĐđ]*)\s*/", symbol["symbol"])
        kind = kind or (TYPE_NAMES.get(code[1], "") if code else "")
        notes.append(
            f"văn bản chưa ghi số (“Số {symbol['symbol'].strip()}”): để trống số ký hiệu, "
            "ghi khi có bản đã ký"
        )
    else:
        notes.append("không đọc được số ký hiệu ở phần đầu văn bản: ghi 'symbol' nếu bản gốc có")
    issued = _issued(header)
    if issued is not None:
        year = issued.year
    else:
        notes.append("không đọc được ngày ban hành: ghi 'date' nếu bản gốc có")
    doc["type"] = kind or "Văn bản"
    if not kind:
        notes.append("không thấy tên loại văn bản: ghi 'type' (Kế hoạch, Chỉ thị, …)")
    if written:
        doc["symbol"] = written
    if issued is not None:
        doc["date"] = issued
    elif year is not None:
        doc["year"] = year
    body = next((a.name for a in registry.agencies if a.id == q["issuing_body"]), None)
    if body:
        doc["body"] = body
    title = draft.heading or [s for s in [_letter_subject(draft)] if s]
    if title:
        doc["subject"] = " ".join(title)
    if not written:  # an unnumbered document goes by its name: type and title
        doc["title"] = " ".join([kind or "Văn bản", *title])
    doc["id"] = _free_id(_slug(kind, written, year), registry)
    doc[REVIEW_KEY] = notes
    return {"id": doc.pop("id"), **doc}


def _known(document: dict[str, Any], registry: Dataset) -> str | None:
    """The registry's document with the same number and year, if it holds it already
    (a conclusion cited the plan before the plan itself came in)."""
    symbol = document.get("symbol")
    if symbol is None:
        return None
    year = document["date"].year if "date" in document else document.get("year")
    for doc in registry.documents:
        same = doc.symbol is not None and re.sub(r"\s+", "", doc.symbol) == symbol
        if same and doc.issued_year in (None, year):
            return doc.id
    return None


def _registry_type(printed: str) -> str:
    """The registry's type of a printed type line: "KẾ HOẠCH" is "Kế hoạch", "THÔNG BÁO
    KẾT LUẬN" a "Thông báo"; "" for a line naming none."""
    words = printed.strip(" *_").lower()
    known = sorted((t for t in DOCUMENT_TYPES if words.startswith(t.lower())), key=len)
    return known[-1] if known else ""


def _issued(header: str) -> date | None:
    found = _ISSUED.search(header)
    if found is None:
        return None
    try:
        day, month, year = (int(g) for g in found.groups())
        return date(year, month, day)
    except ValueError:  # blank ("ngày    tháng 5") or impossible: not read
        return None


def _slug(kind: str, symbol: str | None, year: int | None) -> str:
    base = symbol or f"{kind or 'van-ban'}-chua-ghi-so"
    slug = re.sub(r"[^a-z0-9]+", "-", searchable(base)).strip("-")
    return f"{slug}-{year}" if year and str(year) not in slug else slug


def _free_id(slug: str, registry: Dataset) -> str:
    taken = {d.id for d in registry.documents}
    if slug not in taken:
        return slug
    return next(f"{slug}-{n}" for n in range(2, 10_000) if f"{slug}-{n}" not in taken)
