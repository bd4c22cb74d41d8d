"""The source's italics: its text export marks them as *…* within a line.

Pages show them as italics (`ketluan.render.environment.emphasis`); every export (CSV,
.xlsx, JSON, calendars, report sheets) drops the marks, keeping the words: a program
or a spreadsheet reading "*Nâng cao chất lượng …*" would show the asterisks.
"""

from __future__ import annotations

import re

__all__ = ["EMPHASIS", "without_emphasis"]

EMPHASIS = re.compile(r"\*([^*\n]+)\*")


def without_emphasis(text: str) -> str:
    """`text` with the source's *…* italics marks dropped, its words kept."""
    return EMPHASIS.sub(r"\1", text)
