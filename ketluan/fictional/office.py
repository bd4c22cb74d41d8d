"""A conclusion laid out as a Party Office lays it out in LibreOffice Writer, and the
files LibreOffice itself then makes of it: Word (.docx), "Save as text" and PDF, and a
scan of the printed page. The importer's tests and benchmark read these, not files our
own code writes, so a rule tuned on our writer cannot hide the failures users meet.

The layout: the header table (issuing body, "*" / the party's name, place and date),
"KẾT LUẬN" and its title lines centred in bold, a typed "-----" rule, the body with a
first-line indent, footnotes as LibreOffice's own notes, and "Nơi nhận:" beside the
signature in a borderless table. Numbering is either typed into the text ("II.",
"2.1.", "- ") or LibreOffice's automatic lists (an outline list, and a dash list).

The layout is written as a flat ODF document (.fodt) and converted by `soffice
--headless` (Debian's libreoffice-writer-nogui).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

from ketluan.model import Conclusion, Document
from ketluan.model.outline import Text, blocks
from ketluan.text.vietnamese import superscript

__all__ = [
    "FORMS",
    "Numbering",
    "OfficeLayout",
    "as_fodt",
    "directive_layout",
    "make_forms",
    "official_layout",
    "scan",
]

Numbering = Literal["typed", "lists"]

# What a clerk receives: the forms `make_forms` writes, by file name.
FORMS = ("typed.docx", "lists.docx", "typed.txt", "typed.pdf", "scan.pdf")


@dataclass(frozen=True, slots=True)
class OfficeLayout:
    """What the template prints around the text: the header table's two cells, a line
    each, and the emphasis of "Nơi nhận:"."""

    left: tuple[str, ...]  # "ĐẢNG BỘ TỈNH MẪU", "TỈNH ỦY", "*", "Số 15-KL/TU"
    right: tuple[str, ...]  # "ĐẢNG CỘNG SẢN VIỆT NAM", "-----", "Mẫu, ngày …"
    recipients_style: str = "bold-italic"


def official_layout(conclusion: Conclusion, province: str = "MẪU") -> OfficeLayout:
    """The header an Office's template prints for a fictional conclusion: the issuing
    body, its number, the place and date (which a fictional quarter always has)."""
    issued = conclusion.issued_on
    assert issued is not None and conclusion.symbol is not None
    place = province.title()
    return OfficeLayout(
        (f"ĐẢNG BỘ TỈNH {province}", "TỈNH ỦY", "*", f"Số {conclusion.symbol}"),
        (
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "-----",
            f"{place}, ngày {issued.day:02d} tháng {issued.month:02d} năm {issued.year}",
        ),
    )


def directive_layout(document: Document, province: str = "MẪU") -> OfficeLayout:
    """The header of a fictional directive: its number, or the blank an unsigned copy
    leaves ("Số      -CV/TU"), a letter's subject under it, the place and date."""
    code = {"Kế hoạch": "KH", "Chỉ thị": "CT", "Thông báo": "TB", "Công văn": "CV"}
    number = f"Số {document.symbol}" if document.symbol else f"Số      -{code[document.type]}/TU"
    left = ["ĐẢNG BỘ TỈNH " + province, "TỈNH ỦY", "*", number]
    if document.type == "Công văn" and document.subject:
        left.append(document.subject)  # "V/v …": a letter's subject stands in its header
    day = document.date
    place = province.title()
    when = (
        f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
        if day
        else f"{place}, ngày      tháng      năm {document.year or ''}".rstrip()
    )
    return OfficeLayout(tuple(left), ("ĐẢNG CỘNG SẢN VIỆT NAM", "-----", when))


_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)

# Every list level's label: at the paragraph's indent, a space before the text.
_ALIGNED = (
    '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
    '<style:list-level-label-alignment text:label-followed-by="space" fo:text-indent="0cm" '
    'fo:margin-left="1cm"/></style:list-level-properties>'
)

