"""Each agency's report sheet, beside its page: the tasks it leads or supports in this
version, pre-filled, for it to fill in and send back (`ketluan reports import`).

Two forms of one table (`ketluan.model.report_sheet`): CSV in UTF-8 with a byte-order mark, the
one form Excel on Windows opens with Vietnamese letters intact; and .xlsx (openpyxl),
with the status column limited to the vocabulary. Both are byte-identical when the same
data is published again: the workbook's dates are the meeting's, and so are the
archive's entry times.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from ketluan.index.changes import excerpt
from ketluan.index.site_index import Entry, SiteIndex
from ketluan.model import Status
from ketluan.model.report_sheet import COLUMNS, FILLED
from ketluan.outputs.cells import csv_text, starts_as_formula
from ketluan.render import urls
from ketluan.text.vietnamese import vi_date

__all__ = ["excel_csv", "sheet_rows", "write_sheets"]

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
    reference = entry.reference
    if not index.is_current(entry):
        reference = f"{entry.conclusion.title}, {reference}"
    filled = [entry.ref, reference, short, dues, agency]
    return filled + [""] * (len(COLUMNS) - len(FILLED))


def write_sheets(index: SiteIndex, site_dir: Path) -> int:
    """Write every agency's sheets into the built site; how many agencies have one."""
    key = index.conclusion.key
    stamp = datetime.combine(index.conclusion.meeting_date, datetime.min.time())
    count = 0
    for agency_id, view in index.agencies.items():
        if not view.tasks:
            continue
        rows = sheet_rows(index, agency_id)
        folder = site_dir / urls.agency(agency_id)
        folder.mkdir(parents=True, exist_ok=True)
        (site_dir / urls.report_sheet(agency_id, key, "csv")).write_bytes(excel_csv(COLUMNS, rows))
        (site_dir / urls.report_sheet(agency_id, key, "xlsx")).write_bytes(
            _xlsx(rows, view.agency.name, stamp)
        )
        count += 1
    return count


def excel_csv(header: tuple[str, ...], rows: list[list[str]]) -> bytes:
    """CSV as Excel on Windows opens it with Vietnamese intact: UTF-8 with a BOM, CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_text(cell) for cell in header])
    writer.writerows([csv_text(cell) for cell in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(rows: list[list[str]], agency: str, stamp: datetime) -> bytes:
    from openpyxl import Workbook  # imported here: only the sheets need it
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Báo cáo"
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            # openpyxl writes a string that starts with "=" as a formula: every cell is
            # a string cell, and one a program would read as a formula keeps Excel's
            # apostrophe prefix, so that it stays text even once edited.
            if isinstance(cell.value, str):
                cell.data_type = "s"
                cell.quotePrefix = starts_as_formula(cell.value)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip(
        "ABCDEFGHIJK", (16, 22, 60, 14, 18, 24, 14, 22, 14, 22, 30), strict=True
    ):
        sheet.column_dimensions[column].width = width
    for cells in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        for text_cell in cells:
            text_cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "F2"
    statuses = ",".join(s.value for s in Status)
    valid = DataValidation(type="list", formula1=f'"{statuses}"', allow_blank=True)
    valid.error = "Chọn một tình trạng trong danh sách"
    sheet.add_data_validation(valid)
    valid.add(f"F2:F{max(2, len(rows) + 1)}")
    book.properties.creator = agency
    book.properties.created = book.properties.modified = stamp
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_times(raw.getvalue(), stamp)


def _fixed_times(archive: bytes, stamp: datetime) -> bytes:
    """The same archive with every time in it set to `stamp`: zip keeps the time each
    entry was written, and openpyxl writes the time of saving as the workbook's last
    change; either would make every publication differ."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(archive)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = _MODIFIED.sub(rb"\g<1>" + when + rb"\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)
    return out.getvalue()


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
