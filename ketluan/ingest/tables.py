"""Assignment tables ("TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian
hoàn thành | Ghi chú"), as every reader of a received file finds them: a table's rows
become paragraphs carrying their cells, its header a paragraph of its own.

A table is one when its header has a "TT"/"STT" column first, a content column
("nội dung", "nhiệm vụ", "công việc") next, and a lead ("chủ trì") or time ("thời
gian", "thời hạn") column after them. Any other table is read as before, cell by cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ketluan.ingest.document import SourceParagraph
from ketluan.text.vietnamese import searchable

__all__ = [
    "TABLE_HEAD",
    "TABLE_ROW",
    "Roles",
    "assignment_header",
    "column_roles",
    "head_paragraph",
    "number_column",
    "row_paragraph",
    "rows_of_lines",
]

TABLE_HEAD = "kl-table-head"  # SourceParagraph.style of a table's header
TABLE_ROW = "kl-table-row"  # SourceParagraph.style of one of its rows

_NUMBER = re.compile(r"(?:s?tt|so tt|so thu tu)")
_CONTENT = re.compile(r"\b(?:noi dung|nhiem vu|cong viec|ten nhiem vu)\b")
_LEAD = re.compile(r"\bchu tri\b")
_SUPPORT = re.compile(r"\bphoi hop\b")
_TIME = re.compile(r"\b(?:thoi gian|thoi han|tien do)\b")
_NOTE = re.compile(r"\bghi chu\b")
_ROW_NUMBER = re.compile(r"\d{1,3}\.?")


def number_column(cell: str) -> bool:
    """Whether a header cell is a table's numbering column ("TT", "STT", "Số TT")."""
    return _NUMBER.fullmatch(searchable(cell).strip(" .:")) is not None


def assignment_header(cells: Sequence[str]) -> bool:
    """Whether a table's first row is an assignment table's header."""
    folded = [searchable(c).strip(" .:") for c in cells]
    return (
        len(folded) >= 3
        and number_column(cells[0])
        and _CONTENT.search(folded[1]) is not None
        and any(_LEAD.search(c) or _TIME.search(c) for c in folded[2:])
    )


Roles = dict[str, int]  # "lead", "support", "time", "note" → index in a row's cells


def column_roles(columns: Sequence[str]) -> Roles:
    """Which of a row's cells (after TT and content) holds the lead, the supporters,
    the time and the note, by their headers' words."""
    out: Roles = {}
    for index, header in enumerate(columns[2:]):
        folded = searchable(header)
        for role, words in (
            ("lead", _LEAD),
            ("support", _SUPPORT),
            ("time", _TIME),
            ("note", _NOTE),
        ):
            if role not in out and words.search(folded):
                out[role] = index
                break
    return out


def head_paragraph(cells: Sequence[str]) -> SourceParagraph:
    """The paragraph a table's header is read as (its cells joined, for coverage)."""
    return SourceParagraph("", " | ".join(cells), style=TABLE_HEAD, cells=tuple(cells))


def row_paragraph(cells: Sequence[str], page: int | None = None) -> SourceParagraph:
    """A row: its TT as the label, its content as the text, the rest as cells."""
    number = cells[0].strip()
    rest = tuple(c.strip() for c in cells[2:])
    return SourceParagraph(
        number.rstrip("."), cells[1].strip(), style=TABLE_ROW, page=page, cells=rest
    )


def rows_of_lines(lines: Sequence[str]) -> tuple[list[SourceParagraph], int] | None:
    """An assignment table a text export wrote a cell per line (an empty cell as an
    empty line), from its header at `lines[0]`: its paragraphs, and how many lines it
    took; None when the lines there are no such table."""
    width = next(
        (i for i, line in enumerate(lines[1:12], start=1) if _ROW_NUMBER.fullmatch(line.strip())),
        None,
    )
    if width is None or not assignment_header([line.strip() for line in lines[:width]]):
        return None
    out = [head_paragraph([line.strip() for line in lines[:width]])]
    at, expected = width, 1
    while at + width <= len(lines):
        row = [line.strip() for line in lines[at : at + width]]
        if row[0].rstrip(".") != str(expected) or not row[1]:
            break  # the table ends, or a cell of two paragraphs shifted the rest
        out.append(row_paragraph(row))
        at, expected = at + width, expected + 1
    return (out, at) if len(out) > 1 else None
