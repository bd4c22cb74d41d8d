"""Read a conclusion from a PDF with a text layer (pdfplumber): paragraphs in order,
footnotes out of the flow.

A PDF holds positioned words, not paragraphs. The body is the most common font size;
a run of digits set much smaller, on a body line and glued to the word before it, is
a footnote marker ("dự án lớn¹" comes out as "lớn" + "1"). Lines set smaller than the
body below a page's last body line are its footnotes, each opening with its number.
The running header (the same line at the top of several pages) and the page numbers
are dropped. Lines make paragraphs again: a new one starts at a first-line indent, a
centred or short line, or a wider gap; a paragraph cut by a page break goes on over
it. The numbers the document prints ("II.", "2.1.", "-") are split off as for a text
export.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfpage import PDFPage
from pdfplumber.page import PDFPageAggregatorWithMarkedContent

from ketluan.ingest.document import (
    INVISIBLE,
    OFF_PAGE,
    TINY,
    WHITE,
    HiddenText,
    SourceDocument,
    SourceError,
    SourceParagraph,
)
from ketluan.ingest.ocr import SURE, read_scan
from ketluan.ingest.plain import labelled
from ketluan.ingest.scan_markers import place_markers
from ketluan.ingest.tables import assignment_header, head_paragraph, row_paragraph
from ketluan.text.vietnamese import superscript

__all__ = ["read_pdf"]

MAX_PAGES = 500  # a conclusion has a dozen; anything far longer is not one
# What a page may ask to be drawn, decoded: a dense page of text is 30-40 KB, a
# hundred thousand characters on one page (all but invisible) is megabytes, and reading
# them takes minutes and gigabytes.
MAX_PAGE_CONTENT = 512 * 1024
MAX_PDF_BYTES = 64 * 1024 * 1024  # a scanned conclusion of 30 pages is a few MB


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    words: list[dict[str, Any]] = field(default_factory=list)
    markers: list[dict[str, Any]] = field(default_factory=list)

    def text(self) -> str:
        """The words with their footnote markers glued as superscript digits."""
        items = sorted([*self.words, *self.markers], key=lambda w: w["x0"])
        out, end = "", None
        for item in items:
            if item in self.markers:
                out += superscript(int(item["text"]))
            else:
                # Words are apart by a space, unless glued to a marker ("hội³;").
                glued = end is not None and item["x0"] - end < 1.0
                out += ("" if glued or not out else " ") + item["text"]
            end = item["x1"]
        return out


def read_pdf(path: Path) -> SourceDocument:
    """The paragraphs and footnotes of a text-layer PDF; SourceError (in Vietnamese) for
    an encrypted, corrupt or scanned one."""
    _refuse_page_count(path)
    try:
        with pdfplumber.open(path) as pdf:
            # Counted lazily: a few kilobytes of page tree can name millions of pages.
            if sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), MAX_PAGES + 1)) > (
                MAX_PAGES
            ):
                raise SourceError(
                    f"tệp PDF có hơn {MAX_PAGES} trang: không phải một Kết luận; hãy kiểm tra "
                    "lại tệp nhận được"
                )
            hidden: list[HiddenText] = []
            for page in pdf.pages:
                _refuse_dense(page)
                _lay_out(page)
            tables: list[list[SourceParagraph]] = []
            pages = [_tabled(_seen(page, hidden), tables) for page in pdf.pages]
            size = (pdf.pages[0].width, pdf.pages[0].height) if pdf.pages else (0.0, 0.0)
    except SourceError:
        raise
    except Exception as exc:  # pdfminer raises many kinds for a damaged or locked file
        raise SourceError(_why(exc)) from None
    if not any(pages):
        return _scanned(path, len(pages), size, hidden)
    document, _unplaced = _document(pages, size)
    if tables:
        document = replace(document, paragraphs=_with_tables(document.paragraphs, tables))
    return replace(document, hidden=tuple(hidden))


# Where an assignment table stood among a page's words: one word of its own, which the
# paragraphs then hold and `_with_tables` replaces with the table's rows.
_TABLE_AT = "\u2063BẢNG{}\u2063"
_TABLE_TOKEN = re.compile("\u2063BẢNG(\\d+)\u2063")


def _tabled(page: Any, tables: list[list[SourceParagraph]]) -> list[dict[str, Any]]:
    """The page's words, an assignment table's (drawn with its rules) taken out and read
    row by row and cell by cell (`ketluan.ingest.tables`), a token left in its place; a
    table that runs on from the page before (a row numbered next, no header) continues
    it."""
    words = _words(page)
    for found in page.find_tables():
        rows = [[" ".join((c or "").split()) for c in row] for row in found.extract()]
        last = tables[-1] if tables else None
        width = len(last[0].cells) if last else 0
        # A row the page break cut: its rest, with no TT, joins the row above.
        cut = bool(rows) and last is not None and len(last) > 1 and not rows[0][0]
        cut = cut and len(rows[0]) == width
        if cut and last is not None:
            above, rest = last[-1], rows.pop(0)
            joined = [f"{a} {b}".strip() for a, b in zip(above.cells, rest[2:], strict=False)]
            last[-1] = replace(above, text=f"{above.text} {rest[1]}".strip(), cells=tuple(joined))
        # A table runs on from the page before: row n after its n - 1 rows, no header.
        continues = (
            bool(rows) and len(rows[0]) == width and rows[0][0].rstrip(".") == str(len(last or ()))
        )
        header = bool(rows) and not continues and assignment_header(rows[0])
        if not (cut or continues or header):
            continue
        x0, top, x1, bottom = found.bbox
        inside = [w for w in words if x0 <= w["x0"] and w["x1"] <= x1 and top <= w["top"] <= bottom]
        kept = [w for w in words if w not in inside]
        if not header:
            if last is not None:
                last += [row_paragraph(r, page.page_number) for r in rows if any(r)]
            words = kept
            continue
        tables.append([head_paragraph(rows[0])])
        tables[-1] += [row_paragraph(r, page.page_number) for r in rows[1:] if any(r)]
        # The token reads as body text: the page's usual size, at the table's top left.
        usual = Counter(round(w["size"], 1) for w in kept).most_common(1)
        size = usual[0][0] if usual else (inside[0]["size"] if inside else 10.0)
        token = {"text": _TABLE_AT.format(len(tables) - 1), "size": size}
        token |= {"x0": x0, "x1": x0 + 5, "top": top, "bottom": top + size}
        words = [*kept, {**(inside[0] if inside else {}), **token}]
    return words


def _with_tables(
    paragraphs: tuple[SourceParagraph, ...], tables: list[list[SourceParagraph]]
) -> tuple[SourceParagraph, ...]:
    """The paragraphs with each table's token replaced by the table's rows, the words
    around a token (a paragraph the layout ran into it) kept before and after."""
    out: list[SourceParagraph] = []
    for paragraph in paragraphs:
        pieces = _TABLE_TOKEN.split(paragraph.text)
        if len(pieces) == 1:
            out.append(paragraph)
            continue
        for index, piece in enumerate(pieces):
            if index % 2:
                out += tables[int(piece)]
            elif piece.strip():
                text = piece.strip()
                out.append(replace(paragraph, text=text) if index == 0 else labelled(text))
    return tuple(out)


_LETTERS = re.compile(r"[^\W\d_]+")
MAX_SCAN_PAGES = 40  # OCR takes seconds a page; a conclusion has a dozen

# A part's Roman number as OCR misreads it: "IH." for "III.", "Il." or "1I." for "II.".
_OCR_ROMAN = re.compile(r"([IVXlH1|!]{1,4})[.:,]\s+(\S.*)", re.S)
_ROMAN_ORDER = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_ROMAN_PARTS = frozenset(_ROMAN_ORDER)


def _romans_in_order(paragraphs: list[SourceParagraph]) -> tuple[list[SourceParagraph], list[str]]:
    """Parts numbered I, II, III… in turn: a part number OCR gives twice ("II." for
    "III.") is the next one; each change is said."""
    out, said, last = [], [], 0
    for paragraph in paragraphs:
        number = paragraph.label.rstrip(".")
        if number in _ROMAN_ORDER:
            position = _ROMAN_ORDER.index(number)
            if position <= last - 1 and last < len(_ROMAN_ORDER):
                fixed = _ROMAN_ORDER[last]
                said.append(f"số phần “{paragraph.label}” đọc lặp lại, ghi là “{fixed}.”")
                paragraph, position = replace(paragraph, label=f"{fixed}."), last
            last = position + 1
        out.append(paragraph)
    return out, said


# An item's number as OCR may misread it into letters ("THIẢN:" for "2.13."): a short
# word in capitals closed by a stop or a colon, opening an unnumbered paragraph.
_GARBLED_NUMBER = re.compile(r"(\w{2,6})[.:]\s+(?=\S)")
_ITEM = re.compile(r"(\d+)\.(\d+)\.")


def _items_in_order(paragraphs: list[SourceParagraph]) -> tuple[list[SourceParagraph], list[str]]:
    """An unnumbered paragraph opening with a short garbled word in capitals after item
    "2.12." of a part whose "2.13." never comes is that item, its number misread; each
    change is said. (A paragraph may well follow an item unnumbered; one opening with a
    word no text writes, where a number is missing, is the item.)"""
    labels = [p.label for p in paragraphs]
    out, said, last = [], [], None
    for index, paragraph in enumerate(paragraphs):
        item = _ITEM.fullmatch(paragraph.label)
        if item is not None:
            last = (int(item.group(1)), int(item.group(2)))
        elif paragraph.label.rstrip(".") in _ROMAN_ORDER:
            last = None
        elif last is not None and not paragraph.label:
            garbled = _GARBLED_NUMBER.match(paragraph.text)
            expected = f"{last[0]}.{last[1] + 1}."
            if (
                garbled is not None
                and _garbled(garbled.group(1))
                and expected not in labels[index:]
            ):
                said.append(f"số mục “{expected}” suy ra từ “{garbled.group()}” đầu đoạn")
                paragraph = replace(paragraph, label=expected, text=paragraph.text[garbled.end() :])
                last = (last[0], last[1] + 1)
        out.append(paragraph)
    return out, said


# Vietnamese lettered items, in order ("đ" after "d"; no f, j, w, z).
_LETTER_ORDER = "abcdđeghiklmnopqrstuvxy"
# A point's label as OCR may misread it: "©)" for "e)", "ø)" for "g)", "Š." for "5.".
_GARBLED_LETTER = re.compile(r"(\S)\)\s+(?=\S)")
_GARBLED_POINT = re.compile(r"(\S{1,2})\.\s+(?=\S)")
_POINT = re.compile(r"(\d+)\.")


def _points_in_order(paragraphs: list[SourceParagraph]) -> tuple[list[SourceParagraph], list[str]]:
    """A directive's lettered items (a, b, …, đ, e, g) and single numbered points (1.,
    2., …) come in order: an unlabelled paragraph after "đ)" opening with a sign OCR
    made of the next letter ("©) Báo cáo …") is item "e)", and one after "4." opening
    with a short word no text writes ("Š. Đối với …") is point "5."; each change is
    said, never made in the text."""
    labels = [p.label for p in paragraphs]
    out, said = [], []
    letter: int | None = None  # the last lettered item's place in the alphabet
    point: int | None = None
    for index, paragraph in enumerate(paragraphs):
        label = paragraph.label
        if len(label) == 2 and label.endswith(")") and label[0] in _LETTER_ORDER:
            letter = _LETTER_ORDER.index(label[0])
        elif (single := _POINT.fullmatch(label)) is not None:
            number = int(single.group(1))
            after = next((x for x in labels[index + 1 :] if _POINT.fullmatch(x)), None)
            if point is not None and number != point + 1 and after == f"{point + 2}.":
                # "53." between "4." and "6.": a speck read into point "5.".
                said.append(f"số mục “{point + 1}.” suy ra từ “{label}” giữa hai số liền kề")
                paragraph, number = replace(paragraph, label=f"{point + 1}."), point + 1
            point, letter = number, None
        elif label.rstrip(".") in _ROMAN_ORDER or _ITEM.fullmatch(label):
            point = letter = None
        elif not label:
            garbled = _GARBLED_LETTER.match(paragraph.text)
            if (
                letter is not None
                and garbled is not None
                and not garbled.group(1).isalnum()
                and letter + 1 < len(_LETTER_ORDER)
            ):
                expected = f"{_LETTER_ORDER[letter + 1]})"
                said.append(f"điểm “{expected}” suy ra từ “{garbled.group().strip()}” đầu đoạn")
                paragraph = replace(paragraph, label=expected, text=paragraph.text[garbled.end() :])
                letter += 1
            garbled = _GARBLED_POINT.match(paragraph.text)
            expected = f"{(point or 0) + 1}."
            if (
                point is not None
                and not paragraph.label
                and garbled is not None
                and not garbled.group(1).isdigit()
                and not garbled.group(1).islower()
                and not garbled.group(1).isascii()
                and expected not in labels[index:]
            ):
                said.append(f"số mục “{expected}” suy ra từ “{garbled.group().strip()}” đầu đoạn")
                paragraph = replace(paragraph, label=expected, text=paragraph.text[garbled.end() :])
                point += 1
        out.append(paragraph)
    return out, said


def _garbled(word: str) -> bool:
    """A word no sentence opens with: in capitals, or letters and digits mixed."""
    return word.isupper() or any(c.isdigit() for c in word)


def _sure_runs(pages: list[list[dict[str, Any]]]) -> Iterator[str]:
    """Each line's runs of words OCR read with confidence, in order (NFC)."""
    for words in pages:
        lines: dict[float, list[dict[str, Any]]] = {}
        for word in words:
            lines.setdefault(word["top"], []).append(word)
        for line in lines.values():
            run: list[str] = []
            for word in sorted(line, key=lambda w: w["x0"]):
                if word["confidence"] >= SURE:
                    run.append(unicodedata.normalize("NFC", word["text"]))
                    continue
                if run:
                    yield " ".join(run)
                run = []
            if run:
                yield " ".join(run)


