"""The version's exports (ketluan.outputs.exports): tasks as CSV and JSON with its
schema, deadlines as iCalendar feeds parsed back with icalendar, quarters as Atom."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from icalendar import Calendar
from sitecheck import REAL_DATA, REAL_QUARTER

from ketluan.fictional import Scale, dump, generate
from ketluan.index.site_index import Entry, build_index
from ketluan.load import load, validate_text
from ketluan.model import Dataset, Relation
from ketluan.outputs.blank_sheets import write_sheets
from ketluan.outputs.exports import write_exports
from ketluan.render import urls

SCALE = Scale(quarters=3, agencies=24, communes=8, tasks_per_quarter=48, documents=12)
SITE = "http://intranet.mau/ket-luan/"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return validate_text(dump(generate(SCALE)), "mau.yml")


def _write(dataset: Dataset, folder: Path, key: str | None = None) -> Path:
    write_exports(build_index(dataset, key), folder, SITE)
    return folder


def test_the_task_table_has_a_row_per_task_and_role_in_vietnamese(
    dataset: Dataset, tmp_path: Path
) -> None:
    site = _write(dataset, tmp_path)
    raw = (site / urls.EXPORT_CSV).read_bytes()
    assert raw.startswith("\ufeff".encode())  # UTF-8 with a BOM: Excel shows the letters
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    index = build_index(dataset)
    want = sum(
        len(e.lead)
        + len(e.addressed)
        + len(e.duties)
        + len(e.support)
        + len(e.report_to)
        + len(e.accountable)
        for e in index.entries
    )
    assert len(rows) == want
    assert {r["Vai trò"] for r in rows} >= {"Chủ trì", "Phối hợp", "Nhận báo cáo"}
    first = index.entries[0]
    mine = [r for r in rows if r["Mã nhiệm vụ"] == first.ref]
    assert mine and all(r["Nội dung"] == first.task.text for r in mine)
    agency = first.lead[0].agency.id
    own = list(
        csv.DictReader(
            io.StringIO((site / urls.agency_export(agency, "csv")).read_bytes().decode("utf-8-sig"))
        )
    )
    assert own and all(r["Mã cơ quan"] == agency for r in own)


def test_the_json_fits_its_schema(dataset: Dataset, tmp_path: Path) -> None:
    site = _write(dataset, tmp_path)
    document: dict[str, Any] = json.loads((site / urls.EXPORT_JSON).read_text(encoding="utf-8"))
    schema = json.loads((site / urls.EXPORT_SCHEMA).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema)
    assert len(document["tasks"]) == len(build_index(dataset).entries)
    document["tasks"][0]["lead"] = "not a list"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def _events(path: Path) -> dict[str, Any]:
    feed = Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]): e for e in feed.walk("VEVENT")}


def test_the_calendar_parses_back_and_a_carried_on_task_keeps_its_uid(
    dataset: Dataset, tmp_path: Path
) -> None:
    keys = [q.key for q in dataset.quarters]
    feeds = {key: _events(_write(dataset, tmp_path / key, key) / urls.EXPORT_ICS) for key in keys}
    index = build_index(dataset)
    # One event per deadline, no UID twice: the quarter's, and those of earlier
    # quarters' tasks still open (reported neither done nor stopped, not carried on).
    still_open = index.open_earlier
    assert still_open, "the fictional data leaves earlier tasks open"
    want = sum(len(e.task.deadlines) for e in (*index.entries, *still_open))
    assert len(feeds[keys[-1]]) == want
    # An earlier quarter's task is in its own version's full text, never copied here.
    earlier_urls = {
        str(e["url"]) for e in feeds[keys[-1]].values() if not e["url"].startswith(SITE + keys[-1])
    }
    assert earlier_urls == {
        f"{SITE}{e.conclusion.key}/toan-van/#{e.task.anchor}" for e in still_open
    }
    assert all(
        e["url"].startswith(f"{SITE}{keys[-1]}/toan-van/#")
        for e in feeds[keys[-1]].values()
        if str(e["url"]) not in earlier_urls
    )
    # A subscribed calendar moves the earlier task's event rather than adding another:
    # a carried task's events have the UIDs of the first task of its chain.
    moved = 0
    for key in keys[1:]:
        version = build_index(dataset, key)
        for entry in (e for e in version.entries if e.task.continues and e.task.deadlines):
            first = entry.task.continues[0]
            while version.by_ref[first].task.continues:
                first = version.by_ref[first].task.continues[0]
            at = f"{SITE}{key}/toan-van/#{entry.task.anchor}"
            ours = [uid for uid, e in feeds[key].items() if e["url"] == at]
            assert ours and all(uid.startswith(f"{first}/") for uid in ours)
            moved += bool(set(ours) & set(feeds[first.split("/")[0]]))
    assert moved, "the fictional data carries dated tasks on"
    again = _write(dataset, tmp_path / "again", keys[-1]) / urls.EXPORT_ICS
    assert again.read_bytes() == (tmp_path / keys[-1] / urls.EXPORT_ICS).read_bytes()


def test_the_atom_feed_lists_the_quarters_published_so_far(
    dataset: Dataset, tmp_path: Path
) -> None:
    site = _write(dataset, tmp_path, dataset.quarters[1].key)
    root = ET.fromstring((site / urls.EXPORT_ATOM).read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    links = [e.find("a:link", ns).get("href") for e in root.findall("a:entry", ns)]  # type: ignore[union-attr]
    assert links == [f"{SITE}{q.key}/" for q in reversed(dataset.quarters[:2])]


def test_what_the_data_carries_stays_text_in_every_export(tmp_path: Path) -> None:
    data = yaml.safe_load(dump(generate(Scale(quarters=1, agencies=20, communes=6))))

    def tasks(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [t for s in sections for t in [*s.get("tasks", []), *tasks(s.get("sections", []))]]

    dated = next(t for t in tasks(data["quarters"][0]["sections"]) if t.get("deadlines"))
    dated["text"] += " <script>alert(1)</script> & ]]>"
    dataset = validate_text(yaml.safe_dump(data, allow_unicode=True), "mau.yml")
    site = _write(dataset, tmp_path)
    ET.fromstring((site / urls.EXPORT_ATOM).read_bytes())  # still well-formed
    events = _events(site / urls.EXPORT_ICS)
    assert any("<script>alert(1)</script>" in str(e.get("description")) for e in events.values())
    document = json.loads((site / urls.EXPORT_JSON).read_text(encoding="utf-8"))
    assert any(t["text"].endswith("<script>alert(1)</script> & ]]>") for t in document["tasks"])


def test_a_deadline_before_a_day_falls_on_the_day_before_and_others_say_whose(
    dataset: Dataset, tmp_path: Path
) -> None:
    site = _write(dataset, tmp_path)
    index = build_index(dataset)
    whole = list(Calendar.from_ical((site / urls.EXPORT_ICS).read_bytes()).walk("VEVENT"))
    before = [
        (e, d) for e in index.entries for d in e.task.deadlines if d.relation is Relation.BEFORE
    ]
    assert before, "the fictional data says 'trước ngày …'"
    for entry, deadline in before:
        days = {ev.decoded("dtstart") for ev in whole if ev["url"] == _at(entry)}
        assert deadline.date - timedelta(days=1) in days
        assert deadline.date not in days or any(
            d.date == deadline.date and d.relation is not Relation.BEFORE
            for d in entry.task.deadlines
        )


def test_a_supporters_calendar_says_whose_deadline_it_is(tmp_path: Path) -> None:
    # Real II.1-4: Ban Nội chính leads, the cơ quan nội chính, tư pháp support.
    real = load(REAL_DATA)
    site = _write(real, tmp_path)
    entry = build_index(real).by_ref[f"{REAL_QUARTER}/II.1-4"]
    theirs = _events(site / urls.agency_export("co-quan-noi-chinh-tu-phap", "ics"))
    said = [str(e["summary"]) for e in theirs.values() if e["url"] == _at(entry)]
    assert len(said) == 2
    # "… xây dựng phương án xử lý xong trong quý II"; "phân đấu … trong năm 2026", an aim.
    assert sorted(s.split(":")[0] for s in said) == [
        "Mục tiêu của Ban Nội chính Tỉnh ủy",
        "Thời hạn của Ban Nội chính Tỉnh ủy",
    ]
    ours = _events(site / urls.agency_export("ban-noi-chinh", "ics"))
    said = [str(e["summary"]) for e in ours.values() if e["url"] == _at(entry)]
    assert len(said) == 2
    assert sorted(s.split(":")[0] for s in said) == ["Mục tiêu", "Thời hạn"]
    assert all(s.endswith("— Ban Nội chính Tỉnh ủy") for s in said)
    # What is due in the text's words comes first; a derived date says so.
    assert any(s.startswith("Thời hạn: “hoàn thành việc rà soát, xây dựng phương án") for s in said)
    ubnd = _events(site / urls.agency_export("dang-uy-ubnd-tinh", "ics")).values()
    works = [str(e["summary"]) for e in ubnd if "khởi công các công trình" in str(e["summary"])]
    assert works and works[0].startswith("Thời hạn (suy ra, có thể không phải thời hạn): “")


def _at(entry: Entry) -> str:
    """A task of the newest version's quarter, where its calendar events link."""
    return f"{SITE}{entry.conclusion.key}/toan-van/#{entry.task.anchor}"


