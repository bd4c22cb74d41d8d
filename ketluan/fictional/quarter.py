"""One fictional quarter's conclusion: review, sections, tasks, footnotes, reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random
from typing import Any

from ketluan.fictional.registry import (
    as_written,
)
from ketluan.fictional.vocab import (
    DUE,
    ESCAPES,
    FIRST_YEAR,
    LIMITATIONS,
    METRICS,
    OPEN,
    RECURRENCES,
    ROLE,
    SIGNERS,
    TOPICS,
    VERBS,
    WORKSITES,
)
from ketluan.model import AgencyGroup as G
from ketluan.model import Relation, Status
from ketluan.model.calendar import ROMAN
from ketluan.model.keys import TaskRef
from ketluan.text.deadlines import parse_deadline, parse_recurrence
from ketluan.text.vietnamese import superscript


@dataclass
class QuarterContext:
    """What the generators of one quarter's conclusion share."""

    rng: Random
    key: str
    year: int  # planning year: deadlines without a year are read in it
    quarter: int  # the quarter planned for, 1-4
    names: dict[str, str]  # agency id → name
    pools: dict[G, list[str]]  # individual agencies by group, to lead items
    documents: list[dict[str, Any]]
    continuable: list[str]  # "key/id" of earlier tasks neither done nor dropped
    # What each task was about, by "key/id" (earlier quarters' and this one's): its verb,
    # topic and lead, so that a task carried on says the same work again, as a real one.
    work: dict[str, tuple[str, str, tuple[str, ...]]] = field(default_factory=dict)
    footnotes: list[dict[str, Any]] = field(default_factory=list)
    count: int = 0  # tasks made so far; spreads the features evenly
    due: list[tuple[str, date | None]] = field(default_factory=list)  # own tasks, first deadline


def _cite(ctx: QuarterContext) -> tuple[str, dict[str, Any]]:
    doc = ctx.rng.choice(ctx.documents)
    return as_written(doc), {"document": doc["id"], "as_written": as_written(doc)}


def _footnote(ctx: QuarterContext, text: str) -> str:
    """Add a footnote and return its superscript marker."""
    ctx.footnotes.append({"number": len(ctx.footnotes) + 1, "text": text})
    return superscript(len(ctx.footnotes))


