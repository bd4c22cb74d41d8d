"""What each page of a version lists, rendered in process (no MkDocs build): every task
on the page of every agency it assigns and no other, every citing task on its
document's page, every task due on its date's page, the full text anchored, the home
page's figures; for the real conclusion (the hand-checked table of its assignments is
the oracle) and for a fictional three-quarter "Tỉnh Mẫu" (the documented rules are)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date
from html import escape, unescape
from pathlib import Path

import pytest
from sitecheck import (
    FICTIONAL_SCALE,
    REAL_QUARTER,
    Page,
    real_assignments,
    render_pages,
    section,
    task_cards,
    task_links,
)

from ketluan.fictional import Scale, dump, generate
from ketluan.index.lapses import lapses
from ketluan.index.site_index import build_index
from ketluan.load import load, validate_text
from ketluan.model import Dataset, Section, Task
from ketluan.model.outline import walk_tasks
from ketluan.render import urls
from ketluan.render.pages import SitePages
from ketluan.text.vietnamese import footnote_markers

# A version rendered in process: its folder of pages, and the quarters it shows.
Rendered = tuple[Path, Dataset]


@pytest.fixture(scope="module", params=["real", "fictional"])
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The real conclusion's version, and the newest of a fictional three-quarter "Tỉnh Mẫu"."""
    if request.param == "real":
        dataset = request.getfixturevalue("real_dataset")
        return request.getfixturevalue("real_pages"), shown(dataset, REAL_QUARTER)
    base = tmp_path_factory.mktemp("fictional-pages")
    data = base / "mau.yml"
    data.write_text(dump(generate(FICTIONAL_SCALE)), encoding="utf-8")
    return render_pages(data, None, base / "pages"), load(data)


# The sections of an agency page, by role, and the heading each opens with.
SECTIONS = {
    "lead": "Nhiệm vụ chủ trì",
    "addressed": "Nhiệm vụ giao qua đề mục",
    "duties": "Phần việc riêng",
    "support": "Nhiệm vụ phối hợp",
    "accountable": "Chịu trách nhiệm",
    "collective": "Nhiệm vụ giao chung",
}


def shown(dataset: Dataset, key: str) -> Dataset:
    """The dataset as the version of quarter `key` sees it: no later quarter."""
    keys = [q.key for q in dataset.quarters]
    return replace(dataset, quarters=dataset.quarters[: keys.index(key) + 1])


def documented_leads(task: Task, chain: tuple[Section, ...]) -> list[str]:
    """The lead rule as the README states it, written again here as the oracle: a task
    that names nobody (or says inherit_lead: true) is led by its nearest heading's
    assignee, besides the agencies it names."""
    heading = next((s.assignee for s in reversed(chain) if s.assignee), ())
    inherits = not task.lead if task.inherit_lead is None else task.inherit_lead
    return list(dict.fromkeys([*(heading if inherits else ()), *task.lead]))


def documented_addressees(task: Task, chain: tuple[Section, ...]) -> list[str]:
    """The README's rule for a paragraph under a heading addressed to an agency that
    names another lead: it is on the heading's addressee's page too."""
    heading = next((s.assignee for s in reversed(chain) if s.assignee), ())
    leads = documented_leads(task, chain)
    return [a for a in heading if a not in leads]


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def card_id(dataset: Dataset, key: str, task: Task) -> str:
    """How `task_cards` names a task of quarter `key` in the newest version."""
    return task.anchor if key == dataset.quarters[-1].key else f"{key}/{task.anchor}"


