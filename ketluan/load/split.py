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

_QUARTERS = re.compile(r"quarters:[ \t]*(?:#.*)?")
_ITEM = re.compile(r"-(?:[ \t]|$)")


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
    lines = text.split("\n")
    keys = [n for n, line in enumerate(lines) if _QUARTERS.fullmatch(line.rstrip("\r"))]
    if len(keys) != 1:
        return None
    at = keys[0]
    starts: list[int] = []
    for n in range(at + 1, len(lines)):
        line = lines[n]
        if _ITEM.match(line):
            starts.append(n)
        elif line[:1] not in ("", " ", "#", "\r"):
            return None  # another key, a document marker or a flow list after the quarters
        elif not starts and line.strip() and not line.lstrip().startswith("#"):
            return None  # the quarters' list is not at column 0
    if not starts:
        return None
    ends = [*starts[1:], len(lines)]
    pieces = tuple(
        Piece(start, "\n".join(lines[start:end])) for start, end in zip(starts, ends, strict=True)
    )
    return Split("\n".join(lines[:at]), pieces)
