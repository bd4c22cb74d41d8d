"""Which earlier tasks a new conclusion carries on, proposed for the reviewer.

A conclusion seldom says "this continues task II.2.5 of last quarter": it says the same
work again, often with "tiếp tục" and a new date. Each drafted task is compared with the
earlier quarters' tasks still open (no report of its lead's saying it done or dropped;
a paused one may be taken up again), of the same lead: the clauses that name the work,
folded, without "tiếp tục", compared word by word by rapidfuzz, must give the same names
(places, projects) and agree at least SIMILAR (of 100). The best match is proposed as
`continues`, with a review mark that gives the score; a person decides. Earlier open
tasks no new task is proposed to carry on are listed for the reviewer too (the review
page shows both).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from ketluan.index.status import DONE
from ketluan.model import Conclusion, Dataset, Status, StatusReport, Task
from ketluan.model.keys import TaskRef
from ketluan.model.outline import effective_lead, walk_tasks
from ketluan.text.vietnamese import searchable

__all__ = ["SIMILAR", "Clause", "OpenTask", "open_tasks", "proposal"]

# Of 100: measured on fictional quarters (benchmarks/import_draft.py prints the figures).
SIMILAR = 90


@dataclass(frozen=True, slots=True)
class OpenTask:
    """An earlier quarter's task its lead has not reported done or dropped."""

    ref: str  # "2026-q1/II.2.5"
    task: Task
    leads: frozenset[str]
    clauses: tuple[Clause, ...]  # the clauses that name its work, for comparing


def open_tasks(registry: Dataset) -> list[OpenTask]:
    """The earlier quarters' tasks still open, newest quarter first; a task a later
    one already carries on is represented by that later one."""
    reports: dict[str, list[StatusReport]] = {}
    for quarter in registry.quarters:
        for report in quarter.reports:
            reports.setdefault(report.task, []).append(report)
    carried = {
        ref
        for q in registry.quarters
        for t, _chain in walk_tasks(q.sections)
        for ref in t.continues
    }
    out: list[OpenTask] = []
    for conclusion in reversed(registry.quarters):
        out += [
            t
            for t in _tasks(conclusion)
            if t.ref not in carried and not _closed(reports.get(t.ref, []), t.leads)
        ]
    return out


# Done or dropped: nothing left to carry on. A paused task is open: a new conclusion
# may take it up again.
_FINISHED = DONE | {Status.DROPPED}


def _closed(reports: list[StatusReport], leads: frozenset[str]) -> bool:
    """Whether the latest word of its lead (or the Office) says done or dropped; a
    supporter speaks only of its own part."""
    said = [r for r in reports if r.agency is None or r.agency in leads]
    return bool(said) and max(said, key=lambda r: r.date).status in _FINISHED


def _tasks(conclusion: Conclusion) -> Iterable[OpenTask]:
    for task, chain in walk_tasks(conclusion.sections):
        if task.kind not in ("task", "responsibility"):
            continue
        leads = frozenset(a for a, _inherited in effective_lead(task, chain))
        ref = str(TaskRef(conclusion.key, task.id))
        yield OpenTask(ref, task, leads, _clauses(task.text))


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause that names a task's work: its words, folded, and the names among them
    (capitalised past its first word: a place, a project, a document)."""

    words: str
    names: frozenset[str]


def _clauses(text: str) -> tuple[Clause, ...]:
    """The clauses that name the task's work, folded, without "tiếp tục" (which a task
    carried on adds): its first, and, when a sentence of the heading's work opens it
    ("Tập trung chỉ đạo …. Ban Tổ chức …"), the first of its second sentence; never what
    changes from one quarter to the next (a partner, a deadline, a report)."""
    out = []
    for sentence in _SENTENCE.split(text)[:_NAMING]:
        clause = _CLAUSE.split(sentence)[0]
        words = utils.default_process(searchable(clause)).replace("tiep tuc", " ").split()
        if len(words) >= _MIN_WORDS and not _CHANGING_CLAUSE.match(clause.strip()):
            names = frozenset(searchable(w) for w in _WORD.findall(clause)[1:] if w[:1].isupper())
            out.append(Clause(" ".join(words), names))
    return tuple(out)


_SENTENCE = re.compile(r"\.\s")
_WORD = re.compile(r"\w+")


_MIN_WORDS = 4
# Where a clause ends: a sentence or ";" or ":", or a comma before what changes from one
# quarter to the next (a partner, a deadline, a report), which the work's words do not.
_CHANGING = (
    r"(?:phối hợp|hoàn thành|trước|hết|xong|chậm nhất|báo cáo|trong (?:tháng|quý|năm)|phấn đấu"
    r"|thực hiện|theo|đạt)\b"
)
_CLAUSE = re.compile(rf"[;:]\s|,\s(?={_CHANGING})")
_CHANGING_CLAUSE = re.compile(_CHANGING, re.IGNORECASE)


# The clauses that name a task's work: its first, or its second after a sentence of the
# heading's work ("Tập trung chỉ đạo … . Ban Tổ chức …"); the later ones (a document to
# implement, a report to send) recur across tasks.
_NAMING = 2


def _score(mine: tuple[Clause, ...], theirs: tuple[Clause, ...]) -> int:
    """How far two tasks say the same work (0-100): their naming clauses, word by word
    in any order; none when the names they give differ (the same work in another place
    or on another project is other work, however alike the words)."""
    pairs = [(a, b) for a in mine for b in theirs if a.names == b.names]
    return round(max((fuzz.token_sort_ratio(a.words, b.words) for a, b in pairs), default=0))


def proposal(
    text: str, leads: Iterable[str], candidates: list[OpenTask]
) -> tuple[OpenTask, int] | None:
    """The open task of the same lead whose words `text` says again, and the score
    (0-100), or None below SIMILAR."""
    mine = frozenset(leads)
    clauses = _clauses(text)
    scored = [
        (_score(clauses, c.clauses), c)
        for c in candidates
        if c.leads & mine or (not c.leads and not mine)
    ]
    best = max(scored, key=lambda pair: pair[0], default=None)
    if best is None or best[0] < SIMILAR:
        return None
    return best[1], best[0]
