"""A long full text on several pages, cut where a section begins.

A conclusion of a province's volume holds hundreds of tasks (600 at four times a
province, a thousand at the largest), about 650 bytes each as the full text shows
them: 400–650 KB on one page. Past `TEXT_TASKS` tasks, the text goes on at
`toan-van/trang-2/`, …, each page ending before a section's heading, never inside an
assignment table. The first page keeps every task's anchor: a link made before the cut,
or by a later version (which links the first page), finds the task's page from there
(`ketluan-search.js`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ketluan.model.outline import Block, Text, blocks, document_of, task_anchor
from ketluan.text.vietnamese import footnote_markers

__all__ = ["TEXT_TASKS", "TextPart", "part_of", "text_parts"]

# Tasks on a page of a full text: 300 are about 200 KB as shown.
TEXT_TASKS = 300


@dataclass(frozen=True, slots=True)
class TextPart:
    """One page of a full text: its paragraphs, and its footnotes' numbers."""

    number: int  # 1 for the first page
    blocks: tuple[Block, ...]
    starts_at: str  # the outline number of its first section ("II.2"); "" on the first
    footnotes: frozenset[int]
    # The headings it goes on under, begun on an earlier page ("II. Các nhiệm vụ …").
    within: tuple[str, ...] = ()


def text_parts(shown: Text) -> tuple[TextPart, ...]:
    """The pages of `shown`'s full text; one page when it holds `TEXT_TASKS` tasks or
    fewer. A section longer than a page is a page of its own."""
    size = TEXT_TASKS
    listed = tuple(blocks(shown))
    before = [0]  # tasks before each block
    for block in listed:
        before.append(before[-1] + (block.kind == "task"))
    cuts = [i for i, block in enumerate(listed) if block.kind == "section" and i > 0]
    starts = [0]
    while before[-1] - before[starts[-1]] > size:
        start = starts[-1]
        # The last section start that keeps this page within size, else the first that
        # gives it any task at all (a section longer than a page).
        later = [c for c in cuts if before[c] > before[start]]
        fitting = [c for c in later if before[c] - before[start] <= size]
        if not later:
            break
        starts.append(fitting[-1] if fitting else later[0])
    labels = _sections(listed)
    ends = [*starts[1:], len(listed)]
    referenced = [
        frozenset(n for block in listed[s:e] for n in footnote_markers(block.text))
        for s, e in zip(starts, ends, strict=True)
    ]
    # A footnote no paragraph marks is listed with the last page, as the source ends.
    unmarked = frozenset(f.number for f in shown.footnotes) - frozenset().union(*referenced)
    referenced[-1] |= unmarked
    return tuple(
        TextPart(
            n,
            listed[s:e],
            ".".join(labels[s][0]) if n > 1 else "",
            referenced[n - 1],
            labels[s][1][:-1] if n > 1 else (),
        )
        for n, (s, e) in enumerate(zip(starts, ends, strict=True), start=1)
    )


def _sections(listed: Sequence[Block]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """At each block, the outline numbers ("II", "2") and the headings of the sections
    it stands in, outermost first."""
    numbers: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    out = []
    for block in listed:
        if block.kind == "section":
            keep = block.depth - 1
            numbers = (*numbers[:keep], block.text.split(". ", 1)[0])
            headings = (*headings[:keep], block.text)
        out.append((numbers, headings))
    return out


def part_of(shown: Text) -> dict[str, int]:
    """Each task's anchor in `shown` → the number of the page that holds it."""
    document = document_of(shown)
    return {
        task_anchor(block.task, document): part.number
        for part in text_parts(shown)
        for block in part.blocks
        if block.task is not None
    }