def expected_roles(dataset: Dataset) -> dict[str, dict[str, list[str]]]:
    """Role (and "earlier") → agency → the cards its page shows, in order: the real
    conclusion's from the hand-checked table, fictional quarters' by the documented
    rule (the fictional registry has no collectives' members)."""
    out: dict[str, dict[str, list[str]]] = {r: defaultdict(list) for r in [*SECTIONS, "earlier"]}
    newest = dataset.quarters[-1]
    if dataset.province == "Hưng Yên":
        assert newest.key == REAL_QUARTER
        anchors = {t.id: t.anchor for t, _chain in walk_tasks(newest.sections)}
        for agency, given in real_assignments().items():
            for role in SECTIONS:
                out[role][agency] = [anchors[task] for task in given[role]]
        return out
    for conclusion in dataset.quarters:
        for task, chain in walk_tasks(conclusion.sections):
            name = card_id(dataset, conclusion.key, task)
            leads = documented_leads(task, chain)
            active = {*leads, *task.duties, *task.support}
            roles = {
                "lead": leads,
                "addressed": documented_addressees(task, chain),
                "duties": list(task.duties),
                "support": list(task.support),
                "accountable": [a for a in task.accountable if a not in active],
            }
            if conclusion is not newest:
                for agency in dict.fromkeys(roles["lead"] + roles["support"]):
                    out["earlier"][agency].append(name)
                continue
            for role, agencies in roles.items():
                for agency in agencies:
                    out[role][agency].append(name)
    return out


def test_each_task_is_on_the_page_of_every_agency_it_assigns_and_no_other(
    rendered: Rendered,
) -> None:
    site, dataset = rendered
    expected = expected_roles(dataset)
    index = build_index(dataset)
    still_open = {
        f"{e.conclusion.key}/{e.anchor}"
        for e in index.earlier
        if not ((state := index.state(e)).done or state.stopped)
    }
    for agency_dir in sorted((site / "co-quan").iterdir()):
        if not agency_dir.is_dir():
            continue
        html = (agency_dir / "index.html").read_text(encoding="utf-8")
        agency = agency_dir.name
        for role, heading in SECTIONS.items():
            want = expected[role][agency]
            part = section(html, heading) if want else ""
            # A heading's paragraphs that name another subject are rows, not cards.
            got = (
                [task_links(item)[0] for item in part.split('class="kl-addressed__item"')[1:]]
                if role == "addressed"
                else task_cards(part)
            )
            assert got == want, (agency, role)
            assert (f">{heading} (" in html) == bool(want), (agency, role)
        # Earlier quarters: counted here; on the history page, newest quarter first, a
        # link to the agency's page in each quarter's own version, and the tasks still
        # open listed (those reported done, dropped or paused are only counted).
        earlier = expected["earlier"][agency]
        history_page = agency_dir / "lich-su" / "index.html"
        assert history_page.exists() == bool(earlier), agency
        if earlier:
            assert f"Các quý trước ({len(earlier)})" in html
            history = history_page.read_text(encoding="utf-8")
            rows = [task_links(row)[0] for row in history.split("<tr>")[1:] if "kl-ref" in row]
            newest_first = sorted(earlier, key=lambda r: r.split("/")[0], reverse=True)
            assert rows == [name for name in newest_first if name in still_open], agency
            quarters = list(dict.fromkeys(name.split("/")[0] for name in newest_first))
            linked = re.findall(
                rf'href="\.\./\.\./\.\./\.\./(\d{{4}}-q\d)/co-quan/{agency}/"', history
            )
            assert linked == quarters, agency
        shown = [
            name for role in SECTIONS if role != "addressed" for name in expected[role][agency]
        ]
        assert sorted(task_cards(html)) == sorted(shown), agency


def test_each_agency_page_shows_its_own_deadlines_and_the_reports_it_receives(
    real_pages: Path, real_dataset: Dataset
) -> None:
    conclusion = next(q for q in real_dataset.quarters if q.key == REAL_QUARTER)
    anchors = {t.id: t.anchor for t, _chain in walk_tasks(conclusion.sections)}
    for agency, given in real_assignments().items():
        html = read(real_pages, f"co-quan/{agency}")
        owned = sorted(
            (date.fromisoformat(str(d)), anchors[task])
            for task, dates in given["deadlines"].items()
            for d in dates
        )
        table = section(html, "Thời hạn") if owned else ""
        rows = [r for r in table.split("<tr>")[1:] if "kl-ref" in r]
        got = sorted((_row_date(r), task_links(r)[0]) for r in rows)
        assert got == owned, agency
        assert ('<h2 id="thoi-han">' in html) == bool(owned), agency
        if given["reports"]:
            part = section(html, "Báo cáo gửi")
            items = part.split("<li>")[1:]
            assert [task_links(i)[0] for i in items] == [anchors[t] for t in given["reports"]]
            for item, dates in zip(items, given["reports"].values(), strict=True):
                shown = re.findall(r'class="kl-date"[^>]*>([^<]+)<', item)
                assert shown == [f"{d.day}/{d.month}/{d.year}" for d in dates], agency


