"""The ketluan MkDocs plugin: add and render the generated pages, reshape the search
index, write the report sheets and exports, and print agency pages to PDF.

Listed under `plugins:` in mkdocs.yml after `search` and `macros`. Its events only
hand off: the plan and the pages are in `ketluan.render`, what a build writes besides
pages in `ketluan.outputs`, and the options' meaning in `ketluan.adapter.site`. Where the
order of plugins matters it is explicit (MkDocs runs higher priorities first; plugins
without one run at 0, in the order listed):

- `on_config` (50) checks the data before any other plugin starts: invalid data stops
  the build at once, and mkdocs-macros' `define_env` (in its `on_config`) finds the
  pages ready;
- `on_page_markdown` (-50) fills a generated page after mkdocs-macros has rendered the
  pages of docs/: data text never reaches Jinja as template source;
- `on_page_context` (-50), under `--dirty`, notes the search entries Material's search
  plugin has just made of a page (`ketluan.adapter.incremental`);
- `on_post_build` (-50) reshapes the search index after Material's search plugin has
  written it.
"""

from __future__ import annotations

import functools
import gc
import os
import time
import warnings
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ketluan.adapter.collector import IdleCollector
from ketluan.adapter.config import KetluanConfig
from ketluan.adapter.incremental import (
    Incremental,
    KeptFile,
    page_url,
    quiet_dirty_warning,
    shared_digest,
)
from ketluan.adapter.site import Options, log, options, pdf_ready, site_index, site_pages
from ketluan.adapter.watch import QuickWatch
from ketluan.index.site_index import SiteIndex
from ketluan.model.calendar import build_stamp
from ketluan.outputs.extras import Extras, start_extras
from ketluan.outputs.pdf import Printer
from ketluan.outputs.printing import PrintAsWritten, print_jobs
from ketluan.outputs.search import SearchPlan, reshape_file
from ketluan.render import urls
from ketluan.render.environment import bytecode_cache
from ketluan.render.plan import (
    FIXED,
    PLACEHOLDER,
    FixedPage,
    plan,
    search_weight,
    task_anchors,
)

_Event = TypeVar("_Event", bound=Callable[..., Any])

# MkDocs 1.6 (pinned below 2) and mkdocs-macros match not_in_nav's patterns with
# pathspec's "gitwildmatch", which pathspec 1.x deprecates (mypy needs pathspec 1): its
# warning, with a stack, would fill every build's log and each save of the editing loop,
# telling the Office of nothing it can act on.
warnings.filterwarnings(
    "ignore",
    message=r"GitWildMatchPattern \('gitwildmatch'\) is deprecated",
    category=DeprecationWarning,
)

PROGRESS_EVERY = 3.0  # seconds between two progress lines of a long step

# Before and after the plugins that set no priority (0): see the module's docstring.
FIRST = 50
AFTER_OTHERS = -50


def one_line(event: _Event) -> _Event:
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


