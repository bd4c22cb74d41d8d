"""Reports the agencies send back: the sheet the site offers each agency, filled in and
imported with `ketluan reports import` (ketluan.outputs.blank_sheets, ketluan.follow)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from reporting import HEADER, agency_sheet, csv_rows, fictional_data, write_csv
from sitecheck import REAL_QUARTER, grown_data

from ketluan.cli import main
from ketluan.follow.returned import SheetError, read_sheet
from ketluan.index.site_index import build_index
from ketluan.load import load
from ketluan.model.report_sheet import COLUMNS
from ketluan.outputs.blank_sheets import sheet_rows


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return fictional_data(tmp_path)


def _import(sheet: Path, data: Path, key: str = "2026-q2") -> int:
    return main(["reports", "import", str(sheet), "--quarter", key, "--data", str(data)])


def test_a_filled_xlsx_sheet_imports_once_and_shows(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet, agency, ref = agency_sheet(data, tmp_path / "site", "xlsx")
    book = load_workbook(sheet)
    rows = book.active
    assert rows is not None
    header = [c.value for c in rows[1]]
    assert header == list(COLUMNS)
    line = next(r for r in range(2, rows.max_row + 1) if rows.cell(r, 1).value == ref)
    # Pre-filled: whose sheet it is, by the name an official reads (never an id).
    named = {a.id: a.name for a in load(data).agencies}
    assert rows.cell(line, 5).value == named[agency]
    meeting = load(data).quarters[-1].meeting_date
    day = meeting + timedelta(days=10)
    fill = {
        6: "hoàn thành đúng hạn",
        7: day.strftime("%d/%m/%Y"),
        8: "125/BC-UBND",
        9: meeting.strftime("%d/%m/%Y"),
        10: "Ban Thường vụ Tỉnh ủy Mẫu",
        11: "Đã gửi báo cáo.",
    }
    for column, value in fill.items():
        rows.cell(line, column).value = value
    book.save(sheet)
    before = data.read_text(encoding="utf-8")
    assert _import(sheet, data) == 0
    assert "Đã nhập 1 báo cáo" in capsys.readouterr().out
    after = data.read_text(encoding="utf-8")
    assert after.startswith(HEADER) and after.count("\n") > before.count("\n")
    dataset = load(data)
    (report,) = [r for r in dataset.quarters[-1].reports if r.task == ref]
    assert (report.status.value, report.date, report.agency) == ("hoàn thành đúng hạn", day, agency)
    assert report.evidence is not None and report.evidence.symbol == "125/BC-UBND"
    assert report.evidence.sent_to == "ban-thuong-vu-tinh-uy-mau"  # found by its name
    state = build_index(dataset).state(build_index(dataset).by_ref[ref])
    assert state.done
    assert _import(sheet, data) == 0  # the same sheet again changes nothing
    assert "Đã nhập 0 báo cáo" in capsys.readouterr().out
    assert data.read_text(encoding="utf-8") == after


def test_every_bad_row_is_named_and_nothing_is_written(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet, agency, ref = agency_sheet(data, tmp_path / "site", "csv")
    rows = csv_rows(sheet)
    other = next(a.id for a in load(data).agencies if a.id != agency and not a.collective)
    day = (load(data).quarters[-1].meeting_date + timedelta(days=3)).isoformat()
    template = rows[1]
    bad = [
        ["2026-q2/XX.9", *template[1:5], "đang thực hiện", day, "", "", "", ""],
        [ref, *template[1:4], other, "đang thực hiện", day, "", "", "", ""],
        [ref, *template[1:5], "hoan thanh dung han", day, "1/BC", "", "", ""],
        [ref, *template[1:5], "đang thực hiện", "31/02/2026", "", "", "", ""],
        [ref, *template[1:5], "hoàn thành quá hạn", day, "", "", "", ""],
        [ref, *template[1:5], "đang thực hiện", "01/01/2099", "", "", "", ""],
        # Two reports of one task on one day: the data's checker refuses them, and says
        # so with the rows above, not only once they are mended.
        [ref, *template[1:5], "đang thực hiện", day, "", "", "", ""],
        [ref, *template[1:5], "tạm dừng", day, "", "", "", ""],
    ]
    write_csv(sheet, [rows[0], *bad])
    before = data.read_bytes()
    assert _import(sheet, data) == 1
    err = capsys.readouterr().err
    for line, words in (
        (2, "không có nhiệm vụ '2026-q2/XX.9'"),
        (3, "không được giao nhiệm vụ"),
        (4, "có phải 'hoàn thành đúng hạn'?"),
        (5, "không phải một ngày"),
        (6, "cần số hiệu văn bản minh chứng"),
        (7, "chưa tới"),
        (9, "mỗi ngày chỉ một báo cáo"),
    ):
        assert f"Dòng {line}: " in err and words in err, (line, words, err)
    assert "chưa nhập dòng nào" in err
    assert data.read_bytes() == before


def test_a_row_of_a_task_of_another_quarter_is_refused_with_its_reason(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet, _agency, ref = agency_sheet(data, tmp_path / "site", "csv")
    quarters = load(data).quarters
    rows = csv_rows(sheet)
    day = (quarters[-1].meeting_date + timedelta(days=3)).isoformat()
    row = next(r for r in rows if r[0] == ref)
    # The earlier quarter's sheet, sent back with a row of the newer quarter's task.
    earlier = sheet.with_name(sheet.name.replace(quarters[-1].key, quarters[0].key))
    write_csv(earlier, [rows[0], [*row[:5], "đang thực hiện", day, "", "", "", ""]])
    assert _import(earlier, data) == 1
    err = capsys.readouterr().err
    assert f"Dòng 2: nhiệm vụ {ref} thuộc Kết luận {quarters[-1].title}, sau bảng báo cáo" in err


def test_a_row_of_a_task_a_newer_one_carries_on_is_refused(tmp_path: Path) -> None:
    # The real next quarter's II.1 carries on Quý I's II.1-2 (Ban Tổ chức's).
    data = grown_data(tmp_path)
    dataset = load(data)
    key = dataset.quarters[-1].key
    sheet = tmp_path / f"bao-cao-ban-to-chuc-{key}.csv"
    day = (dataset.quarters[-1].meeting_date + timedelta(days=3)).isoformat()
    old = f"{REAL_QUARTER}/II.1-2"
    write_csv(
        sheet, [list(COLUMNS), [old, "", "", "", "Ban Tổ chức Tỉnh ủy", "đang thực hiện", day]]
    )
    with pytest.raises(SheetError) as caught:
        read_sheet(sheet, dataset)
    assert caught.value.problems == [
        f"Dòng 2: nhiệm vụ {old} đã được tiếp tục bởi nhiệm vụ {key}/II.1 của Kết luận "
        f"{dataset.quarters[-1].title}; hãy báo cáo theo {key}/II.1"
    ]


def test_what_the_checker_finds_is_said_of_the_row(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet, _agency, ref = agency_sheet(data, tmp_path / "site", "csv")
    rows = csv_rows(sheet)
    line = next(r for r in rows if r[0] == ref)
    day = (load(data).quarters[-1].meeting_date + timedelta(days=3)).isoformat()
    first = [*line[:5], "đang thực hiện", day, "", "", "", ""]
    second = [*line[:5], "tạm dừng", day, "", "", "", ""]  # two reports, one day
    write_csv(sheet, [rows[0], first, second])
    before = data.read_bytes()
    assert _import(sheet, data) == 1
    err = capsys.readouterr().err
    assert "Dòng 3: " in err and "mỗi ngày chỉ một báo cáo" in err
    assert data.read_bytes() == before


def test_a_sheet_asks_about_earlier_open_tasks_and_names_the_agency(tmp_path: Path) -> None:
    data = grown_data(tmp_path)
    index = build_index(load(data))
    rows = sheet_rows(index, "dang-uy-ubnd-tinh")
    refs = [r[0] for r in rows]
    earlier = [e.ref for e in index.open_earlier if "dang-uy-ubnd-tinh" in {a.id for a in e.bound}]
    assert earlier and refs[: len(earlier)] == earlier  # the earlier quarter's first
    assert "2026-q1/II.2.6-1" not in refs  # reported done in the next quarter's data
    # The version holds a directive too: each row names its document, its quarter in it.
    assert all(r[1].startswith("Kết luận Quý I/2026, Mục ") for r in rows[: len(earlier)])
    assert {r[4] for r in rows} == {"Đảng ủy Ủy ban nhân dân tỉnh"}  # its name, not an id
    # The row of an earlier open task, filled in, imports as that agency's report.
    key = index.conclusion.key
    sheet = tmp_path / f"bao-cao-dang-uy-ubnd-tinh-{key}.csv"
    day = (index.conclusion.meeting_date + timedelta(days=5)).isoformat()
    write_csv(sheet, [list(COLUMNS), [*rows[0][:5], "đang thực hiện", day]])
    (report,) = read_sheet(sheet, load(data)).reports
    assert (report["task"], report["agency"]) == (earlier[0], "dang-uy-ubnd-tinh")
