"""Vietnamese labels for the model's codes: everything an official reads is Vietnamese."""

from __future__ import annotations

from macros.model import AgencyGroup, Operator, Period, Precision, Relation, TaskKind

GROUPS: dict[AgencyGroup, str] = {
    AgencyGroup.LEADERSHIP: "Lãnh đạo Tỉnh ủy",
    AgencyGroup.ADVISORY: "Cơ quan chuyên trách, tham mưu, giúp việc Tỉnh ủy",
    AgencyGroup.AFFILIATED: "Đảng ủy trực thuộc Tỉnh ủy",
    AgencyGroup.STEERING: "Ban chỉ đạo",
    AgencyGroup.GOVERNMENT: "Chính quyền, cơ quan nhà nước",
    AgencyGroup.COMMUNE: "Cấp xã, phường",
    AgencyGroup.GENERAL: "Cơ quan, đơn vị nói chung",
}

KINDS: dict[TaskKind, str] = {
    TaskKind.TASK: "Nhiệm vụ",
    TaskKind.PRINCIPLE: "Nguyên tắc",
    TaskKind.RESPONSIBILITY: "Trách nhiệm",
    TaskKind.ORGANISATION: "Tổ chức thực hiện",
}

PRECISIONS: dict[Precision, str] = {
    Precision.DAY: "ngày",
    Precision.MONTH: "tháng",
    Precision.QUARTER: "quý",
    Precision.YEAR: "năm",
}

RELATIONS: dict[Relation, str] = {Relation.BY: "chậm nhất", Relation.BEFORE: "trước"}

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
