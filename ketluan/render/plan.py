"""The site's plan: which pages exist, where, and which `SitePages` method renders each.

Two kinds of page. The pages of docs/ are fixed: each holds one mkdocs-macros call,
listed in `FIXED`. The generated pages (one per agency, deadline date, document and
directive) come from `plan`; their source file holds no data text at all: the
plugin renders them through the escaping templates after mkdocs-macros has run, so data
text never reaches Jinja as source, and the build skips mkdocs-macros' per-page
template compilation, which on a thousand generated pages cost more than rendering.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ketluan.index.lapses import Lapse, Lapses, lapses
from ketluan.index.overview import communes_apart, overview
from ketluan.index.site_index import AgencyView, Due, Entry, SiteIndex
from ketluan.model import AgencyGroup
from ketluan.render import labels, urls
from ketluan.render.paging import cut
from ketluan.render.text_parts import part_of, text_parts

# A generated page's kind is the name of the `SitePages` method that renders it.
Kind = Literal[
    "agency",
    "agency_history",
    "deadline",
    "document",
    "directive_text",
    "print_group",
    "lapses_part",
    "deadline_part",
    "communes",
    "agency_part",
    "agency_print",
    "full_text_part",
    "directive_text_part",
]

# What a generated page's source file holds: nothing. The plugin replaces the whole
# Markdown, and mkdocs-macros renders only the pages of docs/ (`force_render_paths` in
# mkdocs.yml); no front matter either, which MkDocs would parse a thousand times.
PLACEHOLDER = ""


@dataclass(frozen=True, slots=True)
class FixedPage:
    """A page of docs/: its source file, the one macro call it holds, and what renders it."""

    source: str  # "co-quan/index.md"
    macro: str  # "danh_sach_co_quan": the page is `{{ danh_sach_co_quan() }}`
    method: str  # the SitePages method: "agencies"
    url: str  # its site URL


FIXED = (
    FixedPage("index.md", "trang_chu", "home", urls.HOME),
    FixedPage("toan-van.md", "toan_van", "full_text", urls.FULL_TEXT),
    FixedPage("thay-doi.md", "thay_doi", "changes", urls.CHANGES),
    FixedPage("viec-cham.md", "viec_cham", "lapses", urls.LAPSES),
    FixedPage("co-quan/index.md", "danh_sach_co_quan", "agencies", urls.AGENCIES),
    FixedPage("thoi-han/index.md", "danh_sach_thoi_han", "deadlines", urls.DEADLINES),
    FixedPage("van-ban/index.md", "danh_sach_van_ban", "documents", urls.DOCUMENTS),
    FixedPage("chi-tieu.md", "chi_tieu", "targets", urls.TARGETS),
    FixedPage("ban-in.md", "ban_in", "print_all", urls.PRINT),
)


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """A generated page: its source path in docs/, and what renders it."""

    src_uri: str  # "co-quan/ban-to-chuc.md"
    kind: Kind  # the SitePages method: "agency"
    arg: str  # the entity's ASCII id (an ISO date for deadline pages)


# How much a page's entries weigh in search: (its own entry, its headings' entries), 1
# being Material's weight. An agency's page is what its name finds, though each of its
# tasks names it too (in the text, and in the result's title); a task's words find it
# in its document's full text, once: the agency pages' cards (the same words again,
# 30 % of the index at four times a province) are left out, which kept every query's
# rank on the real and fictional query sets and cut the time the first query waits
# for the index. The pages that list tasks by date, document, target or change
# repeat them, and weigh less than the tasks themselves. A weight of 0 leaves an entry
# out. An earlier quarter's texts are not in this version: its own version's search
# finds them.
SEARCH_WEIGHT: dict[str, tuple[float, float]] = {
    "agency": (5.0, 0.0),
    "agency_history": (0.0, 0.0),  # earlier tasks, each in its own full text: left out
    "print_group": (0.0, 0.0),  # the agency pages' cards again, for paper: left out
    "lapses_part": (0.0, 0.0),  # the first page's words again, and rows left out
    "deadline_part": (0.0, 0.0),  # a date's cards beyond its first page
    "communes": (0.5, 0.5),  # names found on their own pages
    "agency_part": (0.0, 0.0),  # its first page is what its name finds; cards left out
    "agency_print": (0.0, 0.0),  # its cards again, for paper: left out
    # A date finds its page; its cards, the agency pages' again, are left out (8 % of
    # the index at four times a province, for results the full text's and the
    # agencies' give already).
    "deadline": (1.0, 0.0),
    # A document finds its page by its name; the tasks that cite it (the full texts'
    # again), and the lists of documents and of deadlines on the indexes (each
    # document's, each date's page again) are left out: a third of the index at four
    # times a province. Every query's rank stayed on the real and fictional query
    # sets, and the first query at 4× waited 0.48 s instead of 0.90 s (#28).
    "document": (1.0, 0.0),
    "documents": (1.0, 0.0),
    "deadlines": (1.0, 0.0),
    "directive_text": (1.0, 1.0),
    "changes": (0.5, 0.5),
    "lapses": (0.5, 0.5),
    "targets": (0.5, 0.5),
}


def search_weight(page: FixedPage | PlannedPage) -> tuple[float, float]:
    """The weights of a page's entries in the search index (see SEARCH_WEIGHT)."""
    kind = page.kind if isinstance(page, PlannedPage) else page.method
    return SEARCH_WEIGHT.get(kind, (1.0, 1.0))