# An assignment table's column widths (cm), as plans set them: a narrow TT, a wide
# content column; the rest share what is left of the 16.5 cm line.
_WIDTHS = (1.0, 6.0, 3.0, 3.0, 2.2, 1.3)
_COLUMN_STYLES = "".join(
    f'<style:style style:name="Col{i}" style:family="table-column">'
    f'<style:table-column-properties style:column-width="{w}cm"/></style:style>'
    for i, w in enumerate(_WIDTHS)
)


_STYLES = f"""
<office:font-face-decls>
 <style:font-face style:name="Noto Serif" svg:font-family="'Noto Serif'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.15cm"/>
  <style:text-properties style:font-name="Noto Serif" fo:font-size="13pt"
   fo:language="vi" fo:country="VN"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="1.5cm"/>
 </style:page-layout>
 <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="justify" fo:text-indent="1cm"/>
 </style:style>
 <style:style style:name="Head" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="justify" fo:text-indent="1cm"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Centre" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0cm"/>
 </style:style>
 <style:style style:name="Small" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0cm"/>
  <style:text-properties fo:font-size="11pt"/>
 </style:style>
 <style:style style:name="Signer" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0cm"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="B" style:family="text">
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="BI" style:family="text">
  <style:text-properties fo:font-weight="bold" fo:font-style="italic"/>
 </style:style>
 <style:style style:name="I" style:family="text">
  <style:text-properties fo:font-style="italic"/>
 </style:style>
 <style:style style:name="Grid" style:family="table">
  <style:table-properties style:width="16.5cm" table:align="left"/>
 </style:style>
 <style:style style:name="Cell" style:family="table-cell">
  <style:table-cell-properties fo:border="none" fo:padding="0.05cm"/>
 </style:style>
 {_COLUMN_STYLES}
 <style:style style:name="Ruled" style:family="table-cell">
  <style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.08cm"/>
 </style:style>
 <text:list-style style:name="KlOutline">
  <text:list-level-style-number text:level="1" style:num-format="I" style:num-suffix=".">
   {_ALIGNED}
  </text:list-level-style-number>
  <text:list-level-style-number text:level="2" style:num-format="1" style:num-suffix=".">
   {_ALIGNED}
  </text:list-level-style-number>
  <text:list-level-style-number text:level="3" style:num-format="1" style:num-suffix="."
   text:display-levels="2">
   {_ALIGNED}
  </text:list-level-style-number>
 </text:list-style>
 <text:list-style style:name="Dash">
  <text:list-level-style-bullet text:level="1" text:bullet-char="-">
   {_ALIGNED}
  </text:list-level-style-bullet>
 </text:list-style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4"/>
</office:master-styles>
"""


def as_fodt(conclusion: Text, layout: OfficeLayout, numbering: Numbering) -> str:
    """A conclusion or a directive as a flat ODF text document laid out as `layout`
    says, its numbering typed or LibreOffice's lists."""
    body = "\n".join(_body(conclusion, layout, numbering))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {_NS} office:version="1.3" '
        f'office:mimetype="application/vnd.oasis.opendocument.text">{_STYLES}'
        f"<office:body><office:text>\n{body}\n</office:text></office:body></office:document>\n"
    )