def _row_date(row: str) -> date:
    day, month, year = re.search(r'class="kl-date"[^>]*>(\d+)/(\d+)/(\d+)<', row).groups()  # type: ignore[union-attr]
    return date(int(year), int(month), int(day))


def test_inherited_lead_is_marked(real_pages: Path) -> None:
    site = real_pages
    html = read(site, "co-quan/dang-uy-ubnd-tinh")
    card = html[html.index("#nv-ii-2-5") :]
    card = card[: card.index("</div>")]
    assert "(giao qua đề mục 2)" in card
    assert "giao chung" not in card  # one concept only: what a collective is given


def test_a_paragraph_under_a_heading_addressed_to_an_agency_names_it(real_pages: Path) -> None:
    # 2.1 ¶1 names "Các cơ quan, đơn vị cấp tỉnh" but sits under "2. Đối với Đảng ủy Ủy
    # ban nhân dân tỉnh": the card says the heading gives it to Đảng ủy UBND tỉnh.
    html = read(real_pages, "co-quan/dang-uy-ubnd-tinh")
    rows = section(html, "Nhiệm vụ giao qua đề mục (4)").split('class="kl-addressed__item"')[1:]
    assert [task_links(row)[0] for row in rows] == [
        "nv-ii-2-1",
        "nv-ii-2-1-1",
        "nv-ii-2-2-2",
        "nv-ii-2-4",
    ]
    first = rows[0]
    assert "(giao qua đề mục 2)" in first
    assert "nâng cao vai trò, trách nhiệm trong nắm bắt" in first  # whole, to its end:
    assert "dễ thực hiện và đúng quy định của pháp luật.</p>" in first
    assert "— thực hiện: Các cơ quan, đơn vị cấp tỉnh</p>" in first  # who carries it out
    # The task's own card, on the full text and its lead's page, says the heading too.
    lead = read(real_pages, "co-quan/co-quan-don-vi-cap-tinh")
    card = lead[lead.index('id="nv-ii-2-1"') :]
    card = card[: card.index("</div>")]
    assert re.search(r"<dt>Giao qua đề mục 2</dt> <dd><a [^>]*>Đảng ủy Ủy ban nhân dân tỉnh", card)


def test_each_document_page_lists_exactly_its_citing_tasks(rendered: Rendered) -> None:
    site, dataset = rendered
    current: dict[str, list[str]] = defaultdict(list)
    earlier: dict[str, list[str]] = defaultdict(list)
    for conclusion in dataset.quarters:
        into = current if conclusion is dataset.quarters[-1] else earlier
        for task, _chain in walk_tasks(conclusion.sections):
            for doc in dict.fromkeys(c.document for c in task.cites):
                into[doc].append(card_id(dataset, conclusion.key, task))
    cited = set(current) | set(earlier)
    cited |= {c.document for q in dataset.quarters for c in q.review.cites}
    pages = {p.name for p in (site / "van-ban").iterdir() if p.is_dir()}
    assert pages == cited
    for doc in cited:
        html = read(site, f"van-ban/{doc}")
        assert task_cards(html) == current[doc], doc
        # An earlier quarter's citing tasks are on the document's page of its version,
        # linked and counted, never copied here.
        history = section(html, "Các quý trước") if earlier[doc] else ""
        assert task_links(history) == [], doc
        quarters = Counter(name.split("/")[0] for name in earlier[doc])
        linked = re.findall(
            rf'href="\.\./\.\./\.\./(\d{{4}}-q\d)/van-ban/{doc}/">[^<]+</a>: (\d+) ', history
        )
        assert linked == [(q, str(n)) for q, n in sorted(quarters.items(), reverse=True)], doc


def test_every_task_citing_57_nq_tw_is_listed(real_pages: Path) -> None:
    site = real_pages
    html = read(site, "van-ban/57-nq-tw-2024")
    assert task_cards(html) == ["nv-ii-2-9"]
    assert "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo" in html


