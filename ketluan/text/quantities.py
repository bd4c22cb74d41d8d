"""Read the numbers of a Vietnamese phrase: value, comparison, range and unit.

"đạt trên 30%" is more than 30 per cent; "tăng từ 3-4%" a range from 3 to 4;
"ít nhất 30%", "$\\geq 50\\%$" at least; "35.636 tỷ đồng" thirty-five thousand six
hundred and thirty-six (a dot groups thousands, a comma marks decimals); "4/34" a
rank out of 34. A target or figure keeps the words it was read from, and the checks
use these readers to prove that its structured value says what its words say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ketluan.model import Operator
from ketluan.text.vietnamese import searchable

__all__ = ["Number", "numbers", "operator_before", "range_end", "unit_after"]


@dataclass(frozen=True, slots=True)
class Number:
    """A number as written at phrase[start:end], and its value."""

    start: int
    end: int
    text: str
    value: Decimal


# "35.636" groups thousands; "10,43" has decimals; a number glued to a letter or a
# digit group ("57-NQ", "15/6/2026" inside a longer run) is still a number token.
_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?![\d]|[.,]\d)")

# The words before a number that state a comparison, longest first, on the folded
# phrase: "không dưới" is at least, before "dưới" can read it as less than.
_OPERATORS: tuple[tuple[Operator, str], ...] = tuple(
    (op, words)
    for op, group in (
        (Operator.GE, ("khong duoi", "khong it hon", "it nhat", "toi thieu", "\\geq", "≥", ">=")),
        (
            Operator.LE,
            ("khong vuot qua", "khong qua", "khong cao hon", "toi da", "\\leq", "≤", "<="),
        ),
        (Operator.GT, ("cao hon", "vuot", "tren", "hon", ">")),
        (Operator.LT, ("thap hon", "it hon", "duoi", "<")),
    )
    for words in group
)
_OPERATOR_BEFORE = [
    (op, words, re.compile(r"(?:^|(?<=[\s$(]))" + re.escape(words) + r"[\s$]*$"))
    for op, words in sorted(_OPERATORS, key=lambda item: -len(item[1]))
]
_RANGE_JOIN = re.compile(r"\s*[-–—]\s*|\s+(?:den|toi)\s+")


def numbers(phrase: str) -> list[Number]:
    """Every number written in `phrase`, left to right (years and dates included)."""
    return [
        Number(m.start(), m.end(), m.group(), _value(m.group())) for m in _NUMBER.finditer(phrase)
    ]


def _value(written: str) -> Decimal:
    return Decimal(written.replace(".", "").replace(",", "."))


def operator_before(phrase: str, number: Number) -> tuple[Operator, str]:
    """The comparison stated right before `number`, and the words stating it;
    ("range", "từ …-…") when it opens a range, ("=", "") when nothing is stated."""
    upper = range_end(phrase, number)
    if upper is not None:
        return Operator.RANGE, phrase[number.start : upper.end]
    start = max(0, number.start - 24)
    before = searchable(phrase[start : number.start])
    for op, _words, pattern in _OPERATOR_BEFORE:
        m = pattern.search(before)
        if m is not None:
            return op, phrase[start + m.start() : start + m.end()].strip(" $")
    return Operator.EQ, ""


def range_end(phrase: str, number: Number) -> Number | None:
    """The upper bound when `number` opens a range ("3-4%", "3 đến 4%"), else None."""
    join = _RANGE_JOIN.match(searchable(phrase), number.end)
    if join is None:
        return None
    after = _NUMBER.match(phrase, join.end())
    if after is None:
        return None
    return Number(after.start(), after.end(), after.group(), _value(after.group()))


def unit_after(phrase: str, number: Number) -> str:
    """The text right after `number`, as a unit would stand there: "\\%" reads "%"."""
    rest = phrase[number.end :].lstrip()
    return "%" + rest[2:] if rest.startswith("\\%") else rest
