"""Print pages of the built site to A4 PDF with headless Chromium (via Playwright).

Chromium comes from the system (Debian's `chromium`), never downloaded; without it, or
without Playwright, the site is built all the same and says why it has no PDFs.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import threading
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
# were most of a page's cost (the PDF is the same, byte for byte). Only when the
# pages' style sheets are the same and the new body fetches nothing (links are removed
# before printing and scripts do not run); otherwise returns false and the page is
# opened as a document of its own, so that every address resolves from its own place.
_SWAP_BODY = """html => {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const own = 'link[rel=stylesheet], style:not([data-kl-paper])';
  const sheets = d => [...d.head.querySelectorAll(own)].map(e => e.href || e.textContent)
    .join('\\n');
  const fetches = '[src]:not(script), [srcset], [poster], [data], [background], '
    + 'link, use, image, [style*="url("]';
  if (sheets(doc) !== sheets(document) || doc.body.querySelector(fetches)) return false;
  for (const a of [...document.body.attributes]) document.body.removeAttribute(a.name);
  for (const a of doc.body.attributes) document.body.setAttribute(a.name, a.value);
  document.body.replaceChildren(...doc.body.childNodes);
  return true;
}"""


class Printer:
    """One headless Chromium printing pages in a thread of its own, PRINTERS at a time,
    while the caller goes on (MkDocs writing the rest of the site).

    `add` hands it a page once its file is written; `finish` waits for the last PDF and
    returns how many were printed, or raises what stopped the printing; `cancel` stops
    it. `progress(done, expected)` is told after each PDF, from the printing thread.
    """

    def __init__(
        self,
        when: datetime,
        expected: int,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        chromium = find_chromium()
        assert chromium is not None, "call unavailable() first"
        self._when = when
        self._expected = expected
        self._progress = progress or (lambda done, expected: None)
        self._loop = asyncio.new_event_loop()
        self._queue: asyncio.Queue[PrintJob | None] = asyncio.Queue()
        self._stopping = False
        self._failure: BaseException | None = None
        self.printed = 0
        self.opened = 0  # pages opened as documents of their own (the others: swapped in)
        self._thread = threading.Thread(
            target=self._run, args=(chromium,), name="ketluan-pdf", daemon=True
        )
        self._thread.start()

    def add(self, job: PrintJob) -> None:
        """Print `job` (its HTML file must be written) when a tab is free."""
        self._put(job)

    def finish(self) -> int:
        """Wait for every PDF added; how many were printed. Raises RuntimeError with the
        cause when the printing stopped."""
        self._close()
        if self._failure is not None:
            failure = self._failure
            # Playwright's first line says what failed; the rest is its browser log.
            first = (str(failure).strip().splitlines() or [""])[0]
            raise RuntimeError(f"không in được bản PDF: {type(failure).__name__}: {first}")
        return self.printed

    def cancel(self) -> None:
        """Stop printing (the build failed): the PDFs not yet printed are not made."""
        self._stopping = True
        self._close()

    def _close(self) -> None:
        for _ in range(PRINTERS):
            self._put(None)  # one end mark per tab
        self._thread.join()

    def _put(self, job: PrintJob | None) -> None:
        # Once the loop has ended (printing failed), finish() says why.
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._queue.put_nowait, job)

    def _run(self, chromium: str) -> None:
        try:
            self._loop.run_until_complete(self._print_all(chromium))
        except BaseException as exc:  # handed to the caller's thread by finish()
            self._failure = exc
        finally:
            self._loop.close()

    async def _print_all(self, chromium: str) -> None:
        from playwright.async_api import Route, async_playwright

        async def local_only(route: Route) -> None:
            # The site is local files; nothing may be fetched from anywhere else.
            if route.request.url.startswith("file://"):
                await route.continue_()
            else:
                await route.abort()

        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                # No script runs: none of them prints (search, tabs, today's badges,
                # sorting), and loading them was the largest part of opening a page.
                context = await browser.new_context(java_script_enabled=False)
                await context.route("**/*", local_only)
                async with asyncio.TaskGroup() as tabs:
                    for _ in range(PRINTERS):
                        tabs.create_task(self._tab(context))
            finally:
                await browser.close()

    async def _tab(self, context: Any) -> None:
        page = await context.new_page()
        while (job := await self._queue.get()) is not None:
            if self._stopping:
                continue  # drain to the end mark
            self.opened += await _print_one(page, job, self._when)
            self.printed += 1
            self._progress(self.printed, self._expected)
        await page.close()


async def _print_one(page: Any, job: PrintJob, when: datetime) -> bool:
    """Print `job` in the tab `page`; whether it was opened as a document of its own."""
    opened = await _open(page, job)
    # Chromium turns every link into an absolute file:// address of the build folder:
    # the builder's paths would leak into the PDF, and the same quarter published from
    # another folder would give other bytes. On paper links are plain words anyway.
    await page.evaluate(_UNLINK)
    # The title is data: handed to the page as a value, never as code.
    await page.evaluate("title => { document.title = title; }", job.title)
    # Bookmarks from the headings (one per agency and section in the bundle), and a
    # tagged PDF that screen readers can follow.
    pdf = await page.pdf(
        prefer_css_page_size=True, print_background=False, outline=True, tagged=True
    )
    job.pdf.write_bytes(fix_node_ids(fix_dates(pdf, when)))
    return opened


async def _open(page: Any, job: PrintJob) -> bool:
    if page.url.startswith("file://"):
        html = job.html.read_text(encoding="utf-8")
        # The page's text is handed over as a value, never as code.
        if await page.evaluate(_SWAP_BODY, html):
            return False
    await page.goto(job.html.resolve().as_uri(), wait_until="load")
    await page.evaluate(_PAPER_ONLY)
    return True


# The tab is never looked at: drawn for the screen, each page would be laid out and
# painted once more at the window's width (the PDF is laid out for paper anyway).
_PAPER_ONLY = """() => {
  const style = document.createElement('style');
  style.setAttribute('data-kl-paper', '');
  style.textContent = '@media screen { html { display: none !important; } }';
  document.head.append(style);
}"""


def print_pages(
    jobs: Iterable[PrintJob],
    when: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Print every job to A4 PDF, the longest first (so that no tab is left with it while
    the others are idle), and wait for them; returns how many were printed."""
    ordered = sorted(jobs, key=lambda job: -job.html.stat().st_size)
    printer = Printer(when, len(ordered), progress)
    for job in ordered:
        printer.add(job)
    return printer.finish()