# MkDocs' BasePlugin.__init_subclass__ carries no annotations.
class KetluanPlugin(BasePlugin[KetluanConfig]):  # type: ignore[no-untyped-call]
    """One version's site from the data file: see the module's docstring."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        # The quarter's title ("Quý I/2026"), for the theme's older-version banner.
        self.version_title = ""
        # The newest version's page nearest to one of this version's (the banner's link).
        self.lasting = urls.lasting
        self.options: Options | None = None
        # Whether this process is `mkdocs serve`: an editor's loop, reloaded at each save.
        self._serving = False
        # Whether the data may still be frozen out of the garbage collector's reach (see
        # on_files): once, and never under `mkdocs serve`, whose rebuilds must free the
        # previous data.
        self._may_freeze = True
        # This build's generated pages by source path, each with what renders it at a
        # URL (set in on_files).
        self._renderers: dict[str, Callable[[str], str]] = {}
        # The weights of each page's entries in the search index, by source path (set in
        # on_files), then by URL as the pages are rendered (read in on_post_build).
        self._weights: dict[str, tuple[float, float]] = {}
        self._weights_by_url: dict[str, tuple[float, float]] = {}
        # The report sheets and exports being written beside this build (set in on_files).
        self._extras: list[Extras] = []
        # The agency pages being printed to PDF as they are written (set in on_files).
        self._printing: list[PrintAsWritten] = []
        # How many pages this build renders, and how many it has: a line every few
        # seconds says how far it is.
        self._pages_done = [0, 0]
        self._page_progress: list[Callable[[int, int], None]] = []
        # Under `--dirty` (`mkdocs serve --dirty`, the editing loop): what the last build
        # wrote, so that a save renders only the pages it changed (set in on_startup).
        self._incremental: Incremental | None = None
        # The index the last dirty build was made of, all its pages written.
        self._built_index: SiteIndex | None = None
        # The pages of docs/ this build rendered already, by (source, URL).
        self._fixed_made: dict[tuple[str, str], str] = {}
        # Under `mkdocs serve`: garbage collected between saves, not during them.
        self._collector = IdleCollector()
        # Under `mkdocs serve`: the watch on the data file (set in on_serve).
        self._data_watch: list[QuickWatch] = []

    @property
    def opts(self) -> Options:
        """This build's options (set by on_config)."""
        if self.options is None:
            raise PluginError("ketluan: plugin chưa được cấu hình (on_config chưa chạy)")
        return self.options

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this process ends with its build (`mkdocs build`, each
        deploy). Having this event also keeps one instance across `mkdocs serve`'s
        rebuilds, so that a rebuild can end what the one before left running."""
        self._may_freeze = command != "serve"
        self._serving = command == "serve"
        self._incremental = Incremental() if dirty else None
        if dirty:
            quiet_dirty_warning()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when the data file is saved: it lies outside docs/, which MkDocs
        watches; looked at more often than MkDocs looks at docs/ (`QuickWatch`)."""
        self._data_watch.append(QuickWatch(server, self.opts.data_file))
        return server

    @event_priority(FIRST)
    @one_line
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Take the plugin's options. The data is read when a build plans its pages
        (`on_files`), not here: mike loads this configuration for each of its commands
        (committing a version, setting the default), which need no data, and reading ten
        years of it cost each of them seconds (#28)."""
        if self._serving:  # a save: rebuilt without the collector (see `IdleCollector`)
            self._collector.pause()
        self.options = options(self.config, config.config_file_path)
        return config

    def define_env(self, env: Any) -> None:
        """mkdocs-macros' `define_env` (the project's `macros` module hands it here):
        register the one macro each page of docs/ calls; the pages are made when a page
        first calls one (run at mkdocs-macros' own `on_config`, this reads no data)."""

        def here() -> str:
            return str(env.page.url) if env.page is not None else ""

        for page in FIXED:
            env.macro(lambda page=page: self._fixed(page, here()), page.macro)

    def _fixed(self, page: FixedPage, here: str) -> str:
        # Under --dirty the build has rendered it already, to compare (`_only_changed`).
        made = self._fixed_made.pop((page.source, here), None)
        return site_pages(self.opts).fixed(page, here) if made is None else made

    @one_line
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Check the data, tell the theme which quarter this version is, and add one page
        per agency, deadline date and document of this version."""
        while self._extras:  # a rebuild of `mkdocs serve`: the last save's are not needed
            self._extras.pop().cancel()
        index = site_index(self.opts)
        self.version_title = index.conclusion.title
        if self._may_freeze:
            # The data's hundred thousand objects live until the process ends: moved out
            # of the cyclic collector's generations, they are not rescanned in every full
            # collection of the build, nor once more at exit (together a tenth of what the
            # build adds to plain MkDocs). Once per process, so repeated builds in one
            # process cannot pile up uncollected garbage.
            gc.freeze()
            self._may_freeze = False
        site = site_pages(self.opts)
        self._renderers.clear()
        self._weights.clear()
        self._weights_by_url.clear()
        self._weights.update({page.source: search_weight(page) for page in FIXED})
        taken = [f.dest_uri for f in files]
        for page in plan(index):
            self._renderers[page.src_uri] = partial(site.generated, page)
            self._weights[page.src_uri] = search_weight(page)
            generated = KeptFile.generated(config, page.src_uri, content=PLACEHOLDER)
            taken.append(generated.dest_uri)
            files.append(generated)
        # Not a page: rows the home page's script fetches (no theme, not searched).
        rows = File.generated(config, urls.UPCOMING_ROWS, content=site.upcoming_rows())
        taken.append(rows.dest_uri)
        files.append(rows)
        _refuse_shared_destinations(taken)
        pages = list(files.documentation_pages())
        for file in pages:
            self._weights_by_url[page_url(file)] = self._weights.get(file.src_uri, (1.0, 1.0))
        if self._incremental is not None:
            pages = self._only_changed(pages, config, index)
        self._pages_done[:] = [0, len(pages)]
        self._page_progress[:] = [_progress("đang dựng trang")]
        log.info("ketluan: dựng %d trang…", self._pages_done[1])
        if not self._serving:
            # Validated above: the sheets and exports can be written meanwhile, elsewhere.
            self._start_extras(config, index.conclusion.key)
        self._start_printing(config)
        return files

    def _start_extras(self, config: MkDocsConfig, quarter: str) -> None:
        site_url = str(config.get("site_url") or "http://localhost:8000/")
        opts = self.opts
        self._extras.append(
            start_extras(opts.data_file, opts.data_name, quarter, site_url, opts.prepared)
        )

    def _only_changed(
        self, pages: list[File], config: MkDocsConfig, index: SiteIndex
    ) -> list[File]:
        """The pages this dirty build renders: those whose Markdown changed."""
        assert self._incremental is not None
        site = site_pages(self.opts)
        fixed = {page.source: page for page in FIXED}
        self._fixed_made.clear()

        def markdown(file: File, url: str) -> str | None:
            if isinstance(file, KeptFile):
                return self._renderers[file.src_uri](url)
            if file.src_uri not in fixed or not file.abs_src_path:
                return None
            # What mkdocs-macros will make of it: its source with its one macro's output,
            # rendered once (`_fixed` hands it to the macro).
            output = self._fixed_made[file.src_uri, url] = site.fixed(fixed[file.src_uri], url)
            return Path(file.abs_src_path).read_text(encoding="utf-8") + "\0" + output

        shared = shared_digest(
            index.conclusion.title, config.config_file_path, config.theme.custom_dir
        )
        if index is self._built_index and self._incremental.unchanged(shared):
            # The data means what it meant at the last build (saved unchanged, a comment,
            # its layout): the same index (`site.site_index`), hence the same pages.
            for file in pages:
                if isinstance(file, KeptFile):
                    file.changed = False
            return []
        again = self._incremental.only_changed(pages, markdown, shared)
        self._fixed_made = {k: v for k, v in self._fixed_made.items() if k[1] in again}
        return [f for f in pages if page_url(f) in again]

    def _start_printing(self, config: MkDocsConfig) -> None:
        # Chromium starts now and prints each agency page as soon as it is written, on
        # the cores MkDocs leaves idle while it renders the other pages.
        while self._printing:  # a build that failed before its end
            self._printing.pop().cancel()
        if self._serving:
            # Each save rebuilds: printing every agency page again would double the wait
            # for the reloaded page. `ketluan publish` and `mkdocs build` print them.
            log.info("ketluan: mkdocs serve không in bản PDF, để trang tải lại nhanh.")
        elif pdf_ready(self.opts):
            index = site_index(self.opts)
            epoch = os.environ.get("SOURCE_DATE_EPOCH")
            when = (
                datetime.fromtimestamp(int(epoch), UTC) if epoch else build_stamp(index.conclusion)
            )
            jobs = print_jobs(index, Path(config.site_dir))
            printer = Printer(when, len(jobs), _progress("đang in bản PDF"))
            self._printing.append(PrintAsWritten(printer, jobs))

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Keep the theme's compiled templates between builds, as ours are."""
        if env.bytecode_cache is None:
            env.bytecode_cache = bytecode_cache()
        return env

    @event_priority(AFTER_OTHERS)
    @one_line
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Fill a generated page; the pages of docs/ are mkdocs-macros' and pass through."""
        self._pages_done[0] += 1
        for told in self._page_progress:
            told(*self._pages_done)
        render = self._renderers.get(page.file.src_uri)
        if render is None:
            return markdown
        if self._incremental is not None:  # rendered already, to compare
            return self._incremental.markdown[page.url]
        return render(page.url)

    @event_priority(AFTER_OTHERS)
    @one_line
    def on_page_context(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> Any:
        """Under `--dirty`, note the search entries Material just made of this page."""
        if self._incremental is not None:
            self._incremental.indexed(page.url, _search_entries(config))
        return context

    @one_line
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Tell the printer which page is being written (the one before is complete)."""
        if self._printing:
            self._printing[0].written(Path(page.file.abs_dest_path))
        return output

    def on_shutdown(self) -> None:
        """The server stops: so do the sheets still being written, leaving no folder."""
        while self._extras:
            self._extras.pop().cancel()
        while self._data_watch:
            self._data_watch.pop().stop()
        self._collector.stop()

    def on_build_error(self, *, error: Exception) -> None:
        """Stop printing: a failed build publishes nothing."""
        if self._incremental is not None:
            self._incremental.forget()
            self._built_index = None
        while self._printing:
            self._printing.pop().cancel()
        self._collector.resume()

    @event_priority(AFTER_OTHERS)
    @one_line
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Reshape the search index, add the report sheets and exports, and print the
        agency pages."""
        site_dir = Path(config.site_dir)
        index_file = site_dir / "search" / "search_index.json"
        if index_file.exists():
            anchors = task_anchors(site_index(self.opts))
            plan = SearchPlan(weights=self._weights_by_url, task_anchors=anchors)
            if self._incremental is None:
                reshape_file(index_file, plan)
            else:
                entries = self._incremental.merge(list(self._weights_by_url))
                if entries is None:
                    raise PluginError("ketluan: chỉ mục tìm kiếm thiếu trang; lưu lại để dựng lại")
                reshape_file(index_file, plan, entries)
                self._incremental.done()
                self._built_index = site_index(self.opts)
        if self._serving:
            # The editing loop: the page reloads now, the sheets and exports follow,
            # written once the pages are (on a machine of two cores, beside the build they
            # slowed it and the reloading browser by a second in year ten).
            self._start_extras(config, site_index(self.opts).conclusion.key)
            self._extras[-1].finish_later(site_dir, lambda why: log.error("ketluan: %s", why))
        elif self._extras:
            try:
                self._extras.pop().finish(site_dir)
            except RuntimeError as exc:
                raise PluginError(f"ketluan: {exc}") from exc
        if self._printing:
            try:
                count = self._printing.pop().finish()
            except RuntimeError as exc:
                raise PluginError(f"ketluan: {exc}") from exc
            log.info("ketluan: đã in %d bản PDF (A4).", count)
        self._collector.resume()


def _search_entries(config: MkDocsConfig) -> list[dict[str, Any]]:
    # Material's search plugin keeps this build's entries in a list; a dirty build's are
    # the rendered pages' only, which the plugin completes (`Incremental.merge`). No
    # list: no search index is written, nothing to complete.
    search = config.plugins.get("material/search")
    entries = getattr(getattr(search, "search_index", None), "entries", None)
    return entries if isinstance(entries, list) else []


def _refuse_shared_destinations(destinations: list[str]) -> None:
    # Two pages written to one file: the second would silently replace the first
    # (an agency list page replaced by an agency's), every link to it then a 404.
    shared = sorted(uri for uri, n in Counter(destinations).items() if n > 1)
    if shared:
        raise PluginError(
            "ketluan: nhiều trang cùng ghi vào một tệp, trang sau sẽ đè trang trước: "
            + ", ".join(shared)
        )


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
