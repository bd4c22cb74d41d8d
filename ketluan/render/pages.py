"""Render each page of the site from the index; templates do the presenting.

One `SitePages` per build holds the index and a cache of rendered task cards: a task
appears on the page of each of its agencies, deadlines and documents, and pages at the
same depth link alike (see `urls.relative`), so each card is rendered once per depth.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from functools import cached_property
from typing import Any

from markupsafe import Markup

from ketluan.index.changes import compare_with_previous, excerpt, wording
from ketluan.index.lapses import Lapses, lapses
from ketluan.index.overview import AgencyTally, bars, communes_apart, overview, together
from ketluan.index.site_index import (
    AgencyView,
    DocumentView,
    Due,
    Entry,
    SiteIndex,
    document_label,
    document_level,
    stated_by,
)
from ketluan.model import (
    Agency,
    AgencyGroup,
    Citation,
    Conclusion,
    Correction,
    Directive,
    Footnote,
)
from ketluan.model.keys import TaskRef
from ketluan.model.outline import Text, document_of
from ketluan.render import labels, urls
from ketluan.render.environment import environment, render
from ketluan.render.linkify import Segment, segments
from ketluan.render.plan import (
    FixedPage,
    PlannedPage,
    agency_pages,
    deadline_pages,
    lapse_pages,
    print_groups,
    text_pages,
)
from ketluan.render.text_parts import part_of, text_parts
from ketluan.render.timeline import layout
from ketluan.text.vietnamese import collation_key, vi_date

# The home page's next deadlines: at least this many, each date's whole.
HOME_UPCOMING = 8
# Each list of the changes page names its tasks one by one up to this many; longer
# ones, counted by lead agency (whose page lists them): at four times a province's
# tasks the page held 1,754 of them, 590 KB.
CHANGES_LISTED = 100
# An agency's history lists the tasks still open of this many latest earlier quarters
# (a year); older quarters are counted, each linked to its own version, so that the page
# stays the same size however many quarters came before (#28: 1.3 MB after 40).
HISTORY_LISTED = 4
# Of those, the open tasks are listed while this many rows are not passed; a quarter
# that would pass them is counted (at four times a province the busiest agency had 600
# open tasks over four quarters: 320 KB).
HISTORY_ROWS = 200
# The deadlines index names a date's tasks up to this many; more, it counts them.
DAY_LISTED = 12
# An agency page's long lists (deadlines, tasks given through a heading, the previous
# quarter's open ones) past this many: compact, or on the history page.
AGENCY_LISTED = 60


def clock_counts(dues: Iterable[Due]) -> str:
    """Deadlines counted by last day, for the reader's clock to count those passed
    without a row each (ketluan-today.js): "2026-06-30:0:4 2026-07-01:1:2", each its
    date, 1 for "before" it, and how many."""
    counts = Counter(
        (due.deadline.date.isoformat(), int(due.deadline.relation.value == "before"))
        for due in dues
    )
    return " ".join(f"{day}:{before}:{n}" for (day, before), n in sorted(counts.items()))


def _date_span(first: date, last: date) -> str:
    """A page's dates as its pager names them: "1/10/2026 – 19/11/2026", or one date."""
    return vi_date(first) if first == last else f"{vi_date(first)} – {vi_date(last)}"


def _issue_order(view: DocumentView) -> tuple[int, bool, date]:
    doc = view.document
    return (doc.issued_year or 0, doc.date is None, doc.date or date.min)


