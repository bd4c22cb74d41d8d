"""Agency pages print as A4 extracts: the agency's own tasks, whole, with page numbers."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sitecheck import REAL_QUARTER, assigned, page_sizes, pdf_text, pdf_title, shown_tasks

from ketluan.model import Dataset
from ketluan.model.outline import printed_references, walk_tasks
from ketluan.outputs.pdf import PRINTERS, Printer, PrintJob, print_pages
from ketluan.text.vietnamese import footnote_markers

# Runs MkDocs or mike: outside the fast loop (`pytest -m 'not build'`).
pytestmark = pytest.mark.build

A4 = (595, 842)  # points, rounded


def flat(text: str) -> str:
    return " ".join(text.split())


def test_each_agency_pdf_holds_its_tasks_and_no_other_agencys(
    real_site: Path, live_dataset: Dataset
) -> None:
    tasks = assigned()
    real = next(q for q in live_dataset.quarters if q.key == REAL_QUARTER)
    texts = {t.id: t.text for t, _ in walk_tasks(real.sections)}
    printed = 0
    notes = {f.number: f.text for f in real.footnotes}
    references = printed_references(real)
    names = {a.id: a.name for a in live_dataset.agencies}
    for agency, ids in tasks.items():
        pdf = real_site / "co-quan" / agency / f"{agency}-{REAL_QUARTER}.pdf"
        text = pdf_text(pdf)
        assert shown_tasks(text, references) == ids, agency
        body = flat(text)
        # The words as issued: the probable typos' readings, shown beside them, left out.
        words = flat(re.sub(r"\s*\[có thể là: [^\]]*\]", "", text))
        for task_id in ids:
            assert flat(texts[task_id])[:80] in words, (agency, task_id)
            # Each footnote of a task is printed in full with it.
            for number in footnote_markers(texts[task_id]):
                assert flat(notes[number])[:80] in words, (agency, task_id, number)
        assert "Trích Kết luận — nhiệm vụ của" in body
        sizes = page_sizes(pdf)
        assert sizes and all(size == A4 for size in sizes), (agency, sizes)
        # Every printed page says whose extract it is, and of which quarter.
        for number, page in enumerate(text.split("\f")[: len(sizes)], start=1):
            running = f"Trích Kết luận Quý I/2026 — {names[agency]}"
            assert running in flat(page), (agency, number)
            assert f"Trang {number}/{len(sizes)}" in page, (agency, number)
        assert f"{names[agency]} — Trích Kết luận Quý I/2026" in pdf_title(pdf)
        assert b"/Outlines" in pdf.read_bytes(), agency  # bookmarks from its headings
        printed += 1
    # Every agency the conclusion gives a task, its collectives' included (the table's 21).
    assert printed == len(tasks) == 21


def test_no_task_is_split_across_pages_when_it_fits(real_site: Path) -> None:
    # The UBND Party committee leads 26 tasks over several pages: each task's reference
    # line and its "Chủ trì" line must fall on the same page.
    pdf = real_site / "co-quan/dang-uy-ubnd-tinh" / f"dang-uy-ubnd-tinh-{REAL_QUARTER}.pdf"
    pages = pdf_text(pdf).split("\f")
    assert len(pages) > 3
    for page in pages:
        assert page.count("· Nhiệm vụ") + page.count("· Trách nhiệm") <= page.count("Chủ trì")


def test_pdfs_are_reproducible(real_site: Path) -> None:
    pdf = (real_site / "co-quan/ban-to-chuc" / f"ban-to-chuc-{REAL_QUARTER}.pdf").read_bytes()
    assert b"/CreationDate (D:20260424000000+00'00')" in pdf  # the meeting day, not the clock


def test_all_agencies_bundle(real_site: Path, live_dataset: Dataset) -> None:
    pdf = real_site / "ban-in" / f"tat-ca-co-quan-{REAL_QUARTER}.pdf"
    text = flat(pdf_text(pdf))
    for agency in live_dataset.agencies:
        if agency.id in assigned():
            assert f"Trích Kết luận — nhiệm vụ của {agency.name}" in text
    assert all(size == A4 for size in page_sizes(pdf))
    raw = pdf.read_bytes()
    # Bookmarks (one per agency heading) and a tagged structure for screen readers.
    assert b"/Outlines" in raw and b"/StructTreeRoot" in raw
    assert raw.count(b"/Title") > len(assigned())  # an outline entry per agency, and more
    assert "Kết luận Quý I/2026" in pdf_title(pdf)


def test_a_page_printed_in_a_reused_tab_is_the_same_file_as_printed_on_its_own(
    real_site: Path, tmp_path: Path
) -> None:
    # Printing tabs take each next page's body into the document they already have; the
    # PDF must be exactly the one the page opened in a tab of its own gives.
    pages = sorted((real_site / "co-quan").glob("*/index.html"))[:6]
    assert len(pages) > PRINTERS  # so that some are printed in a reused tab
    when = datetime(2026, 4, 24, tzinfo=UTC)

    def jobs(folder: Path) -> list[PrintJob]:
        folder.mkdir()
        return [PrintJob(p, folder / f"{p.parent.name}.pdf", p.parent.name) for p in pages]

    together = jobs(tmp_path / "together")
    printer = Printer(when, len(together))
    for job in together:
        printer.add(job)
    assert printer.finish() == len(pages)
    assert printer.opened <= PRINTERS  # a page per tab opened; the others swapped in
    for job in jobs(tmp_path / "alone"):
        print_pages([job], when)
        assert job.pdf.read_bytes() == (tmp_path / "together" / job.pdf.name).read_bytes()


def test_agency_page_links_its_pdf(real_site: Path) -> None:
    html = (real_site / "co-quan/ban-to-chuc/index.html").read_text(encoding="utf-8")
    assert (
        'href="../../co-quan/ban-to-chuc/ban-to-chuc-2026-q1.pdf" download>Tải bản in PDF (A4)</a>'
        in html
    )
