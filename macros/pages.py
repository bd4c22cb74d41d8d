"""Render each page of the site from the index; templates do the presenting.

One `SitePages` per build holds the index and a cache of rendered task cards: a task
appears on the page of each of its agencies, deadlines and documents, and pages at the
same depth link alike (see `urls.relative`), so each card is rendered once per depth.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from markupsafe import Markup

from macros import labels, urls
from macros.indexes import Entry, SiteIndex, document_level
from macros.linkify import Segment, segments
from macros.model import AgencyGroup, Citation, Document
from macros.outline import blocks
from macros.render import environment, render
from macros.timeline import layout


def document_label(doc: Document) -> str:
    """How a document is named in lists: "Nghị quyết số 57-NQ/TW" or its title."""
    if doc.symbol is None:
        return doc.title or doc.id
    return f"{doc.type} số {doc.symbol}"


class SitePages:
    """The pages of one version of the site."""

    def __init__(self, index: SiteIndex) -> None:
        self.index = index
        self._corrections = {c.phrase: c for c in index.conclusion.corrections}
        self._cards: dict[tuple[str, str], Markup] = {}

    def segs(self, text: str, cites: tuple[Citation, ...] = ()) -> list[Segment]:
        """A paragraph cut into linkable segments."""
        return segments(
            text, cites=cites, mentions=self.index.mentions, corrections=self._corrections
        )

    def _context(self, here: str) -> dict[str, Any]:
        prefix = urls.relative("", here)
        parts: list[Any] = []  # the template module, made on first use

        def card(entry: Entry) -> Markup:
            key = (entry.ref, prefix)
            if key not in self._cards:
                if not parts:
                    parts.append(environment().get_template("_parts.j2").make_module(context))
                self._cards[key] = Markup(parts[0].task_card(entry))
            return self._cards[key]

        context: dict[str, Any] = {
            "ix": self.index,
            "c": self.index.conclusion,
            "here": here,
            "rel": lambda target: urls.relative(target, here),
            "urls": urls,
            "labels": labels,
            "segs": self.segs,
            "doc_label": document_label,
            "card": card,
        }
        return context

    def home(self, here: str) -> str:
        """The conclusion at a glance."""
        return render(
            "home.md.j2",
            **self._context(here),
            timeline=layout(d.deadline.date for d in self.index.dues),
            next_dues=self.index.dues[:8],
        )

    def full_text(self, here: str) -> str:
        """The conclusion as issued, every task anchored and every reference linked."""
        return render(
            "fulltext.md.j2", **self._context(here), blocks=list(blocks(self.index.conclusion))
        )

    def agencies(self, here: str) -> str:
        """Agencies grouped by group, in Vietnamese alphabetical order."""
        groups: dict[AgencyGroup, list[Any]] = {g: [] for g in AgencyGroup}
        for view in self.index.agencies_sorted():
            groups[view.agency.group].append(view)
        return render("agencies.md.j2", **self._context(here), groups=groups)

    def agency(self, here: str, agency_id: str) -> str:
        """One agency: tasks it leads or supports, its deadlines."""
        view = self.index.agencies[agency_id]
        timeline = layout(d.deadline.date for d in view.dues)
        return render("agency.md.j2", **self._context(here), view=view, timeline=timeline)

    def deadlines(self, here: str) -> str:
        """A timeline by month, then recurring obligations."""
        months: dict[tuple[int, int], list[date]] = defaultdict(list)
        for day in self.index.by_date:
            months[(day.year, day.month)].append(day)
        timeline = layout(d.deadline.date for d in self.index.dues)
        return render("deadlines.md.j2", **self._context(here), months=months, timeline=timeline)

    def deadline(self, here: str, day: str) -> str:
        """What is due on one date."""
        when = date.fromisoformat(day)
        dues = self.index.by_date[when]
        return render("deadline.md.j2", **self._context(here), day=when, dues=dues)

    def documents(self, here: str) -> str:
        """Referenced documents by issuing level, then type."""
        tree: dict[str, dict[str, list[Any]]] = {lvl: defaultdict(list) for lvl in labels.LEVELS}
        for view in self.index.documents.values():
            tree[document_level(view.document)][view.document.type].append(view)
        for types in tree.values():
            for views in types.values():
                views.sort(key=lambda v: (v.document.issued_year or 0, v.document.date or date.min))
        return render("documents.md.j2", **self._context(here), tree=tree)

    def document(self, here: str, document_id: str) -> str:
        """One document and every task citing it."""
        view = self.index.documents[document_id]
        return render("document.md.j2", **self._context(here), view=view)

    def targets(self, here: str) -> str:
        """Every quantitative target with its agency and date."""
        return render("targets.md.j2", **self._context(here))
