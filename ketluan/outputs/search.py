"""Reshape Material's search index: a result per task, and each page's weight.

Material's search plugin writes one entry per page and one per heading with an id; the
pages give every task card and every task of the full text such a heading (see
`_parts.j2`, `fulltext.md.j2`). Two things are left to do once the index is written:

- Material shows, per page, its best result and folds the others away ("3 more on this
  page"), so of the ten tasks of the full text a query matches, one would show. A task
  of the full text becomes a result of its own: its location gets a query
  (`toan-van/?nv=nv-ii-2-6`), which makes it a page to Material, and the page's script
  (`ketluan-search.js`) scrolls to the task it names.
- Each entry gets its page's weight (`ketluan.render.plan.search_weight`): an agency's
  page is what its name finds; the pages that repeat tasks by date or document weigh
  less than the tasks themselves; a page of weight 0 is left out.

Diacritics are folded in the browser, by the lunr language file in
`overrides/assets/javascripts/lunr/min/lunr.vi.min.js`, not here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TASK_QUERY = "nv"  # toan-van/?nv=nv-ii-2-6: the parameter ketluan-search.js reads


@dataclass(frozen=True, slots=True)
class SearchPlan:
    """What reshaping needs to know of the site's pages, by page URL ("co-quan/x/")."""

    # (weight of the page's own entry, weight of its headings' entries); 1 is Material's.
    weights: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    # The full-text pages, each with the anchors of its tasks.
    task_anchors: Mapping[str, Set[str]] = field(default_factory=dict)


def task_location(page: str, anchor: str) -> str:
    """Where a task of the full text is found from a search result."""
    return f"{page}?{TASK_QUERY}={anchor}"


def reshape(index: dict[str, Any], plan: SearchPlan) -> dict[str, Any]:
    """Material's index with the full text's tasks as results of their own and every
    entry weighted (those of weight 0 left out); entries keep their order (Material
    expects a page's own entry before its headings')."""
    docs = []
    for doc in index.get("docs", []):
        page, _, anchor = str(doc.get("location", "")).partition("#")
        out = dict(doc)
        if anchor and anchor in plan.task_anchors.get(page, ()):
            out["location"] = task_location(page, anchor)
            weight = plan.weights.get(page, (1.0, 1.0))[0]
        else:
            weight = plan.weights.get(page, (1.0, 1.0))[1 if anchor else 0]
        if weight == 0.0:
            continue
        if weight != 1.0:
            out["boost"] = weight
        docs.append(out)
    return {**index, "docs": docs}


def reshape_file(path: Path, plan: SearchPlan, docs: list[dict[str, Any]] | None = None) -> None:
    """Rewrite Material's search_index.json in place; `docs`: its entries, when the file
    holds only some (a build that rendered only the pages a save changed)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if docs is not None:
        data["docs"] = docs
    path.write_text(
        json.dumps(reshape(data, plan), ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
