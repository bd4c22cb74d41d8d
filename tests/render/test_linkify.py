"""Paragraphs are cut into plain text and links, without nesting or losing text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ketluan.model import Citation, Correction
from ketluan.render.linkify import _non_overlapping, _Span, segments
from ketluan.text.mentions import MentionFinder

FINDER = MentionFinder({"Ban Thường vụ Tỉnh ủy": "btv", "Ban Nội chính": "bnc"})


def test_citation_wins_over_an_agency_inside_it() -> None:
    text = "Thực hiện 05 Chỉ thị của Ban Thường vụ Tỉnh ủy; Ban Nội chính theo dõi¹."
    cites = (Citation("05-chi-thi", "05 Chỉ thị của Ban Thường vụ Tỉnh ủy"),)
    out = segments(text, cites=cites, mentions=FINDER)
    assert [(s.kind, s.text, s.target) for s in out] == [
        ("text", "Thực hiện ", ""),
        ("document", "05 Chỉ thị của Ban Thường vụ Tỉnh ủy", "05-chi-thi"),
        ("text", "; ", ""),
        ("agency", "Ban Nội chính", "bnc"),
        ("text", " theo dõi", ""),
        ("footnote", "¹", "1"),
        ("text", ".", ""),
    ]


def test_correction_keeps_the_words_and_carries_the_fix() -> None:
    out = segments(
        "chuyên biến chưa rõ", corrections={"chuyên biến": Correction("chuyên biến", "chuyển biến")}
    )
    assert [(s.kind, s.text, s.target) for s in out[:1]] == [
        ("correction", "chuyên biến", "chuyển biến")
    ]


@given(st.text(alphabet="Ban Thường vụ Tỉnh ủy Nội chính,.;¹²x ", max_size=80))
def test_segments_always_give_back_the_text(text: str) -> None:
    out = segments(text, mentions=FINDER)
    assert "".join(s.text for s in out) == text


def _reference(spans: list[_Span]) -> list[_Span]:
    """The plain rule, checked against every span kept (quadratic): the oracle."""
    rank = {"document": 0, "footnote": 1, "correction": 2, "agency": 3}
    kept: list[_Span] = []
    for span in sorted(spans, key=lambda s: (rank[s.kind], s.start, -s.end)):
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


spans = st.lists(
    st.builds(
        lambda start, length, kind: _Span(start, start + length, kind, ""),
        st.integers(0, 60),
        st.integers(1, 12),
        st.sampled_from(["document", "footnote", "correction", "agency"]),
    ),
    max_size=40,
)


@given(spans)
def test_overlaps_are_resolved_as_the_plain_rule_says(given_spans: list[_Span]) -> None:
    assert _non_overlapping(given_spans) == _reference(given_spans)
