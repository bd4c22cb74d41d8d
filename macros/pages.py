"""Render each page of the site from the index; templates do the presenting.

Every function takes the index, the URL of the page being rendered (links are
relative, so a version works under any path) and the page's id.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from macros import labels, urls
from macros.indexes import SiteIndex, document_level
from macros.linkify import Segment, segments
from macros.model import AgencyGroup, Citation, Document
from macros.outline import blocks
from macros.render import render
from macros.timeline import layout


def _context(index: SiteIndex, here: str) -> dict[str, Any]:
    corrections = {c.phrase: c for c in index.conclusion.corrections}

    def segs(text: str, cites: tuple[Citation, ...] = ()) -> list[Segment]:
        return segments(text, cites=cites, mentions=index.mentions, corrections=corrections)

    return {
        "ix": index,
        "c": index.conclusion,
        "here": here,
        "rel": lambda target: urls.relative(target, here),
        "urls": urls,
        "labels": labels,
        "segs": segs,
        "doc_label": document_label,
    }


def document_label(doc: Document) -> str:
    """How a document is named in lists: "Nghị quyết số 57-NQ/TW" or its title."""
    if doc.symbol is None:
        return doc.title or doc.id
    return f"{doc.type} số {doc.symbol}"


def home(index: SiteIndex, here: str) -> str:
    """The conclusion at a glance."""
    return render(
        "home.md.j2",
        **_context(index, here),
        timeline=layout(d.deadline.date for d in index.dues),
        next_dues=index.dues[:8],
    )


def full_text(index: SiteIndex, here: str) -> str:
    """The conclusion as issued, every task anchored and every reference linked."""
    return render("fulltext.md.j2", **_context(index, here), blocks=list(blocks(index.conclusion)))


def agencies(index: SiteIndex, here: str) -> str:
    """Agencies grouped by group, in Vietnamese alphabetical order."""
    groups: dict[AgencyGroup, list[Any]] = {g: [] for g in AgencyGroup}
    for view in index.agencies_sorted():
        groups[view.agency.group].append(view)
    return render("agencies.md.j2", **_context(index, here), groups=groups)


def agency(index: SiteIndex, here: str, agency_id: str) -> str:
    """One agency: tasks it leads or supports, its deadlines."""
    view = index.agencies[agency_id]
    return render(
        "agency.md.j2",
        **_context(index, here),
        view=view,
        timeline=layout(d.deadline.date for d in view.dues),
    )


def deadlines(index: SiteIndex, here: str) -> str:
    """A timeline by month, then recurring obligations."""
    months: dict[tuple[int, int], list[date]] = defaultdict(list)
    for day in index.by_date:
        months[(day.year, day.month)].append(day)
    return render(
        "deadlines.md.j2",
        **_context(index, here),
        months=months,
        timeline=layout(d.deadline.date for d in index.dues),
    )


def deadline(index: SiteIndex, here: str, day: str) -> str:
    """What is due on one date."""
    when = date.fromisoformat(day)
    return render("deadline.md.j2", **_context(index, here), day=when, dues=index.by_date[when])


def documents(index: SiteIndex, here: str) -> str:
    """Referenced documents by issuing level, then type."""
    tree: dict[str, dict[str, list[Any]]] = {level: defaultdict(list) for level in labels.LEVELS}
    for view in index.documents.values():
        tree[document_level(view.document)][view.document.type].append(view)
    for types in tree.values():
        for views in types.values():
            views.sort(key=lambda v: (v.document.issued_year or 0, v.document.date or date.min))
    return render("documents.md.j2", **_context(index, here), tree=tree)


def document(index: SiteIndex, here: str, document_id: str) -> str:
    """One document and every task citing it."""
    return render("document.md.j2", **_context(index, here), view=index.documents[document_id])


def targets(index: SiteIndex, here: str) -> str:
    """Every quantitative target with its agency and date."""
    return render("targets.md.j2", **_context(index, here))
