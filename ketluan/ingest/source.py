"""Which reader takes a received file, by its kind; a kind none takes yet says so."""

from __future__ import annotations

from pathlib import Path

from ketluan.ingest.document import SourceDocument, SourceError
from ketluan.ingest.encoding import refuse_legacy_font
from ketluan.ingest.normalise import normalised
from ketluan.ingest.pdf import read_pdf
from ketluan.ingest.plain import read_text_export
from ketluan.ingest.word import read_docx


def read_source(path: Path) -> SourceDocument:
    """The paragraphs and footnotes of a .docx, a text-layer .pdf or a UTF-8 .txt, in
    plain text with typed numbers as labels (`normalise`); SourceError otherwise, and
    for text typed in a legacy Vietnamese font encoding."""
    document = _read(path)
    refuse_oversized(document)  # before any further pass over its characters
    document = normalised(document)
    refuse_legacy_font(
        " ".join([*(p.text for p in document.paragraphs), *document.footnotes.values()])
    )
    return document


# A conclusion's longest paragraph is a few thousand characters and the whole text some
# tens of thousands; the importer's readers of a paragraph are not made for megabytes.
MAX_PARAGRAPH_CHARS = 20_000
MAX_DOCUMENT_CHARS = 1_000_000


def refuse_oversized(document: SourceDocument) -> None:
    """SourceError for a paragraph or a text far longer than any conclusion's."""
    total = 0
    for number, paragraph in enumerate(document.paragraphs, start=1):
        size = len(paragraph.text)
        total += size
        if size > MAX_PARAGRAPH_CHARS:
            raise SourceError(
                f"đoạn {number} dài {_count(size)} ký tự, vượt giới hạn "
                f"{_count(MAX_PARAGRAPH_CHARS)} ký tự của một đoạn Kết luận: hãy kiểm tra lại "
                "tệp nhận được"
            )
    total += sum(len(text) for text in document.footnotes.values())
    if total > MAX_DOCUMENT_CHARS:
        raise SourceError(
            f"văn bản dài {_count(total)} ký tự, vượt giới hạn {_count(MAX_DOCUMENT_CHARS)} ký "
            "tự của một Kết luận: hãy kiểm tra lại tệp nhận được"
        )


def _count(n: int) -> str:
    """A count as Vietnamese writes it: 720.000."""
    return f"{n:,}".replace(",", ".")


def _read(path: Path) -> SourceDocument:
    kind = path.suffix.lower()
    if not path.is_file():
        raise SourceError(f"không tìm thấy tệp {path}")
    if kind == ".docx":
        return read_docx(path)
    if kind == ".txt":
        return read_text_export(path)
    if kind == ".doc":
        raise SourceError("tệp .doc (Word cũ): hãy mở bằng Word và lưu lại dưới dạng .docx")
    if kind == ".pdf":
        return read_pdf(path)
    raise SourceError(
        f"không đọc được tệp {kind or 'không đuôi'}: cần .docx, .pdf (có lớp chữ) hoặc .txt (UTF-8)"
    )
