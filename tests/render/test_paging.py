"""Long lists cut into pages (#28): the late items past `plan.LAPSES_ROWS` rows go on
over pages by date, each linked from every other with its dates, and counted whole."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sitecheck import FICTIONAL_SCALE

from ketluan.fictional import dump, generate
from ketluan.index.lapses import lapses
from ketluan.index.site_index import AgencyView, SiteIndex, build_index
from ketluan.load import validate_text
from ketluan.render import plan, urls
from ketluan.render.pages import SitePages
from ketluan.render.paging import cut


@given(st.lists(st.integers(0, 6)).map(sorted), st.integers(1, 9))
def test_a_list_is_cut_in_order_into_pages_no_longer_than_asked(
    items: list[int], size: int
) -> None:
    pages = cut(items, size, key=lambda n: n)
    assert [n for page in pages for n in page] == items  # nothing lost, none twice
    assert all(len(page) <= size for page in pages)
    assert all(pages[:-1]) and (len(pages) == 1 or pages[-1])  # no empty page but a lone one
    for before, after in pairwise(pages):
        # Cut between two keys, unless that left a page under half full.
        assert before[-1] != after[0] or len(before) == size
        assert len(before) * 2 >= size


def test_a_date_is_not_cut_apart_when_the_page_can_end_before_it() -> None:
    assert cut([1, 1, 2, 2, 2, 3], 4, key=lambda n: n) == [[1, 1], [2, 2, 2, 3]]
    assert cut([1, 2, 2, 2, 2, 2], 4, key=lambda n: n) == [[1, 2, 2, 2], [2, 2]]
    with pytest.raises(ValueError, match="at least one"):
        cut([1], 0, key=lambda n: n)


@pytest.fixture(scope="module")
def index() -> SiteIndex:
    return build_index(validate_text(dump(generate(FICTIONAL_SCALE)), "mau.yml"))


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr data-kl-lapse [^>]*data-kl-due="([0-9-]+)"', html)


def test_few_late_items_are_one_page(index: SiteIndex) -> None:
    assert not [p for p in plan.plan(index) if p.kind == "lapses_part"]
    html = SitePages(index).lapses(urls.LAPSES)
    assert "kl-pager" not in html
    assert len(_rows(html)) == len(lapses(index).listed)


def test_many_late_items_go_on_over_pages_by_date(
    index: SiteIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = lapses(index).listed
    monkeypatch.setattr(plan, "LAPSES_ROWS", len(listed) // 3)
    parts = [p for p in plan.plan(index) if p.kind == "lapses_part"]
    assert [p.arg for p in parts] == [str(n) for n in range(2, len(parts) + 2)]
    assert len(parts) >= 2
    site = SitePages(index)
    pages = [site.lapses(urls.LAPSES)] + [
        site.generated(p, urls.lapses_page(int(p.arg))) for p in parts
    ]
    dues = [_rows(html) for html in pages]
    assert [d for page in dues for d in page] == [x.due.deadline.date.isoformat() for x in listed]
    assert all(0 < len(page) <= plan.LAPSES_ROWS for page in dues)
    late = sum(1 for x in listed if x.late_as_of_version)
    for number, html in enumerate(pages, 1):
        # Every page counts all the late items, and links the others with their dates.
        assert f"<span data-kl-lapse-count>{late}</span>" in html
        here = urls.lapses_page(number)
        for other in range(1, len(pages) + 1):
            link = f'href="{urls.relative(urls.lapses_page(other), here)}"'
            assert (link in html) == (other != number), (number, other)
        first = dues[number - 1][0]
        day, month, year = int(first[8:]), int(first[5:7]), first[:4]
        assert f"trang {number} ({day}/{month}/{year}" in html
        assert ("Các quý trước nữa" in html) == (number == 1 and bool(lapses(index).older))
    counted = re.search(r'data-kl-late="([^"]*)"', pages[0])
    assert counted is not None
    assert sum(int(item.rsplit(":", 1)[1]) for item in counted.group(1).split()) == len(listed)


def test_a_long_list_of_changes_is_counted_by_lead_agency(
    index: SiteIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketluan.index.changes import compare_with_previous
    from ketluan.render import pages

    ch = compare_with_previous(index)
    assert ch.previous is not None and len(ch.new) > 3 and ch.overdue
    full = SitePages(index).changes(urls.CHANGES)
    monkeypatch.setattr(pages, "CHANGES_LISTED", 3)
    short = SitePages(index).changes(urls.CHANGES)
    assert len(short) < len(full)
    section = short[short.index("## Nhiệm vụ mới") :].split("\n## ")[0]
    counted = re.findall(
        r'<a class="kl-agency" href="\.\./co-quan/([^/]+)/">[^<]*</a>: (\d+)', section
    )
    leads = [a.id for e in ch.new for a in e.leaders]
    assert {agency: int(n) for agency, n in counted} == {a: leads.count(a) for a in set(leads)}
    assert 'class="kl-ref"' not in section  # no task named one by one
    # A list at the limit is still named task by task.
    monkeypatch.setattr(pages, "CHANGES_LISTED", len(ch.new))
    listed = SitePages(index).changes(urls.CHANGES)
    section = listed[listed.index("## Nhiệm vụ mới") :].split("\n## ")[0]
    assert section.count('class="kl-ref"') == len(ch.new)


def _section(html: str, heading: str) -> str:
    return html[html.index(heading) :].split("\n## ")[0]


def test_an_agency_pages_long_lists_turn_compact(
    index: SiteIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketluan.render import pages

    site = SitePages(index)
    previous = index.quarters[-2]

    def still_open(view: AgencyView) -> int:
        states = [index.state(e) for e in view.earlier if e.conclusion is previous]
        return sum(1 for st in states if not (st.done or st.stopped))

    view = max(index.agencies.values(), key=lambda v: (len(v.dues) > 1, still_open(v)))
    assert len(view.dues) > 1 and still_open(view) > 1
    here = urls.agency(view.agency.id)
    full = site.agency(here, view.agency.id)
    assert "kl-opening" in _section(full, "## Thời hạn")
    assert "Còn mở hoặc quá hạn từ quý trước" in full and "<table" in full.split("Còn mở hoặc")[1]
    monkeypatch.setattr(pages, "AGENCY_LISTED", 1)
    short = SitePages(index).agency(here, view.agency.id)
    dues = _section(short, "## Thời hạn")
    assert "kl-opening" not in dues  # the cards below have the words
    assert dues.count("<tr>") == len(view.dues) + 1  # every deadline still listed
    rest = short.split("Còn mở hoặc quá hạn từ quý trước")[1]
    assert "<table" not in rest
    assert f'href="{urls.relative(urls.agency_history(view.agency.id), here)}"' in rest
    assert f"{still_open(view)} nhiệm vụ của Kết luận {previous.title}" in rest


def test_an_agency_history_lists_open_tasks_within_its_rows(
    index: SiteIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketluan.render import pages

    view = max(index.agencies.values(), key=lambda v: len(v.earlier))
    here = urls.agency_history(view.agency.id)
    full = SitePages(index).agency_history(here, view.agency.id)
    rows = full.count("<tr><td>")
    assert rows > 2
    monkeypatch.setattr(pages, "HISTORY_ROWS", rows - 1)
    short = SitePages(index).agency_history(here, view.agency.id)
    assert 0 < short.count("<tr><td>") <= rows - 1
    assert "không liệt kê ở đây vì trang đã dài" in short
    # Each quarter keeps its heading, counts and link, listed or not.
    assert short.count("\n## ") == full.count("\n## ")


def test_a_date_of_many_deadlines_goes_on_over_pages(
    index: SiteIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    busiest = max(index.days, key=lambda d: len(index.current_dues(d)))
    dues = index.current_dues(busiest)
    assert len(dues) >= 3
    site = SitePages(index)
    assert not [p for p in plan.plan(index) if p.kind == "deadline_part"]
    assert "kl-pager" not in site.deadline(urls.deadline(busiest), busiest.isoformat())
    monkeypatch.setattr(plan, "DEADLINE_CARDS", 2)
    parts = [p for p in plan.plan(index) if p.kind == "deadline_part"]
    mine = [p for p in parts if p.arg.startswith(busiest.isoformat())]
    assert len(mine) == (len(dues) + 1) // 2 - 1
    pages = [site.deadline(urls.deadline(busiest), busiest.isoformat())] + [
        site.generated(p, urls.deadline(busiest, int(p.arg.split("/")[1]))) for p in mine
    ]
    cards = [re.findall(r'<p class="kl-due">', html) for html in pages]
    assert sum(len(c) for c in cards) == len(dues) and all(len(c) <= 2 for c in cards)
    for number, html in enumerate(pages, 1):
        assert f"{len(dues)} thời hạn" in html  # each page says how many the date has
        here = urls.deadline(busiest, number)
        pager = html[html.index('<nav class="kl-pager') :].split("</nav>")[0]
        for other in range(1, len(pages) + 1):
            link = f'href="{urls.relative(urls.deadline(busiest, other), here)}"'
            assert (link in pager) == (other != number)
    # Every page a plan holds is one MkDocs can place: no two at one address.
    sources = [p.src_uri for p in plan.plan(index)]
    assert len(sources) == len(set(sources))


def test_the_deadlines_index_counts_a_date_of_many(
    index: SiteIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketluan.render import pages

    busiest = max(index.days, key=lambda d: len(index.current_dues(d)))
    n = len(index.current_dues(busiest))
    monkeypatch.setattr(pages, "DAY_LISTED", n - 1)
    html = SitePages(index).deadlines(urls.DEADLINES)
    line = next(
        li for li in html.splitlines() if li.startswith("<li>") and busiest.isoformat() in li
    )
    assert line.endswith(f"— {n} thời hạn</li>") and "kl-ref" not in line


def test_many_communes_are_one_row_of_the_overview_and_a_page_of_their_own(
    index: SiteIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketluan.index import overview as module
    from ketluan.model import AgencyGroup

    _day, tallies = module.overview(index)
    communes = [t for t in tallies if t.view.agency.group is AgencyGroup.COMMUNE]
    assert len(communes) > 2
    assert not [p for p in plan.plan(index) if p.kind == "communes"]
    monkeypatch.setattr(module, "COMMUNES_APART", 2)
    assert [p.src_uri for p in plan.plan(index) if p.kind == "communes"] == ["xa-phuong.md"]
    site = SitePages(index)
    agencies = site.agencies(urls.AGENCIES)
    table = agencies[agencies.index('<table class="kl-overview"') :].split("</table>")[0]
    rows = re.findall(r'<tr data-kl-agency="([^"]+)"', table)
    assert rows[-1] == "cap-xa" and not {t.agency_id for t in communes} & set(rows)
    last = table.split('<tr data-kl-agency="cap-xa"')[1]
    cells = re.findall(r"<td[^>]*>(\d+)</td>", last)
    assert int(cells[0]) == sum(t.led for t in communes)  # summed
    assert int(cells[-1]) == sum(t.unreported for t in communes)
    assert f'href="{urls.relative(urls.COMMUNES, urls.AGENCIES)}"' in last
    own = site.generated(next(p for p in plan.plan(index) if p.kind == "communes"), urls.COMMUNES)
    listed = re.findall(r'<tr data-kl-agency="([^"]+)" data-kl-bar-of="cap-xa"', own)
    assert listed == [t.agency_id for t in communes]
    views = [v for v in index.agencies_sorted if v.agency.group is AgencyGroup.COMMUNE]
    for view in views:  # every commune listed and linked, leading tasks or not
        assert f'href="{urls.relative(urls.agency(view.agency.id), urls.COMMUNES)}"' in own


def test_an_agency_of_many_tasks_goes_on_over_pages_and_prints_whole(
    index: SiteIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    from ketluan.outputs.printing import print_jobs

    view = max(index.agencies.values(), key=lambda v: len(v.lead) + len(v.support))
    agency = view.agency.id
    site = SitePages(index, pdf=True)
    one = site.agency(urls.agency(agency), agency)
    every = re.findall(r'<h3 class="kl-task__ref" id="([^"]+)"', one)
    assert len(every) >= 4 and "kl-pager" not in one
    monkeypatch.setattr(plan, "AGENCY_CARDS", 3)
    planned = [p for p in plan.plan(index) if p.arg.startswith(f"{agency}/") or p.arg == agency]
    kinds = [p.kind for p in planned]
    items = len(every) + one.count('<div class="kl-addressed__item">')
    assert kinds.count("agency_part") == (items + 2) // 3 - 1
    assert kinds.count("agency_print") == 1
    pages = [site.agency(urls.agency(agency), agency)] + [
        site.generated(p, urls.agency(agency, int(p.arg.split("/")[1])))
        for p in planned
        if p.kind == "agency_part"
    ]
    cards = [re.findall(r'<h3 class="kl-task__ref" id="([^"]+)"', html) for html in pages]
    assert [c for page in cards for c in page] == every  # each card once, in order
    listed = [html.count('<div class="kl-addressed__item">') for html in pages]
    assert sum(listed) + len(every) == items
    assert all(0 < len(c) + n <= 3 for c, n in zip(cards, listed, strict=True))
    assert "## Thời hạn" in pages[0] and all("## Thời hạn" not in html for html in pages[1:])
    for number, html in enumerate(pages, 1):
        here = urls.agency(agency, number)
        pager = html[html.index('<nav class="kl-pager') :].split("</nav>")[0]
        for other in range(1, len(pages) + 1):
            link = f'href="{urls.relative(urls.agency(agency, other), here)}"'
            assert (link in pager) == (other != number)
        assert f'href="{urls.relative(urls.agency_print(agency), here)}"' in pager
    # Its PDF is printed from one page holding every card.
    whole = site.generated(
        next(p for p in planned if p.kind == "agency_print"), urls.agency_print(agency)
    )
    assert len(re.findall(r'class="kl-task__ref"', whole)) == len(every)
    assert whole.startswith(f"# Nhiệm vụ của {view.agency.name} — Kết luận ")
    job = next(j for j in print_jobs(index, Path("site")) if agency in j.pdf.name)
    assert job.html == Path("site") / urls.agency_print(agency) / "index.html"
