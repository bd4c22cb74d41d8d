"""A drafted quarter: what the importer read, in the YAML shape of `data/directives.yml`.

Nothing is invented silently. What the rules inferred rather than read carries a review
mark (`needs_review`, see `ketluan.load.review`) on the record it concerns, which the
Office clears once a person has looked. A required field the document does not give (a
meeting date it does not state, an issuing body it does not name, a signer it does not
show) gets a placeholder that says so, with a review mark: the draft is always valid
data with a review page, and `ketluan publish` refuses a quarter until every mark is
cleared. A conclusion without a review part (Section I) is drafted without one.
`notes` says what has no record to stand on.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ketluan.ingest.agencies import ProposingFinder
from ketluan.ingest.artefacts import artefacts
from ketluan.ingest.carry_over import OpenTask, open_tasks, proposal
from ketluan.ingest.citations import Citations
from ketluan.ingest.deadlines import draft_deadline, draft_recurrence
from ketluan.ingest.marks import flag
from ketluan.ingest.quantities import figures, limitations, recurrences, targets
from ketluan.ingest.roles import Reading, read_paragraph
from ketluan.ingest.structure import SIGNS_FOR, Outline, OutlineSection, OutlineTask
from ketluan.ingest.tables import column_roles
from ketluan.model import Dataset, Delegation
from ketluan.model.calendar import planning_year
from ketluan.model.keys import QuarterKey
from ketluan.text.deadlines import DeadlinePhraseError, find_deadlines
from ketluan.text.vietnamese import (
    FOOTNOTE_MARKER,
    footnote_markers,
    footnote_number,
    searchable,
)

__all__ = ["QuarterDraft", "draft_quarter"]

_MEETING = re.compile(r"Ngày (\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass
class QuarterDraft:
    """The quarter as YAML data, and what the reviewer must look at."""

    quarter: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)  # proposed, for the registry
    agencies: list[dict[str, Any]] = field(default_factory=list)  # proposed, for the registry


def draft_quarter(
    draft: Outline, registry: Dataset, key: str, *, directive: bool = False
) -> QuarterDraft:
    """The quarter `key` drafted from a document's structure, against `registry`'s
    agencies and documents. A `directive`'s draft (`ketluan.ingest.directive` makes it
    one) has no meeting and no review part to miss."""
    parsed = QuarterKey.parse(key)
    if parsed is None:
        raise ValueError(f"mã quý '{key}' phải có dạng YYYY-qN (ví dụ: 2026-q2)")
    finder = ProposingFinder(registry.agencies)
    out = QuarterDraft({"key": key, "title": parsed.title})
    quarter = out.quarter
    for note in _markers_once(draft):
        flag(quarter, note)
    header = _header(draft.header)
    meeting = _meeting(draft.preamble)
    if meeting is not None:
        quarter["meeting_date"] = meeting
    elif directive:
        quarter["meeting_date"] = parsed.after  # not drafted: a directive has no meeting
    else:
        stand_in = header.get("issued_on") or parsed.after
        quarter["meeting_date"] = stand_in
        flag(
            quarter,
            "không thấy ngày họp trong đoạn mở đầu: meeting_date đặt tạm là "
            f"{stand_in.isoformat()}; ghi đúng ngày họp rồi xóa ghi chú",
        )
    issuer = read_paragraph(draft.preamble, finder, parsed.year).lead
    if issuer:
        quarter["issuing_body"] = issuer[0]
    else:
        quarter["issuing_body"] = _stand_in_issuer(draft, registry, finder)
        flag(
            quarter,
            "đoạn mở đầu không nêu cơ quan ban hành: issuing_body đặt tạm là "
            f"'{quarter['issuing_body']}'; kiểm tra rồi xóa ghi chú",
        )
    quarter |= header
    if not directive and ("symbol" not in header or "issued_on" not in header):
        missing = [w for k, w in (("symbol", "số"), ("issued_on", "ngày")) if k not in header]
        flag(
            quarter,
            f"không đọc được {' và '.join(missing)} của văn bản ở phần đầu: thêm symbol, "
            "issued_on nếu bản gốc có",
        )
    quarter |= {"document_type": draft.document_type or UNREAD, "heading": draft.heading}
    if not draft.document_type and not directive:  # a directive's type: its document's
        flag(quarter, "không thấy tên loại văn bản (KẾT LUẬN, …): ghi document_type theo bản gốc")
    quarter["preamble"] = draft.preamble or UNREAD
    if not draft.preamble and not directive:
        flag(quarter, "không thấy đoạn mở đầu trước phần I: ghi preamble theo bản gốc")
    citations = Citations(registry)
    if directive and draft.preamble:  # "Thực hiện Nghị quyết số 57-NQ/TW …": the chain
        cited = citations.cites(draft.preamble, "đoạn mở đầu")
        if cited:
            quarter["cites"] = cited
    if draft.review_number:
        quarter["review"] = _review(draft, citations)
    elif not directive:
        flag(
            quarter,
            "không thấy phần đánh giá kết quả quý trước (mục I): bản nháp không có review; "
            "thêm nếu văn bản có",
        )
    year = planning_year(key)
    issuing_body = str(quarter["issuing_body"])
    context = _Context(
        finder,
        citations,
        year,
        out.notes,
        registry,
        draft.footnotes,
        issuing_body,
        open_tasks(registry),
        draft.scanned,
    )
    quarter["sections"] = [
        _section(s, context, (), organising=_ORGANISING.fullmatch(searchable(s.title)) is not None)
        for s in draft.sections
    ]
    footnotes = _footnotes(draft, quarter)
    if footnotes:
        quarter["footnotes"] = footnotes
    if draft.recipients_heading:
        quarter["recipients_heading"] = draft.recipients_heading
    quarter["recipients"] = [_recipient(text, finder) for text in draft.recipients]
    signer = _signer(draft.signer)
    if signer is None:
        signer = dict.fromkeys(("on_behalf_of", "title", "name"), UNREAD)
        flag(signer, "không đọc được khối chữ ký: ghi người ký theo bản gốc rồi xóa ghi chú")
    else:
        _signer_as_before(signer, registry)
        if draft.scanned:
            _common_surname(signer)
            flag(signer, f"khối chữ ký đọc bằng nhận dạng chữ (OCR). {OCR_CHECK}")
    quarter["signer"] = signer
    corrections = artefacts(
        [draft.preamble, *draft.review, *(t.text for t in draft.walk()), *draft.footnotes.values()]
    )
    if corrections:
        quarter["corrections"] = corrections
    out.documents = list(citations.proposed.values())
    out.agencies = list(finder.proposed.values())
    for text in draft.leftovers:
        flag(quarter, f"đoạn chưa xếp vào đâu (thêm vào đúng chỗ rồi xóa ghi chú): {text}")
    for remark in draft.remarks:
        flag(quarter, remark)
    if draft.scanned:
        flag(quarter, f"đoạn mở đầu đọc bằng nhận dạng chữ (OCR). {OCR_CHECK}")
        if "review" in quarter:
            flag(quarter["review"], f"phần I đọc bằng nhận dạng chữ (OCR). {OCR_CHECK}")
    for hidden in draft.hidden:
        # Never drafted: what the file's reader does not see cannot be a task, a date or
        # a number; the reviewer is told it was there, and where.
        flag(
            quarter,
            f"chữ ẩn trong tệp nhận được, không đưa vào bản nháp ({hidden.why}, "
            f"{hidden.where}): {hidden.text}",
        )
    return out


# A footnote whose marker the file shows but whose text it does not hold (a "Save as
# text" export drops every footnote's text): a placeholder the reviewer replaces.
MISSING_FOOTNOTE = "(tệp nhận được không giữ nội dung chú thích này: chép lại từ bản gốc)"


def _markers_once(draft: Outline) -> list[str]:
    """A footnote's marker printed again further on (Word prints a cross-reference to a
    note as its number) is written "[n]" there, so that each note has one marker; said
    for the reviewer. Changes the outline's texts in place."""
    seen: set[int] = set()
    notes: list[str] = []

    def once(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            number = footnote_number(match.group())
            if number not in seen:
                seen.add(number)
                return match.group()
            before = text[max(0, match.start() - 40) : match.start()]
            notes.append(
                f"dấu chú thích {number} in lại lần nữa (“…{before}”): ghi tạm là "
                f"[{number}]; sửa theo bản gốc rồi xóa ghi chú"
            )
            return f"[{number}]"

        return FOOTNOTE_MARKER.sub(one, text)

    draft.preamble = once(draft.preamble)
    draft.review = [once(text) for text in draft.review]
    for task in draft.walk():
        task.text = once(task.text)
    draft.footnotes = {number: once(text) for number, text in draft.footnotes.items()}
    return notes


def _footnotes(draft: Outline, quarter: dict[str, Any]) -> list[dict[str, Any]]:
    """The footnotes as the text's markers call them: a marker whose note the file does
    not hold gets a marked placeholder; a note no marker calls is said on the quarter,
    not drafted (the checker refuses a footnote nothing points to)."""
    texts = [draft.preamble, *draft.review, *(t.text for t in draft.walk())]
    called = {n for text in texts for n in footnote_markers(text)}
    # A note's own text may call another note: only the notes called are drafted.
    while (
        more := {n for m in called for n in footnote_markers(draft.footnotes.get(m, ""))} - called
    ):
        called |= more
    for number, text in sorted(draft.footnotes.items()):
        if number not in called:
            flag(
                quarter,
                f"chú thích {number} không có dấu chú thích trong văn bản, chưa đưa vào bản "
                f"nháp: {text}",
            )
    return [_footnote(n, draft.footnotes.get(n, "")) for n in sorted(called)]


def _footnote(number: int, text: str) -> dict[str, Any]:
    note: dict[str, Any] = {"number": number, "text": text or MISSING_FOOTNOTE}
    if not text:
        flag(note, "nội dung chú thích không có trong tệp nhận được: chép lại từ bản gốc")
    return note


# Time words that set no date: a period the work runs over ("thực hiện trong giai đoạn
# 2026 - 2030"; not a term "nhiệm kỳ 2025 - 2030" nor a cited plan's "giai đoạn
# 2021-2025") and a deadline set by an event ("trước khi trình Ban Chấp hành").
_PERIOD_RANGE = re.compile(r"\btrong giai doan\s+(\d{4})\s*[-–]\s*(\d{4})\b")
_NAMED_PERIOD = re.compile(
    r"(?:nhiem ky|dai hoi|nghi quyet|ke hoach|chuong trinh|de an|chien luoc|quy hoach)\b"
    r"[^.“”]{0,200}$"
)
_EVENT_BOUND = re.compile(r"\btruoc khi\s+[^,;.]{3,60}")


# A numbered or lettered item inside a paragraph, after a sentence's end ("… 3/8/2026.
# 2. Giao Sở …"): two items the file's layout ran together.
_JOINED_ITEM = re.compile(r"(?<=[.;:])\s+(?:\d{1,2}\.|[a-eg-ik-vxyđ]\))\s+(?=[A-ZĐÀ-Ỹ])")


def _flag_undated(item: dict[str, Any], text: str, year: int) -> None:
    """A paragraph with no date that times its work by a period still to come or by
    an event: no date is drafted, and the reviewer is asked whether it sets one (then
    the period's last day, marked as derived)."""
    if item.get("deadlines"):
        return
    work = searchable(text)
    for m in _PERIOD_RANGE.finditer(work):
        first, last = int(m[1]), int(m[2])
        if first < last and last >= year and not _NAMED_PERIOD.search(work, 0, m.start()):
            flag(
                item,
                f"deadlines: khoảng thời gian “{text[m.start() : m.end()]}”, không phải một "
                f"ngày: bản nháp không ghi thời hạn; nếu văn bản giao hoàn thành trong khoảng "
                f"này, ghi ngày 31/12/{last} và đánh dấu suy ra (derived)",
            )
    for m in _EVENT_BOUND.finditer(work):
        flag(
            item,
            f"deadlines: thời hạn theo sự kiện “{text[m.start() : m.end()]}”, không có ngày: "
            "bản nháp không ghi thời hạn; ghi ngày nếu văn bản khác cho biết",
        )


@dataclass(frozen=True, slots=True)
class _Context:
    finder: ProposingFinder
    citations: Citations
    year: int
    notes: list[str]
    registry: Dataset
    footnotes: dict[int, str]
    issuer: str  # the issuing body's id: a task's stand-in lead when none can be read
    open: list[OpenTask]  # earlier tasks still open, which a new one may carry on
    scanned: bool  # the text was read by OCR


# The closing part, "Tổ chức thực hiện": its paragraphs organise the rest.
_ORGANISING = re.compile(r"\s*to chuc thuc hien\s*")


def _section(
    section: OutlineSection,
    ctx: _Context,
    heading_lead: tuple[str, ...],
    *,
    organising: bool = False,
) -> dict[str, Any]:
    out: dict[str, Any] = {"number": section.number, "title": section.title}
    heading = ctx.finder.find_heading(section.title)
    addressed = tuple(dict.fromkeys(agency for _s, _e, agency in heading))
    if addressed:
        out["assignee"] = list(addressed)
    lead = addressed or heading_lead
    if section.columns:
        out["columns"] = section.columns
    tasks = [
        _row(task, ctx, section.columns, organising)
        if task.cells
        else _task(task, ctx, lead, organising)
        for task in section.tasks
    ]
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
    task: OutlineTask, ctx: _Context, heading_lead: tuple[str, ...], organising: bool
) -> dict[str, Any]:
    reading = read_paragraph(task.text, ctx.finder, ctx.year)
    item: dict[str, Any] = {"id": task.id, "kind": _kind(task.text, reading, organising)}
    if task.note:
        flag(item, task.note)
    if task.marker:
        item["marker"] = task.marker
    item["text"] = task.text
    for role in ("lead", "support", "report_to", "accountable"):
        if getattr(reading, role):
            item[role] = list(getattr(reading, role))
    heads = reading.lead or heading_lead
    if reading.heads_answer and heads:
        item["accountable"] = list(dict.fromkeys([*item.get("accountable", []), *heads]))
        flag(
            item,
            "accountable: câu “Người đứng đầu … chịu trách nhiệm …” không nêu tên đơn vị; "
            "bản nháp ghi người đứng đầu các đơn vị chủ trì của đoạn chịu trách nhiệm",
        )
    if reading.lead and heading_lead and reading.opens_without_subject:
        item["inherit_lead"] = True
        names = "; ".join(_name(ctx, a) for a in heading_lead)
        flag(
            item, f"inherit_lead: câu đầu không nêu chủ thể; cùng chủ trì theo tiêu đề mục: {names}"
        )
    if not reading.lead and heading_lead:
        names = "; ".join(_name(ctx, a) for a in heading_lead)
        flag(item, f"lead: đoạn không nêu chủ thể; chủ trì theo tiêu đề mục: {names}")
    elif not reading.lead:
        item["lead"] = [ctx.issuer]
        flag(
            item,
            "lead: không thấy cơ quan chủ trì trong đoạn lẫn tiêu đề mục; đặt tạm là cơ quan "
            f"ban hành ({_name(ctx, ctx.issuer)}): ghi đúng cơ quan chủ trì rồi xóa ghi chú",
        )
    if ctx.scanned:
        flag(item, f"đọc bằng nhận dạng chữ (OCR): đối chiếu lời văn với bản quét. {OCR_CHECK}")
    _flag_roleless(item, task.text, ctx)
    missing = [n for n in footnote_markers(task.text) if not ctx.footnotes.get(n)]
    if missing:
        flag(
            item,
            f"chú thích {', '.join(map(str, missing))} của đoạn này không có nội dung trong tệp "
            "nhận được: chỉ tiêu, thời hạn nêu trong chú thích chưa được đọc",
        )
    if item["kind"] in ("task", "responsibility"):
        leads = item.get("lead") or (heading_lead if item.get("inherit_lead") is not False else ())
        carried = proposal(task.text, leads, ctx.open)
        if carried is not None:
            earlier, score = carried
            item["continues"] = [earlier.ref]
            flag(
                item,
                f"continues: đề xuất vì lời văn giống {score}/100 nhiệm vụ {earlier.ref} cùng chủ "
                "trì, chưa báo cáo xong; nếu không phải việc đó, xóa dòng continues",
            )
    if reading.deadline_phrases:
        item["deadlines"] = [
            draft_deadline(task.text, at, said, parsed, ctx.year)
            for at, said, parsed in reading.deadline_phrases
        ]
    said = recurrences(task.text)
    if said:
        item["recurrences"] = [draft_recurrence(phrase) for phrase in said]
    _flag_undated(item, task.text, ctx.year)
    joined = _JOINED_ITEM.search(task.text)
    if joined:
        flag(
            item,
            f"đoạn có thể gộp hai mục (“…{joined.group().strip()} …”): tách theo bản gốc nếu "
            "đây là mục riêng, kiểm tra đơn vị chủ trì của từng mục",
        )
    _targets_and_cites(item, task, ctx)
    return item


