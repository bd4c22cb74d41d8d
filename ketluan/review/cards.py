"""Review marks as the clerk's cards: each mark a plain question, the importer's
proposal and why, and the choices that answer it.

A mark is a note the importer left in the data (`needs_review`, `ketluan.load.review`)
in its own words ("lead: đoạn không nêu chủ thể; …"). The note's opening says what was
inferred; `KINDS` turns each kind into a question in the words of the Office ("Đơn vị
chủ trì của đoạn này là ai?") and names the change that answers it (`ketluan.review.
changes`). A note of no known kind still becomes a card: its reason and "Đã xem".
No YAML key or file position reaches the card: the reason drops the note's key and the
questions are written for the clerk.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ketluan.load import Loaded
from ketluan.load.review import ReviewMark, marks_holding
from ketluan.model import Dataset, Section, Task
from ketluan.model.calendar import find_quarter
from ketluan.model.outline import effective_lead, walk_tasks
from ketluan.problems import FieldPath
from ketluan.render.labels import GROUPS, ROLES
from ketluan.text.vietnamese import vi_date

__all__ = ["Card", "card_id", "cards_of", "model_at"]


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of mark: how its note opens, what to ask, which changes answer it."""

    name: str
    opening: re.Pattern[str]
    question: Callable[[Any, re.Match[str]], str]
    actions: tuple[str, ...] = ()  # besides "accept", which every card has


@dataclass
class Card:
    """One mark, as the clerk sees it."""

    id: str
    path: FieldPath
    note: str
    kind: str
    question: str
    reason: str
    proposal: str
    actions: tuple[str, ...]
    data: dict[str, Any] = field(default_factory=dict)


def card_id(path: FieldPath, note: str) -> str:
    """A card's name in the page and in the changes sent back: the same mark, the same
    name, whatever moved around it."""
    said = "/".join(map(str, path)) + "\n" + note
    return "m" + hashlib.sha256(said.encode()).hexdigest()[:12]


def _leads(dataset: Dataset, path: FieldPath) -> set[str]:
    """The leads of the task at `path`, inherited from its heading or named."""
    chain: list[Section] = []
    node: Any = dataset
    for part in path:
        node = node[part] if isinstance(part, int) else getattr(node, part)
        if isinstance(node, Section):
            chain.append(node)
    return {a for a, _inherited in effective_lead(node, tuple(chain))}


def model_at(dataset: Dataset, path: FieldPath) -> Any:
    """The model record at a data path (the model keeps the file's names and order),
    or None when the path leads nowhere in the model."""
    node: Any = dataset
    for part in path:
        try:
            node = node[part] if isinstance(part, int) else getattr(node, part)
        except (AttributeError, IndexError, TypeError):
            return None
    return node


def _q(text: str) -> Callable[[Any, re.Match[str]], str]:
    return lambda _record, _m: text


