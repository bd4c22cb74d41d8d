"""Generate a valid, clearly fictional dataset ("Tỉnh Mẫu") of any size, for tests and benchmarks.

Every agency name holds "Mẫu" and the YAML opens with a comment saying it is fictional:
never mix it into `data/directives.yml`. The output is plain data in exactly the YAML
schema of `macros.model`, deterministic for a seed (one `random.Random(seed)`, in order).

1× is one province's yearly volume: 4 quarters of 150 tasks (600 tasks a year), 150
agencies of which 100 are xã/phường Party committees, and 300 documents. `Scale.times(k)`
multiplies tasks per quarter, agencies and documents by k (quarters stay 4); communes stop
at 3,321, the number of commune-level units of the whole country since 1/7/2025, and the
agencies above that go to the other groups.

Run: `python -m macros.fictional --scale K [--quarters N] [--seed S] [-o FILE]`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random
from typing import Any

import yaml

from macros.check_conclusion import ROMAN, planning_year
from macros.deadlines import Relation, parse_deadline, parse_recurrence
from macros.model import AgencyGroup as G
from macros.model import Status
from macros.symbols import TYPE_NAMES
from macros.text import slugify

PROVINCE = "Tỉnh Mẫu"
FIRST_YEAR = 2026
COMMUNE_CAP = 3321
MIN_TASKS = 8  # II, IV.1, IV.2 and the heading tasks of II.1, II.2, II.3 and III, plus one
MIN_DOCUMENTS = 6  # the same-symbol pair, two unnumbered documents, a QH15 one, one more
HEADER = (
    "# DỮ LIỆU HƯ CẤU (Tỉnh Mẫu): fictional test data made by macros.fictional;"
    " never mix it into data/directives.yml\n"
)

# The agencies every quarter refers to: (role, name, group, short, collective).
CORE: tuple[tuple[str, str, G, str | None, bool], ...] = (
    ("executive", "Ban Chấp hành Đảng bộ Tỉnh Mẫu", G.LEADERSHIP, "Ban Chấp hành", False),
    ("standing", "Ban Thường vụ Tỉnh ủy Mẫu", G.LEADERSHIP, "Ban Thường vụ", False),
    ("permanent", "Thường trực Tỉnh ủy Mẫu", G.LEADERSHIP, None, False),
    ("advisory", "Các cơ quan tham mưu, giúp việc Tỉnh ủy Mẫu", G.ADVISORY, None, True),
    ("office", "Văn phòng Tỉnh ủy Mẫu", G.ADVISORY, "VPTU Mẫu", False),
    ("affiliated", "Các đảng ủy trực thuộc Tỉnh ủy Mẫu", G.AFFILIATED, None, True),
    ("government", "Đảng ủy Ủy ban nhân dân Tỉnh Mẫu", G.AFFILIATED, "Đảng ủy UBND Mẫu", False),
    ("steering", "Ban Chỉ đạo chuyển đổi số Tỉnh Mẫu", G.STEERING, None, False),
    ("departments", "Các sở, ban, ngành Tỉnh Mẫu", G.GOVERNMENT, None, True),
    ("communes", "Đảng ủy các xã, phường Tỉnh Mẫu", G.COMMUNE, None, True),
    ("all", "Các cơ quan, đơn vị Tỉnh Mẫu", G.GENERAL, None, True),
)
ROLE = {role: slugify(name) for role, name, *_ in CORE}
FILLERS = (
    ("Ban Mẫu số {n} Tỉnh ủy Mẫu", G.ADVISORY),
    ("Đảng ủy Khối Mẫu {place} {n}", G.AFFILIATED),
    ("Ban Chỉ đạo Mẫu số {n}", G.STEERING),
    ("Sở Mẫu số {n} Tỉnh Mẫu", G.GOVERNMENT),
    ("Ban Khoa học & Công nghệ Mẫu {n}", G.GOVERNMENT),
)
PLACES = ("Sơn", "Hòa", "Đông", "Ân Thi", "Ấp Bắc", "Ô Diên", "Ứng Hòa", "Yên", "Bình", "Ước Lễ")
TOPICS = (
    "công tác giải ngân vốn đầu tư công",
    "chất lượng dịch vụ công trực tuyến",
    "chuyển đổi số trong các cơ quan đảng",
    "công tác giải phóng mặt bằng các dự án trọng điểm",
    "môi trường đầu tư, kinh doanh",
    "việc xử lý nhà, đất dôi dư sau sắp xếp",
    "công tác phòng, chống tham nhũng, lãng phí, tiêu cực",
    "công tác xử lý rác thải sinh hoạt",
    "công tác chăm sóc sức khỏe Nhân dân",
    "công tác đào tạo, bồi dưỡng cán bộ cấp xã",
    "công tác bảo đảm trật tự, an toàn xã hội",
    "công tác tiếp công dân, giải quyết khiếu nại",
)
VERBS = ("tập trung chỉ đạo", "tiếp tục đẩy mạnh", "nâng cao hiệu quả", "rà soát, đánh giá")
METRICS = ("tỷ lệ hồ sơ trực tuyến", "tỷ lệ giải ngân kế hoạch vốn", "tỷ lệ xã đạt chuẩn số")
RECURRENCES = (
    "ít nhất 1 lần/quý",
    "mỗi năm 1 lần",
    "hằng tháng",
    "từng tuần, từng tháng",
    "định kỳ",
)
ESCAPES = (  # characters a page must escape; never template syntax
    "; thời gian xử lý hồ sơ < 3 ngày làm việc",
    "; phối hợp với Sở Tài chính & Kế hoạch Mẫu",
    "; áp dụng mô hình “Một cửa | Một lần”",
    "; các chỉ tiêu có dấu (*) là chỉ tiêu bắt buộc",
)
LIMITATIONS = (
    "Công tác giải ngân vốn đầu tư công còn chậm",
    "mức độ ứng dụng chuyển đổi số chưa cao",
    "khối lượng văn bản ban hành còn nhiều",
    "Ô nhiễm môi trường nhiều nơi chưa được khắc phục",
    "Tình trạng vi phạm trật tự xây dựng còn xảy ra",
    "an ninh nông thôn ở một số xã còn phức tạp",
)
PARTY_CODES = ("NQ", "KL", "CT", "TB", "KH", "CTr", "ĐA", "QĐ", "QĐi", "HD", "QC")
SIGNERS = ("Nguyễn Văn Mẫu", "Trần Thị Mẫu", "Lê Đức Mẫu", "Phạm Ánh Mẫu")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
DUE = (Status.DONE_ON_TIME, Status.DONE_LATE, Status.OVERDUE, Status.DROPPED, Status.PAUSED)
OPEN = (Status.NOT_DUE, Status.IN_PROGRESS, Status.DUE_SOON)
CLOSED = (Status.DONE_ON_TIME, Status.DONE_LATE, Status.DROPPED)


@dataclass(frozen=True)
class Scale:
    """How much to generate; `communes` counts the individual xã/phường Party committees."""

    quarters: int = 1
    agencies: int = 150
    communes: int = 100
    tasks_per_quarter: int = 600
    documents: int = 300
    seed: int = 0

    def __post_init__(self) -> None:
        if self.quarters < 1 or self.communes < 1:
            raise ValueError("quarters and communes must be at least 1")
        if self.agencies < len(CORE) + self.communes:
            raise ValueError(f"agencies must be at least {len(CORE)} + communes")
        if self.tasks_per_quarter < MIN_TASKS or self.documents < MIN_DOCUMENTS:
            raise ValueError(f"need at least {MIN_TASKS} tasks and {MIN_DOCUMENTS} documents")

    @classmethod
    def times(cls, k: float, *, quarters: int = 4, seed: int = 0) -> Scale:
        """k× one province's yearly volume (see the module docstring); a small k is clamped."""
        communes = max(1, min(round(100 * k), COMMUNE_CAP))
        return cls(
            quarters=quarters,
            agencies=max(round(150 * k), len(CORE) + communes),
            communes=communes,
            tasks_per_quarter=max(round(150 * k), MIN_TASKS),
            documents=max(round(300 * k), MIN_DOCUMENTS),
            seed=seed,
        )


