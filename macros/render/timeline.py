"""Lay out a timeline of deadlines as plain geometry; a template draws it as SVG.

No JavaScript: the picture is made at build time and prints as it shows.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

WIDTH = 720
HEIGHT = 110
MARGIN = 40
AXIS_Y = 60


@dataclass(frozen=True, slots=True)
class Tick:
    """A month boundary on the axis."""

    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Marker:
    """One deadline date: where it stands and how many tasks fall due."""

    x: float
    day: date
    count: int
    radius: float
    label_y: float


@dataclass(frozen=True, slots=True)
class Timeline:
    """The drawing: size, month ticks and date markers."""

    width: int
    height: int
    axis_y: int
    start_x: float
    end_x: float
    ticks: tuple[Tick, ...]
    markers: tuple[Marker, ...]


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def layout(days: Iterable[date]) -> Timeline | None:
    """Geometry for deadlines on `days` (one per task deadline); None when there are none."""
    counts = Counter(days)
    if not counts:
        return None
    first = _month_start(min(counts))
    last_day = max(counts)
    end = date(last_day.year, last_day.month, calendar.monthrange(last_day.year, last_day.month)[1])
    span = max((end - first).days, 1)

    def x(day: date) -> float:
        return round(MARGIN + (WIDTH - 2 * MARGIN) * (day - first).days / span, 1)

    ticks: list[Tick] = []
    month = first
    while month <= end:
        # "tháng 5/2026", then "tháng 6" until the year changes: one date style throughout.
        shown_year = not ticks or month.month == 1
        ticks.append(
            Tick(x(month), f"tháng {month.month}" + (f"/{month.year}" if shown_year else ""))
        )
        month = _next_month(month)
    markers = []
    for i, (day, n) in enumerate(sorted(counts.items())):
        # Alternate label rows so that close dates stay readable.
        markers.append(Marker(x(day), day, n, 4 + min(n, 8), AXIS_Y - 22 - (i % 2) * 14))
    return Timeline(WIDTH, HEIGHT, AXIS_Y, x(first), x(end), tuple(ticks), tuple(markers))
