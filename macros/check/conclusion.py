"""Checks on one quarter's conclusion: ids, references, phrases, dates, footnotes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from datetime import date, timedelta

from macros.check.context import Context
from macros.check.quantities import check_figure, check_target_value
from macros.check.registry import check_ids
from macros.model import Citation, Conclusion, Document, Operator, StatusReport, Target, Task
from macros.model.calendar import QUARTER_KEY, planning_year, quarter_end, quarter_title
from macros.model.outline import body_texts, effective_lead, walk_sections, walk_tasks
from macros.text.deadlines import (
    DeadlinePhraseError,
    RecurrencePhraseError,
    parse_deadline,
    parse_recurrence,
)
from macros.text.symbols import SymbolError, find_symbols, parse_symbol
from macros.text.vietnamese import FOOTNOTE_MARKER, footnote_number

TASK_ID = re.compile(r"[IVX]+(?:\.\d+)*(?:-\d+)?")
DEADLINE_FIELDS = {"date": "ngày", "precision": "độ chính xác", "relation": "quan hệ"}
CITED_DATE = re.compile(r"ngày (\d{1,2})/(\d{1,2})/(\d{4})")


# Years a conclusion can be about: the build stamps files with the meeting date, which
# must be a time a computer can write (zip and gzip time stamps run from 1970 to 2106).
FIRST_YEAR, LAST_YEAR = 1970, 2099
# How far from its meeting a deadline can lie: a term's tasks reach a few years ahead.
DEADLINE_YEARS_BEFORE, DEADLINE_YEARS_AFTER = 2, 10
# How long after its meeting a conclusion is issued (signed and sent).
ISSUE_DAYS = 90
# How long after the newest meeting a report can come: the quarters between conclusions.
REPORT_DAYS_AFTER = 366


def check_conclusion(
    ctx: Context,
    conclusion: Conclusion,
    documents: Mapping[str, Document],
    earlier_tasks: AbstractSet[str],
    meetings: Mapping[str, date],
    previous: Conclusion | None = None,
) -> None:
    """Check one quarter; `earlier_tasks` holds "key/id" of every task of earlier quarters,
    and `previous` is the quarter before it in the file."""
    m = QUARTER_KEY.fullmatch(conclusion.key)
    if m is None:
        ctx.report(
            conclusion, ("key",), f"mã quý '{conclusion.key}' phải có dạng YYYY-qN (ví dụ: 2026-q1)"
        )
        return
    if not FIRST_YEAR <= int(m["year"]) <= LAST_YEAR:
        ctx.report(
            conclusion,
            ("key",),
            f"năm của quý '{conclusion.key}' phải từ {FIRST_YEAR} đến {LAST_YEAR}",
        )
        return
    if not _check_meeting(ctx, conclusion, int(m["year"]), int(m["q"]), previous):
        # Dates are then not measured against a meeting that is itself wrong.
        meetings = {k: v for k, v in meetings.items() if k != conclusion.key}
    expected = quarter_title(int(m["year"]), int(m["q"]))
    if conclusion.title != expected:
        ctx.report(
            conclusion,
            ("title",),
            f"tiêu đề '{conclusion.title}' không khớp mã quý (cần '{expected}')",
        )
    if conclusion.issuing_body not in ctx.agency_ids:
        ctx.report(
            conclusion,
            ("issuing_body",),
            f"cơ quan '{conclusion.issuing_body}' không có trong danh mục agencies",
        )
    for recipient in conclusion.recipients:
        if recipient.agency is not None and recipient.agency not in ctx.agency_ids:
            ctx.report(
                recipient,
                ("agency",),
                f"cơ quan '{recipient.agency}' không có trong danh mục agencies",
            )
    _check_review(ctx, conclusion, documents)
    _check_tasks(ctx, conclusion, documents, earlier_tasks, meetings.get(conclusion.key))
    _check_footnotes(ctx, conclusion)
    _check_corrections(ctx, conclusion)
    _check_reports(ctx, conclusion, earlier_tasks, meetings)


def _check_meeting(
    ctx: Context, conclusion: Conclusion, year: int, quarter: int, previous: Conclusion | None
) -> bool:
    """The meeting reviews its quarter: it falls in that quarter or the next one, after
    the previous quarter's meeting; the conclusion is issued after the meeting.
    Returns whether the meeting date itself is right."""
    first = date(year, 3 * quarter - 2, 1)
    next_year, next_quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    last = quarter_end(next_year, next_quarter)
    meeting = conclusion.meeting_date
    ok = first <= meeting <= last and (previous is None or meeting > previous.meeting_date)
    if not first <= meeting <= last:
        ctx.report(
            conclusion,
            ("meeting_date",),
            f"ngày họp {meeting:%d/%m/%Y} không nằm trong {conclusion.title} hoặc quý sau nó "
            f"(từ {first:%d/%m/%Y} đến {last:%d/%m/%Y})",
        )
    elif previous is not None and meeting <= previous.meeting_date:
        ctx.report(
            conclusion,
            ("meeting_date",),
            f"ngày họp {meeting:%d/%m/%Y} phải sau ngày họp quý trước "
            f"({previous.meeting_date:%d/%m/%Y})",
        )
    issued = conclusion.issued_on
    if issued is not None and not meeting <= issued <= meeting + timedelta(days=ISSUE_DAYS):
        ctx.report(
            conclusion,
            ("issued_on",),
            f"ngày ban hành {issued:%d/%m/%Y} phải từ ngày họp {meeting:%d/%m/%Y} "
            f"đến {ISSUE_DAYS} ngày sau đó",
        )
    return ok


def _check_review(ctx: Context, conclusion: Conclusion, documents: Mapping[str, Document]) -> None:
    review = conclusion.review
    text = "\n".join(review.paragraphs)
    check_ids(ctx, review.figures, "số liệu", "grdp", file_names=False)
    for figure in review.figures:
        paragraph = next((p for p in review.paragraphs if figure.phrase in p), None)
        if paragraph is None:
            ctx.report(figure, ("phrase",), _not_found(figure.phrase, "phần đánh giá"))
        else:
            check_figure(ctx, figure, paragraph)
    for i, limitation in enumerate(review.limitations):
        if limitation not in text:
            ctx.reporter.report(
                ctx.paths[id(review)] + ("limitations", i), _not_found(limitation, "phần đánh giá")
            )
    for citation in review.cites:
        _check_citation(ctx, citation, text, documents)
    _check_overlaps(ctx, review.cites, text)


def _check_tasks(
    ctx: Context,
    conclusion: Conclusion,
    documents: Mapping[str, Document],
    earlier: AbstractSet[str],
    meeting: date | None,
) -> None:
    for section in walk_sections(conclusion.sections):
        ctx.require_agencies(section, "assignee", section.assignee)
    seen: set[str] = set()
    year = planning_year(conclusion.key)
    footnotes = {f.number: f.text for f in conclusion.footnotes}
    for task, chain in walk_tasks(conclusion.sections):
        if not TASK_ID.fullmatch(task.id):
            ctx.report(
                task,
                ("id",),
                f"mã nhiệm vụ '{task.id}' phải theo số mục của văn bản "
                "(ví dụ: II.2.3, II.2.3-1, IV.1)",
            )
        elif task.id in seen:
            ctx.report(
                task, ("id",), f"mã nhiệm vụ '{task.id}' bị trùng trong quý {conclusion.key}"
            )
        seen.add(task.id)
        for key in ("lead", "support", "report_to"):
            ctx.require_agencies(task, key, getattr(task, key))
        if not effective_lead(task, chain):
            hint = (
                "ghi 'lead', hoặc bỏ 'inherit_lead: false' để theo 'assignee' của đề mục"
                if task.inherit_lead is False and any(s.assignee for s in chain)
                else "ghi 'lead', hoặc 'assignee' ở đề mục chứa nhiệm vụ"
            )
            ctx.report(task, ("lead",), f"chưa rõ cơ quan chủ trì (rõ người): {hint}")
        _check_task_phrases(ctx, task, year, footnotes, meeting)
        for citation in task.cites:
            _check_citation(ctx, citation, task.text, documents)
        _check_overlaps(ctx, task.cites, task.text)
        for i, ref in enumerate(task.continues):
            if ref in task.continues[:i]:
                ctx.report(task, ("continues", i), f"nhiệm vụ '{ref}' được ghi hai lần")
            elif ref not in earlier:
                ctx.report(
                    task,
                    ("continues", i),
                    f"không có nhiệm vụ '{ref}' ở các quý trước (dạng: 2026-q1/II.2.5)",
                )


def _check_task_phrases(
    ctx: Context, task: Task, year: int, footnotes: Mapping[int, str], meeting: date | None
) -> None:
    _check_deadlines(ctx, task, year)
    _check_recurrences(ctx, task)
    _check_targets(ctx, task, year, footnotes)
    if meeting is None:
        return
    dated: list[tuple[object, str, date]] = [(d, "date", d.date) for d in task.deadlines]
    dated += [(t, "by", t.by) for t in task.targets if t.by is not None]
    earliest = meeting.replace(year=meeting.year - DEADLINE_YEARS_BEFORE, day=1)
    latest = meeting.replace(year=meeting.year + DEADLINE_YEARS_AFTER, day=1)
    for record, key, day in dated:
        if not earliest <= day <= latest:
            ctx.report(
                record,
                (key,),
                f"thời hạn {day:%d/%m/%Y} cách ngày họp {meeting:%d/%m/%Y} quá xa "
                f"(cần từ {earliest:%d/%m/%Y} đến {latest:%d/%m/%Y}); kiểm tra lại năm",
            )


def _check_deadlines(ctx: Context, task: Task, year: int) -> None:
    for deadline in task.deadlines:
        if deadline.phrase not in task.text:
            ctx.report(deadline, ("phrase",), _not_found(deadline.phrase, "nội dung nhiệm vụ"))
            continue
        try:
            parsed = parse_deadline(deadline.phrase, default_year=year)
        except DeadlinePhraseError as exc:
            ctx.report(deadline, ("phrase",), str(exc))
            continue
        for key, label in DEADLINE_FIELDS.items():
            got, want = getattr(deadline, key), getattr(parsed, key)
            if got != want:
                ctx.report(
                    deadline,
                    (key,),
                    f"{label} '{got}' không khớp cụm từ '{deadline.phrase}' (cần '{want}')",
                )


def _check_recurrences(ctx: Context, task: Task) -> None:
    for recurrence in task.recurrences:
        if recurrence.phrase not in task.text:
            ctx.report(recurrence, ("phrase",), _not_found(recurrence.phrase, "nội dung nhiệm vụ"))
            continue
        try:
            parsed_r = parse_recurrence(recurrence.phrase)
        except RecurrencePhraseError as exc:
            ctx.report(recurrence, ("phrase",), str(exc))
            continue
        if (recurrence.every, recurrence.at_least) != (parsed_r.every, parsed_r.at_least):
            every = ", ".join(p.value for p in parsed_r.every) or "không nêu"
            least = parsed_r.at_least if parsed_r.at_least is not None else "không nêu"
            want = f"every: [{every}], at_least: {least}"
            ctx.report(
                recurrence, (), f"chu kỳ không khớp cụm từ '{recurrence.phrase}' (cần {want})"
            )


def _check_targets(ctx: Context, task: Task, year: int, footnotes: Mapping[int, str]) -> None:
    notes = [footnotes.get(n, "") for n in markers(task.text)]
    for target in task.targets:
        found = any(target.phrase in t for t in (task.text, *notes))
        if not found:
            ctx.report(
                target,
                ("phrase",),
                _not_found(target.phrase, "nội dung nhiệm vụ và chú thích của nó"),
            )
        if (target.operator is Operator.RANGE) != (target.value_max is not None):
            ctx.report(
                target,
                ("value_max",),
                "chỉ tiêu khoảng ('range') cần 'value_max', các loại khác thì không",
            )
        elif target.value_max is not None and target.value_max <= target.value:
            ctx.report(target, ("value_max",), "'value_max' phải lớn hơn 'value'")
        elif found:  # a well-formed value: does it say what the phrase says?
            check_target_value(ctx, target)
        if (target.by is None) != (target.precision is None):
            ctx.report(target, ("precision",), "'by' và 'precision' phải đi cùng nhau")
        elif target.by is not None:
            _check_target_date(ctx, target, year)


def _check_target_date(ctx: Context, target: Target, year: int) -> None:
    try:
        parsed = parse_deadline(target.phrase, default_year=year)
    except DeadlinePhraseError:
        return  # the date comes from context ("kế hoạch năm 2026"), not from the phrase
    if (target.by, target.precision) != (parsed.date, parsed.precision):
        ctx.report(
            target,
            ("by",),
            f"thời hạn '{target.by}' ({target.precision}) không khớp cụm từ '{target.phrase}' "
            f"(cần '{parsed.date}' ({parsed.precision}))",
        )


def _check_citation(
    ctx: Context, citation: Citation, text: str, documents: Mapping[str, Document]
) -> None:
    if citation.as_written not in text:
        ctx.report(citation, ("as_written",), _not_found(citation.as_written, "đoạn văn trích dẫn"))
    doc = documents.get(citation.document)
    if doc is None:
        if citation.document not in ctx.document_ids:
            ctx.report(
                citation,
                ("document",),
                f"văn bản '{citation.document}' không có trong danh mục documents",
            )
        return
    symbols = {s for _start, _end, s in find_symbols(citation.as_written)}
    if symbols and doc.symbol is not None:
        try:
            own = parse_symbol(doc.symbol).normalised
        except SymbolError:
            return  # already reported by the registry check
        if own not in symbols:
            ctx.report(
                citation,
                ("document",),
                f"trích dẫn ghi {', '.join(sorted(symbols))} nhưng văn bản '{doc.id}' là {own}",
            )
    for d, mth, y in CITED_DATE.findall(citation.as_written):
        written = (int(y), int(mth), int(d))
        if doc.date is not None and written != (doc.date.year, doc.date.month, doc.date.day):
            ctx.report(
                citation,
                ("as_written",),
                f"ngày {d}/{mth}/{y} trong trích dẫn khác ngày ban hành của '{doc.id}' "
                f"({doc.date:%d/%m/%Y})",
            )


def _check_overlaps(ctx: Context, cites: tuple[Citation, ...], text: str) -> None:
    """Two citations whose words overlap cannot both become links."""
    spans: list[tuple[int, int, Citation]] = []
    for citation in cites:
        start = text.find(citation.as_written)
        if start == -1:
            continue  # reported as not found
        end = start + len(citation.as_written)
        for other_start, other_end, other in spans:
            same_words = (start, end) == (other_start, other_end)
            if start < other_end and other_start < end and not same_words:
                ctx.report(
                    citation,
                    ("as_written",),
                    f"cụm từ '{citation.as_written}' chồng lấn trích dẫn '{other.as_written}'; "
                    "rút gọn một trong hai để mỗi văn bản có liên kết riêng",
                )
        spans.append((start, end, citation))


def markers(text: str) -> list[int]:
    """Footnote numbers whose superscript markers stand in `text`, in order."""
    return [footnote_number(m.group()) for m in FOOTNOTE_MARKER.finditer(text)]


def _check_footnotes(ctx: Context, conclusion: Conclusion) -> None:
    used: list[int] = []
    numbers = [f.number for f in conclusion.footnotes]
    for record, sub, text in body_texts(conclusion):
        for number in markers(text):
            used.append(number)
            if number not in numbers:
                ctx.report(record, sub, f"dấu chú thích {number} không có chú thích tương ứng")
    for footnote in conclusion.footnotes:
        count = used.count(footnote.number)
        if count == 0:
            ctx.report(
                footnote,
                ("number",),
                f"chú thích {footnote.number} không có dấu chú thích nào trong văn bản",
            )
        elif count > 1:
            ctx.report(
                footnote, ("number",), f"dấu chú thích {footnote.number} xuất hiện {count} lần"
            )
        if numbers.count(footnote.number) > 1:
            ctx.report(footnote, ("number",), f"chú thích số {footnote.number} bị trùng")


def _check_corrections(ctx: Context, conclusion: Conclusion) -> None:
    texts = [text for _record, _sub, text in body_texts(conclusion)]
    for correction in conclusion.corrections:
        if not any(correction.phrase in t for t in texts):
            ctx.report(correction, ("phrase",), _not_found(correction.phrase, "văn bản"))


def _check_reports(
    ctx: Context, conclusion: Conclusion, earlier: AbstractSet[str], meetings: Mapping[str, date]
) -> None:
    """A report names a task given by then, is dated after the meeting that gave it, and
    says one thing per task and day; `meetings` maps each quarter key to its meeting."""
    own = {f"{conclusion.key}/{task.id}" for task, _chain in walk_tasks(conclusion.sections)}
    seen: dict[tuple[str, date], StatusReport] = {}
    newest = max(meetings.values(), default=None)
    for report in conclusion.reports:
        if report.task not in earlier and report.task not in own:
            ctx.report(
                report, ("task",), f"không có nhiệm vụ '{report.task}' ở quý này hoặc các quý trước"
            )
            continue
        given = meetings.get(report.task.split("/", 1)[0])
        if given is not None and report.date < given:
            ctx.report(
                report,
                ("date",),
                f"báo cáo ngày {report.date:%d/%m/%Y} có trước khi nhiệm vụ được giao "
                f"(hội nghị ngày {given:%d/%m/%Y})",
            )
        if newest is not None and report.date > newest + timedelta(days=REPORT_DAYS_AFTER):
            ctx.report(
                report,
                ("date",),
                f"báo cáo ngày {report.date:%d/%m/%Y} muộn hơn hội nghị gần nhất "
                f"({newest:%d/%m/%Y}) quá {REPORT_DAYS_AFTER} ngày; kiểm tra lại năm",
            )
        other = seen.setdefault((report.task, report.date), report)
        if other is not report:
            ctx.report(
                report,
                ("date",),
                f"nhiệm vụ '{report.task}' đã có báo cáo ngày {report.date:%d/%m/%Y} "
                f"('{other.status.value}'); mỗi ngày chỉ một báo cáo",
            )


def _not_found(phrase: str, where: str) -> str:
    return f"cụm từ '{phrase}' không có nguyên văn trong {where}"
