"""Tables as Excel reads them: CSV in UTF-8 with a byte-order mark, and .xlsx.

A CSV opens in columns only where the list separator is ",": Excel with Vietnamese
regional settings separates with ";" and shows each row in one cell. So every table
offered for download has an .xlsx beside its CSV, which opens in columns everywhere.
Both are the same bytes when the same data is published again: the workbook's times
are the meeting's, and so are the archive's entry times. Every cell is text that no
spreadsheet reads as a formula (`ketluan.outputs.cells`), without the source's *…*
italics marks.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from ketluan.outputs.cells import csv_text, starts_as_formula
from ketluan.text.emphasis import without_emphasis

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["add_text_sheet", "excel_csv", "saved", "text_workbook", "with_fixed_times"]


def excel_csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """CSV as Excel on Windows opens it with Vietnamese intact: UTF-8 with a BOM, CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_text(cell) for cell in header])
    writer.writerows([csv_text(without_emphasis(cell)) for cell in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def text_workbook(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str,
    widths: Sequence[int],
    wrap: Sequence[int] = (),
) -> tuple[Workbook, Worksheet]:
    """A workbook of one sheet named `title`: a bold header, then `rows`, every cell a
    string cell; `widths` per column, `wrap`: the (1-based) columns whose text wraps."""
    from openpyxl import Workbook  # imported here: only the downloads need it

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    _fill(sheet, header, rows, title=title, widths=widths, wrap=wrap)
    return book, sheet


def add_text_sheet(
    book: Workbook,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str,
    widths: Sequence[int],
    wrap: Sequence[int] = (),
) -> Worksheet:
    """Another sheet in `book`, made as `text_workbook` makes its first."""
    sheet: Worksheet = book.create_sheet(title)
    _fill(sheet, header, rows, title=title, widths=widths, wrap=wrap)
    return sheet


def _fill(
    sheet: Worksheet,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str,
    widths: Sequence[int],
    wrap: Sequence[int],
) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.title = title
    sheet.append(list(header))
    for row in rows:
        sheet.append([without_emphasis(cell) for cell in row])
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
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for column in wrap:
        for cells in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            for text_cell in cells:
                text_cell.alignment = Alignment(wrap_text=True, vertical="top")


def saved(book: Workbook, creator: str, stamp: datetime) -> bytes:
    """The workbook's bytes, its times all `stamp`."""
    book.properties.creator = creator
    book.properties.created = book.properties.modified = stamp
    raw = io.BytesIO()
    book.save(raw)
    return with_fixed_times(raw.getvalue(), stamp)


def with_fixed_times(archive: bytes, stamp: datetime) -> bytes:
    """The same archive (an .xlsx or a .docx) with every time in it set to `stamp`: zip
    keeps the time each entry was written, and openpyxl writes the time of saving as
    the workbook's last change; either would make every publication differ."""
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
