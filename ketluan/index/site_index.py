"""Indexes over the validated data, built once per build for one quarter's version.

A version shows the state as of its quarter: its own conclusion, and the agencies and
documents that the conclusions up to it refer to. Nothing from later quarters leaks in.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from ketluan.index.status import TaskState, state_as_of
from ketluan.model import (
    TASK_AGENCY_FIELDS,
    Agency,
    Conclusion,
    Dataset,
    Deadline,
    Directive,
    Document,
    Footnote,
    Recurrence,
    StatusReport,
    Target,
    Task,
)
from ketluan.model.calendar import find_quarter, planning_year
from ketluan.model.keys import TaskRef
from ketluan.model.membership import collectives_of
from ketluan.model.outline import (
    Text,
    addressing_heading,
    assigning_heading,
    body_texts,
    effective_lead,
    printed_references,
    quarter_tasks,
    task_anchor,
    text_tasks,
    texts,
)
from ketluan.model.pickling import quick_pickle
from ketluan.text.deadlines import DeadlinePhraseError, parse_deadline
from ketluan.text.mentions import MentionFinder
from ketluan.text.symbols import SymbolError, issuer_level, parse_symbol
from ketluan.text.vietnamese import collation_key, footnote_markers, opening_words, vi_date


def document_level(doc: Document) -> str:
    """The issuing level of a document (a key of `labels.LEVELS`)."""
    issuer = doc.issuer
    if doc.symbol is not None:
        # A symbol that does not parse cannot pass validation; keep the declared issuer.
        with contextlib.suppress(SymbolError):
            issuer = parse_symbol(doc.symbol).issuer
    return issuer_level(issuer) if issuer else "khac"


def document_label(doc: Document) -> str:
    """How a document is named in lists: "Nghị quyết số 57-NQ/TW", its title when
    unnumbered, else its type and date ("Kế hoạch chưa ghi số, ngày 05/5/2026")."""
    if doc.symbol is not None:
        return f"{doc.type} số {doc.symbol}"
    if doc.title:
        return doc.title
    when = f", ngày {vi_date(doc.date)}" if doc.date else ""
    return f"{doc.type} chưa ghi số{when}"


def stated_by(target: Target, of: Conclusion) -> bool:
    """Whether a target's phrase itself states its date ("hết quý II năm 2026 đạt trên
    30%"), rather than the editor deriving it from the context."""
    try:
        parse_deadline(target.phrase, default_year=planning_year(of.key))
    except DeadlinePhraseError:
        return False
    return True


@quick_pickle
@dataclass(frozen=True, slots=True)
class Role:
    """An agency leading a task, and the number of the heading it leads it from, if the
    task names nobody (or inherits): "2" for "2. Đối với Đảng ủy Ủy ban nhân dân tỉnh".
    As an `Entry.addressed`, the agency a heading addresses over a paragraph that names
    its own lead."""

    agency: Agency
    heading: str | None = None

    @property
    def inherited(self) -> bool:
        """Whether the lead comes from a heading, not from the paragraph itself."""
        return self.heading is not None


TITLE = 50  # characters of a task's title (`Entry.title`)


