"""A returned sheet speaks for one agency and only of its own tasks; a task's status is
its lead's word; a hidden sheet is never read; a sheet too long is refused, not cut
(#23.4, #23.9)."""

from __future__ import annotations

import csv
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from openpyxl import Workbook
from reporting import csv_rows, fictional_data, write_csv
from sitecheck import render_pages

from ketluan.follow.intake import import_reports
from ketluan.follow.returned import MAX_ROWS, SheetError, read_sheet
from ketluan.index.site_index import Entry, build_index
from ketluan.load import load, validate_text
from ketluan.model.report_sheet import COLUMNS
from ketluan.outputs.blank_sheets import write_sheets
from ketluan.render import urls

KEY = "2026-q2"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return fictional_data(tmp_path)


def _supported(data: Path) -> Entry:
    """A task of the newest quarter with a lead and a supporter, neither collective."""
    index = build_index(load(data))
    return next(
        e
        for e in index.entries
        if e.conclusion.key == KEY
        and e.support
        and not e.lead[0].agency.collective
        and not e.support[0].collective
    )


def _sheet_of(data: Path, folder: Path, agency: str) -> tuple[Path, list[list[str]]]:
    index = build_index(load(data))
    write_sheets(index, folder)
    sheet = folder / urls.report_sheet(agency, KEY, "csv")
    return sheet, csv_rows(sheet)


def _row(template: list[str], agency: str, status: str, day: str) -> list[str]:
    return [*template[:4], agency, status, day, "", "", "", ""]


def test_a_sheet_cannot_report_in_another_agencys_name(data: Path, tmp_path: Path) -> None:
    entry = _supported(data)
    supporter, lead = entry.support[0].id, entry.lead[0].agency.id
    sheet, rows = _sheet_of(data, tmp_path / "site", supporter)
    template = next(r for r in rows if r[0] == entry.ref)
    day = (load(data).quarters[-1].meeting_date + timedelta(days=3)).isoformat()
    write_csv(sheet, [rows[0], _row(template, lead, "không tiếp tục thực hiện", day)])
    with pytest.raises(SheetError) as refused:
        import_reports(sheet, KEY, data)
    (problem,) = refused.value.problems
    assert problem.startswith("Dòng 2: ") and "không báo cáo thay" in problem
    with pytest.raises(SheetError):  # and named on import, for a sheet without its own row
        import_reports(sheet, KEY, data, agency=supporter)


def test_a_supporters_report_neither_sets_the_status_nor_blocks_the_lead(
    data: Path, tmp_path: Path
) -> None:
    entry = _supported(data)
    supporter, lead = entry.support[0].id, entry.lead[0].agency.id
    meeting = load(data).quarters[-1].meeting_date
    day, later = (meeting + timedelta(days=3)).isoformat(), (meeting + timedelta(days=9))
    lead_sheet, rows = _sheet_of(data, tmp_path / "site", lead)
    template = next(r for r in rows if r[0] == entry.ref)
    write_csv(lead_sheet, [rows[0], _row(template, lead, "đang thực hiện", day)])
    support_sheet, rows = _sheet_of(data, tmp_path / "site2", supporter)
    template = next(r for r in rows if r[0] == entry.ref)
    done = _row(template, supporter, "hoàn thành đúng hạn", later.isoformat())
    done[7] = "12/BC-MAU"  # a completion names its evidence
    write_csv(support_sheet, [rows[0], _row(template, supporter, "đang thực hiện", day), done])
    first = import_reports(support_sheet, KEY, data)
    assert first.text is not None
    data.write_text(first.text, encoding="utf-8")
    # The same day as the supporter's: the lead's report is not blocked.
    second = import_reports(lead_sheet, KEY, data)
    assert second.added == 1 and second.text is not None
    index = build_index(validate_text(second.text, "mau.yml"))
    state = index.state(index.by_ref[entry.ref])
    assert state.label == "đang thực hiện"  # the lead's word, not the supporter's "done"
    assert state.report is not None and state.report.agency == lead
    (theirs,) = index.support_reports(index.by_ref[entry.ref])
    assert (theirs.agency, theirs.status.value) == (supporter, "hoàn thành đúng hạn")
    # On the supporter's page, its word shows as its own, beside the lead's status.
    data.write_text(second.text, encoding="utf-8")
    pages = render_pages(data, None, tmp_path / "pages")
    page = (pages / urls.agency(supporter).strip("/") / "index.html").read_text(encoding="utf-8")
    card = next(c for c in page.split('<div class="kl-task">') if f'id="{entry.task.anchor}"' in c)
    status = card.split("<dt>Tình trạng</dt>")[1].split("</dd>")[0]
    assert "đang thực hiện" in status and "hoàn thành" not in status
    theirs_html = card.split("<dt>Báo cáo phần phối hợp</dt>")[1].split("</dd>")[0]
    assert index.agencies[supporter].agency.name in unescape(theirs_html)
    assert "hoàn thành đúng hạn" in theirs_html and f"{later.day}/{later.month}" in theirs_html


