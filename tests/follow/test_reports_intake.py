"""`import_reports`, the library call under `ketluan reports import`: what it returns,
what it refuses, and each of the checker's problems said of the sheet row it came from."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from reporting import agency_sheet, csv_rows, fictional_data, write_csv

from ketluan.follow.intake import import_reports
from ketluan.follow.returned import SheetError
from ketluan.load import load, validate_text
from ketluan.model.calendar import UnknownQuarter


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return fictional_data(tmp_path)


def _rows_for(data: Path, tmp_path: Path, *statuses: str) -> tuple[Path, str]:
    sheet, _agency, ref = agency_sheet(data, tmp_path / "site", "csv")
    rows = csv_rows(sheet)
    line = next(r for r in rows if r[0] == ref)
    day = (load(data).quarters[-1].meeting_date + timedelta(days=3)).isoformat()
    write_csv(sheet, [rows[0], *([*line[:5], s, day, "", "", "", ""] for s in statuses)])
    return sheet, ref


def test_new_reports_come_back_as_text_and_counts_and_nothing_is_written(
    data: Path, tmp_path: Path
) -> None:
    sheet, ref = _rows_for(data, tmp_path, "đang thực hiện")
    before = data.read_bytes()
    imported = import_reports(sheet, "2026-q2", data)
    assert (imported.added, imported.already) == (1, 0)
    assert data.read_bytes() == before
    assert imported.text is not None
    merged = validate_text(imported.text, "mau.yml")
    assert [r.task for r in merged.quarters[-1].reports if r.task == ref] == [ref]
    # The same sheet again, once its reports are in: nothing new, no text to write.
    data.write_text(imported.text, encoding="utf-8")
    again = import_reports(sheet, "2026-q2", data)
    assert (again.text, again.added, again.already) == (None, 0, 1)


def test_the_checkers_problems_are_said_of_their_rows(data: Path, tmp_path: Path) -> None:
    # Two reports on one task on one day: the sheet reader accepts each row, the checker
    # refuses the second; its problem names sheet row 3, not a path in the data file.
    sheet, _ref = _rows_for(data, tmp_path, "đang thực hiện", "tạm dừng")
    with pytest.raises(SheetError) as refused:
        import_reports(sheet, "2026-q2", data)
    (problem,) = refused.value.problems
    assert problem.startswith("Dòng 3: ") and "mỗi ngày chỉ một báo cáo" in problem
    assert "quarters[" not in problem


def test_a_quarter_the_data_lacks_is_refused(data: Path, tmp_path: Path) -> None:
    sheet, _ref = _rows_for(data, tmp_path, "đang thực hiện")
    with pytest.raises(UnknownQuarter):
        import_reports(sheet, "2031-q4", data)
