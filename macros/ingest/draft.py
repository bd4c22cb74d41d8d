"""A drafted quarter: what the importer read, in the YAML shape of `data/directives.yml`.

Nothing is invented: a field the document does not give (a meeting date it does not
state, a signer it does not show) is left out, so that `ketluan check` names it for the
Office to fill in. What the rules proposed rather than read is listed in `notes`, for
the person who reviews the draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from macros.ingest.roles import AgencyFinder, read_paragraph
from macros.ingest.structure import Draft, DraftSection
from macros.model import Dataset, Delegation
from macros.model.calendar import QUARTER_KEY, planning_year, quarter_title
from macros.text.symbols import SymbolError, find_symbols, parse_symbol

__all__ = ["Drafted", "draft_quarter"]

_MEETING = re.compile(r"Ngày (\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass
class Drafted:
    """The quarter as YAML data, and what the reviewer must look at."""

    quarter: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def draft_quarter(draft: Draft, registry: Dataset, key: str) -> Drafted:
    """The quarter `key` drafted from a document's structure, against `registry`'s
    agencies and documents."""
    m = QUARTER_KEY.fullmatch(key)
    if m is None:
        raise ValueError(f"mã quý '{key}' phải có dạng YYYY-qN (ví dụ: 2026-q2)")
    finder = AgencyFinder(registry.agencies)
    out = Drafted({"key": key, "title": quarter_title(int(m["year"]), int(m["q"]))})
    quarter = out.quarter
    meeting = _MEETING.search(draft.preamble)
    if meeting:
        day, month, year = (int(g) for g in meeting.groups())
        quarter["meeting_date"] = date(year, month, day)
    else:
        out.notes.append("không thấy ngày họp trong đoạn mở đầu: cần ghi meeting_date")
    issuer = read_paragraph(draft.preamble, finder, int(m["year"])).lead
    if issuer:
        quarter["issuing_body"] = issuer[0]
    quarter |= {"document_type": draft.document_type, "heading": draft.heading}
    quarter["preamble"] = draft.preamble
    quarter["review"] = {
        "number": draft.review_number,
        "title": draft.review_title,
        "paragraphs": draft.review,
    }
    year = planning_year(key)
    documents = _documents_by_symbol(registry)
    quarter["sections"] = [_section(s, finder, documents, year, out.notes) for s in draft.sections]
    if draft.footnotes:
        quarter["footnotes"] = [
            {"number": n, "text": t} for n, t in sorted(draft.footnotes.items())
        ]
    if draft.recipients_heading:
        quarter["recipients_heading"] = draft.recipients_heading
    quarter["recipients"] = [_recipient(text, finder) for text in draft.recipients]
    signer = _signer(draft.signer)
    if signer:
        quarter["signer"] = signer
    else:
        out.notes.append("không đọc được khối chữ ký: cần ghi signer")
    out.notes += [f"đoạn chưa xếp vào đâu: {text[:80]}" for text in draft.leftovers]
    return out


def _section(
    section: DraftSection,
    finder: AgencyFinder,
    documents: dict[str, list[tuple[str, date | None, int | None]]],
    year: int,
    notes: list[str],
) -> dict[str, Any]:
    out: dict[str, Any] = {"number": section.number, "title": section.title}
    addressed = [agency for _s, _e, agency in finder.find(section.title)]
    if addressed:
        out["assignee"] = list(dict.fromkeys(addressed))
    tasks = []
    for task in section.tasks:
        reading = read_paragraph(task.text, finder, year)
        item: dict[str, Any] = {"id": task.id, "kind": "task"}
        if task.marker:
            item["marker"] = task.marker
        item["text"] = task.text
        for role in ("lead", "support", "report_to", "accountable"):
            if getattr(reading, role):
                item[role] = list(getattr(reading, role))
        if reading.deadline_phrases:
            item["deadlines"] = [
                {
                    "phrase": said,
                    "date": parsed.date,
                    "precision": parsed.precision.value,
                    "relation": parsed.relation.value,
                }
                for said, parsed in reading.deadline_phrases
            ]
        cites = _cites(task.text, documents, task.id, notes)
        if cites:
            item["cites"] = cites
        tasks.append(item)
    if tasks:
        out["tasks"] = tasks
    if section.sections:
        out["sections"] = [_section(s, finder, documents, year, notes) for s in section.sections]
    return out


def _documents_by_symbol(registry: Dataset) -> dict[str, list[tuple[str, date | None, int | None]]]:
    out: dict[str, list[tuple[str, date | None, int | None]]] = {}
    for doc in registry.documents:
        if doc.symbol is None:
            continue
        try:
            symbol = parse_symbol(doc.symbol).normalised
        except SymbolError:
            continue
        out.setdefault(symbol, []).append((doc.id, doc.date, doc.issued_year))
    return out


_CITED_DATE = re.compile(r"\s*,?\s*ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")


def _cites(
    text: str,
    documents: dict[str, list[tuple[str, date | None, int | None]]],
    task_id: str,
    notes: list[str],
) -> list[dict[str, str]]:
    """Citations of documents the registry holds (symbol, and date when the text gives
    one: numbers restart each term); the others are noted for the reviewer."""
    out: list[dict[str, str]] = []
    for start, end, symbol in find_symbols(text):
        when = _CITED_DATE.match(text, end)
        written = text[start : when.end()] if when else text[start:end]
        cited = date(int(when[3]), int(when[2]), int(when[1])) if when else None
        matches = [
            doc_id
            for doc_id, day, year in documents.get(symbol, [])
            if cited is None or day == cited or (day is None and year == cited.year)
        ]
        if len(matches) == 1:
            out.append({"document": matches[0], "as_written": written})
        else:
            what = "không có trong danh mục" if not matches else "khớp nhiều văn bản"
            notes.append(f"{task_id}: trích dẫn {written} {what}: cần ghi vào documents")
    return out


def _recipient(text: str, finder: AgencyFinder) -> dict[str, str]:
    found = finder.find(text.rstrip(",.;"))
    whole = len(found) == 1 and found[0][0] == 0 and found[0][1] >= len(text.rstrip(",.;")) - 1
    return {"text": text, "agency": found[0][2]} if whole else {"text": text}


def _signer(lines: list[str]) -> dict[str, Any] | None:
    """ "T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Nguyễn Tuấn Phong"."""
    if len(lines) < 3:
        return None
    first, title, name = lines[0], lines[1], lines[-1]
    delegation = next((d for d in Delegation if first.startswith(d.value + " ")), None)
    on_behalf_of = first[len(delegation.value) + 1 :] if delegation else first
    return {
        "delegation": delegation.value if delegation else None,
        "on_behalf_of": on_behalf_of,
        "title": title,
        "name": name,
    }


def with_quarter(data_text: str, drafted: Drafted) -> str:
    """The data file's text with the drafted quarter appended to `quarters:`: the file
    as it was, comments included, when `quarters` is its last key and holds a list;
    otherwise the whole data written anew (its comments lost, said in the notes)."""
    block = yaml.safe_dump([drafted.quarter], allow_unicode=True, sort_keys=False, width=100_000)
    raw = yaml.safe_load(data_text) or {}
    keys = list(raw) if isinstance(raw, dict) else []
    if keys and keys[-1] == "quarters" and raw["quarters"]:
        return data_text.rstrip("\n") + "\n" + block
    drafted.notes.append("tệp dữ liệu được viết lại toàn bộ; các dòng chú thích (#) không còn")
    whole = {**raw, "quarters": [*(raw.get("quarters") or []), drafted.quarter]}
    return yaml.safe_dump(whole, allow_unicode=True, sort_keys=False, width=100_000)
