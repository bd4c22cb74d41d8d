"""The agency overview (macros.index.overview): per agency, tasks led, due so far,
done on time, done late, overdue, unreported, for a fictional three-quarter dataset."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import yaml

from macros.fictional import Scale, dump, generate
from macros.index.overview import overview
from macros.index.site_index import build_index
from macros.load import validate_text

SCALE = Scale(quarters=3, agencies=24, communes=8, tasks_per_quarter=30, documents=12)


def test_counts_follow_the_reports_one_by_one() -> None:
    data: dict[str, Any] = yaml.safe_load(dump(generate(SCALE)))
    plain = build_index(validate_text(yaml.safe_dump(data, allow_unicode=True), "mau.yml"))
    _day, rows = overview(plain)
    row = max(rows, key=lambda r: r.led)  # the agency leading most
    tasks = [
        e
        for e in plain.entries
        if row.view.agency in e.leaders and e.task.deadlines and not plain.reports.get(e.ref)
    ][:3]
    assert len(tasks) == 3
    last = data["quarters"][-1]
    meeting = plain.conclusion.meeting_date
    due = [min(d.date for d in e.task.deadlines) for e in tasks]
    last.setdefault("reports", []).extend(
        [
            {"task": tasks[0].ref, "status": "hoàn thành đúng hạn", "date": meeting + timedelta(1)},
            {"task": tasks[1].ref, "status": "hoàn thành quá hạn", "date": due[1] + timedelta(5)},
            {"task": tasks[2].ref, "status": "đang thực hiện", "date": meeting + timedelta(2)},
        ]
    )
    index = build_index(validate_text(yaml.safe_dump(data, allow_unicode=True), "mau.yml"))
    day, after = overview(index)
    new = next(r for r in after if r.agency_id == row.agency_id)
    # By hand: two completions more, one report that is not one, three fewer unreported.
    assert (new.on_time, new.late) == (row.on_time + 1, row.late + 1)
    assert new.unreported == row.unreported - 3
    assert new.led == row.led
    assert day == max(due[1] + timedelta(5), meeting + timedelta(2), meeting)
    # Every row: its parts never exceed the whole.
    for r in after:
        assert r.on_time + r.late <= r.led and r.unreported <= r.led and r.due <= r.led
    assert [r.agency_id for r in after] == [
        v.agency.id for v in index.agencies_sorted if any(r.agency_id == v.agency.id for r in after)
    ]