def _targets_and_cites(item: dict[str, Any], task: OutlineTask, ctx: _Context) -> None:
    """The targets of a paragraph and of its footnotes, and the documents it cites."""
    noted = [ctx.footnotes[n] for n in footnote_markers(task.text) if n in ctx.footnotes]
    found = [t for text in (task.text, *noted) for t in targets(text, ctx.year)]
    if found:
        item["targets"] = found
    cites = ctx.citations.cites(task.text, task.id)
    if cites:
        item["cites"] = cites


def _row(task: OutlineTask, ctx: _Context, columns: list[str], organising: bool) -> dict[str, Any]:
    """A row of an assignment table: its lead, supporters and time from their cells
    (`ketluan.ingest.tables.column_roles`), its citations and targets from its content."""
    roles = column_roles(columns)
    cells = [*task.cells, *[""] * (len(columns) - 2 - len(task.cells))]

    def cell(role: str) -> str:
        return cells[roles[role]] if role in roles else ""

    item: dict[str, Any] = {"id": task.id, "kind": "organisation" if organising else "task"}
    if task.note:
        flag(item, task.note)
    if task.marker:
        item["marker"] = task.marker
    item |= {"text": task.text, "cells": [c or None for c in cells]}
    lead = _cell_agencies(ctx, cell("lead"), task.text)
    if lead:
        item["lead"] = lead
    else:
        item["lead"] = [ctx.issuer]
        flag(
            item,
            "lead: ô “cơ quan chủ trì” của dòng bảng trống hoặc không đọc được; đặt tạm là "
            f"cơ quan ban hành ({_name(ctx, ctx.issuer)}): ghi đúng cơ quan chủ trì",
        )
    support = [a for a in _cell_agencies(ctx, cell("support"), task.text) if a not in lead]
    if support:
        item["support"] = support
    when = cell("time")
    try:
        found = find_deadlines(when, default_year=ctx.year) if when else []
    except DeadlinePhraseError:
        found = []
    if found:
        item["deadlines"] = [{"phrase": said, "date": parsed.date} for _at, said, parsed in found]
    said = recurrences(when) + recurrences(task.text)
    if said:
        item["recurrences"] = [draft_recurrence(phrase) for phrase in said]
    if when and not found and not said:
        flag(item, f"deadlines: ô thời gian “{when}” không có ngày: bản nháp không ghi thời hạn")
    if ctx.scanned:
        flag(item, f"đọc bằng nhận dạng chữ (OCR): đối chiếu với bản quét. {OCR_CHECK}")
    _targets_and_cites(item, task, ctx)
    return item


