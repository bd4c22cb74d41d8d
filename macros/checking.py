"""What the semantic checks share: where each record came from, and what ids exist."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from macros.model import Conclusion, Section, Task
from macros.problems import Path, Reporter


@dataclass
class Context:
    """Locates model records in the YAML and collects problems about them."""

    reporter: Reporter
    paths: dict[int, Path]
    incomplete: set[int] = field(default_factory=set)  # records already reported invalid
    agency_ids: frozenset[str] = field(default_factory=frozenset)
    document_ids: frozenset[str] = field(default_factory=frozenset)

    def report(self, record: object, sub: Path, message: str) -> None:
        """Report a problem about `record`, at `sub` below its own path.

        A record kept with a default for an invalid field already has its problem
        reported; checking it further would only echo that problem.
        """
        if id(record) in self.incomplete:
            return
        self.reporter.report(self.paths.get(id(record), ()) + sub, message)

    def require_agencies(self, record: object, key: str, ids: Iterable[str]) -> None:
        """Every id in `ids` (the list at `record.key`) must name a known agency."""
        for i, agency in enumerate(ids):
            if agency not in self.agency_ids:
                self.report(
                    record, (key, i), f"cơ quan '{agency}' không có trong danh mục agencies"
                )


def walk_tasks(sections: Iterable[Section]) -> Iterator[tuple[Task, tuple[Section, ...]]]:
    """Every task in document order, with the chain of sections that enclose it."""
    for section in sections:
        yield from _walk(section, (section,))


def walk_sections(sections: Iterable[Section]) -> Iterator[Section]:
    """Every section and subsection, in document order."""
    for section in sections:
        yield section
        yield from walk_sections(section.sections)


def _walk(
    section: Section, chain: tuple[Section, ...]
) -> Iterator[tuple[Task, tuple[Section, ...]]]:
    for task in section.tasks:
        yield task, chain
    for sub in section.sections:
        yield from _walk(sub, (*chain, sub))


def effective_lead(task: Task, chain: tuple[Section, ...]) -> tuple[tuple[str, bool], ...]:
    """The task's lead agencies, each with whether it is inherited from a heading.

    A paragraph under "2. Đối với Đảng ủy Ủy ban nhân dân tỉnh" that names nobody is led
    by the agency that heading addresses: the nearest enclosing assignee.
    """
    inherited: tuple[str, ...] = ()
    if task.inherits_lead:
        for section in reversed(chain):
            if section.assignee:
                inherited = section.assignee
                break
    named = tuple((a, False) for a in task.lead)
    return tuple((a, True) for a in inherited if a not in task.lead) + named


def body_texts(conclusion: Conclusion) -> Iterator[tuple[object, Path, str]]:
    """Every paragraph where a footnote marker or a correction may stand, with the
    record and sub-path that locate it in the YAML."""
    yield conclusion, ("preamble",), conclusion.preamble
    for i, paragraph in enumerate(conclusion.review.paragraphs):
        yield conclusion.review, ("paragraphs", i), paragraph
    for task, _chain in walk_tasks(conclusion.sections):
        yield task, ("text",), task.text
    for footnote in conclusion.footnotes:
        yield footnote, ("text",), footnote.text
