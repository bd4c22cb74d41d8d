"""The version's tasks as JSON (`xuat/nhiem-vu.json`) and its JSON Schema
(`xuat/nhiem-vu.schema.json`), both from the records below: the records are the schema,
as the model's dataclasses are the data file's (`ketluan.load.schema`).

A field without a default is required; annotations give the types, the model's enums
their values, and `Annotated` the few constraints a type cannot say (a quarter key's
pattern).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated, Any

from ketluan.index.site_index import SiteIndex, document_label, stated_by
from ketluan.model import Operator, Period, Precision, Relation, TaskKind
from ketluan.text.emphasis import without_emphasis

__all__ = ["JSON_SCHEMA", "TasksExport", "json_schema", "tasks_json"]

# A field named `date` would shadow the type in the annotations that follow it.
Day = date


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadlineOut:
    phrase: str
    date: Day
    precision: Precision
    relation: Relation
    report: bool = False
    aim: bool = False
    derived: bool = False  # the editor's reading of words that may set no date


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetOut:
    phrase: str
    metric: str
    operator: Operator
    value: str  # a decimal, written as the data writes it ("1.5", "30")
    value_max: str | None = None  # the upper bound of a range ("3-4%")
    unit: str
    by: Day | None = None  # the date it is to be reached by
    precision: Precision | None = None
    aim: bool = False  # "phấn đấu …": an aim, not a commitment
    # Whether `by` is stated by the phrase itself, or derived from its context.
    by_stated: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class RecurrenceOut:
    phrase: str
    every: tuple[Period, ...] = ()  # empty: "định kỳ" with no period stated
    at_least: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FootnoteOut:
    number: int
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class HeadingOut:
    agency: str
    heading: str  # the number of the heading that addresses it: "2"


@dataclass(frozen=True, slots=True, kw_only=True)
class CitationOut:
    document: str
    as_written: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusOut:
    label: str
    date: Day | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskOut:
    ref: str
    reference: str
    # The directive it belongs to (a `documents` key); none: the quarter's conclusion.
    document: str | None = None
    kind: TaskKind
    text: str
    opening: str  # its opening words, verbatim, cut at a word
    lead: tuple[str, ...]
    # Given to these through the heading over it, though the paragraph names the lead.
    through_heading: tuple[HeadingOut, ...] = ()
    duties: tuple[str, ...] = ()  # a part of their own beside the lead's
    support: tuple[str, ...] = ()
    accountable: tuple[str, ...] = ()
    report_to: tuple[str, ...] = ()
    deadlines: tuple[DeadlineOut, ...]
    recurrences: tuple[RecurrenceOut, ...] = ()
    targets: tuple[TargetOut, ...] = ()
    cites: tuple[CitationOut, ...] = ()
    footnotes: tuple[FootnoteOut, ...] = ()
    status: StatusOut


@dataclass(frozen=True, slots=True, kw_only=True)
class TasksExport:
    quarter: Annotated[str, {"pattern": "^[0-9]{4}-q[1-4]$"}]
    title: str
    meeting_date: Day
    agencies: dict[str, str]
    # The quarter's directives beside its conclusion: document id → how it is named.
    documents: dict[str, str]
    tasks: tuple[TaskOut, ...]


def tasks_json(index: SiteIndex) -> dict[str, Any]:
    """The version's tasks as one JSON document (see `JSON_SCHEMA`)."""
    plain: dict[str, Any] = _plain(export(index))
    return plain


def export(index: SiteIndex) -> TasksExport:
    """The version's tasks as export records."""
    tasks = []
    for entry in index.entries:
        task = entry.task
        state = index.state(entry)
        report = state.report
        evidence = report.evidence.symbol if report and report.evidence else None
        tasks.append(
            TaskOut(
                ref=entry.ref,
                reference=entry.reference,
                document=entry.document_id,
                kind=task.kind,
                text=task.text,
                opening=entry.opening,
                lead=tuple(r.agency.id for r in entry.lead),
                through_heading=tuple(
                    HeadingOut(agency=r.agency.id, heading=r.heading or "") for r in entry.addressed
                ),
                duties=tuple(a.id for a in entry.duties),
                support=tuple(a.id for a in entry.support),
                accountable=tuple(a.id for a in entry.accountable),
                report_to=tuple(a.id for a in entry.report_to),
                deadlines=tuple(
                    DeadlineOut(
                        phrase=d.phrase,
                        date=d.date,
                        precision=d.precision,
                        relation=d.relation,
                        report=d.report,
                        aim=d.aim,
                        derived=d.derived,
                    )
                    for d in task.deadlines
                ),
                recurrences=tuple(
                    RecurrenceOut(phrase=r.phrase, every=r.every, at_least=r.at_least)
                    for r in task.recurrences
                ),
                targets=tuple(
                    TargetOut(
                        phrase=t.phrase,
                        metric=t.metric,
                        operator=t.operator,
                        value=str(t.value),
                        value_max=None if t.value_max is None else str(t.value_max),
                        unit=t.unit,
                        by=t.by,
                        precision=t.precision,
                        aim=t.aim,
                        by_stated=t.by is not None and stated_by(t, entry.conclusion),
                    )
                    for t in task.targets
                ),
                cites=tuple(
                    CitationOut(document=c.document, as_written=c.as_written) for c in task.cites
                ),
                footnotes=tuple(FootnoteOut(number=f.number, text=f.text) for f in entry.footnotes),
                status=StatusOut(
                    label=state.label, date=report.date if report else None, evidence=evidence
                ),
            )
        )
    conclusion = index.conclusion
    return TasksExport(
        quarter=conclusion.key,
        title=conclusion.title,
        meeting_date=conclusion.meeting_date,
        agencies={a.agency.id: a.agency.name for a in index.agencies_sorted},
        documents={v.document.id: document_label(v.document) for v in index.directives},
        tasks=tuple(tasks),
    )


def _plain(value: Any) -> Any:
    """A record as JSON values: fields in their order, enums by value, ISO dates."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, str):
        return without_emphasis(value)  # the source's italics marks are no data
    return value


def json_schema() -> dict[str, Any]:
    """The JSON Schema of `tasks_json`'s documents, generated from the records."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Nhiệm vụ của một quý (ketluan)",
        **_record(TasksExport),
    }


def _record(record: type) -> dict[str, Any]:
    hints = typing.get_type_hints(record, include_extras=True)
    fields = dataclasses.fields(record)
    required = [f.name for f in fields if _required(f)]
    return {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": {f.name: _type(hints[f.name]) for f in fields},
    }


def _required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _type(hint: Any) -> dict[str, Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Annotated:
        return {**_type(args[0]), **args[1]}
    if origin in (types.UnionType, typing.Union):
        (inner,) = [a for a in args if a is not type(None)]
        own = _type(inner)
        if "enum" in own:
            return {"enum": [*own["enum"], None]}
        return {**own, "type": [own["type"], "null"]}
    if origin is tuple:
        return {"type": "array", "items": _type(args[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type(args[1])}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {"enum": [m.value for m in hint]}
    if hint is date:
        return {"type": "string", "format": "date"}
    return {"type": _JSON_TYPES[hint]}


_JSON_TYPES = {str: "string", bool: "boolean", int: "integer"}

JSON_SCHEMA = json_schema()
