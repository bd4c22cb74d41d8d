"""MkDocs hook: add and render the generated pages, and print agency pages to PDF.

Listed under `hooks:` in mkdocs.yml, so its events run after mkdocs-macros'. It only
wires; the plan and the pages are in `macros.render`, the printing in
`macros.postbuild`, and what comes from MkDocs' config in `macros.build`.
"""

from __future__ import annotations

import functools
import gc
import os
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros.build import log, options, pdf_ready, site_index, site_pages
from macros.model.calendar import build_stamp
from macros.postbuild.extras import Extras, start_extras
from macros.postbuild.pdf import Printer
from macros.postbuild.printing import PrintAsWritten, print_jobs
from macros.postbuild.search import SearchPlan, reshape_file
from macros.render.plan import FIXED, PLACEHOLDER, plan, search_weight, task_anchors

_Event = TypeVar("_Event", bound=Callable[..., Any])

PROGRESS_EVERY = 3.0  # seconds between two progress lines of a long step


def _one_line(event: _Event) -> _Event:
    """Turn any failure of an event into one Vietnamese line: MkDocs prints a
    PluginError as a message and stops, where anything else is a traceback."""

    @functools.wraps(event)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return event(*args, **kwargs)
        except PluginError:
            raise
        except Exception as exc:
            raise PluginError(
                f"ketluan: không dựng được trang ({event.__name__}): {type(exc).__name__}: {exc}"
            ) from exc

    return run  # type: ignore[return-value]


# This build's generated pages by source path, each with what renders it at a URL
# (set in on_files).
_renderers: dict[str, Callable[[str], str]] = {}

# The weights of each page's entries in the search index, by source path (set in
# on_files), then by URL as the pages are rendered (read in on_post_build).
_weights: dict[str, tuple[float, float]] = {}
_weights_by_url: dict[str, tuple[float, float]] = {}

# The report sheets and exports being written beside this build (set in on_files).
_extras: list[Extras] = []

# The agency pages of this build being printed to PDF as they are written (set in
# on_files).
_printing: list[PrintAsWritten] = []

# How many pages this build renders, and how many it has (set in on_files): a line
# every few seconds says how far it is.
_pages_done = [0, 0]
_page_progress: list[Callable[[int, int], None]] = []

# Whether the data may still be frozen out of the garbage collector's reach (see
# on_files): once, and never under `mkdocs serve`, whose rebuilds must free the
# previous data.
_may_freeze = True


# Whether this process is `mkdocs serve`: an editor's loop, reloaded at each save.
_serving = False


def on_startup(command: str, **_: Any) -> None:
    """Note whether this process ends with its build (`mkdocs build`, each mike deploy)."""
    global _may_freeze, _serving
    _may_freeze = command != "serve"
    _serving = command == "serve"


def on_serve(server: Any, config: Any, **_: Any) -> Any:
    """Rebuild when the data file is saved: it lies outside docs/, which MkDocs watches."""
    server.watch(str(options(config).data_file))
    return server


@_one_line
def on_config(config: Any) -> Any:
    """Tell the theme which quarter this version is, for the older-version banner."""
    config["extra"]["ketluan"]["version_title"] = site_index(config).conclusion.title
    return config


@_one_line
def on_files(files: Files, config: Any) -> Files:
    """Add one page per agency, deadline date and document of this version."""
    global _may_freeze
    index = site_index(config)
    if _may_freeze:
        # The data's hundred thousand objects live until the process ends: moved out of
        # the cyclic collector's generations, they are not rescanned in every full
        # collection of the build, nor once more at exit (together a tenth of what the
        # build adds to plain MkDocs). Once per process, so repeated builds in one
        # process cannot pile up uncollected garbage.
        gc.freeze()
        _may_freeze = False
    site = site_pages(config)
    _renderers.clear()
    _weights.clear()
    _weights_by_url.clear()
    _weights.update({page.source: search_weight(page) for page in FIXED})
    taken = [f.dest_uri for f in files]
    for page in plan(index):
        _renderers[page.src_uri] = partial(site.generated, page)
        _weights[page.src_uri] = search_weight(page)
        generated = File.generated(config, page.src_uri, content=PLACEHOLDER)
        taken.append(generated.dest_uri)
        files.append(generated)
    _refuse_shared_destinations(taken)
    _pages_done[:] = [0, len([f for f in files if f.is_documentation_page()])]
    _page_progress[:] = [_progress("đang dựng trang")]
    log.info("ketluan: dựng %d trang…", _pages_done[1])
    # Validated above: the sheets and exports can be written meanwhile, elsewhere.
    opts = options(config)
    site_url = str(config.get("site_url") or "http://localhost:8000/")
    while _extras:  # a rebuild of `mkdocs serve` that never reached its end
        _extras.pop().process.kill()
    _extras.append(start_extras(opts.data_file, opts.data_name, index.conclusion.key, site_url))
    _start_printing(config)
    return files