def _table(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_each_agency_part_reads_its_own_deadlines_in_the_real_exports(tmp_path: Path) -> None:
    site = _write(load(REAL_DATA), tmp_path)
    rows = _table(site / urls.EXPORT_CSV)

    def row(task: str, agency: str) -> dict[str, str]:
        (found,) = [
            r
            for r in rows
            if r["Mã nhiệm vụ"] == f"{REAL_QUARTER}/{task}" and r["Mã cơ quan"] == agency
        ]
        return found

    # Ban Nội chính leads II.1-4 and owns its dates; a supporter reads them as the lead's.
    assert row("II.1-4", "ban-noi-chinh")["Thời hạn"].startswith("30/6/2026 (hạn: hết quý II/2026)")
    assert "mục tiêu phấn đấu" in row("II.1-4", "ban-noi-chinh")["Thời hạn"]  # an aim, said so
    supporting = row("II.1-4", "co-quan-noi-chinh-tu-phap")
    assert supporting["Vai trò"] == "Phối hợp"
    assert supporting["Thời hạn"].startswith("thời hạn của đơn vị chủ trì: 30/6/2026")
    # The Ban Thường vụ waits for II.2.2-5's report (May), not for the works (year end).
    awaited = row("II.2.2-5", "ban-thuong-vu-tinh-uy")
    assert (awaited["Vai trò"], awaited["Thời hạn"]) == (
        "Nhận báo cáo",
        "31/5/2026 (hạn báo cáo: hết tháng 5/2026)",
    )
    assert row("IV.1", "thuong-truc-tinh-uy")["Thời hạn"] == "văn bản không nêu hạn báo cáo"
    # Given through the heading, and a part of its own.
    assert row("II.2.1", "dang-uy-ubnd-tinh")["Vai trò"] == "Giao qua đề mục 2"
    assert row("IV.1", "dang-uy-ubnd-tinh")["Vai trò"] == "Phần việc riêng"
    # Footnote 6 of II.2.2-2, in full; the source's *…* italics never reach a cell.
    assert row("II.2.2-2", "chu-dau-tu")["Chú thích"].startswith("6. ")
    assert not any("*" in cell for r in rows for cell in r.values())


def test_an_agency_table_holds_its_collectives_and_headings_tasks(tmp_path: Path) -> None:
    site = _write(load(REAL_DATA), tmp_path)
    table = _table(site / urls.agency_export("ban-to-chuc", "csv"))
    roles = {r["Mã nhiệm vụ"].split("/")[1]: r["Vai trò"] for r in table}
    assert roles == {
        "II": "Giao chung (qua Các cơ quan chuyên trách, tham mưu, giúp việc Tỉnh ủy)",
        "II.1": "Giao chung (qua Các cơ quan chuyên trách, tham mưu, giúp việc Tỉnh ủy)",
        "II.1-2": "Chủ trì",
        "IV.1": "Giao chung (qua Các cơ quan chuyên trách, tham mưu, giúp việc Tỉnh ủy)",
        "IV.2": "Giao chung (qua Các cơ quan, đơn vị có liên quan)",
    }
    assert {r["Mã cơ quan"] for r in table} == {"ban-to-chuc"}
    ubnd = _table(site / urls.agency_export("dang-uy-ubnd-tinh", "csv"))
    given = {r["Mã nhiệm vụ"].split("/")[1] for r in ubnd if r["Vai trò"] == "Giao qua đề mục 2"}
    assert given == {"II.2.1", "II.2.1-1", "II.2.2-2", "II.2.4"}


def test_every_table_has_an_xlsx_that_opens_in_columns(tmp_path: Path) -> None:
    # Excel with Vietnamese regional settings splits a CSV at ";": the version's table
    # has an .xlsx beside it, and an agency's is the second sheet of its report workbook.
    from openpyxl import load_workbook

    real = load(REAL_DATA)
    site = _write(real, tmp_path)
    write_sheets(build_index(real), site)
    own = urls.report_sheet("ban-to-chuc", REAL_QUARTER, "xlsx")
    for csv_path, xlsx_path, sheet_name in (
        (urls.EXPORT_CSV, urls.EXPORT_XLSX, "Nhiệm vụ"),
        (urls.agency_export("ban-to-chuc", "csv"), own, "Nhiệm vụ"),
    ):
        rows = _table(site / csv_path)
        book = load_workbook(site / xlsx_path, read_only=True)
        sheet = book[sheet_name]
        cells = [
            ["" if c is None else str(c) for c in r] for r in sheet.iter_rows(values_only=True)
        ]
        assert cells[0] == list(rows[0])
        assert [dict(zip(cells[0], r, strict=True)) for r in cells[1:]] == rows
    assert load_workbook(site / own, read_only=True).sheetnames == ["Báo cáo", "Nhiệm vụ"]
    again = _write(real, tmp_path / "again")
    assert (again / urls.EXPORT_XLSX).read_bytes() == (site / urls.EXPORT_XLSX).read_bytes()


def test_the_json_carries_footnotes_recurrences_targets_and_every_part(tmp_path: Path) -> None:
    site = _write(load(REAL_DATA), tmp_path)
    tasks = {
        t["ref"].split("/")[1]: t
        for t in json.loads((site / urls.EXPORT_JSON).read_text(encoding="utf-8"))["tasks"]
    }
    assert tasks["II.2.2-2"]["footnotes"][0]["number"] == 6
    assert tasks["IV.1"]["recurrences"] == [
        {"phrase": "định kỳ báo cáo", "every": [], "at_least": None}
    ]
    assert tasks["IV.1"]["duties"] == ["co-quan-tham-muu-giup-viec-tinh-uy", "dang-uy-ubnd-tinh"]
    assert tasks["II.2.1"]["through_heading"] == [{"agency": "dang-uy-ubnd-tinh", "heading": "2"}]
    year, quarter = tasks["II.2.2"]["targets"]  # "… năm 2026", "hết quý II năm 2026 …"
    assert (quarter["by"], quarter["by_stated"]) == ("2026-06-30", True)
    assert (year["by"], year["by_stated"]) == ("2026-12-31", False)  # derived from context
    assert not any("*" in json.dumps(t, ensure_ascii=False) for t in tasks.values())


def test_a_task_given_through_a_heading_is_in_the_addressees_calendar_as_its_own(
    dataset: Dataset, tmp_path: Path
) -> None:
    site = _write(dataset, tmp_path)
    index = build_index(dataset)
    entry = next(e for e in index.entries if e.addressed and e.task.deadlines)
    addressee = entry.addressed[0].agency
    feed = _events(site / urls.agency_export(addressee.id, "ics"))
    said = [str(e["summary"]) for e in feed.values() if e["url"] == _at(entry)]
    assert len(said) == len(entry.task.deadlines)
    assert all(" của " not in s.split(":")[0] for s in said)  # its own, as the lead's are
    rows = _table(site / urls.agency_export(addressee.id, "csv"))
    (row,) = [r for r in rows if r["Mã nhiệm vụ"] == entry.ref]
    assert row["Vai trò"] == f"Giao qua đề mục {entry.addressed[0].heading}"
