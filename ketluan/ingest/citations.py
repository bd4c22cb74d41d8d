"""Citations in a drafted paragraph: matched with the registry, or proposed as new
documents for the Office to confirm.

A symbol alone does not identify a document (numbers restart each term), so a cited
date ("số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị") must agree with the registry's;
a match by symbol alone carries a review mark. A symbol the registry lacks becomes a
proposed `documents` entry with what the text says beside it (type, date, issuing
body) and a mark; its subject stays empty unless a person adds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ketluan.check.registry import CENTRAL_BODIES, DOCUMENT_TYPES
from ketluan.ingest.marks import flag
from ketluan.model import Dataset
from ketluan.model.outline import walk_tasks
from ketluan.text.symbols import TYPE_NAMES, SymbolError, find_symbols, parse_symbol
from ketluan.text.vietnamese import searchable

__all__ = ["Citations"]

_CITED_DATE = re.compile(r"\s*,?\s*ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")
# "… của Bộ Chính trị": a body the registry or the State knows, else the words up to
# "về", a punctuation mark or the end.
_OF = re.compile(r"\s+của\s+(?=[A-ZĐÂĂÊÔƠƯ])")
_BODY = re.compile(r"[^,.;:()]{1,60}?(?=\s+về\b|[,.;:)]|$)")
NATIONAL_BODIES = ("Quốc hội", "Ủy ban Thường vụ Quốc hội", "Chính phủ", "Thủ tướng Chính phủ")
_TYPE_BEFORE = re.compile(
    r"(" + "|".join(sorted(DOCUMENT_TYPES, key=len, reverse=True)) + r")\s+(?:số\s+)?$",
    re.IGNORECASE,
)

# Between two citations of one list: "Kết luận số 77-KL/TW ngày 02/5/2024, Kết luận số
# 182-KL/TW … và Kết luận số 218-KL/TW … của Bộ Chính trị" names one body for all three.
_LISTED = re.compile(r"\s*(?:,|và|;)\s*(?:[A-ZĐ]\w*(?:\s+\w+){0,3}\s+)?(?:số\s+)?")


def _bodies(
    text: str, found: list[tuple[int, int, str]], known: tuple[str, ...]
) -> list[str | None]:
    """The issuing body the text names for each citation: after it ("…, ngày 22/12/2024
    của Bộ Chính trị"), or after the last citation of the list it is part of."""
    out: list[str | None] = []
    ends: list[int] = []
    for _start, end, _symbol in found:
        when = _CITED_DATE.match(text, end)
        ends.append(when.end() if when else end)
        of = _OF.match(text, ends[-1])
        named = next((b for b in known if of and text.startswith(b, of.end())), None)
        said = _BODY.match(text, of.end()) if of and named is None else None
        out.append(named or (said[0].strip() if said else None))
    for i in range(len(found) - 2, -1, -1):
        listed = _LISTED.fullmatch(text, ends[i], found[i + 1][0])
        if out[i] is None and listed and out[i + 1] is not None:
            out[i] = out[i + 1]
    return out


def _pattern(name: str) -> re.Pattern[str]:
    """A document's name as it may stand in folded text: a quoted title may be in
    italics inside its quotes ("về “*Nâng cao …*”"), the data's Markdown."""
    folded = re.escape(searchable(name.replace("*", "")))
    folded = folded.replace("“", "“\\*?").replace("”", "\\*?”")
    return re.compile(rf"(?<!\w){folded}(?!\w)")


# An unnumbered document named by its quoted title: "Nghị quyết về “Nâng cao …”".
_QUOTED = re.compile(
    r"(?P<type>" + "|".join(sorted(DOCUMENT_TYPES, key=len, reverse=True)) + r")"
    r" về “[^”]{5,300}”"
)


@dataclass
class Citations:
    """Resolves the citations of one import; remembers the documents it proposes."""

    registry: Dataset
    proposed: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → entry
    _known: dict[str, list[tuple[str, date | None, int | None]]] = field(default_factory=dict)
    _body_names: tuple[str, ...] = ()
    _names: list[tuple[re.Pattern[str], str]] = field(default_factory=list)  # name → id

    def __post_init__(self) -> None:
        names = {d.body for d in self.registry.documents if d.body}
        names |= {n for a in self.registry.agencies for n in a.names}
        names |= {*CENTRAL_BODIES, *NATIONAL_BODIES}
        self._body_names = tuple(sorted(names, key=len, reverse=True))
        for doc in self.registry.documents:
            if doc.symbol is None:
                continue
            try:
                symbol = parse_symbol(doc.symbol).normalised
            except SymbolError:
                continue
            self._known.setdefault(symbol, []).append((doc.id, doc.date, doc.issued_year))
        # An unnumbered document is found by the words that named it before: its title,
        # and how earlier quarters cited it ("Chương trình công tác năm 2026").
        unnumbered = {d.id for d in self.registry.documents if d.symbol is None}
        titles: set[tuple[str, str]] = {
            (d.title or "", d.id) for d in self.registry.documents if d.id in unnumbered
        }
        for quarter in self.registry.quarters:
            cites = [
                *quarter.review.cites,
                *(c for t, _ in walk_tasks(quarter.sections) for c in t.cites),
            ]
            titles |= {(c.as_written, c.document) for c in cites if c.document in unnumbered}
        self._names = sorted(
            ((_pattern(name), doc_id) for name, doc_id in titles if name),
            key=lambda n: -len(n[0].pattern),
        )

    def cites(self, text: str, where: str) -> list[dict[str, Any]]:
        """The `cites` of paragraph `text` (outline id `where`), each as written, in
        the order the text has them."""
        named = self._unnumbered(text, where, self._numbered(text, where))
        return [c for _at, c in sorted(named, key=lambda item: item[0])]

    def _unnumbered(
        self, text: str, where: str, taken: list[tuple[int, dict[str, Any]]]
    ) -> list[tuple[int, dict[str, Any]]]:
        """`taken` (position, cite) with the unnumbered references of `text` added: the
        registry's names, then quoted titles ("Nghị quyết về “…”") proposed as new."""
        work = searchable(text)
        spans = [(at, at + len(c["as_written"])) for at, c in taken]
        out = list(taken)

        def free(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e in spans)

        for pattern, doc_id in self._names:
            for m in pattern.finditer(work):
                if free(m.start(), m.end()):
                    spans.append((m.start(), m.end()))
                    out.append(
                        (m.start(), {"document": doc_id, "as_written": text[m.start() : m.end()]})
                    )
        for m in _QUOTED.finditer(text):
            if free(m.start(), m.end()):
                spans.append((m.start(), m.end()))
                doc_id = self._propose_titled(m.group(), m["type"], where)
                out.append((m.start(), {"document": doc_id, "as_written": m.group()}))
        return out

    def _numbered(self, text: str, where: str) -> list[tuple[int, dict[str, Any]]]:
        """(position, cite) of each numbered citation: "Nghị quyết số 57-NQ/TW"."""
        out: list[tuple[int, dict[str, Any]]] = []
        found = find_symbols(text)
        bodies = _bodies(text, found, self._body_names)
        for (start, end, symbol), body in zip(found, bodies, strict=True):
            when = _CITED_DATE.match(text, end)
            written = text[start : when.end()] if when else text[start:end]
            cited = date(int(when[3]), int(when[2]), int(when[1])) if when else None
            matches = [
                doc_id
                for doc_id, day, year in self._known.get(symbol, [])
                if cited is None or day == cited or (day is None and year == cited.year)
            ]
            cite: dict[str, Any] = {"as_written": written}
            if len(matches) == 1:
                cite = {"document": matches[0], **cite}
                if cited is None:
                    flag(cite, "document: khớp theo số ký hiệu; văn bản không ghi ngày ban hành")
            elif matches:
                cite = {"document": matches[0], **cite}
                others = ", ".join(matches)
                flag(cite, f"document: số ký hiệu khớp nhiều văn bản ({others}); chọn đúng văn bản")
            else:
                before = _TYPE_BEFORE.search(text[:start])
                said_type = before[1] if before else None
                doc_id = self._propose(text[start:end], cited, body, said_type, where)
                cite = {"document": doc_id, **cite}
            out.append((start, cite))
        return out

    def _propose_titled(self, title: str, said_type: str, where: str) -> str:
        words = re.sub(r"[^a-z0-9]+", "-", searchable(title)).strip("-")
        doc_id = words[:60].rstrip("-")
        if doc_id in self.proposed:
            self.proposed[doc_id]["needs_review"].append(f"cũng được trích dẫn tại {where}")
            return doc_id
        kind = next(t for t in DOCUMENT_TYPES if t.lower() == said_type.lower())
        note = (
            f"văn bản mới không số ký hiệu, đề xuất từ trích dẫn tại {where}: kiểm tra loại, "
            "tên gọi, cơ quan ban hành (văn bản không nêu thì để trống)"
        )
        self.proposed[doc_id] = {"id": doc_id, "type": kind, "title": title, "needs_review": [note]}
        return doc_id

    def _propose(
        self, written: str, cited: date | None, body: str | None, said_type: str | None, where: str
    ) -> str:
        symbol = parse_symbol(written)
        year = cited.year if cited else symbol.year
        slug = re.sub(r"[^a-z0-9]+", "-", searchable(symbol.normalised)).strip("-")
        doc_id = f"{slug}-{year}" if year and str(year) not in slug else slug
        if doc_id in self.proposed:
            self.proposed[doc_id]["needs_review"].append(f"cũng được trích dẫn tại {where}")
            return doc_id
        coded = TYPE_NAMES.get(symbol.type_code) if symbol.type_code else None
        said = next(
            (t for t in DOCUMENT_TYPES if said_type and t.lower() == said_type.lower()), None
        )
        entry: dict[str, Any] = {"id": doc_id}
        if coded or said:
            entry["type"] = coded or said
        entry["symbol"] = written
        if cited:
            entry["date"] = cited
        elif symbol.year:
            entry["year"] = symbol.year
        if body:
            entry["body"] = body
        notes = [
            f"văn bản mới, đề xuất từ trích dẫn tại {where}: kiểm tra loại, số ký hiệu, "
            "ngày ban hành, cơ quan ban hành; 'subject' để trống nếu văn bản không nêu"
        ]
        if "type" not in entry:
            notes.append("type: văn bản không nêu loại; cần ghi (Nghị quyết, Kết luận, …)")
        elif coded and said and coded != said:
            notes.append(f"type: văn bản ghi '{said_type}' nhưng số ký hiệu là của {coded}")
        entry["needs_review"] = notes
        self.proposed[doc_id] = entry
        return doc_id
