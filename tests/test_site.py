"""The built site of the real data: every page, link and list is exactly right."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import replace
from datetime import date
from html import escape, unescape
from pathlib import Path

import pytest
from sitecheck import (
    NAMESPACES,
    REAL_QUARTER,
    REPO,
    Page,
    build_site,
    html_files,
    outside,
    real_assignments,
    resolve,
    section,
    task_cards,
    task_links,
)

from ketluan.fictional import Scale, dump, generate
from ketluan.load import load
from ketluan.model import Dataset, Section, Task
from ketluan.model.calendar import find_quarter
from ketluan.model.outline import walk_tasks
from ketluan.text.vietnamese import footnote_markers

# Runs MkDocs or mike: outside the fast loop (`pytest -m 'not build'`).
pytestmark = pytest.mark.build

# A built version: its folder, the data, and the quarters it shows (its own last).
Built = tuple[Path, Dataset]


def shown(dataset: Dataset, key: str) -> Dataset:
    """The dataset as the version of quarter `key` sees it: no later quarter."""
    keys = [q.key for q in dataset.quarters]
    return replace(dataset, quarters=dataset.quarters[: keys.index(key) + 1])


@pytest.fixture(scope="module", params=["real", "fictional"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real conclusion's version, and the newest of a fictional three-quarter "Tỉnh Mẫu"."""
    if request.param == "real":
        dataset = request.getfixturevalue("live_dataset")
        return request.getfixturevalue("real_site"), shown(dataset, REAL_QUARTER)
    base = tmp_path_factory.mktemp("fictional")
    scale = Scale(quarters=3, agencies=40, communes=20, tasks_per_quarter=60, documents=30)
    data = base / "mau.yml"
    data.write_text(dump(generate(scale)), encoding="utf-8")
    out = base / "site"
    log = build_site(out, data)
    assert "WARNING" not in log
    return out, load(data)


def documented_leads(task: Task, chain: tuple[Section, ...]) -> list[str]:
    """The lead rule as the README states it, written again here as the oracle: a task
    that names nobody (or says inherit_lead: true) is led by its nearest heading's
    assignee, besides the agencies it names."""
    heading = next((s.assignee for s in reversed(chain) if s.assignee), ())
    inherits = not task.lead if task.inherit_lead is None else task.inherit_lead
    return list(dict.fromkeys([*(heading if inherits else ()), *task.lead]))


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def card_id(dataset: Dataset, key: str, task: Task) -> str:
    """How `task_cards` names a task of quarter `key` in the newest version."""
    return task.anchor if key == dataset.quarters[-1].key else f"{key}/{task.anchor}"


# The sections of an agency page, by role, and the heading each opens with.
SECTIONS = {
    "lead": "Nhiệm vụ chủ trì",
    "support": "Nhiệm vụ phối hợp",
    "accountable": "Chịu trách nhiệm",
    "collective": "Nhiệm vụ giao chung",
}


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
            roles = {
                "lead": documented_leads(task, chain),
                "support": list(task.support),
                "accountable": list(task.accountable),
            }
            if conclusion is not newest:
                for agency in dict.fromkeys(roles["lead"] + roles["support"]):
                    out["earlier"][agency].append(name)
                continue
            for role, agencies in roles.items():
                for agency in agencies:
                    out[role][agency].append(name)
    return out


def test_each_task_is_on_the_page_of_every_agency_it_assigns_and_no_other(built: Built) -> None:
    site, dataset = built
    expected = expected_roles(dataset)
    for agency_dir in sorted((site / "co-quan").iterdir()):
        if not agency_dir.is_dir():
            continue
        html = (agency_dir / "index.html").read_text(encoding="utf-8")
        agency = agency_dir.name
        for role, heading in SECTIONS.items():
            want = expected[role][agency]
            got = task_cards(section(html, heading)) if want else []
            assert got == want, (agency, role)
            assert (f">{heading} (" in html) == bool(want), (agency, role)
        # Earlier quarters: counted here, listed on the history page, newest quarter first.
        earlier = expected["earlier"][agency]
        history_page = agency_dir / "lich-su" / "index.html"
        assert history_page.exists() == bool(earlier), agency
        if earlier:
            assert f"Các quý trước ({len(earlier)})" in html
            history = history_page.read_text(encoding="utf-8")
            rows = [task_links(row)[0] for row in history.split("<tr>")[1:] if "kl-ref" in row]
            newest_first = sorted(earlier, key=lambda r: r.split("/")[0], reverse=True)
            assert rows == newest_first, agency
        shown = [name for role in SECTIONS for name in expected[role][agency]]
        assert sorted(task_cards(html)) == sorted(shown), agency


