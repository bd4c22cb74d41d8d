"""Write a conclusion as a PDF with a text layer, laid out the way Word exports one: A4,
justified lines of a serif font, first-line indents, footnote markers set small and
raised ("dự án lớn¹" comes out as "lớn1"), each page's footnotes at its bottom under a
rule, a running header and a page number; a paragraph that does not fit goes on over
the page break. For the importer's tests only (fpdf2, a test dependency).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

from ketluan.text.vietnamese import FOOTNOTE_MARKER, footnote_number

FONTS = Path("/usr/share/fonts/truetype/noto")
BODY, NOTE, MARK, STAMP = 13.0, 10.0, 8.0, 7.0  # points
PAGE_W, PAGE_H, MARGIN = 210.0, 297.0, 20.0  # millimetres
PT = 25.4 / 72  # one point in millimetres
INDENT = 10.0


@dataclass
class _Page:
    # (y, runs, first line, ragged, centred)
    lines: list[tuple[float, list[tuple[str, bool]], bool, bool, bool]] = field(
        default_factory=list
    )
    notes: list[tuple[int, list[str]]] = field(default_factory=list)
    used: float = 0.0  # body height used, mm
    notes_height: float = 0.0


class _Layout:
    def __init__(self, pdf: FPDF, footnotes: dict[int, str]) -> None:
        self.pdf = pdf
        self.footnotes = footnotes
        self.pages = [_Page()]
        self.width = PAGE_W - 2 * MARGIN
        self.height = PAGE_H - 2 * MARGIN - 12  # room for the header and the number

    def width_of(self, word: str, size: float) -> float:
        self.pdf.set_font("body", size=size)
        return float(self.pdf.get_string_width(word))

    def tokens(self, text: str) -> list[list[tuple[str, bool]]]:
        """Words, each as runs of (text, is_marker)."""
        out = []
        for word in text.split(" "):
            runs: list[tuple[str, bool]] = []
            position = 0
            for m in FOOTNOTE_MARKER.finditer(word):
                runs += [(word[position : m.start()], False)] if m.start() > position else []
                runs.append((str(footnote_number(m.group())), True))
                position = m.end()
            runs += [(word[position:], False)] if position < len(word) else []
            out.append(runs)
        return out

    def run_width(self, runs: list[tuple[str, bool]]) -> float:
        return sum(self.width_of(t, MARK if marker else BODY) for t, marker in runs)

    def note_lines(self, text: str) -> list[str]:
        lines, line = [], ""
        for word in text.split(" "):
            trial = f"{line} {word}".strip()
            if self.width_of(trial, NOTE) > self.width - 4 and line:
                lines.append(line)
                line = word
            else:
                line = trial
        return [*lines, line]

    def paragraph(self, text: str, *, centred: bool = False) -> None:
        lines: list[list[list[tuple[str, bool]]]] = [[]]
        broken: set[int] = set()  # lines ended by a line break: never stretched
        used = 0.0 if centred else INDENT
        space = self.width_of(" ", BODY)
        for n, given in enumerate(text.split("\n")):  # a line break the text keeps
            if n:
                broken.add(len(lines) - 1)
                lines.append([])
                used = 0.0
            for word in self.tokens(" ".join(given.split())):
                w = self.run_width(word)
                if lines[-1] and used + space + w > self.width:
                    lines.append([])
                    used = 0.0
                used += (space if lines[-1] else 0) + w
                lines[-1].append(word)
        for n, line in enumerate(lines):
            last = n == len(lines) - 1 or n in broken
            self.line(line, first=n == 0 and not centred, last=last, centred=centred)
        self.pages[-1].used += 2.0  # space after a paragraph

    def line(
        self, words: list[list[tuple[str, bool]]], *, first: bool, last: bool, centred: bool
    ) -> None:
        notes = [
            (int(t), self.note_lines(f"{t} {self.footnotes[int(t)]}"))
            for runs in words
            for t, marker in runs
            if marker and int(t) in self.footnotes
        ]
        extra = sum(len(lines) * NOTE * 1.25 * PT for _n, lines in notes)
        height = BODY * 1.35 * PT
        page = self.pages[-1]
        rule = 4.0 if notes and not page.notes else 0.0
        if page.used + height + page.notes_height + extra + rule > self.height:
            self.pages.append(_Page())
            page = self.pages[-1]
            rule = 4.0 if notes else 0.0
        flat: list[tuple[str, bool]] = []
        for i, runs in enumerate(words):
            flat += ([(" ", False)] if i else []) + runs
        page.lines.append((page.used, flat, first, centred or last, centred))
        page.used += height
        page.notes += notes
        page.notes_height += extra + rule

    def draw(self, header: str, stamp: tuple[str, ...] = ()) -> None:
        for number, page in enumerate(self.pages, start=1):
            self.pdf.add_page()
            if number == 1 and stamp:
                self._stamp(stamp)
            self.pdf.set_font("body", size=NOTE)
            self.pdf.set_xy(MARGIN, 10)
            self.pdf.cell(self.width, 5, header, align="C")
            top = MARGIN + 6
            for y, runs, first, ragged, centred in page.lines:
                self._draw_line(runs, top + y, first, ragged, centred)
            if page.notes:
                y = PAGE_H - MARGIN - page.notes_height + 2
                self.pdf.line(MARGIN, y - 1.5, MARGIN + 50, y - 1.5)
                self.pdf.set_font("body", size=NOTE)
                for _n, lines in page.notes:
                    for line in lines:
                        self.pdf.set_xy(MARGIN, y)
                        self.pdf.cell(self.width, NOTE * 1.25 * PT, line)
                        y += NOTE * 1.25 * PT
            self.pdf.set_font("body", size=NOTE)
            self.pdf.set_xy(MARGIN, PAGE_H - 12)
            self.pdf.cell(self.width, 5, str(number), align="C")

    def _stamp(self, lines: tuple[str, ...]) -> None:
        """A digital signature's stamp as a signing tool draws it into the first page:
        small lines in a box at the top right, over the header."""
        x, y, width = PAGE_W - MARGIN - 62, 14.0, 62.0
        self.pdf.rect(x - 1, y - 1, width, len(lines) * 3.2 + 2)
        self.pdf.set_font("body", size=STAMP)
        for line in lines:
            self.pdf.set_xy(x, y)
            self.pdf.cell(width - 2, 3, line)
            y += 3.2

    def _draw_line(
        self, runs: list[tuple[str, bool]], y: float, first: bool, ragged: bool, centred: bool
    ) -> None:
        natural = sum(self.width_of(t, MARK if m else BODY) for t, m in runs)
        x = MARGIN + (INDENT if first else 0) + ((self.width - natural) / 2 if centred else 0)
        spaces = sum(1 for t, _m in runs if t == " ")
        stretch = 0.0 if ragged or not spaces else (self.width - (x - MARGIN) - natural) / spaces
        for text, marker in runs:
            size = MARK if marker else BODY
            self.pdf.set_font("body", size=size)
            raise_by = 1.6 if marker else 0.0
            self.pdf.set_xy(x, y - raise_by)
            w = self.width_of(text, size)
            self.pdf.cell(w, BODY * PT, text)
            x += w + (stretch if text == " " else 0.0)


def write_pdf(
    path: Path,
    paragraphs: Iterable[str],
    footnotes: dict[int, str],
    *,
    centred: int = 0,
    header: str = "TỈNH ỦY MẪU — TÀI LIỆU MẪU",
    stamp: tuple[str, ...] = (),
) -> None:
    """Lay out `paragraphs` (footnote markers as superscript digits in them; the first
    `centred` are centred title lines) with their footnotes, and write the PDF; with
    `stamp`, a signature's stamp drawn on the first page."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.add_font("body", fname=str(FONTS / "NotoSerif-Regular.ttf"))
    layout = _Layout(pdf, footnotes)
    for n, text in enumerate(paragraphs):
        layout.paragraph(text.strip("*"), centred=n < centred)
    layout.draw(header, stamp)
    pdf.output(str(path))