def _body(conclusion: Text, layout: OfficeLayout, numbering: Numbering) -> Iterator[str]:
    notes = {superscript(f.number): f for f in conclusion.footnotes}

    def runs(text: str) -> str:
        # Each superscript marker becomes a LibreOffice footnote where it stands.
        out, rest = "", text
        for _at, marker in sorted((text.index(m), m) for m in notes if m in text):
            head, rest = rest.split(marker, 1)
            note = notes[marker]
            out += escape(head) + (
                f'<text:note text:note-class="footnote"><text:note-citation>{note.number}'
                f'</text:note-citation><text:note-body><text:p text:style-name="Small">'
                f"{escape(note.text)}</text:p></text:note-body></text:note>"
            )
        return out + escape(rest)

    yield _header_table(layout)
    rows: list[str] = []  # the rows of an assignment table being laid out
    started = False  # whether the outline list has begun (it continues from then on)
    for block in blocks(conclusion):
        if block.kind == "document_type":
            yield f'<text:p text:style-name="Title">{escape(block.text)}</text:p>'
        elif block.kind == "heading" and not conclusion.document_type:
            continue  # a letter's subject ("V/v …") stands in the header's cell
        elif block.kind == "heading":
            lines = block.text.split("\n")
            yield "\n".join(f'<text:p text:style-name="Title">{escape(x)}</text:p>' for x in lines)
            yield '<text:p text:style-name="Centre">-----</text:p>'
        elif block.kind == "section":
            number, title = block.text.split(". ", 1)
            if numbering == "typed":
                yield f'<text:p text:style-name="Head">{escape(number)}. {runs(title)}</text:p>'
            else:
                yield _outline_item(
                    block.depth,
                    f'<text:span text:style-name="B">{runs(title)}</text:span>',
                    started,
                )
                started = True
        elif block.kind == "table_head":
            rows = [_row(block.cells, "B")]
        elif block.kind == "task" and block.task is not None and block.task.cells:
            task = block.task
            rows.append(_row((task.marker or "", task.text, *(c or "" for c in task.cells))))
        elif block.kind == "table_end":
            yield _ruled_table(rows)
        elif block.kind == "task" and block.task is not None:
            marker, text = block.task.marker or "", block.task.text
            # Lettered items are typed: Word's and LibreOffice's lists have no "đ)".
            if numbering == "typed" or not marker or marker.endswith(")"):
                printed = f"{marker} {text}" if marker else text
                yield f'<text:p text:style-name="Body">{runs(printed)}</text:p>'
            elif marker == "-":
                yield (
                    '<text:list text:style-name="Dash"><text:list-item>'
                    f'<text:p text:style-name="Body">{runs(text)}</text:p>'
                    "</text:list-item></text:list>"
                )
            else:
                depth = 3 if marker.count(".") > 1 else 2
                yield _outline_item(depth, runs(text), started)
                started = True
        elif block.kind in ("recipients_heading", "signer"):
            break
        else:
            yield f'<text:p text:style-name="Body">{runs(block.text)}</text:p>'
    yield _closing_table(conclusion, layout)


def _row(cells: tuple[str, ...], style: str = "") -> str:
    """A ruled table's row: a cell per value, emphasised as `style` says."""

    def cell(text: str) -> str:
        inner = (
            f'<text:span text:style-name="{style}">{escape(text)}</text:span>'
            if style
            else escape(text)
        )
        return (
            '<table:table-cell table:style-name="Ruled" office:value-type="string">'
            f'<text:p text:style-name="Small">{inner}</text:p></table:table-cell>'
        )

    return f"<table:table-row>{''.join(cell(c) for c in cells)}</table:table-row>"


def _ruled_table(rows: list[str]) -> str:
    """An assignment table, ruled as plans print it, its columns as wide as their
    content needs when it has the usual six."""
    count = rows[0].count("<table:table-cell")
    if count == len(_WIDTHS):
        columns = "".join(f'<table:table-column table:style-name="Col{i}"/>' for i in range(count))
    else:
        columns = f'<table:table-column table:number-columns-repeated="{count}"/>'
    return (
        f'<table:table table:name="Assignments" table:style-name="Grid">{columns}'
        f"{''.join(rows)}</table:table>"
    )


def _outline_item(level: int, content: str, started: bool) -> str:
    """A paragraph of the outline list at `level` (1: "I.", 2: "1.", 3: "2.1."): lists
    nested to its level, continuing the numbering of the items before."""
    inner = f'<text:p text:style-name="Body">{content}</text:p>'
    for _ in range(level - 1):
        inner = f"<text:list><text:list-item>{inner}</text:list-item></text:list>"
    # ODF 1.2's continue-list carries every level's count on (continue-numbering does
    # not, past a dash list in between: LibreOffice then restarts the second level).
    cont = ' text:continue-list="outline"' if started else ' xml:id="outline"'
    item = f"<text:list-item>{inner}</text:list-item>"
    return f'<text:list text:style-name="KlOutline"{cont}>{item}</text:list>'


def _cell(lines: Iterator[str] | tuple[str, ...], style: str = "Centre") -> str:
    paragraphs = "".join(f'<text:p text:style-name="{style}">{line}</text:p>' for line in lines)
    cell = '<table:table-cell table:style-name="Cell" office:value-type="string">'
    return f"{cell}{paragraphs}</table:table-cell>"


