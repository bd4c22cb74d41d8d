"""The print bundle: one page (and one PDF) while it opens readily, a page and a PDF per
agency group once it holds too many cards (#28)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitecheck import FICTIONAL_SCALE

from ketluan.fictional import dump, generate
from ketluan.index.site_index import SiteIndex, build_index
from ketluan.load import validate_text
from ketluan.model import AgencyGroup
from ketluan.outputs.printing import print_jobs
from ketluan.render import labels, plan, urls
from ketluan.render.pages import SitePages


@pytest.fixture(scope="module")
def index() -> SiteIndex:
    return build_index(validate_text(dump(generate(FICTIONAL_SCALE)), "mau.yml"))


def test_a_small_bundle_is_one_page_and_one_pdf(index: SiteIndex) -> None:
    assert plan.print_groups(index) == {}
    assert not [p for p in plan.plan(index) if p.kind == "print_group"]
    jobs = print_jobs(index, Path("site"))
    assert jobs[-1].pdf == Path("site") / urls.all_agencies_pdf(index.conclusion.key)


def test_a_large_bundle_is_split_by_agency_group(
    index: SiteIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan, "BUNDLE_CARDS", 10)
    groups = plan.print_groups(index)
    assert len(groups) > 1
    planned = [p for p in plan.plan(index) if p.kind == "print_group"]
    assert [p.arg for p in planned] == list(groups)
    site = SitePages(index, pdf=True)
    overview = site.print_all(urls.PRINT)
    assert "<section" not in overview  # no agency's cards: links to the groups' pages
    key = index.conclusion.key
    for group in groups:
        assert f'href="../{urls.print_group(group)}"' in overview
        assert f'href="../{urls.group_pdf(group, key)}"' in overview
    seen: list[str] = []
    for page in planned:
        html = site.generated(page, urls.print_group(page.arg))
        ids = re.findall(r'<h2 id="([a-z0-9-]+)">', html)
        assert ids == [v.agency.id for v in groups[AgencyGroup(page.arg)]]
        assert labels.GROUPS[AgencyGroup(page.arg)] in html.splitlines()[0]
        seen += ids
    bound = [v.agency.id for v in index.agencies_sorted if v.binding_count]
    assert sorted(seen) == sorted(bound)  # every bound agency once
    pdfs = [j.pdf for j in print_jobs(index, Path("site"))]
    assert Path("site") / urls.all_agencies_pdf(key) not in pdfs
    assert [p for p in pdfs if p.parent.parent.name == "ban-in"] == [
        Path("site") / urls.group_pdf(g, key) for g in groups
    ]
