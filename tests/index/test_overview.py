"""The agency overview (ketluan.index.overview): per agency, tasks led, due so far,
done on time, done late, overdue, unreported, for a fictional three-quarter dataset."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import yaml

from ketluan.fictional import Scale, dump, generate
from ketluan.index.overview import overview
from ketluan.index.site_index import build_index
from ketluan.load import validate_text
from ketluan.load.writer import dump_yaml

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


def test_an_agency_whose_every_task_is_reported_by_hand() -> None:
    data: dict[str, Any] = yaml.safe_load(dump(generate(SCALE)))
    plain = build_index(validate_text(yaml.safe_dump(data, allow_unicode=True), "mau.yml"))
    _day, rows = overview(plain)
    row = max(rows, key=lambda r: r.led)
    led = [
        e
        for e in (*plain.earlier, *plain.entries)
        if row.view.agency in e.leaders and not plain.continued_by.get(e.ref)
    ]
    assert len(led) == row.led >= 8
    # Hand-made: every fourth task done on time, every fourth after it done late, then
    # one in progress and one with no report at all; the reports dated the day after
    # the newest meeting, so that every deadline of the first three quarters has passed
    # only if it lies before that day.
    day = plain.conclusion.meeting_date + timedelta(days=1)
    status = {0: "hoàn thành đúng hạn", 1: "hoàn thành quá hạn", 2: "đang thực hiện"}
    refs = {e.ref for e in led}
    for quarter in data["quarters"]:
        quarter["reports"] = [r for r in quarter.get("reports", []) if r["task"] not in refs]
    mine = []
    for n, entry in enumerate(led):
        if n % 4 in status:
            dated = [d.date for d in entry.task.deadlines if not d.aim]
            said = status[n % 4]
            if said == "hoàn thành quá hạn" and not any(d < day for d in dated):
                said = "hoàn thành đúng hạn"  # nothing can be late before its deadline
            mine.append({"task": entry.ref, "status": said, "date": day})
    data["quarters"][-1]["reports"] = data["quarters"][-1].get("reports", []) + mine
    index = build_index(validate_text(dump_yaml(data), "mau.yml"))
    as_of, after = overview(index)
    new = next(r for r in after if r.agency_id == row.agency_id)
    on_time = sum(r["status"] == "hoàn thành đúng hạn" for r in mine)
    assert (new.led, new.on_time, new.late) == (
        len(led),
        on_time,
        len(mine) - on_time - sum(r["status"] == "đang thực hiện" for r in mine),
    )
    silent = [e for n, e in enumerate(led) if n % 4 == 3]
    assert new.unreported == len(silent)
    assert as_of == day
    late_silent = sum(
        any(d.date < day for d in e.task.deadlines if d.relation.value == "by" and not d.aim)
        or any(
            d.date <= day for d in e.task.deadlines if d.relation.value == "before" and not d.aim
        )
        for e in silent
    )
    assert new.passed_unreported == late_silent
    assert new.overdue == sum(r["status"] == "quá hạn chưa hoàn thành" for r in mine)


def test_the_table_counts_the_version_s_year_only() -> None:
    """Ten years of quarters would make the table the largest part of every version:
    it counts this quarter and the three before; older ones in their own versions."""
    six = Scale(quarters=6, agencies=24, communes=8, tasks_per_quarter=30, documents=12)
    index = build_index(validate_text(dump(generate(six)), "mau.yml"))
    _day, rows = overview(index)
    year = index.quarters[-4:]
    counted = [
        e
        for e in (*index.earlier, *index.entries)
        if any(e.conclusion is q for q in year) and not index.continued_by.get(e.ref)
    ]
    assert sum(r.led for r in rows) == sum(len(e.leaders) for e in counted)
    assert len(counted) < len(index.earlier) + len(index.entries)  # older ones left out


def test_past_the_busiest_agencies_the_others_share_one_bar(monkeypatch: Any) -> None:
    from ketluan.index import overview as module
    from ketluan.model import AgencyGroup

    scale = Scale(quarters=1, agencies=40, communes=10, tasks_per_quarter=80, documents=10)
    _day, tallies = overview(build_index(validate_text(dump(generate(scale)), "mau.yml")))
    own = [t for t in tallies if t.view.agency.group is not AgencyGroup.COMMUNE]
    monkeypatch.setattr(module, "BARS_SHOWN", 5)
    drawn = module.bars(tallies)
    keys = [b.key for b in drawn]
    assert len(own) > 5 and keys[5] == "khac" and keys[-1] == "cap-xa" and len(keys) == 7
    # The five drawn alone lead at least as many tasks as any agency in the shared bar.
    alone = {t.agency_id: t.led for t in own if t.agency_id in keys}
    shared = next(b for b in drawn if b.key == "khac")
    assert min(alone.values()) >= max(t.led for t in own if t.agency_id in shared.members)
    assert shared.led == sum(t.led for t in own if t.agency_id in shared.members)
    assert f"({len(own) - 5} đơn vị)" in shared.name
    # Every lead agency is in exactly one bar.
    members = [m for b in drawn for m in b.members]
    assert sorted(members) == sorted(t.agency_id for t in tallies)