class SitePages:
    """The pages of one version of the site."""

    def __init__(self, index: SiteIndex, *, pdf: bool = False) -> None:
        self.index = index
        self.pdf = pdf  # whether the build prints agency PDFs (and pages link them)
        self._corrections: dict[str, dict[str, Correction]] = {}
        self._cards: dict[tuple[str, str, str, int, str], Markup] = {}
        self._segments: dict[tuple[str, tuple[Citation, ...], str, bool], tuple[Segment, ...]] = {}

    @cached_property
    def print_groups(self) -> dict[AgencyGroup, tuple[AgencyView, ...]]:
        """The print bundle's agencies by group when it is split (empty when not)."""
        return print_groups(self.index)

    def segs(
        self,
        text: str,
        cites: tuple[Citation, ...] = (),
        of: Text | None = None,
        *,
        links: bool = True,
    ) -> tuple[Segment, ...]:
        """A paragraph of text `of` (default: this version's conclusion) cut into
        segments; without `links`, only its probable typos are marked (a quoted
        phrase)."""
        shown = of or self.index.conclusion
        # A conclusion by its quarter, a directive by its document: never the same.
        whose = shown.document if isinstance(shown, Directive) else shown.key
        key = (text, cites, whose, links)
        if key not in self._segments:  # a task's text is on several pages: cut it once
            if whose not in self._corrections:
                self._corrections[whose] = {c.phrase: c for c in shown.corrections}
            self._segments[key] = tuple(
                segments(
                    text,
                    cites=cites,
                    mentions=self.index.mentions if links else None,
                    corrections=self._corrections[whose],
                )
            )
        return self._segments[key]

    def footnotes(self, entry: Entry) -> list[Footnote]:
        """The footnotes whose markers stand in a task's text, in full: they carry real
        directions (what a plan must contain, whom a follow-up covers)."""
        return list(entry.footnotes)

    def task_url(self, entry: Entry) -> str:
        """Where a task stands in its document's full text, on the page of a long text
        that holds it (an earlier quarter's in its own version, at its first page)."""
        key = self._key(entry.conclusion)
        part = 1 if key else self._text_pages[entry.anchor]
        return urls.task_in(entry.anchor, key, entry.document_id, part)

    @cached_property
    def _text_pages(self) -> dict[str, int]:
        return text_pages(self.index)

    def fulltext_url(self, shown: Text) -> str:
        """The full text page of a conclusion or a directive: this version's, or an
        earlier quarter's in its own version."""
        if isinstance(shown, Directive):
            quarter = self.index.documents[shown.document].quarter
            assert quarter is not None  # a directive is held by a quarter
            return urls.in_version(self._key(quarter), urls.directive_text(shown.document))
        return urls.full_text(self._key(shown))

    def _key(self, conclusion: Conclusion) -> str | None:
        return None if conclusion is self.index.conclusion else conclusion.key

    def _context(self, here: str) -> dict[str, Any]:
        prefix = urls.relative("", here)
        parts: list[Any] = []  # the template module, made on first use

        def card(entry: Entry, role: str = "lead", level: int = 3, id_prefix: str = "") -> Markup:
            # The role of the agency whose page shows it: a supporter's card shows the
            # deadlines as its lead's, not its own. `level`: its heading's, under the
            # page's own headings; `id_prefix` keeps ids apart on a page of many agencies.
            key = (entry.ref, prefix, role, level, id_prefix)
            if key not in self._cards:
                if not parts:
                    parts.append(environment().get_template("_parts.j2").make_module(context))
                self._cards[key] = Markup(parts[0].task_card(entry, role, level, id_prefix))
            return self._cards[key]

        context: dict[str, Any] = {
            "index": self.index,
            "conclusion": self.index.conclusion,
            "here": here,
            "rel": lambda target: urls.relative(target, here),
            "urls": urls,
            "labels": labels,
            "segs": self.segs,
            "task_url": self.task_url,
            "fulltext_url": self.fulltext_url,
            "doc_label": document_label,
            "document_issue": lambda doc_id: self.index.dataset_documents[doc_id].source_issue,
            "card": card,
            "footnotes": self.footnotes,
            "stated_by": stated_by,
            "states": self.states,
            "pdf": self.pdf,
            "agency_pdf": lambda agency_id: urls.agency_pdf(agency_id, self.index.conclusion.key),
            "report_sheet": lambda agency_id, kind: urls.report_sheet(
                agency_id, self.index.conclusion.key, kind
            ),
            # The one PDF of every agency; none when the bundle is split by group.
            "all_agencies_pdf": None
            if self.print_groups
            else urls.all_agencies_pdf(self.index.conclusion.key),
        }
        return context

    def generated(self, page: PlannedPage, here: str) -> str:
        """A generated page of the plan (`ketluan.render.plan.plan`), as it is at `here`."""
        renderer: Callable[[str, str], str] = getattr(self, page.kind)
        return renderer(here, page.arg)

    def fixed(self, page: FixedPage, here: str) -> str:
        """A page of docs/ (`ketluan.render.plan.FIXED`), as it is at `here`."""
        renderer: Callable[[str], str] = getattr(self, page.method)
        return renderer(here)

    def home(self, here: str) -> str:
        """The conclusion at a glance."""
        dues = self.index.dues
        ahead = [d for d in dues if d.deadline.date >= self.index.as_of]
        # Shown without JavaScript: the next deadlines after the meeting, the date of the
        # last one shown in full (a date's deadlines are never cut apart). The reader's
        # clock shows the next ones from today among all of them (ketluan-today.js).
        until = ahead[min(HOME_UPCOMING, len(ahead)) - 1].deadline.date if ahead else None
        late = self._lapses.listed
        return render(
            "home.md.j2",
            **self._context(here),
            timeline=layout(d.deadline.date for d in dues),
            dues=dues,
            until=until,
            late=late,
            late_days=clock_counts(lapse.due for lapse in late),
        )

    def upcoming_rows(self) -> str:
        """Every deadline of the quarter as a row of the home page's table of next
        deadlines, for the reader's clock to choose from: a document of its own at
        `urls.UPCOMING_ROWS`, linking from there."""
        here = urls.UPCOMING_ROWS
        return render("upcoming_rows.html.j2", **self._context(here), dues=self.index.dues)

    def full_text(self, here: str) -> str:
        """This version's conclusion as issued, every task anchored and every reference
        linked (an earlier quarter's is in its own version); the first of its pages
        when it is long (`text_parts.TEXT_TASKS`)."""
        return self.full_text_part(here, "1")

    def full_text_part(self, here: str, number: str) -> str:
        """Page `number` of a long conclusion's full text."""
        shown = self.index.conclusion
        return self._text(here, shown, shown, int(number))

    def directive_text(self, here: str, document_id: str) -> str:
        """A directive as issued, every task anchored and every reference linked; the
        first of its pages when it is long."""
        return self.directive_text_part(here, f"{document_id}/1")

    def directive_text_part(self, here: str, arg: str) -> str:
        """Page n of a long directive's full text (`arg`: "<document>/<n>")."""
        document_id, _, number = arg.rpartition("/")
        view = self.index.documents[document_id]
        assert view.directive is not None and view.quarter is not None  # by the plan
        return self._text(here, view.directive, view.quarter, int(number), view)

    def _text(
        self,
        here: str,
        shown: Text,
        quarter: Conclusion,
        number: int,
        view: DocumentView | None = None,
    ) -> str:
        by_ref = self.index.by_ref
        document = document_of(shown)
        parts = text_parts(shown)
        part = parts[number - 1]

        def page(n: int) -> str:
            return urls.directive_text(document, n) if document else urls.full_text(part=n)

        pager = [
            (p.number, page(p.number), f"từ mục {p.starts_at}" if p.starts_at else "")
            for p in parts
        ]
        # The first page keeps the anchor of every task on the others, each sending the
        # reader to its page: a link made before the text was cut, or by a later version.
        moved = [(a, page(n)) for a, n in part_of(shown).items() if n > 1] if number == 1 else []
        return render(
            "fulltext.md.j2",
            **self._context(here),
            shown=shown,
            quarter=quarter,
            view=view,
            entry_of=lambda task: by_ref[str(TaskRef(quarter.key, task.id, document))],
            blocks=part.blocks,
            notes=[f for f in shown.footnotes if f.number in part.footnotes],
            part=number,
            parts=len(parts),
            pager=pager if len(parts) > 1 else [],
            moved=moved,
            within=part.within,
        )

    @cached_property
    def _lapses(self) -> Lapses:
        return lapses(self.index)

    @cached_property
    def _overview(self) -> tuple[date, tuple[AgencyTally, ...]]:
        return overview(self.index)

    def lapses(self, here: str) -> str:
        """The exceptions: deadlines with no completion reported, late by the reader's
        clock (as of the meeting without JavaScript); the first of their pages when
        they are many (`plan.LAPSES_ROWS`)."""
        return self.lapses_part(here, "1")

    def lapses_part(self, here: str, number: str) -> str:
        """Page `number` of the late items, with the count of all of them and a link
        to each page with its dates."""
        parts = lapse_pages(self._lapses)
        pager = [
            (
                n,
                urls.lapses_page(n),
                _date_span(rows[0].due.deadline.date, rows[-1].due.deadline.date),
            )
            for n, rows in enumerate(parts, 1)
            if rows
        ]
        return render(
            "lapses.md.j2",
            **self._context(here),
            items=self._lapses,
            rows=parts[int(number) - 1],
            part=int(number),
            pager=pager if len(pager) > 1 else [],
            late_days=clock_counts(lapse.due for lapse in self._lapses.listed),
        )

    def changes(self, here: str) -> str:
        """What changed since the previous quarter; a long list counted by lead agency
        (`CHANGES_LISTED`)."""
        return render(
            "changes.md.j2",
            **self._context(here),
            ch=compare_with_previous(self.index),
            excerpt=excerpt,
            wording=wording,
            LISTED=CHANGES_LISTED,
            by_lead=self.by_lead,
        )

    def by_lead(self, entries: Iterable[Entry]) -> list[tuple[Agency, int]]:
        """How many of `entries` each agency leads, in the agencies' order."""
        leads = Counter(a.id for e in entries for a in e.leaders)
        return [
            (v.agency, leads[v.agency.id]) for v in self.index.agencies_sorted if leads[v.agency.id]
        ]

    def agencies(self, here: str) -> str:
        """Agencies grouped by group, in Vietnamese alphabetical order."""
        groups: dict[AgencyGroup, list[Any]] = {g: [] for g in AgencyGroup}
        for view in self.index.agencies_sorted:
            groups[view.agency.group].append(view)
        day, tallies = self._overview
        drawn = bars(tallies)
        apart = communes_apart(tallies)
        return render(
            "agencies.md.j2",
            **self._context(here),
            groups=groups,
            tallies=[t for t in tallies if t.view.agency.group is not AgencyGroup.COMMUNE]
            if apart
            else tallies,
            communes=together(apart) if apart else None,
            tally_day=day,
            bars=drawn,
            bar_of={member: bar.key for bar in drawn for member in bar.members},
        )

    def communes(self, here: str, _arg: str = "") -> str:
        """The communes' own overview and list, when they are many
        (`overview.COMMUNES_APART`)."""
        day, tallies = self._overview
        views = [v for v in self.index.agencies_sorted if v.agency.group is AgencyGroup.COMMUNE]
        return render(
            "communes.md.j2",
            **self._context(here),
            views=views,
            tallies=communes_apart(tallies),
            tally_day=day,
            bar_of={t.agency_id: "cap-xa" for t in tallies},
        )

    def agency(self, here: str, agency_id: str) -> str:
        """One agency: what the conclusion gives it, its deadlines, and the previous
        quarter's tasks still open (listed, so that the printout shows them too); the
        first of its pages when it has many tasks (`plan.AGENCY_CARDS`)."""
        return self.agency_part(here, f"{agency_id}/1")

    def agency_part(self, here: str, id_and_number: str) -> str:
        """Page `number` of an agency's ("so-noi-vu/2"): the first holds all but the
        cards past it, which the later ones hold."""
        agency_id, number = id_and_number.split("/")
        part = int(number)
        view = self.index.agencies[agency_id]
        parts = agency_pages(view)
        timeline = layout(d.deadline.date for d in view.dues)
        # The previous quarter's tasks still open or overdue, listed so that the printout
        # shows them; older ones were on that quarter's printout, and all are on the
        # history page (a whole history here made the largest page pass 300 KB at 4×).
        previous = self.index.quarters[-2] if len(self.index.quarters) > 1 else None
        still_open = self._still_open(e for e in view.earlier if e.conclusion is previous)
        shown = {(role, e.ref) for role, e in parts[part - 1]} if len(parts) > 1 else None
        return render(
            "agency.md.j2",
            **self._context(here),
            view=view,
            timeline=timeline,
            still_open=still_open,
            LISTED=AGENCY_LISTED,
            part=part,
            on_page=lambda role, entries: [
                e for e in entries if shown is None or (role, e.ref) in shown
            ],
            collective_on_page=[
                (e, g)
                for e, g in view.collective
                if shown is None or ("collective", e.ref) in shown
            ],
            pager=[
                (n, urls.agency(agency_id, n), f"{len(cards)} nhiệm vụ")
                for n, cards in enumerate(parts, 1)
            ]
            if len(parts) > 1
            else [],
        )

    def agency_print(self, here: str, agency_id: str) -> str:
        """All of an agency's cards on one page, for its PDF, when its own page goes
        on over several."""
        view = self.index.agencies[agency_id]
        return render(
            "print_all.md.j2",
            **self._context(here),
            own=view.agency,
            views=(view,),
            groups=(),
            group=None,
            bundle_pdf=urls.agency_pdf(agency_id, self.index.conclusion.key),
        )

    def _still_open(self, entries: Iterable[Entry]) -> list[Entry]:
        """The tasks not reported done, dropped or paused as of this version."""
        return [e for e in entries if not ((st := self.index.state(e)).done or st.stopped)]

    def agency_history(self, here: str, agency_id: str) -> str:
        """One agency's earlier quarters, newest first: per quarter its tasks' states now
        and those still open; the quarter's tasks themselves are on the agency's page in
        that quarter's own version, linked."""
        view = self.index.agencies[agency_id]
        by_quarter: dict[str, list[Entry]] = {}
        for entry in view.earlier:
            by_quarter.setdefault(entry.conclusion.key, []).append(entry)
        quarters = [(entries[0].conclusion, entries) for entries in reversed(by_quarter.values())]
        listed = []
        rows = 0
        for quarter, entries in quarters[:HISTORY_LISTED]:
            still = self._still_open(entries)
            shown = rows + len(still) <= HISTORY_ROWS
            rows += len(still) if shown else 0
            listed.append((quarter, entries, still, shown))
        return render(
            "agency_history.md.j2",
            **self._context(here),
            view=view,
            listed=listed,
            counted=quarters[HISTORY_LISTED:],
        )

    def states(self, entries: tuple[Entry, ...]) -> list[tuple[str, int]]:
        """How many tasks are in each state, most frequent first."""
        counts = Counter(self.index.state(e).label for e in entries)
        return counts.most_common()

    def deadlines(self, here: str) -> str:
        """This quarter's deadlines by month and its recurring duties; earlier quarters'
        are linked to their own versions."""
        current: dict[date, list[Due]] = defaultdict(list)
        for due in self.index.dues:
            current[due.deadline.date].append(due)
        months: dict[tuple[int, int], list[date]] = defaultdict(list)
        for day in current:
            months[(day.year, day.month)].append(day)
        timeline = layout(d.deadline.date for d in self.index.dues)
        return render(
            "deadlines.md.j2",
            **self._context(here),
            months=months,
            current=current,
            timeline=timeline,
            DAY_LISTED=DAY_LISTED,
        )

    def deadline(self, here: str, day: str) -> str:
        """What this quarter's tasks have due on one date, as cards (the first of its
        pages when they are many: `plan.DEADLINE_CARDS`)."""
        return self.deadline_part(here, f"{day}/1")

    def deadline_part(self, here: str, day_and_number: str) -> str:
        """Page `number` of a date's deadlines ("2027-03-31/2"), linking the others."""
        day, number = day_and_number.split("/")
        when = date.fromisoformat(day)
        current = self.index.current_dues(when)
        parts = deadline_pages(current)
        return render(
            "deadline.md.j2",
            **self._context(here),
            day=when,
            current=current,
            shown=parts[int(number) - 1],
            part=int(number),
            pager=[(n, urls.deadline(when, n), "") for n in range(1, len(parts) + 1)]
            if len(parts) > 1
            else [],
        )

    def documents(self, here: str) -> str:
        """Referenced documents by issuing level, then type."""
        grouped: dict[str, dict[str, list[Any]]] = {lvl: defaultdict(list) for lvl in labels.LEVELS}
        for view in self.index.documents.values():
            grouped[document_level(view.document)][view.document.type].append(view)
        tree: dict[str, dict[str, list[Any]]] = {}
        for level, types in grouped.items():
            # Types in Vietnamese order ("Đề án" before "Kế hoạch"); within one, by year,
            # a year-only document after the dated ones of its year.
            tree[level] = {
                kind: sorted(views, key=_issue_order)
                for kind, views in sorted(types.items(), key=lambda kv: collation_key(kv[0]))
            }
        return render("documents.md.j2", **self._context(here), tree=tree)

    def document(self, here: str, document_id: str) -> str:
        """One document and every task citing it."""
        view = self.index.documents[document_id]
        return render("document.md.j2", **self._context(here), view=view)

    def print_all(self, here: str) -> str:
        """Every agency's tasks of this quarter, one agency after another, each from a
        new page; past `plan.BUNDLE_CARDS` cards, links to a page per agency group
        instead. Earlier quarters are in their own versions' bundles."""
        groups = self.print_groups
        if groups:  # too large for one page: an index of the groups' pages
            key = self.index.conclusion.key
            return render(
                "print_all.md.j2",
                **self._context(here),
                own=None,
                views=(),
                groups=[(g, views, urls.group_pdf(g, key)) for g, views in groups.items()],
                group=None,
                bundle_pdf=None,
            )
        views = [v for v in self.index.agencies_sorted if v.binding_count]
        return render(
            "print_all.md.j2",
            **self._context(here),
            own=None,
            views=views,
            groups=(),
            group=None,
            bundle_pdf=urls.all_agencies_pdf(self.index.conclusion.key),
        )

    def print_group(self, here: str, group: str) -> str:
        """One agency group's agencies for print, each from a new page, when the bundle
        is split (`ketluan.render.plan.print_groups`)."""
        kind = AgencyGroup(group)
        return render(
            "print_all.md.j2",
            **self._context(here),
            own=None,
            views=self.print_groups[kind],
            groups=(),
            group=labels.GROUPS[kind],
            bundle_pdf=urls.group_pdf(group, self.index.conclusion.key),
        )

    def targets(self, here: str) -> str:
        """Every quantitative target with its agency and date."""
        return render("targets.md.j2", **self._context(here))
