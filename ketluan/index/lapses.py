"""The exceptions leaders look at ("Việc chậm tiến độ, vướng mắc"): deadlines with no completion.

Every deadline of the version (this quarter's and the earlier quarters' it still
shows) whose task has no report of completion, dropping or pausing as of the version:
each is a candidate. This quarter's and the previous one's are listed one by one;
older quarters' are counted per lead agency, whose history page lists those of the
latest earlier quarters and counts the others (a year of a province's lapses on one page
would be too long to read, and to load). Which of
them is late depends on the day the page is read, so the
page lists them all with their dates and the reader's clock shows the late ones; as of
the version's own date (its meeting), those already past are late. A task an earlier
one was carried on by counts once, under its later form. An aim ("phấn đấu") is no
deadline to be late on. Nothing here says the work was not done: only that no report
of it was made.
"""

from __future__ import annotations

from dataclasses import dataclass

from ketluan.index.memo import per_index
from ketluan.index.site_index import Due, Entry, SiteIndex
from ketluan.index.status import TaskState, passed
from ketluan.model import Agency

__all__ = ["Lapse", "Lapses", "lapses"]


@dataclass(frozen=True, slots=True)
class Lapse:
    """A deadline with no completion reported as of the version."""

    due: Due
    state: TaskState
    decides: tuple[Agency, ...]  # whom the text has the task reported to
    decides_derived: bool  # the text names nobody: the conclusion's issuing body
    late_as_of_version: bool  # already past on the version's date

    @property
    def entry(self) -> Entry:
        """The task."""
        return self.due.entry


@dataclass(frozen=True, slots=True)
class Lapses:
    """The exceptions of a version: listed, and older ones counted by lead agency."""

    listed: tuple[Lapse, ...]  # this quarter's and the previous one's
    older: tuple[tuple[Agency, int], ...]  # per lead agency, in the agency list's order


@per_index
def lapses(index: SiteIndex) -> Lapses:
    """Every candidate exception of the version, by date then document order."""
    recent = {q.key for q in index.quarters[-2:]}
    every = _candidates(index)
    counts: dict[str, int] = {}
    for lapse in every:
        if lapse.entry.conclusion.key not in recent:
            for agency in lapse.entry.leaders:
                counts[agency.id] = counts.get(agency.id, 0) + 1
    older = tuple(
        (view.agency, counts[view.agency.id])
        for view in index.agencies_sorted
        if view.agency.id in counts
    )
    listed = tuple(lapse for lapse in every if lapse.entry.conclusion.key in recent)
    return Lapses(listed, older)


def _candidates(index: SiteIndex) -> list[Lapse]:
    issuer = index.agencies.get(index.conclusion.issuing_body)
    out: list[Lapse] = []
    for day in sorted(index.by_date):
        for due in index.by_date[day]:
            entry = due.entry
            if not due.deadline.firm or index.continued_by.get(entry.ref):
                continue
            state = index.state(entry)
            if state.done or state.stopped:
                continue
            derived = not entry.report_to and issuer is not None
            decides = entry.report_to or ((issuer.agency,) if issuer is not None else ())
            late = passed(due.deadline, index.as_of)
            out.append(Lapse(due, state, decides, derived, late))
    return out
