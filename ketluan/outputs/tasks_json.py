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

from ketluan.index.site_index import SiteIndex
from ketluan.model import Operator, Precision, Relation, TaskKind

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


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetOut:
    phrase: str
    operator: Operator
    value: str  # a decimal, written as the data writes it ("1.5", "30")
    unit: str


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
    kind: TaskKind
    text: str
    lead: tuple[str, ...]
    support: tuple[str, ...] = ()
    accountable: tuple[str, ...] = ()
    report_to: tuple[str, ...] = ()
    deadlines: tuple[DeadlineOut, ...]
    targets: tuple[TargetOut, ...] = ()
    cites: tuple[CitationOut, ...] = ()
    status: StatusOut


@dataclass(frozen=True, slots=True, kw_only=True)
class TasksExport:
    quarter: Annotated[str, {"pattern": "^[0-9]{4}-q[1-4]$"}]
    title: str
    meeting_date: Day
    agencies: dict[str, str]
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
                kind=task.kind,
                text=task.text,
                lead=tuple(r.agency.id for r in entry.lead),
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
                    )
                    for d in task.deadlines
                ),
                targets=tuple(
                    TargetOut(phrase=t.phrase, operator=t.operator, value=str(t.value), unit=t.unit)
                    for t in task.targets
                ),
                cites=tuple(
                    CitationOut(document=c.document, as_written=c.as_written) for c in task.cites
                ),
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
