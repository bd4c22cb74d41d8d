"""The site's plan: which pages exist and what each one shows, from the index.

A generated page is a kind (the `SitePages` method that renders it) and an ASCII id.
Its source file holds no data text at all: the hook renders it through the escaping
templates after mkdocs-macros has run, so data text never reaches Jinja as source, and
the build skips mkdocs-macros' per-page template compilation, which on a thousand
generated pages cost more than rendering them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from macros import urls
from macros.indexes import SiteIndex, build_index
from macros.pdf import PrintJob
from macros.validate import gc_paused, load

Kind = Literal["agency", "agency_history", "deadline", "document", "full_text"]

# What a generated page's source file holds: nothing. The hook replaces the whole
# Markdown, and mkdocs-macros renders only the pages of docs/ (`force_render_paths` in
# mkdocs.yml); no front matter either, which MkDocs would parse a thousand times.
PLACEHOLDER = ""


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """A generated page: its source path in docs/, and what renders it."""

    src_uri: str  # "co-quan/ban-to-chuc.md"
    kind: Kind  # the SitePages method: "agency"
    arg: str  # the entity's ASCII id (an ISO date for deadline pages)


def plan(index: SiteIndex) -> list[PlannedPage]:
    """Every generated page of the version: agencies (and their earlier quarters'
    tasks), deadline dates, documents, and the full text of each earlier quarter."""
    pages = [PlannedPage(f"{urls.agency(a).rstrip('/')}.md", "agency", a) for a in index.agencies]
    pages += [
        PlannedPage(f"{urls.agency_history(a).rstrip('/')}.md", "agency_history", a)
        for a, view in index.agencies.items()
        if view.earlier
    ]
    pages += [
        PlannedPage(f"{urls.deadline(d).rstrip('/')}.md", "deadline", d.isoformat())
        for d in index.by_date
    ]
    pages += [
        PlannedPage(f"{urls.document(d).rstrip('/')}.md", "document", d) for d in index.documents
    ]
    pages += [
        PlannedPage(f"{urls.full_text(q.key).rstrip('/')}.md", "full_text", q.key)
        for q in index.quarters[:-1]
    ]
    return pages


def index_for(data_file: Path, name: str, quarter: str | None) -> SiteIndex:
    """Load, validate and index the data once per build (and again only if it changed)."""
    try:
        stat = data_file.stat()
        changed = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        changed = (0, 0)  # not a file to read: load() says why, in the editors' words
    absolute = Path(os.path.abspath(data_file))  # resolve() raises on a symlink loop
    return _cached_index(absolute, name, quarter or None, *changed)


@lru_cache(maxsize=4)
def _cached_index(
    data_file: Path, name: str, quarter: str | None, _mtime: int, _size: int
) -> SiteIndex:
    # Indexing, like reading, builds objects none of which is garbage yet.
    with gc_paused():
        return build_index(load(data_file, name=name), quarter)


def options(config_dir: Path, extra: dict[str, object]) -> tuple[Path, str, str | None]:
    """The data file (absolute and as named in messages) and the quarter of this build."""
    given = str(extra.get("data") or "data/directives.yml")
    quarter = str(extra.get("quarter") or "") or None
    return config_dir / given, given, quarter


def agency_pdf(agency_id: str) -> str:
    """Site URL of an agency's printed extract."""
    return f"{urls.agency(agency_id)}{agency_id}.pdf"


ALL_AGENCIES_PDF = f"{urls.PRINT}tat-ca-co-quan.pdf"


def print_jobs(index: SiteIndex, site_dir: Path) -> list[PrintJob]:
    """Every agency page with tasks, and the all-agencies print page, to PDF."""
    jobs = [
        PrintJob(site_dir / urls.agency(a) / "index.html", site_dir / agency_pdf(a))
        for a, view in index.agencies.items()
        if view.task_count
    ]
    jobs.append(PrintJob(site_dir / urls.PRINT / "index.html", site_dir / ALL_AGENCIES_PDF))
    return jobs
