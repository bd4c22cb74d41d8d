"""A returned report sheet (.csv or .xlsx) read into status reports, row by row.

Each filled row must name a task of the data ("Mã nhiệm vụ"), the agency whose sheet it
is and which leads or supports that task, a status of the vocabulary, a possible date,
and for a completion the document that delivered it. Every problem is named by its
row ("Dòng 7: …"), all at once; rows left blank (no status, no date) are not reports.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ketluan.model import Dataset, Status
from ketluan.model.keys import TaskRef
from ketluan.model.membership import collectives_of
from ketluan.model.outline import document_of, given_to, quarter_tasks
from ketluan.model.report_sheet import COLUMNS
from ketluan.render.urls import report_sheet_owner, report_sheet_quarter
from ketluan.text.suggest import did_you_mean
from ketluan.text.vietnamese import searchable, vi_date

__all__ = ["SheetError", "read_sheet"]

MAX_ROWS = 10_000  # a quarter's tasks times its agencies is a few hundred
MAX_BYTES = 8 * 1024 * 1024  # a filled sheet is tens of kilobytes
MAX_COLUMNS = len(COLUMNS) + 20  # the sheet's columns, and room for an agency's own
_DONE = (Status.DONE_ON_TIME, Status.DONE_LATE)
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{2})-(\d{2})")


class SheetError(ValueError):
    """The sheet cannot be read at all, or some of its rows are wrong: every problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Sheet:
    """The reports a sheet holds, as data, and how many rows were left blank."""

    reports: list[dict[str, Any]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # the sheet row of each report
    blank: int = 0
    # "Dòng 7: …" of each row refused, when the reader was asked to go on past them
    # (`read_sheet(..., collect=True)`): the data's checker then looks at the others.
    problems: list[str] = field(default_factory=list)


def read_sheet(
    path: Path, dataset: Dataset, agency: str | None = None, *, collect: bool = False
) -> Sheet:
    """The reports of the sheet at `path`; SheetError listing every problem (with
    `collect`, the rows' problems are kept in `Sheet.problems` beside the good rows'
    reports instead, so that what the checker finds in those is said at the same time).

    A sheet speaks for one agency: `agency` when given, else the one the site named the
    file for ("bao-cao-<agency>-2026-q2.xlsx"), else the one its first row names (the
    site pre-fills each agency's sheet with its own id); a row in another's name is
    refused, as is a task the agency neither leads nor supports.
    """
    rows = _rows(path)
    if not rows:
        raise SheetError([f"{path.name}: tệp không có dòng nào"])
    header = [str(c or "").strip() for c in rows[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise SheetError(
            [f"{path.name}: thiếu cột {', '.join(missing)}; hãy dùng mẫu tải từ trang của cơ quan"]
        )
    at = {name: header.index(name) for name in COLUMNS}
    checker = _Rows(dataset, report_sheet_quarter(path.name))
    out = Sheet()
    problems: list[str] = []
    owner = agency or report_sheet_owner(path.name)
    for number, row in enumerate(rows[1:], start=2):
        cells = {name: _cell(row, i) for name, i in at.items()}
        named = checker.agency_id(str(cells["Cơ quan báo cáo"] or ""))
        cells["Cơ quan báo cáo"] = named
        owner = owner or named or None
        if not cells["Tình trạng"] and not cells["Ngày báo cáo"]:
            out.blank += 1
            continue
        report, errors = checker.report(cells)
        if owner is not None and named != owner and named in checker.agencies:
            errors.append(
                f"bảng của {_name(checker, owner)} không báo cáo thay {_name(checker, named)}"
            )
        problems += [f"Dòng {number}: {e}" for e in errors]
        if report is not None and not errors:
            out.reports.append(report)
            out.rows.append(number)
    if problems and not collect:
        raise SheetError(problems)
    out.problems = problems
    return out


def _name(checker: _Rows, agency: str) -> str:
    known = checker.agencies.get(agency)
    return known.name if known is not None else f"'{agency}'"


def _rows(path: Path) -> list[list[Any]]:
    kind = path.suffix.lower()
    try:
        if kind == ".csv":
            if path.stat().st_size > MAX_BYTES:
                raise SheetError([_too_large(path)])
            text = path.read_bytes().decode("utf-8-sig")
            return _capped(path, csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
        if kind == ".xlsx":
            return _xlsx_rows(path)
    except UnicodeDecodeError:
        raise SheetError(
            [f"{path.name}: tệp CSV không ở bảng mã UTF-8; hãy lưu lại với 'CSV UTF-8'"]
        ) from None
    except csv.Error as exc:  # a cell over the csv module's limit, a stray NUL byte
        raise SheetError(
            [f"{path.name}: tệp CSV hỏng ({exc}); hãy mở bằng Excel và lưu lại với 'CSV UTF-8'"]
        ) from None
    raise SheetError([f"{path.name}: cần tệp .xlsx hoặc .csv (mẫu tải từ trang của cơ quan)"])


def _xlsx_rows(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook  # imported here: only a sheet import needs it

    _refuse_inflated(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError):
        raise SheetError([f"{path.name}: tệp .xlsx bị hỏng hoặc không phải .xlsx"]) from None
    try:
        # The sheet its reader sees: a hidden first sheet is never read in its place.
        visible = [s for s in book.worksheets if getattr(s, "sheet_state", "visible") == "visible"]
        if not visible:
            raise SheetError([f"{path.name}: tệp .xlsx không có trang tính nào hiện ra"])
        # Only the sheet's own columns: a crafted <dimension> would pad every row to
        # sixteen thousand cells.
        rows = visible[0].iter_rows(values_only=True, max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS)
        return _capped(path, rows)
    except (zipfile.BadZipFile, ValueError, SyntaxError, EOFError):
        raise SheetError([f"{path.name}: tệp .xlsx bị hỏng hoặc không phải .xlsx"]) from None
    finally:
        book.close()


def _refuse_inflated(path: Path) -> None:
    """SheetError for an .xlsx larger than a sheet, on disk or once inflated (Python's
    zip reader inflates no more than each part's header says; a header that lies then
    fails its checksum, said as a damaged file)."""
    if path.stat().st_size > MAX_BYTES:
        raise SheetError([_too_large(path)])
    try:
        with zipfile.ZipFile(path) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise SheetError([f"{path.name}: tệp .xlsx bị hỏng hoặc không phải .xlsx"]) from None
    if inflated > 4 * MAX_BYTES:
        raise SheetError([_too_large(path)])


def _delimiter(text: str) -> str:
    """ "," or ";": Excel with Vietnamese regional settings separates cells with ";"."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _capped(path: Path, rows: Iterable[Iterable[Any]]) -> list[list[Any]]:
    """The header and up to MAX_ROWS rows; SheetError when there are more, rather than
    a report past the limit silently left out."""
    out = [list(row) for row in itertools.islice(rows, MAX_ROWS + 2)]
    if len(out) > MAX_ROWS + 1:
        raise SheetError(
            [
                f"{path.name}: bảng có hơn {MAX_ROWS:,} dòng; hãy chia thành nhiều bảng".replace(
                    ",", "."
                )
            ]
        )
    return out


def _too_large(path: Path) -> str:
    return (
        f"{path.name}: tệp lớn hơn {MAX_BYTES // 1024 // 1024} MB, không phải một bảng báo cáo; "
        "hãy dùng mẫu tải từ trang của cơ quan"
    )


def _cell(row: list[Any], i: int) -> Any:
    value = row[i] if i < len(row) else None
    return value.strip() if isinstance(value, str) else value


class _Rows:
    """Checks one row against the data; `sheet_quarter`: the quarter whose sheet it is,
    when its file name says."""

    def __init__(self, dataset: Dataset, sheet_quarter: str | None = None) -> None:
        self.agencies = {a.id: a for a in dataset.agencies}
        self.by_name = {searchable(n): a.id for a in dataset.agencies for n in a.names}
        self.tasks: dict[str, tuple[set[str], date]] = {}
        self.quarters = {q.key: q for q in dataset.quarters}
        self.sheet_quarter = sheet_quarter if sheet_quarter in self.quarters else None
        self.carried_on: dict[str, str] = {}  # task ref → the newer task carrying it on
        for quarter in dataset.quarters:
            for text, task, chain in quarter_tasks(quarter):
                ref = str(TaskRef(quarter.key, task.id, document_of(text)))
                self.tasks[ref] = (given_to(task, chain), quarter.meeting_date)
                for earlier in task.continues:
                    self.carried_on.setdefault(earlier, ref)

    def agency_id(self, written: str) -> str:
        """The id of the agency a cell names, by id or by any of its names (the site
        pre-fills the name); the cell as written when it names none."""
        if written in self.agencies:
            return written
        return self.by_name.get(searchable(written), written)

    def binds(self, agency: str, given: set[str]) -> bool:
        """Whether a task given to `given` binds the agency, itself or a collective it
        belongs to."""
        return agency in given or bool(collectives_of(agency, self.agencies) & given)

    def _quarter_problem(self, ref: str) -> str | None:
        """Why a row of a task of another quarter cannot be taken, if it cannot."""
        newer = self.carried_on.get(ref)
        if newer is not None:
            title = self.quarters[TaskRef.parse(newer).quarter].title
            return (
                f"nhiệm vụ {ref} đã được tiếp tục bởi nhiệm vụ {newer} của Kết luận {title}; "
                f"hãy báo cáo theo {newer}"
            )
        sheet = self.sheet_quarter
        quarter = TaskRef.parse(ref).quarter
        if sheet is not None and quarter > sheet:
            return (
                f"nhiệm vụ {ref} thuộc Kết luận {self.quarters[quarter].title}, sau bảng báo "
                f"cáo {self.quarters[sheet].title}; hãy dùng bảng của quý đó"
            )
        return None

    def report(self, cells: dict[str, Any]) -> tuple[dict[str, Any] | None, list[str]]:
        errors: list[str] = []
        ref = str(cells["Mã nhiệm vụ"] or "")
        task = self.tasks.get(ref)
        if task is None:
            hint = did_you_mean(ref, self.tasks)
            errors.append(f"không có nhiệm vụ '{ref}' trong dữ liệu{hint}")
        agency = str(cells["Cơ quan báo cáo"] or "")
        if agency not in self.agencies:
            errors.append(
                f"cơ quan '{agency}' không có trong danh mục{did_you_mean(agency, self.agencies)}"
            )
        elif task is not None and not self.binds(agency, task[0]):
            name = self.agencies[agency].name
            errors.append(f"{name} không được giao nhiệm vụ {ref}")
        if task is not None and (problem := self._quarter_problem(ref)) is not None:
            errors.append(problem)
        said = str(cells["Tình trạng"] or "")
        status = next((s for s in Status if s.value == said.lower()), None)
        if status is None:
            choices = [s.value for s in Status]
            errors.append(
                f"tình trạng '{said}' không có trong danh mục{did_you_mean(said, choices)}"
            )
        day = _date(cells["Ngày báo cáo"])
        if day is None:
            errors.append(
                f"ngày báo cáo '{cells['Ngày báo cáo'] or ''}' không phải một ngày (dd/mm/yyyy)"
            )
        elif task is not None and day < task[1]:
            errors.append(
                f"ngày báo cáo {vi_date(day)} trước khi nhiệm vụ được giao ({vi_date(task[1])})"
            )
        elif day > date.today():
            errors.append(f"ngày báo cáo {vi_date(day)} chưa tới")
        evidence, evidence_errors = self._evidence(cells, status, day)
        errors += evidence_errors
        if errors or status is None or day is None:
            return None, errors
        out: dict[str, Any] = {"task": ref, "status": status.value, "date": day}
        if cells["Ghi chú"]:
            out["note"] = str(cells["Ghi chú"])
        out["agency"] = agency
        if evidence:
            out["evidence"] = evidence
        return out, []

    def _evidence(
        self, cells: dict[str, Any], status: Status | None, day: date | None
    ) -> tuple[dict[str, Any], list[str]]:
        errors: list[str] = []
        out: dict[str, Any] = {}
        symbol = str(cells["Số hiệu văn bản minh chứng"] or "")
        if symbol:
            out["symbol"] = symbol
        elif status in _DONE:
            errors.append(
                f"'{status.value if status else ''}' cần số hiệu văn bản minh chứng (văn bản "
                "đã gửi sản phẩm, ví dụ 125/BC-UBND)"
            )
        if cells["Ngày văn bản"]:
            written = _date(cells["Ngày văn bản"])
            if written is None:
                errors.append(f"ngày văn bản '{cells['Ngày văn bản']}' không phải một ngày")
            elif day is not None and written > day:
                errors.append(f"văn bản minh chứng ngày {vi_date(written)} sau ngày báo cáo")
            elif symbol:
                out["date"] = written
        sent = str(cells["Gửi đến"] or "")
        if sent:
            to = sent if sent in self.agencies else self.by_name.get(searchable(sent))
            if to is None:
                hint = did_you_mean(sent, self.agencies)
                errors.append(f"nơi nhận '{sent}' không có trong danh mục cơ quan{hint}")
            elif symbol:
                out["sent_to"] = to
        return out, errors


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _DATE.fullmatch(str(value or "").strip())
    if m is None:
        return None
    day, month, year = (m[1], m[2], m[3]) if m[1] else (m[6], m[5], m[4])
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