KINDS: tuple[Kind, ...] = (
    Kind(
        "continues",
        re.compile(r"continues: "),
        _q("Nhiệm vụ này có phải là tiếp tục nhiệm vụ của quý trước (bên cạnh) không?"),
        ("refuse_continues",),
    ),
    Kind(
        "inherit",
        re.compile(r"inherit_lead: "),
        _q("Các câu sau của đoạn có cùng đơn vị chủ trì theo tiêu đề mục không?"),
        ("no_inherit", "agencies"),
    ),
    Kind("lead", re.compile(r"lead: "), _q("Đơn vị chủ trì của đoạn này là ai?"), ("agencies",)),
    Kind(
        "heads",
        re.compile(r"accountable: câu “Người đứng đầu"),
        _q(
            "Câu “Người đứng đầu … chịu trách nhiệm …” không nêu tên đơn vị: người đứng "
            "đầu các đơn vị chủ trì của đoạn có phải là người chịu trách nhiệm không?"
        ),
        ("not_heads",),
    ),
    Kind(
        "roles",
        re.compile(r"đoạn nêu (?P<names>.+?) mà bản nháp không ghi vai trò"),
        _q(
            "Đoạn này nêu cơ quan dưới đây mà bản nháp chưa ghi vai trò. "
            "Mỗi cơ quan làm gì trong nhiệm vụ?"
        ),
        ("roles",),
    ),
    Kind(
        "report",
        re.compile(r"report: "),
        lambda d, _m: f"“{d.phrase}” là hạn gửi báo cáo, hay hạn hoàn thành công việc?",
        ("not_report",),
    ),
    Kind(
        "date",
        re.compile(r"date: "),
        lambda d, _m: f"Thời hạn “{d.phrase}” là ngày nào?",
        ("deadline",),
    ),
    Kind(
        "metric",
        re.compile(r"metric: "),
        lambda t, _m: f"Tên ngắn của chỉ tiêu “{t.phrase}” là gì?",
        ("metric",),
    ),
    Kind(
        "figure",
        re.compile(r"label(?:, measure)?: "),
        lambda f, _m: f"Số liệu “{f.phrase}” là số liệu gì?",
        ("figure",),
    ),
    Kind(
        "cite",
        re.compile(r"document: "),
        lambda c, _m: f"Trích dẫn “{c.as_written}” là văn bản nào?",
        ("cite",),
    ),
    Kind(
        "limitations",
        re.compile(r"limitations: "),
        _q("Các hạn chế dưới đây đã được tách đúng từng ý chưa?"),
        ("limitations",),
    ),
    Kind(
        "correction",
        re.compile(r"đề xuất sửa lỗi chuyển đổi"),
        lambda c, _m: f"Đoạn có “{c.phrase}”: hiện thêm cách đọc “{c.suggested}” bên cạnh?",
        ("refuse_correction",),
    ),
    Kind(
        "agency",
        re.compile(r"cơ quan mới"),
        lambda a, _m: f"“{a.name}” là cơ quan mới, hay một cơ quan đã có trong danh mục?",
        ("agency", "merge"),
    ),
    Kind(
        "document",
        re.compile(r"văn bản mới"),
        lambda d, _m: (
            f"“{d.symbol or d.title}” là văn bản mới trong danh mục: thông tin đúng chưa?"
        ),
        ("document",),
    ),
    Kind(
        "text",
        re.compile(r"(?:đọc bằng nhận dạng chữ|đoạn mở đầu đọc bằng)"),
        _q("Lời văn đọc từ bản quét có đúng từng chữ, từng dấu không?"),
        ("text",),
    ),
    Kind(
        "header",
        re.compile(r"không đọc được (?P<what>.+?) của văn bản ở phần đầu"),
        _q("Kết luận có số và ngày ban hành không (để trống nếu bản gốc không ghi)?"),
        ("header",),
    ),
    Kind(
        "meeting",
        re.compile(r"không thấy ngày họp"),
        _q("Hội nghị họp ngày nào?"),
        ("meeting",),
    ),
    Kind(
        "signer",
        re.compile(r"(?:tên người ký|khối chữ ký|không đọc được khối chữ ký)"),
        _q("Người ký Kết luận là ai?"),
        ("signer",),
    ),
)

SEEN = Kind("seen", re.compile(""), _q("Đã xem điểm này chưa?"))

# What each role is called on a card, and its absence.
ROLE_CHOICES: dict[str, str] = {"": "Chỉ được nhắc tới", **ROLES}

# The note's opening key ("lead: ", "label, measure: "): dropped from the reason.
_KEY = re.compile(r"^[a-z_]+(?:, [a-z_]+)*: ")
# The data's keys, which a note's advice to the YAML editor names ("ghi vào lead,
# support hay report_to"): a clause naming one is left out, the card's choices say it.
_DATA_KEYS = re.compile(
    r"\b(?:lead|duties|support|report_to|accountable|symbol|issued_on|meeting_date|issuing_body|"
    r"document_type|preamble|group|variants|review|subject|type|needs_review|continues)\b"
)


def cards_of(loaded: Loaded, key: str) -> list[Card]:
    """The cards of quarter `key`: its marks and those of the registry entries it
    names, the registry's first (a new agency is settled before it is picked), then
    the quarter's in document order."""
    dataset = loaded.dataset
    position = find_quarter(dataset.quarters, key)
    marks = marks_holding(loaded.marks, dataset, key)
    registry = [m for m in marks if m.path[0] != "quarters"]
    own = [m for m in marks if m.path[0] == "quarters"]
    names = {a.id: a.name for a in dataset.agencies}
    cards = [_card(m, dataset, names, position) for m in (*registry, *own)]
    seen: dict[str, int] = {}
    for card in cards:  # the same note twice on one record: two cards, two names
        seen[card.id] = seen.get(card.id, 0) + 1
        if seen[card.id] > 1:
            card.id = f"{card.id}-{seen[card.id]}"
    return cards


def _card(mark: ReviewMark, dataset: Dataset, names: dict[str, str], position: int) -> Card:
    note = mark.problem.message
    record = model_at(dataset, mark.path)
    kind, match = next(
        ((k, m) for k in KINDS if (m := k.opening.match(note))),
        (SEEN, SEEN.opening.match(note)),
    )
    assert match is not None
    try:
        question = kind.question(record, match)
    except AttributeError:  # the mark stands on a record of another kind than usual
        kind, question = SEEN, SEEN.question(record, match)
    card = Card(
        card_id(mark.path, note),
        mark.path,
        note,
        kind.name,
        question,
        _reason(note),
        "",
        ("accept", *kind.actions),
    )
    _fill(card, record, dataset, names, match, position)
    return card


