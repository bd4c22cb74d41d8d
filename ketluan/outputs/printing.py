"""Which pages of a built version are printed to PDF, where each PDF goes, and when
each page is ready to print."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ketluan.index.site_index import SiteIndex
from ketluan.outputs.pdf import PrintJob
from ketluan.render import labels, urls
from ketluan.render.plan import agency_pages, print_groups


def print_jobs(index: SiteIndex, site_dir: Path) -> list[PrintJob]:
    """Every agency page with tasks that bind it, and the all-agencies page (or, when it
    is split, each group's page), to PDF; each titled with its agency and quarter (the
    title a PDF reader shows)."""
    conclusion = index.conclusion
    key = conclusion.key
    # An agency's extract is of the conclusion, or of all the quarter's directives.
    extract = "các văn bản chỉ đạo" if index.several_texts else "Kết luận"
    jobs = [
        PrintJob(
            # An agency whose page goes on over several is printed from all its cards.
            site_dir
            / (urls.agency_print(a) if len(agency_pages(view)) > 1 else urls.agency(a))
            / "index.html",
            site_dir / urls.agency_pdf(a, key),
            f"{view.agency.name} — Trích {extract} {conclusion.title}",
        )
        for a, view in index.agencies.items()
        if view.binding_count
    ]
    everyone = (
        f"Nhiệm vụ của các cơ quan, đơn vị — {extract[0].upper()}{extract[1:]} {conclusion.title}"
    )
    groups = print_groups(index)
    if not groups:
        page = site_dir / urls.PRINT / "index.html"
        jobs.append(PrintJob(page, site_dir / urls.all_agencies_pdf(key), everyone))
    for group in groups:  # a bundle too large for one page: a PDF per group's page
        page = site_dir / urls.print_group(group) / "index.html"
        title = f"{everyone} — {labels.GROUPS[group]}"
        jobs.append(PrintJob(page, site_dir / urls.group_pdf(group, key), title))
    return jobs


class Prints(Protocol):
    """What prints the jobs (`ketluan.outputs.pdf.Printer`)."""

    def add(self, job: PrintJob) -> None: ...
    def finish(self) -> int: ...
    def cancel(self) -> None: ...


class PrintAsWritten:
    """Hands a Printer each page to print as soon as the build has written it.

    The build tells `written` each page it is about to write; that page's file is
    complete when the next one is told (the builder writes pages one by one), and
    `finish` hands over the last one, and any job whose page was never told.
    """

    def __init__(self, printer: Prints, jobs: list[PrintJob]) -> None:
        self._printer = printer
        self._waiting = {job.html.resolve(): job for job in jobs}
        self._last: PrintJob | None = None

    def written(self, html: Path) -> None:
        """The build is writing `html` now (and has written the pages told before)."""
        if self._last is not None:
            self._printer.add(self._last)
        self._last = self._waiting.pop(html.resolve(), None)

    def finish(self) -> int:
        """Print what is left, wait for every PDF; how many were printed."""
        if self._last is not None:
            self._printer.add(self._last)
            self._last = None
        for job in self._waiting.values():
            self._printer.add(job)
        self._waiting.clear()
        return self._printer.finish()

    def cancel(self) -> None:
        """The build failed: stop printing."""
        self._printer.cancel()
