"""A drafted quarter: what the importer read, in the YAML shape of `data/directives.yml`.

Nothing is invented: a field the document does not give (a meeting date it does not
state, a signer it does not show) is left out, so that `ketluan check` names it for the
Office to fill in. What the rules inferred rather than read carries a review mark
(`needs_review`, see `macros.load.review`) on the record it concerns, which the Office
clears once a person has looked; `notes` says what has no record to stand on.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from macros.ingest.agencies import ProposingFinder
from macros.ingest.artefacts import artefacts
from macros.ingest.citations import Citations
from macros.ingest.marks import flag
from macros.ingest.quantities import figures, limitations, recurrences, targets
from macros.ingest.roles import Reading, read_paragraph
from macros.ingest.structure import Draft, DraftSection, DraftTask
from macros.model import Dataset, Delegation
from macros.model.calendar import QUARTER_KEY, planning_year, quarter_title
from macros.text.deadlines import (
    DeadlinePhraseError,
    ParsedDeadline,
    parse_deadline,
    parse_recurrence,
)
from macros.text.vietnamese import footnote_markers, searchable

__all__ = ["Drafted", "draft_quarter"]

_MEETING = re.compile(r"Ngày (\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass
class Drafted:
    """The quarter as YAML data, and what the reviewer must look at."""

    quarter: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)  # proposed, for the registry
    agencies: list[dict[str, Any]] = field(default_factory=list)  # proposed, for the registry


def draft_quarter(draft: Draft, registry: Dataset, key: str) -> Drafted:
    """The quarter `key` drafted from a document's structure, against `registry`'s
    agencies and documents."""
    m = QUARTER_KEY.fullmatch(key)
    if m is None:
        raise ValueError(f"mã quý '{key}' phải có dạng YYYY-qN (ví dụ: 2026-q2)")
    finder = ProposingFinder(registry.agencies)
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
    quarter |= _header(draft.header)
    quarter |= {"document_type": draft.document_type, "heading": draft.heading}
    quarter["preamble"] = draft.preamble
    citations = Citations(registry)
    quarter["review"] = {
        "number": draft.review_number,
        "title": draft.review_title,
        "paragraphs": draft.review,
    }
    found = figures(draft.review)
    if found:
        quarter["review"]["figures"] = found
    limits = limitations(draft.review)
    if limits:
        quarter["review"]["limitations"] = limits
        flag(quarter["review"], "limitations: tách từng hạn chế theo dấu ; và dấu chấm; kiểm tra")
    review_cites = [
        c
        for text in draft.review
        for c in citations.cites(text, "phần " + draft.review_number.rstrip("."))
    ]
    if review_cites:
        quarter["review"]["cites"] = review_cites
    year = planning_year(key)
    context = _Context(finder, citations, year, out.notes, registry, draft.footnotes)
    quarter["sections"] = [
        _section(s, context, (), organising=_ORGANISING.fullmatch(searchable(s.title)) is not None)
        for s in draft.sections
    ]
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
    corrections = artefacts(
        [draft.preamble, *draft.review, *_texts(draft.sections), *draft.footnotes.values()]
    )
    if corrections:
        quarter["corrections"] = corrections
    out.documents = list(citations.proposed.values())
    out.agencies = list(finder.proposed.values())
    for text in draft.leftovers:
        flag(quarter, f"đoạn chưa xếp vào đâu (thêm vào đúng chỗ rồi xóa ghi chú): {text}")
    return out


@dataclass(frozen=True, slots=True)
class _Context:
    finder: ProposingFinder
    citations: Citations
    year: int
    notes: list[str]
    registry: Dataset
    footnotes: dict[int, str]


# The closing part, "Tổ chức thực hiện": its paragraphs organise the rest.
_ORGANISING = re.compile(r"\s*to chuc thuc hien\s*")


def _section(
    section: DraftSection, ctx: _Context, heading_lead: tuple[str, ...], *, organising: bool = False
) -> dict[str, Any]:
    out: dict[str, Any] = {"number": section.number, "title": section.title}
    heading = ctx.finder.find_heading(section.title)
    addressed = tuple(dict.fromkeys(agency for _s, _e, agency in heading))
    if addressed:
        out["assignee"] = list(addressed)
    lead = addressed or heading_lead
    tasks = [_task(task, ctx, lead, organising) for task in section.tasks]
    if tasks:
        out["tasks"] = tasks
    if section.sections:
        out["sections"] = [_section(s, ctx, lead, organising=organising) for s in section.sections]
    return out


def _kind(text: str, reading: Reading, organising: bool) -> str:
    """What a paragraph asks for: it organises the rest (the closing part), sets the
    principle a list follows ("… phải bảo đảm nguyên tắc: …; cụ thể như sau:"), makes
    its subject answer for the result ("… chịu trách nhiệm về …"), or is a task."""
    if organising:
        return "organisation"
    if "nguyen tac" in searchable(text) and text.rstrip().endswith(":"):
        return "principle"
    if reading.subject_answers:
        return "responsibility"
    return "task"


def _task(
    task: DraftTask, ctx: _Context, heading_lead: tuple[str, ...], organising: bool
) -> dict[str, Any]:
    reading = read_paragraph(task.text, ctx.finder, ctx.year)
    item: dict[str, Any] = {"id": task.id, "kind": _kind(task.text, reading, organising)}
    if task.marker:
        item["marker"] = task.marker
    item["text"] = task.text
    for role in ("lead", "support", "report_to", "accountable"):
        if getattr(reading, role):
            item[role] = list(getattr(reading, role))
    if reading.lead and heading_lead and reading.opens_without_subject:
        item["inherit_lead"] = True
        names = "; ".join(_name(ctx.registry, a) for a in heading_lead)
        flag(
            item, f"inherit_lead: câu đầu không nêu chủ thể; cùng chủ trì theo tiêu đề mục: {names}"
        )
    if not reading.lead and heading_lead:
        names = "; ".join(_name(ctx.registry, a) for a in heading_lead)
        flag(item, f"lead: đoạn không nêu chủ thể; chủ trì theo tiêu đề mục: {names}")
    elif not reading.lead:
        flag(item, "lead: không thấy cơ quan chủ trì trong đoạn lẫn tiêu đề mục")
    if reading.deadline_phrases:
        item["deadlines"] = [
            _deadline(task.text, at, said, parsed, ctx.year)
            for at, said, parsed in reading.deadline_phrases
        ]
    said = recurrences(task.text)
    if said:
        item["recurrences"] = [_recurrence(phrase) for phrase in said]
    noted = [ctx.footnotes[n] for n in footnote_markers(task.text) if n in ctx.footnotes]
    found = [t for text in (task.text, *noted) for t in targets(text, ctx.year)]
    if found:
        item["targets"] = found
    cites = ctx.citations.cites(task.text, task.id)
    if cites:
        item["cites"] = cites
    return item


# "phấn đấu" (and the typo "phân đấu") before a date in its clause makes it an aim.
_AIM = re.compile(r"(?<!\w)ph[âấ]n đấu(?!\w)", re.IGNORECASE)


def _same_date(phrase: str, parsed: ParsedDeadline, year: int) -> bool:
    try:
        return parse_deadline(phrase, default_year=year) == parsed
    except DeadlinePhraseError:
        return False


def _deadline(text: str, at: int, said: str, parsed: ParsedDeadline, year: int) -> dict[str, Any]:
    """A deadline as the data writes it; precision and relation are the phrase's own
    (the loader derives them). A date in the same comma-clause as a "phấn đấu" before
    it is an aim, its phrase running from the "phấn đấu"; one in the same clause as a
    "báo cáo", or opening a sentence that says it ("Trong tháng 5/2026, … báo cáo …"),
    is proposed as the report's deadline, for review."""
    clause = _start(text, at, (", ", "; ", ". "))
    aims = list(_AIM.finditer(text, clause, at))
    aim = aims[-1] if aims else None  # the last "phấn đấu" before the date
    phrase = text[aim.start() : at + len(said)] if aim else said
    if aim and not _same_date(phrase, parsed, year):
        aim, phrase = None, said  # another date stands between: not this one's aim
    out: dict[str, Any] = {"phrase": phrase, "date": parsed.date}
    sentence_start = _start(text, at, ("; ", ". "))
    sentence = text[sentence_start : _end(text, at, ("; ", ". "))]
    own_clause = text[clause : _end(text, at, (", ", "; ", ". "))]
    before = text[sentence_start:at]
    opens = len(before.split()) <= 3 and "," not in before  # "Chậm nhất trong tháng 6/2026, …"
    if aim:
        out["aim"] = True
    elif _REPORT.search(own_clause) or (opens and _REPORT.search(sentence)):
        out["report"] = True
        flag(out, "report: câu có “báo cáo”: đây là hạn báo cáo, không phải hạn công việc?")
    if not re.search(r"\d{4}", said):
        flag(out, f"date: cụm từ không ghi năm; năm {parsed.date.year} suy từ quý của Kết luận")
    return out


