"""Cut a paragraph into segments: plain text, agency names, document citations and
footnote markers, each of which a template turns into a link.

Python decides what links where; templates escape and present.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ketluan.model import Citation, Correction
from ketluan.text.mentions import MentionFinder
from ketluan.text.vietnamese import FOOTNOTE_MARKER, footnote_number

SegmentKind = Literal["text", "agency", "document", "footnote", "correction", "correction-note"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a paragraph and what it points to: an agency id, a document id, a
    footnote number, or the suggested reading of a probable typo."""

    kind: SegmentKind
    text: str
    target: str = ""


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    kind: SegmentKind
    target: str


def segments(
    text: str,
    *,
    cites: Iterable[Citation] = (),
    mentions: MentionFinder | None = None,
    corrections: Mapping[str, Correction] | None = None,
) -> list[Segment]:
    """Segments of `text`: citations win over agency names inside them (no nested links)."""
    spans: list[_Span] = []
    for citation in cites:
        for start, end in _occurrences(citation.as_written, text):
            spans.append(_Span(start, end, "document", citation.document))
    for m in FOOTNOTE_MARKER.finditer(text):
        spans.append(_Span(m.start(), m.end(), "footnote", str(footnote_number(m.group()))))
    for phrase, correction in (corrections or {}).items():
        for start, end in _occurrences(phrase, text):
            spans.append(_Span(start, end, "correction", correction.suggested))
    if mentions is not None:
        spans += [_Span(m.start, m.end, "agency", m.target) for m in mentions.find(text)]
    kept = _non_overlapping(spans)
    return _cut(text, kept, _notes(spans, kept))


def _notes(spans: list[_Span], kept: list[_Span]) -> list[_Span]:
    """A correction that a link covers (a typo inside a citation) cannot mark its own
    words; its reading then follows the words, as a note of no length, so that the same
    words get the same correction everywhere."""
    chosen = {(s.start, s.end, s.kind) for s in kept}
    notes: list[_Span] = []
    for span in spans:
        if span.kind == "correction" and (span.start, span.end, span.kind) not in chosen:
            # After the link that covers the correction's end, never inside it.
            end = max([k.end for k in kept if k.start < span.end <= k.end] + [span.end])
            notes.append(_Span(end, end, "correction-note", span.target))
    return notes


def _occurrences(needle: str, text: str) -> Iterator[tuple[int, int]]:
    # Plain substring search: a compiled pattern per citation would overflow re's cache.
    start = text.find(needle) if needle else -1
    while start >= 0:
        yield start, start + len(needle)
        start = text.find(needle, start + len(needle))


def _non_overlapping(spans: list[_Span]) -> list[_Span]:
    # Earlier kinds in this order win; among equals, the earlier and longer span.
    rank = {"document": 0, "footnote": 1, "correction": 2, "agency": 3}
    # The spans kept, in text order, never overlapping: a new span need only be
    # compared with its two neighbours there (n log n, where comparing it with every
    # kept span took minutes on a text of a few hundred thousand mentions).
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[_Span] = []
    for span in sorted(spans, key=lambda s: (rank[s.kind], s.start, -s.end)):
        i = bisect.bisect_right(starts, span.start)
        if (i > 0 and ends[i - 1] > span.start) or (i < len(starts) and starts[i] < span.end):
            continue
        starts.insert(i, span.start)
        ends.insert(i, span.end)
        chosen.insert(i, span)
    return chosen


def _cut(text: str, spans: list[_Span], notes: Sequence[_Span] = ()) -> list[Segment]:
    out: list[Segment] = []
    position = 0
    # A note stands right after the span that ends where it stands.
    for span in sorted([*spans, *notes], key=lambda s: (s.start, s.end > s.start)):
        if span.start > position:
            out.append(Segment("text", text[position : span.start]))
        out.append(Segment(span.kind, text[span.start : span.end], span.target))
        position = span.end
    if position < len(text):
        out.append(Segment("text", text[position:]))
    return out
