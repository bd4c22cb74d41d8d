"""Read a Word file (.docx): its paragraphs in order, each with the number Word shows
for it, its text (italics as the data's `*…*`, footnote references as superscript
markers), and its footnotes' texts.

A .docx is a zip of XML parts; only `word/document.xml`, `word/numbering.xml`,
`word/styles.xml` and `word/footnotes.xml` are read, each of bounded size, with the
standard library (Python's expat refuses the entity expansions of "billion laughs").
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

from ketluan.ingest.document import (
    HIDDEN,
    PROPOSED,
    TINY,
    WHITE,
    HiddenText,
    SourceDocument,
    SourceError,
    SourceParagraph,
)
from ketluan.ingest.numbering import Numbering, W, level_number, parse_numbering
from ketluan.ingest.tables import assignment_header, head_paragraph, row_paragraph
from ketluan.text.vietnamese import superscript

__all__ = ["read_docx"]

# A conclusion's parts are tens to hundreds of kilobytes; anything far larger is not one
# (and its XML tree would take gigabytes).
MAX_PART_BYTES = 8 * 1024 * 1024


def _part(archive: zipfile.ZipFile, name: str) -> Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    # The zip's header may understate the size: the bytes are counted as they inflate.
    try:
        with archive.open(info) as stream:
            raw = stream.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise SourceError(
            f"tệp Word bị hỏng ({name}: {exc}); hãy mở bằng Word và lưu lại"
        ) from None
    if len(raw) > MAX_PART_BYTES or info.file_size > MAX_PART_BYTES:
        raise SourceError(
            f"phần {name} của tệp Word lớn hơn {MAX_PART_BYTES // 1024 // 1024} MB, "
            "không phải một văn bản Kết luận; hãy kiểm tra lại tệp nhận được"
        )
    try:
        return ElementTree.fromstring(raw)
    except ElementTree.ParseError as exc:
        raise SourceError(f"tệp Word bị hỏng ({name}: {exc}); hãy lưu lại bằng Word") from None


def read_docx(path: Path) -> SourceDocument:
    """The paragraphs and footnotes of the .docx at `path`; SourceError if it is none."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise SourceError(
            "tệp không phải Word .docx (có thể là .doc cũ): hãy mở bằng Word và "
            "lưu lại dưới dạng .docx"
        ) from None
    with archive:
        document = _part(archive, "word/document.xml")
        if document is None:
            raise SourceError("tệp .docx không có nội dung văn bản (word/document.xml)")
        numbering = parse_numbering(_part(archive, "word/numbering.xml"))
        style_root = _part(archive, "word/styles.xml")
        styles = _style_numbering(style_root)
        notes_root = _part(archive, "word/footnotes.xml")
    body = document.find(f"{W}body")
    reader = _Reader(numbering, styles, _run_styles(style_root))
    paragraphs: list[SourceParagraph] = []
    header: list[str] = []
    for child in body if body is not None else ():
        if child.tag == f"{W}tbl" and not any(p.text.strip() for p in paragraphs) and not header:
            # The header table, before any text: its cells, not paragraphs of the text.
            shaded_ids = _in_shaded_cells(child)
            header = [
                "\n".join(
                    _texts(reader.paragraph(p, id(p) in shaded_ids) for p in _paragraphs(cell))
                ).strip()
                for cell in child.iter(f"{W}tc")
            ]
            continue
        if child.tag == f"{W}tbl" and (table := _assignment_table(child, reader)) is not None:
            paragraphs += table  # a row per task, its cells kept apart
            continue
        # A paragraph, or what holds some (a later table, a content control).
        inner = [child] if child.tag == f"{W}p" else list(_paragraphs(child))
        shaded_ids = _in_shaded_cells(child)
        paragraphs += [
            read for p in inner if (read := reader.paragraph(p, id(p) in shaded_ids)) is not None
        ]
    footnotes = {
        reader.footnote_numbers[note_id]: text
        for note_id, text in _footnote_texts(notes_root).items()
        if note_id in reader.footnote_numbers
    }
    header_cells = tuple(c for c in header if c)
    return SourceDocument(tuple(paragraphs), footnotes, header_cells, tuple(reader.hidden))


