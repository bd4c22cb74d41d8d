"""Read Vietnamese deadline phrases ("trong tháng 5/2026") and recurring duties.

Matching works on a folded, lower-case copy of the phrase, so "Trước 15/6/2026" and
"truoc 15/6/2026" read the same. Dates are dd/mm/yyyy.

For a period (month, quarter, year) the normalised date is:
- with relation ``by`` (the default: "trong", "hết", "chậm nhất", "đến" …): the period's
  last day, the last day on which the work still counts as on time;
- with relation ``before`` ("trước tháng 6/2026", "trước quý III/2026"): the period's
  first day, an exclusive boundary, just as "trước 15/6/2026" keeps 15/6 as its date.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from ketluan.model.codes import Period, Precision, Relation
from ketluan.text.vietnamese import searchable

__all__ = [
    "DeadlinePhraseError",
    "ParsedDeadline",
    "ParsedRecurrence",
    "RecurrencePhraseError",
    "find_deadlines",
    "parse_deadline",
    "parse_recurrence",
]


@dataclass(frozen=True)
class ParsedDeadline:
    """A deadline normalised to a date, with its precision and relation."""

    date: datetime.date
    precision: Precision
    relation: Relation


@dataclass(frozen=True)
class ParsedRecurrence:
    """A recurring duty: its periods (shortest first) and the count per period, if any."""

    every: tuple[Period, ...]
    at_least: int | None


class DeadlinePhraseError(ValueError):
    """A phrase holds no deadline, several different ones, or an impossible date."""


class RecurrencePhraseError(ValueError):
    """A phrase holds no recurring period."""


_DEADLINE_EXAMPLES = (
    '(ví dụ: "trong tháng 5/2026", "trước 15/6/2026", "trong quý II năm 2026", "trong năm 2026")'
)
_RECURRENCE_EXAMPLES = '(ví dụ: "hằng tháng", "ít nhất 1 lần/quý", "mỗi năm 1 lần", "định kỳ")'

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_BEFORE = r"\b(?:(?P<before>truoc)\s+)?"
_YEAR_TAIL = r"(?:(?:\s*/\s*|\s+nam\s+)(?P<y>[0-9]{4})(?![0-9]))?"
# "mỗi tháng 1 lần", "quý 1 lần" count occurrences: they are not months or quarters.
_NOT_COUNT = r"(?!\s*(?:/\s*)?lan\b)"

_DATE = r"(?P<d>[0-9]{1,2})\s*/\s*(?P<m>[0-9]{1,2})"
_DAY_FULL = rf"(?:ngay\s+)?(?<![0-9/]){_DATE}\s*/\s*(?P<y>[0-9]{{4}})(?![0-9/])"
_DAY_WORDS = r"ngay\s+(?P<d>[0-9]{1,2})\s+thang\s+(?P<m>[0-9]{1,2})(?:\s+nam\s+(?P<y>[0-9]{4}))?"
_DAY_SHORT = rf"ngay\s+{_DATE}(?![0-9/])"
_MONTH = r"thang\s+(?P<m>[0-9]{1,2})(?![0-9])"
_QUARTER = r"quy\s+(?P<q>[ivx]+|[0-9]+)\b"
# A bare "năm 2026" names a scope ("Chương trình công tác năm 2026"), so a year is a
# deadline only after a word that makes it one.
_YEAR = r"\b(?:(?P<before>truoc)|trong|het|den|cuoi)\s+nam\s+(?P<y>[0-9]{4})(?![0-9])"

# Tried in this order; each match is blanked out before the next kind is tried, so
# "ngày 15 tháng 6 năm 2026" is not read again as a month, nor "quý II năm 2026" as a year.
_PATTERNS: tuple[tuple[Precision, re.Pattern[str]], ...] = tuple(
    (precision, re.compile(pattern))
    for precision, pattern in (
        (Precision.DAY, _BEFORE + _DAY_FULL),
        (Precision.DAY, _BEFORE + _DAY_WORDS + r"(?![0-9])"),
        (Precision.DAY, _BEFORE + _DAY_SHORT),
        (Precision.MONTH, _BEFORE + _MONTH + _NOT_COUNT + _YEAR_TAIL),
        (Precision.QUARTER, _BEFORE + _QUARTER + _NOT_COUNT + _YEAR_TAIL),
        (Precision.YEAR, _YEAR),
    )
)

_RECURRING = re.compile(r"(?:\b(?:tung|moi|hang)\s+|/\s*)(tuan|thang|quy|nam)\b(?!\s+[0-9]{4})")
_COUNT = re.compile(r"\b([0-9]+|mot|hai|ba|bon)\s*lan\b")
_COUNT_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4}
_PERIOD_WORDS = {
    "tuan": Period.WEEK,
    "thang": Period.MONTH,
    "quy": Period.QUARTER,
    "nam": Period.YEAR,
}
_PERIOD_ORDER = (Period.WEEK, Period.MONTH, Period.QUARTER, Period.YEAR)


def _period_date(precision: Precision, year: int, index: int, before: bool) -> datetime.date:
    """First day (if `before`) or last day of the month/quarter/year `index` of `year`."""
    if precision is Precision.YEAR:
        first_month, last_month = 1, 12
    elif precision is Precision.QUARTER:
        first_month, last_month = 3 * index - 2, 3 * index
    else:
        first_month = last_month = index
    if before:
        return datetime.date(year, first_month, 1)
    return datetime.date(year, last_month, calendar.monthrange(year, last_month)[1])


def _build(
    precision: Precision, m: re.Match[str], phrase: str, default_year: int | None
) -> ParsedDeadline:
    said = phrase[m.start() : m.end()].strip()
    groups = m.groupdict()
    before = groups.get("before") is not None
    relation = Relation.BEFORE if before else Relation.BY
    if groups.get("y") is not None:
        year = int(groups["y"])
    elif default_year is not None:
        year = default_year
    else:
        raise DeadlinePhraseError(
            f'thời hạn "{said}" trong cụm từ "{phrase}" không ghi năm {_DEADLINE_EXAMPLES}'
        )
    problem = ""
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        problem = f"năm phải từ {datetime.MINYEAR} đến {datetime.MAXYEAR}"
    elif precision is Precision.DAY:
        try:
            return ParsedDeadline(
                datetime.date(year, int(groups["m"]), int(groups["d"])), precision, relation
            )
        except ValueError:
            problem = "không có ngày này trong lịch"
    elif precision is Precision.MONTH:
        month = int(groups["m"])
        if 1 <= month <= 12:
            return ParsedDeadline(_period_date(precision, year, month, before), precision, relation)
        problem = "tháng phải từ 1 đến 12"
    elif precision is Precision.QUARTER:
        q = groups["q"]
        quarter = int(q) if q.isdigit() else _ROMAN.get(q, 0)
        if 1 <= quarter <= 4:
            return ParsedDeadline(
                _period_date(precision, year, quarter, before), precision, relation
            )
        problem = "quý phải là I, II, III, IV (hoặc 1–4)"
    else:
        return ParsedDeadline(_period_date(precision, year, 0, before), precision, relation)
    raise DeadlinePhraseError(
        f'thời hạn "{said}" trong cụm từ "{phrase}" không hợp lệ: {problem} {_DEADLINE_EXAMPLES}'
    )


def find_deadlines(
    phrase: str, *, default_year: int | None = None
) -> list[tuple[int, str, ParsedDeadline]]:
    """Every time expression in `phrase`: (where it starts, the words, what they mean),
    in text order. Raise DeadlinePhraseError for an impossible or yearless one."""
    work = searchable(phrase)
    found: list[tuple[int, str, ParsedDeadline]] = []
    for precision, pattern in _PATTERNS:
        for m in list(pattern.finditer(work)):
            said = phrase[m.start() : m.end()].strip()
            found.append((m.start(), said, _build(precision, m, phrase, default_year)))
            # NUL is in no pattern, so a blanked span cannot join its neighbours.
            work = work[: m.start()] + "\0" * (m.end() - m.start()) + work[m.end() :]
    return sorted(found, key=lambda item: item[0])


def parse_deadline(phrase: str, *, default_year: int | None = None) -> ParsedDeadline:
    """Find the one time expression in `phrase` and normalise it.

    `default_year` supplies the year for "trong quý II", "trong tháng 5", "ngày 15/6".
    Raise DeadlinePhraseError (message in Vietnamese) if the phrase holds no deadline,
    two different ones, an impossible date, or a yearless one without `default_year`.
    """
    distinct: dict[ParsedDeadline, str] = {}
    for _, said, parsed in find_deadlines(phrase, default_year=default_year):
        distinct.setdefault(parsed, said)
    if not distinct:
        raise DeadlinePhraseError(
            f'không tìm thấy thời hạn trong cụm từ "{phrase}" {_DEADLINE_EXAMPLES}'
        )
    if len(distinct) > 1:
        listed = ", ".join(f'"{said}"' for said in distinct.values())
        raise DeadlinePhraseError(
            f'cụm từ "{phrase}" có nhiều thời hạn khác nhau ({listed}); cần đúng một thời hạn'
        )
    return next(iter(distinct))


def parse_recurrence(phrase: str) -> ParsedRecurrence:
    """Read a recurring duty: "ít nhất 1 lần/quý" → ((quarter,), 1).

    Periods come from "từng/mỗi/hằng/hàng …" and "…/quý", shortest first; `at_least`
    is the "N lần" count if one is written (the first one), else None. "định kỳ" alone
    is recurring with no period stated. Raise RecurrencePhraseError otherwise.
    """
    work = searchable(phrase)
    periods = {_PERIOD_WORDS[m.group(1)] for m in _RECURRING.finditer(work)}
    if not periods and re.search(r"\bdinh\s+ky\b", work) is None:
        raise RecurrencePhraseError(
            f'không tìm thấy chu kỳ lặp lại trong cụm từ "{phrase}" {_RECURRENCE_EXAMPLES}'
        )
    count = _COUNT.search(work)
    at_least = None
    if count is not None:
        word = count.group(1)
        at_least = int(word) if word.isdigit() else _COUNT_WORDS[word]
    return ParsedRecurrence(tuple(p for p in _PERIOD_ORDER if p in periods), at_least)
