"""The clerk's answers, as changes to the data file's tree (`ketluan.review.yamltree`).

Each change answers one card (and clears its mark) or says something of a paragraph
("không phải nhiệm vụ"), and touches only what it names. Values come from the browser,
so each is checked for what it must be (an agency id of the registry, a date, one of
the codes) before it goes into the tree; `Refused` says in Vietnamese what was wrong.
Whether the whole file is still valid is the checker's to say, after the change
(`ketluan.review.session`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ketluan.model import TASK_AGENCY_FIELDS, AgencyGroup, Measure, Precision, Relation, TaskKind
from ketluan.problems import FieldPath
from ketluan.render.labels import ROLES
from ketluan.review.cards import Card
from ketluan.review.yamltree import at, clear_mark, put
from ketluan.text.vietnamese import slugify

__all__ = ["Refused", "add_agency", "add_document", "answer", "edit_paragraph"]

# Where a new key goes in a task: under its text, as the importer writes it.
_TASK_ORDER = (
    "id",
    "kind",
    "marker",
    "text",
    "lead",
    "inherit_lead",
    "duties",
    "support",
    "report_to",
)


class Refused(ValueError):
    """A change that cannot be made; the message says why, in Vietnamese."""


def answer(tree: Any, card: Card, action: str, values: dict[str, Any]) -> str:
    """Make the change `action` that answers `card` (one of its actions), with the
    clerk's `values`; returns what was done, in words, for the undo button."""
    if action not in card.actions:
        raise Refused("lựa chọn này không dành cho điểm cần rà soát này")
    record = at(tree, card.path)
    done = _ACTIONS[action](tree, record, card, values)
    if action not in _REMOVING:
        clear_mark(record, card.note)
    return done


def edit_paragraph(tree: Any, path: FieldPath, action: str, values: dict[str, Any]) -> str:
    """Change what the draft reads of the task at `path`, marked or not: its kind
    ("kind": "principle" says it is not a task), or its agencies in each role and its
    citations ("reading"); returns what was done, in words."""
    record = at(tree, path)
    if not isinstance(record, CommentedMap) or "text" not in record:
        raise Refused("không thấy đoạn này trong bản nháp")
    if action == "kind":
        kind = values.get("kind")
        if kind not in {k.value for k in TaskKind}:
            raise Refused("loại đoạn không có trong danh mục")
        record["kind"] = kind
        return f"đổi loại đoạn {record.get('id', '')}"
    if action != "reading":
        raise Refused("yêu cầu không hợp lệ")
    after: tuple[str, ...] = _TASK_ORDER[:4]
    for role in ROLES:
        ids = _agency_ids(tree, values.get(role, []))
        put(record, role, ids, after=after)
        after = (*after, role)
    put(record, "cites", _cites(tree, values), after=(*after, "deadlines", "targets"))
    return f"sửa cách đọc đoạn {record.get('id', '')}"


def _cites(tree: Any, values: dict[str, Any]) -> list[CommentedMap]:
    """The citations the form gives: the words as written, each with its document."""
    words, documents = values.get("cite_text", []), values.get("cite_document", [])
    if not isinstance(words, list) or not isinstance(documents, list):
        raise Refused("danh sách trích dẫn không hợp lệ")
    known = {d["id"] for d in tree["documents"]}
    out = []
    for said, document in zip(words, documents, strict=False):
        if not isinstance(said, str) or not said.strip():
            continue  # an emptied row: the citation removed
        if document not in known:
            raise Refused(f"chọn văn bản cho trích dẫn “{said.strip()}”")
        out.append(CommentedMap(document=document, as_written=said.strip()))
    return out


def add_agency(tree: Any, name: str, short: str, group: str) -> str:
    """Add an agency to the registry; returns its new id (made from its name)."""
    name, short = _text(name, "tên cơ quan"), short.strip()
    if group not in {g.value for g in AgencyGroup}:
        raise Refused("nhóm cơ quan không có trong danh mục")
    agencies = tree["agencies"]
    taken = {a["id"] for a in agencies}
    if any(a["name"] == name for a in agencies):
        raise Refused(f"danh mục đã có cơ quan “{name}”")
    base = slugify(name)[:60].strip("-") or "co-quan"
    agency_id = _free_id(base, taken)
    entry = CommentedMap(id=agency_id, name=name)
    if short:
        entry["short"] = short
    entry["group"] = group
    put(entry, "variants", [name])
    agencies.append(entry)
    return agency_id


def add_document(tree: Any, kind: str, symbol: str, issued: str, title: str) -> str:
    """Add a document to the registry (its type; its symbol, or the name an unnumbered
    one goes by; its date when the text gives it); returns its new id. What the
    checker requires of a symbol, a type or a date it says when the file is checked."""
    kind, symbol, title = _text(kind, "loại văn bản"), symbol.strip(), title.strip()
    if not symbol and not title:
        raise Refused("cần số ký hiệu, hoặc tên gọi của văn bản không số")
    day = _date(issued, "ngày ban hành") if issued.strip() else None
    documents = tree["documents"]
    words = slugify(symbol or title)[:56].strip("-") or "van-ban"
    base = f"{words}-{day.year}" if day and str(day.year) not in words else words
    taken = {d["id"] for d in documents}
    doc_id = _free_id(base, taken)
    entry = CommentedMap(id=doc_id, type=kind)
    if symbol:
        entry["symbol"] = symbol
    else:
        entry["title"] = title
    if day is not None:
        entry["date"] = day
    documents.append(entry)
    return doc_id


