"""The version's data for other programs, written beside its pages: the tasks as CSV and
JSON (with its JSON Schema), the deadlines as iCalendar feeds, the quarters as Atom.

- CSV (UTF-8 with a BOM) and .xlsx beside it (what Excel with Vietnamese regional
  settings opens in columns): one row per task and agency part, with the deadlines as
  that agency must read them, targets, citations, latest status and footnotes; the
  whole version, and each agency's, its collectives' tasks included.
- JSON: one object per task, its roles nested, `nhiem-vu.schema.json` beside it.
- iCalendar (icalendar): a whole-day event per deadline, for the site and per agency;
  a task carried on from an earlier quarter keeps the UID of the task it carries on, so
  a subscribed calendar moves the event instead of adding another.
- Atom: the quarters published up to this one.
- Word: the Office's draft status report (`ketluan.outputs.status_report`).

Every file is the same bytes when the same data is published again: its times are the
meeting's, never the build's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr

from ketluan.index.site_index import Entry, SiteIndex
from ketluan.index.status import last_day
from ketluan.model import Agency, Deadline
from ketluan.outputs.status_report import status_report
from ketluan.outputs.tasks_json import JSON_SCHEMA, tasks_json
from ketluan.outputs.workbooks import add_text_sheet, excel_csv, saved, text_workbook
from ketluan.render import labels, urls
from ketluan.text.emphasis import without_emphasis

if TYPE_CHECKING:
    from openpyxl import Workbook
from ketluan.text.vietnamese import slugify, vi_date

__all__ = ["CSV_COLUMNS", "TABLE_SHEET", "table_sheet", "task_rows", "write_exports"]

CSV_COLUMNS = (
    "Quý",
    "Văn bản",
    "Mã nhiệm vụ",
    "Mục",
    "Loại",
    "Vai trò",
    "Mã cơ quan",
    "Cơ quan",
    "Thời hạn",
    "Chỉ tiêu",
    "Văn bản dẫn chiếu",
    "Tình trạng",
    "Ngày báo cáo",
    "Minh chứng",
    "Nội dung",
    "Chú thích",
)

# Whose dates a row's deadlines are, when they are not its agency's own.
THEIR_DATES = "thời hạn của đơn vị chủ trì: "


@dataclass(frozen=True, slots=True)
class _Part:
    """One agency's part in one task, as a row says it."""

    role: str  # the "Vai trò" cell
    agency: Agency
    dates: str  # the "Thời hạn" cell, said from this agency's side


def _parts(entry: Entry) -> list[_Part]:
    """Each agency the task names or addresses, with its part: the lead and the
    heading's addressee own the deadlines; everyone else reads them as the lead's; the
    reports' recipient waits for the report's own deadline."""
    own = _dates(entry.task.deadlines)
    theirs = THEIR_DATES + own if own else ""
    out = [_Part(labels.ROLES["lead"], r.agency, own) for r in entry.lead]
    out += [_Part(f"{labels.THROUGH_HEADING} {r.heading}", r.agency, own) for r in entry.addressed]
    out += [_Part(labels.ROLES[key], a, theirs) for key in _OTHERS for a in getattr(entry, key)]
    # Held accountable for a task it has a part in already: said by that part's row.
    active = {a.id for a in entry.agencies}
    out += [
        _Part(labels.ROLES["accountable"], a, theirs)
        for a in entry.accountable
        if a.id not in active
    ]
    awaited = _dates(entry.report_deadlines) or "văn bản không nêu hạn báo cáo"
    out += [_Part(f"Nhận {labels.ROLES['report_to'].lower()}", a, awaited) for a in entry.report_to]
    return out


_OTHERS = ("duties", "support")


def _dates(deadlines: Iterable[Deadline]) -> str:
    return "; ".join(f"{vi_date(d.date)} ({labels.deadline_note(d)})" for d in deadlines)


def _facts(index: SiteIndex, entry: Entry) -> dict[str, str]:
    task = entry.task
    state = index.state(entry)
    report = state.report
    evidence = report.evidence if report else None
    return {
        "Chỉ tiêu": "; ".join(t.phrase for t in task.targets),
        "Văn bản dẫn chiếu": "; ".join(c.as_written for c in task.cites),
        "Tình trạng": state.label,
        "Ngày báo cáo": vi_date(report.date) if report else "",
        "Minh chứng": (
            f"{evidence.symbol}{' ngày ' + vi_date(evidence.date) if evidence.date else ''}"
            if evidence
            else ""
        ),
        "Nội dung": task.text,
        "Chú thích": "\n".join(f"{f.number}. {f.text}" for f in entry.footnotes),
    }


_Memo = dict[str, tuple[list[_Part], dict[str, str]]]


