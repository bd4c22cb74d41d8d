"""Where every page of the site lives: ASCII, short, stable across quarters.

One place computes URLs, so that links are right by construction; a test still
crawls the built site for broken ones.
"""

from __future__ import annotations

import re
from datetime import date

AGENCIES = "co-quan/"
DEADLINES = "thoi-han/"
DOCUMENTS = "van-ban/"
FULL_TEXT = "toan-van/"
TARGETS = "chi-tieu/"
CHANGES = "thay-doi/"
LAPSES = "viec-cham/"
# The communes, with their own overview, when they are many (index/overview.py).
COMMUNES = "xa-phuong/"
EXPORTS = "xuat/"
EXPORT_CSV = f"{EXPORTS}nhiem-vu.csv"
EXPORT_XLSX = f"{EXPORTS}nhiem-vu.xlsx"
STATUS_REPORT = f"{EXPORTS}bao-cao-tinh-hinh.docx"
EXPORT_JSON = f"{EXPORTS}nhiem-vu.json"
EXPORT_SCHEMA = f"{EXPORTS}nhiem-vu.schema.json"
EXPORT_ICS = f"{EXPORTS}thoi-han.ics"
EXPORT_ATOM = f"{EXPORTS}cac-quy.atom"
PRINT = "ban-in/"
# The home page's rows for the reader's clock: every deadline of the quarter, fetched by
# ketluan-today.js (an HTML fragment, not a page: at four times a province's volume
# they were half a megabyte of hidden rows in the home page).
UPCOMING_ROWS = f"{DEADLINES}sap-toi.html"
# Beside the versions, not in one: the newest quarter's calendars, at addresses that
# never change (mike's "latest" alias redirects pages, not files).
FEEDS = "lich/"
HOME = ""


def agency(agency_id: str, number: int = 1) -> str:
    """`/co-quan/<slug>/`; an agency of many tasks goes on at `trang-2/`, ..."""
    first = f"{AGENCIES}{agency_id}/"
    return first if number == 1 else f"{first}trang-{number}/"


def agency_print(agency_id: str) -> str:
    """`/co-quan/<slug>/ban-in/`: all of an agency's cards on one page, for paper, when
    its own page goes on over several."""
    return f"{agency(agency_id)}ban-in/"


def agency_history(agency_id: str) -> str:
    """`/co-quan/<slug>/lich-su/`: the agency's tasks of earlier quarters."""
    return f"{AGENCIES}{agency_id}/lich-su/"


def deadline(day: date, number: int = 1) -> str:
    """`/thoi-han/<yyyy-mm-dd>/`; a date of many deadlines goes on at `trang-2/`, ..."""
    first = f"{DEADLINES}{day.isoformat()}/"
    return first if number == 1 else f"{first}trang-{number}/"


def document(document_id: str) -> str:
    """`/van-ban/<slug>/`."""
    return f"{DOCUMENTS}{document_id}/"


def directive_text(document_id: str, part: int = 1) -> str:
    """A directive's full text, under its document's page: `/van-ban/<slug>/toan-van/`,
    the same in every version that holds it (a long one's later pages `trang-2/`, …)."""
    return _part(f"{DOCUMENTS}{document_id}/toan-van/", part)


def _part(first: str, part: int) -> str:
    return first if part == 1 else f"{first}trang-{part}/"


def in_version(key: str | None, target: str) -> str:
    """Site URL `target` in quarter `key`'s own version, a sibling of this one under
    mike (`../2026-q1/toan-van/`), or in this version when `key` is None. An earlier
    quarter's pages are published once, in its version, and linked from later ones."""
    return target if key is None else f"../{key}/{target}"


def full_text(key: str | None = None, part: int = 1) -> str:
    """This version's full text (page `part` of a long one), or an earlier quarter's
    in its own version."""
    return in_version(key, _part(FULL_TEXT, part))


def task(anchor: str, key: str | None = None, part: int = 1) -> str:
    """A task's place in its quarter's full text."""
    return f"{full_text(key, part)}#{anchor}"


def task_in(anchor: str, key: str | None = None, document: str | None = None, part: int = 1) -> str:
    """A task's place in its document's full text: a directive's page, or its
    quarter's conclusion, in the version of quarter `key` (this one when None); `part`
    is the page of a long text that holds it (an earlier version's text is linked at its
    first page, which keeps every anchor and sends the reader on)."""
    if document:
        return in_version(key, f"{directive_text(document, part)}#{anchor}")
    return task(anchor, key, part)


