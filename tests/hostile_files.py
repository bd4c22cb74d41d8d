"""Received files built the way an attacker builds them, for the tests that hold the
importer to its limits and for benchmarks/hostile_inputs.py (#23): each writes one file
into a folder and returns its path. Plainly fictional ("Tỉnh Mẫu")."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from docx_maker import Doc, Lvl, Para, Raw, para, write_docx


def rewrite_part(path: Path, name: str, change: bytes, into: bytes) -> None:
    """Replace `change` by `into` in one part of a zip archive (a .docx, an .xlsx)."""
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts[name] = parts[name].replace(change, into)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


def numbered_from(folder: Path, fmt: str, start: str) -> Path:
    """A .docx of 40 numbered items whose list starts at `start` in format `fmt`."""
    doc = Doc([para(f"Mục {i}", (1, 0)) for i in range(40)], abstracts={1: [Lvl(0, fmt, "%1.")]})
    doc.nums = {1: (1, {})}
    path = write_docx(folder / "numbered.docx", doc)
    rewrite_part(
        path, "word/numbering.xml", b'<w:start w:val="1"/>', f'<w:start w:val="{start}"/>'.encode()
    )
    return path


def level_not_a_number(folder: Path) -> Path:
    """A .docx whose one numbered paragraph says its list level is "abc"."""
    doc = Doc([Para([Raw("<w:r><w:t>Mục</w:t></w:r>")], (1, 0))])
    doc.abstracts, doc.nums = {1: [Lvl(0, "decimal", "%1.")]}, {1: (1, {})}
    path = write_docx(folder / "level.docx", doc)
    rewrite_part(path, "word/document.xml", b'<w:ilvl w:val="0"/>', b'<w:ilvl w:val="abc"/>')
    return path


def many_runs(folder: Path) -> Path:
    """One paragraph of 728,541 runs, as the red team's file."""
    runs = "<w:r><w:t>0123456789</w:t></w:r>" * 728_541
    return write_docx(folder / "runs.docx", Doc([Raw(f"<w:p>{runs}</w:p>")]))


def long_paragraph(folder: Path) -> Path:
    """A .docx whose second paragraph is 720,000 characters long."""
    return write_docx(folder / "long.docx", Doc([para("Mở đầu."), para("Tỉnh Mẫu " * 80_000)]))


def understated_part(folder: Path) -> Path:
    """A .docx whose 12 MB document part says, in the zip's directory, it is 1,000 bytes."""
    path = write_docx(folder / "understated.docx", Doc([para("x")]))
    body = b"<w:p><w:r><w:t>" + b"a" * (12 * 1024 * 1024) + b"</w:t></w:r></w:p>"
    rewrite_part(path, "word/document.xml", b"<w:body>", b"<w:body>" + body)
    with zipfile.ZipFile(path) as archive:
        real = archive.getinfo("word/document.xml").file_size
    raw = path.read_bytes().replace(real.to_bytes(4, "little"), (1000).to_bytes(4, "little"))
    path.write_bytes(raw)
    return path


def huge_text(folder: Path) -> Path:
    """A 70 MB text export."""
    path = folder / "huge.txt"
    path.write_bytes(("Đoạn văn bản hư cấu của Tỉnh Mẫu.\n" * 1_500_000).encode())
    return path


def pdf(objects: list[bytes], path: Path) -> Path:
    """A PDF of `objects` (numbered from 1; 1 is the catalog) with a correct xref."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def many_pages(folder: Path, pages: int = 200_000) -> Path:
    """A PDF of `pages` empty pages (12 MB at 200,000)."""
    kids = b" ".join(b"%d 0 R" % (n + 3) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids),
        *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages,
    ]
    return pdf(objects, folder / "pages.pdf")


def dense_pages(folder: Path) -> Path:
    """A 5 KB PDF of ten pages, each drawing 100,000 one-point characters."""
    text = b"BT /F1 1 Tf 10 10 Td " + b"(a) Tj 0.01 0 Td " * 100_000 + b"ET"
    packed = zlib.compress(text, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 10 /Kids [" + b"3 0 R " * 10 + b"] >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf(objects, folder / "dense.pdf")


def pages_in_object_stream(folder: Path, pages: int = 200_000, *, one_page: bool = False) -> Path:
    """A PDF 1.5 whose page tree and `pages` empty pages lie inside one compressed object
    stream, found through a cross-reference stream: no page object, and no page count,
    stands in the file's plain bytes (2 MB at 200,000). With `one_page`, the tree names
    one page object `pages` times: the file then declares six objects in all."""
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + (0 if one_page else n)) for n in range(pages))
    page = b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] >>"
    bodies = [b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids)]
    bodies += [page] * (1 if one_page else pages)
    header, offset, packed_bodies = bytearray(), 0, bytearray()
    for number, body in enumerate(bodies, start=3):
        header += b"%d %d " % (number, offset)
        packed_bodies += body + b" "
        offset += len(body) + 1
    stream = zlib.compress(bytes(header) + bytes(packed_bodies), 9)
    out = bytearray(b"%PDF-1.7\n")
    offsets = {1: len(out)}
    out += b"1 0 obj\n<< /Type /Catalog /Pages 3 0 R >>\nendobj\n"
    offsets[2] = len(out)
    out += b"2 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n" % (
        len(bodies),
        len(header),
        len(stream),
    )
    out += b"stream\n" + stream + b"\nendstream\nendobj\n"
    xref_number = 3 + len(bodies)
    offsets[xref_number] = len(out)
    rows = bytearray(b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(4, "big"))
    for number in range(1, xref_number + 1):
        if number in offsets:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + (0).to_bytes(4, "big")
        else:
            rows += b"\x02" + (2).to_bytes(4, "big") + (number - 3).to_bytes(4, "big")
    packed_rows = zlib.compress(bytes(rows), 9)
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 4] /Root 1 0 R /Filter /FlateDecode " % (
        xref_number,
        xref_number + 1,
    )
    out += b"/Length %d >>\nstream\n" % len(packed_rows) + packed_rows + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    path = folder / "object-stream-pages.pdf"
    path.write_bytes(bytes(out))
    return path
