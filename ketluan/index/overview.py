"""Per agency, how its tasks stand: the table of the Government Office's reports
(tasks led, due so far, done on time, done late, overdue, no report).

It counts the tasks an agency leads in the version (this quarter's and the earlier
quarters' it shows, a task carried on counted once, under its later form), as of the
version's date: its meeting, or its newest report. Statuses are the reports' own; "quá
hạn" without a report is what the dates say, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ketluan.index.site_index import AgencyView, Entry, SiteIndex
from ketluan.index.status import passed
from ketluan.model import Status

__all__ = ["AgencyTally", "overview"]


@dataclass(frozen=True, slots=True)
class AgencyTally:
    """One row of the overview."""

    view: AgencyView
    led: int
    due: int  # with a deadline passed by the version's date
    on_time: int
    late: int
    overdue: int  # reported overdue, or past a deadline with no report
    unreported: int  # no report at all

    @property
    def agency_id(self) -> str:
        """The agency's id."""
        return self.view.agency.id


def overview(index: SiteIndex) -> tuple[date, list[AgencyTally]]:
    """The version's date and a row per agency that leads a task, in the agency list's
    order."""
    day = index.reports_as_of
    led_by: dict[str, list[Entry]] = {}
    for entry in (*index.earlier, *index.entries):
        if not index.continued_by.get(entry.ref):
            for agency in entry.leaders:  # by id: comparing agencies compares every field
                led_by.setdefault(agency.id, []).append(entry)
    rows: list[AgencyTally] = []
    for view in index.agencies_sorted:
        led = led_by.get(view.agency.id, [])
        if not led:
            continue
        states = [index.state(e) for e in led]
        statuses = [s.report.status if s.report else None for s in states]
        due = sum(any(passed(d, day) for d in e.task.deadlines if not d.aim) for e in led)
        rows.append(
            AgencyTally(
                view=view,
                led=len(led),
                due=due,
                on_time=statuses.count(Status.DONE_ON_TIME),
                late=statuses.count(Status.DONE_LATE),
                overdue=sum(s.overdue for s in states),
                unreported=statuses.count(None),
            )
        )
    return day, rows
