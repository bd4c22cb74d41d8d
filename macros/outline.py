"""The conclusion in document order, paragraph by paragraph, as the source prints it.

Used by the full-text page and by the fidelity test, which proves the data holds the
whole source: nothing missing, nothing added.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from macros.model import Conclusion, Section, Task

BlockKind = Literal[
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


@dataclass(frozen=True, slots=True)
class Block:
    """One printed paragraph: its kind, its text as printed, and the task it belongs to."""

    kind: BlockKind
    text: str
    task: Task | None = None
    depth: int = 0  # heading level for sections: 1 for "II.", 2 for "1."


def blocks(conclusion: Conclusion) -> Iterator[Block]:
    """Every paragraph of the conclusion, in the order the source prints them."""
    yield Block("document_type", conclusion.document_type)
    yield Block("heading", "\n".join(conclusion.heading))
    yield Block("preamble", conclusion.preamble)
    review = conclusion.review
    yield Block("section", f"{review.number}. {review.title}", depth=1)
    for paragraph in review.paragraphs:
        yield Block("review", paragraph)
    for section in conclusion.sections:
        yield from _section(section, 1)
    yield Block("recipients_heading", conclusion.recipients_heading)
    yield Block("recipients", "\n".join(f"- {r.text}" for r in conclusion.recipients))
    signer = conclusion.signer
    authority = " ".join(p for p in (signer.delegation, signer.on_behalf_of) if p)
    yield Block("signer", f"{authority}\n{signer.title}")
    yield Block("signer_name", signer.name)


def _section(section: Section, depth: int) -> Iterator[Block]:
    yield Block("section", f"{section.number}. {section.title}", depth=depth)
    for task in section.tasks:
        printed = f"{task.marker} {task.text}" if task.marker else task.text
        yield Block("task", printed, task=task)
    for sub in section.sections:
        yield from _section(sub, depth + 1)