def _start_printing(config: Any) -> None:
    # Chromium starts now and prints each agency page as soon as it is written, on the
    # cores MkDocs leaves idle while it renders the other pages.
    while _printing:  # a build that failed before its end
        _printing.pop().cancel()
    if _serving:
        # Each save rebuilds: printing every agency page again would double the wait
        # for the reloaded page. `ketluan publish` and `mkdocs build` print them.
        log.info("ketluan: mkdocs serve không in bản PDF, để trang tải lại nhanh.")
    elif pdf_ready(config):
        index = site_index(config)
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        when = datetime.fromtimestamp(int(epoch), UTC) if epoch else build_stamp(index.conclusion)
        jobs = print_jobs(index, Path(config["site_dir"]))
        printer = Printer(when, len(jobs), _progress("đang in bản PDF"))
        _printing.append(PrintAsWritten(printer, jobs))


def _refuse_shared_destinations(destinations: list[str]) -> None:
    # Two pages written to one file: the second would silently replace the first
    # (an agency list page replaced by an agency's), every link to it then a 404.
    shared = sorted(uri for uri, n in Counter(destinations).items() if n > 1)
    if shared:
        raise PluginError(
            "ketluan: nhiều trang cùng ghi vào một tệp, trang sau sẽ đè trang trước: "
            + ", ".join(shared)
        )


@_one_line
def on_page_markdown(markdown: str, page: Page, **_: Any) -> str:
    """Fill a generated page; the pages of docs/ are mkdocs-macros' and pass through."""
    _weights_by_url[page.url] = _weights.get(page.file.src_uri, (1.0, 1.0))
    _pages_done[0] += 1
    for told in _page_progress:
        told(*_pages_done)
    render = _renderers.get(page.file.src_uri)
    return markdown if render is None else render(page.url)


@_one_line
def on_post_page(output: str, page: Page, **_: Any) -> str:
    """Tell the printer which page is being written (the one before is complete)."""
    if _printing:
        _printing[0].written(Path(page.file.abs_dest_path))
    return output


def on_build_error(error: Exception, **_: Any) -> None:
    """Stop printing: a failed build publishes nothing."""
    while _printing:
        _printing.pop().cancel()


@_one_line
def on_post_build(config: Any) -> None:
    """Reshape the search index, add the report sheets and exports, and print the
    agency pages."""
    site_dir = Path(config["site_dir"])
    index_file = site_dir / "search" / "search_index.json"
    if index_file.exists():
        search = SearchPlan(weights=_weights_by_url, task_anchors=task_anchors(site_index(config)))
        reshape_file(index_file, search)
    if _extras:
        try:
            _extras.pop().finish(site_dir)
        except RuntimeError as exc:
            raise PluginError(f"ketluan: {exc}") from exc
    if _printing:
        try:
            count = _printing.pop().finish()
        except RuntimeError as exc:
            raise PluginError(f"ketluan: {exc}") from exc
        log.info("ketluan: đã in %d bản PDF (A4).", count)


def _progress(what: str) -> Callable[[int, int], None]:
    """A line every few seconds during a long step, "ketluan: <what> n/m" (publish and
    preview show them as they come)."""
    last = [time.monotonic()]

    def told(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY and done < total:
            last[0] = now
            log.info("ketluan: %s %d/%d", what, done, total)

    return told
