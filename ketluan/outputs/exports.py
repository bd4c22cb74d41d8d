"""The version's data for other programs, written beside its pages: the tasks as CSV and
JSON (with its JSON Schema), the deadlines as iCalendar feeds, the quarters as Atom.

- CSV (UTF-8 with a BOM, for Excel): one row per task and agency role, with the
  deadlines, targets, citations and latest status; the whole version and each agency.
- JSON: one object per task, its roles nested, `nhiem-vu.schema.json` beside it.
- iCalendar (icalendar): a whole-day event per deadline, for the site and per agency;
  a task carried on from an earlier quarter keeps the UID of the task it carries on, so
  a subscribed calendar moves the event instead of adding another.
- Atom: the quarters published up to this one.

Every file is the same bytes when the same data is published again: its times are the
meeting's, never the build's.
"""

from __future__ import annotations

import json
from datetime import datetime, time
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ketluan.index.site_index import Entry, SiteIndex
from ketluan.outputs.blank_sheets import excel_csv
from ketluan.outputs.tasks_json import JSON_SCHEMA, tasks_json
from ketluan.render import labels, urls
from ketluan.text.vietnamese import slugify, vi_date

__all__ = ["task_rows", "write_exports"]

CSV_COLUMNS = (
    "Quý",
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
)


def _roles(entry: Entry) -> list[tuple[str, str, str]]:
    """(role label, agency id, agency name) of each agency the task names."""
    out = [(labels.ROLES["lead"], r.agency.id, r.agency.name) for r in entry.lead]
    out += [(labels.ROLES["support"], a.id, a.name) for a in entry.support]
    out += [(labels.ROLES["accountable"], a.id, a.name) for a in entry.accountable]
    # A row per agency: the reports' recipient is said as such, beside the others.
    out += [(f"Nhận {labels.ROLES['report_to'].lower()}", a.id, a.name) for a in entry.report_to]
    return out


def _facts(index: SiteIndex, entry: Entry) -> dict[str, str]:
    task = entry.task
    state = index.state(entry)
    report = state.report
    evidence = report.evidence if report else None
    return {
        "Thời hạn": "; ".join(
            f"{vi_date(d.date)} ({labels.deadline_note(d)})" for d in task.deadlines
        ),
        "Chỉ tiêu": "; ".join(t.phrase for t in task.targets),
        "Văn bản dẫn chiếu": "; ".join(c.as_written for c in task.cites),
        "Tình trạng": state.label,
        "Ngày báo cáo": vi_date(report.date) if report else "",
        "Minh chứng": (
            f"{evidence.symbol}{' ngày ' + vi_date(evidence.date) if evidence.date else ''}"
            if evidence
            else ""
        ),
    }


def task_rows(
    index: SiteIndex, agency_id: str | None = None, rows: list[dict[str, str]] | None = None
) -> list[dict[str, str]]:
    """One row per task of the version and agency role (only `agency_id`'s, if given;
    taken from `rows`, the whole table, when the caller made it already)."""
    if rows is not None:
        return [r for r in rows if agency_id is None or r["Mã cơ quan"] == agency_id]
    out: list[dict[str, str]] = []
    for entry in index.entries:
        facts = _facts(index, entry)
        for role, agency, name in _roles(entry):
            if agency_id is not None and agency != agency_id:
                continue
            out.append(
                {
                    "Quý": entry.conclusion.title,
                    "Mã nhiệm vụ": entry.ref,
                    "Mục": entry.reference,
                    "Loại": labels.KINDS[entry.task.kind],
                    "Vai trò": role,
                    "Mã cơ quan": agency,
                    "Cơ quan": name,
                    **facts,
                    "Nội dung": entry.task.text,
                }
            )
    return out


def _csv(rows: list[dict[str, str]]) -> bytes:
    return excel_csv(CSV_COLUMNS, [[row[c] for c in CSV_COLUMNS] for row in rows])


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
    events: dict[str, list[Any]] | None = None,
) -> bytes:
    """The iCalendar feed of the version's deadlines (of the tasks `agency_id` leads or
    supports, if given); `site_url` is the version's address, ending in "/". `events`
    keeps each task's events from one feed to the next."""
    from icalendar import Calendar

    events = {} if events is None else events
    feed = Calendar()
    feed.add("prodid", "-//ketluan//Kết luận//VI")
    feed.add("version", "2.0")
    name = index.agencies[agency_id].agency.name if agency_id else index.dataset.province
    feed.add("x-wr-calname", f"Thời hạn Kết luận {index.conclusion.title} — {name}")
    for entry in index.entries:
        named = {a.id for a in entry.leaders} | {a.id for a in entry.support}
        if agency_id is not None and agency_id not in named:
            continue
        if entry.ref not in events:
            events[entry.ref] = _events(index, entry, site_url)
        for event in events[entry.ref]:
            feed.add_component(event)
    ical: bytes = feed.to_ical()
    return ical


def _events(index: SiteIndex, entry: Entry, site_url: str) -> list[Any]:
    """A task's deadlines as calendar events; its UIDs are those of its chain's first."""
    from icalendar import Event  # imported here: only the feeds need it

    stamp = datetime.combine(index.conclusion.meeting_date, time())
    domain = slugify(index.dataset.province) or "ketluan"
    root = _root(index, entry)
    counts = {True: 0, False: 0}
    out = []
    for d in entry.task.deadlines:
        counts[d.report] += 1
        event = Event()
        kind = "bao-cao" if d.report else "han"
        event.add("uid", f"{root}/{kind}-{counts[d.report]}@{domain}.ketluan")
        event.add("dtstamp", stamp)
        event.add("dtstart", d.date)
        what = "Hạn báo cáo" if d.report else ("Mục tiêu" if d.aim else "Thời hạn")
        lead = "; ".join(a.name for a in entry.leaders)
        event.add("summary", f"{what}: {entry.reference} “{entry.opening}” — {lead}")
        event.add("description", f"“{d.phrase}” ({labels.deadline_note(d)})\n\n{entry.task.text}")
        event.add("url", site_url + urls.task(entry.task.anchor, None))
        out.append(event)
    return out


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
    rows = task_rows(index)
    events: dict[str, list[Any]] = {}
    files: dict[str, bytes] = {
        urls.EXPORT_CSV: _csv(rows),
        urls.EXPORT_JSON: json.dumps(tasks_json(index), ensure_ascii=False, indent=1).encode(),
        urls.EXPORT_SCHEMA: json.dumps(JSON_SCHEMA, ensure_ascii=False, indent=1).encode(),
        urls.EXPORT_ICS: calendar(index, version_url, events=events),
        urls.EXPORT_ATOM: atom(index, root_url),
    }
    for agency_id, view in index.agencies.items():
        if view.lead or view.support:
            files[urls.agency_export(agency_id, "csv")] = _csv(task_rows(index, agency_id, rows))
            files[urls.agency_export(agency_id, "ics")] = calendar(
                index, version_url, agency_id, events
            )
    for path, data in files.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return len(files)
