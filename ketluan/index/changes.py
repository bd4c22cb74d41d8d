"""What changed since the previous quarter: new, carried over, completed, overdue, stopped.

Every task of the previous quarter is in exactly one list: carried on by a task of this
one, else by its latest report (done, stopped, in progress), else by its dates (past
due with no report, or not due yet). A task carried on shows how its wording changed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

from ketluan.index.site_index import Entry, SiteIndex
from ketluan.index.status import TaskState
from ketluan.model import Conclusion, StatusReport


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
    in_progress: tuple[tuple[Entry, StatusReport], ...] = ()  # reported, neither done nor late


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
    in_progress: list[tuple[Entry, StatusReport]] = []
    for entry in index.earlier:
        state = index.state(entry)
        # The previous quarter's tasks, each in one list; an older quarter's task only
        # when a report since the last meeting completed or stopped it (the rest of
        # them are on each agency's history page).
        recent = previous is not None and entry.conclusion is previous
        fresh = state.report is not None and state.report.date > since
        if entry.ref in index.continued_by:
            continue  # under "Tiếp tục từ quý trước", beside the task carrying it on
        if state.done and (recent or fresh) and state.report is not None:
            completed.append((entry, state.report))
        elif state.stopped and (recent or fresh) and state.report is not None:
            stopped.append((entry, state.report))
        elif not recent:
            continue
        elif state.overdue:
            overdue.append((entry, state))
        elif state.report is not None:
            in_progress.append((entry, state.report))
        else:
            unreported.append(entry)
    return Changes(
        previous=previous,
        new=tuple(e for e in index.entries if not e.task.continues),
        carried=carried,
        completed=tuple(completed),
        stopped=tuple(stopped),
        overdue=tuple(overdue),
        unreported=tuple(unreported),
        in_progress=tuple(in_progress),
    )


def excerpt(text: str, length: int = 60) -> str:
    """The start of a task's text, cut at a word: enough to recognise it in a list."""
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + " …"


_CONTEXT = 3  # words kept on each side of a change
_LONGEST = 12  # changed words shown of one run; the task's page has the whole text


def wording(before: str, after: str) -> list[tuple[str, str]]:
    """How `after` rewords `before`, word by word: ("same" | "removed" | "added", text);
    long unchanged runs are cut to a few words on each side of a change ("same" "…")."""
    old, new = re.findall(r"\S+\s*", before), re.findall(r"\S+\s*", after)
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            words = new[b1:b2]
            first, last = b1 == 0, b2 == len(new)
            if len(words) > 2 * _CONTEXT + 2 or ((first or last) and len(words) > _CONTEXT):
                head = [] if first else words[:_CONTEXT]
                tail = [] if last else words[-_CONTEXT:]
                out.append(("same", "".join(head) + "… " + "".join(tail)))
            else:
                out.append(("same", "".join(words)))
            continue
        if a2 > a1:
            out.append(("removed", _cut(old[a1:a2])))
        if b2 > b1:
            out.append(("added", _cut(new[b1:b2])))
    return out


def _cut(words: list[str]) -> str:
    """A long run of changed words, its middle left out (the task's page has them)."""
    if len(words) <= _LONGEST:
        return "".join(words)
    return "".join(words[: _LONGEST // 2]) + "… " + "".join(words[-_LONGEST // 2 :])
