"""Lay out a timeline of deadlines as plain geometry; a template draws it as SVG.

No JavaScript: the picture is made at build time and prints as it shows.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ketluan.text.vietnamese import vi_date

WIDTH = 720
MARGIN = 40
AXIS_Y = 60  # with the two label rows every timeline has room for
BELOW_AXIS = 50  # ticks and month names
ROW = 16  # between two rows of date labels: more than a line of 11 px text
LABEL_GAP = 6  # the least space between two labels of one row


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
    label: str  # "30/6/2026 (3)"
    label_x: float  # kept inside the drawing at its ends
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
    dates = sorted(counts.items())
    labels = [f"{vi_date(day)} ({n})" for day, n in dates]
    xs = [x(day) for day, _ in dates]
    label_xs = [
        min(max(at, label_width(text) / 2), WIDTH - label_width(text) / 2)
        for at, text in zip(xs, labels, strict=True)
    ]
    rows = label_rows(label_xs, labels)
    axis_y = AXIS_Y + ROW * max(0, max(rows) - 1)
    markers = tuple(
        Marker(at, day, n, 4 + min(n, 8), text, label_x, axis_y - 22 - ROW * row)
        for at, (day, n), text, label_x, row in zip(xs, dates, labels, label_xs, rows, strict=True)
    )
    return Timeline(WIDTH, axis_y + BELOW_AXIS, axis_y, x(first), x(end), tuple(ticks), markers)


def label_width(text: str) -> float:
    """About how wide `text` is drawn at the timeline's 11 px, in its units: digits are
    the widest characters of a date label (7 px in DejaVu Sans, 6.3 in Noto Sans)."""
    return sum(7.0 if c.isdigit() else 4.5 for c in text)


def label_rows(centres: list[float], labels: list[str]) -> list[int]:
    """A row for each label (0 nearest the axis), centred at `centres` in order: the
    nearest row where it clears the label before it, so that close dates never
    overlap."""
    ends: list[float] = []  # the right end of each row's last label
    rows = []
    for centre, text in zip(centres, labels, strict=True):
        half = label_width(text) / 2
        row = next((r for r, end in enumerate(ends) if end + LABEL_GAP <= centre - half), None)
        if row is None:
            row = len(ends)
            ends.append(0.0)
        ends[row] = centre + half
        rows.append(row)
    return rows
