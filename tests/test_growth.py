"""The suite survives the Office's next real quarter.

A plainly fictional quarter (`tests/data/real-next-quarter.yml`: a report on a task of
the real conclusion, a task that carries one of its tasks on) is appended to a copy of
the real data, as the README tells the Office to add a quarter. The real conclusion
must read exactly as before: same roles (the hand-checked table), same pages of its
version, byte for byte; and the newest version shows it as the earlier quarter.
"""

from __future__ import annotations

import filecmp
from datetime import date
from pathlib import Path

import pytest
from sitecheck import (
    REAL_QUARTER,
    build_site,
    grown_key,
    real_assignments,
    section,
    task_cards,
    task_links,
)

from ketluan.index.site_index import build_index
from ketluan.model import Dataset


@pytest.mark.parametrize("data", ["real_dataset", "grown_dataset"])
def test_the_real_conclusion_gives_each_agency_what_the_table_says(
    data: str, request: pytest.FixtureRequest
) -> None:
    index = build_index(request.getfixturevalue(data), REAL_QUARTER)
    table = real_assignments()
    assert set(index.agencies) == set(table)
    for agency, view in index.agencies.items():
        got = {
            "lead": [e.task.id for e in view.lead],
            "addressed": [e.task.id for e in view.addressed],
            "duties": [e.task.id for e in view.duties],
            "support": [e.task.id for e in view.support],
            "accountable": [e.task.id for e in view.accountable],
            "collective": [e.task.id for e, _group in view.collective],
            "reports": {
                e.task.id: [d.date for d in e.report_deadlines] for e in view.reports_to_it
            },
        }
        owned: dict[str, list[date]] = {}
        for due in view.dues:
            owned.setdefault(due.entry.task.id, []).append(due.deadline.date)
        expected = {k: v for k, v in table[agency].items() if k != "deadlines"}
        assert got == expected, agency
        assert {t: sorted(ds) for t, ds in owned.items()} == {
            t: sorted(ds) for t, ds in table[agency]["deadlines"].items()
        }, agency


def test_the_new_quarter_sees_the_real_one_as_earlier(
    grown_dataset: Dataset, grown_file: Path
) -> None:
    index = build_index(grown_dataset)
    key = grown_key(grown_file)
    assert index.conclusion.key == key
    carried = index.continued_by[f"{REAL_QUARTER}/II.1-2"]
    assert f"{key}/II.1" in [e.ref for e in carried]
    sand = index.by_ref[f"{REAL_QUARTER}/II.2.6-1"]
    assert index.state(sand).label == "hoàn thành đúng hạn"


@pytest.mark.build
def test_the_real_version_is_byte_identical_with_a_later_quarter(
    grown_file: Path, tmp_path: Path
) -> None:
    alone, grown = tmp_path / "alone", tmp_path / "grown"
    build_site(alone, quarter=REAL_QUARTER)
    build_site(grown, grown_file, quarter=REAL_QUARTER)
    differ = filecmp.dircmp(alone, grown)
    pending, different = [differ], []
    while pending:
        d = pending.pop()
        different += d.left_only + d.right_only + d.diff_files
        pending += d.subdirs.values()
    assert different == []


@pytest.mark.build
def test_the_newest_version_shows_the_real_tasks_as_earlier(
    grown_file: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    build_site(site, grown_file)
    html = (site / "co-quan/ban-to-chuc/index.html").read_text(encoding="utf-8")
    assert "nv-ii-1" in task_cards(section(html, "Nhiệm vụ chủ trì"))
    history = (site / "co-quan/ban-to-chuc/lich-su/index.html").read_text(encoding="utf-8")
    row = next(r for r in history.split("<tr>") if f"{REAL_QUARTER}/toan-van/#nv-ii-1-2" in r)
    links = task_links(row)  # the real task, then what carries it on: the new II.1 last
    assert links[0] == f"{REAL_QUARTER}/nv-ii-1-2" and links[-1] == "nv-ii-1"
    noi_chinh = (site / "co-quan/ban-noi-chinh/lich-su/index.html").read_text(encoding="utf-8")
    row = next(r for r in noi_chinh.split("<tr>") if f"{REAL_QUARTER}/toan-van/#nv-ii-1-4" in r)
    assert "đang thực hiện" in row
    changes = (site / "thay-doi/index.html").read_text(encoding="utf-8")
    done = section(changes, "Đã hoàn thành")
    assert f"{REAL_QUARTER}/nv-ii-2-6-1" in task_links(done)
