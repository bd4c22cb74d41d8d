"""What every reader of a received file gives, whatever its format (.docx, .pdf, .txt):
the source document, the one intermediate the importer's later steps read."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["HiddenText", "SourceDocument", "SourceError", "SourceParagraph"]


class SourceError(ValueError):
    """The file is not a document the importer can read; the message says why, in
    Vietnamese, and what to do."""


@dataclass(frozen=True, slots=True)
class SourceParagraph:
    """One paragraph: the number Word shows before it ("2.1.", "-", ""), its text."""

    label: str
    text: str
    style: str | None = None
    page: int | None = None  # the page (from 1) it starts on, where the file has pages
    # A row of an assignment table: its cells after TT (the label) and content (the
    # text); a table's header: all its cells (`ketluan.ingest.tables`).
    cells: tuple[str, ...] = ()


# Why a reader of the file does not see some of its text (said to the reviewer).
HIDDEN = "chữ ẩn (Hidden)"
WHITE = "chữ màu trắng"
TINY = "chữ cỡ dưới 3 pt"
PROPOSED = "thay đổi theo dõi chưa được chấp nhận"
OFF_PAGE = "chữ nằm ngoài trang"
INVISIBLE = "chữ vô hình (chế độ vẽ 3)"


@dataclass(frozen=True, slots=True)
class HiddenText:
    """Text the file holds that its reader does not see (hidden, white, a dot's size, a
    change nobody accepted): left out of the paragraphs, and said to the reviewer."""

    where: str  # "đoạn 12": the paragraph of the file it stands in, counted from 1
    why: str  # "chữ ẩn", "chữ màu trắng", …
    text: str


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """The paragraphs in order, as a reader of the file sees them; each footnote's text
    by its displayed number; and what the file holds that its reader does not see."""

    paragraphs: tuple[SourceParagraph, ...]
    footnotes: dict[int, str]
    # The cells of the header table a conclusion opens with: "ĐẢNG BỘ TỈNH …\nTỈNH ỦY
    # \n*\nSố 15-KL/TU", "ĐẢNG CỘNG SẢN VIỆT NAM\nHưng Yên, ngày 28 tháng 4 năm 2026".
    header: tuple[str, ...] = ()
    hidden: tuple[HiddenText, ...] = ()
    # What the reader inferred rather than read, for the reviewer to check ("số chú
    # thích suy ra từ chữ số dính vào chữ").
    remarks: tuple[str, ...] = ()
    # Read from page images by OCR: every paragraph may hold misread letters.
    scanned: bool = False
    # Words (lower case) OCR read with less than full confidence somewhere in the text.
    doubtful: frozenset[str] = frozenset()
    # Runs of words OCR read surely, a line's run broken at each word read with doubt:
    # the text's evidence of its own spelling, which a misreading OCR repeats does not
    # make ("tỉnh thần" read twice for "tinh thần").
    sure_text: tuple[str, ...] = ()
    pages: int = 0  # a scan's page count, for the review page's images of them
