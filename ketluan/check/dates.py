"""Checks on dates that a build stamps or a reader relies on: the meeting within its
quarter, the issue date after it, status reports between a task's giving and a year
after the newest meeting."""

from __future__ import annotations

from datetime import date, timedelta

from ketluan.check.context import Context
from ketluan.check.surroundings import REPORT_DAYS_AFTER, Surroundings
from ketluan.model import Conclusion, Status, StatusReport
from ketluan.model.calendar import quarter_end
from ketluan.model.keys import TaskRef
from ketluan.model.outline import document_of, quarter_tasks
from ketluan.text.vietnamese import vi_date

# Years a conclusion can be about: the build stamps files with the meeting date, which
# must be a time a computer can write (zip and gzip time stamps run from 1970 to 2106).
FIRST_YEAR, LAST_YEAR = 1970, 2099
# How long after its meeting a conclusion is issued (signed and sent).
ISSUE_DAYS = 90


def check_meeting(
    ctx: Context, conclusion: Conclusion, year: int, quarter: int, previous: date | None
) -> bool:
    """The meeting reviews its quarter: it falls in that quarter or the next one, after
    the previous quarter's meeting (`previous`); the conclusion is issued after the meeting.
    Returns whether the meeting date itself is right."""
    first = date(year, 3 * quarter - 2, 1)
    next_year, next_quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    last = quarter_end(next_year, next_quarter)
    meeting = conclusion.meeting_date
    ok = first <= meeting <= last and (previous is None or meeting > previous)
    if not first <= meeting <= last:
        ctx.report(
            conclusion,
            ("meeting_date",),
            f"ngày họp {vi_date(meeting)} không nằm trong {conclusion.title} hoặc quý sau nó "
            f"(từ {vi_date(first)} đến {vi_date(last)})",
        )
    elif previous is not None and meeting <= previous:
        ctx.report(
            conclusion,
            ("meeting_date",),
            f"ngày họp {vi_date(meeting)} phải sau ngày họp quý trước ({vi_date(previous)})",
        )
    issued = conclusion.issued_on
    if issued is not None and not meeting <= issued <= meeting + timedelta(days=ISSUE_DAYS):
        ctx.report(
            conclusion,
            ("issued_on",),
            f"ngày ban hành {vi_date(issued)} phải từ ngày họp {vi_date(meeting)} "
            f"đến {ISSUE_DAYS} ngày sau đó",
        )
    return ok


def task_deadlines(conclusion: Conclusion) -> dict[str, date | None]:
    """ "key/id" ("key/document/id" for a directive's) of each task → the date its work
    falls due (not its report's, not an aim's nor a derived reading's), or None."""
    return {
        str(TaskRef(conclusion.key, task.id, document_of(text))): min(
            (d.date for d in task.deadlines if not d.report and d.firm), default=None
        )
        for text, task, _chain in quarter_tasks(conclusion)
    }


# A status that cannot be true before the deadline, or after it.
_ONLY_AFTER = (Status.OVERDUE, Status.DONE_LATE)
_ONLY_BEFORE = (Status.NOT_DUE,)


def check_reports(ctx: Context, conclusion: Conclusion, around: Surroundings) -> None:
    """A report names a task given by then, is dated after the meeting that gave it,
    says one thing per task and day, and a status its date allows ("quá hạn" only once
    the deadline has passed)."""
    own = task_deadlines(conclusion)
    seen: dict[tuple[str, str, date], StatusReport] = {}
    for report in conclusion.reports:
        if report.task not in own and report.task not in around.earlier:
            ctx.report(
                report, ("task",), f"không có nhiệm vụ '{report.task}' ở quý này hoặc các quý trước"
            )
            continue
        given = around.meetings.get(TaskRef.parse(report.task).quarter)
        if given is not None and report.date < given:
            ctx.report(
                report,
                ("date",),
                f"báo cáo ngày {vi_date(report.date)} có trước khi nhiệm vụ được giao "
                f"(hội nghị ngày {vi_date(given)})",
            )
        if around.newest_meeting is not None and around.too_late(report.date):
            ctx.report(
                report,
                ("date",),
                f"báo cáo ngày {vi_date(report.date)} muộn hơn hội nghị gần nhất "
                f"({vi_date(around.newest_meeting)}) quá {REPORT_DAYS_AFTER} ngày; "
                "kiểm tra lại năm",
            )
        due = own[report.task] if report.task in own else around.earlier[report.task]
        if due is not None and (
            (report.status in _ONLY_AFTER and report.date <= due)
            or (report.status in _ONLY_BEFORE and report.date > due)
        ):
            when = "chưa qua" if report.status in _ONLY_AFTER else "đã qua"
            ctx.report(
                report,
                ("status",),
                f"báo cáo '{report.status.value}' ngày {vi_date(report.date)} trong khi thời "
                f"hạn {vi_date(due)} {when}; kiểm tra lại trạng thái hoặc ngày báo cáo",
            )
        evidence = report.evidence
        if evidence is not None and evidence.date is not None and evidence.date > report.date:
            ctx.report(
                evidence,
                ("date",),
                f"văn bản minh chứng ngày {vi_date(evidence.date)} sau ngày báo cáo "
                f"{vi_date(report.date)}",
            )
        # One report a day per task and agency: a supporter's never blocks the lead's.
        other = seen.setdefault((report.task, report.agency or "", report.date), report)
        if other is not report:
            ctx.report(
                report,
                ("date",),
                f"nhiệm vụ '{report.task}' đã có báo cáo ngày {vi_date(report.date)} "
                f"('{other.status.value}'); mỗi ngày chỉ một báo cáo",
            )