def _roman_read(paragraph: SourceParagraph) -> SourceParagraph:
    """A paragraph opening with a misread Roman part number, with it as its label."""
    found = None if paragraph.label else _OCR_ROMAN.fullmatch(paragraph.text)
    if found is None:
        return paragraph
    number = found.group(1).replace("H", "II").translate(str.maketrans("l1|!", "IIII"))
    if number not in _ROMAN_PARTS or found.group(1) == number:
        return paragraph
    return replace(paragraph, label=f"{number}.", text=found.group(2))


def _scanned(
    path: Path, count: int, size: tuple[float, float], hidden: list[HiddenText]
) -> SourceDocument:
    """A PDF of page images, read with OCR (`ocr`); every paragraph marked for review."""
    if count > MAX_SCAN_PAGES:
        raise SourceError(
            f"bản quét có {count} trang, quá {MAX_SCAN_PAGES} trang nhận dạng chữ được: hãy xin "
            "bản Word (.docx) của Kết luận"
        )
    pages, confidence = read_scan(path, count)
    if not any(pages):
        raise SourceError(
            "tệp PDF không có lớp chữ và nhận dạng chữ (OCR) không đọc được chữ nào: hãy xin "
            "bản Word (.docx) của Kết luận"
        )
    document, unplaced = _document(pages, size, scanned=True)
    paragraphs, renumbered = _romans_in_order([_roman_read(p) for p in document.paragraphs])
    paragraphs, items = _items_in_order(paragraphs)
    renumbered += items
    paragraphs, points = _points_in_order(paragraphs)
    renumbered += points
    shown = ", ".join(f"trang {n}: {c:.0f}%" for n, c in enumerate(confidence, start=1))
    remarks = [
        f"văn bản đọc bằng nhận dạng chữ (OCR) từ bản quét; độ tin cậy trung bình {shown}: "
        "đối chiếu từng đoạn với bản quét, nhất là dấu tiếng Việt và chữ số"
    ]
    if renumbered:
        remarks.append("; ".join(renumbered) + ": kiểm tra số phần, số mục theo bản quét")
    placed = sorted(set(document.footnotes) - set(unplaced))
    if placed:
        remarks.append(
            f"dấu chú thích {', '.join(map(str, placed))} được đặt vào chỗ nhận dạng chữ đọc "
            "sai số nhỏ in cao (thành dấu ”, °, ' hoặc chữ số dính vào chữ trước): kiểm tra "
            "từng chỗ theo bản quét"
        )
    if unplaced:
        remarks.append(
            f"không tìm thấy dấu chú thích {', '.join(map(str, unplaced))} trong bản quét: đặt "
            "số chú thích vào đúng chỗ theo bản quét"
        )
    return replace(
        document,
        paragraphs=tuple(paragraphs),
        hidden=tuple(hidden),
        remarks=(*document.remarks, *remarks),
        scanned=True,
        pages=count,
        doubtful=frozenset(
            part.lower()
            for words in pages
            for w in words
            if w["confidence"] < SURE
            for part in _LETTERS.findall(w["text"])
        ),
        sure_text=tuple(_sure_runs(pages)),
    )