def _reason(note: str) -> str:
    """The note as the clerk reads it: its key, and the clauses naming keys, left out."""
    clauses = re.split(r"(?<=[:;])\s+", _KEY.sub("", note))
    kept = [c for c in clauses if not _DATA_KEYS.search(c)]
    reason = " ".join(kept).strip().rstrip(":;").strip()
    return reason[:1].upper() + reason[1:]


def _fill(
    card: Card,
    record: Any,
    dataset: Dataset,
    names: dict[str, str],
    match: re.Match[str],
    position: int,
) -> None:
    """What the card shows of the draft now, and what its choices start from."""
    data = card.data
    if isinstance(record, Task):
        data["task"] = record.id
        data["lead"] = list(record.lead)
        if card.kind in ("lead", "inherit"):
            led = [names.get(a, a) for a in record.lead]
            heading = _heading_assignee(dataset, card.path, names)
            if led:
                card.proposal = "; ".join(led)
            elif heading:
                card.proposal = f"{'; '.join(heading)} (giao qua đề mục)"
            else:
                card.proposal = "(chưa có)"
        if card.kind == "heads":
            # The leads the draft holds answerable; the text may name others itself.
            heads = [a for a in record.accountable if a in _leads(dataset, card.path)]
            data["heads"] = heads
            card.proposal = "Chịu trách nhiệm: " + "; ".join(names.get(a, a) for a in heads)
        if card.kind == "roles":
            said = [n.strip() for n in match["names"].split(";")]
            by_name = {a.name: a.id for a in dataset.agencies}
            data["named"] = [(n, by_name.get(n, "")) for n in said if by_name.get(n)]
            card.proposal = "Chỉ được nhắc tới: " + "; ".join(said)
        if card.kind == "continues":
            earlier = _earlier(dataset, record.continues, position)
            data["earlier"] = earlier
            data["text"] = record.text
            card.proposal = "Tiếp tục " + ", ".join(record.continues)
        if card.kind == "text":
            data["text"] = record.text
            card.proposal = record.text
    elif card.kind in ("report", "date"):
        data |= {
            "phrase": record.phrase,
            "date": record.date.isoformat(),
            "precision": record.precision.value,
            "relation": record.relation.value,
            "derived": record.derived,
        }
        card.proposal = f"{vi_date(record.date)}" + (" — hạn báo cáo" if record.report else "")
    elif card.kind == "metric":
        data |= {"value": record.metric, "aim": record.aim}
        card.proposal = record.metric + (" (mục tiêu phấn đấu)" if record.aim else "")
    elif card.kind == "figure":
        data |= {"label": record.label, "measure": record.measure.value}
        card.proposal = record.label
    elif card.kind == "cite":
        data["document"] = record.document
        doc = next((d for d in dataset.documents if d.id == record.document), None)
        card.proposal = _document_name(doc) if doc else record.document
    elif card.kind == "limitations":
        data["items"] = list(record.limitations)
        card.proposal = f"{len(record.limitations)} hạn chế"
    elif card.kind == "correction":
        card.proposal = f"“{record.phrase}” → “{record.suggested}”"
    elif card.kind == "agency":
        data |= {"name": record.name, "short": record.short or "", "group": record.group.value}
        card.proposal = f"{record.name} — {GROUPS[record.group]}"
    elif card.kind == "document":
        data |= {"type": record.type, "title": record.title or "", "symbol": record.symbol or ""}
        card.proposal = _document_name(record)
    elif card.kind == "header":
        data |= {
            "symbol": record.symbol or "",
            "issued_on": record.issued_on.isoformat() if record.issued_on else "",
        }
        card.proposal = "(chưa có)" if not record.symbol else record.symbol
    elif card.kind == "meeting":
        data["meeting_date"] = record.meeting_date.isoformat()
        card.proposal = vi_date(record.meeting_date)
    elif card.kind == "signer":
        data["name"] = record.name
        card.proposal = record.name


def _document_name(doc: Any) -> str:
    said = f"{doc.type} {doc.symbol or doc.title or ''}".strip()
    return f"{said} ngày {vi_date(doc.date)}" if doc.date else said


def _heading_assignee(dataset: Dataset, path: FieldPath, names: dict[str, str]) -> list[str]:
    """The agencies the nearest heading above a task addresses."""
    for end in range(len(path) - 2, 1, -2):
        section = model_at(dataset, path[:end])
        assignee = getattr(section, "assignee", None)
        if assignee:
            return [names.get(a, a) for a in assignee]
    return []


def _earlier(dataset: Dataset, refs: tuple[str, ...], position: int) -> list[tuple[str, str]]:
    """(ref, text) of the earlier tasks a task is proposed to carry on."""
    out = []
    for ref in refs:
        quarter_key, _slash, task_id = ref.partition("/")
        for quarter in dataset.quarters[:position]:
            if quarter.key == quarter_key:
                out += [(ref, t.text) for t, _c in walk_tasks(quarter.sections) if t.id == task_id]
    return out
