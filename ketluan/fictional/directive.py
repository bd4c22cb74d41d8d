"""A quarter's other fictional directives, in the forms a Tỉnh ủy issues them: a plan
(Kế hoạch), a directive (Chỉ thị), a notice of conclusions (Thông báo kết luận) and an
official letter (Công văn), each with its registry document.

Each form holds what the importer must read in real ones: "Giao Sở X chủ trì, phối hợp
với …, hoàn thành trước ngày …"; an addressee heading ("1. Sở Mẫu số 3 Tỉnh Mẫu") over
lettered items in Vietnamese order (a, b, c, d, đ, e, g); a recurring report "trước
ngày 25 hằng tháng"; numbered points with no Roman parts; a letter whose number is left
blank ("Số     -CV/TU", an unsigned copy). Ids are the site's, as `ketluan.ingest`
gives them: "II.1", "III.2.dd", "3", "2-1".
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ketluan.fictional.quarter import QuarterContext, _deadline, _recurrence
from ketluan.fictional.vocab import ROLE, SIGNERS, TOPICS, VERBS, WORKSITES
from ketluan.model import AgencyGroup as G
from ketluan.model.calendar import ROMAN

__all__ = ["FORMS", "make_directives"]

# The forms, in the order a quarter's directives cycle through them.
FORMS = ("plan", "instruction", "notice", "letter", "programme")
# Vietnamese lettered items: no f, j, w, z; "đ" after "d" ("dd" in the site's id).
LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k")
_TYPES = {
    "plan": ("Kế hoạch", "KH", "KẾ HOẠCH"),
    "instruction": ("Chỉ thị", "CT", "CHỈ THỊ"),
    "notice": ("Thông báo", "TB", "THÔNG BÁO KẾT LUẬN"),
    "letter": ("Công văn", "CV", None),  # a letter prints no type over its subject
    "programme": ("Chương trình", "CTr", "CHƯƠNG TRÌNH HÀNH ĐỘNG"),
}
# An assignment table's header, as plans and programmes print it.
COLUMNS = (
    "TT",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
    "Ghi chú",
)
MONTHLY = "trước ngày 25 hằng tháng"


def make_directives(
    ctx: QuarterContext, count: int, issued: date, first_number: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """`count` directives of the quarter, issued from `issued` on, numbered from
    `first_number`: the quarter's `directives` and their registry documents."""
    directives: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    for i in range(count):
        form = FORMS[i % len(FORMS)]
        kind, code, printed = _TYPES[form]
        number = first_number + i
        day = issued + timedelta(days=3 * i)
        blank = form == "letter" and i % 8 == 3  # an unsigned copy: no number yet
        topic = TOPICS[(number + i) % len(TOPICS)]
        doc: dict[str, Any] = {"id": f"{number}-{code.lower()}-tu-{day.year}", "type": kind}
        if blank:
            doc["id"] = f"cong-van-chua-ghi-so-{ctx.key}-{i + 1}"
            doc["title"] = f"{kind} V/v {topic}"
        else:
            doc["symbol"] = f"{number}-{code}/TU"
            doc["date"] = day
        doc["body"] = "Ban Thường vụ Tỉnh ủy Mẫu"
        doc["subject"] = f"V/v {topic}" if form == "letter" else f"về {topic}"
        documents.append(doc)
        make = {
            "plan": _plan,
            "instruction": _instruction,
            "notice": _notice,
            "letter": _letter,
            "programme": _programme,
        }
        body = make[form](ctx, topic)
        directive: dict[str, Any] = {"document": doc["id"]}
        if printed:
            directive["document_type"] = printed
        directive["heading"] = [doc["subject"]]
        directive |= body
        directive["issuing_body"] = ROLE["standing"]
        directive["recipients"] = [
            {"text": f"{ctx.names[ROLE['departments']]},", "agency": ROLE["departments"]},
            {"text": "Lưu VPTU Mẫu.", "agency": ROLE["office"]},
        ]
        if not blank:
            directive["signer"] = {
                "delegation": "T/M",
                "on_behalf_of": "BAN THƯỜNG VỤ",
                "title": "PHÓ BÍ THƯ",
                "name": SIGNERS[(number + 1) % len(SIGNERS)],
            }
        directives.append(directive)
    return directives, documents


def _agencies(ctx: QuarterContext, n: int) -> list[str]:
    """`n` different agencies that lead a directive's items: departments and Ban."""
    pool = [*ctx.pools[G.GOVERNMENT], *ctx.pools[G.ADVISORY]]
    return ctx.rng.sample(pool, min(n, len(pool)))


