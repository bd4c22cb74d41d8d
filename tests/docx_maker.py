"""Write small .docx files for tests, with real Word numbering, styles and footnotes.

Only the parts Word needs to open the file and the reader reads: content types,
relationships, document, numbering, styles, footnotes. Everything written is plainly
fictional ("Tỉnh Mẫu").
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC_NS = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


@dataclass
class Para:
    """A paragraph: runs of (text, italic), or a footnote reference's id where it stands;
    its own numbering or its style's."""

    runs: list[tuple[str, bool] | int | Raw]
    num: tuple[int, int] | None = None  # (numId, ilvl)
    style: str | None = None
    footnote: int | None = None  # a footnote reference (its id) after the runs


@dataclass
class Raw:
    """A run or a whole paragraph given as WordprocessingML, as a crafted file holds it
    (hidden or white text, tracked insertions, text boxes with their fallback)."""

    xml: str


@dataclass
class Lvl:
    ilvl: int
    fmt: str
    text: str
    start: int = 1
    restart: int | None = None


@dataclass
class Doc:
    paragraphs: Sequence[Para | Raw]
    abstracts: dict[int, list[Lvl]] = field(default_factory=dict)
    nums: dict[int, tuple[int, dict[int, int]]] = field(default_factory=dict)  # id → (abs, starts)
    styles: dict[str, tuple[str | None, tuple[int, int] | None]] = field(default_factory=dict)
    footnotes: dict[int, str] = field(default_factory=dict)
    header: list[list[str]] = field(default_factory=list)  # a table before the text: cells' lines
    closing: list[list[Para]] = field(default_factory=list)  # a table after it: cells


def para(text: str, num: tuple[int, int] | None = None, **kw: object) -> Para:
    """A plain paragraph of one run."""
    return Para([(text, False)], num, **kw)  # type: ignore[arg-type]


def _num_pr(num: tuple[int, int] | None) -> str:
    if num is None:
        return ""
    return f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'


def _paragraph(p: Para) -> str:
    style = f"<w:pStyle w:val={quoteattr(p.style)}/>" if p.style else ""
    runs = "".join(
        run.xml
        if isinstance(run, Raw)
        else f'<w:r><w:footnoteReference w:id="{run}"/></w:r>'
        if isinstance(run, int)
        else f"<w:r>{'<w:rPr><w:i/></w:rPr>' if run[1] else ''}"
        f'<w:t xml:space="preserve">{escape(run[0])}</w:t></w:r>'
        for run in p.runs
    )
    if p.footnote is not None:
        runs += f'<w:r><w:footnoteReference w:id="{p.footnote}"/></w:r>'
    return f"<w:p><w:pPr>{style}{_num_pr(p.num)}</w:pPr>{runs}</w:p>"


def _table(cells: list[list[Para]]) -> str:
    """One row of cells, as Word lays out a conclusion's header and signature block."""
    row = "".join(f"<w:tc>{''.join(_paragraph(p) for p in cell)}</w:tc>" for cell in cells)
    return f"<w:tbl><w:tr>{row}</w:tr></w:tbl>"


def write_docx(path: Path, doc: Doc) -> Path:
    """Write `doc` as a .docx at `path`."""
    body = _table([[para(line) for line in cell] for cell in doc.header]) if doc.header else ""
    body += "".join(p.xml if isinstance(p, Raw) else _paragraph(p) for p in doc.paragraphs)
    body += _table(doc.closing) if doc.closing else ""
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    document = f"{head}<w:document {NS} {MC_NS}><w:body>{body}</w:body></w:document>"
    abstracts = "".join(
        f'<w:abstractNum w:abstractNumId="{a}">'
        + "".join(
            f'<w:lvl w:ilvl="{lvl.ilvl}"><w:start w:val="{lvl.start}"/>'
            f'<w:numFmt w:val="{lvl.fmt}"/><w:lvlText w:val={quoteattr(lvl.text)}/>'
            + (f'<w:lvlRestart w:val="{lvl.restart}"/>' if lvl.restart is not None else "")
            + "</w:lvl>"
            for lvl in levels
        )
        + "</w:abstractNum>"
        for a, levels in doc.abstracts.items()
    )
    nums = "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="{a}"/>'
        + "".join(
            f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            for ilvl, start in starts.items()
        )
        + "</w:num>"
        for n, (a, starts) in doc.nums.items()
    )
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId={quoteattr(sid)}>'
        + (f"<w:basedOn w:val={quoteattr(based)}/>" if based else "")
        + f"<w:pPr>{_num_pr(num)}</w:pPr></w:style>"
        for sid, (based, num) in doc.styles.items()
    )
    notes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>_</w:t></w:r></w:p></w:footnote>'
    )
    notes += "".join(
        f'<w:footnote w:id="{n}"><w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t>'
        "</w:r></w:p></w:footnote>"
        for n, text in doc.footnotes.items()
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/numbering.xml", f"<w:numbering {NS}>{abstracts}{nums}</w:numbering>")
        archive.writestr("word/styles.xml", f"<w:styles {NS}>{styles}</w:styles>")
        archive.writestr("word/footnotes.xml", f"<w:footnotes {NS}>{notes}</w:footnotes>")
    return path
