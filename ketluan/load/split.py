"""The data file's text cut into its head and one piece per quarter, without parsing.

A data file is a mapping whose last key is `quarters:`, a block list written at column
0 ("- key: 2026-q1" …). Each line that starts with "- " at column 0 after that key
begins the next quarter. The cut is only a guess about the text; it is right exactly
when each piece parses alone. A line at column 0 can stand inside a larger value only
within a quoted scalar or a flow collection (a block scalar or a plain one ends before
such a line), and the piece before it then ends inside that quote or bracket, which no
parser accepts. So whoever uses the pieces parses each and falls back to the whole file
when any piece does not parse (`ketluan.load.quarters`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Piece", "Split", "split_quarters"]

_QUARTERS = re.compile(r"quarters:[ \t]*(?:#[^\n]*)?\r?(?:\n|$)")
_ITEM = re.compile(r"-(?:[ \t\r\n]|$)")
_OTHER = re.compile(r"^(?:[^-\s#]|-[^ \t\r\n])", re.M)


@dataclass(frozen=True, slots=True)
class Piece:
    """One quarter's text, and the line (0-based) of the file it starts at."""

    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Split:
    """The text before `quarters:`, and each quarter's piece in file order."""

    head: str
    quarters: tuple[Piece, ...]


def split_quarters(text: str) -> Split | None:
    """The head and quarters of `text`, or None when the file is not laid out as one
    mapping ending with a block list of quarters at column 0."""
    # str.find, not a multiline regex: a year's data is megabytes, and this runs on
    # every read.
    found = _at_line_starts(text, "quarters:")
    if len(found) != 1 or not _QUARTERS.match(text, found[0]):
        return None
    rest = text.find("\n", found[0]) + 1
    if rest == 0:
        return None
    starts = [n for n in _at_line_starts(text, "-", rest) if _ITEM.match(text, n)]
    # Anything at column 0 after the key but items, comments and blank lines (another
    # key, a document marker), or content before the first item: another layout.
    if not starts or _OTHER.search(text, rest) or _content(text[rest : starts[0]]):
        return None
    line = text.count("\n", 0, starts[0])
    pieces = []
    for start, end in zip(starts, [*starts[1:], len(text) + 1], strict=True):
        piece = text[start : end - 1]
        pieces.append(Piece(line, piece))
        line += piece.count("\n") + 1
    return Split(text[: found[0]].removesuffix("\n"), tuple(pieces))


def _at_line_starts(text: str, what: str, start: int = 0) -> list[int]:
    """Where `what` stands at the start of a line, from `start` (itself a line start)."""
    found = [start] if text.startswith(what, start) else []
    at = text.find("\n" + what, start)
    while at != -1:
        found.append(at + 1)
        at = text.find("\n" + what, at + 1)
    return found


def _content(text: str) -> bool:
    """Whether lines hold anything but blanks and comments."""
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.split("\n"))