_OWN_TO_A_QUARTER = (
    (re.compile(rf"{DEADLINES}\d{{4}}-\d{{2}}-\d{{2}}/(?:trang-\d+/)?"), DEADLINES),
    (re.compile(rf"({DOCUMENTS}[a-z0-9-]+/)toan-van/(?:trang-\d+/)?"), r"\1"),
    # A long full text's later pages: a later version's text may be cut elsewhere.
    (re.compile(rf"{FULL_TEXT}trang-\d+/"), FULL_TEXT),
    # A list's later pages, and an agency's: a later version may have fewer.
    (re.compile(rf"{LAPSES}trang-\d+/"), LAPSES),
    (re.compile(rf"({AGENCIES}[a-z0-9-]+/)(?:trang-\d+|ban-in)/"), r"\1"),
    # The communes' own page, which a version has only while they are many.
    (re.compile(COMMUNES), AGENCIES),
)


def lasting(url: str) -> str:
    """The page of every later version nearest to page `url`: the page itself, but for
    the pages a version holds for its own quarter only (a deadline date's, a directive's
    full text), which later versions link rather than copy: the deadlines' index, the
    directive's document page (kept while any later version cites or holds it); and
    for a long list's later pages, its first."""
    for own, kept in _OWN_TO_A_QUARTER:
        if own.fullmatch(url):
            return own.sub(kept, url)
    return url


def relative(target: str, here: str) -> str:
    """Link from page URL `here` to site URL `target` (both directory URLs, no leading /).

    Links always climb to the site root first ("../../van-ban/x/"), so every page at
    the same depth links alike: the output can be shared between pages, and a
    version served under any path works.
    """
    return "../" * here.count("/") + target or "./"


def agency_export(agency_id: str, kind: str) -> str:
    """An agency's tasks as CSV or .xlsx, or its deadlines as iCalendar (`kind`: "csv",
    "xlsx", "ics")."""
    name = "thoi-han" if kind == "ics" else "nhiem-vu"
    return f"{agency(agency_id)}{name}-{agency_id}.{kind}"


def feed(agency_id: str | None = None) -> str:
    """The calendar at an address that never changes, beside the versions: the whole
    province's, or an agency's. A version's page links it as `"../" + feed(...)` from
    its own root."""
    return f"{FEEDS}{agency_id or 'thoi-han'}.ics"


def report_sheet(agency_id: str, key: str, kind: str) -> str:
    """The report sheet of an agency's tasks of quarter `key` (`kind`: "csv", "xlsx"),
    beside its page, the quarter in the name like the PDF's."""
    return f"{agency(agency_id)}bao-cao-{agency_id}-{key}.{kind}"


_REPORT_SHEET_NAME = re.compile(
    r"bao-cao-(?P<agency>[a-z0-9-]+?)-(?P<key>\d{4}-q[1-4])\.(?:csv|xlsx)"
)


def report_sheet_owner(file_name: str) -> str | None:
    """The agency whose sheet a file is, by the name `report_sheet` gave it (None for a
    file named otherwise; a browser's " (1)" before the extension is allowed)."""
    m = _REPORT_SHEET_NAME.fullmatch(re.sub(r"\s*\(\d+\)(?=\.\w+$)", "", file_name))
    return m["agency"] if m else None


def report_sheet_quarter(file_name: str) -> str | None:
    """The quarter whose sheet a file is, by the name `report_sheet` gave it."""
    m = _REPORT_SHEET_NAME.fullmatch(re.sub(r"\s*\(\d+\)(?=\.\w+$)", "", file_name))
    return m["key"] if m else None


def agency_pdf(agency_id: str, key: str) -> str:
    """An agency's printed extract of quarter `key`, beside its page: the quarter is in
    the name, so downloads of two quarters never overwrite each other."""
    return f"{agency(agency_id)}{agency_id}-{key}.pdf"


def all_agencies_pdf(key: str) -> str:
    """Every agency's extract of quarter `key`, in one PDF."""
    return f"{PRINT}tat-ca-co-quan-{key}.pdf"


def lapses_page(number: int) -> str:
    """The late items' page `number` (1: `/viec-cham/`; then `/viec-cham/trang-2/`, ...)."""
    return LAPSES if number == 1 else f"{LAPSES}trang-{number}/"


def print_group(group: str) -> str:
    """`/ban-in/<group>/`: one group's agencies for print, when the bundle is split."""
    return f"{PRINT}{group}/"


def group_pdf(group: str, key: str) -> str:
    """One group's agencies' extracts of quarter `key` in one PDF, beside its page."""
    return f"{print_group(group)}co-quan-{group}-{key}.pdf"
