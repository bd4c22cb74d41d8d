"""Walking a conclusion: its tasks and sections, who leads each task, its paragraphs
in the order the source prints them.

The lead-inheritance rule lives here, once: the indexes, the checks and the pages
all ask `effective_lead`. `blocks` serves the full-text page and the fidelity test,
which proves the data holds the whole source: nothing missing, nothing added.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from ketluan.model.pickling import quick_pickle
from ketluan.model.records import Conclusion, Directive, Section, Task

# A text with tasks: a quarter's conference conclusion, or another directive it follows.
Text = Conclusion | Directive

BlockKind = Literal[
    "table_head",
    "table_end",
    "document_type",
    "heading",
    "preamble",
    "section",
    "review",
    "task",
    "recipients_heading",
    "recipients",
    "signer",
    "signer_name",
]


@quick_pickle
@dataclass(frozen=True, slots=True)
class Block:
    """One printed paragraph: its kind, its text as printed, and the task it belongs to."""

    kind: BlockKind
    text: str
    task: Task | None = None
    # A section's level: 1 for "II.", 2 for "1."; a task's is its section's.
    depth: int = 0
    cells: tuple[str, ...] = ()  # an assignment table's header, on its "table_head"


def texts(conclusion: Conclusion) -> tuple[Text, ...]:
    """Every document of a quarter with tasks: its conference conclusion first, then
    the other directives in the order the data lists them."""
    return (conclusion, *conclusion.directives)


def document_of(text: Text) -> str | None:
    """The registry document a directive is (None for the conference conclusion, whose
    tasks' refs and addresses carry no document)."""
    return text.document if isinstance(text, Directive) else None


def top_sections(text: Text) -> tuple[Section, ...]:
    """The text's headings; a directive's paragraphs outside any heading (a letter's
    body) come first, under an unnumbered heading that is never printed."""
    if isinstance(text, Directive) and text.tasks:
        return (Section("", "", tasks=text.tasks), *text.sections)
    return text.sections


def text_tasks(text: Text) -> Iterator[tuple[Task, tuple[Section, ...]]]:
    """Every task of a text in document order, with its enclosing sections."""
    return walk_tasks(top_sections(text))


def quarter_tasks(conclusion: Conclusion) -> Iterator[tuple[Text, Task, tuple[Section, ...]]]:
    """Every task of a quarter, document by document, with its text and sections."""
    for text in texts(conclusion):
        for task, chain in text_tasks(text):
            yield text, task, chain


def task_anchor(task: Task, document: str | None = None) -> str:
    """A task's HTML anchor, the same on every page: "nv-ii-2-2-3"; a directive's task
    carries its document ("nv-ke-hoach-12-kh-tu-2026-iii-1-a"), so that an agency's
    page holding tasks of two documents never repeats an id."""
    if document is None:
        return task.anchor
    return f"nv-{document}-{task.anchor.removeprefix('nv-')}"


def blocks(text: Text) -> Iterator[Block]:
    """Every paragraph of the text, in the order the source prints them."""
    if text.document_type:  # a letter prints none
        yield Block("document_type", text.document_type)
    if text.heading:
        yield Block("heading", "\n".join(text.heading))
    for paragraph in _preamble(text):
        yield Block("preamble", paragraph)
    review = text.review
    if review.number:  # a text without a review part prints none
        yield Block("section", f"{review.number}. {review.title}", depth=1)
    for paragraph in review.paragraphs:
        yield Block("review", paragraph)
    for section in top_sections(text):
        yield from _section(section, 1)
    if text.recipients or isinstance(text, Conclusion):  # a directive may list none
        yield Block("recipients_heading", text.recipients_heading)
        yield Block("recipients", "\n".join(f"- {r.text}" for r in text.recipients))
    signer = text.signer
    if signer is not None:
        authority = " ".join(p for p in (signer.delegation, signer.on_behalf_of) if p)
        yield Block("signer", f"{authority}\n{signer.title}")
        yield Block("signer_name", signer.name)


def _preamble(text: Text) -> tuple[str, ...]:
    """The paragraphs before the body: a conclusion's one, a directive's each."""
    if isinstance(text, Conclusion):
        return (text.preamble,) if text.preamble else ()
    return text.preamble


def _section(section: Section, depth: int) -> Iterator[Block]:
    if section.number:  # the unnumbered heading of a letter's body is never printed
        yield Block("section", f"{section.number}. {section.title}", depth=depth)
    in_table = False
    for task in section.tasks:
        if bool(task.cells) != in_table:  # an assignment table opens or closes
            in_table = bool(task.cells)
            if in_table:
                head = " | ".join(section.columns)
                yield Block("table_head", head, depth=depth, cells=section.columns)
            else:
                yield Block("table_end", "", depth=depth)
        if task.cells:
            printed = " | ".join((task.marker or "", task.text, *(c or "" for c in task.cells)))
        else:
            printed = f"{task.marker} {task.text}" if task.marker else task.text
        yield Block("task", printed, task=task, depth=depth)
    if in_table:
        yield Block("table_end", "", depth=depth)
    for sub in section.sections:
        yield from _section(sub, depth + 1)


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


def assigning_heading(task: Task, chain: tuple[Section, ...]) -> Section | None:
    """The heading whose assignee leads the task too: the nearest one with an assignee,
    when the task inherits its heading's lead."""
    return addressing_heading(chain) if task.inherits_lead else None


def effective_lead(task: Task, chain: tuple[Section, ...]) -> tuple[tuple[str, bool], ...]:
    """The task's lead agencies, each with whether it is inherited from a heading.

    A paragraph under "2. Đối với Đảng ủy Ủy ban nhân dân tỉnh" that names nobody is led
    by the agency that heading addresses: the nearest enclosing assignee.
    """
    heading = assigning_heading(task, chain)
    inherited = heading.assignee if heading is not None else ()
    named = tuple((a, False) for a in task.lead)
    return tuple((a, True) for a in inherited if a not in task.lead) + named


def body_texts(text: Text) -> Iterator[tuple[object, tuple[str | int, ...], str]]:
    """Every paragraph of one text where a footnote marker or a correction may stand,
    with the record and sub-path that locate it in the YAML."""
    if isinstance(text, Conclusion):
        yield text, ("preamble",), text.preamble
    else:
        for i, line in enumerate(text.preamble):
            yield text, ("preamble", i), line
    for i, paragraph in enumerate(text.review.paragraphs):
        yield text.review, ("paragraphs", i), paragraph
    for task, _chain in text_tasks(text):
        yield task, ("text",), task.text
        for i, cell in enumerate(task.cells):
            if cell:
                yield task, ("cells", i), cell
    for footnote in text.footnotes:
        yield footnote, ("text",), footnote.text


def printed_reference(task: Task, chain: tuple[Section, ...]) -> str:
    """How a reader cites a task by the document's own numbering: "Mục 2.2", "Mục 2.2,
    gạch đầu dòng thứ 3", "Mục III, đoạn thứ 2" (the task id is the site's, not the
    document's: "II.2.2-4").

    A paragraph belongs to the nearest numbered paragraph before it in its section
    ("2.2."), else to the section's heading ("II.", "1."); a bullet is counted among
    that paragraph's bullets, any other paragraph among all its paragraphs.
    """
    numbers = [section.number for section in chain if section.number]
    siblings = chain[-1].tasks
    position = next(i for i, t in enumerate(siblings) if t is task)
    numbered = [i for i in range(position + 1) if _numbered(siblings[i].marker)]
    if numbered:
        first = numbered[-1]
        marker = (siblings[first].marker or "").rstrip(".")
        # "2.2." under "2." already holds its section; "1." under "IV." does not.
        base = marker if "." in marker else ".".join([*numbers, marker])
    else:
        first = 0
        base = ".".join(numbers)
    if task.cells:  # a row of an assignment table: "Mục III, dòng 2"
        where = ".".join(numbers)
        row = f"dòng {task.marker}" if task.marker else f"dòng thứ {position + 1}"
        return f"Mục {where}, {row}" if where else row[0].upper() + row[1:]
    lettered = _LETTERED.fullmatch(task.marker or "")
    if lettered:  # "a)" under "1.": "Mục 1, điểm a"
        return f"Mục {base}, điểm {lettered[1]}" if base else f"Điểm {lettered[1]}"
    if position == first:
        return f"Mục {base}" if base else "Đoạn thứ 1"
    run = siblings[first : position + 1]
    if task.marker == "-":
        where = f"gạch đầu dòng thứ {sum(1 for t in run if t.marker == '-')}"
    else:
        where = f"đoạn thứ {len(run)}"
    # A letter's paragraph outside any heading is counted from the body's start.
    return f"Mục {base}, {where}" if base else where[0].upper() + where[1:]


# A lettered item, in Vietnamese order: "a)", "đ)", "g)".
_LETTERED = re.compile(r"([a-zđ])\)")


def _numbered(marker: str | None) -> bool:
    return marker is not None and marker.rstrip(".").replace(".", "").isdigit()


def printed_references(text: Text) -> dict[str, str]:
    """Every task's printed reference (`printed_reference`), by task id; one that two
    tasks would share ("Mục 2.2" under II and under III) names its part too."""
    refs = {task.id: printed_reference(task, chain) for task, chain in text_tasks(text)}
    tops = {task.id: chain[0].number for task, chain in text_tasks(text)}
    taken = Counter(refs.values())
    return {
        task_id: ref if taken[ref] == 1 else f"{ref} (phần {tops[task_id]})"
        for task_id, ref in refs.items()
    }


def addressing_heading(chain: tuple[Section, ...]) -> Section | None:
    """The nearest enclosing heading that addresses agencies ("2. Đối với Đảng ủy Ủy ban
    nhân dân tỉnh"): every paragraph under it is given to them, whether it names its own
    lead or not."""
    return next((section for section in reversed(chain) if section.assignee), None)


def given_to(task: Task, chain: tuple[Section, ...]) -> set[str]:
    """Every agency a task is given to by name or heading: its lead (inherited or
    named), the heading's addressee, its parts, support and those held accountable."""
    heading = addressing_heading(chain)
    given = {a for a, _inherited in effective_lead(task, chain)}
    given.update(heading.assignee if heading else ())
    for key in ("duties", "support", "accountable"):
        given.update(getattr(task, key))
    return given
