"""Which pages of a built version are printed to PDF, and where each PDF goes."""

from __future__ import annotations

from pathlib import Path

from macros.index.site_index import SiteIndex
from macros.postbuild.pdf import PrintJob
from macros.render import urls


def print_jobs(index: SiteIndex, site_dir: Path) -> list[PrintJob]:
    """Every agency page with tasks, and the all-agencies print page, to PDF."""
    jobs = [
        PrintJob(site_dir / urls.agency(a) / "index.html", site_dir / urls.agency_pdf(a))
        for a, view in index.agencies.items()
        if view.task_count
    ]
    jobs.append(PrintJob(site_dir / urls.PRINT / "index.html", site_dir / urls.ALL_AGENCIES_PDF))
    return jobs
