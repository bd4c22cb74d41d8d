"""Helpers for tests that build the site and read its HTML."""

from __future__ import annotations

import calendar
import os
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urldefrag

import yaml

from ketluan.fictional import Scale

if TYPE_CHECKING:
    from ketluan.render.pages import SitePages

REPO = Path(__file__).resolve().parent.parent

# XML namespaces name vocabularies; browsers never request them.
NAMESPACES = (
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/1998/Math/MathML",
)


def build_site(
    site_dir: Path, data: Path | None = None, quarter: str | None = None, *, pdf: bool = False
) -> str:
    """Build the site strictly into `site_dir`; return MkDocs' log; fail on any error.

    Printing PDFs takes seconds, so only the builds that check them ask for them.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KETLUAN_PDF": "1" if pdf else "0"}
    env.pop("KETLUAN_DATA", None)
    env.pop("KETLUAN_QUARTER", None)
    if data is not None:
        env["KETLUAN_DATA"] = str(data)
    if quarter is not None:
        env["KETLUAN_QUARTER"] = quarter
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site_dir)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


def page_markdown(data: Path, quarter: str | None = None) -> tuple[SitePages, dict[str, str]]:
    """Every page of a version as `SitePages` renders its Markdown, by URL ("" for the
    home page), in process; with the `SitePages` that rendered them."""
    from ketluan.index.site_index import build_index
    from ketluan.load import load
    from ketluan.render.pages import SitePages
    from ketluan.render.plan import FIXED, plan

    index = build_index(load(data), quarter)
    site = SitePages(index, pdf=True)
    pages = {page.url: site.fixed(page, page.url) for page in FIXED}
    for planned in plan(index):
        url = planned.src_uri.removesuffix(".md").removesuffix("index") + "/"
        pages[url.removeprefix("/")] = site.generated(planned, url)
    return site, pages


def render_pages(data: Path, quarter: str | None, folder: Path) -> Path:
    """Every page of a version rendered in process, without MkDocs: the Markdown of
    `SitePages` converted with mkdocs.yml's own Markdown extensions, each page's HTML at
    `folder/<url>/index.html` as a build would place it (the body a build puts in the
    page's `<article>`, without the theme around it). Index behaviour is tested on these;
    links, search, PDFs and markup on a real build."""
    import markdown
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    site, pages = page_markdown(data, quarter)
    from ketluan.render import urls

    (folder / urls.UPCOMING_ROWS).parent.mkdir(parents=True, exist_ok=True)
    (folder / urls.UPCOMING_ROWS).write_text(site.upcoming_rows(), encoding="utf-8")
    for url, text in pages.items():
        converter = markdown.Markdown(
            extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
        )
        target = folder / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(converter.convert(text), encoding="utf-8")
    return folder


class Page(HTMLParser):
    """The links, ids and task cards of one built page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.duplicate_ids: list[str] = []
        self.attrs_with_urls: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                if value in self.ids:
                    self.duplicate_ids.append(value)
                self.ids.add(value)
            if name in ("href", "src", "action", "poster", "data"):
                self.links.append(value)
            if name == "srcset":
                self.links += [part.split()[0] for part in value.split(",") if part.strip()]


def html_files(site: Path) -> list[Path]:
    """Every HTML page of the built site."""
    return sorted(site.rglob("*.html"))


def url_of(site: Path, file: Path) -> str:
    """The directory URL of a built page: site/co-quan/x/index.html → "co-quan/x/"."""
    rel = file.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def resolve(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to; None for external links."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", link) or link.startswith("//"):
        return None
    path, fragment = urldefrag(link)
    if path.startswith("/"):  # 404.html links from the site root (site_url's path is /)
        target = (site / unquote(path).lstrip("/")).resolve()
    else:
        target = (page.parent / unquote(path)).resolve() if path else page
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, fragment


def outside(site: Path, target: Path) -> bool:
    """Whether a link leaves the version's folder (to another version, under mike)."""
    return not target.is_relative_to(site.resolve())


TASK_CARD = re.compile(
    r'<h[2-6] class="kl-task__ref" id="[^"]+"><span data-search-exclude><a class="kl-ref" '
    r'href="(?:\.\./)*(\d{4}-q\d/)?[^"#]*?toan-van/#(nv-[a-z0-9-]+)"'
)


def task_cards(html: str) -> list[str]:
    """The tasks shown as cards on a page, in order: "nv-ii-2-9" for this version's
    conclusion, "2026-q1/nv-ii-2-9" for an earlier quarter's."""
    return [quarter + anchor for quarter, anchor in TASK_CARD.findall(html)]


def section(html: str, heading_text: str) -> str:
    """The HTML from the <h2> whose text starts with `heading_text` to the next <h2>."""
    start = re.search(r"<h2[^>]*>" + re.escape(heading_text), html)
    assert start is not None, heading_text
    end = html.find("<h2", start.end())
    return html[start.start() : end if end != -1 else len(html)]


def pdf_text(pdf: Path) -> str:
    """The text of a PDF, as pdftotext lays it out; pages separated by form feeds."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout


def pdf_title(pdf: Path) -> str:
    """The PDF's title, as a reader's title bar shows it."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    m = re.search(r"^Title:\s+(.*)$", info.stdout, re.M)
    return m.group(1).strip() if m else ""


def page_sizes(pdf: Path) -> list[tuple[int, int]]:
    """Each page's size in points, rounded (A4 is 595 × 842)."""
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"size:\s+([\d.]+) x ([\d.]+) pts", info)
    return [(round(float(w)), round(float(h))) for w, h in sizes]