def _cell_agencies(ctx: _Context, text: str, where: str) -> list[str]:
    """The agencies a table's cell names: the registry's (and those proposed so far),
    or the whole cell proposed as a new one when it names none."""
    words = text.strip(" .,;")
    if not words:
        return []
    found = list(dict.fromkeys(agency for _s, _e, agency in ctx.finder.find(words)))
    return found or [ctx.finder.named(words, where)]


def _flag_roleless(item: dict[str, Any], text: str, ctx: _Context) -> None:
    """A review mark naming each agency the paragraph mentions but gives no role: the
    rules read a role from its words ("phối hợp với", "báo cáo"), and an agency named
    otherwise ("gửi các cơ quan …") may still lead, support or receive the work."""
    given = {
        a for role in ("lead", "support", "report_to", "accountable") for a in item.get(role, ())
    }
    named = dict.fromkeys(agency for _s, _e, agency in ctx.finder.find(text))
    roleless = [a for a in named if a not in given]
    if roleless:
        names = "; ".join(_name(ctx, a) for a in roleless)
        flag(
            item,
            f"đoạn nêu {names} mà bản nháp không ghi vai trò: nếu là chủ trì, phối hợp hay "
            "nhận báo cáo, ghi vào lead, support hay report_to",
        )


def _name(ctx: _Context, agency_id: str) -> str:
    registered = next((a.name for a in ctx.registry.agencies if a.id == agency_id), None)
    return registered or ctx.finder.proposed.get(agency_id, {}).get("name", agency_id)


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