def _work(ctx: QuarterContext) -> str:
    return f"{ctx.rng.choice(VERBS)} {ctx.rng.choice(TOPICS)} {ctx.rng.choice(WORKSITES)}"


def _due(ctx: QuarterContext) -> tuple[str, dict[str, Any]]:
    """A day in the planned quarter, as directives write it."""
    month = 3 * ctx.quarter - ctx.rng.randint(0, 2)
    phrase = f"trước ngày {ctx.rng.randint(1, 28)}/{month}/{ctx.year}"
    return phrase, _deadline(phrase, ctx.year)


def _given(ctx: QuarterContext, tid: str, marker: str, lead: str, support: str) -> dict[str, Any]:
    """ "Giao X chủ trì, phối hợp với Y …, hoàn thành trước ngày …"."""
    phrase, deadline = _due(ctx)
    text = (
        f"Giao {ctx.names[lead]} chủ trì, phối hợp với {ctx.names[support]} {_work(ctx)}, "
        f"hoàn thành {phrase}."
    )
    return {
        "id": tid,
        "marker": marker,
        "kind": "task",
        "text": text,
        "lead": [lead],
        "support": [support],
        "deadlines": [deadline],
    }


def _lettered(ctx: QuarterContext, base: str, items: int) -> list[dict[str, Any]]:
    """Items a), b), … under an addressee heading: its own work, the last a monthly
    report to the Ban Thường vụ."""
    out: list[dict[str, Any]] = []
    for n in range(items):
        letter = LETTERS[n]
        tid = f"{base}.{letter.replace('đ', 'dd')}"
        task: dict[str, Any] = {"id": tid, "marker": f"{letter})", "kind": "organisation"}
        if n == items - 1:
            task["text"] = f"Báo cáo kết quả thực hiện về {ctx.names[ROLE['standing']]} {MONTHLY}."
            task["report_to"] = [ROLE["standing"]]
            task["recurrences"] = [_recurrence(MONTHLY)]
        elif n % 2:
            phrase, deadline = _due(ctx)
            work = _work(ctx)
            task["text"] = f"{work[0].upper()}{work[1:]}, xong {phrase}."
            task["deadlines"] = [deadline]
        else:
            work = _work(ctx)
            task["text"] = f"{work[0].upper()}{work[1:]}."
        out.append(task)
    return out


def _plan(ctx: QuarterContext, topic: str) -> dict[str, Any]:
    """I. aims; II. "Giao …" items; III. an addressee heading per agency over lettered
    items, the Office's follow-up last."""
    leads = _agencies(ctx, 8)
    aims = {
        "id": "I",
        "kind": "principle",
        "text": f"Tạo chuyển biến rõ nét về {topic}; bảo đảm rõ người, rõ việc, rõ thời hạn.",
        "lead": [ROLE["all"]],
    }
    tasks = [
        _given(ctx, f"II.{n + 1}", f"{n + 1}.", lead, ROLE["office"])
        for n, lead in enumerate(leads[:4])
    ]
    addressed = [
        {
            "number": str(n + 1),
            "title": ctx.names[lead],
            "assignee": [lead],
            "tasks": _lettered(ctx, f"III.{n + 1}", 4 + n % 4),
        }
        for n, lead in enumerate([*leads[4:], ROLE["office"]])
    ]
    return {
        "preamble": [
            f"Để triển khai thực hiện có hiệu quả {topic}, Ban Thường vụ Tỉnh ủy Mẫu ban hành "
            "Kế hoạch như sau:"
        ],
        "sections": [
            {"number": "I", "title": "MỤC ĐÍCH, YÊU CẦU", "tasks": [aims]},
            {"number": "II", "title": "NHIỆM VỤ, GIẢI PHÁP", "tasks": tasks},
            {"number": "III", "title": "TỔ CHỨC THỰC HIỆN", "sections": addressed},
        ],
    }


def _instruction(ctx: QuarterContext, topic: str) -> dict[str, Any]:
    """Numbered points with no Roman parts, each led by the agency it opens with."""
    tasks = []
    for n, lead in enumerate(_agencies(ctx, 14)):
        text = f"{ctx.names[lead]} {_work(ctx)}"
        task: dict[str, Any] = {"id": str(n + 1), "marker": f"{n + 1}.", "kind": "task"}
        if n % 2 == 0:
            phrase, deadline = _due(ctx)
            text += f", hoàn thành {phrase}"
            task["deadlines"] = [deadline]
        task |= {"text": text + ".", "lead": [lead]}
        tasks.append(task)
    return {
        "preamble": [
            f"Thời gian qua, {topic} đã có chuyển biến nhưng còn hạn chế. Để khắc phục, Ban "
            "Thường vụ Tỉnh ủy Mẫu yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt các nội "
            "dung sau:"
        ],
        "tasks": tasks,
    }


