"""The timeline's geometry: months in order, one marker per date, sized by count."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from ketluan.render.timeline import AXIS_Y, BELOW_AXIS, label_width, layout


def test_no_dates_no_timeline() -> None:
    assert layout([]) is None


def test_markers_and_ticks() -> None:
    days = [date(2026, 5, 31)] * 3 + [date(2026, 6, 15), date(2026, 12, 31)]
    tl = layout(days)
    assert tl is not None
    assert [t.label for t in tl.ticks] == ["tháng 5/2026"] + [f"tháng {m}" for m in range(6, 13)]
    assert [(m.day, m.count) for m in tl.markers] == [
        (date(2026, 5, 31), 3),
        (date(2026, 6, 15), 1),
        (date(2026, 12, 31), 1),
    ]
    xs = [m.x for m in tl.markers]
    assert xs == sorted(xs) and tl.start_x <= xs[0] and xs[-1] == tl.end_x
    assert tl.markers[0].radius > tl.markers[1].radius


def test_the_year_is_shown_again_when_it_changes() -> None:
    tl = layout([date(2026, 11, 30), date(2027, 2, 28)])
    assert tl is not None
    assert [t.label for t in tl.ticks] == ["tháng 11/2026", "tháng 12", "tháng 1/2027", "tháng 2"]


def test_close_dates_take_rows_of_their_own_and_far_ones_share_the_first() -> None:
    days = [date(2026, 5, d) for d in (1, 2, 3, 4)] + [date(2026, 9, 30)]
    tl = layout(days)
    assert tl is not None
    rows = sorted({m.label_y for m in tl.markers}, reverse=True)
    assert len(rows) == 4  # four dates a day apart: four rows
    assert tl.markers[-1].label_y == rows[0]  # the far date is back in the first row
    assert tl.height == tl.axis_y + BELOW_AXIS and tl.axis_y > AXIS_Y  # the drawing grew


def test_no_two_labels_of_a_row_overlap_and_none_leaves_the_drawing() -> None:
    days = [date(2026, 4, 1) + timedelta(days=3 * i) for i in range(40)]
    tl = layout(days)
    assert tl is not None
    by_row: dict[float, list[tuple[float, float]]] = {}
    for m in tl.markers:
        half = label_width(m.label) / 2
        assert m.label_x - half >= 0 and m.label_x + half <= tl.width, m.label
        by_row.setdefault(m.label_y, []).append((m.label_x - half, m.label_x + half))
    for spans in by_row.values():
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end < start
    assert min(m.label_y for m in tl.markers) > 0  # the top row is inside the drawing


def test_labels_say_the_date_and_how_many_fall_due() -> None:
    tl = layout([date(2026, 6, 30)] * 3)
    assert tl is not None
    assert [m.label for m in tl.markers] == ["30/6/2026 (3)"]
