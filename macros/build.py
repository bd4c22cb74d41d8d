"""What one site build needs from MkDocs' config: its data, its quarter, its index and
pages, and whether it prints PDFs.

With `macros.hook` the only module that imports MkDocs: a move to another engine
replaces these two. Loading is cached per data file (and its modification time), so
mkdocs-macros' `define_env` and the hook share one index and one `SitePages` per build.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from macros.index.site_index import SiteIndex, build_index
from macros.load import DEFAULT_DATA, gc_paused, load
from macros.model.calendar import UnknownQuarter
from macros.postbuild.pdf import unavailable
from macros.postbuild.pdf import wanted as pdf_wanted
from macros.problems import DataError
from macros.render.pages import SitePages

log = logging.getLogger("mkdocs.plugins.ketluan")


@dataclass(frozen=True, slots=True)
class Options:
    """`extra.ketluan` of mkdocs.yml (each also set by a KETLUAN_* variable)."""

    data_file: Path  # absolute
    data_name: str  # as named in messages
    quarter: str | None  # None: the newest
    pdf: bool  # asked for; printing also needs Chromium


def options(config: Any) -> Options:
    """This build's options, from the config MkDocs loaded."""
    extra = config["extra"].get("ketluan", {})
    config_dir = Path(config["config_file_path"]).parent
    name = str(extra.get("data") or DEFAULT_DATA)
    quarter = str(extra.get("quarter") or "") or None
    pdf = pdf_wanted(extra.get("pdf", True))
    return Options(config_dir / name, name, quarter, pdf)


def site_index(config: Any) -> SiteIndex:
    """The validated index of this build's data and quarter; stops the build if invalid."""
    opts = options(config)
    try:
        stat = opts.data_file.stat()
        changed = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        changed = (0, 0)  # not a file to read: load() says why, in the editors' words
    absolute = Path(os.path.abspath(opts.data_file))  # resolve() raises on a symlink loop
    try:
        return _cached_index(absolute, opts.data_name, opts.quarter, *changed)
    except DataError as exc:
        # Nothing is published from invalid data: the whole build stops here.
        raise PluginError(f"dữ liệu chưa hợp lệ, không xây dựng trang:\n{exc}") from exc
    except UnknownQuarter as exc:
        raise PluginError(f"{exc} — tệp {opts.data_name}") from exc


@lru_cache(maxsize=4)
def _cached_index(
    data_file: Path, name: str, quarter: str | None, _mtime: int, _size: int
) -> SiteIndex:
    with gc_paused():  # indexing, like reading, builds objects none of which is garbage
        return build_index(load(data_file, name=name), quarter)


def site_pages(config: Any) -> SitePages:
    """The pages of this build: one `SitePages` (and its card cache) per index."""
    return _pages(site_index(config), pdf_ready(config))


@lru_cache(maxsize=2)
def _pages(index: SiteIndex, pdf: bool) -> SitePages:
    return SitePages(index, pdf=pdf)


def pdf_ready(config: Any) -> bool:
    """Whether this build prints agency PDFs; says why not when it cannot."""
    return options(config).pdf and _pdf_possible()


@cache
def _pdf_possible() -> bool:
    reason = unavailable()
    if reason:
        # INFO, not WARNING: strict builds must still publish the HTML site.
        log.info("ketluan: không tạo bản in PDF — %s; trang web vẫn được dựng đầy đủ.", reason)
    return reason is None