def test_each_agency_page_shows_its_own_deadlines_and_the_reports_it_receives(
    real_site: Path, live_dataset: Dataset
) -> None:
    conclusion = next(q for q in live_dataset.quarters if q.key == REAL_QUARTER)
    anchors = {t.id: t.anchor for t, _chain in walk_tasks(conclusion.sections)}
    for agency, given in real_assignments().items():
        html = read(real_site, f"co-quan/{agency}")
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


def test_inherited_lead_is_marked(real_site: Path) -> None:
    site = real_site
    html = read(site, "co-quan/dang-uy-ubnd-tinh")
    card = html[html.index("#nv-ii-2-5") :]
    card = card[: card.index("</div>")]
    assert "(giao chung tại đề mục 2)" in card


def test_each_document_page_lists_exactly_its_citing_tasks(built: Built) -> None:
    site, dataset = built
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
        history = section(html, "Các quý trước") if earlier[doc] else ""
        assert [task_links(row)[0] for row in history.split("<tr>")[2:]] == earlier[doc], doc


def test_every_task_citing_57_nq_tw_is_listed(real_site: Path) -> None:
    site = real_site
    html = read(site, "van-ban/57-nq-tw-2024")
    assert task_cards(html) == ["nv-ii-2-9"]
    assert "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo" in html


def test_each_deadline_page_lists_exactly_the_tasks_due_that_day(built: Built) -> None:
    site, dataset = built
    due: dict[str, list[str]] = defaultdict(list)
    for conclusion in dataset.quarters:
        for task, _chain in walk_tasks(conclusion.sections):
            for deadline in task.deadlines:
                due[deadline.date.isoformat()].append(card_id(dataset, conclusion.key, task))
    pages = {p.name for p in (site / "thoi-han").iterdir() if p.is_dir()}
    assert pages == set(due)
    for day, names in due.items():
        html = read(site, f"thoi-han/{day}")
        current = [n for n in names if "/" not in n]
        assert task_cards(html) == current, day
        history = section(html, "Của các quý trước") if len(current) < len(names) else ""
        rows = [task_links(row)[0] for row in history.split("<tr>")[1:] if "kl-ref" in row]
        assert rows == [n for n in names if "/" in n], day


def test_deadline_page_keeps_the_original_wording(real_site: Path) -> None:
    site = real_site
    june = read(site, "thoi-han/2026-06-30")
    assert "“Chậm nhất trong tháng 6/2026”" in june
    assert "“xây dựng phương án xử lý xong trong quý II”" in june


def test_full_text_anchors_every_task_and_links_references(built: Built) -> None:
    site, dataset = built
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


def test_full_text_of_the_real_conclusion(real_site: Path, live_dataset: Dataset) -> None:
    site = real_site
    html = read(site, "toan-van")
    conclusion = next(q for q in live_dataset.quarters if q.key == REAL_QUARTER)
    written = [(t.text, c.as_written) for t, _ in walk_tasks(conclusion.sections) for c in t.cites]
    review = "\n".join(conclusion.review.paragraphs)
    written += [(review, c.as_written) for c in conclusion.review.cites]
    assert html.count('class="kl-doc"') == sum(text.count(w) for text, w in written) == 31
    assert "Nguyễn Tuấn Phong" in html and "T/L BAN THƯỜNG VỤ" in html
    assert html.count('<li><a class="kl-agency"') == 7  # recipients linked to agencies


def test_agency_index_is_grouped_and_in_vietnamese_order(real_site: Path) -> None:
    site = real_site
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


def test_urls_are_short_ascii_and_stable(built: Built) -> None:
    site, _dataset = built
    for file in html_files(site):
        rel = file.relative_to(site).as_posix()
        assert rel.isascii() and re.fullmatch(r"[a-z0-9/.-]+", rel), rel


def test_real_urls(real_site: Path) -> None:
    site = real_site
    for url in ("co-quan/ban-to-chuc", "thoi-han/2026-05-31", "van-ban/254-2025-qh15"):
        assert (site / url / "index.html").exists()


def test_no_broken_internal_link(built: Built) -> None:
    site, _dataset = built
    broken = []
    for file in html_files(site):
        page = Page(file.read_text(encoding="utf-8"))
        for link in page.links:
            target = resolve(site, file, link)
            if target is None:
                continue
            path, fragment = target
            if outside(site, path):
                # Only the older-version banner leaves the version, for "latest".
                assert re.fullmatch(r"(\./|/)?(\.\./)+latest/[a-z0-9/.-]*", link), link
                continue
            if not path.exists():
                broken.append(f"{file.relative_to(site)} → {link}")
            elif fragment and fragment not in Page(path.read_text(encoding="utf-8")).ids:
                broken.append(f"{file.relative_to(site)} → {link} (no #{fragment})")
    assert broken == []


