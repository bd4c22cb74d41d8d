"""Benchmark: how well the site's search finds what officials type (issue #15; not a test).

Builds the real site and the fictional four-quarter site at each `--scales` (1× is a
province's year), serves each on 127.0.0.1, and types every query, with and without
diacritics, into Material's search box in headless Chromium: the real site's queries
are `benchmarks/search_queries.yml`, the fictional site's are drawn from its data
(`fictional_queries`). With `--engines lunr pagefind`, Pagefind 1.5 (pip install
"ketluan[bench]") indexes the same built pages and answers the same queries through
its JavaScript API, for comparison.

A result counts where a reader sees it: Material shows, per page, its best entries and
folds the others away; a page's header shown only as the heading of its entries (score
0) is not a result. Pagefind's results are flattened as its UI shows them: per page, up
to three of its sub-results.

Prints, per site and engine: the rank of each query's first wanted result (with
--verbose), the share of queries answered in the top 3 and the mean reciprocal rank,
with and without diacritics and their ratio; the median and slowest time from the last
keystroke to results, the first query's time after the page opened (Material builds
its index then; the query is typed at once, 15 ms a letter), how long after the page's
load event the index was ready (the earliest a query can be answered), and the index's
size gzipped.

    .venv/bin/python benchmarks/search_quality.py [--scales 1 4] [--engines lunr pagefind]
        [--site SITE_DIR] [--verbose] [--directives] [--quarters 40] [--tasks 1000]
        [--firsts 7]

`--quarters 40` searches the newest of ten years; `--tasks 1000` gives each conclusion a
thousand tasks (as `build_site.py`). The first query's time varies most from one
opening to the next (0.2–0.5 s at 4× on these machines): `--firsts 7` opens the page
seven times and prints the median, lowest and highest, of it and of the index's
readiness.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import yaml
from playwright.sync_api import Browser, Page, sync_playwright

from ketluan.fictional import Scale, dump, generate
from ketluan.index.site_index import build_index
from ketluan.load import load
from ketluan.model.outline import walk_tasks
from ketluan.outputs.pdf import CHROMIUM_ARGS, find_chromium
from ketluan.render import urls
from ketluan.text.vietnamese import fold

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "benchmarks" / "search_queries.yml"
SHOWN = 10  # results a reader looks at
FICTIONAL_EACH = 8  # queries drawn per kind (agency, topic) from the fictional data
EARLIER_FULL_TEXT = re.compile(r"^toan-van/\d{4}-q\d/")


@dataclass(frozen=True)
class Query:
    """One question, as typed with and without diacritics, and what answers it."""

    forms: tuple[str, str]
    want: tuple[str, ...]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build(folder: Path, data: Path | None = None) -> Path:
    """A site built into `folder`: the real data's, or `data`'s."""
    env = {**os.environ, "KETLUAN_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
    if data is not None:
        env["KETLUAN_DATA"] = str(data)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(folder)]
    subprocess.run(command, cwd=REPO, env=env, check=True)
    return folder


def real_queries() -> list[Query]:
    """The query set written for the real conclusion."""
    items = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    return [Query((i["query"][0], i["query"][1]), tuple(i["want"])) for i in items]


# What an official types of each fictional topic (each is part of one of vocab.TOPICS).
FICTIONAL_TOPICS = (
    "giải ngân vốn",
    "dịch vụ công trực tuyến",
    "chuyển đổi số",
    "giải phóng mặt bằng",
    "môi trường đầu tư",
    "đất dôi dư",
    "tham nhũng",
    "rác thải sinh hoạt",
    "sức khỏe nhân dân",
    "bồi dưỡng cán bộ",
    "an toàn xã hội",
    "khiếu nại",
)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w/]+", " ", text.lower()).split())


def fictional_queries(data: Path, seed: int = 0) -> list[Query]:
    """Queries drawn from a fictional data file as an official would type them: agency
    names (their page), topics (every task of the newest quarter saying it), document
    symbols (their page), deadline dates as "d/m" (their page); each with diacritics
    and without."""
    rng = random.Random(seed)
    index = build_index(load(data))
    conclusion = index.conclusion
    texts = {t.anchor: _words(t.text) for t, _ in walk_tasks(conclusion.sections)}
    out: list[Query] = []

    def add(query: str, want: Sequence[str]) -> None:
        if want:
            out.append(Query((query, fold(query).lower()), tuple(want)))

    named = [v.agency for v in index.agencies.values() if v.binding_count]
    for agency in rng.sample(named, min(FICTIONAL_EACH, len(named))):
        add(agency.name, [urls.agency(agency.id)])
    documents = [v.document for v in index.documents.values()]
    for topic in rng.sample(FICTIONAL_TOPICS, FICTIONAL_EACH):
        tasks = [f"#{a}" for a, text in texts.items() if _words(topic) in text]
        # A document named after the topic ("Kế hoạch … về công tác giải ngân …") too.
        named_after = [
            urls.document(d.id) for d in documents if _words(topic) in _words(d.title or "")
        ]
        add(topic, tasks + named_after)
    cited = [v.document for v in index.documents.values() if v.document.symbol and v.citing]
    for doc in rng.sample(cited, min(4, len(cited))):
        add(str(doc.symbol), [urls.document(doc.id)])
    days = sorted(
        {
            d.deadline.date
            for e in index.by_date.values()
            for d in e
            if d.entry.conclusion is conclusion
        }
    )
    for day in rng.sample(days, min(4, len(days))):
        add(f"{day.day}/{day.month}", [urls.deadline(day)])
    return out


def rank(found: list[str], want: Sequence[str]) -> int | None:
    """1-based rank of the first result a reader wants, or None. A want "#nv-x" is that
    task of the version's own quarter on any page (not an earlier quarter's namesake)."""
    for n, path in enumerate(found, start=1):
        page, _, anchor = path.partition("#")
        for wanted in want:
            w_page, _, w_anchor = wanted.partition("#")
            if not w_page:
                if anchor == w_anchor and not EARLIER_FULL_TEXT.match(page):
                    return n
            elif page == w_page and (not w_anchor or anchor == w_anchor):
                return n
    return None


def site_path(href: str, base: str) -> str:
    """A result's link as a site path with its task: "toan-van/#nv-ii-2-6" for both
    "../toan-van/?nv=nv-ii-2-6&h=mo+cat" and "/toan-van/#nv-ii-2-6"."""
    parts = urlsplit(urljoin(base, href))
    path = parts.path.removeprefix("/")
    anchor = parts.fragment or parse_qs(parts.query).get("nv", [""])[0]
    return path + (f"#{anchor}" if anchor else "")


# Installed before Material's scripts run: note when the search worker answers which
# query (Material's messages: 2 is a query, 3 its result), and when that was painted.
WORKER_PROBE = """(() => {
  const Native = window.Worker;
  window.Worker = function (...args) {
    const worker = new Native(...args);
    const post = worker.postMessage.bind(worker);
    const asked = [];  // the worker answers queries one by one, in order
    worker.postMessage = (message, ...rest) => {
      if (message && message.type === 2) asked.push(message.data);
      return post(message, ...rest);
    };
    worker.addEventListener("message", event => {
      if (event.data && event.data.type === 1) window.kl_ready = performance.now();
      if (event.data && event.data.type === 3) {
        const answered = asked.shift();
        requestAnimationFrame(() => {
          window.kl_painted = [answered, performance.now()];
        });
      }
    });
    return worker;
  };
  window.Worker.prototype = Native.prototype;
  addEventListener("load", () => { window.kl_load = performance.now(); });
})();"""
# Seconds from the page's load event to the worker's index being ready (its READY).
READY_AFTER_LOAD = "() => (window.kl_ready - window.kl_load) / 1000"


def material(page: Page, query: str) -> tuple[list[str], float]:
    """The results Material's search box shows for `query`, typed, and the seconds
    from the last keystroke to their being painted."""
    box = page.locator("input.md-search__input")
    page.click("input.md-search__input")
    box.fill("")
    page.wait_for_timeout(100)
    box.press_sequentially(query[:-1], delay=15)
    page.evaluate(
        """() => { window.kl_painted = null;
        document.querySelector("input.md-search__input").addEventListener("input",
          () => { window.kl_key = performance.now(); }, { once: true }); }"""
    )
    box.press_sequentially(query[-1])
    # Material reads the box on keyup; Playwright types a letter no keyboard key
    # makes ("ư") as inserted text, with no keyup, as an input method would not.
    box.dispatch_event("keyup")
    painted = page.wait_for_function(
        "q => window.kl_painted && window.kl_painted[0].trim() === q.trim()"
        " && window.kl_painted[1] - window.kl_key",
        arg=query,
        timeout=30_000,
        polling=5,
    ).json_value()
    page.wait_for_timeout(150)  # the list is filled in steps
    links = page.eval_on_selector_all(
        ".md-search-result__item > a",
        "els => els.map(a => [a.getAttribute('href'),"
        " Number(a.querySelector('article').dataset.mdScore)])",
    )
    found = [site_path(href, page.url) for href, score in links if score > 0]
    return found[:SHOWN], float(painted) / 1000


PAGEFIND_JS = """async (q) => {
  window.kl_pf = window.kl_pf || await import("/pagefind/pagefind.js");
  const start = performance.now();
  const search = await window.kl_pf.search(q);
  const data = await Promise.all(search.results.slice(0, 5).map(r => r.data()));
  const seconds = (performance.now() - start) / 1000;
  const rest = await Promise.all(search.results.slice(5, 10).map(r => r.data()));
  return [seconds, data.concat(rest).map(d =>
    (d.sub_results.length ? d.sub_results.slice(0, 3).map(s => s.url) : [d.url]))];
}"""


def pagefind(page: Page, query: str) -> tuple[list[str], float]:
    """Pagefind's results for `query`, flattened as its UI shows them, and the seconds
    its search and the first five results' data took."""
    seconds, groups = page.evaluate(PAGEFIND_JS, query)
    found = [site_path(u, page.url) for group in groups for u in group]
    return found[:SHOWN], seconds


