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
from ketluan.text.vietnamese import FOOTNOTE_MARKER, footnote_number

__all__ = ["labelled", "read_text_export"]

_LABEL = re.compile(r"(?P<label>[IVX]+\.|\d+(?:\.\d+)*\.|-)\s+(?P<text>\S.*)", re.S)
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
    if line_per_paragraph:
        blocks = [line.strip() for line in text.split("\n") if line.strip()]
    else:
        blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    footnotes: dict[int, str] = {}
    body: list[str] = []
    for block in blocks:
        note = re.match(rf"({FOOTNOTE_MARKER.pattern}) (.*)", block, re.S)
        if note and block[0] in "⁰¹²³⁴⁵⁶⁷⁸⁹":
            footnotes[footnote_number(note.group(1))] = " ".join(note.group(2).split())
        elif (
            not line_per_paragraph
            and body
            and not body[-1].endswith(_SENTENCE_END)
            and block[:1].islower()
        ):
            body[-1] += " " + block  # a page break cut this paragraph
        else:
            body.append(block)
    return SourceDocument(tuple(labelled(b) for b in body), footnotes)


def _line_per_paragraph(text: str) -> bool:
    """Whether the export writes a paragraph per line, as Word's and LibreOffice's "Save
    as text" do (no blank lines between paragraphs), rather than blocks apart by blank
    lines: most of its lines then stand next to another."""
    lines = text.strip().split("\n")
    blank = sum(1 for line in lines if not line.strip())
    return len(lines) >= 4 and blank * 4 < len(lines)


def labelled(block: str) -> SourceParagraph:
    """A paragraph with its printed number ("II.", "2.1.", "-") split off."""
    flat = block.strip("*").strip() if block.startswith("**") else block  # Markdown bold
    m = _LABEL.fullmatch(flat)
    if m is None:
        return SourceParagraph("", flat)
    return SourceParagraph(m["label"], m["text"])
