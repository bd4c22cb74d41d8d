"""Read a conclusion exported as text (.txt, UTF-8): paragraphs with their printed
numbers, and footnotes taken out of the flow.

"Save as text" from Word or LibreOffice writes a paragraph per line (a table's cells a
line each, a byte order mark first, CRLF line ends), with no blank line between, and
drops the footnotes' text. An export of the printed document instead separates blocks
by blank lines and puts each footnote where the page broke ("¹ Như Khu phức hợp …"),
cutting the paragraph it interrupts in two. There, a block opening with a superscript
number is a footnote; a block that ends mid-sentence and is followed by one that goes
on in lower case was cut by a page break, and the two are joined again. The printed
number ("II.", "2.1.", "-") is split off the text, as Word's automatic numbering would
be.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ketluan.ingest.document import SourceDocument, SourceError, SourceParagraph
from ketluan.ingest.tables import number_column, rows_of_lines
from ketluan.text.vietnamese import FOOTNOTE_MARKER, footnote_number, superscript

__all__ = ["glued_marker", "labelled", "read_text_export"]

# A paragraph's typed number: "II.", "2.2.", a bullet, or a lettered item in the
# Vietnamese alphabet's order ("a)", "đ)", "g)": Word's own numbering cannot give "đ",
# so directives type them).
_LABEL = re.compile(
    r"(?P<label>[IVX]+\.|\d+(?:\.\d+)*\.|-|[a-eg-ik-vxyđ]\))\s+(?P<text>\S.*)", re.S
)
_SENTENCE_END = tuple(".:;!?…”)")

# A conclusion's text export is tens of kilobytes; reading far more takes minutes.
MAX_TEXT_BYTES = 4 * 1024 * 1024


def read_text_export(path: Path) -> SourceDocument:
    """The paragraphs and footnotes of a UTF-8 text export; SourceError (in Vietnamese)
    for a file in another encoding."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise SourceError(
            f"tệp văn bản lớn {size / 1024 / 1024:.0f} MB, vượt giới hạn "
            f"{MAX_TEXT_BYTES // 1024 // 1024} MB của một Kết luận (vài chục KB): hãy kiểm tra "
            "lại tệp nhận được"
        )
    with path.open("rb") as source:
        raw = source.read(MAX_TEXT_BYTES + 1)  # the file may have grown since
    if len(raw) > MAX_TEXT_BYTES:
        raise SourceError(f"tệp văn bản vượt giới hạn {MAX_TEXT_BYTES // 1024 // 1024} MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError(
            "tệp văn bản không ở bảng mã UTF-8 (có thể là Windows-1258 hoặc TCVN3): hãy "
            "mở bằng Word hoặc Notepad và lưu lại với bảng mã UTF-8"
        ) from None
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff").replace("\r\n", "\n"))
    line_per_paragraph = _line_per_paragraph(text)
    tables: dict[int, list[SourceParagraph]] = {}  # by the body paragraph they follow
    if line_per_paragraph:
        blocks, tables = _lines_and_tables(text.split("\n"))
    else:
        blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    footnotes: dict[int, str] = {}
    body: list[str] = []
    placed: dict[int, list[SourceParagraph]] = {}  # a table, by the body paragraph after it
    for index, block in enumerate(blocks):
        placed.setdefault(len(body), []).extend(tables.get(index, ()))
        note = re.match(rf"({FOOTNOTE_MARKER.pattern}) (.*)", block, re.S)
        if note and block[0] in "⁰¹²³⁴⁵⁶⁷⁸⁹":
            footnotes[footnote_number(note.group(1))] = " ".join(note.group(2).split())
        elif (
            not line_per_paragraph
            and body
            and not body[-1].endswith(_SENTENCE_END)
            and block[:1].islower()
            and _LABEL.fullmatch(block) is None  # "a) …" opens an item of its own
        ):
            body[-1] += " " + block  # a page break cut this paragraph
        else:
            body.append(block)
    remarks: tuple[str, ...] = ()
    if line_per_paragraph and not footnotes:
        body, found = glued_markers(body)
        if found:
            footnotes = dict.fromkeys(found, "")
            remarks = (
                f"tệp văn bản không giữ chú thích: số chú thích {', '.join(map(str, found))} "
                'được suy ra từ chữ số dính vào chữ trước nó ("lớn1." là "lớn¹."); kiểm '
                "tra từng chỗ và chép nội dung chú thích từ bản gốc",
            )
    placed.setdefault(len(body), []).extend(tables.get(len(blocks), ()))
    paragraphs = [p for i, b in enumerate(body) for p in (*placed.get(i, ()), labelled(b))]
    paragraphs += placed.get(len(body), [])
    return SourceDocument(tuple(paragraphs), footnotes, remarks=remarks)


