"""Semantic checks: what types alone cannot say (ids, references, phrases, dates).

`check_dataset` runs them all on a converted dataset, reporting every problem to the
context's reporter; `check_strings` runs on the raw text values before conversion.
"""

from __future__ import annotations

from datetime import date

from ketluan.check.conclusion import check_conclusion
from ketluan.check.context import Context
from ketluan.check.dates import task_deadlines
from ketluan.check.registry import check_agencies, check_documents
from ketluan.check.strings import check_strings
from ketluan.model import Conclusion, Dataset
from ketluan.model.keys import QuarterKey

__all__ = ["SCHEMA_VERSION", "Context", "check_dataset", "check_strings"]

SCHEMA_VERSION = 1


def check_dataset(ctx: Context, dataset: Dataset) -> None:
    """Every check of the registries and of each quarter, in file order."""
    if dataset.schema != SCHEMA_VERSION:
        ctx.report(
            dataset,
            ("schema",),
            f"phiên bản lược đồ {dataset.schema} không được hỗ trợ (cần {SCHEMA_VERSION})",
        )
    check_agencies(ctx, dataset.agencies)
    check_documents(ctx, dataset.documents)
    documents = {d.id: d for d in dataset.documents}
    meetings = {q.key: q.meeting_date for q in dataset.quarters}
    # "key/id" → the task's deadline, for every task of earlier quarters; grows quarter
    # by quarter, never copied, so linear.
    earlier: dict[str, date | None] = {}
    previous: Conclusion | None = None
    held: dict[str, str] = {}  # a directive's document → the quarter that holds it
    for conclusion in dataset.quarters:
        for directive in conclusion.directives:
            first = held.setdefault(directive.document, conclusion.key)
            if first != conclusion.key:
                ctx.report(
                    directive,
                    ("document",),
                    f"văn bản '{directive.document}' đã có ở quý {first}; mỗi văn bản "
                    "thuộc một quý (nhiệm vụ còn dở thì quý sau ghi 'continues')",
                )
        key = conclusion.key
        if previous is not None and QuarterKey.parse(key) and key <= previous.key:
            ctx.report(
                conclusion,
                ("key",),
                f"quý '{key}' phải đứng sau quý '{previous.key}' và không trùng",
            )
        check_conclusion(ctx, conclusion, documents, earlier, meetings, previous)
        earlier.update(task_deadlines(conclusion))
        previous = conclusion
