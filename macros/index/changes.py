"""What changed since the previous quarter: new, carried over, completed, overdue, stopped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from macros.index.site_index import Entry, SiteIndex
from macros.index.status import TaskState
from macros.model import Conclusion, StatusReport


@dataclass(frozen=True, slots=True)
class Changes:
    """The "Thay đổi so với quý trước" of one version."""

    previous: Conclusion | None
    new: tuple[Entry, ...]  # tasks of this quarter that carry on nothing earlier
    carried: tuple[tuple[Entry, tuple[Entry, ...]], ...]  # this quarter's task, what it continues
    completed: tuple[tuple[Entry, StatusReport], ...]  # reported done since the last meeting
    stopped: tuple[tuple[Entry, StatusReport], ...]  # reported dropped or paused since then
    overdue: tuple[tuple[Entry, TaskState], ...]  # last quarter's, past due, not carried on
    unreported: tuple[Entry, ...]  # last quarter's, no report, not due, not carried on


def compare_with_previous(index: SiteIndex) -> Changes:
    """Compare this version's quarter with the one before it."""
    previous = index.quarters[-2] if len(index.quarters) > 1 else None
    since = previous.meeting_date if previous else date.min
    earlier = {e.ref: e for e in index.earlier}
    carried = tuple(
        (e, tuple(earlier[r] for r in e.task.continues if r in earlier))
        for e in index.entries
        if e.task.continues
    )
    completed: list[tuple[Entry, StatusReport]] = []
    stopped: list[tuple[Entry, StatusReport]] = []
    overdue: list[tuple[Entry, TaskState]] = []
    unreported: list[Entry] = []
    for entry in index.earlier:
        state = index.state(entry)
        # Overdue and unreported: the previous quarter's tasks (older ones are on each
        # agency's history page); completions and stops: any report since the last meeting.
        recent = previous is not None and entry.conclusion is previous
        fresh = state.report is not None and state.report.date > since
        carried_on = entry.ref in index.continued_by
        if state.done and fresh and state.report is not None:
            completed.append((entry, state.report))
        elif state.stopped and fresh and state.report is not None:
            stopped.append((entry, state.report))
        elif state.overdue and not carried_on and recent:
            overdue.append((entry, state))
        elif state.report is None and not carried_on and recent:
            unreported.append(entry)
    return Changes(
        previous=previous,
        new=tuple(e for e in index.entries if not e.task.continues),
        carried=carried,
        completed=tuple(completed),
        stopped=tuple(stopped),
        overdue=tuple(overdue),
        unreported=tuple(unreported),
    )
