"""Indexes over the validated data, built once per build for one quarter's version.

A version shows the state as of its quarter: its own conclusion, and the agencies and
documents that the conclusions up to it refer to. Nothing from later quarters leaks in.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from macros.checking import body_texts, effective_lead, walk_tasks
from macros.mentions import MentionFinder
from macros.model import (
    Agency,
    Conclusion,
    Dataset,
    Deadline,
    Document,
    Recurrence,
    Section,
    Target,
    Task,
)
from macros.symbols import SymbolError, issuer_level, parse_symbol
from macros.text import collation_key


def document_level(doc: Document) -> str:
    """The issuing level of a document (a key of `labels.LEVELS`)."""
    issuer = doc.issuer
    if doc.symbol is not None:
        # A symbol that does not parse cannot pass validation; keep the declared issuer.
        with contextlib.suppress(SymbolError):
            issuer = parse_symbol(doc.symbol).issuer
    return issuer_level(issuer) if issuer else "khac"


@dataclass(frozen=True, slots=True)
class Role:
    """An agency leading a task, and whether it is inherited from the heading."""

    agency: Agency
    inherited: bool


@dataclass(frozen=True, slots=True)
class Entry:
    """A task with everything it refers to resolved."""

    conclusion: Conclusion
    task: Task
    chain: tuple[Section, ...]
    lead: tuple[Role, ...]
    support: tuple[Agency, ...]
    report_to: tuple[Agency, ...]
    documents: tuple[Document, ...]

    @property
    def ref(self) -> str:
        """The task's identity across quarters: "2026-q1/II.2.2"."""
        return f"{self.conclusion.key}/{self.task.id}"

    @property
    def agencies(self) -> tuple[Agency, ...]:
        """Every agency the task assigns, lead first."""
        return tuple(r.agency for r in self.lead) + self.support


@dataclass(frozen=True, slots=True)
class Due:
    """One deadline of one task."""

    entry: Entry
    deadline: Deadline


@dataclass(frozen=True, slots=True)
class AgencyView:
    """What one agency's page shows."""

    agency: Agency
    lead: tuple[Entry, ...]
    support: tuple[Entry, ...]
    reports_to_it: tuple[Entry, ...]
    dues: tuple[Due, ...]  # deadlines of the tasks it leads or supports, by date
    mentioned: bool  # named in the text of the conclusion

    @property
    def task_count(self) -> int:
        """Tasks it leads or supports."""
        return len(self.lead) + len(self.support)


@dataclass(frozen=True, slots=True)
class DocumentView:
    """What one document's page shows."""

    document: Document
    citing: tuple[Entry, ...]
    in_review: bool  # cited by the review of last quarter


@dataclass(frozen=True)
class SiteIndex:
    """Everything the pages of one version need, computed once."""

    dataset: Dataset
    conclusion: Conclusion
    entries: tuple[Entry, ...]  # the conclusion's tasks, in document order
    agencies: Mapping[str, AgencyView]  # in scope, by id
    documents: Mapping[str, DocumentView]
    dues: tuple[Due, ...]  # every deadline, by date then document order
    by_date: Mapping[date, tuple[Due, ...]]  # deadlines grouped by date, in date order
    targets: tuple[tuple[Entry, Target], ...]
    recurrences: tuple[tuple[Entry, Recurrence], ...]
    mentions: MentionFinder

    def entry(self, task_id: str) -> Entry:
        """The entry of a task of this version's conclusion."""
        return next(e for e in self.entries if e.task.id == task_id)

    def agencies_sorted(self) -> list[AgencyView]:
        """Agencies in Vietnamese alphabetical order."""
        return sorted(self.agencies.values(), key=lambda v: collation_key(v.agency.name))