def task_anchors(index: SiteIndex) -> dict[str, frozenset[str]]:
    """Each full-text page of the version (its conclusion's and its directives', each
    page of a long one), with the anchors of the tasks it holds."""
    pages: dict[str, set[str]] = {}
    part = text_pages(index)
    for entry in index.entries:
        n = part[entry.anchor]
        page = (
            urls.directive_text(entry.document_id, n)
            if entry.document_id
            else urls.full_text(part=n)
        )
        pages.setdefault(page, set()).add(entry.anchor)
    return {page: frozenset(anchors) for page, anchors in pages.items()}


def text_pages(index: SiteIndex) -> dict[str, int]:
    """Each task anchor of the version's full texts → the page of its text that holds
    it (1 but past `text_parts.TEXT_TASKS` tasks)."""
    out = part_of(index.conclusion)
    for view in index.directives:
        assert view.directive is not None  # a directive's view holds it
        out.update(part_of(view.directive))
    return out


# The print page holds every bound agency's cards, one agency after another; past this
# many cards (about a kilobyte each) it is split into a page per agency group, each with
# its PDF, which a browser opens readily (at 4× a province one page held megabytes).
BUNDLE_CARDS = 400


def print_groups(index: SiteIndex) -> dict[AgencyGroup, tuple[AgencyView, ...]]:
    """The agencies of the print bundle by group, in the groups' order, when the bundle
    is split; empty when one page holds them all."""
    views = [v for v in index.agencies_sorted if v.binding_count]
    if sum(v.binding_count for v in views) <= BUNDLE_CARDS:
        return {}
    by_group: dict[AgencyGroup, list[AgencyView]] = {}
    for view in views:
        by_group.setdefault(view.agency.group, []).append(view)
    return {g: tuple(by_group[g]) for g in AgencyGroup if g in by_group}


# Rows on a page of the late items (about 650 bytes each): past it, the list goes on
# at /viec-cham/trang-2/ and after, by date.
LAPSES_ROWS = 250


def lapse_pages(listed: Lapses) -> list[Sequence[Lapse]]:
    """The late items listed, cut into pages by date (one page when they fit)."""
    return cut(listed.listed, LAPSES_ROWS, key=lambda lapse: lapse.due.deadline.date)


