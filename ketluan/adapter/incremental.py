"""Rebuild only the pages a save changed (`mkdocs serve --dirty`, the editing loop).

MkDocs' `--dirty` skips a page whose file is not modified since its last build: right
for Markdown files an author edits, wrong for ketluan, whose pages come from one data
file. Here "modified" means what it should: a page is rebuilt when its Markdown
differs from what this process built last (for a page of docs/, which shows the data
through a macro, its source and that macro's output: a changed one has its output
removed before the build, which MkDocs reads as modified), and every page when anything
they all share changed (the quarter's title in the banner, mkdocs.yml, the theme's
overrides). A save whose data means what it meant (the same index) renders none.

A page's HTML depends on nothing else: the nav is mkdocs.yml's fixed section indexes
(the generated pages are not in it), so the same Markdown under the same shared inputs
gives the same page. Material's search index holds only the pages a dirty build
rebuilt (its own merge assumes one page per rebuild), so the entries of the other pages
are taken from the build before, page by page, in the order a full build writes them.

Nothing is kept between processes: the first build of a `serve --dirty` session, and
any build after a failed one, rebuilds everything.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File

__all__ = ["Incremental", "KeptFile", "page_url", "quiet_dirty_warning", "shared_digest"]

Entry = dict[str, Any]


class KeptFile(File):
    """A generated page, skipped by a dirty build unless `changed`."""

    changed = True

    def is_modified(self) -> bool:
        """Whether a dirty build renders this page again (MkDocs asks)."""
        return self.changed


@dataclass
class _Built:
    shared: str  # digest of what every page depends on
    pages: dict[str, tuple[str, str]]  # url -> (digest of its Markdown, where it is written)
    entries: dict[str, list[Entry]]  # url -> its raw entries in Material's search index


@dataclass
class Incremental:
    """What this process built last, and what the build under way renders again."""

    built: _Built | None = None
    # The build under way: each page's Markdown by URL (a page of docs/: its source and
    # its macro's output), where each is written, and the search entries Material made
    # of the pages it rendered.
    markdown: dict[str, str] = field(default_factory=dict)
    dests: dict[str, str] = field(default_factory=dict)
    shared: str = ""
    fresh: dict[str, list[Entry]] = field(default_factory=dict)
    _seen: int = 0
    _pages: dict[str, list[Entry]] = field(default_factory=dict)
    _same: bool = False  # started by `unchanged`
    _digests: dict[str, str] = field(default_factory=dict)  # of `markdown`, by URL

    def begin(self, shared: str, markdown: dict[str, str], dests: dict[str, str]) -> set[str]:
        """Start a build of these generated pages (Markdown and destination by URL); the
        URLs of those to render again (all of them unless the last build is known and
        shared the same inputs)."""
        self.markdown, self.dests, self.shared = markdown, dests, shared
        self.fresh, self._seen, self._pages = {}, 0, {}
        self._same = False
        # Made once: compared now, kept by `done` for the next build.
        self._digests = {url: _digest(text) for url, text in markdown.items()}
        last = self.built
        if last is None or last.shared != shared:
            return set(markdown)
        return {
            url
            for url, digest in self._digests.items()
            if last.pages.get(url, ("", ""))[0] != digest
        }

    def unchanged(self, shared: str) -> bool:
        """Start a build in which every page is as last built (its data means what the
        last build's meant); False, and nothing started, when the last build is unknown
        or shared other inputs."""
        if self.built is None or self.built.shared != shared:
            return False
        self.markdown, self.dests, self.shared = {}, {}, shared
        self.fresh, self._seen, self._pages = {}, 0, {}
        self._same = True
        return True

    def only_changed(
        self,
        pages: list[File],
        markdown: Callable[[File, str], str | None],
        shared: str,
    ) -> set[str]:
        """Let MkDocs' dirty build render again only the pages whose Markdown changed
        (`markdown(file, url)`; None: a page always rendered), and remove what the data
        no longer has; the URLs it renders."""
        made = {}
        for file in pages:
            url = page_url(file)
            text = markdown(file, url)
            if text is not None:
                made[url] = text
        again = self.begin(shared, made, {page_url(f): f.abs_dest_path for f in pages})
        for file in pages:
            url = page_url(file)
            if isinstance(file, KeptFile):
                file.changed = url in again
            elif url in again or url not in made:
                # A page of docs/: MkDocs renders it again when its output is missing.
                Path(file.abs_dest_path).unlink(missing_ok=True)
                again.add(url)
        for dest in self.gone():
            Path(dest).unlink(missing_ok=True)
        return again

    def gone(self) -> list[str]:
        """Where the last build wrote pages this one no longer has (a dirty build does not
        clean the site)."""
        if self.built is None or self._same:
            return []
        return [dest for url, (_, dest) in self.built.pages.items() if url not in self.markdown]

    def indexed(self, url: str, entries: list[Entry]) -> None:
        """Note the entries Material's search index gained while rendering `url`
        (`entries`: the whole of its list so far this build)."""
        self.fresh[url] = entries[self._seen :]
        self._seen = len(entries)

    def merge(self, order: list[str]) -> list[Entry] | None:
        """The search index's raw entries for the pages at `order` (the build's page
        URLs, in its order): those rendered now, the others as last built. None when a
        page has neither, which a build that rendered every page it could not take from
        the last one never leaves."""
        last = self.built.entries if self.built is not None else {}
        pages = {url: self.fresh.get(url, last.get(url)) for url in order}
        if any(found is None for found in pages.values()):
            return None
        self._pages = {url: found or [] for url, found in pages.items()}
        return [entry for found in self._pages.values() for entry in found]

    def done(self) -> None:
        """The build succeeded (with the entries `merge` gave): what the next one
        compares with."""
        if self._same and self.built is not None:
            pages = self.built.pages
        else:
            pages = {url: (digest, self.dests[url]) for url, digest in self._digests.items()}
        self.built = _Built(self.shared, pages, self._pages)
        self.markdown = {}

    def forget(self) -> None:
        """A build failed after writing some pages: the next rebuilds every page."""
        self.built = None
        self.markdown = {}


def page_url(file: File) -> str:
    """What MkDocs' Page.url will be: the home page's is "", its file's "./"."""
    return "" if file.url in (".", "./") else file.url


def shared_digest(version_title: str, config_file: str | None, theme_dir: str | None) -> str:
    """A digest of what every page's HTML depends on besides its own Markdown: the
    version's title (the older-version banner), mkdocs.yml (nav, theme, extensions) and
    the theme's override files (by name, size and modification time)."""
    parts = [version_title.encode()]
    if config_file:
        parts.append(Path(config_file).read_bytes())
    if theme_dir and os.path.isdir(theme_dir):
        for folder, dirs, names in sorted(os.walk(theme_dir)):
            dirs.sort()
            for name in sorted(names):
                stat = os.stat(os.path.join(folder, name))
                parts.append(f"{folder}/{name} {stat.st_size} {stat.st_mtime_ns}".encode())
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class _DirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


_QUIET = _DirtyWarning()


def quiet_dirty_warning() -> None:
    """Drop MkDocs' warning that a dirty build may leave navigation inaccurate: with
    ketluan's pages it does not (see the module's docstring), and the editor would read
    it at every save."""
    logger = logging.getLogger("mkdocs.commands.build")
    if _QUIET not in logger.filters:
        logger.addFilter(_QUIET)