_REPORT = re.compile(r"(?<!\w)báo cáo(?!\w)", re.IGNORECASE)


def _start(text: str, at: int, separators: tuple[str, ...]) -> int:
    """Where the clause holding position `at` begins (after the nearest separator)."""
    found = [text.rfind(sep, 0, at) for sep in separators]
    return max([0] + [i + len(sep) for i, sep in zip(found, separators, strict=True) if i != -1])


def _end(text: str, at: int, separators: tuple[str, ...]) -> int:
    """Where the clause holding position `at` ends (at the nearest separator)."""
    found = [i for i in (text.find(sep, at) for sep in separators) if i != -1]
    return min(found, default=len(text))


def _texts(sections: list[DraftSection]) -> list[str]:
    out: list[str] = []
    for section in sections:
        out += [task.text for task in section.tasks]
        out += _texts(section.sections)
    return out


def _recurrence(phrase: str) -> dict[str, Any]:
    parsed = parse_recurrence(phrase)
    out: dict[str, Any] = {"phrase": phrase}
    if parsed.every:
        out["every"] = [p.value for p in parsed.every]
    if parsed.at_least is not None:
        out["at_least"] = parsed.at_least
    return out


def _name(registry: Dataset, agency_id: str) -> str:
    return next((a.name for a in registry.agencies if a.id == agency_id), agency_id)