def test_each_deadline_page_lists_exactly_the_tasks_due_that_day(rendered: Rendered) -> None:
    site, dataset = rendered
    due: dict[str, list[str]] = defaultdict(list)
    for conclusion in dataset.quarters:
        for task, _chain in walk_tasks(conclusion.sections):
            for deadline in task.deadlines:
                due[deadline.date.isoformat()].append(card_id(dataset, conclusion.key, task))
    # This quarter's dates only: an earlier quarter's are pages of its own version.
    current = {day: names for day, names in due.items() if any("/" not in n for n in names)}
    pages = {p.name for p in (site / "thoi-han").iterdir() if p.is_dir()}
    assert pages == set(current)
    for day, names in current.items():
        html = read(site, f"thoi-han/{day}")
        assert task_cards(html) == [n for n in names if "/" not in n], day
        assert [n for n in task_links(html) if "/" in n] == [], day  # no earlier task


def test_deadline_page_keeps_the_original_wording(real_pages: Path) -> None:
    site = real_pages
    june = read(site, "thoi-han/2026-06-30")
    assert "“Chậm nhất trong tháng 6/2026”" in june
    # Quoted whole: the action the date belongs to, from its clause's start.
    assert "“hoàn thành việc rà soát, xây dựng phương án xử lý xong trong quý II”" in june


def test_full_text_anchors_every_task_and_links_references(rendered: Rendered) -> None:
    site, dataset = rendered
    html = read(site, "toan-van")
    page = Page(html)
    conclusion = dataset.quarters[-1]
    for task, _chain in walk_tasks(conclusion.sections):
        assert task.anchor in page.ids
        for citation in task.cites:
            assert f'href="../van-ban/{citation.document}/"' in html
    for footnote in conclusion.footnotes:
        assert f"fn-{footnote.number}" in page.ids and f"fnref-{footnote.number}" in page.ids
    for correction in conclusion.corrections:  # the source's words stay; the fix is beside
        # (after the link, for a typo inside a citation)
        assert f"[có thể là: {escape(correction.suggested, quote=False)}]" in html


def test_full_text_of_the_real_conclusion(real_pages: Path, real_dataset: Dataset) -> None:
    site = real_pages
    html = read(site, "toan-van")
    conclusion = next(q for q in real_dataset.quarters if q.key == REAL_QUARTER)
    written = [(t.text, c.as_written) for t, _ in walk_tasks(conclusion.sections) for c in t.cites]
    review = "\n".join(conclusion.review.paragraphs)
    written += [(review, c.as_written) for c in conclusion.review.cites]
    assert html.count('class="kl-doc"') == sum(text.count(w) for text, w in written) == 31
    assert "Nguyễn Tuấn Phong" in html and "T/L BAN THƯỜNG VỤ" in html
    assert html.count('<li><a class="kl-agency"') == 7  # recipients linked to agencies


def test_agency_index_is_grouped_and_in_vietnamese_order(real_pages: Path) -> None:
    site = real_pages
    html = read(site, "co-quan")
    advisory = section(html, "Cơ quan chuyên trách, tham mưu")
    names = re.findall(r'class="kl-agency" href="[^"]+">([^<]+)</a>', advisory)
    assert names == [
        "Ban Nội chính Tỉnh ủy",
        "Ban Tổ chức Tỉnh ủy",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Các cơ quan chuyên trách, tham mưu, giúp việc Tỉnh ủy",
        "Ủy ban Kiểm tra Tỉnh ủy",
        "Văn phòng Tỉnh ủy",
    ]


def test_home_shows_figures_limitations_counts_and_next_deadlines(real_pages: Path) -> None:
    site = real_pages
    html = read(site, "")
    assert "Hội nghị ngày 24/4/2026" in html
    assert "<td>tăng 10,43%</td>" in html
    assert "Công tác giải ngân vốn đầu tư công chậm" in html
    assert "<svg" in html and "<script" not in html.split("<svg")[1].split("</svg>")[0]
    assert html.count('class="kl-date"') >= 8


