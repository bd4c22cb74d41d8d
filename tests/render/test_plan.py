"""The plan's search facts: where tasks stand in the full texts, what each page weighs."""

from __future__ import annotations

from sitecheck import REPO

from ketluan.index.site_index import build_index
from ketluan.load import load
from ketluan.model.outline import task_anchor, text_tasks, walk_tasks
from ketluan.render.plan import FIXED, plan, search_weight, task_anchors

DATA = REPO / "tests" / "data" / "two-quarters.yml"


def test_each_full_text_page_holds_its_own_quarter_s_task_anchors() -> None:
    dataset = load(DATA, name="two-quarters.yml")
    index = build_index(dataset, "2026-q2")
    anchors = task_anchors(index)
    _q1, q2 = dataset.quarters
    (plan_text,) = q2.directives
    directive_page = f"van-ban/{plan_text.document}/toan-van/"
    # Quý I's full text is a page of its own version, not of this one.
    assert set(anchors) == {"toan-van/", directive_page}
    assert anchors["toan-van/"] == {t.anchor for t, _ in walk_tasks(q2.sections)}
    # A directive's tasks stand on its own page, each anchor naming the document.
    assert anchors[directive_page] == {
        task_anchor(t, plan_text.document) for t, _ in text_tasks(plan_text)
    }
    assert all(a.startswith(f"nv-{plan_text.document}-") for a in anchors[directive_page])


def test_agency_pages_weigh_most_and_the_pages_that_repeat_tasks_least() -> None:
    index = build_index(load(DATA, name="two-quarters.yml"), "2026-q2")
    weights: dict[str, tuple[float, float]] = {p.kind: search_weight(p) for p in plan(index)}
    weights |= {p.method: search_weight(p) for p in FIXED}
    assert weights["agency"][0] > weights["full_text"][0] == 1.0
    # A task is found in its full text; the cards that repeat it elsewhere are left out.
    assert weights["full_text"][1] == 1.0 and weights["agency"][1] == 0.0
    assert weights["deadline"][1] == 0.0
    for repeats in ("deadline", "document", "changes", "targets"):
        assert weights[repeats][1] < 1.0
    assert weights["agency_history"] == (0.0, 0.0)  # earlier tasks: in their full texts