# The site's own address (site_url, default for local builds): canonical links point
# there, which is this site, not another host.
OWN_SITE = "http://localhost:8000/"

# URLs inside Material's JavaScript bundle that are never requested by this site:
# licence and documentation comments, and loaders for features it does not use
# (Mermaid diagrams, a ResizeObserver polyfill for old browsers, and GitHub/GitLab
# repository facts, fetched only when mkdocs.yml sets repo_url, which it does not).
UNUSED_BUNDLE_URLS = re.compile(
    r"https://unpkg\.com/(mermaid|resize-observer-polyfill)"
    r"|https://api\.github\.com/|https://\$\{\w+\}/api/v4/"
)


def test_no_external_url_in_html_css_or_requested_by_js(built: Built) -> None:
    site, _dataset = built
    assert "repo_url" not in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    offenders = []
    for file in html_files(site):
        for link in Page(file.read_text(encoding="utf-8")).links:
            external = re.match(r"^(https?:)?//", link) and not link.startswith(OWN_SITE)
            if external and not link.startswith(NAMESPACES):
                offenders.append(f"{file.relative_to(site)}: {link}")
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        urls = re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*", text)
        offenders += [f"{css.name}: {u}" for u in urls]
        offenders += [f"{css.name}: {u}" for u in re.findall(r"@import[^;]*//[^;]*", text)]
    for js in site.rglob("*.js"):
        text = js.read_text(encoding="utf-8")
        for m in re.finditer(r"""(["'`])(https?://[^"'`\s]+)\1""", text):
            url = m.group(2)
            if not url.startswith(NAMESPACES) and not UNUSED_BUNDLE_URLS.match(url):
                offenders.append(f"{js.name}: {url}")
    assert offenders == []


def test_home_shows_figures_limitations_counts_and_next_deadlines(real_site: Path) -> None:
    site = real_site
    html = read(site, "")
    assert "Hội nghị ngày 24/4/2026" in html
    assert "<td>tăng 10,43%</td>" in html
    assert "Công tác giải ngân vốn đầu tư công chậm" in html
    assert "<svg" in html and "<script" not in html.split("<svg")[1].split("</svg>")[0]
    assert html.count('class="kl-date"') >= 8


def test_no_page_gives_one_id_twice(real_site: Path) -> None:
    # Task cards are headings with the task's anchor: a page listing a task twice, or
    # the print bundle listing it under two agencies, would break its links.
    for file in html_files(real_site):
        assert Page(file.read_text(encoding="utf-8")).duplicate_ids == [], file


def test_search_index_has_a_result_per_task_with_clean_text(
    real_site: Path, live_dataset: Dataset
) -> None:
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    # Diacritics are folded by our lunr language file in the browser, not copied here.
    assert index["config"]["lang"] == ["vi"]
    lunr_vi = real_site / "assets/javascripts/lunr/min/lunr.vi.min.js"
    assert "ketluan" in lunr_vi.read_text(encoding="utf-8")
    # Every task of the full text is a result of its own, titled by number and lead.
    conclusion = live_dataset.quarters[find_quarter(live_dataset.quarters, REAL_QUARTER)]
    for task, _ in walk_tasks(conclusion.sections):
        assert f"toan-van/?nv={task.anchor}" in docs, task.id
    sand = docs["toan-van/?nv=nv-ii-2-6"]
    assert sand["title"] == "II.2.6 · Đảng ủy UBND tỉnh"
    assert sand["text"].startswith("<p>2.6. Tiếp tục đấu giá các mỏ cát")  # no "§"
    # A card on an agency page is a result of that page, at its anchor, by its title:
    # its text is found once, in the full text.
    card = docs["co-quan/dang-uy-ubnd-tinh/#nv-ii-2-6"]
    assert card["title"] == "II.2.6 · Đảng ủy UBND tỉnh" and card["text"] == ""
    assert docs["co-quan/dang-uy-ubnd-tinh/"]["boost"] > 1
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
    for hidden in ("Trích Kết luận", "Tải bản in PDF", "Báo cáo tình trạng: tải bảng"):
        assert hidden not in text, hidden  # print-only header, buttons
    assert not re.search(r"Chủ trìĐảng|Thời hạn\d", text)
    assert not [loc for loc in docs if loc.startswith("ban-in/")]  # the print bundle
    # On the page, a card's labels stand apart from their values (copied text, readers).
    page = (real_site / "co-quan/dang-uy-ubnd-tinh/index.html").read_text(encoding="utf-8")
    assert "<dt>Chủ trì</dt> <dd>" in page and "</dt><dd>" not in page


