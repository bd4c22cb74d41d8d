"""A JSON Schema of the data file, generated from the model, for YAML editors.

The dataclasses are the schema (`ketluan.load.convert` reads them the same way): field
names are the keys, fields without a default are required, annotations give the types
and the enums their values. Given a dataset, the fields that refer to an agency or a
document list the ids it holds, so an editor (VS Code's YAML extension, anything that
speaks yaml-language-server) completes `lead: [ban-to-chuc]` and flags a typo as it is
typed. What the checker does beyond types (phrases verbatim in the text, dates that
agree) is still `ketluan check`'s.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from ketluan.load.review import REVIEW_KEY
from ketluan.model import (
    Agency,
    Citation,
    Conclusion,
    Dataset,
    Recipient,
    Section,
    Task,
)

__all__ = ["MODELINE", "json_schema"]

# The first line of a data file that tells yaml-language-server where its schema is.
MODELINE = "# yaml-language-server: $schema={path}"

# Fields whose values are agency ids, or document ids.
_AGENCY_FIELDS = {
    (Task, "lead"),
    (Task, "support"),
    (Task, "duties"),
    (Task, "report_to"),
    (Task, "accountable"),
    (Section, "assignee"),
    (Conclusion, "issuing_body"),
    (Recipient, "agency"),
    (Agency, "member_of"),
}
_DOCUMENT_FIELDS = {(Citation, "document")}
# Fields the loader may fill in itself (`ketluan.load.derive`).
_DERIVED = {"precision", "relation"}


def json_schema(dataset: Dataset | None = None) -> dict[str, Any]:
    """The schema of a data file; with `dataset`, its agency and document ids."""
    agencies = sorted(a.id for a in dataset.agencies) if dataset else []
    documents = sorted(d.id for d in dataset.documents) if dataset else []
    definitions: dict[str, Any] = {}
    root = _Builder(definitions, agencies, documents).record(Dataset)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Dữ liệu Kết luận (ketluan)",
        "description": "Tệp data/directives.yml: danh mục cơ quan, văn bản và các quý.",
        **root,
        "$defs": definitions,
    }


@dataclasses.dataclass
class _Builder:
    definitions: dict[str, Any]
    agencies: list[str]
    documents: list[str]

    def record(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for f in dataclasses.fields(cls):
            ids = (
                self.agencies
                if (cls, f.name) in _AGENCY_FIELDS
                else self.documents
                if (cls, f.name) in _DOCUMENT_FIELDS
                else None
            )
            properties[f.name] = self.type(hints[f.name], ids)
            no_default = (
                f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            )
            if no_default and f.name not in _DERIVED:
                required.append(f.name)
        properties[REVIEW_KEY] = {
            "type": "array",
            "items": {"type": "string", "minLength": 1},
            "minItems": 1,
            "description": "Điểm cần rà soát do ketluan import để lại; xóa khi đã xem.",
        }
        out: dict[str, Any] = {"type": "object", "properties": properties}
        out |= {"required": required} if required else {}
        return out | {"additionalProperties": False}

    def type(self, tp: Any, ids: list[str] | None = None) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        if origin in (types.UnionType, typing.Union):
            (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
            return {"anyOf": [self.type(inner, ids), {"type": "null"}]}
        if origin is tuple:
            (item, _ellipsis) = typing.get_args(tp)
            return {"type": "array", "items": self.type(item, ids)}
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            name = tp.__name__
            if name not in self.definitions:
                self.definitions[name] = {}  # a placeholder first: records nest
                self.definitions[name] = self.record(tp)
            return {"$ref": f"#/$defs/{name}"}
        if isinstance(tp, type) and issubclass(tp, Enum):
            return {"enum": [m.value for m in tp]}
        if tp is str:
            return {"type": "string", "enum": ids} if ids else {"type": "string", "minLength": 1}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is Decimal:
            return {"type": "number"}
        if tp is date:
            # YAML reads 2026-06-30 as a date; an editor sees the text of it.
            return {"type": "string", "format": "date"}
        raise TypeError(f"no JSON Schema for {tp!r}")  # a bug in the model