def _style_numbering(root: Element | None) -> dict[str, tuple[str | None, str | None, str | None]]:
    """Each paragraph style: (the style it is based on, its numId, its ilvl)."""
    out: dict[str, tuple[str | None, str | None, str | None]] = {}
    for style in root.findall(f"{W}style") if root is not None else ():
        based = style.find(f"{W}basedOn")
        num = style.find(f"{W}pPr/{W}numPr")
        num_id = num.find(f"{W}numId") if num is not None else None
        ilvl = num.find(f"{W}ilvl") if num is not None else None
        out[style.get(f"{W}styleId", "")] = (
            based.get(f"{W}val") if based is not None else None,
            num_id.get(f"{W}val") if num_id is not None else None,
            ilvl.get(f"{W}val") if ilvl is not None else None,
        )
    return out


# Markup compatibility: Word writes a text box twice, as a drawing (mc:Choice) and as
# VML for older programs (mc:Fallback); only the first is read.
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Tracked changes nobody accepted: proposed text (read as hidden) and removed text
# (never shown in the document as it stands; skipped).
_PROPOSED = (f"{W}ins", f"{W}moveTo")
_REMOVED = (f"{W}del", f"{W}moveFrom")
# Text under 3 pt (Word counts half-points) is a dot on the page, not words to read.
_MIN_HALF_POINTS = 6


def _paragraphs(container: Element) -> Iterator[Element]:
    """The paragraphs a table, a cell or a content control holds, in order: a text
    box's paragraphs are read as part of the paragraph holding it, and once."""
    for child in container:
        if child.tag == f"{W}p":
            yield child
        elif child.tag != _MC_FALLBACK:
            yield from _paragraphs(child)


def _assignment_table(table: Element, reader: _Reader) -> list[SourceParagraph] | None:
    """An assignment table's header and rows (`ketluan.ingest.tables`), or None for any
    other table. A cell's paragraphs are its lines; a number Word's list gives the TT
    cell is its text."""
    shaded_ids = _in_shaded_cells(table)
    rows: list[list[str]] = []
    for row in table.iter(f"{W}tr"):
        cells = []
        for cell in row.findall(f"{W}tc"):
            read = [reader.paragraph(p, id(p) in shaded_ids) for p in _paragraphs(cell)]
            lines = [f"{p.label} {p.text}".strip() for p in read if p is not None]
            cells.append("\n".join(line for line in lines if line))
        rows.append(cells)
    if not rows or not assignment_header(rows[0]):
        return None
    width = len(rows[0])
    body = [row_paragraph(r) for r in rows[1:] if len(r) == width and any(r)]
    return [head_paragraph(rows[0]), *body]


def _texts(paragraphs: Iterable[SourceParagraph | None]) -> list[str]:
    return [p.text for p in paragraphs if p is not None]


def _run_styles(root: Element | None) -> dict[str, tuple[str | None, Element | None]]:
    """Each style's run properties, and the style it is based on."""
    out: dict[str, tuple[str | None, Element | None]] = {}
    for style in root.findall(f"{W}style") if root is not None else ():
        based = style.find(f"{W}basedOn")
        out[style.get(f"{W}styleId", "")] = (
            based.get(f"{W}val") if based is not None else None,
            style.find(f"{W}rPr"),
        )
    return out


