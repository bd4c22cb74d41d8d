"""The quarter calendar: keys, titles, the year a conclusion plans for, build stamps.

A quarter is keyed `2026-q1` and titled "Quý I/2026"; its conclusion is adopted at a
meeting after the quarter it reviews and plans the quarter after it.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import UTC, date, datetime

from ketluan.model.keys import ROMAN, QuarterKey
from ketluan.model.records import Conclusion

__all__ = [
    "ROMAN",
    "UnknownQuarter",
    "build_stamp",
    "find_quarter",
    "planning_year",
    "quarter_end",
]


def quarter_end(year: int, quarter: int) -> date:
    """The last day of a quarter."""
    month = 3 * quarter
    return date(year, month, calendar.monthrange(year, month)[1])


def planning_year(key: str) -> int:
    """The year of the quarter a conclusion plans for: the one after the quarter it reviews.

    A phrase like "trong quý II" without a year is read in that year.
    """
    parsed = QuarterKey.parse(key)
    assert parsed is not None, key  # keys are checked before this is called
    return parsed.planning_year


def build_stamp(conclusion: Conclusion) -> datetime:
    """The time a build of this quarter's version stamps on its files (sitemap, gzip,
    PDFs): its meeting day at midnight UTC, so that a republication is byte-identical."""
    day = conclusion.meeting_date
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


class UnknownQuarter(LookupError):
    """A quarter key that the data does not hold; the message is for the Office."""

    def __init__(self, key: str, keys: Sequence[str]) -> None:
        held = ", ".join(keys) or "không có quý nào"
        super().__init__(f"không có quý '{key}' trong dữ liệu (có: {held})")
        self.key = key


def find_quarter(quarters: Sequence[Conclusion], key: str | None) -> int:
    """The position of quarter `key` (None: the newest); UnknownQuarter if absent."""
    keys = [q.key for q in quarters]
    if key is None:
        if not keys:
            raise UnknownQuarter("", keys)
        return len(keys) - 1
    if key not in keys:
        raise UnknownQuarter(key, keys)
    return keys.index(key)
