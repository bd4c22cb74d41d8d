"""Read a scanned conclusion (a PDF of page images) with OCR: Tesseract and its
Vietnamese model (Debian's `tesseract-ocr`, `tesseract-ocr-vie`), page by page.

Each page is rasterised at DPI by poppler's `pdftoppm` and read by `tesseract … hocr`,
which gives every line's box, baseline slope and font size and every word's box and
confidence. A page scanned askew is read again turned straight when its lines slope
more than MAX_SLANT degrees (Tesseract reads a slight slant well by itself; the word
positions are then turned straight arithmetically). The words become the same
positioned words a text-layer PDF gives, and `pdf` makes paragraphs, header, closing
table and footnotes of them; every paragraph of the result is marked for review, since
OCR misreads letters, above all Vietnamese diacritics.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from PIL import Image

from ketluan.ingest.document import SourceError

__all__ = ["DPI", "SURE", "ocr_available", "page_images", "read_scan"]

DPI = 300  # what Tesseract reads best; a laser-printed A4 page is 2480 × 3508 pixels
MAX_SLANT = 1.0  # degrees: past it, the page is turned straight and read again
SURE = 96  # a word OCR reads with less confidence may be misread (most read at 96-97)
SPECK_CONFIDENCE = 60  # a sign alone read with less is dust (a real one reads at 80-96)
PAGE_SECONDS = 120  # a page OCRs in seconds; a stuck one is given up on

_BBOX = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
_BASELINE = re.compile(r"baseline (-?[\d.]+) (-?[\d.]+)")
_SIZE = re.compile(r"x_size ([\d.]+)")
_CONFIDENCE = re.compile(r"x_wconf (\d+)")

Say = Callable[[str], None]

# Where a page's progress is said, when someone listens (the reader's child sets it).
progress: Say | None = None


def ocr_available() -> bool:
    """Whether Tesseract with its Vietnamese model and poppler's rasteriser are here."""
    tesseract = shutil.which("tesseract")
    if tesseract is None or shutil.which("pdftoppm") is None:
        return False
    listed = subprocess.run(
        [tesseract, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    )
    return "vie" in listed.stdout.split()


def read_scan(path: Path, pages: int) -> tuple[list[list[dict[str, Any]]], list[float]]:
    """The positioned words of each of the `pages` pages of the scanned PDF at `path`
    (in PDF points, as pdfplumber gives them, with each word's OCR confidence), and
    each page's mean confidence (0-100); SourceError when OCR cannot run."""
    if not ocr_available():
        raise SourceError(
            "tệp PDF là bản quét (không có lớp chữ) mà máy này chưa có phần mềm nhận dạng "
            "chữ: hãy cài tesseract-ocr và tesseract-ocr-vie (Debian), hoặc xin bản Word (.docx)"
        )
    words: list[list[dict[str, Any]]] = []
    confidence: list[float] = []
    with tempfile.TemporaryDirectory(prefix="ketluan-ocr-") as folder:
        for number in range(1, pages + 1):
            if progress is not None:
                progress(f"nhận dạng chữ trang {number}/{pages}…")
            image = _rasterise(path, number, Path(folder))
            page = _footnotes_set_small(_read_page(image))
            words.append(page)
            confidence.append(statistics.fmean([w["confidence"] for w in page]) if page else 0.0)
    return words, confidence


PREVIEW_DPI = 100  # the review page's image of a page: legible, about 300 KB a noisy scan


def page_images(path: Path, pages: int) -> list[bytes]:
    """JPEG images of the scanned PDF's first `pages` pages at PREVIEW_DPI, for the
    review page to show beside the text OCR read; none when poppler cannot make them
    (the review page is then written without). Called only once the reader's child has
    read the file at three times this resolution within its ceiling."""
    with tempfile.TemporaryDirectory(prefix="ketluan-pages-") as folder:
        try:
            subprocess.run(
                ["pdftoppm", "-r", str(PREVIEW_DPI), "-gray", "-jpeg", "-jpegopt",
                 "quality=70", "-l", str(pages), str(path), f"{folder}/trang"],
                capture_output=True, timeout=PAGE_SECONDS, check=True,
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            return []
        # pdftoppm numbers its files with as many digits as the page count has.
        return [f.read_bytes() for f in sorted(Path(folder).glob("trang-*.jpg"))]


# A footnote as OCR reads it: its raised number glued to its first word ("1Như các …"),
# a capital then a small letter (not "1I." for a misread "II."); the number sometimes
# read as the letter it looks like ("SNhất" for "5Nhất").
_NOTE_OPENING = re.compile(r"(\d{1,3}|[SOIlZBG])([^\W\d_])([^\W\d_])")
_DIGIT_LIKE = str.maketrans("SOIlZBG", "5011286")


def _note_number(word: str) -> str | None:
    """The word with its note number read right, when it opens a footnote."""
    found = _NOTE_OPENING.match(word)
    if found is None or not (found.group(2).isupper() and found.group(3).islower()):
        return None
    return found.group(1).translate(_DIGIT_LIKE) + word[found.end(1) :]


def _footnotes_set_small(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The words with the page's footnotes set smaller than its body, as they are
    printed: OCR's size estimates are too coarse to tell 11 pt from 13 pt, so a line in
    the page's lower part that opens with a number glued to a word starts the notes,
    and every line below it is theirs."""
    if not words:
        return words
    body = statistics.median(w["size"] for w in words)
    bottom = max(w["bottom"] for w in words)
    firsts: dict[float, dict[str, Any]] = {}
    for word in words:
        first = firsts.get(word["top"])
        if first is None or word["x0"] < first["x0"]:
            firsts[word["top"]] = word
    opening = {
        id(first): number
        for top, first in firsts.items()
        if top > bottom * 0.6 and (number := _note_number(first["text"])) is not None
    }
    if not opening:
        return words
    notes_from = min(w["top"] for w in words if id(w) in opening)
    return [
        w | {"size": body * 0.8, "text": opening.get(id(w), w["text"])}
        if w["top"] >= notes_from
        else w
        for w in words
    ]


def _rasterise(path: Path, number: int, folder: Path) -> Path:
    stem = folder / f"trang-{number}"
    _run(
        ["pdftoppm", "-r", str(DPI), "-gray", "-singlefile", "-f", str(number),
         "-l", str(number), str(path), str(stem)]
    )  # fmt: skip
    # Grey PGM, not PNG: compressing a 300 dpi page to PNG took pdftoppm 5 s, longer
    # than Tesseract's reading of it; PGM is written in a tenth of a second.
    return stem.with_suffix(".pgm")


def _read_page(image: Path) -> list[dict[str, Any]]:
    lines = _hocr_lines(image)
    slant = _slant(lines)
    with Image.open(image) as scanned:
        centre = (scanned.width / 2, scanned.height / 2)
        if abs(slant) > MAX_SLANT:
            scanned.rotate(slant, fillcolor=255, expand=False).save(image)
    if abs(slant) > MAX_SLANT:
        lines = _hocr_lines(image)
        slant = _slant(lines)
    if not lines:
        return []
    # OCR's size estimates wander by a point or two from line to line of one type size
    # (a line of capitals reads larger, one of short words smaller): the page's body
    # size stands for every line, and its footnotes are set smaller below.
    size = statistics.median_low(line["size"] for line in lines for _ in line["words"])
    with_size = []
    for line in lines:
        # A line's words share one box, drawn round its baseline as a PDF's font box is:
        # the boxes OCR gives rise and fall with diacritics and descenders, and a short
        # line's taller box would read as the space between two paragraphs.
        _x0, baseline = _turned((line["bbox"][0], line["baseline"]), slant, centre)
        top, bottom = baseline * 72 / DPI - size * 0.8, baseline * 72 / DPI + size * 0.2
        for word in line["words"]:
            left, _y = _turned((word["bbox"][0], line["baseline"]), slant, centre)
            right = left + word["bbox"][2] - word["bbox"][0]
            with_size.append(
                {
                    "text": word["text"],
                    "x0": left * 72 / DPI,
                    "x1": right * 72 / DPI,
                    "top": top,
                    "bottom": bottom,
                    "size": size,
                    "confidence": word["confidence"],
                }
            )
    return with_size


def _turned(
    point: tuple[float, float], slant: float, centre: tuple[float, float]
) -> tuple[float, float]:
    """Where a point of the page stands once the page is turned straight by `slant`
    degrees about its centre."""
    if not slant:
        return point
    # Tesseract's baseline slope is in image coordinates (y down): a positive slant
    # is a page turned clockwise as seen, which turning back undoes.
    angle = math.radians(-slant)
    x, y = point[0] - centre[0], point[1] - centre[1]
    return (
        x * math.cos(angle) - y * math.sin(angle) + centre[0],
        x * math.sin(angle) + y * math.cos(angle) + centre[1],
    )


def _slant(lines: list[dict[str, Any]]) -> float:
    """The page's slant in degrees, from its long lines' baselines (Tesseract's)."""
    slopes = [line["slope"] for line in lines if line["bbox"][2] - line["bbox"][0] > DPI * 3]
    return math.degrees(math.atan(statistics.median(slopes))) if slopes else 0.0


def _hocr_lines(image: Path) -> list[dict[str, Any]]:
    """Each line Tesseract finds: its box, baseline slope, font size in points, words."""
    # A PGM says nothing of its resolution, and Tesseract's guess changes its reading.
    hocr = _run(
        ["tesseract", str(image), "-", "-l", "vie", "--psm", "3", "--dpi", str(DPI), "hocr"]
    )
    # Tesseract's own output (XHTML, no entities), not the received file's.
    root = ElementTree.fromstring(hocr)
    lines: list[dict[str, Any]] = []
    for element in root.iter():
        title = element.get("title", "")
        if element.get("class") not in ("ocr_line", "ocr_caption", "ocr_textfloat", "ocr_header"):
            continue
        box, size = _BBOX.search(title), _SIZE.search(title)
        if box is None or size is None:
            continue
        baseline = _BASELINE.search(title)
        line: dict[str, Any] = {
            "bbox": tuple(int(g) for g in box.groups()),
            "slope": float(baseline.group(1)) if baseline else 0.0,
            # hOCR gives the baseline's offset from the box's bottom-left corner.
            "baseline": int(box.group(4)) + (float(baseline.group(2)) if baseline else 0.0),
            # x_size is the line's height, about 1.2 times its font size.
            "size": round(float(size.group(1)) * 72 / DPI / 1.2 * 2) / 2,
            "words": [],
        }
        for word in element:
            text = "".join(word.itertext()).strip()
            word_box = _BBOX.search(word.get("title", ""))
            if not text or word_box is None:
                continue
            conf = _CONFIDENCE.search(word.get("title", ""))
            confidence = int(conf.group(1)) if conf else 0
            if _speck(text, confidence):
                continue
            bbox = tuple(int(g) for g in word_box.groups())
            # A part's number opens its line, set in bold (wider): parts are put in
            # order by the reader (pdf._romans_in_order), not counted by width.
            counted = text
            if line["words"]:
                counted = _is_as_wide(text, (bbox[2] - bbox[0]) / float(size.group(1)))
            if counted != text:  # a misread Roman number: no longer a sure reading
                text, confidence = counted, min(confidence, SURE - 1)
            line["words"].append({"text": text, "bbox": bbox, "confidence": confidence})
        lines.append(line)
    return lines


# A Roman number of I's ("quý III", "III."), which OCR reads one I short when the
# strokes blur together: its width, in the line's x-height as Tesseract measures it,
# counts its I's. Measured on LibreOffice's serif (Liberation Serif, the metrics of the
# Times New Roman Nghị định 30/2020/NĐ-CP asks for) at 13-14 pt: "I" 0.27-0.35, "II"
# 0.59-0.75, "III" 0.98-1.14, a stop or comma after them 0.21-0.25.
_ROMAN_IS = re.compile(r"(I{1,3})([.,;:]?)")
_I_WIDTH, _STOP_WIDTH = 0.31, 0.23


def _is_as_wide(text: str, width: float) -> str:
    """`text` with as many I's as its width holds, when it is a Roman number of I's."""
    found = _ROMAN_IS.fullmatch(text)
    if found is None:
        return text
    count = round((width - _STOP_WIDTH * len(found.group(2))) / _I_WIDTH)
    return "I" * count + found.group(2) if 1 <= count <= 3 else text


# Marks no typist sets apart between words: dust, a crease or a stroke of the signature
# that OCR reads as a sign of its own.
_SPECKS = frozenset("|¦_„~`¡")


def _speck(text: str, confidence: int) -> bool:
    """Whether a word OCR read is a speck on the page, not a word: no letter or digit,
    and read with little confidence or made only of marks no text sets alone."""
    if any(c.isalnum() for c in text):
        return False
    return confidence < SPECK_CONFIDENCE or set(text) <= _SPECKS


def _run(command: list[str]) -> bytes:
    # One thread: the reader's child is held to a memory ceiling, and two cores are
    # better spent on one page at a time than on Tesseract's threads fighting.
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=PAGE_SECONDS, check=False, env=environment
        )
    except subprocess.TimeoutExpired:
        raise SourceError(
            f"nhận dạng chữ một trang quá {PAGE_SECONDS} giây: hãy xin bản Word (.docx)"
        ) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise SourceError(f"không nhận dạng được chữ của bản quét ({said[0][:120]})")
    return done.stdout