@dataclass
class _Quarter:
    """What the generators of one quarter's conclusion share."""

    rng: Random
    key: str
    year: int  # planning year: deadlines without a year are read in it
    quarter: int  # the quarter planned for, 1-4
    names: dict[str, str]  # agency id → name
    pools: dict[G, list[str]]  # individual agencies by group, to lead items
    documents: list[dict[str, Any]]
    continuable: list[str]  # "key/id" of earlier tasks neither done nor dropped
    footnotes: list[dict[str, Any]] = field(default_factory=list)
    count: int = 0  # tasks made so far; spreads the features evenly
    due: list[tuple[str, date | None]] = field(default_factory=list)  # own tasks, first deadline


def generate(scale: Scale) -> dict[str, Any]:
    """The whole dataset as plain data in the YAML schema."""
    rng = Random(scale.seed)
    agencies, documents = _agencies(scale), _documents(rng, scale.documents)
    pools: dict[G, list[str]] = {g: [] for g in G}
    for a in agencies:
        if not a.get("collective"):
            pools[G(a["group"])].append(a["id"])
    names = {a["id"]: a["name"] for a in agencies}
    quarters: list[dict[str, Any]] = []
    previous: list[tuple[str, date | None]] = []
    continuable: list[str] = []
    for index in range(scale.quarters):
        year, q = FIRST_YEAR + index // 4, index % 4 + 1
        key = f"{year}-q{q}"
        reports = _reports(previous, _quarter_end(year, q))
        closed = {r["task"] for r in reports if r["status"] in CLOSED}
        continuable = [ref for ref in continuable if ref not in closed]
        planned = q % 4 + 1
        ctx = _Quarter(rng, key, planning_year(key), planned, names, pools, documents, continuable)
        quarters.append(_conclusion(ctx, year, q, scale.tasks_per_quarter, reports))
        previous = ctx.due
        continuable = continuable + [ref for ref, _due in ctx.due]
    return {
        "schema": 1,
        "province": PROVINCE,
        "agencies": agencies,
        "documents": documents,
        "quarters": quarters,
    }