# Cards on a deadline date's page (about 1.2 KB each): the end of a quarter can hold
# hundreds at a province's volume; past it, the date goes on at `trang-2/`, ...
DEADLINE_CARDS = 150


def deadline_pages(dues: Sequence[Due]) -> list[Sequence[Due]]:
    """A date's deadlines in pages of at most `DEADLINE_CARDS` (one page when they fit)."""
    return cut(dues, DEADLINE_CARDS, key=id)


# Task cards on an agency's page (about 1.25 KB each): at four times a province the
# busiest agency leads 176 tasks in a quarter, at a thousand tasks 300; past this, its
# cards go on at `trang-2/`, ..., and its PDF is printed from `ban-in/`, all on one page.
AGENCY_CARDS = 120


def agency_pages(view: AgencyView) -> list[Sequence[tuple[str, Entry]]]:
    """An agency's cards (and the items of its list of tasks given through a heading)
    as (role, task), in the order its page shows them, in pages of at most
    `AGENCY_CARDS` (one page when they fit); a role's kept together where they can be."""
    cards = [
        (role, entry)
        for role, _heading, _note in labels.AGENCY_SECTIONS
        for entry in getattr(view, role)  # those given through a heading as a list's items
    ]
    cards += [("collective", entry) for entry, _group in view.collective]
    return cut(cards, AGENCY_CARDS, key=lambda card: card[0])


def _page(url: str, kind: Kind, arg: str) -> PlannedPage:
    return PlannedPage(f"{url.rstrip('/')}.md", kind, arg)


def plan(index: SiteIndex) -> list[PlannedPage]:
    """Every generated page of the version: agencies (and a summary of their earlier
    quarters), this quarter's deadline dates, documents (every one the version's year
    cites or holds), the full text of each directive of this quarter, the print
    bundle's group pages when it is split, and the later pages of long lists and long
    full texts.

    A version holds its own quarter: an earlier quarter's full texts and deadline dates
    are published once, in that quarter's version, and linked there, so that a version's
    size does not grow with the number of quarters before it (#28).
    """
    pages = []
    for a, view in index.agencies.items():
        pages.append(_page(urls.agency(a), "agency", a))
        parts = len(agency_pages(view))
        if parts > 1:
            pages += [
                _page(urls.agency(a, n), "agency_part", f"{a}/{n}") for n in range(2, parts + 1)
            ]
            pages.append(_page(urls.agency_print(a), "agency_print", a))
    pages += [
        _page(urls.agency_history(a), "agency_history", a)
        for a, view in index.agencies.items()
        if view.earlier
    ]
    for day in sorted(index.days):
        pages.append(_page(urls.deadline(day), "deadline", day.isoformat()))
        parts = len(deadline_pages(index.current_dues(day)))
        pages += [
            _page(urls.deadline(day, n), "deadline_part", f"{day.isoformat()}/{n}")
            for n in range(2, parts + 1)
        ]
    pages += [_page(urls.document(d), "document", d) for d in index.documents]
    for v in index.directives:
        assert v.directive is not None  # a directive's view holds it
        doc = v.document.id
        pages.append(_page(urls.directive_text(doc), "directive_text", doc))
        pages += [
            _page(urls.directive_text(doc, n), "directive_text_part", f"{doc}/{n}")
            for n in range(2, len(text_parts(v.directive)) + 1)
        ]
    pages += [
        _page(urls.full_text(part=n), "full_text_part", str(n))
        for n in range(2, len(text_parts(index.conclusion)) + 1)
    ]
    pages += [_page(urls.print_group(g), "print_group", g) for g in print_groups(index)]
    if communes_apart(overview(index)[1]):
        pages.append(_page(urls.COMMUNES, "communes", ""))
    parts = len(lapse_pages(lapses(index)))
    pages += [_page(urls.lapses_page(n), "lapses_part", str(n)) for n in range(2, parts + 1)]
    return pages