# What an OCR read paragraph's mark asks of the reviewer.
OCR_CHECK = "Chữ nhận dạng có thể sai dấu, sai chữ số; sửa theo bản quét rồi xóa ghi chú"

# What a placeholder says where the document gives nothing the importer could read.
UNREAD = "(chưa đọc được)"


def _meeting(preamble: str) -> date | None:
    found = _MEETING.search(preamble)
    if found is None:
        return None
    day, month, year = (int(g) for g in found.groups())
    try:
        return date(year, month, day)
    except ValueError:  # an impossible date is not read
        return None


def _stand_in_issuer(draft: Outline, registry: Dataset, finder: ProposingFinder) -> str:
    """Who most likely issued a conclusion whose preamble names nobody: the previous
    quarter's issuing body, else the body the header table names ("TỈNH ỦY"), found or
    proposed; the caller marks it for review."""
    if registry.quarters:
        return registry.quarters[-1].issuing_body
    lines = [line for cell in draft.header[:1] for line in cell.split("\n")]
    body = next((ln for ln in reversed(lines) if ln.isupper() and not ln.startswith("ĐẢNG BỘ")), "")
    name = body.capitalize() if body else "Cơ quan ban hành"
    return finder.named(name, draft.document_type or name)


def _review(draft: Outline, citations: Citations) -> dict[str, Any]:
    review: dict[str, Any] = {
        "number": draft.review_number,
        "title": draft.review_title,
        "paragraphs": draft.review,
    }
    found = figures(draft.review)
    if found:
        review["figures"] = found
    limits = limitations(draft.review)
    if limits:
        review["limitations"] = limits
        flag(review, "limitations: tách từng hạn chế theo dấu ; và dấu chấm; kiểm tra")
    cites = [
        c
        for text in draft.review
        for c in citations.cites(text, "phần " + draft.review_number.rstrip("."))
    ]
    if cites:
        review["cites"] = cites
    return review