@quick_pickle
@dataclass(frozen=True, slots=True)
class Entry:
    """A task with everything it refers to resolved."""

    conclusion: Conclusion
    task: Task
    lead: tuple[Role, ...]
    support: tuple[Agency, ...]
    report_to: tuple[Agency, ...]
    accountable: tuple[Agency, ...]
    documents: tuple[Document, ...]
    reference: str  # as a reader cites it: "Mục 2.2, gạch đầu dòng thứ 3"
    position: int = 0  # in its quarter's document order
    duties: tuple[Agency, ...] = ()  # given a part of their own beside the lead's
    # The agencies the enclosing heading addresses ("2. Đối với Đảng ủy Ủy ban nhân dân
    # tỉnh") when the paragraph names another lead: the task is given to them too,
    # through the heading.
    addressed: tuple[Role, ...] = ()
    # The directive the task belongs to, and the registry's record of it; None: its
    # quarter's conference conclusion.
    directive: Directive | None = None
    issued_as: Document | None = None
    # The task's identity across quarters: "2026-q1/II.2.2", or with its directive
    # "2026-q2/ke-hoach-12-kh-tu-2026/1.a" (asked of every task on every page that lists
    # it: made once).
    ref: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ref = TaskRef(self.conclusion.key, self.task.id, self.document_id)
        object.__setattr__(self, "ref", str(ref))

    @property
    def source_label(self) -> str:
        """The task's document as a reader names it: "Kế hoạch số 12-KH/TU", "Kết luận
        Quý I/2026"."""
        if self.issued_as is not None:
            return document_label(self.issued_as)
        c = self.conclusion
        return f"Kết luận số {c.symbol}" if c.symbol else f"Kết luận {c.title}"

    @property
    def source(self) -> Text:
        """The document whose text holds the task (its footnotes, its corrections)."""
        return self.directive or self.conclusion

    @property
    def document_id(self) -> str | None:
        """The registry document of the task's directive (None: the conclusion)."""
        return self.directive.document if self.directive else None

    @property
    def anchor(self) -> str:
        """Its HTML anchor, in its document's full text and on every card."""
        return task_anchor(self.task, self.document_id)

    @property
    def opening(self) -> str:
        """The task's own opening words, verbatim, cut at a word: how a list names it
        to a reader, beside its `reference` (an internal id never reaches one)."""
        return opening_words(self.task.text)

    @property
    def title(self) -> str:
        """Its opening words, shorter: the task's title in search results and for screen
        readers, on every card of every page (the full text holds hundreds)."""
        return opening_words(self.task.text, TITLE)

    @property
    def leaders(self) -> tuple[Agency, ...]:
        """The agencies leading the task, inherited or named."""
        return tuple(r.agency for r in self.lead)

    @property
    def agencies(self) -> tuple[Agency, ...]:
        """Every agency the task assigns work to, lead first."""
        return self.leaders + self.duties + self.support

    @property
    def bound(self) -> tuple[Agency, ...]:
        """Every agency the task binds by name or heading, each once: its lead, the
        heading's addressee, its own parts, support and those held accountable."""
        addressed = tuple(r.agency for r in self.addressed)
        return tuple(dict.fromkeys((*self.agencies, *addressed, *self.accountable)))

    @property
    def footnotes(self) -> tuple[Footnote, ...]:
        """The footnotes whose markers stand in the task's text, in marker order."""
        notes = {f.number: f for f in self.source.footnotes}
        return tuple(notes[n] for n in footnote_markers(self.task.text) if n in notes)

    @property
    def report_deadlines(self) -> tuple[Deadline, ...]:
        """The deadlines of the task's report (what its recipients wait for)."""
        return tuple(d for d in self.task.deadlines if d.report)


@quick_pickle
@dataclass(frozen=True, slots=True)
class Due:
    """One deadline of one task."""

    entry: Entry
    deadline: Deadline