def make_conclusion(
    ctx: QuarterContext, year: int, q: int, tasks: int, reports: list[dict[str, Any]]
) -> dict[str, Any]:
    met = date(year + q // 4, q % 4 * 3 + 1, 24)
    roman, planned = ROMAN[q - 1], f"quý {ROMAN[ctx.quarter - 1]} năm {ctx.year}"
    preamble = (
        f"Ngày {met.day}/{met.month}/{met.year}, Ban Thường vụ Tỉnh ủy Mẫu tổ chức Hội nghị Ban "
        f"Chấp hành Đảng bộ Tỉnh Mẫu mở rộng và giao ban quý {roman} năm {year}. Hội nghị đã "
        f"đánh giá kết quả thực hiện nhiệm vụ, thống nhất nhiệm vụ trọng tâm {planned} và phân "
        "đấu hoàn thành các chỉ tiêu đề ra; Ban Chấp hành Đảng bộ tỉnh thống nhất các nội dung:"
    )
    out: dict[str, Any] = {
        "key": ctx.key,
        "title": f"Quý {roman}/{year}",
        "symbol": f"{q + 4 * (year - FIRST_YEAR):02d}-KL/TU",
        "issued_on": met + timedelta(days=3),
        "meeting_date": met,
        "issuing_body": ROLE["standing"],
        "document_type": "KẾT LUẬN",
        "heading": [
            "Hội nghị Ban Chấp hành Đảng bộ Tỉnh Mẫu mở rộng",
            f"và giao ban quý {roman} năm {year}",
        ],
        "preamble": preamble,
        "review": _review(ctx, roman, year),
        "sections": _sections(ctx, tasks, planned),
        "footnotes": ctx.footnotes,
        "recipients": [
            {"text": f"{ctx.names[ROLE[r]]},", "agency": ROLE[r]}
            for r in ("permanent", "advisory", "affiliated", "communes")
        ]
        + [{"text": "CV.PTH,"}, {"text": "Lưu VPTU Mẫu.", "agency": ROLE["office"]}],
        "signer": {
            "delegation": "T/L",
            "on_behalf_of": "BAN THƯỜNG VỤ",
            "title": "CHÁNH VĂN PHÒNG",
            "name": SIGNERS[(q + year) % len(SIGNERS)],
        },
        "corrections": [
            {"phrase": "chuyên biến", "suggested": "chuyển biến"},
            {"phrase": "phân đấu", "suggested": "phấn đấu", "note": "Lỗi chính tả."},
        ],
    }
    return out | ({"reports": reports} if reports else {})


def _review(ctx: QuarterContext, roman: str, year: int) -> dict[str, Any]:
    rng = ctx.rng
    grdp = f"{rng.randint(5, 12)},{rng.randint(10, 99)}"
    capital = f"{rng.randint(10, 60)}.{rng.randint(100, 999)}"
    rank, count = rng.randint(1, 34), rng.randint(10, 99)
    basis = f"so với cùng kỳ năm {year - 1}"
    figures: list[dict[str, Any]] = [
        {
            "id": "grdp",
            "label": "GRDP",
            "phrase": f"GRDP tăng {grdp}% {basis}",
            "measure": "growth",
            "value": grdp,
            "unit": "%",
            "basis": basis,
        },
        {
            "id": "von-dau-tu",
            "label": "Tổng vốn đầu tư toàn xã hội",
            "phrase": f"tổng vốn đầu tư toàn xã hội ước đạt {capital} tỷ đồng",
            "measure": "level",
            "value": capital,
            "unit": "tỷ đồng",
            "estimate": True,
        },
        {
            "id": "xep-hang",
            "label": "Tăng trưởng kinh tế, xếp thứ, 34 tỉnh, thành phố",
            "measure": "rank",
            "phrase": f"xếp thứ {rank}/34 tỉnh, thành phố",
            "value": str(rank),
            "out_of": 34,
        },
        {
            "id": "xa-phuong",
            "label": "Xã, phường hoàn thành chuyển đổi số",
            "measure": "count",
            "phrase": f"{count} xã, phường",
            "value": str(count),
            "unit": "xã, phường",
        },
    ]
    cited, citation = _cite(ctx)
    marker = _footnote(ctx, "Như các dự án khu đô thị Mẫu Sơn & cụm công nghiệp Mẫu Hòa.")
    first = (
        f"Quý {roman} năm {year}, Ban Chấp hành Đảng bộ Tỉnh Mẫu đã lãnh đạo triển khai "
        f"{cited}{marker}. {figures[0]['phrase']}; {figures[1]['phrase']}; tăng trưởng kinh "
        f"tế {figures[2]['phrase']}. Đã có {figures[3]['phrase']} hoàn thành chuyển đổi số."
    )
    limitations = [*rng.sample(LIMITATIONS, 3), "hỗ trợ doanh nghiệp chuyên biến chưa rõ nét"]
    second = "Bên cạnh kết quả đạt được, còn những hạn chế như: " + "; ".join(limitations) + "."
    return {
        "number": "I",
        "title": f"Về kết quả thực hiện các nhiệm vụ quý {roman} năm {year}",
        "paragraphs": [first, second],
        "figures": figures,
        "limitations": limitations,
        "cites": [citation],
    }


def _split(total: int, weights: Sequence[int]) -> list[int]:
    """`total` in parts of at least 1, roughly by weight; the second part takes the rest."""
    parts = [max(1, total * w // sum(weights)) for w in weights]
    parts[1] += total - sum(parts)
    return parts


def _sections(ctx: QuarterContext, tasks: int, planned: str) -> list[dict[str, Any]]:
    """Sections II-IV shaped like the real conclusion; exactly `tasks` tasks in all."""
    advisory, government, affiliated, communes = _split(tasks - 3, (3, 5, 1, 2))
    principle = {
        "id": "II",
        "kind": "principle",
        "text": f"Các cơ quan tham mưu, giúp việc Tỉnh ủy Mẫu; các đảng ủy trực thuộc; đảng ủy "
        f"các xã, phường thực hiện nhiệm vụ {planned} phải bảo đảm nguyên tắc: rõ người, rõ việc, "
        "rõ trách nhiệm, rõ thẩm quyền, rõ tiến độ, rõ kết quả; cụ thể như sau:",
        "lead": [ROLE["advisory"], ROLE["affiliated"], ROLE["communes"]],
    }
    subsections = [
        _section(ctx, "1", "advisory", advisory, [*ctx.pools[G.ADVISORY], *ctx.pools[G.STEERING]]),
        _section(ctx, "2", "government", government, ctx.pools[G.GOVERNMENT]),
        _section(ctx, "3", "affiliated", affiliated, ctx.pools[G.AFFILIATED]),
    ]
    closing = [
        {
            "id": "IV.1",
            "marker": "1.",
            "kind": "organisation",
            # As the real IV.1: the agencies it supports are those it names, sent to.
            "text": "Văn phòng Tỉnh ủy Mẫu tổng hợp khó khăn, vướng mắc gửi "
            f"{ctx.names[ROLE['advisory']][0].lower()}{ctx.names[ROLE['advisory']][1:]}; "
            f"{ctx.names[ROLE['government']]} xem xét, giải quyết theo thẩm quyền. Theo dõi, "
            "đôn đốc, định kỳ báo cáo Thường trực Tỉnh ủy Mẫu kết quả thực hiện.",
            "lead": [ROLE["office"]],
            "support": [ROLE["advisory"], ROLE["government"]],
            "report_to": [ROLE["permanent"]],
            "recurrences": [_recurrence("định kỳ báo cáo")],
        },
        {
            "id": "IV.2",
            "marker": "2.",
            "kind": "organisation",
            "lead": [ROLE["all"]],
            "text": "Các cơ quan, đơn vị Tỉnh Mẫu tổ chức thực hiện nghiêm túc Kết luận này.",
        },
    ]
    return [
        {
            "number": "II",
            "title": f"Các nhiệm vụ trọng tâm {planned}",
            "tasks": [principle],
            "sections": subsections,
        },
        _section(ctx, "III", "communes", communes, ctx.pools[G.COMMUNE]),
        {"number": "IV", "title": "Tổ chức thực hiện", "tasks": closing},
    ]


def _section(
    ctx: QuarterContext, number: str, role: str, size: int, pool: list[str]
) -> dict[str, Any]:
    """A section addressed to a core agency: a heading task, then `size - 1` items.

    Subsection 2 numbers its items (II.2.3, marker "2.3.") with bullets below them
    (II.2.3-1); the others have bullets only (II.1-2). Items are led by agencies of `pool`.
    """
    prefix = number if number == "III" else f"II.{number}"
    tasks = [_task(ctx, prefix, None, [])]
    item = 0
    while len(tasks) < size:
        item += 1
        if number != "2":
            lead = [ctx.rng.choice(pool)] if pool else []
            tasks.append(_task(ctx, f"{prefix}-{item}", "-", lead))
            continue
        tasks.append(_task(ctx, f"{prefix}.{item}", f"{number}.{item}.", []))
        for sub in range(1, min(ctx.rng.randint(0, 3), size - len(tasks)) + 1):
            lead = [ctx.rng.choice(pool)] if pool and sub % 2 else []
            tasks.append(_task(ctx, f"{prefix}.{item}-{sub}", ctx.rng.choice(("-", None)), lead))
    title = ctx.names[ROLE[role]]
    return {
        "number": number,
        "title": f"Đối với {title}" if number == "2" else title,
        "assignee": [ROLE[role]],
        "tasks": tasks,
    }


def _task(ctx: QuarterContext, tid: str, marker: str | None, lead: list[str]) -> dict[str, Any]:
    """One task; `ctx.count` spreads deadlines, citations, targets and the rest evenly."""
    rng, n = ctx.rng, ctx.count
    ctx.count += 1
    kind = "responsibility" if lead and n % 13 == 6 else "task"
    verb = "chịu trách nhiệm về kết quả" if kind == "responsibility" else rng.choice(VERBS)
    # A task carried on repeats an open earlier task of the same lead, its verb and topic.
    same_lead = [
        r for r in ctx.continuable if lead and ctx.work.get(r, ("", "", ()))[2] == tuple(lead)
    ]
    carried = rng.choice(same_lead) if same_lead and n % 6 == 5 else None
    continued = carried is not None
    if carried is not None:
        ctx.continuable.remove(carried)  # carried on once; later, by its new form
    if carried is not None and kind == "task":
        verb, topic, _lead = ctx.work[carried]
    else:
        # Work of its own: not what an open task of the same lead already does.
        taken = {
            (v, t)
            for r in ctx.continuable
            for v, t, who in [ctx.work.get(r, ("", "", ()))]
            if who == tuple(lead)
        }
        topic = f"{rng.choice(TOPICS)} {rng.choice(WORKSITES)}"
        for _ in range(8):
            if (verb, topic) not in taken:
                break
            topic = f"{rng.choice(TOPICS)} {rng.choice(WORKSITES)}"
    ctx.work[str(TaskRef(ctx.key, tid))] = (verb, topic, tuple(lead))
    again = "tiếp tục " if continued and not verb.startswith("tiếp tục") else ""
    who = f"{ctx.names[lead[0]]} " if lead else ""
    text = f"{who}{again}{verb} {topic}"
    extra: dict[str, Any] = {}
    if lead:
        extra["lead"] = lead
        if n % 10 == 3:  # as II.2.2-2 of the real text: the heading's work, then the lead's
            extra["inherit_lead"] = True
            work = f"{rng.choice(VERBS)} {rng.choice(TOPICS)} {rng.choice(WORKSITES)}"
            text = f"{work}. {text[0].upper()}{text[1:]}"
        if n % 4 == 1:  # a supporter the text names, as #12 asks of real data
            text += f", phối hợp với {ctx.names[ROLE['office']]}"
            extra["support"] = [ROLE["office"]]
    if n % 3 == 1:
        cited, citation = _cite(ctx)
        text += f"; thực hiện {cited}"
        extra["cites"] = [citation]
    if n % 5 == 2:
        phrase, target = _target(ctx)
        if n % 2:  # the target stands in a footnote, as in the real conclusion
            text += f"; phấn đấu đạt chỉ tiêu đề ra{_footnote(ctx, f'Phấn đấu {phrase}.')}"
        else:
            text += f"; phấn đấu {phrase}"
        extra["targets"] = [target | {"aim": True}]
    if n % 7 == 3:
        phrase = rng.choice(RECURRENCES)
        text += f"; báo cáo kết quả {phrase} về Ban Thường vụ Tỉnh ủy Mẫu"
        extra["report_to"], extra["recurrences"] = [ROLE["standing"]], [_recurrence(phrase)]
    if n % 11 == 5:
        text += ESCAPES[n // 11 % len(ESCAPES)]
    if n % 2 == 0 or rng.random() < 0.2:
        phrase = _deadline_phrase(ctx)
        text += f", {phrase}"
        extra["deadlines"] = [_deadline(phrase, ctx.year)]
    if n % 9 == 4:
        note = f"Cụ thể đến từng dự án, từng xã, phường của Tỉnh Mẫu (mục {tid})."
        text += f"; chú trọng các dự án trọng điểm{_footnote(ctx, note)}"
    if carried is not None:
        extra["continues"] = [carried]
    due = min((d["date"] for d in extra.get("deadlines", ())), default=None)
    ctx.due.append((str(TaskRef(ctx.key, tid)), due))
    head = {"id": tid} | ({"marker": marker} if marker else {})
    return head | {"kind": kind, "text": text[0].upper() + text[1:] + "."} | extra


def _deadline_phrase(ctx: QuarterContext) -> str:
    y, q, rng = ctx.year, ctx.quarter, ctx.rng
    m, d, roman = 3 * q - rng.randint(0, 2), rng.randint(1, 28), ROMAN[q - 1]
    return rng.choice(
        (
            f"hoàn thành trong tháng {m}/{y}",
            f"trước {d}/{m}/{y}",
            f"hết quý {roman} năm {y}",
            f"xong trong quý {roman}",
            f"chậm nhất trong tháng {m}/{y}",
            f"hoàn thành trong năm {y}",
            f"trước ngày {d} tháng {m} năm {y}",
        )
    )


def _deadline(phrase: str, year: int) -> dict[str, Any]:
    """The deadline record, dated by the parser itself (never hand-computed)."""
    parsed = parse_deadline(phrase, default_year=year)
    out = {"phrase": phrase, "date": parsed.date, "precision": parsed.precision.value}
    return out | ({"relation": parsed.relation.value} if parsed.relation is not Relation.BY else {})


def _recurrence(phrase: str) -> dict[str, Any]:
    parsed = parse_recurrence(phrase)
    out: dict[str, Any] = {"phrase": phrase}
    out |= {"every": [p.value for p in parsed.every]} if parsed.every else {}
    return out | ({"at_least": parsed.at_least} if parsed.at_least is not None else {})


def _target(ctx: QuarterContext) -> tuple[str, dict[str, Any]]:
    """A target phrase and its record: "> v%", ">= v%", "a-b%", or "> v%" by the quarter's end."""
    metric, value, form = ctx.rng.choice(METRICS), ctx.rng.randint(20, 90), ctx.count % 4
    by = f"hết quý {ROMAN[ctx.quarter - 1]} năm {ctx.year}" if form == 3 else ""
    phrase = f"{by} {metric} đạt {'ít nhất' if form == 1 else 'trên'} {value}%".lstrip()
    target: dict[str, Any] = {
        "metric": metric,
        "operator": (">", ">=", "range", ">")[form],
        "value": value,
        "unit": "%",
    }
    if form == 2:
        low = value // 10
        phrase = f"{metric} tăng từ {low}-{low + 1}%"
        target |= {"value": low, "value_max": low + 1}
    if by:
        parsed = parse_deadline(by, default_year=ctx.year)
        target |= {"by": parsed.date, "precision": parsed.precision.value}
    return phrase, {"phrase": phrase} | target


def make_reports(previous: list[tuple[str, date | None]], as_of: date) -> list[dict[str, Any]]:
    """Statuses of the previous quarter's tasks as of the end of the quarter under review.

    Every fourth task gets no report at all, so some deadlines pass unreported.
    """
    out: list[dict[str, Any]] = []
    counters = {"due": 0, "open": 0}
    for i, (ref, due) in enumerate(previous):
        if i % 4 == 3 or (due is None and i % 4 != 1):
            continue
        status = Status.NO_DEADLINE
        if due is not None:
            # On the deadline day itself nothing is late yet.
            kind, cycle = ("due", DUE) if due < as_of else ("open", OPEN)
            status = cycle[counters[kind] % len(cycle)]
            counters[kind] += 1
        report = {"task": ref, "status": status.value, "date": as_of}
        if status is Status.DROPPED:
            report["note"] = "Không tiếp tục thực hiện do nhiệm vụ đã được điều chỉnh."
        out.append(report)
    return out