def _table(name: str, left: str, right: str) -> str:
    return (
        f'<table:table table:name="{name}" table:style-name="Grid">'
        '<table:table-column table:number-columns-repeated="2"/>'
        f"<table:table-row>{left}{right}</table:table-row></table:table>"
    )


def _header_table(layout: OfficeLayout) -> str:
    def lines(cell: tuple[str, ...]) -> Iterator[str]:
        for line in cell:
            yield (
                f'<text:span text:style-name="B">{escape(line)}</text:span>'
                if line.isupper()
                else f'<text:span text:style-name="I">{escape(line)}</text:span>'
            )

    return _table("Header", _cell(lines(layout.left)), _cell(lines(layout.right)))


def _closing_table(conclusion: Text, layout: OfficeLayout) -> str:
    style = {"bold-italic": "BI", "bold": "B", "italic": "I"}.get(layout.recipients_style, "B")
    heading = (
        f'<text:span text:style-name="{style}">{escape(conclusion.recipients_heading)}</text:span>'
    )
    listed = isinstance(conclusion, Conclusion) or conclusion.recipients
    recipients = (
        [heading, *(escape(f"- {r.text}") for r in conclusion.recipients)] if listed else []
    )
    signer = conclusion.signer
    signature = [""]  # an unsigned copy: the place for a signature left empty
    if signer is not None:
        authority = " ".join(p for p in (signer.delegation, signer.on_behalf_of) if p)
        signature = [escape(authority), escape(signer.title), "", "", escape(signer.name)]
    return _table("Closing", _cell(tuple(recipients), "Small"), _cell(tuple(signature), "Signer"))


def make_forms(
    conclusion: Text, layout: OfficeLayout, folder: Path, *, lists: bool = True
) -> dict[str, Path]:
    """Each form of `FORMS` LibreOffice makes of the text, in `folder`: Word with typed
    numbering and (with `lists`) with automatic lists, "Save as text" and PDF of the
    typed layout, and a noisy, slightly turned scan of that PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = {}
    numberings: tuple[Numbering, ...] = ("typed", "lists") if lists else ("typed",)
    for numbering in numberings:
        path = folder / f"{numbering}.fodt"
        path.write_text(as_fodt(conclusion, layout, numbering), encoding="utf-8")
        sources[numbering] = path
    convert(list(sources.values()), "docx:MS Word 2007 XML", folder)
    convert([sources["typed"]], "txt:Text (encoded):UTF8,CRLF", folder)
    convert([sources["typed"]], "pdf:writer_pdf_Export", folder)
    scan(folder / "typed.pdf", folder / "scan.pdf")
    return {name: folder / name for name in FORMS if (folder / name).exists()}


def convert(sources: list[Path], target: str, folder: Path) -> None:
    """Convert `sources` with headless LibreOffice (`soffice --convert-to target`),
    in a profile of its own so that runs side by side do not share one."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice is needed: .ci/system-deps installs it")
    with tempfile.TemporaryDirectory(prefix="ketluan-lo-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                target,
                "--outdir",
                str(folder),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=300,
            env={**os.environ, "HOME": profile},
        )


def scan(pdf: Path, out: Path, *, dpi: int = 200, angle: float = 0.6, seed: int = 0) -> Path:
    """A scan of the printed `pdf`: each page rasterised (poppler's pdftoppm) in grey,
    turned by `angle` degrees, speckled with noise, and saved as an image-only PDF."""
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="ketluan-scan-") as tmp:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{tmp}/page"],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pages = []
        for image_path in sorted(Path(tmp).glob("page*.png")):
            image = Image.open(image_path).convert("L")
            image = image.rotate(angle * rng.choice((-1, 1)), fillcolor=255, expand=False)
            pixels = image.load()
            assert pixels is not None
            width, height = image.size
            for _ in range(width * height // 400):  # dust: a dark dot on 0.25 % of pixels
                x, y = rng.randrange(width), rng.randrange(height)
                pixels[x, y] = rng.randrange(0, 120)
            pages.append(image.filter(ImageFilter.GaussianBlur(0.4)))
        pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return out