def task_rows(
    index: SiteIndex, agency_id: str | None = None, memo: _Memo | None = None
) -> list[dict[str, str]]:
    """One row per task of the version and agency part; with `agency_id`, that
    agency's rows, and a row for each task a collective it belongs to is given.
    `memo` keeps each task's parts and facts from one call to the next."""
    out: list[dict[str, str]] = []
    memo = {} if memo is None else memo
    collective = _through(index, agency_id) if agency_id else {}
    for entry in index.entries:
        if entry.ref not in memo:
            memo[entry.ref] = (_parts(entry), _facts(index, entry))
        parts, facts = memo[entry.ref]
        if agency_id is not None:
            mine = [p for p in parts if p.agency.id == agency_id]
            group = collective.get(entry.ref)
            if not mine and group is not None:
                theirs = next(p for p in parts if p.agency.id == group.id)
                mine = [
                    _Part(
                        f"Giao chung (qua {group.name})",
                        index.agencies[agency_id].agency,
                        theirs.dates,
                    )
                ]
            parts = mine
        for part in parts:
            out.append(
                {
                    "Quý": entry.conclusion.title,
                    "Văn bản": entry.source_label,
                    "Mã nhiệm vụ": entry.ref,
                    "Mục": entry.reference,
                    "Loại": labels.KINDS[entry.task.kind],
                    "Vai trò": part.role,
                    "Mã cơ quan": part.agency.id,
                    "Cơ quan": part.agency.name,
                    "Thời hạn": part.dates,
                    **facts,
                }
            )
    return out


def _through(index: SiteIndex, agency_id: str) -> dict[str, Agency]:
    """Task ref → the collective that gives it to `agency_id`."""
    return {e.ref: group for e, group in index.agencies[agency_id].collective}


def _csv(rows: list[dict[str, str]]) -> bytes:
    return excel_csv(CSV_COLUMNS, [[row[c] for c in CSV_COLUMNS] for row in rows])


# The .xlsx's column widths, in CSV_COLUMNS' order; "Nội dung" and "Chú thích" wrap.
_WIDTHS = (12, 18, 22, 12, 18, 20, 30, 30, 24, 24, 18, 12, 18, 80, 40)


TABLE_SHEET = "Nhiệm vụ"  # the task table's sheet, alone or in an agency's workbook


def table_sheet(book: Workbook | None, rows: list[dict[str, str]]) -> Workbook:
    """The task table as a sheet: of a new workbook, or added to `book` (an agency's
    report workbook carries its own table, with no workbook of its own to make)."""
    cells = [[row[c] for c in CSV_COLUMNS] for row in rows]
    wrap = (CSV_COLUMNS.index("Nội dung") + 1, CSV_COLUMNS.index("Chú thích") + 1)
    if book is None:
        book, sheet = text_workbook(
            CSV_COLUMNS, cells, title=TABLE_SHEET, widths=_WIDTHS, wrap=wrap
        )
    else:
        sheet = add_text_sheet(
            book, CSV_COLUMNS, cells, title=TABLE_SHEET, widths=_WIDTHS, wrap=wrap
        )
    sheet.freeze_panes = "C2"
    return book


def _xlsx(rows: list[dict[str, str]], name: str, index: SiteIndex) -> bytes:
    """The rows as an .xlsx: what Excel with Vietnamese regional settings opens in
    columns (it splits a CSV at ";", not ",")."""
    stamp = datetime.combine(index.conclusion.meeting_date, time())
    return saved(table_sheet(None, rows), name, stamp)


def _root(index: SiteIndex, entry: Entry) -> str:
    """The first task of the chain this one carries on (itself if it carries none on)."""
    seen = {entry.ref}
    while entry.task.continues and entry.task.continues[0] in index.by_ref:
        earlier = index.by_ref[entry.task.continues[0]]
        if earlier.ref in seen:
            break
        seen.add(earlier.ref)
        entry = earlier
    return entry.ref


def calendar(
    index: SiteIndex,
    site_url: str,
    agency_id: str | None = None,
    events: dict[tuple[str, bool], list[Any]] | None = None,
) -> bytes:
    """The iCalendar feed of the version's deadlines, and of earlier quarters' tasks
    still open (not reported done or stopped, not carried on by a newer task): of the
    tasks that bind `agency_id`, if given. `site_url` is the version's address, ending
    in "/". `events` keeps each task's events from one feed to the next."""
    from icalendar import Calendar

    events = {} if events is None else events
    feed = Calendar()
    feed.add("prodid", "-//ketluan//Kết luận//VI")
    feed.add("version", "2.0")
    name = index.agencies[agency_id].agency.name if agency_id else index.dataset.province
    feed.add("x-wr-calname", f"Thời hạn Kết luận {index.conclusion.title} — {name}")
    # The agency and the collectives it belongs to: what binds them binds it.
    mine = index.collectives_of(agency_id) | {agency_id} if agency_id else set()
    for entry in (*index.open_earlier, *index.entries):
        own = True
        if agency_id is not None:
            if not mine & {a.id for a in entry.bound}:
                continue
            owners = {a.id for a in entry.leaders} | {r.agency.id for r in entry.addressed}
            # Its own deadline when it leads, or a collective of it does, or a heading
            # gives it the task; a supporter's or a part's are the lead's.
            own = agency_id in owners or bool(
                agency_id not in {a.id for a in entry.bound} and mine & owners
            )
        if (entry.ref, own) not in events:
            events[entry.ref, own] = _events(index, entry, site_url, own=own)
        for event in events[entry.ref, own]:
            feed.add_component(event)
    ical: bytes = feed.to_ical()
    return ical


