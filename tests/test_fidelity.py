"""The data holds the whole source document, verbatim, in order: nothing missing or added.

The source is a text export of the printed document: footnote texts stand where page
breaks fell and cut body paragraphs in two. Here the source is read independently of
the data (blank-line blocks; blocks opening with a superscript digit are footnotes;
the heading's Markdown bold is layout), and the data must give back exactly those
blocks, each body paragraph being one block or several consecutive blocks that a page
break cut mid-sentence.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path

import pytest
from sitecheck import REAL_QUARTER

from ketluan.model import Conclusion, Dataset
from ketluan.model.outline import blocks

REPO = Path(__file__).resolve().parent.parent
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SENTENCE_END = tuple(".:;!?…”)")


def ws(text: str) -> str:
    return " ".join(text.split())


def read_source(path: Path) -> tuple[list[str], dict[int, str]]:
    """Body fragments and footnotes of a source text, read without the data."""
    text = path.read_text(encoding="utf-8")
    fragments: list[str] = []
    footnotes: dict[int, str] = {}
    for block in (b.strip() for b in re.split(r"\n\s*\n", text)):
        if not block:
            continue
        m = re.match(rf"([{SUPERSCRIPTS}]+) (.*)", block, re.S)
        if m:
            footnotes[int(m[1].translate(str.maketrans(SUPERSCRIPTS, "0123456789")))] = m[2]
        elif block.startswith("**") and block.endswith("**"):
            fragments.append(block[2:-2])
        else:
            fragments.append(block)
    return fragments, footnotes


def cut_mid_sentence(fragment: str, following: str) -> bool:
    """A page break cut here: no sentence end, and the next block goes on in lower case."""
    return not fragment.endswith(SENTENCE_END) and following[:1].islower()


@pytest.fixture(scope="module", params=["real", "grown"])
def conclusion(request: pytest.FixtureRequest) -> Conclusion:
    """The real conclusion, from the real data and from it with a quarter added after."""
    dataset: Dataset = request.getfixturevalue(f"{request.param}_dataset")
    return next(q for q in dataset.quarters if q.key == REAL_QUARTER)


@pytest.fixture(scope="module")
def source(conclusion: Conclusion) -> tuple[list[str], dict[int, str]]:
    assert conclusion.source is not None
    return read_source(REPO / conclusion.source)


def test_source_copy_is_the_shared_original() -> None:
    shared = REPO.parent / "shared/source/hung-yen-ket-luan-quy-I-2026.txt"
    ours = REPO / "data/sources/hung-yen-ket-luan-quy-I-2026.txt"
    if shared.exists():  # beside the checkout in CI and on developer machines
        assert ours.read_bytes() == shared.read_bytes()
    assert unicodedata.is_normalized("NFC", ours.read_text(encoding="utf-8"))


def test_footnotes_are_verbatim_and_complete(
    conclusion: Conclusion, source: tuple[list[str], dict[int, str]]
) -> None:
    _fragments, footnotes = source
    assert {f.number: f.text for f in conclusion.footnotes} == footnotes


def test_body_is_the_source_in_order(
    conclusion: Conclusion, source: tuple[list[str], dict[int, str]]
) -> None:
    fragments, _footnotes = source
    printed = [ws(b.text) for b in blocks(conclusion)]
    assert ws(" ".join(printed)) == ws(" ".join(fragments))


def test_paragraphs_join_exactly_the_blocks_a_page_break_cut(
    conclusion: Conclusion, source: tuple[list[str], dict[int, str]]
) -> None:
    fragments, _footnotes = source
    pending = [ws(f) for f in fragments]
    joins: list[str] = []
    for block in blocks(conclusion):
        paragraph = ws(block.text)
        taken = pending.pop(0)
        while taken != paragraph:
            assert paragraph.startswith(taken + " "), (
                f"paragraph is not whole source blocks: {paragraph[:80]}"
            )
            assert cut_mid_sentence(taken, pending[0]), (
                f"joined a block that ends a sentence: …{taken[-60:]}"
            )
            joins.append(taken[-20:])
            taken += " " + pending.pop(0)
    assert pending == []
    expected = [
        ws(a)[-20:] for a, b in itertools.pairwise(fragments) if cut_mid_sentence(ws(a), ws(b))
    ]
    assert joins == expected
    assert len(joins) == 5  # four cuts by footnotes ¹ ² ³ ⁴, one by a plain page break


def test_every_footnote_marker_stands_in_the_paragraph_the_source_gives(
    conclusion: Conclusion,
) -> None:
    where = {
        1: "dự án lớn¹",
        2: "của tỉnh²",
        3: "dư luận xã hội³",
        4: "phát triển đảng viên⁴",
        5: "Ban Chỉ đạo tỉnh⁵",
        6: "năm 2026⁶",
    }
    texts = [b.text for b in blocks(conclusion)]
    for number, context in where.items():
        assert sum(context in t for t in texts) == 1, number
