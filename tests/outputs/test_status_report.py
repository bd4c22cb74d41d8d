"""The Office's draft status report (ketluan.outputs.status_report), read back with
python-docx as Word would open it, and opened by LibreOffice as offices do."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document
from sitecheck import REAL_DATA, grown_data

from ketluan.index.lapses import lapses
from ketluan.index.overview import overview
from ketluan.index.site_index import SiteIndex, build_index
from ketluan.index.status import passed
from ketluan.load import load
from ketluan.outputs.status_report import COUNTS, status_report


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> SiteIndex:
    # The real Quý I and a plainly fictional next quarter whose reports leave some
    # deadlines passed with no completion.
    return build_index(load(grown_data(tmp_path_factory.mktemp("grown"))))


def _open(index: SiteIndex, folder: Path) -> tuple[Path, object]:
    path = folder / "bao-cao-tinh-hinh.docx"
    path.write_bytes(status_report(index))
    return path, Document(str(path))


def test_the_report_is_in_the_partys_layout_and_the_same_bytes_again(
    grown: SiteIndex, tmp_path: Path
) -> None:
    _path, doc = _open(grown, tmp_path)
    section = doc.sections[0]  # type: ignore[attr-defined]
    mm = [round(x.mm) for x in (section.page_width, section.page_height)]
    assert mm == [210, 297]  # A4
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(x.mm) for x in margins] == [20, 20, 30, 15]
    assert doc.styles["Normal"].font.name == "Times New Roman"  # type: ignore[attr-defined]
    head = doc.tables[0].rows[0].cells  # type: ignore[attr-defined]
    assert "TỈNH ỦY HƯNG YÊN" in head[0].text and "ĐẢNG CỘNG SẢN VIỆT NAM" in head[1].text
    text = [p.text for p in doc.paragraphs]  # type: ignore[attr-defined]
    assert "BÁO CÁO" in text and "DỰ THẢO" in text
    # The grown quarter follows a fictional plan beside its conclusion: the report says so.
    title = f"tình hình thực hiện Kết luận và 1 văn bản chỉ đạo khác {grown.conclusion.title}"
    assert title in text
    assert status_report(grown) == status_report(grown)


def test_the_report_counts_per_lead_agency_and_lists_each_late_item(
    grown: SiteIndex, tmp_path: Path
) -> None:
    _path, doc = _open(grown, tmp_path)
    tables = doc.tables  # type: ignore[attr-defined]
    per_agency, late_table = tables[1], tables[2]
    assert [c.text for c in per_agency.rows[0].cells] == ["TT", "Cơ quan, đơn vị chủ trì", *COUNTS]
    day, tallies = overview(grown)
    rows = [[c.text for c in r.cells] for r in per_agency.rows[1:]]
    assert [r[1] for r in rows] == [t.view.agency.name for t in tallies]
    for row, tally in zip(rows, tallies, strict=True):
        assert row[2:] == [
            str(n)
            for n in (
                tally.led,
                tally.due,
                tally.on_time,
                tally.late,
                tally.overdue,
                tally.passed_unreported,
            )
        ]
    late = [item for item in lapses(grown).listed if passed(item.due.deadline, day)]
    assert late, "the grown data leaves deadlines passed with no completion"
    listed = [[c.text for c in r.cells] for r in late_table.rows[1:]]
    assert len(listed) == len(late)
    for row, item in zip(listed, late, strict=True):
        assert item.entry.reference in row[1]
        assert row[2] == "; ".join(a.name for a in item.entry.leaders)
        report = item.state.report
        assert (
            row[4] == "Chưa có báo cáo"
            if report is None
            else row[4].startswith(report.status.value)
        )
    assert any(r[4] != "Chưa có báo cáo" for r in listed), "a late item with its report"


def test_data_text_stays_text_in_the_report(tmp_path: Path) -> None:
    # Whatever a received file carried into the data is words in the report: no
    # markup of Word's, no italics marks of the text export.
    index = build_index(load(REAL_DATA))
    _path, doc = _open(index, tmp_path)
    body = "\n".join(p.text for p in doc.paragraphs)  # type: ignore[attr-defined]
    assert "*" not in body
    assert "Hội nghị Ban Chấp hành Đảng bộ tỉnh mở rộng" in body


@pytest.mark.build
def test_libreoffice_opens_the_report(grown: SiteIndex, tmp_path: Path) -> None:
    path, _doc = _open(grown, tmp_path)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "bao-cao-tinh-hinh.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    flat = " ".join(text.split())
    assert "BÁO CÁO" in flat and "CÁC VIỆC CHẬM TIẾN ĐỘ, VƯỚNG MẮC" in flat
    assert "Đảng ủy Ủy ban nhân dân tỉnh" in flat