def test_probable_typos_are_marked_wherever_their_words_are_shown(real_site: Path) -> None:
    fix = '<span class="kl-typo-fix" title="Hiệu đính, không phải lời văn bản">'
    home = read(real_site, "")
    limitation = home[home.index("Khó khăn, vướng mắc") :]
    assert f"giám sát chuyên đề chất lượng chưa cao</span>{fix} [có thể là:" in limitation
    due = read(real_site, "thoi-han/2026-12-31")
    assert f"phân đấu xử lý</span>{fix} [có thể là: phấn đấu xử lý]" in due
    assert "(mục tiêu phấn đấu: hết năm 2026)" in due
    full = read(real_site, "toan-van")
    # A typo inside a citation: the link keeps the words, the reading follows it.
    assert "02/6/2021</a>" in full and "[có thể là: 02/6/2021 của Ban Bí thư]" in full
    assert "[văn bản gốc ghi chưa thống nhất]" in full  # 04-CT/TU, flagged at its citation


def test_a_supporter_does_not_own_the_leads_deadlines(real_site: Path) -> None:
    html = read(real_site, "co-quan/co-quan-noi-chinh-tu-phap")
    assert '<h2 id="thoi-han">' not in html and "kl-timeline" not in html
    assert "<dt>Thời hạn của đơn vị chủ trì</dt>" in html
    assert "<dt>Thời hạn</dt>" not in html
    listing = read(real_site, "co-quan")
    row = listing[listing.index("co-quan/co-quan-noi-chinh-tu-phap/") :].split("</li>")[0]
    assert "thời hạn" not in row


def test_pages_speak_vietnamese_where_material_would_not(real_site: Path) -> None:
    missing = (real_site / "404.html").read_text(encoding="utf-8")
    assert "Không tìm thấy trang" in missing and "Not found" not in missing
    assert 'title="Liên kết đến mục này"' in read(real_site, "toan-van")
    assert "Permanent link" not in read(real_site, "toan-van")


def test_every_card_carries_its_footnotes_in_full(real_site: Path, live_dataset: Dataset) -> None:
    real = next(q for q in live_dataset.quarters if q.key == REAL_QUARTER)
    notes = {f.number: f.text for f in real.footnotes}
    marked = {t.anchor: footnote_markers(t.text) for t, _chain in walk_tasks(real.sections)}
    checked = 0
    for page in sorted((real_site / "co-quan").glob("*/index.html")):
        raw = page.read_text(encoding="utf-8")
        # The words as issued: readings of probable typos (shown beside them) left out.
        issued = re.sub(r'<span class="kl-typo-fix"[^>]*>[^<]*</span>', "", raw)
        words = unescape(re.sub(r"<[^>]+>", "", issued))
        for anchor in task_cards(raw):
            for number in marked[anchor]:
                assert notes[number][:60] in words, (page.parent.name, anchor, number)
                checked += 1
    assert checked >= 6  # footnotes 3–6 stand in tasks, on several agencies' pages


def test_a_derived_date_is_said_to_be_derived(real_site: Path) -> None:
    targets = read(real_site, "chi-tieu")
    row = next(r for r in targets.split("<tr>") if "giải ngân 100% kế hoạch" in r)
    assert "năm 2026, không nêu ngày" in row and 'class="kl-date"' not in row
    stated = next(r for r in targets.split("<tr>") if "đạt trên 30%" in r)
    assert "30/6/2026</a>" in stated


def test_home_says_what_its_agency_count_counts(real_site: Path) -> None:
    home = read(real_site, "")
    assert "24 <span" in home
    assert "(20 được giao nhiệm vụ, 2 chỉ nhận báo cáo, 2 chỉ được nêu tên)" in home


def test_document_types_in_vietnamese_order(real_site: Path) -> None:
    # The alphabet's order (a ă â b c ch d đ e …), written out by hand.
    order = ["Chỉ thị", "Chương trình", "Đề án", "Kế hoạch", "Kết luận", "Nghị quyết"]
    order += ["Quy hoạch", "Thông báo"]
    documents = read(real_site, "van-ban")
    for part in documents.split("<h2")[1:]:
        types = re.findall(r'<h3 id="[^"]*">([^<]+)', part)
        assert types == sorted(types, key=order.index), types