def test_probable_typos_are_marked_wherever_their_words_are_shown(real_pages: Path) -> None:
    fix = '<span class="kl-typo-fix" title="Hiệu đính, không phải lời văn bản">'
    home = read(real_pages, "")
    limitation = home[home.index("Khó khăn, vướng mắc") :]
    assert f"giám sát chuyên đề chất lượng chưa cao</span>{fix} [có thể là:" in limitation
    due = read(real_pages, "thoi-han/2026-12-31")
    assert f"phân đấu xử lý</span>{fix} [có thể là: phấn đấu xử lý]" in due
    assert "(mục tiêu phấn đấu: hết năm 2026)" in due
    full = read(real_pages, "toan-van")
    # A typo inside a citation: the link keeps the words, the reading follows it.
    assert "02/6/2021</a>" in full and "[có thể là: 02/6/2021 của Ban Bí thư]" in full
    assert "[văn bản gốc ghi chưa thống nhất]" in full  # 04-CT/TU, flagged at its citation


def test_a_supporter_does_not_own_the_leads_deadlines(real_pages: Path) -> None:
    html = read(real_pages, "co-quan/co-quan-noi-chinh-tu-phap")
    assert '<h2 id="thoi-han">' not in html and "kl-timeline" not in html
    assert "<dt>Thời hạn của đơn vị chủ trì</dt>" in html
    assert "<dt>Thời hạn</dt>" not in html
    listing = read(real_pages, "co-quan")
    row = listing[listing.index("co-quan/co-quan-noi-chinh-tu-phap/") :].split("</li>")[0]
    assert "thời hạn" not in row


def test_every_card_carries_its_footnotes_in_full(real_pages: Path, real_dataset: Dataset) -> None:
    real = next(q for q in real_dataset.quarters if q.key == REAL_QUARTER)
    notes = {f.number: f.text for f in real.footnotes}
    marked = {t.anchor: footnote_markers(t.text) for t, _chain in walk_tasks(real.sections)}
    checked = 0
    for page in sorted((real_pages / "co-quan").glob("*/index.html")):
        raw = page.read_text(encoding="utf-8")
        # The words as issued: readings of probable typos (shown beside them) left out.
        issued = re.sub(r'<span class="kl-typo-fix"[^>]*>[^<]*</span>', "", raw)
        words = unescape(re.sub(r"<[^>]+>", "", issued))
        for anchor in task_cards(raw):
            for number in marked[anchor]:
                assert notes[number][:60] in words, (page.parent.name, anchor, number)
                checked += 1
    assert checked >= 6  # footnotes 3–6 stand in tasks, on several agencies' pages


def test_a_derived_date_is_said_to_be_derived(real_pages: Path) -> None:
    targets = read(real_pages, "chi-tieu")
    row = next(r for r in targets.split("<tr>") if "giải ngân 100% kế hoạch" in r)
    assert "năm 2026, không nêu ngày" in row and 'class="kl-date"' not in row
    stated = next(r for r in targets.split("<tr>") if "đạt trên 30%" in r)
    assert "30/6/2026</a>" in stated


def test_home_says_what_its_agency_count_counts(real_pages: Path) -> None:
    home = read(real_pages, "")
    assert "25 <span" in home
    assert "(21 được giao nhiệm vụ, 2 chỉ nhận báo cáo, 2 chỉ được nêu tên)" in home


def test_document_types_in_vietnamese_order(real_pages: Path) -> None:
    # The alphabet's order (a ă â b c ch d đ e …), written out by hand.
    order = ["Chỉ thị", "Chương trình", "Đề án", "Kế hoạch", "Kết luận", "Nghị quyết"]
    order += ["Quy hoạch", "Thông báo"]
    documents = read(real_pages, "van-ban")
    for part in documents.split("<h2")[1:]:
        types = re.findall(r'<h3 id="[^"]*">([^<]+)', part)
        assert types == sorted(types, key=order.index), types