class _Reader:
    """Reads paragraphs in document order, counting numbers and footnotes as Word does,
    and keeping apart what a reader of the file does not see."""

    def __init__(
        self,
        numbering: Numbering,
        styles: dict[str, tuple[str | None, str | None, str | None]],
        run_styles: dict[str, tuple[str | None, Element | None]],
    ) -> None:
        self.numbering = numbering
        self.styles = styles
        self.run_styles = run_styles
        self.footnote_numbers: dict[str, int] = {}
        self.hidden: list[HiddenText] = []
        self.count = 0
        self.shaded = False  # the paragraph being read stands on a coloured background

    def paragraph(self, p: Element, shaded: bool = False) -> SourceParagraph | None:
        """The paragraph as its reader sees it; None when none of it shows (then it is
        not numbered either, as Word does not number what it does not show)."""
        self.count += 1
        style_el = p.find(f"{W}pPr/{W}pStyle")
        style = style_el.get(f"{W}val") if style_el is not None else None
        text = _Text()
        # White text shows on a dark paragraph or table cell: it is read there.
        self.shaded = shaded or _filled(p.find(f"{W}pPr/{W}shd"))
        self._walk(p, text, self._style_props(style), None)
        for why, words in text.hidden.items():
            self.hidden.append(HiddenText(f"đoạn {self.count}", why, "".join(words).strip()))
        visible = text.visible()
        if text.hidden and not visible.strip():
            return None
        num_id, ilvl = self._num_pr(p, style)
        label = self.numbering.label(num_id, level_number(ilvl)) if num_id else ""
        return SourceParagraph(label, visible, style)

    def _num_pr(self, p: Element, style: str | None) -> tuple[str | None, str | None]:
        num = p.find(f"{W}pPr/{W}numPr")
        if num is not None:
            num_id = num.find(f"{W}numId")
            ilvl = num.find(f"{W}ilvl")
            return (
                num_id.get(f"{W}val") if num_id is not None else None,
                ilvl.get(f"{W}val") if ilvl is not None else None,
            )
        # Numbering from the paragraph style, or the style it is based on (once each).
        seen: set[str] = set()
        while style is not None and style not in seen:
            seen.add(style)
            based, num_id_s, ilvl_s = self.styles.get(style, (None, None, None))
            if num_id_s is not None:
                return num_id_s, ilvl_s
            style = based
        return None, None

    def _style_props(self, style: str | None) -> list[Element]:
        """The run properties a style gives, nearest first (its own, then its bases)."""
        out: list[Element] = []
        seen: set[str] = set()
        while style is not None and style not in seen:
            seen.add(style)
            based, props = self.run_styles.get(style, (None, None))
            if props is not None:
                out.append(props)
            style = based
        return out

    def _walk(
        self, element: Element, text: _Text, inherited: list[Element], proposed: str | None
    ) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}r":
                self._run(child, text, inherited, proposed)
            elif tag in _REMOVED or tag == _MC_FALLBACK or tag == f"{W}pPr":
                continue
            else:
                self._walk(child, text, inherited, PROPOSED if tag in _PROPOSED else proposed)

    def _run(
        self, run: Element, text: _Text, inherited: list[Element], proposed: str | None
    ) -> None:
        props = run.find(f"{W}rPr")
        style_el = props.find(f"{W}rStyle") if props is not None else None
        own = [props] if props is not None else []
        if style_el is not None:
            own += self._style_props(style_el.get(f"{W}val"))
        layers = own + inherited  # nearest first
        why = proposed or _unseen(layers, self.shaded)
        italic = _first_on(layers, "i")
        piece: list[str] = []
        for child in run:
            if child.tag == f"{W}t":
                piece.append(child.text or "")
            elif child.tag == f"{W}tab":
                piece.append("\t")
            elif child.tag in (f"{W}br", f"{W}cr"):
                piece.append("\n")
            elif child.tag == f"{W}footnoteReference" and why is None:
                note_id = child.get(f"{W}id", "")
                number = self.footnote_numbers.setdefault(note_id, len(self.footnote_numbers) + 1)
                piece.append(superscript(number))
            elif child.tag not in (f"{W}rPr", f"{W}t"):
                # A drawing or a picture that holds a text box: its paragraphs, read once.
                for inner in _paragraphs(child):
                    self._walk(inner, text, inherited, proposed)
        if why is None:
            text.add(italic, "".join(piece))
        elif piece:
            text.hidden.setdefault(why, []).append("".join(piece))


