"""Benchmark: how well the site's search finds what officials type (issue #15; not a test).

Builds the real site (or takes a built one), serves it on 127.0.0.1 and types each query
of `benchmarks/search_queries.yml` into Material's search box in headless Chromium, with
and without diacritics. Prints, per query, the rank of the first result that is a page
the query wants (a task's anchor where it names one), then for both forms: the share in
the top 3, the mean reciprocal rank, and the median time from typing to results.

    .venv/bin/python benchmarks/search_quality.py [--site SITE_DIR]
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from playwright.sync_api import Page, sync_playwright

from macros.postbuild.pdf import CHROMIUM_ARGS, find_chromium

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "benchmarks" / "search_queries.yml"
SHOWN = 10  # results a reader looks at


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build(folder: Path) -> Path:
    """The real data's site, built into `folder`."""
    env = {**os.environ, "KETLUAN_PDF": "0", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(folder)]
    subprocess.run(command, cwd=REPO, env=env, check=True)
    return folder


def results(page: Page, origin: str, query: str) -> tuple[list[str], float]:
    """The site paths ("co-quan/ban-to-chuc/", "toan-van/#nv-ii-2-6") of the results
    shown for `query`, and the seconds from the last keystroke to their showing."""
    box = page.locator("input.md-search__input")
    page.click("input.md-search__input")
    box.fill("")
    page.wait_for_timeout(100)
    box.press_sequentially(query[:-1], delay=15)
    start = time.perf_counter()
    box.press_sequentially(query[-1])
    try:
        page.wait_for_selector(".md-search-result__item", timeout=5_000)
    except Exception:  # nothing found: no result list
        return [], time.perf_counter() - start
    seconds = time.perf_counter() - start
    page.wait_for_timeout(300)  # the list is filled in steps
    links = page.locator(".md-search-result__item > a")
    out = []
    for i in range(min(links.count(), SHOWN)):
        href = links.nth(i).get_attribute("href") or ""
        parts = urlsplit(urljoin(page.url, href))
        path = parts.path.removeprefix("/")
        out.append(path + (f"#{parts.fragment}" if parts.fragment else ""))
    return out, seconds


def rank(found: list[str], want: list[str]) -> int | None:
    """1-based rank of the first result a reader wants, or None."""
    for n, path in enumerate(found, start=1):
        page, _, anchor = path.partition("#")
        for wanted in want:
            w_page, _, w_anchor = wanted.partition("#")
            if page == w_page and (not w_anchor or anchor == w_anchor):
                return n
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=None, help="a built site to search")
    args = parser.parse_args()
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build(Path(tmp) / "site")
        handler = functools.partial(_Quiet, directory=str(site))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        chromium = find_chromium()
        if chromium is None:
            raise SystemExit("Chromium is needed: .ci/system-deps installs it")
        ranks: dict[int, list[int | None]] = {0: [], 1: []}
        times: dict[int, list[float]] = {0: [], 1: []}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(locale="vi-VN")
            page.goto(f"{origin}/")
            print(f"{'query (with diacritics / without)':<52} {'rank':>5} {'rank':>5}")
            for item in queries:
                row = []
                for form, query in enumerate(item["query"]):
                    found, seconds = results(page, origin, query)
                    r = rank(found, item["want"])
                    ranks[form].append(r)
                    times[form].append(seconds)
                    row.append("–" if r is None else str(r))
                label = " / ".join(item["query"])
                print(f"{label:<52} {row[0]:>5} {row[1]:>5}")
            browser.close()
        server.shutdown()
    print()
    for form, name in ((0, "with diacritics"), (1, "without diacritics")):
        got = ranks[form]
        top3 = sum(1 for r in got if r is not None and r <= 3) / len(got)
        mrr = sum(1 / r for r in got if r) / len(got)
        median = statistics.median(times[form])
        print(f"{name:<20} top-3 {100 * top3:5.1f} %   MRR {mrr:.3f}   median {median:.2f} s")
    with_mrr = sum(1 / r for r in ranks[0] if r) / len(ranks[0])
    without_mrr = sum(1 / r for r in ranks[1] if r) / len(ranks[1])
    if with_mrr:
        print(f"without / with (MRR): {100 * without_mrr / with_mrr:.0f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
