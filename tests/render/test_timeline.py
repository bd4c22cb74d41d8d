"""The timeline's geometry: months in order, one marker per date, sized by count."""

from __future__ import annotations

from datetime import date

from macros.render.timeline import layout


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