# Text render modes that paint nothing (PDF 32000-1, 9.3.6): 3 neither fills nor
# strokes, 7 only adds to the clipping path. A scanner's OCR layer is drawn so, under
# the page's image; a crafted file draws so what its reader must not see.
_INVISIBLE_MODES = frozenset({3, 7})
# pdfplumber keeps only a fixed set of a character's attributes; the marked-content tag
# is one we never read, so it carries the mark.
_INVISIBLE_TAG = "ketluan:invisible"


class _RenderModeAggregator(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's page device, which also marks each character drawn in a render mode
    that paints nothing (pdfminer keeps the mode in the text state, not on the char)."""

    def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
        before = len(self.cur_item._objs)
        super().render_string(textstate, seq, ncs, graphicstate)
        if textstate.render in _INVISIBLE_MODES:
            for obj in self.cur_item._objs[before:]:
                obj.tag = _INVISIBLE_TAG  # type: ignore[attr-defined]


def _lay_out(page: Any) -> None:
    """Lay the page out with the render-mode-aware device; pdfplumber reads its
    characters from the layout it caches (`_layout`) from then on."""
    device = _RenderModeAggregator(
        page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams
    )
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()


# Text its reader does not see: white (on the white page), set under 3 pt, drawn
# outside the page, or drawn in a mode that paints nothing.
_MIN_SIZE = 3.0
_WHITE = ((1.0,), (1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 0.0))


def _unseen(char: dict[str, Any], width: float, height: float) -> str | None:
    """Why a character does not show on its page, or None when it does."""
    if char.get("tag") == _INVISIBLE_TAG:
        return INVISIBLE
    colour = char.get("non_stroking_color")
    if isinstance(colour, tuple | list) and tuple(float(c) for c in colour) in _WHITE:
        return WHITE
    if float(char.get("size") or 0) < _MIN_SIZE:
        return TINY
    if char["x1"] <= 0 or char["x0"] >= width or char["bottom"] <= 0 or char["top"] >= height:
        return OFF_PAGE
    return None


def _seen(page: Any, hidden: list[HiddenText]) -> Any:
    """The page with only what its reader sees; the rest said in `hidden`."""
    unseen: dict[str, list[str]] = {}
    for char in page.chars:
        why = _unseen(char, page.width, page.height)
        if why is not None:
            unseen.setdefault(why, []).append(char["text"])
    for why, chars in unseen.items():
        words = " ".join("".join(chars).split())
        if words:
            hidden.append(HiddenText(f"trang {page.page_number}", why, words))
    if not unseen:
        return page

    def shows(obj: dict[str, Any]) -> bool:
        return obj.get("object_type") != "char" or _unseen(obj, page.width, page.height) is None

    return page.filter(shows)


# Page objects and page counts as a PDF writes them in plain objects; pdfminer takes
# minutes to parse a page tree of hundreds of thousands of pages before counting any.
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_PAGE_COUNT = re.compile(rb"/Count\s+(\d{1,12})")


def _refuse_page_count(path: Path) -> None:
    """SourceError, before parsing, for a file whose plain objects name more pages than
    any conclusion has (pages in compressed object streams are counted after parsing)."""
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise SourceError(
            f"tệp PDF lớn {size // 1024 // 1024} MB, vượt giới hạn {MAX_PDF_BYTES // 1024 // 1024} "
            "MB: không phải một Kết luận; hãy xin bản Word (.docx)"
        )
    raw = path.read_bytes()
    counts = [int(m.group(1)) for m in _PAGE_COUNT.finditer(raw)]
    if max(counts, default=0) > MAX_PAGES or len(_PAGE_OBJECT.findall(raw)) > MAX_PAGES:
        raise SourceError(
            f"tệp PDF có hơn {MAX_PAGES} trang: không phải một Kết luận; hãy kiểm tra "
            "lại tệp nhận được"
        )
    if _declared_objects(raw) > MAX_OBJECTS:
        raise SourceError(
            f"tệp PDF khai báo hơn {MAX_OBJECTS:_} đối tượng, gấp nhiều lần một Kết luận: tệp có "
            "thể bị hỏng hoặc cố ý làm nặng; hãy xin bản Word (.docx)".replace("_", ".")
        )


# How many objects the file's cross-references say it holds. An object packed in a
# compressed object stream is found only through a cross-reference stream, whose /Size
# or /Index ranges stand in plain text (plain objects are counted by _PAGE_OBJECT).
MAX_OBJECTS = 50_000  # a forty-page conclusion from Word holds a few thousand
_SIZE = re.compile(rb"/Size\s+(\d{1,12})")
_INDEX = re.compile(rb"/Index\s*\[([\d\s]{1,100000})\]")


def _declared_objects(raw: bytes) -> int:
    sizes = [int(m.group(1)) for m in _SIZE.finditer(raw)]
    ranges = [sum(int(n) for n in m.group(1).split()[1::2]) for m in _INDEX.finditer(raw)]
    return max([*sizes, *ranges, 0])


def _refuse_dense(page: Any) -> None:
    """SourceError for a page that draws far more than a page of text."""
    streams = page.page_obj.contents or []
    size = sum(len(stream.get_data()) for stream in streams if hasattr(stream, "get_data"))
    if size > MAX_PAGE_CONTENT:
        raise SourceError(
            f"trang {page.page_number} của tệp PDF vẽ {size // 1024} KB nội dung, gấp nhiều lần "
            "một trang văn bản: không phải một Kết luận; hãy xin bản Word (.docx)"
        )


def _why(exc: Exception) -> str:
    # pdfplumber wraps pdfminer's error ("PdfminerException(PDFPasswordIncorrect())").
    name = " ".join(f"{type(e).__name__} {e!r}" for e in (exc, *exc.args)).lower()
    if "password" in name or "encrypt" in name:
        return "tệp PDF có mật khẩu hoặc bị khóa: hãy xin bản không khóa, hoặc bản Word (.docx)"
    return "tệp PDF bị hỏng hoặc không phải PDF: hãy xin lại tệp, hoặc bản Word (.docx)"


def _words(page: Any) -> list[dict[str, Any]]:
    words: list[dict[str, Any]] = page.extract_words(
        extra_attrs=["size"], keep_blank_chars=False, x_tolerance=1.5
    )
    return [w for w in words if w["text"].strip()]


def _document(
    pages: list[list[dict[str, Any]]], size: tuple[float, float], *, scanned: bool = False
) -> tuple[SourceDocument, list[int]]:
    """The document laid out from its pages' positioned words, and (for a scan) the
    notes whose marker OCR did not read."""
    sizes: Counter[float] = Counter()
    for words in pages:
        for w in words:
            sizes[round(w["size"], 1)] += len(w["text"])
    body = sizes.most_common(1)[0][0]
    lines = [
        column
        for n, words in enumerate(pages)
        for line in _lines(n, words, body)
        for column in _columns(line, body)
    ]
    lines = _without_furniture(lines, size[1], len(pages))
    lines, asides = _asides(lines, body)
    middle = size[0] / 2
    header, lines = _header(lines, middle)
    lines, closing = _closing(lines, middle, body)
    body_lines = [ln for ln in lines if ln.size >= body * 0.9]
    note_lines = [ln for ln in lines if ln.size < body * 0.9 and _below_body(ln, body_lines)]
    footnotes, note_pages = _footnotes(note_lines)
    unplaced = _scanned_markers(body_lines, note_pages) if scanned else []
    paragraphs = [
        replace(labelled(text), page=page + 1) for text, page in _paragraphs(body_lines, body)
    ] + [labelled(text) for text in closing]
    remarks = tuple(
        f"chữ nhỏ ngoài thân văn bản (dấu chữ ký số, ghi chú bên lề), không đưa vào bản nháp: "
        f"trang {line.page + 1}: “{line.text()}”"
        for line in asides
    )
    return SourceDocument(tuple(paragraphs), footnotes, header, remarks=remarks), unplaced


def _asides(lines: list[_Line], body: float) -> tuple[list[_Line], list[_Line]]:
    """The lines, and those set small beside or above the text before the closing: a
    digital signature's stamp a signing tool drew into the page ("Ký bởi: …, Thời gian
    ký: …"), a note in the margin. Not the text, not its footnotes (set small below it)
    nor the recipients (set small in the closing)."""
    closing = next((i for i, ln in enumerate(lines) if _RECIPIENTS.match(ln.text())), len(lines))
    text = [ln for ln in lines if ln.size >= body * 0.9]
    asides = [ln for ln in lines[:closing] if ln.size < body * 0.9 and not _below_body(ln, text)]
    aside = {id(ln) for ln in asides}
    return [ln for ln in lines if id(ln) not in aside], asides


def _scanned_markers(lines: list[_Line], notes: dict[int, int]) -> list[int]:
    """Put each note's marker where OCR misread it (`scan_markers`), in the lines'
    words; the notes whose marker was not found."""
    placed = place_markers([(ln.page, [w["text"] for w in ln.words]) for ln in lines], notes)
    for (line, index), text in placed.words.items():
        lines[line].words[index] = lines[line].words[index] | {"text": text}
    return placed.unplaced


def _columns(line: _Line, body: float) -> list[_Line]:
    """A line cut where a gap wider than a few words' spaces parts it: the two cells of
    a header or signature table side by side on one baseline."""
    items = sorted(line.words, key=lambda w: w["x0"])
    groups: list[list[dict[str, Any]]] = [[]]
    for word in items:
        if groups[-1] and word["x0"] - groups[-1][-1]["x1"] > body * 3:
            groups.append([])
        groups[-1].append(word)
    if len(groups) == 1:
        return [line]
    out = []
    for group in groups:
        x0, x1 = group[0]["x0"], max(w["x1"] for w in group)
        markers = [m for m in line.markers if x0 <= m["x0"] <= x1 + 1]
        top = min(w["top"] for w in group)
        out.append(_Line(line.page, top, line.bottom, x0, x1, line.size, group, markers))
    return out


def _header(lines: list[_Line], middle: float) -> tuple[tuple[str, ...], list[_Line]]:
    """The header table's two cells (issuing body, number / the party's name, place and
    date): the first page's opening lines that keep to one half of the page, before the
    first line across its middle (the document type, centred)."""
    count = 0
    for line in lines:
        if line.page != 0 or line.x0 < middle < line.x1:
            break
        count += 1
    left = "\n".join(ln.text() for ln in lines[:count] if ln.x1 <= middle)
    right = "\n".join(ln.text() for ln in lines[:count] if ln.x0 >= middle)
    return tuple(cell for cell in (left, right) if cell), lines[count:]


_RECIPIENTS = re.compile(r"[*_ ]*Nơi nhận\b", re.IGNORECASE)


def _closing(lines: list[_Line], middle: float, body: float) -> tuple[list[_Line], list[str]]:
    """The text's lines, and the closing table's from "Nơi nhận" on: the recipients'
    column (set smaller, never footnotes), a recipient each, then the signature's
    lines."""
    start = next((i for i, ln in enumerate(lines) if _RECIPIENTS.match(ln.text())), None)
    if start is None:
        return lines, []
    # A footnote set under the closing's first lines stays a footnote.
    notes = [
        ln for ln in lines[start:] if ln.size < body * 0.9 and _NOTE_START.fullmatch(ln.text())
    ]
    rest = [ln for ln in lines[start:] if ln not in notes]
    if not any(ln.x0 >= middle for ln in rest):
        # No table: recipients, then the signature, a line each down the page.
        return lines[:start] + notes, [ln.text() for ln in rest]
    left: list[str] = []
    for line in (ln for ln in rest if ln.x0 < middle):
        text = line.text()
        if len(left) > 1 and not text.startswith(("-", "+", "•")):
            left[-1] += " " + text  # a recipient's name wrapped in its narrow cell
        else:
            left.append(text)
    return lines[:start] + notes, left + [ln.text() for ln in rest if ln.x0 >= middle]


def _lines(page: int, words: list[dict[str, Any]], body: float) -> list[_Line]:
    """Words grouped into lines by their baseline; markers join the line they sit on."""
    small = [w for w in words if w["size"] <= body * 0.75 and w["text"].isdigit()]
    rest = sorted((w for w in words if w not in small), key=lambda w: (round(w["bottom"]), w["x0"]))
    lines: list[_Line] = []
    for w in rest:
        line = next(
            (ln for ln in reversed(lines) if abs(ln.bottom - w["bottom"]) <= w["size"] * 0.3),
            None,
        )
        if line is None:
            line = _Line(page, w["top"], w["bottom"], w["x0"], w["x1"], w["size"])
            lines.append(line)
        line.words.append(w)
        line.x0, line.x1 = min(line.x0, w["x0"]), max(line.x1, w["x1"])
        line.top = min(line.top, w["top"])
    for w in small:
        # A marker stands raised within a body line, glued to the word before it; in a
        # footnote line, a small number opens the note.
        host = next(
            (
                ln
                for ln in lines
                if ln.top - body * 0.6 <= w["top"] and w["bottom"] <= ln.bottom + 1
            ),
            None,
        )
        if host is not None and host.size > body * 0.9:
            host.markers.append(w)
        elif host is not None:
            host.words.append(w)
            host.x0 = min(host.x0, w["x0"])
        else:
            lines.append(_Line(page, w["top"], w["bottom"], w["x0"], w["x1"], w["size"], [w]))
    return sorted(lines, key=lambda ln: (ln.page, ln.bottom, ln.x0))


_PAGE_NUMBER = re.compile(r"[-–—\s]*(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?[-–—\s]*", re.I)


def _without_furniture(lines: list[_Line], height: float, pages: int) -> list[_Line]:
    """Drop page numbers and the running header (the top line repeated on pages)."""
    tops: Counter[str] = Counter()
    for page in range(pages):
        on_page = [ln for ln in lines if ln.page == page]
        if on_page:
            tops[min(on_page, key=lambda ln: ln.top).text()] += 1
    repeated = {text for text, n in tops.items() if n >= 2 and pages >= 2}
    out = []
    for line in lines:
        edge = line.top < height * 0.1 or line.bottom > height * 0.9
        if edge and (_PAGE_NUMBER.fullmatch(line.text()) or line.text() in repeated):
            continue
        out.append(line)
    return out


def _below_body(line: _Line, body_lines: list[_Line]) -> bool:
    on_page = [ln.bottom for ln in body_lines if ln.page == line.page]
    return not on_page or line.top >= max(on_page) - 1


def _paragraphs(lines: list[_Line], body: float) -> list[tuple[str, int]]:
    """Lines joined into paragraphs (see the module's docstring), each with the page it
    starts on; a title's centred lines make one paragraph, one line each, as Word's
    line breaks do."""
    if not lines:
        return []
    # The text's margin: where lines start most often, or the leftmost place many start
    # (a directive's one-line lettered items, each indented, may outnumber the lines
    # that run on to the margin).
    starts = Counter(round(ln.x0) for ln in lines)
    many = [x for x, n in starts.items() if n >= 3]
    left = min(many) if many else statistics.median_low(ln.x0 for ln in lines)
    right = max(Counter(round(ln.x1) for ln in lines).most_common(3))[0]
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines) if a.page == b.page]
    usual = statistics.median(gaps) if gaps else body * 0.4
    out: list[str] = []
    pages: list[int] = []
    previous: _Line | None = None
    for line in lines:
        centred = _centred(line, left, right, body)
        if previous is None:
            out.append(line.text())
            pages.append(line.page)
            previous = line
            continue
        gap = previous.page == line.page and line.top - previous.bottom > usual + body * 0.3
        was_centred = _centred(previous, left, right, body)
        if centred and was_centred and not gap:
            out[-1] += "\n" + line.text()
        elif (
            centred
            or was_centred
            or gap
            or line.x0 > left + body * 0.8  # a first-line indent
            or previous.x1 < right - body * 2.5  # the line before ended short
        ):
            out.append(line.text())
            pages.append(line.page)
        else:
            # A word broken at its hyphen across the line's end ("57-" / "NQ/TW") is
            # one word again; a dash standing alone ("kinh tế -" / "xã hội") keeps its
            # space.
            broken = out[-1].endswith("-") and out[-1][-2:-1].isalnum()
            out[-1] += ("" if broken else " ") + line.text()
        previous = line
    return list(zip(out, pages, strict=True))


def _centred(line: _Line, left: float, right: float, body: float) -> bool:
    """Set in the middle: equal room on both sides, and more than an indent's."""
    before, after = line.x0 - left, right - line.x1
    return before > body * 2 and abs(before - after) < body


_NOTE_START = re.compile(r"(\d{1,3})\s*(\D.*)")  # LibreOffice sets the number close


def _footnotes(lines: list[_Line]) -> tuple[dict[int, str], dict[int, int]]:
    """Each note's text, and the page it starts on."""
    out: dict[int, str] = {}
    pages: dict[int, int] = {}
    current: int | None = None
    for line in lines:
        text = line.text()
        start = _NOTE_START.fullmatch(text)
        if start and (current is None or int(start[1]) == current + 1 or int(start[1]) not in out):
            current = int(start[1])
            out[current], pages[current] = start[2], line.page
        elif current is not None:
            out[current] += " " + text
    return out, pages