def _notice(ctx: QuarterContext, topic: str) -> dict[str, Any]:
    """A meeting's conclusions: an addressee heading per agency over bulleted points."""
    sections = []
    for n, lead in enumerate(_agencies(ctx, 6)):
        first: dict[str, Any] = {"id": str(n + 1), "marker": "-", "kind": "task"}
        first["text"] = f"{_work(ctx)}."
        phrase, deadline = _due(ctx)
        second: dict[str, Any] = {
            "id": f"{n + 1}-1",
            "marker": "-",
            "kind": "task",
            "text": f"{_work(ctx)}, hoàn thành {phrase}.",
            "deadlines": [deadline],
        }
        first["text"] = first["text"][0].upper() + first["text"][1:]
        second["text"] = second["text"][0].upper() + second["text"][1:]
        third: dict[str, Any] = {"id": f"{n + 1}-2", "marker": "-", "kind": "task"}
        third["text"] = f"Báo cáo kết quả về {ctx.names[ROLE['standing']]} {MONTHLY}."
        third |= {"report_to": [ROLE["standing"]], "recurrences": [_recurrence(MONTHLY)]}
        sections.append(
            {
                "number": str(n + 1),
                "title": f"Đối với {ctx.names[lead]}",
                "assignee": [lead],
                "tasks": [first, second, third],
            }
        )
    quarter = ROMAN[ctx.quarter - 1]
    return {
        "preamble": [
            f"Ban Thường vụ Tỉnh ủy Mẫu họp nghe báo cáo về {topic} trong quý {quarter} năm "
            f"{ctx.year}. Ban Thường vụ Tỉnh ủy Mẫu kết luận như sau:"
        ],
        "sections": sections,
    }


def _letter(ctx: QuarterContext, topic: str) -> dict[str, Any]:
    """ "Kính gửi: …" then numbered points giving the work."""
    leads = _agencies(ctx, 8)
    tasks = [
        _given(ctx, str(n + 1), f"{n + 1}.", lead, leads[(n + 1) % len(leads)])
        for n, lead in enumerate(leads)
    ]
    return {
        "preamble": [
            f"Kính gửi: {ctx.names[ROLE['departments']]}.",
            f"Để bảo đảm tiến độ {topic}, Ban Thường vụ Tỉnh ủy Mẫu có ý kiến như sau:",
        ],
        "tasks": tasks,
    }


def _programme(ctx: QuarterContext, topic: str) -> dict[str, Any]:
    """I. aims; II. an assignment table: a row per task, its lead, supporter and time
    in cells of their own."""
    rows = []
    leads = _agencies(ctx, 10)
    for n, lead in enumerate(leads):
        month = 3 * ctx.quarter - n % 3
        when = (
            f"Quý {ROMAN[ctx.quarter - 1]}/{ctx.year}",
            f"Tháng {month}/{ctx.year}",
            f"Trước {ctx.rng.randint(1, 28)}/{month}/{ctx.year}",
        )[n % 3]
        work = _work(ctx)
        support = leads[(n + 1) % len(leads)]
        row: dict[str, Any] = {
            "id": f"II.{n + 1}",
            "marker": str(n + 1),
            "kind": "task",
            "text": f"{work[0].upper()}{work[1:]}",
            "cells": [ctx.names[lead], ctx.names[support], when, "Định kỳ" if n % 4 == 3 else None],
            "lead": [lead],
            "support": [support],
            "deadlines": [_deadline(when, ctx.year)],
        }
        rows.append(row)
    aims = {
        "id": "I",
        "kind": "principle",
        "text": f"Cụ thể hóa nhiệm vụ về {topic} thành các việc có cơ quan chủ trì, thời hạn.",
        "lead": [ROLE["all"]],
    }
    return {
        "preamble": [
            f"Để thực hiện {topic}, Ban Thường vụ Tỉnh ủy Mẫu ban hành Chương trình hành "
            "động như sau:"
        ],
        "sections": [
            {"number": "I", "title": "MỤC ĐÍCH, YÊU CẦU", "tasks": [aims]},
            {
                "number": "II",
                "title": "NHIỆM VỤ CỤ THỂ",
                "columns": list(COLUMNS),
                "tasks": rows,
            },
        ],
    }
