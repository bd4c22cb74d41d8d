"""The model's codes: the closed vocabularies a data file chooses from.

Each is a `StrEnum` whose values are what the YAML holds; `ketluan.render.labels` gives
each its Vietnamese label.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "AgencyGroup",
    "Delegation",
    "Measure",
    "Operator",
    "Period",
    "Precision",
    "Relation",
    "Status",
    "TaskKind",
]


class AgencyGroup(StrEnum):
    """Where an agency sits; drives the grouping of the agency index."""

    LEADERSHIP = "lanh-dao-tinh-uy"  # Ban Chấp hành, Ban Thường vụ, Thường trực Tỉnh ủy
    ADVISORY = "co-quan-tham-muu"  # cơ quan chuyên trách, tham mưu, giúp việc Tỉnh ủy
    AFFILIATED = "dang-uy-truc-thuoc"  # đảng ủy trực thuộc Tỉnh ủy
    STEERING = "ban-chi-dao"  # ban chỉ đạo
    GOVERNMENT = "chinh-quyen"  # chính quyền, cơ quan nhà nước, chủ đầu tư
    COMMUNE = "cap-xa"  # xã, phường
    GENERAL = "chung"  # cơ quan, đơn vị nói chung


class TaskKind(StrEnum):
    """What a numbered or bulleted paragraph of sections II–IV asks for."""

    TASK = "task"
    PRINCIPLE = "principle"
    RESPONSIBILITY = "responsibility"
    ORGANISATION = "organisation"


class Operator(StrEnum):
    """Comparison a target or figure states ("trên 30%" is `>`, "ít nhất 30%" is `>=`)."""

    EQ = "="
    GT = ">"
    GE = ">="
    LT = "<"
    LE = "<="
    RANGE = "range"


class Measure(StrEnum):
    """What kind of figure the review reports."""

    GROWTH = "growth"  # tăng x% so với ...
    LEVEL = "level"  # đạt x đơn vị
    RANK = "rank"  # xếp thứ x(/n)
    COUNT = "count"  # x đơn vị (xã, phường, ...)


class Status(StrEnum):
    """Reported task statuses, the vocabulary of Vietnamese task-tracking systems.

    "quá hạn, chưa có báo cáo" is deliberately absent: it is computed, never reported.
    """

    NOT_DUE = "chưa đến hạn"
    IN_PROGRESS = "đang thực hiện"
    DONE_ON_TIME = "hoàn thành đúng hạn"
    DONE_LATE = "hoàn thành quá hạn"
    OVERDUE = "quá hạn chưa hoàn thành"
    DUE_SOON = "sắp đến hạn"
    NO_DEADLINE = "không có thời hạn"
    PAUSED = "tạm dừng"
    DROPPED = "không tiếp tục thực hiện"


class Delegation(StrEnum):
    """How the signer signs for the issuing body."""

    ON_BEHALF = "T/M"  # thay mặt
    BY_ORDER = "T/L"  # thừa lệnh
    FOR = "K/T"  # ký thay
    AUTHORISED = "TUQ"  # thừa ủy quyền


class Precision(StrEnum):
    """How precisely a deadline is stated."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class Relation(StrEnum):
    """Whether the work is due by the date (inclusive) or before it (exclusive)."""

    BY = "by"
    BEFORE = "before"


class Period(StrEnum):
    """The period of a recurring duty."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
