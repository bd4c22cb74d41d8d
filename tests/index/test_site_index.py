"""Indexes of the real data: roles, deadlines and documents resolved once."""

from __future__ import annotations

import copy
import dataclasses
from datetime import date

import pytest
from sitecheck import REAL_DATA, REPO

from ketluan.index.site_index import Entry, SiteIndex, build_index, document_level
from ketluan.load import load, validate_text


@pytest.fixture(scope="module")
def index() -> SiteIndex:
    return build_index(load(REAL_DATA), "2026-q1")


def entry(index: SiteIndex, task_id: str) -> Entry:
    return next(e for e in index.entries if e.task.id == task_id)


def test_inherited_and_named_leads(index: SiteIndex) -> None:
    lead = entry(index, "II.2.2-7").lead
    assert [(r.agency.id, r.inherited) for r in lead] == [
        ("dang-uy-ubnd-tinh", True),
        ("chu-dau-tu", False),
    ]
    assert [(r.agency.id, r.inherited) for r in entry(index, "II.2.5").lead] == [
        ("dang-uy-ubnd-tinh", True)
    ]


def test_deadlines_by_date(index: SiteIndex) -> None:
    assert list(index.by_date) == sorted(index.by_date)
    june = [d.entry.task.id for d in index.by_date[date(2026, 6, 30)]]
    assert june == ["II.1-4", "II.2.2", "II.2.5", "II.2.7", "II.2.8-1", "II.2.12", "III-1"]


def test_agency_views(index: SiteIndex) -> None:
    noi_chinh = index.agencies["ban-noi-chinh"]
    assert [e.task.id for e in noi_chinh.lead] == ["II.1-4"]
    assert [d.deadline.date for d in noi_chinh.dues] == [date(2026, 6, 30), date(2026, 12, 31)]
    btv = index.agencies["ban-thuong-vu-tinh-uy"]
    assert [e.task.id for e in btv.reports_to_it] == ["II.2.2-5", "II.2.6-1", "II.2.8-1"]
    assert btv.task_count == 0


def test_documents_and_levels(index: SiteIndex) -> None:
    assert [e.task.id for e in index.documents["57-nq-tw-2024"].citing] == ["II.2.9"]
    assert index.documents["11-nq-tu-2026"].in_review
    levels = {d: document_level(v.document) for d, v in index.documents.items()}
    assert levels["254-2025-qh15"] == "quoc-hoi"
    assert levels["57-nq-tw-2024"] == "trung-uong"
    assert levels["04-ct-tu-2021"] == "tinh-uy"
    assert levels["quy-hoach-tinh"] == "khac"


def test_an_agency_given_no_task_has_a_page_when_a_text_mentions_it() -> None:
    text = (REAL_DATA.parent / "two-quarters.yml").read_text(encoding="utf-8")
    added = (
        "- id: ban-chi-nhac-ten\n  name: Ban Chỉ Nhắc Tên Mẫu\n  group: co-quan-tham-muu\n"
        "- id: ban-khong-nhac\n  name: Ban Không Nhắc Mẫu\n  group: co-quan-tham-muu\n"
        "documents:\n"
    )
    text = text.replace("documents:\n", added, 1).replace(
        "Việc số hóa hồ sơ còn chậm.", "Việc số hóa hồ sơ còn chậm. Ban Chỉ Nhắc Tên Mẫu theo dõi."
    )
    dataset = validate_text(text, "hai-quy.yml")
    for key in ("2026-q1", "2026-q2"):  # mentioned in the first quarter's review
        agencies = build_index(dataset, key).agencies
        assert "ban-chi-nhac-ten" in agencies
        assert "ban-khong-nhac" not in agencies
        assert "ban-mau-tinh-uy" in agencies  # given tasks


def test_an_unchanged_quarter_keeps_its_entries_and_a_changed_registry_renews_them() -> None:
    """The preview indexes every quarter at each save: a quarter handed back as the same
    object under equal registries keeps its entries; anything else is indexed anew."""
    dataset = load(REPO / "tests" / "data" / "two-quarters.yml")
    first, again = build_index(dataset), build_index(dataset)
    assert again.earlier and all(a is b for a, b in zip(first.earlier, again.earlier, strict=True))
    # The same quarter read again (equal, another object): its entries are made again.
    copied = dataclasses.replace(dataset, quarters=tuple(copy.deepcopy(dataset.quarters)))
    assert build_index(copied).earlier[0] is not first.earlier[0]
    assert build_index(copied).earlier == first.earlier
    # An agency renamed: the kept quarter's entries name it so.
    lead = first.earlier[0].lead[0].agency
    renamed = dataclasses.replace(lead, name=lead.name + " (mới)")
    agencies = tuple(renamed if a.id == lead.id else a for a in copied.agencies)
    changed = build_index(dataclasses.replace(copied, agencies=agencies))
    assert changed.earlier[0].lead[0].agency.name == lead.name + " (mới)"
