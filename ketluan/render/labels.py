"""Vietnamese labels for the model's codes: everything an official reads is Vietnamese."""

from __future__ import annotations

from datetime import date

from ketluan.model import AgencyGroup, Deadline, Operator, Period, Precision, Relation, TaskKind
from ketluan.model.calendar import ROMAN
from ketluan.text.vietnamese import vi_date

GROUPS: dict[AgencyGroup, str] = {
    AgencyGroup.LEADERSHIP: "Lãnh đạo Tỉnh ủy",
    AgencyGroup.ADVISORY: "Cơ quan chuyên trách, tham mưu, giúp việc Tỉnh ủy",
    AgencyGroup.AFFILIATED: "Đảng ủy trực thuộc Tỉnh ủy",
    AgencyGroup.STEERING: "Ban chỉ đạo",
    AgencyGroup.GOVERNMENT: "Chính quyền, cơ quan nhà nước",
    AgencyGroup.COMMUNE: "Cấp xã, phường",
    AgencyGroup.GENERAL: "Cơ quan, đơn vị nói chung",
}

# What each role of an agency in a task is called (cards, the review page, exports).
ROLES: dict[str, str] = {
    "lead": "Chủ trì",
    "duties": "Phần việc riêng",
    "support": "Phối hợp",
    "accountable": "Chịu trách nhiệm",
    "report_to": "Báo cáo",
}

# The task given through a heading ("2. Đối với Đảng ủy Ủy ban nhân dân tỉnh") to the
# agency it addresses, though the paragraph names another: not a role the text states.
THROUGH_HEADING = "Giao qua đề mục"

# The sections of an agency's page and printout, in order: (AgencyView field, heading,
# the note under it, with "{name}" for the agency's). "Giao chung" follows them.
AGENCY_SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("lead", "Nhiệm vụ chủ trì", ""),
    (
        "addressed",
        "Nhiệm vụ giao qua đề mục",
        "Các đoạn sau thuộc một đề mục Kết luận giao cho {name}, "
        "dù câu văn nêu tên đơn vị thực hiện.",
    ),
    (
        "duties",
        "Phần việc riêng",
        "Trong các nhiệm vụ sau, Kết luận giao {name} một phần việc riêng, "
        "bên cạnh đơn vị chủ trì.",
    ),
    ("support", "Nhiệm vụ phối hợp", "Thời hạn trong các nhiệm vụ này là của đơn vị chủ trì."),
    (
        "accountable",
        "Chịu trách nhiệm",
        "Kết luận nêu {name} chịu trách nhiệm trong các nhiệm vụ sau.",
    ),
)

# Under "Nhiệm vụ giao chung": what binds a member through its collective.
COLLECTIVE_NOTE = (
    "Các nhiệm vụ sau được giao cho một tập thể có {name} là thành viên, "
    "nên {name} cũng có trách nhiệm thực hiện."
)

KINDS: dict[TaskKind, str] = {
    TaskKind.TASK: "Nhiệm vụ",
    TaskKind.PRINCIPLE: "Nguyên tắc",
    TaskKind.RESPONSIBILITY: "Trách nhiệm",
    TaskKind.ORGANISATION: "Tổ chức thực hiện",
}

PERIODS: dict[Period, str] = {
    Period.WEEK: "tuần",
    Period.MONTH: "tháng",
    Period.QUARTER: "quý",
    Period.YEAR: "năm",
}

OPERATORS: dict[Operator, str] = {
    Operator.EQ: "",
    Operator.GT: "trên",
    Operator.GE: "ít nhất",
    Operator.LT: "dưới",
    Operator.LE: "tối đa",
    Operator.RANGE: "từ",
}

LEVELS: dict[str, str] = {
    "trung-uong": "Trung ương",
    "quoc-hoi": "Quốc hội",
    "chinh-phu": "Chính phủ",
    "tinh-uy": "Tỉnh ủy",
    "chinh-quyen-tinh": "Chính quyền tỉnh",
    "khac": "Chưa rõ cấp ban hành",
}


def period_of(day: date, precision: Precision | None) -> str:
    """The period a date stands for at a precision: "năm 2026", "quý II/2026"."""
    if precision is Precision.YEAR:
        return f"năm {day.year}"
    if precision is Precision.QUARTER:
        return f"quý {ROMAN[(day.month - 1) // 3]}/{day.year}"
    if precision is Precision.MONTH:
        return f"tháng {day.month}/{day.year}"
    return f"ngày {vi_date(day)}"


def deadline_note(deadline: Deadline) -> str:
    """What a deadline's date means, in words: "hạn: hết quý II/2026", "trước ngày
    15/6/2026"; an aim says so ("mục tiêu phấn đấu: hết năm 2026")."""
    before = deadline.relation is Relation.BEFORE
    when = period_of(deadline.date, deadline.precision)
    day_only = deadline.precision is Precision.DAY
    said = f"trước {when}" if before else (when if day_only else f"hết {when}")
    if deadline.aim:
        return f"mục tiêu phấn đấu: {said}"
    if deadline.derived:
        return f"suy ra từ văn bản, có thể không phải thời hạn: {said}"
    if deadline.report:
        return f"hạn báo cáo: {said}"
    return said if before else f"hạn: {said}"


def role_summary(counts: dict[str, int]) -> str:
    """What an agency is given, in words, without the roles it has none of:
    {"chủ trì": 1, "phối hợp": 0} → "chủ trì 1 nhiệm vụ"."""
    parts = [f"{role} {n}" for role, n in counts.items() if n]
    if parts:
        parts[0] += " nhiệm vụ"
    return ", ".join(parts)