# An earlier quarter's task is linked in its own version: "../../2026-q1/toan-van/#…".
TASK_LINK = re.compile(
    r'<a class="kl-ref" href="(?:\.\./)*(\d{4}-q\d/)?[^"#]*?toan-van/#(nv-[a-z0-9-]+)"'
)


def task_links(html: str) -> list[str]:
    """Every task reference link, named as `task_cards` names them (history tables too)."""
    return [quarter + anchor for quarter, anchor in TASK_LINK.findall(html)]


# The quarter of the real document: real-data assertions look at its version, so that
# they hold however many quarters the Office adds after it.
REAL_QUARTER = "2026-q1"

# The fictional site of the page tests: three quarters, a tenth of a province's year.
FICTIONAL_SCALE = Scale(quarters=3, agencies=40, communes=20, tasks_per_quarter=60, documents=30)

# The live data file: only the tests whose subject it is read it (its fidelity to the
# source, its own check and schema, the real site's build and its editing loop).
LIVE_DATA = REPO / "data" / "directives.yml"
# A byte-for-byte copy of the live file as it held the real first quarter: every other
# test that needs real data reads this one, so that the Office's next quarter in
# data/directives.yml changes none of them. Never edit it to follow the live file.
REAL_DATA = REPO / "tests" / "data" / "real-2026-q1.yml"


ROLES = ("lead", "addressed", "duties", "support", "accountable", "collective")


def real_assignments() -> dict[str, dict[str, Any]]:
    """Agency id → what the real conclusion gives it (tests/data/real-assignments.yml,
    checked by hand): lead, addressed, duties, support, accountable, collective (task
    ids in document order), reports (task id → report deadlines), deadlines (task id →
    dates it owns)."""
    table = yaml.safe_load((REPO / "tests/data/real-assignments.yml").read_text(encoding="utf-8"))
    assert table["quarter"] == REAL_QUARTER
    out: dict[str, dict[str, Any]] = {}
    for agency, given in table["agencies"].items():
        out[agency] = {role: list(given.get(role, [])) for role in ROLES}
        out[agency]["reports"] = dict(given.get("reports", {}))
        out[agency]["deadlines"] = dict(given.get("deadlines", {}))
    return out


def assigned() -> dict[str, set[str]]:
    """Ids of the real conclusion's tasks on each agency's page and printout, whatever
    the role (the table's); agencies given nothing are left out."""
    out = {
        agency: {task for role in ROLES for task in given[role]}
        for agency, given in real_assignments().items()
    }
    return {agency: tasks for agency, tasks in out.items() if tasks}


def grown_data(folder: Path) -> Path:
    """A copy of the real data with a plainly fictional next quarter appended after its
    last quarter (the real one, or any the Office has added since)."""
    real = LIVE_DATA.read_text(encoding="utf-8")
    last = yaml.safe_load(real)["quarters"][-1]
    year, q = int(last["key"][:4]), int(last["key"][-1])
    year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    meeting: date = last["meeting_date"] + timedelta(days=91)  # in the quarter after
    due = meeting + timedelta(days=60)
    due = date(due.year, due.month, calendar.monthrange(due.year, due.month)[1])
    fields = {
        "key": f"{year}-q{q}",
        "title": f"Quý {('I', 'II', 'III', 'IV')[q - 1]}/{year}",
        "meeting": meeting.isoformat(),
        "reported": (last["meeting_date"] + timedelta(days=30)).isoformat(),
        "due_month": f"{due.month}/{due.year}",
        "due": due.isoformat(),
    }
    extra = (REPO / "tests/data/real-next-quarter.yml").read_text(encoding="utf-8")
    # The fictional quarter's plan is a document of the registry, listed last there.
    lines = real.rstrip("\n").split("\n")
    at = lines.index("quarters:")
    lines[at:at] = [
        "- id: ke-hoach-hu-cau-999",
        "  type: Kế hoạch",
        "  title: Kế hoạch hư cấu, chỉ dùng để kiểm thử",
        f"  year: {year}",
    ]
    grown = folder / "directives.yml"
    grown.write_text("\n".join(lines) + "\n" + extra.format(**fields), encoding="utf-8")
    return grown


def grown_key(dataset_file: Path) -> str:
    """The key of the quarter `grown_data` appended."""
    return str(yaml.safe_load(dataset_file.read_text(encoding="utf-8"))["quarters"][-1]["key"])


def git(repo: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return out.stdout


def make_project(root: Path, data: str, data_name: str = "mau.yml") -> Path:
    """A git repository holding this project's site sources and a data file
    (`data_name`, relative to the repository)."""
    repo = root / "project"
    repo.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "macros"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, repo / name)
    (repo / data_name).parent.mkdir(parents=True, exist_ok=True)
    (repo / data_name).write_text(data, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "nguồn")
    return repo


def shown_tasks(text: str, references: dict[str, str]) -> set[str]:
    """Ids of the tasks a printed text cites by their printed reference ("Mục 2.2,
    gạch đầu dòng thứ 3"), where `references` maps task id → reference."""
    flat = " ".join(text.split())
    return {
        task_id
        for task_id, ref in references.items()
        if re.search(re.escape(ref) + r"(?!\d|,|\.\d)", flat)
    }