def _lines_and_tables(lines: list[str]) -> tuple[list[str], dict[int, list[SourceParagraph]]]:
    """A line-per-paragraph export's paragraphs, and its assignment tables (a cell per
    line, an empty cell an empty line), each by the index of the paragraph after it."""
    blocks: list[str] = []
    tables: dict[int, list[SourceParagraph]] = {}
    at = 0
    while at < len(lines):
        line = lines[at].strip()
        found = rows_of_lines(lines[at:]) if line and number_column(line) else None
        if found is not None:
            rows, used = found
            tables.setdefault(len(blocks), []).extend(rows)
            at += used
            continue
        if line:
            blocks.append(line)
        at += 1
    return blocks, tables


# Units and formulas a digit follows in running text ("100 m2", "CO2"): never a marker.
_NOT_MARKERS = frozenset({"m", "km", "cm", "dm", "mm", "ha", "co", "so", "no", "h"})


def glued_markers(paragraphs: list[str]) -> tuple[list[str], list[int]]:
    """Footnote numbers a "Save as text" export glued to the word before them ("dự án
    lớn1." for "lớn¹.", "năm 20266." for "năm 2026⁶."), found in order: 1 first, then
    2 after it, and so on, each glued to a letter or to a year and followed by a space,
    a punctuation mark or the end. Returns the paragraphs with superscript markers, and
    the numbers found."""
    out = list(paragraphs)
    found: list[int] = []
    for index, text in enumerate(out):
        position = 0
        while (match := glued_marker(text, len(found) + 1, position)) is not None:
            text = text[: match.start()] + superscript(len(found) + 1) + text[match.end() :]
            found.append(len(found) + 1)
            position = match.start() + 1
        out[index] = text
    return out, found


def glued_marker(text: str, number: int, position: int = 0) -> re.Match[str] | None:
    """Where footnote `number` stands glued to the word before it in `text`, from
    `position` on: after a letter or a year, before a space, a stop or the end, and not
    a unit's power ("km2")."""
    pattern = re.compile(rf"(?:(?<=[^\W\d_])|(?<=\b(?:19|20)\d\d)){number}(?=[\s.,;:)”\"]|$)")
    return next(
        (
            m
            for m in pattern.finditer(text, position)
            if _word_before(text, m.start()).lower() not in _NOT_MARKERS
        ),
        None,
    )


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


def _line_per_paragraph(text: str) -> bool:
    """Whether the export writes a paragraph per line, as Word's and LibreOffice's "Save
    as text" do (no blank lines between paragraphs), rather than blocks apart by blank
    lines: most of its lines then stand next to another."""
    lines = text.strip().split("\n")
    blank = sum(1 for line in lines if not line.strip())
    return len(lines) >= 4 and blank * 4 < len(lines)


_DUST = re.compile(r"^[:;.,'`|]{1,2}\s+(?=(?:[IVX]+\.|\d+(?:\.\d+)*\.)\s)")


def labelled(block: str) -> SourceParagraph:
    """A paragraph with its printed number ("II.", "2.1.", "-") split off."""
    flat = block.strip("*").strip() if block.startswith("**") else block  # Markdown bold
    # A sign before a number (": 6. Đối với …") is a scan's dust: no paragraph opens so.
    flat = _DUST.sub("", flat, count=1)
    m = _LABEL.fullmatch(flat)
    if m is None:
        return SourceParagraph("", flat)
    return SourceParagraph(m["label"], m["text"])