def test_a_hidden_sheet_is_never_read_in_place_of_the_visible_one(
    data: Path, tmp_path: Path
) -> None:
    entry = _supported(data)
    lead = entry.lead[0].agency.id
    day = load(data).quarters[-1].meeting_date + timedelta(days=3)
    book = Workbook()
    hidden = book.active
    assert hidden is not None
    hidden.append(list(COLUMNS))
    hidden.append([entry.ref, "", "", "", lead, "đang thực hiện", day.isoformat()])
    hidden.sheet_state = "hidden"
    visible = book.create_sheet("Báo cáo")
    visible.append(list(COLUMNS))
    path = tmp_path / "bao-cao.xlsx"
    book.save(path)
    read = read_sheet(path, load(data))
    assert read.reports == []


def test_a_sheet_longer_than_the_limit_is_refused_not_cut(data: Path, tmp_path: Path) -> None:
    entry = _supported(data)
    lead = entry.lead[0].agency.id
    sheet, rows = _sheet_of(data, tmp_path / "site", lead)
    template = next(r for r in rows if r[0] == entry.ref)
    day = (load(data).quarters[-1].meeting_date + timedelta(days=3)).isoformat()
    blank = ["", "", "", "", "", "", "", "", "", "", ""]
    write_csv(sheet, [rows[0], *[blank] * MAX_ROWS, _row(template, lead, "đang thực hiện", day)])
    with pytest.raises(SheetError, match=r"hơn 10\.000 dòng"):
        read_sheet(sheet, load(data))


def test_a_semicolon_sheet_as_excel_saves_it_in_vietnamese_settings_imports(
    data: Path, tmp_path: Path
) -> None:
    entry = _supported(data)
    lead = entry.lead[0].agency.id
    sheet, rows = _sheet_of(data, tmp_path / "site", lead)
    template = next(r for r in rows if r[0] == entry.ref)
    day = (load(data).quarters[-1].meeting_date + timedelta(days=3)).isoformat()
    with sheet.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, delimiter=";").writerows(
            [rows[0], _row(template, lead, "đang thực hiện", day)]
        )
    assert import_reports(sheet, KEY, data).added == 1


def test_a_cell_beyond_what_csv_reads_is_said_in_one_line(data: Path, tmp_path: Path) -> None:
    entry = _supported(data)
    lead = entry.lead[0].agency.id
    sheet, rows = _sheet_of(data, tmp_path / "site", lead)
    template = next(r for r in rows if r[0] == entry.ref)
    huge = _row(template, lead, "đang thực hiện", "1/1/2026")
    huge[10] = "x" * 200_000
    write_csv(sheet, [rows[0], huge])
    with pytest.raises(SheetError, match="CSV hỏng"):
        read_sheet(sheet, load(data))
