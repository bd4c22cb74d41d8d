"""Turn plain YAML data into the frozen model, collecting every type problem.

The dataclasses in `ketluan.model` are the schema: field names are the allowed keys,
fields without a default are required, and the annotations give the types. Like
dacite, but it reports all problems at once, each with its path and YAML position,
in the editors' language.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from ketluan.load.reader import KEY
from ketluan.problems import FieldPath, Reporter
from ketluan.text.suggest import did_you_mean

T = TypeVar("T")

_INVALID = object()  # a value that failed conversion; its problem is already reported


class Built(typing.NamedTuple, typing.Generic[T]):
    """What `build` made: the record (None if the root itself is invalid) and its paths."""

    value: T | None
    paths: dict[int, FieldPath]  # id() of every record built → its path in the YAML
    incomplete: set[int]  # id() of records kept with a default for an invalid field


def build(cls: type[T], data: Any, reporter: Reporter, path: FieldPath = ()) -> Built[T]:
    """Convert `data` to an instance of dataclass `cls`, reporting every problem.

    An invalid list item is left out of its list rather than invalidating the whole
    file, so the semantic checks can still run on everything else; the caller must
    treat the result as invalid whenever the reporter holds problems.
    """
    state = _State(reporter, {}, set())
    result = _convert(cls, data, path, state)
    value = None if result is _INVALID else typing.cast(T, result)
    return Built(value, state.paths, state.incomplete)


class _State(typing.NamedTuple):
    rep: Reporter
    paths: dict[int, FieldPath]
    incomplete: set[int]


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def _shape(tp: Any) -> tuple[str, Any]:
    """What converting to `tp` takes, worked out once per type, not once per value:
    ("optional", inner), ("tuple", item type), ("record", cls) or ("scalar", tp)."""
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return "optional", inner
    if origin is tuple:
        (item_tp, _ellipsis) = typing.get_args(tp)
        return "tuple", item_tp
    if dataclasses.is_dataclass(tp):
        return "record", tp
    return "scalar", tp


@cache
def _fields(cls: type) -> dict[str, tuple[Any, bool]]:
    """Each field of record type `cls`: its type, and whether it is required."""
    hints = _hints(cls)
    return {
        f.name: (
            hints[f.name],
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for f in dataclasses.fields(cls)
    }


def _describe(value: Any) -> str:
    if value is None:
        return "để trống"
    if isinstance(value, bool):
        return f"giá trị {str(value).lower()}"
    if isinstance(value, dict):
        return "một bảng khóa–giá trị"
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, datetime):
        return f"thời điểm {value.isoformat()}"
    if isinstance(value, date):
        return f"ngày {value.isoformat()}"
    if isinstance(value, int | float):
        return f"số {value}"
    return f"chuỗi {str(value)!r}"


def _expected(tp: Any) -> str:
    if tp is str:
        return "một chuỗi chữ"
    if tp is int:
        return "một số nguyên"
    if tp is bool:
        return "true hoặc false"
    if tp is date:
        return "một ngày dạng YYYY-MM-DD, không đặt trong dấu nháy"
    if tp is Decimal:
        return "một số"
    if isinstance(tp, type) and issubclass(tp, Enum):
        return "một trong: " + ", ".join(repr(m.value) for m in tp)
    if dataclasses.is_dataclass(tp):
        return "một bảng khóa–giá trị"
    return "một danh sách"


def _convert(tp: Any, value: Any, path: FieldPath, st: _State) -> Any:
    kind, inner = _shape(tp)
    if kind == "optional":
        return None if value is None else _convert(inner, value, path, st)
    if kind == "tuple":
        if not isinstance(value, list):
            return _fail(st.rep, path, "một danh sách", value)
        items = [_convert(inner, v, (*path, i), st) for i, v in enumerate(value)]
        return tuple(i for i in items if i is not _INVALID)
    if kind == "record":
        return _record(inner, value, path, st)
    return _scalar(tp, value, path, st.rep)


def _fail(rep: Reporter, path: FieldPath, expected: str, value: Any) -> Any:
    rep.report(path, f"cần {expected}, nhận được {_describe(value)}")
    return _INVALID


def _scalar(tp: Any, value: Any, path: FieldPath, rep: Reporter) -> Any:
    if tp is str:
        if not isinstance(value, str):
            return _fail(rep, path, "một chuỗi chữ", value)
        if not value.strip():
            rep.report(path, "chuỗi không được rỗng")
            return _INVALID
        return value
    if tp is bool:
        return value if isinstance(value, bool) else _fail(rep, path, _expected(tp), value)
    if tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return value if ok else _fail(rep, path, _expected(tp), value)
    if tp is date:
        ok = isinstance(value, date) and not isinstance(value, datetime)
        return value if ok else _fail(rep, path, _expected(tp), value)
    if tp is Decimal:
        return _decimal(value, path, rep)
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(value)
        except ValueError:
            hint = did_you_mean(value, [m.value for m in tp]) if isinstance(value, str) else ""
            rep.report(path, f"cần {_expected(tp)}, nhận được {_describe(value)}{hint}")
            return _INVALID
    raise TypeError(f"unsupported field type {tp!r} at {path}")  # a bug in the model


# A number written as text must read as the same number to a person: no exponent.
_PLAIN_DECIMAL = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")


def _decimal(value: Any, path: FieldPath, rep: Reporter) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return _fail(rep, path, "một số", value)
    if isinstance(value, str) and not _PLAIN_DECIMAL.fullmatch(value.strip()):
        return _fail(rep, path, "một số (dấu chấm thập phân, ví dụ 10.43)", value)
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return _fail(rep, path, "một số (dấu chấm thập phân, ví dụ 10.43)", value)
    return number if number.is_finite() else _fail(rep, path, "một số hữu hạn", value)


def _record(cls: type, value: Any, path: FieldPath, st: _State) -> Any:
    rep = st.rep
    if not isinstance(value, dict):
        return _fail(rep, path, "một bảng khóa–giá trị", value)
    fields = _fields(cls)
    ok = True
    complete = True
    for key in value:
        if key not in fields:
            close = difflib.get_close_matches(key, fields, n=1)
            hint = f"; có phải '{close[0]}'?" if close else ""
            allowed = ", ".join(fields)
            rep.report(
                path + (key,),
                f"khóa '{key}' không hợp lệ ở đây{hint} (các khóa được phép: {allowed})",
                mark=rep.marks.get(path + (key, KEY)),
            )
    kwargs: dict[str, Any] = {}
    for name, (tp, missing) in fields.items():
        if name not in value:
            if missing:
                ok = False
                rep.report(path, f"thiếu trường bắt buộc '{name}' ({_expected(tp)})")
            continue
        converted = _convert(tp, value[name], (*path, name), st)
        if converted is _INVALID and missing:
            ok = False
        elif converted is _INVALID:
            # Reported already. The default keeps the record so that the semantic
            # checks still see the rest of the file; the file stays invalid.
            complete = False
        elif converted is None and missing:
            ok = False
            rep.report(path + (name,), f"trường bắt buộc '{name}' không được để trống")
        else:
            kwargs[name] = converted
    if not ok:
        return _INVALID
    record = cls(**kwargs)
    st.paths[id(record)] = path
    if not complete:
        st.incomplete.add(id(record))
    return record
