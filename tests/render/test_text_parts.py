"""A long full text on several pages (#28): cut where a section begins, every task on
exactly one page and linked there, the first page keeping every anchor for links made
before the cut or by later versions, each page with the footnotes its paragraphs mark."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from sitecheck import FICTIONAL_SCALE

from ketluan.fictional import dump, generate
from ketluan.index.site_index import SiteIndex, build_index
from ketluan.load import validate_text
from ketluan.model.outline import Text, blocks, document_of, task_anchor
from ketluan.render import plan, text_parts, urls
from ketluan.render.pages import SitePages
from ketluan.render.text_parts import TextPart
from ketluan.text.vietnamese import footnote_markers


@pytest.fixture(scope="module")
def index() -> SiteIndex:
    scale = replace(FICTIONAL_SCALE, directives=2)
    return build_index(validate_text(dump(generate(scale)), "mau.yml"))


def _tasks(part: TextPart) -> int:
    return sum(1 for b in part.blocks if b.kind == "task")


@pytest.mark.parametrize("size", [1, 2, 5, 13, 40, 10_000])
def test_a_text_is_cut_before_sections_into_pages_of_at_most_size_tasks(
    index: SiteIndex, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_parts, "TEXT_TASKS", size)
    shown: list[Text] = [index.conclusion, *(v.directive for v in index.directives if v.directive)]
    for text in shown:
        parts = text_parts.text_parts(text)
        assert [b for p in parts for b in p.blocks] == list(blocks(text))  # all, in order
        assert [p.number for p in parts] == list(range(1, len(parts) + 1))
        for part in parts[1:]:
            assert part.blocks[0].kind == "section" and part.starts_at
        for part in parts:
            sections_after_a_task = [
                i
                for i, b in enumerate(part.blocks)
                if b.kind == "section" and any(x.kind == "task" for x in part.blocks[:i])
            ]
            # Over size only when no section begins after its first task.
            assert _tasks(part) <= size or not sections_after_a_task
            marked = {n for b in part.blocks for n in footnote_markers(b.text)}
            assert marked <= part.footnotes
        assert set().union(*(p.footnotes for p in parts)) == {f.number for f in text.footnotes}
        if sum(map(_tasks, parts)) <= size:
            assert len(parts) == 1


def _anchors(html: str) -> list[str]:
    return re.findall(r'<h[2-6] class="kl-sr kl-para__heading" id="([^"]+)"', html)


def test_every_task_is_on_one_page_and_linked_there(
    index: SiteIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_parts, "TEXT_TASKS", 12)
    parts = [p for p in plan.plan(index) if p.kind == "full_text_part"]
    count = len(text_parts.text_parts(index.conclusion))
    assert count >= 3 and [p.arg for p in parts] == [str(n) for n in range(2, count + 1)]
    site = SitePages(index)
    pages = {1: site.full_text(urls.FULL_TEXT)} | {
        int(p.arg): site.generated(p, urls.full_text(part=int(p.arg))) for p in parts
    }
    where = plan.text_pages(index)
    own = [e for e in index.entries if e.document_id is None]
    for number, html in pages.items():
        assert f"(trang {number}/{count})" in html
        assert 'class="kl-pager' in html
        assert sorted(_anchors(html)) == sorted(e.anchor for e in own if where[e.anchor] == number)
        # Each footnote where its marker is, with its way back.
        for n in re.findall(r'id="fnref-(\d+)"', html):
            assert f'id="fn-{n}"' in html
    assert sorted(a for html in pages.values() for a in _anchors(html)) == sorted(
        e.anchor for e in own
    )
    # The first page keeps the others' anchors, each naming its page.
    moved = dict(re.findall(r'<span id="([^"]+)" data-kl-moved="([^"]+)"></span>', pages[1]))
    assert moved == {
        e.anchor: urls.relative(urls.task(e.anchor, part=where[e.anchor]), urls.FULL_TEXT)
        for e in own
        if where[e.anchor] > 1
    }
    assert not any("data-kl-moved" in html for n, html in pages.items() if n > 1)
    # A later page says under which headings, begun before, it goes on.
    cut = text_parts.text_parts(index.conclusion)
    assert any(part.within for part in cut)
    for part in cut:
        said = re.findall(
            r'<p class="kl-continued">(.*?) <span class="kl-note">', pages[part.number]
        )
        assert tuple(said) == part.within
        assert all(h.split(". ")[0] in part.starts_at.split(".") for h in part.within)
    # Cards and search link each task at its page.
    for entry in own:
        assert site.task_url(entry) == urls.task(entry.anchor, part=where[entry.anchor])
    anchors = plan.task_anchors(index)
    for number in pages:
        page = urls.full_text(part=number)
        assert anchors[page] == {e.anchor for e in own if where[e.anchor] == number}


def test_a_long_directive_goes_on_over_pages_of_its_own(
    index: SiteIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_parts, "TEXT_TASKS", 3)
    view = index.directives[0]
    assert view.directive is not None
    doc = document_of(view.directive)
    assert doc is not None
    count = len(text_parts.text_parts(view.directive))
    assert count >= 2
    parts = [
        p
        for p in plan.plan(index)
        if p.kind == "directive_text_part" and p.arg.startswith(f"{doc}/")
    ]
    assert [p.arg for p in parts] == [f"{doc}/{n}" for n in range(2, count + 1)]
    site = SitePages(index)
    second = site.generated(parts[0], urls.directive_text(doc, 2))
    tasks = [b.task for b in text_parts.text_parts(view.directive)[1].blocks if b.task]
    assert sorted(_anchors(second)) == sorted(task_anchor(t, doc) for t in tasks)
    first = site.directive_text(urls.directive_text(doc), doc)
    there = urls.task_in(task_anchor(tasks[0], doc), document=doc, part=2)
    assert f'data-kl-moved="{urls.relative(there, urls.directive_text(doc))}"' in first


def test_a_short_text_is_one_page_as_before(index: SiteIndex) -> None:
    assert not [p for p in plan.plan(index) if p.kind.endswith("_text_part")]
    html = SitePages(index).full_text(urls.FULL_TEXT)
    assert "kl-pager" not in html and "data-kl-moved" not in html and "(trang " not in html
