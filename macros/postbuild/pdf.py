"""Print pages of the built site to A4 PDF with headless Chromium (via Playwright).

Chromium comes from the system (Debian's `chromium`), never downloaded; without it, or
without Playwright, the site is built all the same and says why it has no PDFs.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Flags for a sandboxed machine with no network: no background requests, fresh profile.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_UNLINK = "for (const a of document.querySelectorAll('a[href]')) a.removeAttribute('href')"
_NODE_ID = re.compile(rb"node\d{6,}")
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) ?\(D:\d{14}[^)]*\)")


@dataclass(frozen=True, slots=True)
class PrintJob:
    """One page of the built site to print, and where the PDF goes."""

    html: Path
    pdf: Path
    title: str  # the PDF's title: agency and quarter


def find_chromium() -> str | None:
    """The Chromium executable: $KETLUAN_CHROMIUM, or one on PATH."""
    given = os.environ.get("KETLUAN_CHROMIUM")
    if given:
        return given if Path(given).exists() else None
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


def wanted(setting: object) -> bool:
    """Whether the `pdf` setting (mkdocs.yml's, from KETLUAN_PDF) asks for PDFs."""
    return str(setting).lower() not in ("0", "false")


def unavailable() -> str | None:
    """Why PDFs cannot be made here (in Vietnamese, for the build log), or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "chưa cài gói playwright (pip install playwright)"
    if find_chromium() is None:
        return "không tìm thấy Chromium (apt-get install chromium, hoặc đặt KETLUAN_CHROMIUM)"
    return None


def fix_dates(pdf: bytes, when: datetime) -> bytes:
    """Replace the print time in the PDF's metadata, so that the same site gives the
    same bytes (the build's SOURCE_DATE_EPOCH, not the clock)."""
    stamp = when.strftime("D:%Y%m%d%H%M%S+00'00'").encode()
    return _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (" + stamp + b")", pdf)


def fix_node_ids(pdf: bytes) -> bytes:
    """Number the tagged structure's element ids from 1, in their own order.

    Chromium names them after its DOM node counter ("node00000181"), which differs
    from one browser run to another. Same width and same order keep every byte offset
    and the sorted id tree valid; only the numbers change.
    """
    found = sorted(set(_NODE_ID.findall(pdf)))
    width = {len(n) for n in found}
    if len(width) != 1:  # not the uniform width this relies on: leave the file as it is
        return pdf
    digits = width.pop() - len(b"node")
    renamed = {old: b"node" + str(i).zfill(digits).encode() for i, old in enumerate(found, 1)}
    return _NODE_ID.sub(lambda m: renamed[m.group()], pdf)


# Pages printing at once, in one browser: Chromium lays out and prints each in its own
# tab, so the machine's cores share the work (2 cores: about half the time).
PRINTERS = max(2, min(4, os.cpu_count() or 2))

# Put another page of the site into the tab that printed the last one: only the body
# changes, so the browser neither opens a document nor rebuilds its style rules, which
# were most of a page's cost (the PDF's text and pixels are the same). Only when the
# pages' style sheets are the same and the new body fetches nothing (links are removed
# before printing and scripts do not run); otherwise returns false and the page is
# opened as a document of its own, so that every address resolves from its own place.
_SWAP_BODY = """html => {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const sheets = d => [...d.head.querySelectorAll('link[rel=stylesheet], style')]
    .map(e => e.href || e.textContent).join('\\n');
  const fetches = '[src]:not(script), [srcset], [poster], [data], [background], '
    + 'link, use, image, [style*="url("]';
  if (sheets(doc) !== sheets(document) || doc.body.querySelector(fetches)) return false;
  for (const a of [...document.body.attributes]) document.body.removeAttribute(a.name);
  for (const a of doc.body.attributes) document.body.setAttribute(a.name, a.value);
  document.body.replaceChildren(...doc.body.childNodes);
  return true;
}"""


def print_pages(
    jobs: Iterable[PrintJob],
    when: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Print every job to A4 PDF with one browser, PRINTERS pages at a time; returns
    how many were printed. `progress(done, total)` is told after each one."""
    chromium = find_chromium()
    assert chromium is not None, "call unavailable() first"
    return asyncio.run(_print_all(chromium, list(jobs), when, progress or (lambda d, t: None)))


async def _print_all(
    chromium: str, jobs: list[PrintJob], when: datetime, progress: Callable[[int, int], None]
) -> int:
    from playwright.async_api import Page, Route, async_playwright

    async def local_only(route: Route) -> None:
        # The site is local files; nothing may be fetched from anywhere else.
        if route.request.url.startswith("file://"):
            await route.continue_()
        else:
            await route.abort()

    async def open_page(page: Page, job: PrintJob) -> None:
        if page.url.startswith("file://"):
            html = job.html.read_text(encoding="utf-8")
            # The page's text is handed over as a value, never as code.
            if await page.evaluate(_SWAP_BODY, html):
                return
        await page.goto(job.html.resolve().as_uri(), wait_until="load")

    async def print_one(page: Page, job: PrintJob) -> None:
        await open_page(page, job)
        # Chromium turns every link into an absolute file:// address of the build
        # folder: the builder's paths would leak into the PDF, and the same quarter
        # published from another folder would give other bytes. On paper links are
        # plain words anyway.
        await page.evaluate(_UNLINK)
        # The title is data: handed to the page as a value, never as code.
        await page.evaluate("title => { document.title = title; }", job.title)
        # Bookmarks from the headings (one per agency and section in the bundle), and a
        # tagged PDF that screen readers can follow.
        pdf = await page.pdf(
            prefer_css_page_size=True, print_background=False, outline=True, tagged=True
        )
        job.pdf.write_bytes(fix_node_ids(fix_dates(pdf, when)))

    # The longest first (the print bundle holds every agency), so that no printer is
    # left with it while the others are idle.
    waiting = iter(sorted(jobs, key=lambda job: -job.html.stat().st_size))
    done = 0

    async def printer(context: Any) -> None:
        nonlocal done
        page = await context.new_page()
        await page.emulate_media(media="print")
        for job in waiting:
            await print_one(page, job)
            done += 1
            progress(done, len(jobs))
        await page.close()

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            # No script runs: none of them prints (search, tabs, today's badges, sorting),
            # and loading them was the largest part of opening a page.
            context = await browser.new_context(java_script_enabled=False)
            await context.route("**/*", local_only)
            await asyncio.gather(*(printer(context) for _ in range(min(PRINTERS, len(jobs)))))
        finally:
            await browser.close()
    return len(jobs)