class _Text:
    """A paragraph's visible runs, grouped as the data writes italics, and its hidden ones."""

    def __init__(self) -> None:
        self.groups: list[tuple[bool, list[str]]] = []
        self.hidden: dict[str, list[str]] = {}

    def add(self, italic: bool, piece: str) -> None:
        # Runs split by Word join again; each group collects its pieces in a list, so a
        # paragraph of many thousand runs is joined once, not once per run.
        if self.groups and self.groups[-1][0] == italic:
            self.groups[-1][1].append(piece)
        else:
            self.groups.append((italic, [piece]))

    def visible(self) -> str:
        joined = [(italic, "".join(pieces)) for italic, pieces in self.groups]
        return "".join(f"*{t}*" if italic and t.strip() else t for italic, t in joined)


def _first(layers: list[Element], name: str) -> Element | None:
    """The nearest layer's setting `name` (the run's own, then its styles')."""
    for props in layers:
        found = props.find(f"{W}{name}")
        if found is not None:
            return found
    return None


def _first_on(layers: list[Element], name: str) -> bool:
    return _on(_first(layers, name))


def _unseen(layers: list[Element], shaded: bool = False) -> str | None:
    """Why a run's text does not show on the page, or None when it does."""
    if _first_on(layers, "vanish") or _first_on(layers, "specVanish"):
        return HIDDEN
    size = _first(layers, "sz")
    if size is not None and _number(size.get(f"{W}val")) < _MIN_HALF_POINTS:
        return TINY
    color = _first(layers, "color")
    white = color is not None and _near_white(color.get(f"{W}val", ""))
    if white and not shaded and not _on_colour(layers):
        return WHITE
    return None


def _number(value: str | None) -> float:
    try:
        return float(value or "")
    except ValueError:
        return float("inf")  # a size it cannot read is not a reason to hide text


def _near_white(hex_colour: str) -> bool:
    if len(hex_colour) != 6:
        return False
    try:
        channels = [int(hex_colour[i : i + 2], 16) for i in (0, 2, 4)]
    except ValueError:
        return False
    return all(c >= 0xF0 for c in channels)


def _filled(shading: Element | None) -> bool:
    """Whether a shading element paints a colour other than white."""
    fill = shading.get(f"{W}fill", "auto") if shading is not None else "auto"
    return fill.lower() not in ("auto", "ffffff") and not _near_white(fill)


def _in_shaded_cells(container: Element) -> set[int]:
    """The ids of the paragraphs of `container` that stand in a shaded table cell."""
    return {
        id(p)
        for cell in container.iter(f"{W}tc")
        if _filled(cell.find(f"{W}tcPr/{W}shd"))
        for p in cell.iter(f"{W}p")
    }


def _on_colour(layers: list[Element]) -> bool:
    """Whether the run is highlighted or shaded, so that white text may show on it."""
    highlight = _first(layers, "highlight")
    if highlight is not None and highlight.get(f"{W}val", "none") not in ("none", "white"):
        return True
    shading = _first(layers, "shd")
    fill = shading.get(f"{W}fill", "auto") if shading is not None else "auto"
    return fill.lower() not in ("auto", "ffffff") and not _near_white(fill)


def _on(element: Element | None) -> bool:
    return element is not None and element.get(f"{W}val", "true") not in ("0", "false")


def _footnote_texts(root: Element | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for note in root.findall(f"{W}footnote") if root is not None else ():
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in note.iter(f"{W}p")]
        out[note.get(f"{W}id", "")] = " ".join(t.strip() for t in texts if t.strip())
    return out