def test_derived_readings_and_aims_are_said_so_and_never_late(
    real_pages: Path, real_dataset: Dataset
) -> None:
    # II.2.2-5 "… khởi công các công trình trong năm 2026": the year may say which
    # works; the editor's date is shown as derived, and no badge counts days past it.
    html = read(real_pages, "co-quan/dang-uy-ubnd-tinh")
    card = html[html.index('id="nv-ii-2-2-5"') :]
    card = card[: card.index("</div>")]
    derived = card[card.index("“hoàn thành điều kiện khởi công các công trình") :]
    derived = derived[: derived.index("</dd>")]
    assert "suy ra từ văn bản, có thể không phải thời hạn: hết năm 2026" in derived
    assert "kl-today" not in derived
    # Footnote 4 "Phần đầu [Phấn đấu] hoàn thành chỉ tiêu … tăng từ 3-4%": an aim.
    targets = read(real_pages, "chi-tieu")
    row = next(r for r in targets.split("<tr>") if "tăng từ 3-4%" in r)
    assert "mục tiêu phấn đấu:" in row
    # "kế hoạch, tiến độ thực hiện từng tuần, từng tháng, từng quý" breaks a plan
    # down: no recurring duty.
    ubnd = html[html.index('id="nv-ii-2-2-1"') :]
    assert "<dt>Định kỳ</dt>" not in ubnd[: ubnd.index("</div>")]
    index = build_index(real_dataset, REAL_QUARTER)
    items = lapses(index).listed
    assert not any(i.due.deadline.derived or i.due.deadline.aim for i in items)
    assert any(i.entry.task.id == "II.2.2-5" and i.due.deadline.report for i in items)


def test_a_document_date_reads_as_the_text_writes_it(real_pages: Path) -> None:
    # "Kết luận 232-KL/TW, ngày 08/01/2026": not 8/1/2026.
    page = read(real_pages, "van-ban/232-kl-tw-2026")
    assert "<th>Ngày ban hành</th><td>08/01/2026</td>" in page
    assert "ngày 08/01/2026" in read(real_pages, "van-ban")


def test_an_agency_history_lists_a_year_and_counts_the_older_quarters() -> None:
    """After a year, an agency's history page stays the same size: the four latest
    earlier quarters with their open tasks, older ones one line each, linked."""
    six = Scale(quarters=6, agencies=24, communes=8, tasks_per_quarter=30, documents=12)
    index = build_index(validate_text(dump(generate(six)), "mau.yml"))
    view = max(index.agencies.values(), key=lambda v: len(v.earlier))
    html = SitePages(index).agency_history(urls.agency_history(view.agency.id), view.agency.id)
    keys = list(dict.fromkeys(e.conclusion.key for e in view.earlier))
    assert len(keys) == 5
    older = html[html.index("## Các quý trước nữa") :]
    assert re.findall(r'href="\.\./\.\./\.\./\.\./(\d{4}-q\d)/co-quan/', older) == [keys[0]]
    assert task_links(older) == []
    # (a task of this quarter carrying one on is linked too: "tiếp tục ở")
    listed = {name.split("/")[0] for name in task_links(html) if "/" in name}
    assert listed <= set(keys[1:]) and listed


def test_a_version_keeps_the_documents_of_its_year_and_links_the_older_list() -> None:
    """A document only an older quarter cited has its page in that quarter's version;
    the year's list links the list of the version before the year; a directive of an
    earlier quarter is read in its own version."""
    six = replace(Scale.province_year(0.1, quarters=6), directives=2)
    dataset = validate_text(dump(generate(six)), "mau.yml")
    index = build_index(dataset)
    year = {id(q) for q in dataset.quarters[-4:]}
    cited_in_year = {
        doc.id
        for e in (*index.earlier, *index.entries)
        if id(e.conclusion) in year
        for doc in e.documents
    }
    held_in_year = {d.document for q in dataset.quarters[-4:] for d in q.directives}
    older_only = (
        {doc.id for e in index.earlier for doc in e.documents}
        - cited_in_year
        - held_in_year
        - {c.document for q in index.year for c in q.review.cites}
    )
    assert older_only, "the fictional quarters cite documents the year does not"
    assert not older_only & set(index.documents)
    assert held_in_year <= set(index.documents)
    html = SitePages(index).documents(urls.DOCUMENTS)
    before = dataset.quarters[-5].key
    assert f'href="../../{before}/van-ban/">' in html
    for doc_id in held_in_year:
        quarter = index.documents[doc_id].quarter
        assert quarter is not None
        key = "" if quarter is index.conclusion else f"../{quarter.key}/"
        assert f'href="../{key}van-ban/{doc_id}/toan-van/">toàn văn</a>' in html, doc_id
