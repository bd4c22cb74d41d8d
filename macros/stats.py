"""Counts that describe a dataset, for `ketluan check` and the closing notes."""

from __future__ import annotations

from macros.checking import walk_tasks
from macros.model import Dataset


def counts(dataset: Dataset) -> dict[str, int]:
    """How many of each thing the data holds, over all quarters."""
    tasks = [task for q in dataset.quarters for task, _chain in walk_tasks(q.sections)]
    return {
        "quarters": len(dataset.quarters),
        "tasks": len(tasks),
        "agencies": len(dataset.agencies),
        "documents": len(dataset.documents),
        "citations": sum(len(t.cites) for t in tasks)
        + sum(len(q.review.cites) for q in dataset.quarters),
        "deadlines": sum(len(t.deadlines) for t in tasks),
        "recurrences": sum(len(t.recurrences) for t in tasks),
        "targets": sum(len(t.targets) for t in tasks),
        "figures": sum(len(q.review.figures) for q in dataset.quarters),
        "footnotes": sum(len(q.footnotes) for q in dataset.quarters),
        "reports": sum(len(q.reports) for q in dataset.quarters),
    }
