"""Agency pages print as A4 extracts: the agency's own tasks, whole, with page numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitecheck import REAL_QUARTER, assigned, page_sizes, pdf_text

from macros.model import Dataset
from macros.model.outline import walk_tasks

# Runs MkDocs or mike: outside the fast loop (`pytest -m 'not build'`).
pytestmark = pytest.mark.build

A4 = (595, 842)  # points, rounded


def flat(text: str) -> str:
    return " ".join(text.split())


def shown_ids(text: str) -> set[str]:
    return set(re.findall(r"Mục ([IVX]+(?:\.\d+)*(?:-\d+)?)", text))


def test_each_agency_pdf_holds_its_tasks_and_no_other_agencys(
    real_site: Path, real_dataset: Dataset
) -> None:
    tasks = assigned()
    real = next(q for q in real_dataset.quarters if q.key == REAL_QUARTER)
    texts = {t.id: t.text for t, _ in walk_tasks(real.sections)}
    printed = 0
    for agency, ids in tasks.items():
        pdf = real_site / "co-quan" / agency / f"{agency}.pdf"
        text = pdf_text(pdf)
        assert shown_ids(text) == ids, agency
        body = flat(text)
        for task_id in ids:
            assert flat(texts[task_id])[:80] in body, (agency, task_id)
        assert "Trích Kết luận — nhiệm vụ của" in body
        sizes = page_sizes(pdf)
        assert sizes and all(size == A4 for size in sizes), (agency, sizes)
        assert f"Trang 1/{len(sizes)}" in body
        printed += 1
    assert printed == len(tasks) == 19  # every agency the conclusion assigns a task


def test_no_task_is_split_across_pages_when_it_fits(real_site: Path) -> None:
    # The UBND Party committee leads 26 tasks over several pages: each task's reference
    # line and its "Chủ trì" line must fall on the same page.
    pages = pdf_text(real_site / "co-quan/dang-uy-ubnd-tinh/dang-uy-ubnd-tinh.pdf").split("\f")
    assert len(pages) > 3
    for page in pages:
        assert page.count("· Nhiệm vụ") + page.count("· Trách nhiệm") <= page.count("Chủ trì")


def test_pdfs_are_reproducible(real_site: Path) -> None:
    pdf = (real_site / "co-quan/ban-to-chuc/ban-to-chuc.pdf").read_bytes()
    assert b"/CreationDate (D:20260424000000+00'00')" in pdf  # the meeting day, not the clock


def test_all_agencies_bundle(real_site: Path, real_dataset: Dataset) -> None:
    pdf = real_site / "ban-in/tat-ca-co-quan.pdf"
    text = flat(pdf_text(pdf))
    for agency in real_dataset.agencies:
        if agency.id in assigned():
            assert f"Trích Kết luận — nhiệm vụ của {agency.name}" in text
    assert all(size == A4 for size in page_sizes(pdf))


def test_agency_page_links_its_pdf(real_site: Path) -> None:
    html = (real_site / "co-quan/ban-to-chuc/index.html").read_text(encoding="utf-8")
    assert (
        'href="../../co-quan/ban-to-chuc/ban-to-chuc.pdf" download>Tải bản in PDF (A4)</a>' in html
    )
