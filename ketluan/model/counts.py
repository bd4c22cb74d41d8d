"""Counts that describe a dataset, for `ketluan check` and the closing notes."""

from __future__ import annotations

from ketluan.model.outline import quarter_tasks, texts
from ketluan.model.records import Dataset


def counts(dataset: Dataset) -> dict[str, int]:
    """How many of each thing the data holds, over all quarters, by Vietnamese label."""
    tasks = [task for q in dataset.quarters for _text, task, _chain in quarter_tasks(q)]
    every = [text for q in dataset.quarters for text in texts(q)]
    return {
        "quý": len(dataset.quarters),
        "văn bản chỉ đạo": len(every),
        "nhiệm vụ": len(tasks),
        "cơ quan": len(dataset.agencies),
        "văn bản": len(dataset.documents),
        "lượt trích dẫn": sum(len(t.cites) for t in tasks)
        + sum(len(t.review.cites) for t in every)
        + sum(len(d.cites) for q in dataset.quarters for d in q.directives),
        "thời hạn": sum(len(t.deadlines) for t in tasks),
        "nhiệm vụ định kỳ": sum(len(t.recurrences) for t in tasks),
        "chỉ tiêu": sum(len(t.targets) for t in tasks),
        "số liệu": sum(len(t.review.figures) for t in every),
        "chú thích": sum(len(t.footnotes) for t in every),
        "báo cáo tình trạng": sum(len(q.reports) for q in dataset.quarters),
    }