def _recipient(text: str, finder: ProposingFinder) -> dict[str, str]:
    found = finder.find(text.rstrip(",.;"))
    whole = len(found) == 1 and found[0][0] == 0 and found[0][1] >= len(text.rstrip(",.;")) - 1
    return {"text": text, "agency": found[0][2]} if whole else {"text": text}


_SYMBOL = re.compile(r"Số[:\s]*(\d+\s*-\s*KL\s*/\s*[A-ZĐ]+)")
_ISSUED = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


def _header(cells: list[str]) -> dict[str, Any]:
    """The conclusion's own number and date from its header table ("Số 15-KL/TU",
    "Hưng Yên, ngày 28 tháng 4 năm 2026"), where it has one."""
    text = "\n".join(cells)
    out: dict[str, Any] = {}
    symbol = _SYMBOL.search(text)
    if symbol:
        out["symbol"] = symbol[1]
    issued = _ISSUED.search(text)
    if issued:
        day, month, year = (int(g) for g in issued.groups())
        with contextlib.suppress(ValueError):  # an impossible date is not read
            out["issued_on"] = date(year, month, day)
    return out


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
    """The data file's text with the drafted quarter appended to `quarters:` and the
    proposed agencies and documents to their registries: the file as it was, comments
    included, when those keys hold block lists at the top level and `quarters` comes
    last; otherwise the whole data written anew (its comments lost, said in the notes)."""
    raw = yaml.safe_load(data_text) or {}
    keys = list(raw) if isinstance(raw, dict) else []
    lines = data_text.rstrip("\n").split("\n")
    additions = {"agencies": drafted.agencies, "documents": drafted.documents}
    ends = {key: _list_end(lines, key) for key in additions}
    in_place = all(
        not added or (raw.get(key) and ends[key] is not None) for key, added in additions.items()
    )
    if keys and keys[-1] == "quarters" and raw["quarters"] and in_place:
        # From the bottom up, so that an insertion does not move the next one's line.
        for key in sorted(additions, key=lambda k: -(ends[k] or 0)):
            end = ends[key]
            if additions[key] and end is not None:
                lines[end:end] = _dump(additions[key]).rstrip("\n").split("\n")
        return "\n".join(lines) + "\n" + _dump([drafted.quarter])
    drafted.notes.append("tệp dữ liệu được viết lại toàn bộ; các dòng chú thích (#) không còn")
    whole = {
        **raw,
        **{key: [*(raw.get(key) or []), *added] for key, added in additions.items()},
        "quarters": [*(raw.get("quarters") or []), drafted.quarter],
    }
    return _dump(whole)


def _dump(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100_000)


def _list_end(lines: list[str], key: str) -> int | None:
    """The line after the last item of top-level block list `key` (before the next
    top-level key and the comments that lead it), or None if `key` is not one."""
    start = next((i for i, line in enumerate(lines) if line == f"{key}:"), None)
    if start is None:
        return None
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"[^\s#-]", lines[i])), len(lines)
    )
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return end
