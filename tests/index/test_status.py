"""A status is reported, never guessed; changes between quarters follow the reports."""

from __future__ import annotations

from datetime import date

from ketluan.index.status import OVERDUE_UNREPORTED, UNREPORTED, passed, state_as_of
from ketluan.model import Deadline, Precision, Relation, Status, StatusReport

JUNE = Deadline("trong tháng 6/2026", date(2026, 6, 30), Precision.MONTH)
BEFORE_15 = Deadline("trước 15/6/2026", date(2026, 6, 15), Precision.DAY, Relation.BEFORE)


def report(status: Status, day: date) -> StatusReport:
    return StatusReport("2026-q1/II.1", status, day)


def test_a_passed_deadline_without_report_is_overdue_unreported_never_done() -> None:
    st = state_as_of([JUNE], [], date(2026, 7, 24))
    assert (st.kind, st.label, st.done, st.overdue) == (
        "overdue-unreported",
        OVERDUE_UNREPORTED,
        False,
        True,
    )


def test_not_yet_due_without_report_says_so() -> None:
    st = state_as_of([JUNE], [], date(2026, 6, 30))  # due by 30/6: not passed on 30/6
    assert (st.kind, st.label) == ("unreported", UNREPORTED)


def test_before_a_date_has_passed_on_that_date() -> None:
    assert passed(BEFORE_15, date(2026, 6, 15))
    assert not passed(JUNE, date(2026, 6, 30))


def test_latest_report_made_by_the_date_wins() -> None:
    reports = [
        report(Status.IN_PROGRESS, date(2026, 5, 1)),
        report(Status.DONE_LATE, date(2026, 7, 20)),
        report(Status.DROPPED, date(2026, 10, 1)),  # made later: not known yet
    ]
    st = state_as_of([JUNE], reports, date(2026, 7, 24))
    assert st.kind == "reported" and st.report is not None
    assert st.label == "hoàn thành quá hạn" and st.done and not st.overdue
    assert state_as_of([JUNE], reports, date(2026, 10, 2)).stopped


def test_no_deadline_no_report() -> None:
    assert state_as_of([], [], date(2030, 1, 1)).label == UNREPORTED
