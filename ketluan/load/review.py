"""Review marks: what the importer inferred rather than read, for a person to clear.

Any record of the data file may carry `needs_review:`, a list of notes in Vietnamese
("lead: suy từ tiêu đề mục …"). The marks are taken out of the data before it is
converted to the model, so nothing of them reaches a page: they belong to the editing
of the file, like a reviewer's comment in Word. `ketluan check` lists them as warnings
where they stand; `ketluan publish` refuses a quarter while any mark on it, or on a
registry entry it refers to, is left. Clearing a mark is deleting its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ketluan.model import TASK_AGENCY_FIELDS, Conclusion, Dataset
from ketluan.model.calendar import find_quarter
from ketluan.model.outline import text_tasks, texts, top_sections, walk_sections
from ketluan.model.pickling import quick_pickle
from ketluan.problems import FieldPath, Problem, Reporter, format_path

__all__ = ["REVIEW_KEY", "ReviewMark", "marks_holding", "take_review_marks"]

REVIEW_KEY = "needs_review"


@quick_pickle
@dataclass(frozen=True, slots=True, order=True)
class ReviewMark:
    """One note left for the reviewer, where it stands in the file."""

    problem: Problem  # file, line, column, the record's path and the note
    path: FieldPath  # the record the note is about

    def __str__(self) -> str:
        p = self.problem
        return f"{p.file}:{p.line}:{p.column}: {p.path}: cần rà soát: {p.message}"


def take_review_marks(data: Any, reporter: Reporter) -> list[ReviewMark]:
    """Remove every `needs_review` list from `data` (in place) and return its notes;
    a value that is not a list of texts is reported as a problem."""
    out: list[ReviewMark] = []
    for path, record in _records(data, ()):
        notes = record.pop(REVIEW_KEY)
        where = (*path, REVIEW_KEY)
        if not isinstance(notes, list) or not notes:
            reporter.report(where, "'needs_review' phải là danh sách các ghi chú cần rà soát")
            continue
        for i, note in enumerate(notes):
            if not isinstance(note, str) or not note.strip():
                reporter.report((*where, i), "mỗi ghi chú cần rà soát phải là một dòng chữ")
                continue
            mark = reporter.mark_of((*where, i))
            problem = Problem(reporter.file, mark.line, mark.column, format_path(path), note, path)
            out.append(ReviewMark(problem, path))
    return sorted(out)


def _records(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
    """Each mapping that carries review marks, outermost first."""
    if isinstance(value, dict):
        if REVIEW_KEY in value:
            yield path, value
        for key, item in value.items():
            if key != REVIEW_KEY:
                yield from _records(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _records(item, (*path, i))


def marks_holding(marks: tuple[ReviewMark, ...], dataset: Dataset, key: str) -> list[ReviewMark]:
    """The marks that hold back the publication of quarter `key`: those on the quarter,
    and those on the agencies and documents it names (a new agency proposed by this
    quarter's import does not hold back republishing an earlier one)."""
    position = find_quarter(dataset.quarters, key)
    agencies, documents = _named(dataset.quarters[position])
    named = {("agencies", i) for i, a in enumerate(dataset.agencies) if a.id in agencies} | {
        ("documents", i) for i, d in enumerate(dataset.documents) if d.id in documents
    }
    return [m for m in marks if m.path[:2] == ("quarters", position) or m.path[:2] in named]


def _named(conclusion: Conclusion) -> tuple[set[str], set[str]]:
    """The agency and document ids a quarter refers to, its directives' included."""
    agencies: set[str] = set()
    documents = {d.document for d in conclusion.directives}
    for text in texts(conclusion):
        if text.issuing_body:
            agencies.add(text.issuing_body)
        agencies.update(r.agency for r in text.recipients if r.agency)
        documents.update(c.document for c in text.review.cites)
        for section in walk_sections(top_sections(text)):
            agencies.update(section.assignee)
        for task, _chain in text_tasks(text):
            agencies.update(*(getattr(task, key) for key in TASK_AGENCY_FIELDS))
            documents.update(c.document for c in task.cites)
    return agencies, documents