@quick_pickle
@dataclass(frozen=True, slots=True)
class AgencyView:
    """What one agency's page shows."""

    agency: Agency
    lead: tuple[Entry, ...]  # this version's tasks it leads
    support: tuple[Entry, ...]
    accountable: tuple[Entry, ...]  # tasks the text holds it accountable for (not its own)
    collective: tuple[tuple[Entry, Agency], ...]  # tasks a collective it belongs to leads
    reports_to_it: tuple[Entry, ...]
    dues: tuple[Due, ...]  # deadlines of this version's tasks it leads, by date
    earlier: tuple[Entry, ...]  # tasks of earlier quarters it led or supported
    addressed: tuple[Entry, ...] = ()  # tasks given to it through a heading
    duties: tuple[Entry, ...] = ()  # tasks giving it a part of its own

    @property
    def task_count(self) -> int:
        """This version's tasks it leads, supports or answers for (its own, not its
        collectives')."""
        return len(self.own)

    @property
    def own(self) -> tuple[Entry, ...]:
        """This version's tasks given to it by name or heading, each once, in document
        order (`tasks` adds its collectives')."""
        return _in_order(self.lead, self.addressed, self.duties, self.support, self.accountable)

    @property
    def tasks(self) -> tuple[Entry, ...]:
        """Every task of this version that binds it, its collectives' included, each
        once, in document order: what its sheet, CSV and calendar hold."""
        return _in_order(self.own, tuple(e for e, _group in self.collective))

    @property
    def roles(self) -> dict[str, int]:
        """How many tasks it has in each role, by the role's Vietnamese name."""
        return {
            "chủ trì": len(self.lead),
            "giao qua đề mục": len(self.addressed),
            "phần việc riêng": len(self.duties),
            "phối hợp": len(self.support),
            "chịu trách nhiệm": len(self.accountable),
            "giao chung": len(self.collective),
            "nhận báo cáo": len(self.reports_to_it),
        }

    @property
    def binding_count(self) -> int:
        """Every task of this version that binds it, its collectives' included."""
        return len(self.tasks)


