"""Counts that describe a dataset, for `ketluan check` and the closing notes."""

from __future__ import annotations

from ketluan.model.outline import walk_tasks
from ketluan.model.records import Dataset


def counts(dataset: Dataset) -> dict[str, int]:
    """How many of each thing the data holds, over all quarters, by Vietnamese label."""
    tasks = [task for q in dataset.quarters for task, _chain in walk_tasks(q.sections)]
    return {
        "quý": len(dataset.quarters),
        "nhiệm vụ": len(tasks),
        "cơ quan": len(dataset.agencies),
        "văn bản": len(dataset.documents),
        "lượt trích dẫn": sum(len(t.cites) for t in tasks)
        + sum(len(q.review.cites) for q in dataset.quarters),
        "thời hạn": sum(len(t.deadlines) for t in tasks),
        "nhiệm vụ định kỳ": sum(len(t.recurrences) for t in tasks),
        "chỉ tiêu": sum(len(t.targets) for t in tasks),
        "số liệu": sum(len(q.review.figures) for q in dataset.quarters),
        "chú thích": sum(len(q.footnotes) for q in dataset.quarters),
        "báo cáo tình trạng": sum(len(q.reports) for q in dataset.quarters),
    }
