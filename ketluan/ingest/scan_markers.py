"""Footnote markers in a scanned conclusion: OCR rarely reads a raised footnote number
as the number it is. It reads "lớn¹." as `lớn".`, "tỉnh²" as `tỉnh”`, "2026⁶." as
`2026°.` or glues the digit to the word (`20266.`). The notes themselves, set at the foot
of the page where they are called, read well and are numbered.

So each note's marker is looked for on the page that holds the note, after the marker
before it: the first word there that ends in such a glyph (a closing quote that closes
no opening one, a degree sign, an apostrophe, a superscript digit), in a letter no word
ends with ("tỉnhẽ.", "raỶ.") or in the note's own number glued to a letter or a year.
What no candidate answers for stays unplaced, and the importer says so; the review
marks every OCR paragraph anyway.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ketluan.ingest.plain import glued_marker
from ketluan.text.vietnamese import VOWELS, superscript

__all__ = ["Placed", "place_markers"]

# Glyphs OCR gives for a small raised digit.
_RAISED_GLYPHS = "”\"'’°¹²³⁴⁵⁶⁷⁸⁹⁰"
_GLYPH_END = re.compile(rf"(?<=[^\W_])([{_RAISED_GLYPHS}])([.,;:)]*)$")
# A syllable with one more vowel glued after its final consonant ("tỉnhẽ." for "tỉnh⁵."):
# a Vietnamese syllable has one run of vowels and ends in a vowel or one of a few
# consonants, so the vowel after them is the raised number misread.
_CONSONANT = rf"[^\W\d_{VOWELS}{VOWELS.upper()}]"
# The consonants a Vietnamese syllable may end with.
_FINAL = "(?:ch|ng|nh|c|m|n|p|t)"
_LETTER_END = re.compile(
    rf"({_CONSONANT}*[{VOWELS}]+{_FINAL})([{VOWELS}])([.,;:)]*)", re.IGNORECASE
)
# A capital glued after a small letter ("raỶ." for "ra³."): no word is written so.
_CAPITAL_END = re.compile(r"(\w*[^\W\d_])([^\W\d_])([.,;:)]*)")


@dataclass(frozen=True, slots=True)
class Placed:
    """Where each note's marker was put: (line, word) → the word with its marker, and
    the notes whose marker was not found."""

    words: dict[tuple[int, int], str]
    unplaced: list[int]


def place_markers(lines: Sequence[tuple[int, Sequence[str]]], notes: dict[int, int]) -> Placed:
    """For body `lines` in reading order, each (page, words), and `notes` (number →
    page its text starts on), the words that become "word" + superscript number."""
    words: dict[tuple[int, int], str] = {}
    unplaced: list[int] = []
    after = (-1, -1)
    for number in sorted(notes):
        found = _candidate(lines, notes[number], number, after, set(words))
        if found is None:
            unplaced.append(number)
            continue
        line, index, text = found
        words[(line, index)] = text
        after = (line, index)
    return Placed(words, unplaced)


def _candidate(
    lines: Sequence[tuple[int, Sequence[str]]],
    page: int,
    number: int,
    after: tuple[int, int],
    taken: set[tuple[int, int]],
) -> tuple[int, int, str] | None:
    curly = straight = 0  # quotes opened and not yet closed over the page's lines so far
    for line_index, (line_page, words) in enumerate(lines):
        if line_page != page:
            continue
        for index, word in enumerate(words):
            if (line_index, index) in taken:
                continue  # an earlier note's marker, not a quote
            curly += word.count("“") - word.count("”")
            straight += word.count('"')
            if (line_index, index) <= after:
                continue
            marked = _marked(word, number, closes_quote=curly >= 0 and straight % 2 == 0)
            if marked is not None:
                return line_index, index, marked
    return None


def _marked(word: str, number: int, *, closes_quote: bool) -> str | None:
    """The word with the note's marker in place of what OCR read for it, or None. A
    quote that closes one opened before it on the page is a quote."""
    glyph = _GLYPH_END.search(word)
    if glyph is not None and not (glyph.group(1) in '”"' and closes_quote):
        return word[: glyph.start()] + superscript(number) + glyph.group(2)
    letter = _LETTER_END.fullmatch(word)
    capital = _CAPITAL_END.fullmatch(word)
    if capital is not None and capital.group(1)[-1].islower() and capital.group(2).isupper():
        letter = capital
    if letter is not None:
        return letter.group(1) + superscript(number) + letter.group(3)
    glued = glued_marker(word, number)
    if glued is None:
        return None
    return word[: glued.start()] + superscript(number) + word[glued.end() :]
