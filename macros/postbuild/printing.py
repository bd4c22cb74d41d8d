"""Which pages of a built version are printed to PDF, and where each PDF goes."""

from __future__ import annotations

from pathlib import Path

from macros.index.site_index import SiteIndex
from macros.postbuild.pdf import PrintJob
from macros.render import urls


def print_jobs(index: SiteIndex, site_dir: Path) -> list[PrintJob]:
    """Every agency page with tasks that bind it, and the all-agencies page, to PDF; each
    titled with its agency and quarter (the title a PDF reader shows)."""
    conclusion = index.conclusion
    key = conclusion.key
    jobs = [
        PrintJob(
            site_dir / urls.agency(a) / "index.html",
            site_dir / urls.agency_pdf(a, key),
            f"{view.agency.name} — Trích Kết luận {conclusion.title}",
        )
        for a, view in index.agencies.items()
        if view.binding_count
    ]
    everyone = f"Nhiệm vụ của các cơ quan, đơn vị — Kết luận {conclusion.title}"
    page = site_dir / urls.PRINT / "index.html"
    jobs.append(PrintJob(page, site_dir / urls.all_agencies_pdf(key), everyone))
    return jobs
