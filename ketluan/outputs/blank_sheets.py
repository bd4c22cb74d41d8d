"""Each agency's report sheet, beside its page: the tasks it leads or supports in this
version, pre-filled, for it to fill in and send back (`ketluan reports import`).

Two forms of one table (`ketluan.model.report_sheet`): CSV in UTF-8 with a byte-order mark, the
one form Excel on Windows opens with Vietnamese letters intact; and .xlsx (openpyxl),
with the status column limited to the vocabulary. Both are byte-identical when the same
data is published again: the workbook's dates are the meeting's, and so are the
archive's entry times.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from ketluan.index.changes import excerpt
from ketluan.index.site_index import Entry, SiteIndex
from ketluan.model import Status
from ketluan.model.report_sheet import COLUMNS, FILLED
from ketluan.outputs.exports import table_sheet, task_rows
from ketluan.outputs.workbooks import excel_csv, saved, text_workbook
from ketluan.render import urls
from ketluan.text.vietnamese import vi_date

__all__ = ["sheet_entries", "sheet_rows", "write_sheets"]

SHORT = 160  # characters of a task's text in the sheet: enough to recognise it


def sheet_entries(index: SiteIndex, agency_id: str) -> tuple[Entry, ...]:
    """The tasks an agency's sheet asks about: earlier quarters' still open that bind
    it or a collective it belongs to (oldest first), then every task of this version
    that binds it, its collectives' included."""
    mine = index.collectives_of(agency_id) | {agency_id}
    earlier = tuple(e for e in index.open_earlier if mine & {a.id for a in e.bound})
    return earlier + index.agencies[agency_id].tasks


def sheet_rows(index: SiteIndex, agency_id: str) -> list[list[str]]:
    """The pre-filled rows of an agency's sheet, named by the agency's name."""
    name = index.agencies[agency_id].agency.name
    return [_row(index, entry, name) for entry in sheet_entries(index, agency_id)]


def _row(index: SiteIndex, entry: Entry, agency: str) -> list[str]:
    short = excerpt(entry.task.text, SHORT)
    dues = "; ".join(vi_date(d.date) for d in entry.task.deadlines) or "không nêu"
    filled = [entry.ref, index.cited(entry), short, dues, agency]
    return filled + [""] * (len(COLUMNS) - len(FILLED))


def write_sheets(index: SiteIndex, site_dir: Path) -> int:
    """Write every agency's sheets into the built site; how many agencies have one."""
    key = index.conclusion.key
    stamp = datetime.combine(index.conclusion.meeting_date, datetime.min.time())
    count = 0
    memo: dict[str, Any] = {}
    for agency_id, view in index.agencies.items():
        if not view.tasks:
            continue
        rows = sheet_rows(index, agency_id)
        folder = site_dir / urls.agency(agency_id)
        folder.mkdir(parents=True, exist_ok=True)
        (site_dir / urls.report_sheet(agency_id, key, "csv")).write_bytes(excel_csv(COLUMNS, rows))
        table = task_rows(index, agency_id, memo)
        (site_dir / urls.report_sheet(agency_id, key, "xlsx")).write_bytes(
            _xlsx(rows, table, view.agency.name, stamp)
        )
        count += 1
    return count


def _xlsx(
    rows: list[list[str]], table: list[dict[str, str]], agency: str, stamp: datetime
) -> bytes:
    """The sheet to fill in, first (the one a returned workbook is read from), and the
    agency's task table beside it, whole: one Excel file opens in columns whatever the
    regional settings, with no second workbook to make per agency."""
    from openpyxl.worksheet.datavalidation import DataValidation

    book, sheet = text_workbook(
        COLUMNS,
        rows,
        title="Báo cáo",
        widths=(16, 22, 60, 14, 18, 24, 14, 22, 14, 22, 30),
        wrap=(3,),
    )
    sheet.freeze_panes = "F2"
    statuses = ",".join(s.value for s in Status)
    valid = DataValidation(type="list", formula1=f'"{statuses}"', allow_blank=True)
    valid.error = "Chọn một tình trạng trong danh sách"
    sheet.add_data_validation(valid)
    valid.add(f"F2:F{max(2, len(rows) + 1)}")
    table_sheet(book, table)
    return saved(book, agency, stamp)