def build_index(dataset: Dataset, key: str | None = None) -> SiteIndex:
    """Index the version of quarter `key` (default: the newest quarter)."""
    quarters = dataset.quarters
    position = len(quarters) - 1 if key is None else [q.key for q in quarters].index(key)
    conclusion = quarters[position]
    agencies = {a.id: a for a in dataset.agencies}
    documents = {d.id: d for d in dataset.documents}
    entries = tuple(_entries(conclusion, agencies, documents))
    finder = MentionFinder.for_agencies(dataset.agencies)
    mentioned = {m.target for _r, _s, text in body_texts(conclusion) for m in finder.find(text)}
    in_scope = _agencies_in_scope(quarters[: position + 1], mentioned)
    dues = tuple(
        sorted(
            (Due(e, d) for e in entries for d in e.task.deadlines),
            key=lambda due: due.deadline.date,  # stable: document order within a date
        )
    )
    by_date: dict[date, list[Due]] = defaultdict(list)
    for due in dues:
        by_date[due.deadline.date].append(due)
    return SiteIndex(
        dataset=dataset,
        conclusion=conclusion,
        entries=entries,
        agencies=_agency_views(sorted(in_scope), agencies, entries, dues, mentioned),
        documents=_document_views(conclusion, entries, documents),
        dues=dues,
        by_date={d: tuple(v) for d, v in by_date.items()},
        targets=tuple((e, t) for e in entries for t in e.task.targets),
        recurrences=tuple((e, r) for e in entries for r in e.task.recurrences),
        mentions=finder,
    )


def _entries(
    conclusion: Conclusion, agencies: Mapping[str, Agency], documents: Mapping[str, Document]
) -> Iterable[Entry]:
    for task, chain in walk_tasks(conclusion.sections):
        cited = dict.fromkeys(c.document for c in task.cites)  # unique, in order
        yield Entry(
            conclusion=conclusion,
            task=task,
            chain=chain,
            lead=tuple(Role(agencies[a], inh) for a, inh in effective_lead(task, chain)),
            support=tuple(agencies[a] for a in task.support),
            report_to=tuple(agencies[a] for a in task.report_to),
            documents=tuple(documents[d] for d in cited),
        )


def _agencies_in_scope(quarters: Iterable[Conclusion], mentioned: set[str]) -> set[str]:
    scope = set(mentioned)
    for conclusion in quarters:
        scope.add(conclusion.issuing_body)
        scope.update(r.agency for r in conclusion.recipients if r.agency)
        for task, chain in walk_tasks(conclusion.sections):
            scope.update(a for a, _inh in effective_lead(task, chain))
            scope.update(task.support)
            scope.update(task.report_to)
    return scope


def _agency_views(
    ids: list[str],
    agencies: Mapping[str, Agency],
    entries: tuple[Entry, ...],
    dues: tuple[Due, ...],
    mentioned: set[str],
) -> dict[str, AgencyView]:
    # One pass over the tasks fills every agency's lists: linear in the data.
    lead: dict[str, list[Entry]] = defaultdict(list)
    support: dict[str, list[Entry]] = defaultdict(list)
    reports: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        for role in e.lead:
            lead[role.agency.id].append(e)
        for agency in e.support:
            support[agency.id].append(e)
        for agency in e.report_to:
            reports[agency.id].append(e)
    own: dict[str, list[Due]] = defaultdict(list)
    for due in dues:
        for agency_id in dict.fromkeys(a.id for a in due.entry.agencies):
            own[agency_id].append(due)
    return {
        a: AgencyView(
            agency=agencies[a],
            lead=tuple(lead[a]),
            support=tuple(support[a]),
            reports_to_it=tuple(reports[a]),
            dues=tuple(own[a]),
            mentioned=a in mentioned,
        )
        for a in ids
    }


def _document_views(
    conclusion: Conclusion, entries: tuple[Entry, ...], documents: Mapping[str, Document]
) -> dict[str, DocumentView]:
    in_review = {c.document for c in conclusion.review.cites}
    citing: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        for doc in e.documents:
            citing[doc.id].append(e)
    return {
        doc_id: DocumentView(
            document=documents[doc_id],
            citing=tuple(citing[doc_id]),
            in_review=doc_id in in_review,
        )
        for doc_id in sorted(in_review | set(citing))
    }
