"""`ketluan reports import` as a library operation: a returned sheet merged into the data
file's text, checked whole, each problem of a new report said of its sheet row."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ketluan.follow.merge import merge_reports
from ketluan.follow.returned import SheetError, read_sheet
from ketluan.load import load, validate_text
from ketluan.model.calendar import find_quarter
from ketluan.problems import DataError, Problem

__all__ = ["ReportsImport", "import_reports"]


@dataclass(frozen=True, slots=True)
class ReportsImport:
    """What a returned sheet adds: the data file's new text (None when nothing is new),
    and how many reports were added, were there already, and rows left blank."""

    text: str | None
    added: int
    already: int
    blank: int


def import_reports(
    sheet: Path, key: str, data: Path, *, agency: str | None = None
) -> ReportsImport:
    """The reports of `sheet` merged into quarter `key` of `data` (nothing is written);
    the sheet speaks for `agency`, or for the agency its first row names.

    Raises UnknownQuarter for a quarter the data lacks, and SheetError with every
    problem, each named by its row, when the sheet or the merged data is wrong.
    """
    dataset = load(data)
    position = find_quarter(dataset.quarters, key)
    read = read_sheet(sheet, dataset, agency, collect=True)
    merged = merge_reports(data.read_text(encoding="utf-8"), key, read.reports)
    checked: list[str] = []
    if merged.added:
        before = len(dataset.quarters[position].reports)
        # The new reports go after the quarter's own: report `before + k` is the k-th.
        rows = {before + k: read.rows[i] for k, i in enumerate(merged.added)}
        try:
            validate_text(merged.text, str(data))
        except DataError as exc:
            checked = [_said_of_row(p, position, rows) for p in exc.problems]
    if read.problems or checked:
        # Every row's problem at once, the reader's and the checker's, in row order.
        raise SheetError(sorted([*read.problems, *checked], key=_row_number))
    if not merged.added:
        return ReportsImport(None, 0, len(merged.already), read.blank)
    return ReportsImport(merged.text, len(merged.added), len(merged.already), read.blank)


def _row_number(problem: str) -> int:
    """The sheet row a problem is said of ("Dòng 7: …"); 0 for one of no row."""
    head = problem.split(":", 1)[0]
    return int(head[5:]) if head.startswith("Dòng ") and head[5:].isdigit() else 0


def _said_of_row(problem: Problem, position: int, rows: dict[int, int]) -> str:
    """A checker's problem of a new report as its sheet row's ("Dòng 7: …"); any
    other as the checker said it."""
    match problem.field[:4]:
        case ("quarters", quarter, "reports", int(report)) if quarter == position:
            if report in rows:
                return f"Dòng {rows[report]}: {problem.message}"
    return str(problem)
