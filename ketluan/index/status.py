"""What became of a task, as of a date: reported, or honestly not reported.

A status is reported, never guessed. Without a report, the only thing the dates can
say is whether a deadline has passed: "quá hạn, chưa có báo cáo" — never "done".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ketluan.model import Deadline, Relation, Status, StatusReport

OVERDUE_UNREPORTED = "quá hạn, chưa có báo cáo"
UNREPORTED = "chưa có báo cáo"
DONE = frozenset({Status.DONE_ON_TIME, Status.DONE_LATE})
STOPPED = frozenset({Status.DROPPED, Status.PAUSED})

StateKind = Literal["reported", "overdue-unreported", "unreported"]


@dataclass(frozen=True, slots=True)
class TaskState:
    """A task's state as of a date, and the report it rests on, if any."""

    kind: StateKind
    label: str
    report: StatusReport | None = None

    @property
    def done(self) -> bool:
        """Reported as completed, on time or late."""
        return self.report is not None and self.report.status in DONE

    @property
    def stopped(self) -> bool:
        """Reported as dropped or paused."""
        return self.report is not None and self.report.status in STOPPED

    @property
    def overdue(self) -> bool:
        """Past a deadline and not reported done: reported so, or not reported at all."""
        if self.kind == "overdue-unreported":
            return True
        return self.report is not None and self.report.status is Status.OVERDUE


def passed(deadline: Deadline, as_of: date) -> bool:
    """Whether a deadline lies behind `as_of` ("trước 15/6" has passed on 15/6)."""
    if deadline.relation is Relation.BEFORE:
        return deadline.date <= as_of
    return deadline.date < as_of


def state_as_of(
    deadlines: Iterable[Deadline], reports: Iterable[StatusReport], as_of: date
) -> TaskState:
    """The state as of `as_of`: the latest report made by then, else what the dates say."""
    made = [r for r in reports if r.date <= as_of]
    if made:
        latest = max(made, key=lambda r: r.date)
        return TaskState("reported", latest.status.value, latest)
    if any(passed(d, as_of) for d in deadlines if d.firm):  # no one is late on an aim
        return TaskState("overdue-unreported", OVERDUE_UNREPORTED)
    return TaskState("unreported", UNREPORTED)


def last_day(deadline: Deadline) -> date:
    """The last day a deadline leaves: its date, or the day before for "trước 15/6"."""
    if deadline.relation is Relation.BEFORE:
        return deadline.date - timedelta(days=1)
    return deadline.date