def _events(index: SiteIndex, entry: Entry, site_url: str, *, own: bool) -> list[Any]:
    """A task's deadlines as whole-day events on their last day ("trước 15/6/2026" on
    14/6); its UIDs are those of its chain's first. `own`: for a calendar of an agency
    whose deadlines they are; any other's says whose they are."""
    from icalendar import Event  # imported here: only the feeds need it

    stamp = datetime.combine(index.conclusion.meeting_date, time())
    domain = slugify(index.dataset.province) or "ketluan"
    root = _root(index, entry)
    counts = {True: 0, False: 0}
    lead = "; ".join(a.name for a in entry.leaders)
    out = []
    for d in entry.task.deadlines:
        counts[d.report] += 1
        event = Event()
        kind = "bao-cao" if d.report else "han"
        event.add("uid", f"{root}/{kind}-{counts[d.report]}@{domain}.ketluan")
        event.add("dtstamp", stamp)
        event.add("dtstart", last_day(d))
        what = "Hạn báo cáo" if d.report else ("Mục tiêu" if d.aim else "Thời hạn")
        if d.derived:
            what += " (suy ra, có thể không phải thời hạn)"
        # What is due in the text's own words first ("Báo cáo kết quả thực hiện trước
        # 15/6/2026"), then the task it belongs to.
        task = f"“{d.phrase}” — {index.cited(entry, ' · ')} “{entry.title}”"
        summary = f"{what}: {task} — {lead}" if own else f"{what} của {lead}: {task}"
        event.add("summary", without_emphasis(summary))
        said = f"“{d.phrase}” ({labels.deadline_note(d)})\n\n{entry.task.text}"
        event.add("description", without_emphasis(said))
        where = urls.task_in(entry.anchor, _quarter_of(index, entry), entry.document_id)
        # An earlier quarter's task is in its own version, a sibling ("../2026-q1/…");
        # a long text's first page sends the reader on to the task's page.
        event.add("url", urljoin(site_url.rstrip("/") + "/", where))
        out.append(event)
    return out


def _quarter_of(index: SiteIndex, entry: Entry) -> str | None:
    return None if index.is_current(entry) else entry.conclusion.key


def atom(index: SiteIndex, root_url: str) -> bytes:
    """The Atom feed of the quarters published up to this version; `root_url` is the
    site's address above the versions ("…/ket-luan/"), ending in "/"."""
    newest = datetime.combine(index.conclusion.meeting_date, time()).isoformat() + "Z"
    entries = []
    for quarter in reversed(index.quarters):
        when = datetime.combine(quarter.meeting_date, time()).isoformat() + "Z"
        link = f"{root_url}{quarter.key}/"
        summary = f"Hội nghị ngày {vi_date(quarter.meeting_date)}. " + " ".join(quarter.heading)
        entries.append(
            f"<entry><id>{escape(link)}</id><title>{escape('Kết luận ' + quarter.title)}</title>"
            f"<updated>{when}</updated><link href={quoteattr(link)}/>"
            f"<summary>{escape(summary)}</summary></entry>"
        )
    title = escape(f"Kết luận hằng quý — {index.dataset.province}")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<id>{escape(root_url)}</id><title>{title}</title><updated>{newest}</updated>"
        f"<author><name>{title}</name></author>" + "".join(entries) + "</feed>\n"
    ).encode("utf-8")


def write_exports(index: SiteIndex, site_dir: Path, site_url: str) -> int:
    """Write the version's exports into the built site; how many files. `site_url` is
    the site's address, with or without this version's folder at its end."""
    key = index.conclusion.key
    root_url = site_url if site_url.endswith("/") else site_url + "/"
    root_url = root_url.removesuffix(f"{key}/")
    version_url = f"{root_url}{key}/"
    memo: _Memo = {}
    rows = task_rows(index, memo=memo)
    events: dict[tuple[str, bool], list[Any]] = {}
    files: dict[str, bytes] = {
        urls.EXPORT_CSV: _csv(rows),
        urls.EXPORT_XLSX: _xlsx(rows, index.dataset.province, index),
        urls.EXPORT_JSON: json.dumps(tasks_json(index), ensure_ascii=False, indent=1).encode(),
        urls.EXPORT_SCHEMA: json.dumps(JSON_SCHEMA, ensure_ascii=False, indent=1).encode(),
        urls.EXPORT_ICS: calendar(index, version_url, events=events),
        urls.EXPORT_ATOM: atom(index, root_url),
        urls.STATUS_REPORT: status_report(index),
    }
    for agency_id, view in index.agencies.items():
        if view.tasks:
            files[urls.agency_export(agency_id, "csv")] = _csv(task_rows(index, agency_id, memo))
            files[urls.agency_export(agency_id, "ics")] = calendar(
                index, version_url, agency_id, events
            )
    for path, data in files.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return len(files)