def index_pagefind(site: Path) -> float:
    """Index a built site with Pagefind (the print bundle left out, as from Material's
    index); the seconds it took."""
    shutil.rmtree(site / "ban-in", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--root-selector",
            "article.md-content__inner",
            "--quiet",
        ],
        check=True,
    )
    return time.perf_counter() - start


def index_size(site: Path, engine: str) -> int:
    """Bytes of the search index as served gzipped (Pagefind's files are compressed
    already, and a query fetches only some of them)."""
    if engine == "lunr":
        return len(gzip.compress((site / "search/search_index.json").read_bytes(), 6))
    return sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file())


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The site on an ephemeral port of 127.0.0.1."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def measure(
    browser: Browser,
    site: Path,
    engine: str,
    queries: list[Query],
    verbose: bool,
    firsts: int = 1,
) -> dict[str, Any]:
    """Ranks and times of every query on one site with one engine; the first query's
    time on `firsts` freshly opened pages (its median, and the lowest and highest)."""
    ranks: dict[int, list[int | None]] = {0: [], 1: []}
    times: list[float] = []
    ask = material if engine == "lunr" else pagefind
    with served(site) as origin:
        page = browser.new_page(locale="vi-VN")
        page.add_init_script(WORKER_PROBE)
        page.goto(f"{origin}/")
        _, first = ask(page, queries[0].forms[1])
        ready = [page.evaluate(READY_AFTER_LOAD)] if engine == "lunr" else []
        for q in queries:
            row = []
            for form, text in enumerate(q.forms):
                found, seconds = ask(page, text)
                r = rank(found, q.want)
                ranks[form].append(r)
                times.append(seconds)
                row.append("–" if r is None else str(r))
            if verbose:
                print(f"  {' / '.join(q.forms)[:60]:<60} {row[0]:>3} {row[1]:>3}")
        page.close()
        opened = [first]
        for _ in range(firsts - 1):
            # A page of its own each time: Material's worker builds the index anew.
            context = browser.new_context(locale="vi-VN")
            again = context.new_page()
            again.add_init_script(WORKER_PROBE)
            again.goto(f"{origin}/")
            opened.append(ask(again, queries[0].forms[1])[1])
            if engine == "lunr":
                ready.append(again.evaluate(READY_AFTER_LOAD))
            context.close()
    out: dict[str, Any] = {
        "first": statistics.median(opened),
        "firsts": (min(opened), max(opened)),
        "ready": ready,
        "median": statistics.median(times),
        "max": max(times),
    }
    for form in (0, 1):
        got = ranks[form]
        out[f"top3_{form}"] = sum(1 for r in got if r is not None and r <= 3) / len(got)
        out[f"mrr_{form}"] = sum(1 / r for r in got if r) / len(got)
    out["size"] = index_size(site, engine)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", type=float, nargs="*", default=[1, 4])
    parser.add_argument("--engines", nargs="+", default=["lunr"], choices=["lunr", "pagefind"])
    parser.add_argument("--site", type=Path, default=None, help="a built site of the real data")
    parser.add_argument("--no-real", action="store_true", help="only the fictional sites")
    parser.add_argument("--verbose", action="store_true", help="each query's ranks")
    parser.add_argument(
        "--directives",
        action="store_true",
        help="the fictional year with a province's other directives (about 50 a year at 1×)",
    )
    parser.add_argument(
        "--quarters", type=int, default=4, help="quarters of history (the newest is searched)"
    )
    parser.add_argument(
        "--tasks", type=int, help="tasks per quarterly conclusion (default: 150 at 1×)"
    )
    parser.add_argument(
        "--firsts",
        type=int,
        default=1,
        help="open the page this many times for the first query (it varies most)",
    )
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("Chromium is needed: .ci/system-deps installs it")
    print(
        f"{'site':<16} {'engine':<9} {'n':>3} {'top-3 á/a %':>12} {'MRR á/a':>12} {'ratio':>6}"
        f" {'median s':>9} {'max s':>6} {'first s':>8} {'index KB gz':>12}"
    )
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        sites: list[tuple[str, Path, list[Query]]] = []
        if not args.no_real:
            real = args.site or build(Path(tmp) / "real")
            sites.append(("real", real, real_queries()))
        for k in args.scales:
            data = Path(tmp) / f"mau-{k:g}.yml"
            make = Scale.province_year if args.directives else Scale.times
            scale = make(k, quarters=args.quarters)
            if args.tasks:
                scale = replace(scale, tasks_per_quarter=args.tasks)
            data.write_text(dump(generate(scale)), encoding="utf-8")
            sites.append(
                (
                    f"fictional {k:g}×",
                    build(Path(tmp) / f"mau-{k:g}", data),
                    fictional_queries(data),
                )
            )
        for name, site, queries in sites:
            for engine in args.engines:
                note = ""
                if engine == "pagefind":
                    copy = Path(tmp) / f"pf-{name.replace(' ', '-')}"
                    shutil.copytree(site, copy, dirs_exist_ok=True)
                    note = f"  (indexed in {index_pagefind(copy):.1f} s)"
                    site = copy
                if args.verbose:
                    print(f"{name} · {engine}:")
                m = measure(browser, site, engine, queries, args.verbose, args.firsts)
                ratio = m["mrr_1"] / m["mrr_0"] if m["mrr_0"] else 0.0
                print(
                    f"{name:<16} {engine:<9} {len(queries):>3}"
                    f" {100 * m['top3_0']:>5.1f}/{100 * m['top3_1']:<5.1f}"
                    f" {m['mrr_0']:>5.3f}/{m['mrr_1']:<5.3f} {100 * ratio:>5.0f}%"
                    f" {m['median']:>9.3f} {m['max']:>6.2f} {m['first']:>8.2f}"
                    f" {m['size'] / 1024:>12.0f}{note}",
                    flush=True,
                )
                if args.firsts > 1:
                    low, high = m["firsts"]
                    print(f"{'':<16} first query over {args.firsts} pages: {low:.2f}–{high:.2f} s")
                if m["ready"]:
                    ready = m["ready"]
                    print(
                        f"{'':<16} index ready after the page's load: median"
                        f" {statistics.median(ready):.2f} s, {min(ready):.2f}–{max(ready):.2f} s"
                    )
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
