"""The Markdown of every page kind, rendered without MkDocs, against reviewed golden files.

Two fictional quarters (`tests/data/two-quarters.yml`) give every kind of page: the
fixed pages of docs/, and per agency, agency history, date, document and earlier full
text. After a deliberate change to a template, regenerate with

    python -m pytest tests/render/test_pages.py --update-goldens

and read the diff in `tests/render/golden/`: it is what officials will see change.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
from sitecheck import REPO

from ketluan.index.site_index import build_index
from ketluan.load import load
from ketluan.render.pages import SitePages
from ketluan.render.plan import FIXED, Kind, plan

DATA = REPO / "tests/data/two-quarters.yml"
GOLDEN = Path(__file__).parent / "golden"
VERSIONS = ("2026-q1", "2026-q2")


def _rendered(key: str) -> dict[str, str]:
    """Every page of version `key`: golden file name → Markdown."""
    index = build_index(load(DATA, name="two-quarters.yml"), key)
    site = SitePages(index, pdf=True)
    pages = {f"{key}/{page.url or 'index/'}index.md": site.fixed(page, page.url) for page in FIXED}
    for planned in plan(index):
        url = planned.src_uri.removesuffix(".md") + "/"
        pages[f"{key}/{url}index.md"] = site.generated(planned, url)
    return pages


@pytest.mark.parametrize("key", VERSIONS)
def test_every_page_matches_its_golden_file(key: str, request: pytest.FixtureRequest) -> None:
    pages = _rendered(key)
    update = request.config.getoption("--update-goldens")
    for name, markdown in pages.items():
        golden = GOLDEN / name
        if update:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(markdown, encoding="utf-8")
            continue
        assert golden.exists(), f"{name} is new: run with --update-goldens and review it"
        assert markdown == golden.read_text(encoding="utf-8"), name
    stored = {p.relative_to(GOLDEN).as_posix() for p in (GOLDEN / key).rglob("*.md")}
    assert stored == set(pages), "golden files of pages that no longer exist"


def test_every_kind_of_page_is_covered() -> None:
    kinds = {p.kind for key in VERSIONS for p in plan(build_index(load(DATA), key))}
    # A bundle split by agency group; late items, a date and an agency over several
    # pages; the communes apart; a full text over several pages: these need a
    # province's tasks (test_print_groups.py, test_paging.py).
    tested_apart = {
        "print_group",
        "lapses_part",
        "deadline_part",
        "communes",
        "agency_part",
        "agency_print",
        "full_text_part",
        "directive_text_part",
    }
    assert kinds | tested_apart == set(get_args(Kind))


def test_every_kind_and_fixed_page_has_its_renderer() -> None:
    for kind in get_args(Kind):
        assert callable(getattr(SitePages, kind)), kind
    for page in FIXED:
        assert callable(getattr(SitePages, page.method)), page.method


def test_the_pages_of_docs_are_exactly_the_fixed_pages() -> None:
    # The recipe for a new page: its docs/ file holds the one macro call of its row.
    docs = REPO / "docs"
    found = {
        p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")
    }
    assert set(found) == {page.source for page in FIXED}
    for page in FIXED:
        calls = re.findall(r"\{\{\s*(\w+)\(\)\s*\}\}", found[page.source])
        assert calls == [page.macro], page.source


def test_the_previous_quarters_open_tasks_are_listed_on_the_agency_page() -> None:
    index = build_index(load(DATA), "2026-q2")
    page = SitePages(index).agency("co-quan/van-phong-tinh-uy/", "van-phong-tinh-uy")
    listed = page[page.index("### Còn mở hoặc quá hạn từ quý trước") :]
    # Quý I: II.1 reported done (not listed), II.3 overdue unreported, III.1 in progress.
    assert re.findall(r'href="\.\./\.\./\.\./2026-q1/toan-van/#(nv-[a-z0-9-]+)"', listed) == [
        "nv-ii-3",
        "nv-iii-1",
    ]
