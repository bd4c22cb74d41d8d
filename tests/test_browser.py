"""What officials see, checked in a real headless Chromium (Debian's, driven by Playwright).

Two sites are served on 127.0.0.1: the real data, and a fictional three-quarter
"Tỉnh Mẫu" published with `ketluan publish` and copied out of its branch into a plain
folder, as the IT staff would serve it. Screenshots and a printed PDF are kept in
artifacts/browser/.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import tarfile
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Dialog, Page
from sitecheck import (
    FICTIONAL_SCALE,
    REAL_QUARTER,
    REPO,
    assigned,
    make_project,
    page_sizes,
    pdf_text,
    shown_tasks,
)

from ketluan.fictional import Scale, dump, generate
from ketluan.index.site_index import build_index
from ketluan.load import validate_text
from ketluan.model import Dataset
from ketluan.model.outline import printed_references
from ketluan.publish.branch import Destination
from ketluan.publish.preview import publish_all
from ketluan.render import text_parts, urls
from ketluan.render.pages import SitePages

sys.path.insert(0, str(REPO / "benchmarks"))
import search_quality  # the benchmark's way of typing a query and reading the results

# Runs MkDocs or mike: outside the fast loop (`pytest -m 'not build'`).
pytestmark = pytest.mark.build

ARTIFACTS = REPO / "artifacts" / "browser"


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free port of 127.0.0.1; yields the origin."""
    handler = functools.partial(Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def real(real_site: Path) -> Iterator[str]:
    yield from serve(real_site)


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Three fictional quarters published with mike, the branch copied to a folder."""
    root = tmp_path_factory.mktemp("versions")
    data = dump(
        generate(Scale(quarters=3, agencies=24, communes=10, tasks_per_quarter=24, documents=16))
    )
    repo = make_project(root, data)
    folder = root / "www"
    folder.mkdir()
    # The port must be known before building: site_url lets the version switch keep the page.
    handler = functools.partial(Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    publish_all(Destination(repo, repo / "mau.yml", branch="intranet", site_url=origin + "/"))
    archive = root / "site.tar"
    subprocess.run(["git", "archive", "-o", str(archive), "intranet"], cwd=repo, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield origin
    finally:
        server.shutdown()


@pytest.fixture
def requested() -> list[str]:
    """Every URL the test's page requested."""
    return []


@pytest.fixture
def page(browser: Browser, requested: list[str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.on("request", lambda request: requested.append(request.url))
    yield context.new_page()
    context.close()


def search(page: Page, query: str) -> list[tuple[str, str]]:
    """Type into Material's search box; (href, visible text) of each result shown."""
    page.click("input.md-search__input")
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_timeout(500)
    items = page.locator(".md-search-result__item")
    out = []
    for i in range(items.count()):
        link = items.nth(i).locator("a").first
        out.append((link.get_attribute("href") or "", items.nth(i).inner_text()))
    return out


def test_the_version_button_names_the_quarter_shown(page: Page, versions: str) -> None:
    page.goto(f"{versions}/2026-q2/co-quan/")
    button = page.locator(".md-version__current")
    button.wait_for()
    page.wait_for_function(
        "() => (document.querySelector('.md-version__current').getAttribute('aria-label')"
        " || '').startsWith('Đang xem')"
    )
    assert button.get_attribute("aria-label") == "Đang xem Quý II/2026 — chọn quý khác"


def test_a_versions_list_changed_on_the_server_never_reaches_the_page_as_markup(
    page: Page, versions: str
) -> None:
    # ketluan publish refuses such entries; this is the list as a server might serve it.
    planted = [
        {"version": "2026-q3", "title": "Quý III/2026", "aliases": ["latest"]},
        {"version": "x", "title": '<img src=x onerror="window.klRan=1">', "aliases": []},
        {"version": "2026-q2", "title": "<b onmouseover=alert(1)>Quý II/2026</b>", "aliases": []},
        {"version": "2026-q1", "title": "Quý I/2026", "aliases": []},
    ]
    page.route(
        "**/versions.json",
        lambda route: route.fulfill(json=planted, headers={"Cache-Control": "no-store"}),
    )
    dialogs: list[str] = []

    def said(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", said)
    page.goto(f"{versions}/2026-q3/")
    page.locator(".md-version__current").wait_for()
    titles = page.locator("a.md-version__link").all_inner_texts()
    assert titles == ["Quý III/2026", "Quý I/2026"]
    assert page.locator(".md-version img, .md-version b").count() == 0
    assert page.evaluate("() => window.klRan") is None and dialogs == []


def switch_version(page: Page, title: str) -> None:
    """Open Material's version selector (it opens on focus) and pick a quarter."""
    page.locator(".md-version__current").focus()
    page.locator(f"a.md-version__link:text-is('{title}')").click()


def test_version_switch_from_a_deep_agency_page_lands_on_the_same_agency(
    page: Page, versions: str, requested: list[str]
) -> None:
    page.goto(f"{versions}/2026-q3/co-quan/")
    agency = page.locator(".kl-agency-list a.kl-agency").first.get_attribute("href")
    assert agency is not None
    page.goto(f"{versions}/2026-q3/co-quan/{agency.strip('./').split('/')[-1]}/")
    path = page.url.split("/2026-q3/")[1]
    switch_version(page, "Quý I/2026")
    page.wait_for_url(f"{versions}/2026-q1/{path}")
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible")
    assert "Bạn đang xem Quý I/2026" in banner.inner_text()
    banner.locator("a").click()  # "xem bản mới nhất": the same page in the newest quarter
    page.wait_for_url(f"{versions}/2026-q3/{path}")
    assert all(url.startswith(versions) for url in requested)


# The six queries (#15), with and without diacritics, from the query set.
SAMPLE = (
    "ban tổ chức",
    "văn phòng tỉnh ủy",
    "chủ đầu tư",
    "đảng ủy ubnd tỉnh",
    "giải ngân",
    "mỏ cát",
)


@pytest.fixture
def probed(page: Page) -> Page:
    """A page whose search worker's answers the benchmark can time and wait for."""
    page.add_init_script(search_quality.WORKER_PROBE)
    return page


@pytest.mark.parametrize("form", [0, 1], ids=["with-diacritics", "without"])
def test_the_search_box_finds_what_officials_want_in_the_first_three(
    probed: Page, real: str, form: int
) -> None:
    probed.goto(f"{real}/")
    queries = {q.forms[0]: q for q in search_quality.real_queries()}
    ranks = {}
    for wanted in SAMPLE:
        query = queries[wanted]
        found, _ = search_quality.material(probed, query.forms[form])
        ranks[query.forms[form]] = search_quality.rank(found, query.want)
    assert all(r is not None and r <= 3 for r in ranks.values()), ranks


def test_a_result_shows_the_text_as_written_with_the_words_found_marked(
    probed: Page, real: str
) -> None:
    probed.goto(f"{real}/")
    search_quality.material(probed, "giai ngan")
    shown = probed.locator(".md-search-result").inner_html().lower()
    # Typed without diacritics, found and marked with them; never garbled by two marks.
    assert "<mark>giải</mark> <mark>ngân</mark>" in shown
    assert "giai ngan" not in probed.locator(".md-search-result").inner_text().lower()
    assert not re.search(r"<ma<|ark&gt;|<m<", probed.locator(".md-search-result").inner_html())


def test_a_task_result_opens_at_the_task_with_its_words_marked(probed: Page, real: str) -> None:
    probed.goto(f"{real}/")
    found, _ = search_quality.material(probed, "mo cat")
    assert found[0] == "toan-van/#nv-ii-2-6"
    probed.locator(".md-search-result__item > a").first.click()
    probed.wait_for_url(re.compile(r".*/toan-van/\?nv=nv-ii-2-6.*#nv-ii-2-6$"))
    task = probed.locator("#nv-ii-2-6 + .kl-para")
    marked = task.locator("mark").all_inner_texts()
    assert "mỏ" in marked and "cát" in marked
    assert task.evaluate("p => p.getBoundingClientRect().top") < 200  # scrolled to it


def test_keyboard_alone_opens_a_result(probed: Page, real: str) -> None:
    probed.goto(f"{real}/")
    probed.keyboard.press("s")  # Material's shortcut to the search box
    probed.keyboard.type("ban noi chinh")
    # The results of the whole query: those of its first letters may show first, on a
    # busy machine, and the arrow would then choose among them.
    probed.wait_for_selector('.md-search-result__item a[href*="co-quan/ban-noi-chinh/"]')
    probed.keyboard.press("ArrowDown")
    probed.keyboard.press("Enter")
    probed.wait_for_url(re.compile(r".*/co-quan/ban-noi-chinh/.*"))


def test_folding_finds_both_spellings_only_when_typed_without_diacritics(
    page: Page, real: str
) -> None:
    # The site's own search worker, with our lunr language file, on three entries.
    page.goto(f"{real}/")
    found = page.evaluate(
        r"""async (docs) => {
          const config = JSON.parse(document.getElementById("__config").textContent);
          const worker = new Worker(new URL(config.search, document.baseURI));
          const ask = message => new Promise(done => {
            worker.onmessage = event => done(event.data);
            worker.postMessage(message);
          });
          await ask({type: 0, data: {config: {lang: ["vi"], separator: "[\\s\\-]+",
            pipeline: ["stopWordFilter"], fields: {title: {boost: 1000}, text: {boost: 1}}},
            docs, options: {suggest: false}}});
          const out = {};
          for (const q of ["dương", "đường", "duong", "Đường"])
            out[q] = (await ask({type: 2, data: q})).data.items.flat()
              .filter(item => item.score > 0).map(item => item.location).sort();
          return out;
        }""",
        [
            {"location": "a/", "title": "A", "text": "tuyến đường tỉnh"},
            {"location": "b/", "title": "B", "text": "huyện Dương Kinh"},
            {"location": "c/", "title": "C", "text": "nơi khác"},
        ],
    )
    assert found == {"dương": ["b/"], "đường": ["a/"], "duong": ["a/", "b/"], "Đường": ["a/"]}


QUICK_BUILDER_PROBE = r"""async () => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const at = path => JSON.stringify(new URL(path, document.baseURI).href);
  // In a worker, as Material builds it: its worker script (which exposes lunr), then
  // the language files it loads for `lang: vi`.
  const code = `
    importScripts(${at(config.search)});
    importScripts(${at("assets/javascripts/lunr/min/lunr.stemmer.support.min.js")},
                  ${at("assets/javascripts/lunr/min/lunr.vi.min.js")});
    fetch(${at("search/search_index.json")}).then(r => r.json()).then(index => {
      const proto = lunr.Builder.prototype, probe = new lunr.Builder();
      probe.use(lunr.vi);
      const quick = probe.add !== proto.add
        && probe.createFieldVectors !== proto.createFieldVectors;
      const build = lunrs => lunr(function () {
        this.metadataWhitelist = ["position"];
        this.b(0);
        this.use(lunr.vi);
        if (lunrs) {
          this.add = proto.add;
          this.createFieldVectors = proto.createFieldVectors;
        }
        this.ref("location");
        for (const [name, spec] of Object.entries(index.config.fields))
          this.field(name, spec);
        for (const doc of index.docs)
          this.add(doc, {boost: doc.boost});
      });
      const ours = JSON.stringify(build(false)), own = JSON.stringify(build(true));
      postMessage({quick, entries: index.docs.length, chars: own.length, same: ours === own});
    });`;
  const worker = new Worker(URL.createObjectURL(new Blob([code])));
  return await new Promise(done => worker.onmessage = event => done(event.data));
}"""


def test_the_quick_index_builder_builds_the_index_lunr_builds(page: Page, real: str) -> None:
    # lunr.vi replaces two of lunr's Builder steps to build the index sooner (#28): on the
    # real site's entries, both ways give the same index, byte for byte as serialized.
    page.goto(f"{real}/")
    got = page.evaluate(QUICK_BUILDER_PROBE)
    assert got["quick"] is True  # the language file's steps were the ones compared
    assert got["entries"] > 100 and got["chars"] > 100_000, got
    assert got["same"] is True


def test_each_quarter_searches_its_own_pages(probed: Page, versions: str) -> None:
    probed.goto(f"{versions}/2026-q1/")
    found, _ = search_quality.material(probed, "van phong tinh uy")
    assert found and found[0] == "2026-q1/co-quan/van-phong-tinh-uy-mau/"
    assert all(path.startswith("2026-q1/") for path in found)


def test_a_pasted_query_of_a_thousand_wildcards_reaches_search_cut_to_ten_words(
    probed: Page, real: str
) -> None:
    # lunr expands each wildcard over the whole index: a thousand held the tab for 35 s.
    probed.goto(f"{real}/")
    box = probed.locator("input.md-search__input")
    probed.click("input.md-search__input")
    box.fill(" ".join(["a*"] * 1000))
    box.dispatch_event("keyup")
    asked = probed.wait_for_function(
        "() => window.kl_painted && window.kl_painted[0]", timeout=30_000, polling=5
    ).json_value()
    assert asked == " ".join(["a*"] * 10)
    assert box.input_value() == asked


def test_printing_an_agency_page_from_the_browser(
    page: Page, real: str, live_dataset: Dataset
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{real}/")
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
    page.goto(f"{real}/co-quan/ban-noi-chinh/")
    page.screenshot(path=str(ARTIFACTS / "agency.png"), full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / "agency-print-preview.png"), full_page=True)
    pdf = ARTIFACTS / "ban-noi-chinh.pdf"
    pdf.write_bytes(page.pdf(prefer_css_page_size=True))
    sizes = page_sizes(pdf)
    assert sizes and all(size == (595, 842) for size in sizes)
    text = pdf_text(pdf)
    conclusion = next(q for q in live_dataset.quarters if q.key == REAL_QUARTER)
    shown = shown_tasks(text, printed_references(conclusion))
    # Its own, and its collectives' (II, II.1 and IV.1's part; IV.2 through "các cơ quan, đơn
    # vị có liên quan").
    assert shown == assigned()["ban-noi-chinh"] == {"II.1-4", "II", "II.1", "IV.1", "IV.2"}
    assert "Ban Nội chính Tỉnh ủy chủ động, tích cực phối hợp" in " ".join(text.split())
    for shot in ("home.png", "agency.png", "agency-print-preview.png"):
        assert (ARTIFACTS / shot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_deadline_line_is_never_printed_a_page_apart_from_its_card(page: Page, real: str) -> None:
    page.goto(f"{real}/thoi-han/2026-06-30/")  # seven tasks due: several printed pages
    page.emulate_media(media="print")
    pdf = ARTIFACTS / "thoi-han-2026-06-30.pdf"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(page.pdf(prefer_css_page_size=True))
    pages = [p for p in pdf_text(pdf).split("\f") if p.strip()]
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        if "nguyên văn:" in text:
            # The last date line of a page has its card (its "Chủ trì" line) below it.
            assert "Chủ trì" in text.rsplit("nguyên văn:", 1)[1], number


def test_no_request_leaves_the_intranet_host(
    page: Page, real: str, versions: str, requested: list[str]
) -> None:
    page.goto(f"{real}/")
    page.goto(f"{real}/co-quan/dang-uy-ubnd-tinh/")
    search(page, "dang uy")
    page.goto(f"{versions}/2026-q2/co-quan/")
    switch_version(page, "Quý III/2026")
    page.wait_for_url(re.compile(r".*/2026-q3/co-quan/"))
    page.wait_for_load_state("networkidle")
    assert len(requested) > 20
    outside = [u for u in requested if not u.startswith((real, versions, "data:", "blob:"))]
    assert outside == []


@pytest.fixture(scope="module")
def hostile(hostile_site: Path) -> Iterator[str]:
    yield from serve(hostile_site)


def test_markup_lookalikes_run_nothing_in_the_browser(page: Page, hostile: str) -> None:
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    for path in ("", "toan-van/", "co-quan/ban-mau-tinh-uy/"):
        page.goto(f"{hostile}/{path}")
        assert "alert(1)" in page.inner_text("article")  # the attack is on the page, as text
    results = search(page, "ky thuat")  # folded words of the payload: the old hole
    assert results
    page.wait_for_timeout(500)
    injected = page.evaluate(
        "document.querySelectorAll('img[src=\"x\"], [onerror], [onload]').length"
    )
    assert (dialogs, injected) == ([], 0)


# The reader's clock (docs/assets/ketluan-today.js), mocked: deadlines move as days pass.
def _at(page: Page, day: str) -> None:
    page.clock.set_fixed_time(f"{day}T09:00:00")


def _badge(page: Page, due: str) -> str:
    return page.locator(f'.kl-task .kl-today[data-kl-due="{due}"]').first.inner_text()


@pytest.mark.parametrize(
    ("day", "due", "said", "level"),
    [
        ("2026-05-20", "2026-05-31", "còn 11 ngày", ""),
        ("2026-05-28", "2026-05-31", "sắp đến hạn, còn 3 ngày", "vang"),
        ("2026-05-31", "2026-05-31", "đến hạn hôm nay — chưa có báo cáo", "do"),
        ("2026-06-02", "2026-05-31", "đã qua hạn 2 ngày — chưa có báo cáo", "do"),
        ("2026-06-04", "2026-05-31", "đã qua hạn 4 ngày — chưa có báo cáo", "do-dac-biet"),
        # "trước 15/6/2026": the last day is 14/6.
        ("2026-06-14", "2026-06-15", "đến hạn hôm nay — chưa có báo cáo", "do"),
        ("2026-06-15", "2026-06-15", "đã qua hạn 1 ngày — chưa có báo cáo", "do"),
    ],
)
def test_a_deadline_reads_against_the_readers_clock(
    page: Page, real: str, day: str, due: str, said: str, level: str
) -> None:
    # The real data holds no report: every passed deadline says no report came, in
    # words; the warning level is the colour (and the title), not the words.
    _at(page, day)
    page.goto(f"{real}/co-quan/dang-uy-ubnd-tinh/")
    assert _badge(page, due) == said
    badge = page.locator(f'.kl-task .kl-today[data-kl-due="{due}"]').first
    assert (badge.get_attribute("class") or "").split()[-1] == (
        f"kl-today--{level}" if level else "kl-today"
    )
    assert "Vàng" not in said and "Đỏ" not in said


def _visible_dues(page: Page, selector: str) -> list[str]:
    rows = page.locator(f"{selector}:visible")
    return [rows.nth(i).get_attribute("data-kl-due") or "" for i in range(rows.count())]


def _home(page: Page, real: str) -> None:
    # The rows of every deadline come from the site (urls.UPCOMING_ROWS), after load.
    page.goto(f"{real}/")
    page.wait_for_selector("[data-kl-upcoming-ready]", state="attached")


def test_the_home_page_lists_the_next_deadlines_from_today(page: Page, real: str) -> None:
    _at(page, "2026-06-01")
    _home(page, real)
    shown = _visible_dues(page, "[data-kl-upcoming]")
    assert len(shown) >= 8 and all(d >= "2026-06-01" for d in shown)
    assert shown == sorted(shown) and "2026-06-15" in shown
    rows = page.locator("[data-kl-upcoming]")
    every = [rows.nth(i).get_attribute("data-kl-due") or "" for i in range(rows.count())]
    assert shown == [d for d in every if "2026-06-01" <= d <= shown[-1]]  # dates whole
    assert "Tính từ hôm nay, 1/6/2026." in page.inner_text("body")
    # The rows came from thoi-han/sap-toi.html: their links still lead to their pages.
    first = page.locator("[data-kl-upcoming]:visible").first
    href = first.locator("a.kl-date").get_attribute("href") or ""
    assert href == f"{real}/thoi-han/{shown[0]}/"
    first.locator("a.kl-ref").click()
    page.wait_for_url(f"{real}/toan-van/#*")
    # Past the horizon of the list made at the meeting, the deadlines still ahead are
    # shown (each date's whole), and the passed ones with no report are counted, as on
    # the late-items page, with a link to it.
    _at(page, "2026-07-08")
    _home(page, real)
    shown = _visible_dues(page, "[data-kl-upcoming]")
    assert shown and all(d > "2026-07-08" for d in shown) and "2026-12-31" in shown
    assert not page.locator("[data-kl-upcoming-none]").is_visible()
    passed = page.inner_text("[data-kl-passed-count]")
    assert page.locator("[data-kl-passed] a").get_attribute("href") == "viec-cham/"
    page.goto(f"{real}/viec-cham/")
    assert page.inner_text("[data-kl-lapse-count]") == passed and int(passed) > 0
    _at(page, "2027-01-05")
    _home(page, real)
    assert _visible_dues(page, "[data-kl-upcoming]") == []
    assert page.locator("[data-kl-upcoming-none]").is_visible()


def test_without_the_rows_file_the_home_page_says_what_it_said_at_the_meeting(
    page: Page, real: str
) -> None:
    # A page saved to disk, or a server that lost the file: nothing from today is
    # claimed on rows that are not there; the passed ones are still counted.
    page.route("**/thoi-han/sap-toi.html", lambda route: route.abort())
    _at(page, "2026-07-08")
    _home(page, real)
    shown = _visible_dues(page, "[data-kl-upcoming]")
    assert len(shown) >= 8 and shown[0] < "2026-07-08"  # the rows after the meeting
    assert "Tính từ ngày họp, 24/4/2026." in page.inner_text("body")
    assert not page.locator("[data-kl-upcoming-none]").is_visible()
    assert int(page.inner_text("[data-kl-passed-count]")) > 0


def _expected_late(dataset: Dataset, day: str) -> int:
    """(task, deadline) pairs late on `day`, no report in the data: from the data."""
    from datetime import date

    from ketluan.index.status import passed
    from ketluan.model.outline import walk_tasks

    real = next(q for q in dataset.quarters if q.key == REAL_QUARTER)
    as_of = date.fromisoformat(day)
    return sum(
        1
        for task, _chain in walk_tasks(real.sections)
        for d in task.deadlines
        if not d.aim and passed(d, as_of)
    )


@pytest.mark.parametrize("day", ["2026-04-25", "2026-06-01", "2026-07-02"])
def test_the_exception_page_shows_what_is_late_today(
    page: Page, real: str, live_dataset: Dataset, day: str
) -> None:
    _at(page, day)
    page.goto(f"{real}/viec-cham/")
    late = _visible_dues(page, "[data-kl-lapse]")
    expected = _expected_late(live_dataset, day)
    assert len(late) == expected and all(d <= day for d in late)
    assert page.inner_text("[data-kl-lapse-count]") == str(expected)
    assert page.locator("[data-kl-lapse-none]").is_visible() == (expected == 0)
    if expected:
        first = page.locator("[data-kl-lapse]:visible").first
        assert "đã qua hạn" in first.inner_text() and "chưa có báo cáo" in first.inner_text()
        assert "Ban Thường vụ" in first.inner_text()  # the level the text names


def test_without_javascript_the_pages_say_what_they_said_at_the_meeting(
    browser: Browser, real: str
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{real}/co-quan/dang-uy-ubnd-tinh/")
    assert page.locator(".kl-today:visible").count() == 0
    page.goto(f"{real}/viec-cham/")
    assert page.inner_text("[data-kl-lapse-count]") == "0"  # nothing was late on 24/4/2026
    assert page.locator("[data-kl-lapse-none]").is_visible()
    page.goto(f"{real}/")
    # The next eight deadlines after the meeting, and the rest of the last one's date:
    # a date's deadlines are never cut apart.
    shown = _visible_dues(page, "[data-kl-upcoming]")
    rows = page.locator("[data-kl-upcoming]")
    every = [rows.nth(i).get_attribute("data-kl-due") for i in range(rows.count())]
    assert len(shown) >= 8 and shown == [d for d in every if d and d <= shown[-1]]
    assert "Tính từ ngày họp, 24/4/2026." in page.inner_text("body")
    context.close()


def test_the_agency_overview_sorts_and_filters_by_keyboard(page: Page, real: str) -> None:
    page.goto(f"{real}/co-quan/")
    table = page.locator("table.kl-overview")
    column = 1  # "Chủ trì": how many tasks each agency leads

    def values() -> list[int]:
        cells = table.locator(f"tbody tr:visible td:nth-child({column + 1})")
        return [int(cells.nth(i).inner_text()) for i in range(cells.count())]

    button = table.locator("thead th button").nth(column)
    button.focus()
    page.keyboard.press("Enter")
    assert values() == sorted(values())
    assert table.locator("thead th").nth(column).get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Enter")
    assert values() == sorted(values(), reverse=True)
    everyone = table.locator("tbody tr:visible").count()
    page.select_option('[data-kl-filter="group"]', "co-quan-tham-muu")
    groups = table.locator("tbody tr:visible")
    assert 0 < groups.count() < everyone
    assert {groups.nth(i).get_attribute("data-group") for i in range(groups.count())} == {
        "co-quan-tham-muu"
    }


def _contrast_on_white(css_color: str) -> float:
    """WCAG contrast of an rgb()/rgba() colour drawn on white."""
    parts = [float(x) for x in re.findall(r"[\d.]+", css_color)]
    alpha = parts[3] if len(parts) > 3 else 1.0
    channels = [alpha * c + (1 - alpha) * 255 for c in parts[:3]]
    linear = [
        (c / 255 / 12.92) if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4
        for c in channels
    ]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_links_anchors_timeline_and_wide_tables_meet_wcag(page: Page, real: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(f"{real}/co-quan/dang-uy-ubnd-tinh/")
    # Links in running text are told apart by more than colour (1.4.1).
    for selector in (".kl-task__text a.kl-doc", ".kl-task__meta dd a.kl-agency", "td a.kl-date"):
        line = page.eval_on_selector(selector, "a => getComputedStyle(a).textDecorationLine")
        assert "underline" in line, selector
    # The timeline holds links: a group screen readers enter, not an opaque image.
    assert page.get_attribute(".kl-timeline svg", "role") == "group"
    # A table wider than the phone scrolls from the keyboard: its frame takes the focus.
    frame = page.locator(".md-typeset__scrollwrap[tabindex='0'][role='region']").first
    assert "Thời hạn" in (frame.get_attribute("aria-label") or "")
    frame.focus()
    page.keyboard.press("ArrowRight")
    # Chromium scrolls by key smoothly: the frame moves over the next frames.
    page.wait_for_function("f => f.scrollLeft > 0", arg=frame.element_handle(), timeout=3000)
    page.goto(f"{real}/toan-van/")
    color = page.eval_on_selector(".kl-anchor", "a => getComputedStyle(a).color")
    assert _contrast_on_white(color) >= 4.5, color


# What axe-core reports that is Material's own and no override of ours can fix. Empty:
# its search dialog without a name (aria-dialog-name) is named by ketluan-search.js.
KNOWN_MATERIAL: frozenset[str] = frozenset()


def _axe_violations(page: Page) -> list[tuple[str, int, str]]:
    result = Axe().run(page).response
    return [
        (v["id"], len(v["nodes"]), str(v["nodes"][0]["target"]))
        for v in result["violations"]
        if v["id"] not in KNOWN_MATERIAL
    ]


@pytest.mark.parametrize(
    "path",
    [
        "",
        "co-quan/dang-uy-ubnd-tinh/",
        "thoi-han/2026-06-30/",
        "van-ban/57-nq-tw-2024/",
        "toan-van/",
        "co-quan/",
        "chi-tieu/",
    ],
)
def test_axe_finds_nothing_on_the_real_site(page: Page, real: str, path: str) -> None:
    page.goto(f"{real}/{path}")
    assert _axe_violations(page) == []


def test_axe_finds_nothing_in_the_search_results(probed: Page, real: str) -> None:
    probed.goto(f"{real}/")
    search_quality.material(probed, "giai ngan")
    assert _axe_violations(probed) == []


@pytest.mark.parametrize("path", ["", "co-quan/", "thoi-han/", "van-ban/"])
def test_axe_finds_nothing_on_the_fictional_site_on_a_phone(
    page: Page, versions: str, path: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{versions}/2026-q2/{path}")
    first = page.locator(".md-typeset a.kl-agency, .md-typeset a.kl-date").first
    if path and first.count():
        first.click()  # and the agency's or the date's own page
        page.wait_for_load_state("load")
    assert _axe_violations(page) == []


def test_on_a_phone_timeline_labels_stay_legible_and_targets_do_not_wrap_per_word(
    page: Page, real: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{real}/")
    label = page.locator(".kl-timeline .kl-tl-label").first
    assert label.evaluate("t => t.getBoundingClientRect().height") >= 10  # was about 5 px
    page.goto(f"{real}/chi-tieu/")
    first = page.locator(".kl-targets td").first
    assert first.evaluate("td => td.getBoundingClientRect().width") >= 150
    frame = page.locator(".kl-targets .md-typeset__scrollwrap")
    assert frame.get_attribute("tabindex") == "0"  # it scrolls, by keyboard too


_LABEL_OVERLAPS = """() => {
  const found = [];
  for (const svg of document.querySelectorAll('.kl-timeline svg')) {
    const width = svg.viewBox.baseVal.width;
    const boxes = [...svg.querySelectorAll('.kl-tl-label')].map(t => [t.textContent, t.getBBox()]);
    for (const [text, b] of boxes) if (b.x < 0 || b.x + b.width > width) found.push(text + ' cut');
    boxes.forEach(([ta, a], i) => boxes.slice(i + 1).forEach(([tb, b]) => {
      const apart = a.x >= b.x + b.width || b.x >= a.x + a.width
        || a.y >= b.y + b.height || b.y >= a.y + a.height;
      if (!apart) found.push(ta + ' / ' + tb);
    }));
  }
  return found;
}"""


def test_timeline_date_labels_never_overlap_nor_leave_the_drawing(
    page: Page, versions: str
) -> None:
    # The fictional quarters' deadlines fall close together (every few days): their
    # labels must all be readable, measured as the browser draws them.
    page.goto(f"{versions}/2026-q2/co-quan/")
    agencies = page.eval_on_selector_all(
        ".md-typeset a.kl-agency", "links => links.slice(0, 12).map(a => a.href)"
    )
    pages = [f"{versions}/{q}/" for q in ("2026-q1", "2026-q2", "2026-q3")] + agencies
    drawn = 0
    for url in pages:
        page.goto(url)
        drawn += page.locator(".kl-timeline .kl-tl-label").count()
        assert page.evaluate(_LABEL_OVERLAPS) == [], url
    assert drawn > 20  # enough close dates to overlap when laid out carelessly


@pytest.mark.parametrize("day", ["2026-04-26", "2026-07-06", "2026-12-31"])
def test_the_overview_counts_by_todays_clock_as_the_late_items_page(
    page: Page, real: str, day: str
) -> None:
    _at(page, day)
    page.goto(f"{real}/viec-cham/")
    rows = page.locator("[data-kl-lapse]:visible")
    late: dict[str, set[str]] = {}
    for i in range(rows.count()):
        row = rows.nth(i)
        task = row.locator("a.kl-ref").first.get_attribute("href") or ""
        for agency in (row.get_attribute("data-kl-leads") or "").split():
            late.setdefault(agency, set()).add(task)
    page.goto(f"{real}/co-quan/")
    counted: dict[str, int] = {}
    table = page.locator("table.kl-overview tbody tr")
    for i in range(table.count()):
        row = table.nth(i)
        agency = (row.locator("a").get_attribute("href") or "").rstrip("/").split("/")[-1]
        counted[agency] = int(row.locator('[data-kl-count="passed"]').inner_text())
    assert {a: n for a, n in counted.items() if n} == {a: len(t) for a, t in late.items()}
    assert f"Tính đến hôm nay, {_vi(day)}" in page.inner_text("[data-kl-overview-note]")
    # "Only overdue": the agencies with something late today, or a message saying none.
    page.check('[data-kl-filter="overdue"]')
    shown = page.locator("table.kl-overview tbody tr:visible").count()
    assert shown == len(late)
    assert page.locator("[data-kl-filter-none]").is_visible() == (shown == 0)


def _vi(day: str) -> str:
    year, month, date_ = day.split("-")
    return f"{int(date_)}/{int(month)}/{year}"


def test_the_overview_draws_each_agencys_tasks_by_state_for_today(page: Page, real: str) -> None:
    def width(segment: str) -> float:
        rect = page.locator(f'[data-kl-bar="dang-uy-ubnd-tinh"] .kl-seg--{segment}')
        return float(rect.get_attribute("width") or "0") if rect.count() else 0.0

    row = 'tr[data-kl-agency="dang-uy-ubnd-tinh"]'
    # At the meeting nothing had passed: the bar is all "not yet due".
    _at(page, "2026-04-25")
    page.goto(f"{real}/co-quan/")
    widest = int(page.locator("[data-kl-widest]").get_attribute("data-kl-widest") or "1")
    led = int(page.locator(f"{row} td").nth(1).inner_text())
    assert width("passed") == 0 and abs(width("rest") - 300 * led / widest) < 0.2
    _at(page, "2026-07-06")
    page.goto(f"{real}/co-quan/")
    passed = int(page.inner_text(f'{row} [data-kl-count="passed"]'))
    assert passed > 0 and abs(width("passed") - 300 * passed / widest) < 0.2
    assert abs(width("passed") + width("rest") - 300 * led / widest) < 0.5
    assert "tính đến hôm nay, 6/7/2026" in page.inner_text("[data-kl-bars-day]")
    # The communes are one bar: a hundred of them would not be read one by one.
    assert page.locator('[data-kl-bar="cap-xa"]').count() == 1
    assert Axe().run(page).violations_count == 0


def test_the_late_items_fit_a_phone_and_the_targets_a_laptop(browser: Browser, real: str) -> None:
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.clock.set_fixed_time("2026-07-06T09:00:00")
    page.goto(f"{real}/viec-cham/")
    row = page.locator("[data-kl-lapse]:visible").first
    box = row.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    label = row.locator("td").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert "Nhiệm vụ" in label
    phone.close()
    laptop = browser.new_context(viewport={"width": 1366, "height": 768})
    page = laptop.new_page()
    page.goto(f"{real}/chi-tieu/")
    frame = page.locator(".md-typeset__scrollwrap").first
    assert frame.evaluate("f => f.scrollWidth <= f.clientWidth + 1"), "targets table scrolls"
    laptop.close()


def test_a_link_to_a_task_on_a_long_texts_first_page_goes_on_to_its_page(
    page: Page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first page's anchors as the template writes them for a text cut into pages
    # (text_parts.py), with the site's own script; the task on the second page.
    monkeypatch.setattr(text_parts, "TEXT_TASKS", 12)
    index = build_index(validate_text(dump(generate(FICTIONAL_SCALE)), "mau.yml"))
    first = SitePages(index).full_text(urls.FULL_TEXT)
    moved = re.search(r'<div class="kl-moved" hidden>.*?</div>', first)
    assert moved is not None
    anchor, there = re.findall(r'id="([^"]+)" data-kl-moved="([^"]+)"', moved.group())[-1]
    assert there.startswith("../toan-van/trang-")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets/ketluan-search.js").write_bytes(
        (REPO / "docs/assets/ketluan-search.js").read_bytes()
    )
    script = '<script src="../../assets/ketluan-search.js"></script>'
    for path, body in (
        ("toan-van", f"<p id='top'>trang 1</p>{moved.group()}{script.replace('../../', '../')}"),
        (there.removeprefix("../").split("#")[0], f"<h4 id='{anchor}'>nhiệm vụ</h4>{script}"),
    ):
        (tmp_path / path).mkdir(parents=True, exist_ok=True)
        (tmp_path / path / "index.html").write_text(
            f"<!doctype html><meta charset=utf-8><title>t</title>{body}", encoding="utf-8"
        )
    for origin in serve(tmp_path):
        target = f"{origin}/{there.removeprefix('../')}"
        page.goto(f"{origin}/toan-van/#{anchor}")
        page.wait_for_url(target)
        # A link within the first page, followed after it opened, goes on as well.
        page.goto(f"{origin}/toan-van/#top")
        page.evaluate(f"location.hash = '#{anchor}'")
        page.wait_for_url(target)
        # An anchor the page holds itself stays.
        page.goto(f"{origin}/toan-van/#top")
        assert page.url.endswith("/toan-van/#top")
