"""Read a Word file (.docx): its paragraphs in order, each with the number Word shows
for it, its text (italics as the data's `*…*`, footnote references as superscript
markers), and its footnotes' texts.

A .docx is a zip of XML parts; only `word/document.xml`, `word/numbering.xml`,
`word/styles.xml` and `word/footnotes.xml` are read, each of bounded size, with the
standard library (Python's expat refuses the entity expansions of "billion laughs").
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

from ketluan.ingest.document import SourceDocument, SourceError, SourceParagraph
from ketluan.ingest.numbering import Numbering, W, parse_numbering
from ketluan.text.vietnamese import superscript

__all__ = ["read_docx"]

# A conclusion's parts are tens of kilobytes; anything far larger is not one.
MAX_PART_BYTES = 32 * 1024 * 1024


def _part(archive: zipfile.ZipFile, name: str) -> Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise SourceError(f"phần {name} của tệp Word lớn bất thường; không đọc")
    try:
        return ElementTree.fromstring(archive.read(info))
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
        styles = _style_numbering(_part(archive, "word/styles.xml"))
        notes_root = _part(archive, "word/footnotes.xml")
    body = document.find(f"{W}body")
    reader = _Reader(numbering, styles)
    paragraphs: list[SourceParagraph] = []
    header: list[str] = []
    for child in body if body is not None else ():
        if child.tag == f"{W}tbl" and not any(p.text.strip() for p in paragraphs) and not header:
            # The header table, before any text: its cells, not paragraphs of the text.
            header = [
                "\n".join(reader.paragraph(p).text for p in cell.iter(f"{W}p")).strip()
                for cell in child.iter(f"{W}tc")
            ]
            continue
        # A paragraph, or what holds some (a later table, a content control).
        inner = [child] if child.tag == f"{W}p" else list(child.iter(f"{W}p"))
        paragraphs += [reader.paragraph(p) for p in inner]
    footnotes = {
        reader.footnote_numbers[note_id]: text
        for note_id, text in _footnote_texts(notes_root).items()
        if note_id in reader.footnote_numbers
    }
    return SourceDocument(tuple(paragraphs), footnotes, tuple(c for c in header if c))


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


class _Reader:
    """Reads paragraphs in document order, counting numbers and footnotes as Word does."""

    def __init__(
        self, numbering: Numbering, styles: dict[str, tuple[str | None, str | None, str | None]]
    ) -> None:
        self.numbering = numbering
        self.styles = styles
        self.footnote_numbers: dict[str, int] = {}

    def paragraph(self, p: Element) -> SourceParagraph:
        style_el = p.find(f"{W}pPr/{W}pStyle")
        style = style_el.get(f"{W}val") if style_el is not None else None
        num_id, ilvl = self._num_pr(p, style)
        label = self.numbering.label(num_id, int(ilvl or 0)) if num_id else ""
        return SourceParagraph(label, self._text(p), style)

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

    def _text(self, p: Element) -> str:
        pieces: list[tuple[bool, str]] = []  # (italic, text) per run, in order
        for run in p.iter(f"{W}r"):
            props = run.find(f"{W}rPr")
            italic = props is not None and _on(props.find(f"{W}i"))
            piece = ""
            for child in run:
                if child.tag == f"{W}t":
                    piece += child.text or ""
                elif child.tag == f"{W}tab":
                    piece += "\t"
                elif child.tag in (f"{W}br", f"{W}cr"):
                    piece += "\n"
                elif child.tag == f"{W}footnoteReference":
                    note_id = child.get(f"{W}id", "")
                    number = self.footnote_numbers.setdefault(
                        note_id, len(self.footnote_numbers) + 1
                    )
                    piece += superscript(number)
            if pieces and pieces[-1][0] == italic:  # runs split by Word join again
                pieces[-1] = (italic, pieces[-1][1] + piece)
            else:
                pieces.append((italic, piece))
        return "".join(f"*{t}*" if italic and t.strip() else t for italic, t in pieces)


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