_DELEGATIONS = {"TM": "T/M", "TL": "T/L", "KT": "K/T"}


def _signer_as_before(signer: dict[str, Any], registry: Dataset) -> None:
    """A name read with one mark astray ("Nguyên Văn Mẫu" from a scan) that is an
    earlier conclusion's signer's but for its marks is that signer's name, as spelled
    there, with a mark saying so."""
    read = signer["name"]
    known = {q.signer.name for q in registry.quarters if q.signer.name != read}
    same = [name for name in known if searchable(name) == searchable(read)]
    if len(same) == 1:
        signer["name"] = same[0]
        flag(
            signer,
            f"tên người ký đọc được là “{read}”, ghi theo Kết luận trước là “{same[0]}”: "
            "kiểm tra theo bản gốc",
        )


# The surnames most Vietnamese bear (well over nine in ten people): OCR misreading a mark
# of one ("Nguyên" for "Nguyễn") makes a rare name of it.
_COMMON_SURNAMES = {
    searchable(name): name
    for name in (
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
        "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
    )
}  # fmt: skip


def _common_surname(signer: dict[str, Any]) -> None:
    """A scanned signer's surname that is a common one but for its marks, as it is
    commonly written, with a mark saying so."""
    surname, _, rest = signer["name"].partition(" ")
    common = _COMMON_SURNAMES.get(searchable(surname))
    if common is not None and common != surname and rest:
        read, signer["name"] = signer["name"], f"{common} {rest}"
        flag(
            signer,
            f"tên người ký đọc được là “{read}”; họ “{surname}” hiếm gặp, ghi là họ "
            f"“{common}”: kiểm tra theo bản quét",
        )


def _signer(lines: list[str]) -> dict[str, Any] | None:
    """ "T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Nguyễn Tuấn Phong"."""
    if len(lines) < 3:
        return None
    first, title, name = lines[0], lines[1], lines[-1]
    opening = SIGNS_FOR.match(first)
    delegation, on_behalf_of = None, first
    if opening is not None:
        # The State's "TM." is the Party's "T/M": one code for both.
        written = opening.group().strip().upper().rstrip(".")
        delegation = Delegation(_DELEGATIONS.get(written, written))
        on_behalf_of = first[opening.end() :].strip()
    signer: dict[str, Any] = {"on_behalf_of": on_behalf_of, "title": title, "name": name}
    if delegation is not None:
        signer = {"delegation": delegation.value, **signer}
    return signer
