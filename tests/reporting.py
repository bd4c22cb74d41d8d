"""What the report-sheet tests share: a fictional data file, the sheet the site offers
an agency, and reading and writing a sheet as an office's spreadsheet program would."""

from __future__ import annotations

import csv
from pathlib import Path

from ketluan.fictional import Scale, dump, generate
from ketluan.index.site_index import build_index
from ketluan.load import load
from ketluan.outputs.blank_sheets import write_sheets
from ketluan.render import urls

SCALE = Scale(quarters=2, agencies=24, communes=8, tasks_per_quarter=24, documents=12)
HEADER = "# Tệp mẫu: chú thích phải còn nguyên sau khi nhập báo cáo.\n"


def fictional_data(folder: Path) -> Path:
    """A fictional data file of two quarters, opening with a comment to keep."""
    path = folder / "mau.yml"
    path.write_text(HEADER + dump(generate(SCALE)), encoding="utf-8")
    return path


def agency_sheet(data: Path, folder: Path, kind: str) -> tuple[Path, str, str]:
    """The sheet the site offers the lead of the newest quarter's first dated task."""
    index = build_index(load(data))
    entry = next(e for e in index.entries if e.task.deadlines and not e.lead[0].agency.collective)
    agency = entry.lead[0].agency.id
    write_sheets(index, folder)
    return folder / urls.report_sheet(agency, index.conclusion.key, kind), agency, entry.ref


def csv_rows(sheet: Path) -> list[list[str]]:
    """A CSV sheet's rows, as Excel saves it (UTF-8 with a BOM)."""
    with sheet.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def write_csv(sheet: Path, rows: list[list[str]]) -> None:
    """Save rows as a CSV sheet, as Excel would."""
    with sheet.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
