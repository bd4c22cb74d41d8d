"""Semantic checks: what types alone cannot say (ids, references, phrases, dates).

`check_dataset` runs them all on a converted dataset, reporting every problem to the
context's reporter; `check_strings` runs on the raw text values before conversion.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ketluan.check.conclusion import check_conclusion
from ketluan.check.context import Context
from ketluan.check.dates import task_deadlines
from ketluan.check.registry import check_agencies, check_documents
from ketluan.check.strings import check_strings
from ketluan.check.surroundings import Reads, Surroundings
from ketluan.model import Conclusion, Dataset
from ketluan.model.keys import QuarterKey

__all__ = [
    "SCHEMA_VERSION",
    "Context",
    "Reads",
    "Surroundings",
    "check_conclusion",
    "check_dataset",
    "check_registries",
    "check_strings",
    "walk_quarters",
]

SCHEMA_VERSION = 1


def check_dataset(ctx: Context, dataset: Dataset) -> None:
    """Every check of the registries and of each quarter, in file order."""
    check_registries(ctx, dataset)
    for conclusion, around in walk_quarters(ctx, dataset):
        check_conclusion(ctx, conclusion, around)


def check_registries(ctx: Context, dataset: Dataset) -> None:
    """The checks of the file's head: its schema, agencies and documents."""
    if dataset.schema != SCHEMA_VERSION:
        ctx.report(
            dataset,
            ("schema",),
            f"phiên bản lược đồ {dataset.schema} không được hỗ trợ (cần {SCHEMA_VERSION})",
        )
    check_agencies(ctx, dataset.agencies)
    check_documents(ctx, dataset.documents)


def walk_quarters(ctx: Context, dataset: Dataset) -> Iterator[tuple[Conclusion, Surroundings]]:
    """Each quarter in file order with what its check may read from outside it; what
    binds quarters together (their order, a document held by one quarter only) is
    checked here, as the walk goes."""
    documents = {d.id: d for d in dataset.documents}
    meetings = {q.key: q.meeting_date for q in dataset.quarters}
    newest = max(meetings.values(), default=None)
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
        yield (
            conclusion,
            Surroundings(
                agency_ids=ctx.agency_ids,
                document_ids=ctx.document_ids,
                documents=documents,
                earlier=earlier,
                meetings=meetings,
                previous_meeting=previous.meeting_date if previous else None,
                newest_meeting=newest,
            ),
        )
        earlier.update(task_deadlines(conclusion))
        previous = conclusion