def _quarter_end(year: int, q: int) -> date:
    return date(year + q // 4, q % 4 * 3 + 1, 1) - timedelta(days=1)


def _agency(name: str, group: G, short: str | None, collective: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"id": slugify(name), "name": name}
    out |= {"short": short} if short else {}
    out["group"] = group.value
    out |= {"collective": True} if collective else {}
    variants = [name, name[0].lower() + name[1:]] if collective else [name]
    out["variants"] = variants + ([short] if short and "Mẫu" in short else [])
    return out


def _agencies(scale: Scale) -> list[dict[str, Any]]:
    out = [_agency(name, group, short, coll) for _role, name, group, short, coll in CORE]
    for n in range(1, scale.communes + 1):
        # "xã Mẫu Hòa 1" is a prefix of "xã Mẫu Hòa 11": linking must respect word ends.
        place = f"{'phường' if n % 3 == 0 else 'xã'} Mẫu {PLACES[n % len(PLACES)]} {n}"
        out.append(_agency(f"Đảng ủy {place}", G.COMMUNE, place))
    for n in range(1, scale.agencies - len(out) + 1):
        pattern, group = FILLERS[n % len(FILLERS)]
        out.append(_agency(pattern.format(n=n, place=PLACES[n % len(PLACES)]), group, None))
    return out


def _documents(rng: Random, count: int) -> list[dict[str, Any]]:
    """Numbered party documents (numbers restart each term), QH15 ones, unnumbered ones."""
    seen: set[tuple[str, str, int, int]] = set()
    docs = [
        _numbered(rng, seen, "NQ", "TW", 4, date(2006, 7, 18)),
        _numbered(rng, seen, "NQ", "TW", 4, date(2021, 10, 30)),
    ]
    for i in range(max(2, count // 20)):
        kind = ("Đề án", "Chương trình", "Kế hoạch", "Quy hoạch")[i % 4]
        docs.append(
            {
                "id": slugify(f"{kind} mau {i + 1}"),
                "type": kind,
                "title": f"{kind} Mẫu về {TOPICS[i % len(TOPICS)]}, đợt {i + 1}",
                "notes": "Văn bản mẫu không có số, ký hiệu.",
            }
        )
    for _ in range(max(1, count // 10)):
        docs.append(_numbered(rng, seen, "", "QH15", rng.randint(1, 300), _day(rng, 2021, 2025)))
    while len(docs) < count:
        code, issuer = rng.choice(PARTY_CODES), rng.choice(("TW", "TU", "TU"))
        number = rng.randint(1, 60 + count)
        docs.append(_numbered(rng, seen, code, issuer, number, _day(rng, 2006, 2025)))
    return docs[:count]


def _day(rng: Random, first: int, last: int) -> date:
    return date(rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28))


def _numbered(
    rng: Random,
    seen: set[tuple[str, str, int, int]],
    code: str,
    issuer: str,
    number: int,
    when: date,
) -> dict[str, Any]:
    """A document with a symbol, unique by (symbol, year); the number moves up if taken."""
    while (code, issuer, number, when.year) in seen:
        number += 1
    seen.add((code, issuer, number, when.year))
    if issuer == "QH15":
        symbol, kind, body = f"{number}/{when.year}/QH15", "Nghị quyết", "Quốc hội"
    else:
        dash = " - " if len(seen) % 15 == 0 else "-"  # typed with spaces, like "01 - ĐA/TU"
        symbol, kind = f"{number:02d}{dash}{code}/{issuer}", TYPE_NAMES[code]
        central = (
            ("Ban Chấp hành Trung ương", "Bộ Chính trị")
            if code == "NQ"
            else ("Bộ Chính trị", "Ban Bí thư")
        )
        body = rng.choice(central) if issuer == "TW" else "Ban Thường vụ Tỉnh ủy Mẫu"
    doc: dict[str, Any] = {
        "id": slugify(f"{symbol} {when.year}"),
        "type": kind,
        "symbol": symbol,
        "body": body,
    }
    if len(seen) % 8 == 0 and issuer != "QH15":
        doc["year"] = when.year  # only the year is known
    else:
        doc["date"] = when
    if issuer == "TU" and len(seen) % 3 == 0:
        doc["subject"] = f"về {rng.choice(TOPICS)} trên địa bàn Tỉnh Mẫu"
    return doc


def _as_written(doc: dict[str, Any]) -> str:
    """How a paragraph cites the document: "Nghị quyết số 04-NQ/TW ngày 18/7/2006 của ..."."""
    if "symbol" not in doc:
        return str(doc["title"])
    when: date | None = doc.get("date")
    dated = f" ngày {when.day:02d}/{when.month}/{when.year}" if when else ""
    return f"{doc['type']} số {doc['symbol']}{dated} của {doc['body']}"


def _cite(ctx: _Quarter) -> tuple[str, dict[str, Any]]:
    doc = ctx.rng.choice(ctx.documents)
    return _as_written(doc), {"document": doc["id"], "as_written": _as_written(doc)}


def _footnote(ctx: _Quarter, text: str) -> str:
    """Add a footnote and return its superscript marker."""
    ctx.footnotes.append({"number": len(ctx.footnotes) + 1, "text": text})
    return str(len(ctx.footnotes)).translate(SUPERSCRIPT)


def _conclusion(
    ctx: _Quarter, year: int, q: int, tasks: int, reports: list[dict[str, Any]]
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


def _review(ctx: _Quarter, roman: str, year: int) -> dict[str, Any]:
    rng = ctx.rng
    grdp = f"{rng.randint(5, 12)},{rng.randint(10, 99)}"
    capital = f"{rng.randint(10, 60)}.{rng.randint(100, 999)}"
    rank, count = rng.randint(1, 34), rng.randint(10, 99)
    basis = f"so với cùng kỳ năm {year - 1}"
    figures: list[dict[str, Any]] = [
        {
            "id": "grdp",
            "label": "Tổng sản phẩm trên địa bàn (GRDP)",
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
            "label": "Xếp hạng tăng trưởng cả nước",
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


def _sections(ctx: _Quarter, tasks: int, planned: str) -> list[dict[str, Any]]:
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
            "text": "Văn phòng Tỉnh ủy Mẫu theo dõi, đôn đốc, định kỳ báo cáo Thường trực Tỉnh ủy "
            "Mẫu kết quả thực hiện.",
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


def _section(ctx: _Quarter, number: str, role: str, size: int, pool: list[str]) -> dict[str, Any]:
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


def _task(ctx: _Quarter, tid: str, marker: str | None, lead: list[str]) -> dict[str, Any]:
    """One task; `ctx.count` spreads deadlines, citations, targets and the rest evenly."""
    rng, n = ctx.rng, ctx.count
    ctx.count += 1
    kind = "responsibility" if lead and n % 13 == 6 else "task"
    verb = "chịu trách nhiệm về kết quả" if kind == "responsibility" else rng.choice(VERBS)
    continued = bool(ctx.continuable) and n % 6 == 5
    who, again = (f"{ctx.names[lead[0]]} " if lead else ""), ("tiếp tục " if continued else "")
    text = f"{who}{again}{verb} {rng.choice(TOPICS)}"
    extra: dict[str, Any] = {}
    if lead:
        extra["lead"] = lead
        extra |= {"inherit_lead": True} if n % 10 == 3 else {}
        extra |= {"support": [ROLE["office"]]} if n % 4 == 1 else {}
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
        extra["targets"] = [target]
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
    if continued:
        extra["continues"] = [rng.choice(ctx.continuable)]
    due = min((d["date"] for d in extra.get("deadlines", ())), default=None)
    ctx.due.append((f"{ctx.key}/{tid}", due))
    head = {"id": tid} | ({"marker": marker} if marker else {})
    return head | {"kind": kind, "text": text[0].upper() + text[1:] + "."} | extra


def _deadline_phrase(ctx: _Quarter) -> str:
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


def _target(ctx: _Quarter) -> tuple[str, dict[str, Any]]:
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


def _reports(previous: list[tuple[str, date | None]], as_of: date) -> list[dict[str, Any]]:
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
            kind, cycle = ("due", DUE) if due <= as_of else ("open", OPEN)
            status = cycle[counters[kind] % len(cycle)]
            counters[kind] += 1
        report = {"task": ref, "status": status.value, "date": as_of}
        if status is Status.DROPPED:
            report["note"] = "Không tiếp tục thực hiện do nhiệm vụ đã được điều chỉnh."
        out.append(report)
    return out


class _Dumper(yaml.SafeDumper):
    """yaml.safe_dump's dumper, without anchors for values that happen to be shared."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: dict[str, Any]) -> str:
    """YAML text of `data`, opening with a comment that says it is fictional."""
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return HEADER + str(text)


def main(argv: Sequence[str] | None = None) -> int:
    """Write a fictional dataset as YAML (stdout by default)."""
    parser = argparse.ArgumentParser(
        prog="python -m macros.fictional", description="Dữ liệu hư cấu Tỉnh Mẫu cho kiểm thử."
    )
    parser.add_argument("--scale", type=float, default=1.0, help="k× one province's year")
    parser.add_argument("--quarters", type=int, default=4, help="number of quarters (4)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (0)")
    parser.add_argument("-o", "--output", help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    text = dump(generate(Scale.times(args.scale, quarters=args.quarters, seed=args.seed)))
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
