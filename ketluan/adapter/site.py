"""What one site build needs from its options: its data, its quarter, its index and
pages, and whether it prints PDFs.

Loading is cached per data file (and its modification time), so mkdocs-macros' pages and
the generated ones share one index and one `SitePages` per build, and a rebuild of
`mkdocs serve` after an unrelated save does not read the data again.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from mkdocs.exceptions import PluginError

from ketluan.adapter.config import KetluanConfig
from ketluan.index.prepared import read_prepared
from ketluan.index.site_index import SiteIndex, build_index
from ketluan.load import gc_paused, load
from ketluan.model import Dataset
from ketluan.model.calendar import UnknownQuarter
from ketluan.outputs.pdf import unavailable
from ketluan.problems import DataError
from ketluan.render.pages import SitePages

log = logging.getLogger("mkdocs.plugins.ketluan")


@dataclass(frozen=True, slots=True)
class Options:
    """The plugin's options, resolved against mkdocs.yml's folder."""

    data_file: Path  # absolute
    data_name: str  # as named in messages
    quarter: str | None  # None: the newest
    pdf: bool  # asked for; printing also needs Chromium
    prepared: Path | None = None  # the publication's index of this data and quarter


def options(config: KetluanConfig, config_file: str | Path) -> Options:
    """This build's options; `config_file` is mkdocs.yml's path."""
    name = config.data_file
    prepared = Path(config.prepared) if config.prepared else None
    return Options(
        Path(config_file).parent / name, name, config.quarter or None, config.pdf, prepared
    )


def site_index(opts: Options) -> SiteIndex:
    """The validated index of this build's data and quarter; stops the build if invalid."""
    try:
        stat = opts.data_file.stat()
        changed = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        changed = (0, 0)  # not a file to read: load() says why, in the editors' words
    absolute = Path(os.path.abspath(opts.data_file))  # resolve() raises on a symlink loop
    try:
        return _cached_index(absolute, opts.data_name, opts.quarter, opts.prepared, *changed)
    except DataError as exc:
        # Nothing is published from invalid data: the whole build stops here.
        raise PluginError(f"dữ liệu chưa hợp lệ, không xây dựng trang:\n{exc}") from exc
    except UnknownQuarter as exc:
        raise PluginError(f"{exc} — tệp {opts.data_name}") from exc


@lru_cache(maxsize=4)
def _cached_index(
    data_file: Path,
    name: str,
    quarter: str | None,
    prepared: Path | None,
    _mtime: int,
    _size: int,
) -> SiteIndex:
    with gc_paused():  # indexing, like reading, builds objects none of which is garbage
        made = read_prepared(prepared, data_file, quarter) if prepared else None
        return made or _same_or_new(data_file, load(data_file, name=name), quarter)


# The last index made from the data file, and of what: a save that leaves the data as it
# was (saved unchanged, a comment, the layout) gets the very same index, which tells the
# editing loop that no page changed.
_last: list[tuple[Path, Dataset, str | None, SiteIndex]] = []


def _same_or_new(data_file: Path, dataset: Dataset, quarter: str | None) -> SiteIndex:
    # Cheap to compare: the reader hands back each unchanged quarter as the same object.
    for file, was, key, index in _last:
        if file == data_file and key == quarter and was == dataset:
            return index
    index = build_index(dataset, quarter)
    _last[:] = [(data_file, dataset, quarter, index)]
    return index


def site_pages(opts: Options) -> SitePages:
    """The pages of this build: one `SitePages` (and its card cache) per index."""
    return _pages(site_index(opts), pdf_ready(opts))


@lru_cache(maxsize=2)
def _pages(index: SiteIndex, pdf: bool) -> SitePages:
    return SitePages(index, pdf=pdf)


def pdf_ready(opts: Options) -> bool:
    """Whether this build prints agency PDFs; says why not when it cannot."""
    return opts.pdf and _pdf_possible()


@cache
def _pdf_possible() -> bool:
    reason = unavailable()
    if reason:
        # INFO, not WARNING: strict builds must still publish the HTML site.
        log.info("ketluan: không tạo bản in PDF — %s; trang web vẫn được dựng đầy đủ.", reason)
    return reason is None
