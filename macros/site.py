"""The site's plan: which pages exist and what each one shows, from the index.

Generated pages hold nothing but a macro call with an ASCII id, so no data text ever
becomes template source; the macro renders the data through escaping templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from macros import urls
from macros.indexes import SiteIndex, build_index
from macros.pdf import PrintJob
from macros.validate import load


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """A generated page: its source path in docs/ and the macro call that fills it."""

    src_uri: str  # "co-quan/ban-to-chuc.md"
    macro: str  # "trang_co_quan"
    arg: str  # an ASCII id, checked to be one

    @property
    def content(self) -> str:
        """The page's Markdown: one macro call."""
        return f'{{{{ {self.macro}("{self.arg}") }}}}\n'


def plan(index: SiteIndex) -> list[PlannedPage]:
    """Every generated page of the version: agencies (and their earlier quarters'
    tasks), deadline dates, documents, and the full text of each earlier quarter."""
    pages = [
        PlannedPage(f"{urls.agency(a).rstrip('/')}.md", "trang_co_quan", a) for a in index.agencies
    ]
    pages += [
        PlannedPage(f"{urls.agency_history(a).rstrip('/')}.md", "lich_su_co_quan", a)
        for a, view in index.agencies.items()
        if view.earlier
    ]
    pages += [
        PlannedPage(f"{urls.deadline(d).rstrip('/')}.md", "trang_thoi_han", d.isoformat())
        for d in index.by_date
    ]
    pages += [
        PlannedPage(f"{urls.document(d).rstrip('/')}.md", "trang_van_ban", d)
        for d in index.documents
    ]
    pages += [
        PlannedPage(f"{urls.full_text(q.key).rstrip('/')}.md", "toan_van_quy", q.key)
        for q in index.quarters[:-1]
    ]
    return pages


def index_for(data_file: Path, name: str, quarter: str | None) -> SiteIndex:
    """Load, validate and index the data once per build (and again only if it changed)."""
    stat = data_file.stat()
    return _cached_index(data_file.resolve(), name, quarter or None, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _cached_index(
    data_file: Path, name: str, quarter: str | None, _mtime: int, _size: int
) -> SiteIndex:
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