def _in_order(*lists: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """The entries of `lists`, each once (by ref), in document order."""
    found = {e.ref: e for entries in lists for e in entries}
    return tuple(sorted(found.values(), key=lambda e: (e.conclusion.key, e.position)))


@quick_pickle
@dataclass(frozen=True, slots=True)
class DocumentView:
    """What one document's page shows."""

    document: Document
    citing: tuple[Entry, ...]  # this version's tasks citing it
    earlier: tuple[Entry, ...]  # tasks of earlier quarters citing it
    in_review: bool  # cited by this version's review of last quarter
    # Its date as the text writes it where it cites it ("08/01/2026"), if it does.
    date_as_written: str | None = None
    # When the document is one of the site's directives: its text and its quarter.
    directive: Directive | None = None
    quarter: Conclusion | None = None
    tasks: tuple[Entry, ...] = ()  # a directive's own tasks, in its order
    # The directives of the version that carry it out: their preambles cite it.
    carried_out_by: tuple[Document, ...] = ()


# A version's year, in quarters (`SiteIndex.year`).
YEAR = 4


@dataclass(frozen=True, eq=False)
class SiteIndex:
    """Everything the pages of one version need, computed once.

    A version is a quarter's conclusion with the earlier quarters' tasks and the status
    reports its quarters record: those made by its meeting, and those the agencies sent
    in afterwards and the Office imported into it (`ketluan reports import`), until the
    next quarter's version takes over. The earlier tasks are indexed for what this
    version says of them (their state now, what carries them on, what is still open);
    their texts and dates are published in their own versions.
    """

    dataset: Dataset
    quarters: tuple[Conclusion, ...]  # this version's quarter and the earlier ones
    conclusion: Conclusion  # this version's
    entries: tuple[Entry, ...]  # this version's tasks, in document order
    earlier: tuple[Entry, ...]  # the earlier quarters' tasks, oldest first
    agencies: Mapping[str, AgencyView]  # in scope, by id
    documents: Mapping[str, DocumentView]
    dues: tuple[Due, ...]  # this version's deadlines, by date then document order
    by_date: Mapping[date, tuple[Due, ...]]  # every quarter's deadlines, by date
    targets: tuple[tuple[Entry, Target], ...]
    recurrences: tuple[tuple[Entry, Recurrence], ...]
    reports: Mapping[str, tuple[StatusReport, ...]]  # by task ref, the version's quarters'

    continued_by: Mapping[str, tuple[Entry, ...]]  # task ref → later tasks carrying it on
    by_ref: Mapping[str, Entry]  # every task of the version, by "2026-q1/II.2.2"
    mentions: MentionFinder

    @property
    def as_of(self) -> date:
        """The version's date: its conclusion's meeting."""
        return self.conclusion.meeting_date

    @cached_property
    def reports_as_of(self) -> date:
        """The day this version's statuses speak of: its meeting, or its newest report
        when one came in after it."""
        return max([self.as_of, *(r.date for rs in self.reports.values() for r in rs)])

    def state(self, entry: Entry) -> TaskState:
        """What became of a task, as of this version's newest report (or its meeting):
        its lead's reports, and the Office's own (no agency); a supporter speaks of its
        own part, never of the task's status."""
        # Asked of a task on each page that lists it, and of ten years' tasks by the
        # history pages' counts: found once.
        found = self._states.get(entry.ref)
        if found is None:
            leads = {a.id for a in entry.leaders}
            reports = [
                r for r in self.reports.get(entry.ref, ()) if r.agency is None or r.agency in leads
            ]
            found = self._states[entry.ref] = state_as_of(
                entry.task.deadlines, reports, self.reports_as_of
            )
        return found

    @cached_property
    def _states(self) -> dict[str, TaskState]:
        return {}

    def support_reports(self, entry: Entry) -> tuple[StatusReport, ...]:
        """What each agency that does not lead the task last reported of its own part,
        as of this version, in the order the task names them: shown as theirs, never as
        the task's status."""
        leads = {a.id for a in entry.leaders}
        latest: dict[str, StatusReport] = {}
        for report in self.reports.get(entry.ref, ()):
            who = report.agency
            if who is None or who in leads or report.date > self.reports_as_of:
                continue
            if who not in latest or report.date >= latest[who].date:
                latest[who] = report
        order = [a.id for a in entry.support] + sorted(latest)
        return tuple(latest[a] for a in dict.fromkeys(order) if a in latest)

    @cached_property
    def days(self) -> frozenset[date]:
        """The dates this version's own deadlines fall on: each has its page in this
        version (an earlier quarter's dates have theirs in its own version)."""
        return frozenset(d.deadline.date for d in self.dues)

    def current_dues(self, day: date) -> tuple[Due, ...]:
        """This version's own deadlines on `day`, in document order."""
        return tuple(d for d in self.by_date.get(day, ()) if d.entry.conclusion is self.conclusion)

    def is_current(self, entry: Entry) -> bool:
        """Whether the task belongs to this version's conclusion."""
        return entry.conclusion is self.conclusion

    @cached_property
    def year(self) -> tuple[Conclusion, ...]:
        """The version's year: its quarter and the three before. What a version says of
        earlier quarters in full (their open tasks in calendars, sheets and exports, the
        agencies' table, the documents they cite) stays within it, so that a version is
        the same size in year ten as in year one; older quarters are counted and linked
        to their own versions (#28)."""
        return self.quarters[-YEAR:]

    def in_year(self, entry: Entry) -> bool:
        """Whether the task belongs to one of the version's year's quarters."""
        return entry.conclusion.key in self._year_keys

    @cached_property
    def _year_keys(self) -> frozenset[str]:
        return frozenset(q.key for q in self.year)

    @cached_property
    def open_earlier(self) -> tuple[Entry, ...]:
        """The version's year's earlier tasks with deadlines, still open as of the
        version: not reported done or stopped, and carried on by no newer task (which
        stands for them): what the newest calendars and report sheets keep asking about.
        An older quarter's are on the late-items page, counted by agency."""
        return tuple(
            e
            for e in self.earlier
            if self.in_year(e)
            and e.task.deadlines
            and e.ref not in self.continued_by
            and not (state := self.state(e)).done
            and not state.stopped
        )

    def cited(self, entry: Entry, sep: str = ", ") -> str:
        """How a reader cites a task outside its page: its printed reference, after its
        quarter when an earlier one's and its document when the version holds several:
        "Quý I/2026, Mục 2.2", "Kế hoạch số 12-KH/TU, Mục 1, điểm a"."""
        return sep.join([*self.source_parts(entry), entry.reference])

    def source_parts(self, entry: Entry) -> list[str]:
        """What names a task's origin before its reference: an earlier quarter's title,
        then its document when the version holds several (a conclusion's label holds
        its quarter already)."""
        parts = []
        if not self.is_current(entry) and not (self.several_texts and entry.directive is None):
            parts.append(entry.conclusion.title)
        if self.several_texts:
            parts.append(entry.source_label)
        return parts

    def source_prefix(self, entry: Entry, sep: str = ", ") -> str:
        """What goes before a task's reference or title where a page names it: its
        `source_parts` and `sep` ("Quý I/2026 · "; `sep` after a document's label, which
        a reference continues), or nothing when it has none (a task of the version's
        own conclusion, when that is the version's only text)."""
        parts = self.source_parts(entry)
        if not parts:
            return ""
        return " · ".join(parts) + (sep if self.several_texts else " · ")

    def collectives_of(self, agency_id: str) -> set[str]:
        """Every collective the agency belongs to, directly or through another."""
        return collectives_of(agency_id, self.dataset_agencies)

    @cached_property
    def several_texts(self) -> bool:
        """Whether the version's quarters hold directives beside their conclusions: then
        every task names its document ("Kế hoạch số 12-KH/TU, Mục 1, điểm a")."""
        return any(q.directives for q in self.quarters)

    @cached_property
    def directives(self) -> tuple[DocumentView, ...]:
        """This version's quarter's directives, in the order the data lists them."""
        return tuple(self.documents[d.document] for d in self.conclusion.directives)

    @cached_property
    def dataset_agencies(self) -> Mapping[str, Agency]:
        """Every agency of the registry, by id (made once: each agency's calendar and
        sheet asks for its collectives)."""
        return {a.id: a for a in self.dataset.agencies}

    @cached_property
    def agency_counts(self) -> dict[str, int]:
        """What the agencies of this version are, by Vietnamese name: given tasks (their
        collectives' included), only receiving reports, only named in the text."""
        views = self.agencies.values()
        tasked = sum(1 for v in views if v.binding_count)
        reporting = sum(1 for v in views if not v.binding_count and v.reports_to_it)
        return {
            "được giao nhiệm vụ": tasked,
            "chỉ nhận báo cáo": reporting,
            "chỉ được nêu tên": len(self.agencies) - tasked - reporting,
        }

    @cached_property
    def dataset_documents(self) -> Mapping[str, Document]:
        """Every document of the registry, by id."""
        return {d.id: d for d in self.dataset.documents}

    @cached_property
    def agencies_sorted(self) -> tuple[AgencyView, ...]:
        """Agencies in Vietnamese alphabetical order."""
        return tuple(sorted(self.agencies.values(), key=lambda v: collation_key(v.agency.name)))


def build_index(dataset: Dataset, key: str | None = None) -> SiteIndex:
    """Index the version of quarter `key` (default: the newest quarter).

    Raises UnknownQuarter when the data holds no such quarter.
    """
    position = find_quarter(dataset.quarters, key)
    quarters = dataset.quarters[: position + 1]  # nothing from later quarters leaks in
    conclusion = quarters[-1]
    agencies = {a.id: a for a in dataset.agencies}
    documents = {d.id: d for d in dataset.documents}
    per_quarter = _KEPT.entries(quarters, agencies, documents)
    entries, earlier = per_quarter[-1], tuple(e for es in per_quarter[:-1] for e in es)
    finder = MentionFinder.for_agencies(dataset.agencies)
    scope = _agencies_in_scope(quarters)
    unnamed = {a.id for a in dataset.agencies} - scope
    if unnamed:  # an agency given no task has a page when a text mentions it
        scope |= _mentioned(quarters, finder, unnamed)
    every_due = sorted(
        (Due(e, d) for e in earlier + entries for d in e.task.deadlines),
        key=lambda due: due.deadline.date,  # stable: quarter, then document order
    )
    by_date: dict[date, list[Due]] = defaultdict(list)
    for due in every_due:
        by_date[due.deadline.date].append(due)
    dues = tuple(d for d in every_due if d.entry.conclusion is conclusion)
    return SiteIndex(
        dataset=dataset,
        quarters=quarters,
        conclusion=conclusion,
        entries=entries,
        earlier=earlier,
        agencies=_agency_views(
            sorted(scope),
            agencies,
            entries,
            earlier,
            dues,
        ),
        documents=_document_views(quarters[-YEAR:], entries, earlier, documents),
        dues=dues,
        by_date={d: tuple(v) for d, v in sorted(by_date.items())},
        targets=tuple((e, t) for e in entries for t in e.task.targets),
        recurrences=tuple((e, r) for e in entries for r in e.task.recurrences),
        reports=_reports(quarters),
        continued_by=_continued_by(earlier + entries),
        by_ref={e.ref: e for e in earlier + entries},
        mentions=finder,
    )


class _KeptEntries:
    """The last index's entries of each quarter, taken again for a quarter that is the
    same object under equal registries. The preview indexes ten years at each save, and
    the reader hands back the very objects of every quarter whose text did not change
    (`ketluan.load.quarters`): their 14,000 entries need not be made again (0.2 s)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # the review app indexes from its request threads
        self._registries: tuple[Mapping[str, Agency], Mapping[str, Document]] | None = None
        self._by_quarter: dict[int, tuple[Conclusion, tuple[Entry, ...]]] = {}

    def entries(
        self,
        quarters: Sequence[Conclusion],
        agencies: Mapping[str, Agency],
        documents: Mapping[str, Document],
    ) -> list[tuple[Entry, ...]]:
        """Each quarter's entries, in order."""
        with self._lock:
            # Equal registries: an entry's agencies and documents are equal values,
            # compared by value wherever they are used.
            same = self._registries == (agencies, documents)
            kept = self._by_quarter if same else {}
        # By id: each kept quarter is held here, so no other object can have its id.
        made = [
            hit[1] if (hit := kept.get(id(q))) else tuple(_entries(q, agencies, documents))
            for q in quarters
        ]
        with self._lock:
            self._registries = (agencies, documents)
            self._by_quarter = {id(q): (q, es) for q, es in zip(quarters, made, strict=True)}
        return made


_KEPT = _KeptEntries()


def _reports(quarters: Iterable[Conclusion]) -> dict[str, tuple[StatusReport, ...]]:
    by_task: dict[str, list[StatusReport]] = defaultdict(list)
    for conclusion in quarters:
        for report in conclusion.reports:
            by_task[report.task].append(report)
    return {ref: tuple(sorted(rs, key=lambda r: r.date)) for ref, rs in by_task.items()}


def _continued_by(entries: Iterable[Entry]) -> dict[str, tuple[Entry, ...]]:
    later: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for ref in entry.task.continues:
            later[ref].append(entry)
    return {ref: tuple(es) for ref, es in later.items()}


def _entries(
    conclusion: Conclusion, agencies: Mapping[str, Agency], documents: Mapping[str, Document]
) -> Iterable[Entry]:
    position = 0  # in the quarter's order: the conclusion, then each directive
    for text in texts(conclusion):
        references = printed_references(text)
        directive = text if isinstance(text, Directive) else None
        for task, chain in text_tasks(text):
            cited = dict.fromkeys(c.document for c in task.cites)  # unique, in order
            heading = assigning_heading(task, chain)
            lead = effective_lead(task, chain)
            over = addressing_heading(chain)
            leaders = {a for a, _inherited in lead}
            yield Entry(
                conclusion=conclusion,
                task=task,
                lead=tuple(
                    Role(agencies[a], heading.number if inherited and heading else None)
                    for a, inherited in lead
                ),
                support=tuple(agencies[a] for a in task.support),
                report_to=tuple(agencies[a] for a in task.report_to),
                accountable=tuple(agencies[a] for a in task.accountable),
                documents=tuple(documents[d] for d in cited),
                reference=references[task.id],
                position=position,
                duties=tuple(agencies[a] for a in task.duties),
                addressed=tuple(
                    Role(agencies[a], over.number) for a in over.assignee if a not in leaders
                )
                if over
                else (),
                directive=directive,
                issued_as=documents.get(directive.document) if directive else None,
            )
            position += 1


def _mentioned(quarters: Iterable[Conclusion], finder: MentionFinder, among: set[str]) -> set[str]:
    """The agencies of `among` that the texts mention (by the finder's longest match:
    a name inside a longer one is that one's), found until all of them are."""
    found: set[str] = set()
    for q in quarters:
        for shown in texts(q):
            for _r, _s, text in body_texts(shown):
                found.update(m.target for m in finder.find(text) if m.target in among)
                if found == among:
                    return found
    return found


def _agencies_in_scope(quarters: Iterable[Conclusion]) -> set[str]:
    """The agencies the texts name in their fields: issuers, recipients, each task's."""
    scope: set[str] = set()
    for conclusion in quarters:
        for text in texts(conclusion):
            if text.issuing_body:
                scope.add(text.issuing_body)
            scope.update(r.agency for r in text.recipients if r.agency)
            for task, chain in text_tasks(text):
                scope.update(a for a, _inh in effective_lead(task, chain))
                for key in TASK_AGENCY_FIELDS:
                    scope.update(getattr(task, key))
    return scope


def _by_agency(entries: Iterable[Entry]) -> dict[str, dict[str, list[Entry]]]:
    """Role → agency → the entries giving it that role, in one pass: linear in the
    data. An agency held accountable for a task it also leads or takes part in is
    listed once, in its part (the card says it is held accountable)."""
    out: dict[str, dict[str, list[Entry]]] = {
        role: defaultdict(list)
        for role in ("lead", "addressed", "duties", "support", "accountable", "report_to")
    }
    for e in entries:
        for role in e.lead:
            out["lead"][role.agency.id].append(e)
        for role in e.addressed:
            out["addressed"][role.agency.id].append(e)
        for key in ("duties", "support", "report_to"):
            for agency in getattr(e, key):
                out[key][agency.id].append(e)
        active = {a.id for a in e.agencies}
        for agency in e.accountable:
            if agency.id not in active:
                out["accountable"][agency.id].append(e)
    return out


def _agency_views(
    ids: list[str],
    agencies: Mapping[str, Agency],
    entries: tuple[Entry, ...],
    earlier: tuple[Entry, ...],
    dues: tuple[Due, ...],
) -> dict[str, AgencyView]:
    by_role = _by_agency(entries)
    lead = by_role["lead"]
    old: dict[str, list[Entry]] = defaultdict(list)
    for e in earlier:  # in order, once per agency that leads or supports it
        for agency_id in dict.fromkeys(a.id for a in e.agencies):
            old[agency_id].append(e)
    rank = {id(e): i for i, e in enumerate(entries)}
    # A deadline is its lead's, and the heading's addressee's, who answers for its
    # section: a supporter joins the work, not the lead's dates.
    own: dict[str, list[Due]] = defaultdict(list)
    for due in dues:
        for agency in dict.fromkeys((*due.entry.leaders, *(r.agency for r in due.entry.addressed))):
            own[agency.id].append(due)
    return {
        a: AgencyView(
            agency=agencies[a],
            lead=tuple(lead[a]),
            support=tuple(by_role["support"][a]),
            accountable=tuple(by_role["accountable"][a]),
            collective=_through_collectives(a, agencies, by_role, rank),
            reports_to_it=tuple(by_role["report_to"][a]),
            dues=tuple(own[a]),
            earlier=tuple(old[a]),
            addressed=tuple(by_role["addressed"][a]),
            duties=tuple(by_role["duties"][a]),
        )
        for a in ids
    }


def _through_collectives(
    agency_id: str,
    agencies: Mapping[str, Agency],
    by_role: Mapping[str, Mapping[str, list[Entry]]],
    rank: Mapping[int, int],
) -> tuple[tuple[Entry, Agency], ...]:
    """Tasks that a collective the agency belongs to leads, has a part in or answers
    for, in document order, each once, with the collective that binds it. (A heading
    addressed to a collective gives its members nothing: the paragraph under it names
    whom it gives the task.)"""
    found: dict[int, tuple[Entry, Agency]] = {}
    for group in sorted(collectives_of(agency_id, agencies)):
        for role in ("lead", "duties", "accountable"):
            for entry in by_role[role].get(group, ()):
                if agency_id not in {a.id for a in entry.bound}:
                    found.setdefault(id(entry), (entry, agencies[group]))
    return tuple(sorted(found.values(), key=lambda pair: rank[id(pair[0])]))


def _document_views(
    quarters: tuple[Conclusion, ...],
    entries: tuple[Entry, ...],
    earlier: tuple[Entry, ...],
    documents: Mapping[str, Document],
) -> dict[str, DocumentView]:
    """Every document the year's quarters (`quarters`) cite or hold, with its citing
    tasks: an older quarter's documents have their pages in its own version."""
    conclusion = quarters[-1]
    in_review = {c.document for t in texts(conclusion) for c in t.review.cites}
    citing: dict[str, list[Entry]] = defaultdict(list)
    year = set(map(id, quarters))
    within = tuple(e for e in earlier + entries if id(e.conclusion) in year)
    for e in within:
        for doc in e.documents:
            citing[doc.id].append(e)
    held = {d.document: (q, d) for q in quarters for d in q.directives}
    # A document the year cited or held keeps its page in each version of that year.
    known = {c.document for q in quarters for t in texts(q) for c in t.review.cites}
    known |= set(citing) | set(held)
    written = _dates_as_written(quarters, documents)
    own: dict[str, list[Entry]] = defaultdict(list)
    for e in within:
        if e.document_id:
            own[e.document_id].append(e)
    carrying: dict[str, list[Document]] = defaultdict(list)
    for _quarter, directive in held.values():
        for doc_id in dict.fromkeys(c.document for c in directive.cites):
            carrying[doc_id].append(documents[directive.document])
    known |= set(carrying)
    return {
        doc_id: DocumentView(
            document=documents[doc_id],
            citing=tuple(e for e in citing[doc_id] if e.conclusion is conclusion),
            earlier=tuple(e for e in citing[doc_id] if e.conclusion is not conclusion),
            in_review=doc_id in in_review,
            date_as_written=written.get(doc_id),
            directive=held[doc_id][1] if doc_id in held else None,
            quarter=held[doc_id][0] if doc_id in held else None,
            tasks=tuple(own[doc_id]),
            carried_out_by=tuple(carrying[doc_id]),
        )
        for doc_id in sorted(known)
    }


# A date written in a citation: "ngày 08/01/2026", "ngày 1/4/2026".
_WRITTEN_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def _dates_as_written(
    quarters: Iterable[Conclusion], documents: Mapping[str, Document]
) -> dict[str, str]:
    """Document id → its date as the first citation that writes it does ("08/01/2026"):
    a date within the citation's words that is the document's own date."""
    out: dict[str, str] = {}
    for conclusion in quarters:
        cited = [t.review.cites for t in texts(conclusion)]
        cited += [d.cites for d in conclusion.directives]
        cited += [t.cites for _text, t, _chain in quarter_tasks(conclusion)]
        for cites in cited:
            for citation in cites:
                doc = documents[citation.document]
                if doc.date is None or doc.id in out:
                    continue
                for m in _WRITTEN_DATE.finditer(citation.as_written):
                    day, month, year = (int(g) for g in m.groups())
                    if (year, month, day) == (doc.date.year, doc.date.month, doc.date.day):
                        out[doc.id] = m.group()
                        break
    return out