def _free_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-1`, `base-2`, …: the first the registry does not hold."""
    candidates = (f"{base}-{n}" if n else base for n in range(len(taken) + 1))
    return next(c for c in candidates if c not in taken)


def _accept(_tree: Any, _record: Any, _card: Card, _values: dict[str, Any]) -> str:
    return "xác nhận đề xuất"


def _agencies(tree: Any, record: Any, _card: Card, values: dict[str, Any]) -> str:
    ids = _agency_ids(tree, values.get("ids"))
    put(record, "lead", ids, after=_TASK_ORDER[:4])
    return "chọn đơn vị chủ trì" if ids else "chủ trì theo tiêu đề mục"


def _roles(tree: Any, record: Any, _card: Card, values: dict[str, Any]) -> str:
    roles = values.get("roles")
    if not isinstance(roles, dict):
        raise Refused("thiếu vai trò của các cơ quan")
    known = set(_agency_ids(tree, list(roles)))
    for agency, role in roles.items():
        if role == "":
            continue
        if role not in ROLES or agency not in known:
            raise Refused("vai trò không có trong danh mục")
        have = list(record.get(role) or [])
        if agency not in have:
            put(record, role, [*have, agency], after=_TASK_ORDER[: _TASK_ORDER.index("lead") + 1])
    return "ghi vai trò của cơ quan"


def _no_inherit(_tree: Any, record: Any, _card: Card, _values: dict[str, Any]) -> str:
    record.pop("inherit_lead", None)
    return "chỉ đơn vị nêu trong đoạn chủ trì"


def _not_heads(_tree: Any, record: Any, card: Card, _values: dict[str, Any]) -> str:
    heads = set(card.data.get("heads", []))
    put(record, "accountable", [a for a in record.get("accountable", []) if a not in heads])
    return "người đứng đầu các đơn vị chủ trì không được ghi là chịu trách nhiệm"


def _not_report(_tree: Any, record: Any, _card: Card, _values: dict[str, Any]) -> str:
    record.pop("report", None)
    return "là hạn hoàn thành công việc"


def _deadline(_tree: Any, record: Any, _card: Card, values: dict[str, Any]) -> str:
    record["date"] = _date(values.get("date"), "ngày của thời hạn")
    precision, relation = values.get("precision"), values.get("relation")
    if precision not in {p.value for p in Precision}:
        raise Refused("độ chính xác của thời hạn không có trong danh mục")
    if relation not in {r.value for r in Relation}:
        raise Refused("quan hệ của thời hạn (trong/trước) không có trong danh mục")
    put(record, "precision", precision, after=("date",))
    put(
        record,
        "relation",
        None if relation == Relation.BY.value else relation,
        after=("precision",),
    )
    # The editor's reading of words that may set no date: shown as derived.
    put(
        record,
        "derived",
        True if values.get("derived") is True else None,
        after=("relation", "precision"),
    )
    return "sửa thời hạn"


def _metric(_tree: Any, record: Any, _card: Card, values: dict[str, Any]) -> str:
    record["metric"] = _text(values.get("value"), "tên chỉ tiêu")
    put(
        record,
        "aim",
        True if values.get("aim") is True else None,
        after=("unit", "precision", "by"),
    )
    return "đặt tên chỉ tiêu"


def _figure(_tree: Any, record: Any, _card: Card, values: dict[str, Any]) -> str:
    record["label"] = _text(values.get("label"), "tên số liệu")
    if values.get("measure") not in {m.value for m in Measure}:
        raise Refused("loại số liệu không có trong danh mục")
    record["measure"] = values["measure"]
    return "đặt tên số liệu"


def _cite(tree: Any, record: Any, _card: Card, values: dict[str, Any]) -> str:
    document = values.get("document")
    if document not in {d["id"] for d in tree["documents"]}:
        raise Refused("văn bản không có trong danh mục")
    record["document"] = document
    return "chọn văn bản được trích dẫn"


def _limitations(_tree: Any, record: Any, _card: Card, values: dict[str, Any]) -> str:
    items = values.get("items")
    if not isinstance(items, list):
        raise Refused("thiếu danh sách hạn chế")
    kept = [_text(i, "hạn chế") for i in items if isinstance(i, str) and i.strip()]
    put(record, "limitations", kept)
    return "sửa danh sách hạn chế"


def _refuse_correction(tree: Any, _record: Any, card: Card, _values: dict[str, Any]) -> str:
    owner = at(tree, card.path[:-1])
    del owner[card.path[-1]]
    if not owner:
        del at(tree, card.path[:-2])[card.path[-2]]
    return "bỏ đề xuất sửa lỗi"


def _refuse_continues(_tree: Any, record: Any, _card: Card, _values: dict[str, Any]) -> str:
    record.pop("continues", None)
    return "không phải nhiệm vụ tiếp tục"


def _agency(_tree: Any, record: Any, _card: Card, values: dict[str, Any]) -> str:
    name = _text(values.get("name"), "tên cơ quan")
    if values.get("group") not in {g.value for g in AgencyGroup}:
        raise Refused("nhóm cơ quan không có trong danh mục")
    written = [*(record.get("variants") or []), record["name"]]
    record["name"] = name
    short = str(values.get("short") or "").strip()
    put(record, "short", short or None, after=("name",))
    record["group"] = values["group"]
    # The names as the text wrote them stay, so the text still links to the agency.
    put(
        record,
        "variants",
        list(dict.fromkeys(v for v in written if v != name)) or None,
        after=("group",),
    )
    return "xác nhận cơ quan mới"


def _merge(tree: Any, record: Any, card: Card, values: dict[str, Any]) -> str:
    into = str(values.get("into") or "")
    gone = record["id"]
    target = next((a for a in tree["agencies"] if a["id"] == into and into != gone), None)
    if target is None:
        raise Refused("chọn một cơ quan đã có trong danh mục")
    variants = list(target.get("variants") or [])
    for name in (record["name"], *(record.get("variants") or [])):
        if name not in variants and name != target["name"]:
            variants.append(name)
    put(target, "variants", variants, after=("group", "collective", "member_of"))
    _renamed(tree, gone, into)
    del tree["agencies"][card.path[1]]
    return f"gộp vào {target['name']}"


def _document(_tree: Any, record: Any, _card: Card, values: dict[str, Any]) -> str:
    record["type"] = _text(values.get("type"), "loại văn bản")
    for key in ("symbol", "title"):
        put(record, key, str(values.get(key) or "").strip() or None, after=("type",))
    return "xác nhận văn bản mới"


def _text_action(_tree: Any, record: Any, _card: Card, values: dict[str, Any]) -> str:
    record["text"] = _text(values.get("text"), "lời văn")
    return "sửa lời văn"


def _header(_tree: Any, record: Any, _card: Card, values: dict[str, Any]) -> str:
    symbol = str(values.get("symbol") or "").strip()
    issued = values.get("issued_on") or None
    put(record, "symbol", symbol or None, after=("issuing_body",))
    put(record, "issued_on", _date(issued, "ngày ban hành") if issued else None, after=("symbol",))
    return "ghi số và ngày của Kết luận"


def _meeting(_tree: Any, record: Any, _card: Card, values: dict[str, Any]) -> str:
    record["meeting_date"] = _date(values.get("meeting_date"), "ngày họp")
    return "ghi ngày họp"


def _signer(_tree: Any, record: Any, _card: Card, values: dict[str, Any]) -> str:
    record["name"] = _text(values.get("name"), "tên người ký")
    return "ghi tên người ký"


_ACTIONS: dict[str, Callable[[Any, Any, Card, dict[str, Any]], str]] = {
    "accept": _accept,
    "agencies": _agencies,
    "roles": _roles,
    "no_inherit": _no_inherit,
    "not_report": _not_report,
    "not_heads": _not_heads,
    "deadline": _deadline,
    "metric": _metric,
    "figure": _figure,
    "cite": _cite,
    "limitations": _limitations,
    "refuse_correction": _refuse_correction,
    "refuse_continues": _refuse_continues,
    "agency": _agency,
    "merge": _merge,
    "document": _document,
    "text": _text_action,
    "header": _header,
    "meeting": _meeting,
    "signer": _signer,
}
# Changes that remove the record the mark stands on: its mark goes with it.
_REMOVING = {"refuse_correction", "merge"}

# Keys whose value names agencies: lists, and single ids.
_AGENCY_LISTS = (*TASK_AGENCY_FIELDS, "assignee", "member_of")
_AGENCY_ONE = ("agency", "issuing_body")


def _renamed(tree: Any, old: str, new: str) -> None:
    """Every reference to agency `old` made to `new`, each list keeping one of each."""
    for mapping in _mappings(tree):
        for key in _AGENCY_LISTS:
            ids = mapping.get(key)
            if isinstance(ids, list) and old in ids:
                put(mapping, key, list(dict.fromkeys(new if i == old else i for i in ids)))
        for key in _AGENCY_ONE:
            if mapping.get(key) == old:
                mapping[key] = new


def _mappings(node: Any) -> Iterator[CommentedMap]:
    if isinstance(node, dict):
        yield node  # type: ignore[misc]
        for value in node.values():
            yield from _mappings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _mappings(value)


def _agency_ids(tree: Any, ids: Any) -> list[str]:
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise Refused("danh sách cơ quan không hợp lệ")
    known = {a["id"] for a in tree["agencies"]}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise Refused(f"cơ quan không có trong danh mục: {', '.join(unknown)}")
    return list(dict.fromkeys(ids))


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Refused(f"{what} không được để trống")
    return " ".join(value.split())


def _date(value: Any, what: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise Refused(f"{what} không phải một ngày có thật (nhập theo lịch)") from None
