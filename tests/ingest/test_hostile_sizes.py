"""Small received files that would hang the importer or take gigabytes end in seconds
with one Vietnamese line (#23.2). Each runs in a child process with a time and memory
ceiling, so a regression fails here instead of hanging the suite."""

from __future__ import annotations

import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx_maker import Doc, Lvl, Para, Raw, para, write_docx

SECONDS = 20
MEMORY = 1024 * 1024 * 1024  # 1 GiB of address space beyond what Python starts with


def _import(path: Path) -> subprocess.CompletedProcess[str]:
    """`read_source` of `path` in a child process held to SECONDS and MEMORY."""

    def ceiling() -> None:  # pragma: no cover - runs in the child
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY + 512 * 1024 * 1024,) * 2)

    code = (
        "import sys; from pathlib import Path\n"
        "from ketluan.ingest.document import SourceError\n"
        "from ketluan.ingest.source import read_source\n"
        "try:\n"
        "    read_source(Path(sys.argv[1]))\n"
        "except SourceError as exc:\n"
        "    print(exc)\n"
        "    sys.exit(3)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=SECONDS,
        preexec_fn=ceiling,
        check=False,
    )


def _numbered(tmp_path: Path, fmt: str, start: str) -> Path:
    levels = [Lvl(0, fmt, "%1.")]
    doc = Doc([para(f"Mục {i}", (1, 0)) for i in range(40)], abstracts={1: levels})
    doc.nums = {1: (1, {})}
    path = write_docx(tmp_path / "kl.docx", doc)
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts["word/numbering.xml"] = parts["word/numbering.xml"].replace(
        b'<w:start w:val="1"/>', f'<w:start w:val="{start}"/>'.encode()
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("fmt", "start"),
    [
        ("upperRoman", "2000000000"),
        ("upperRoman", "1" + "0" * 3999),
        ("lowerLetter", "13000000000"),
    ],
)
def test_a_numbering_start_no_word_file_has_is_refused_at_once(
    tmp_path: Path, fmt: str, start: str
) -> None:
    done = _import(_numbered(tmp_path, fmt, start))
    assert done.returncode == 3, done.stderr[-500:]
    assert "đánh số" in done.stdout and "32767" in done.stdout


def test_a_numbering_level_that_is_not_a_number_is_said_in_one_line(tmp_path: Path) -> None:
    levels = [Lvl(0, "decimal", "%1.")]
    doc = Doc([Para([Raw("<w:r><w:t>Mục</w:t></w:r>")], (1, 0))], abstracts={1: levels})
    doc.nums = {1: (1, {})}
    path = write_docx(tmp_path / "kl.docx", doc)
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b'<w:ilvl w:val="0"/>', b'<w:ilvl w:val="abc"/>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    done = _import(path)
    assert done.returncode in (0, 3), done.stderr[-500:]  # read, or refused in one line


def test_a_paragraph_no_conclusion_has_is_refused_in_one_line(tmp_path: Path) -> None:
    # The red team's file: one paragraph of 728,541 runs (7 MB of text), which the
    # importer's later steps would read for a quarter of an hour.
    runs = "<w:r><w:t>0123456789</w:t></w:r>" * 728_541
    done = _import(write_docx(tmp_path / "kl.docx", Doc([Raw(f"<w:p>{runs}</w:p>")])))
    assert done.returncode == 3, done.stderr[-500:]
    assert "MB" in done.stdout  # its document part alone is 25 MB


def test_a_paragraph_longer_than_any_conclusions_is_refused(tmp_path: Path) -> None:
    doc = Doc([para("Mở đầu."), para("Tỉnh Mẫu " * 80_000)])
    done = _import(write_docx(tmp_path / "kl.docx", doc))
    assert done.returncode == 3, done.stderr[-500:]
    assert "đoạn 2 dài 720.000 ký tự" in done.stdout


def test_a_part_larger_than_its_zip_header_says_is_refused(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "kl.docx", Doc([para("x")]))
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    body = b"<w:p><w:r><w:t>" + b"a" * (12 * 1024 * 1024) + b"</w:t></w:r></w:p>"
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:body>", b"<w:body>" + body)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    # The central directory's size of the part, understated as a crafted file does.
    raw = bytearray(path.read_bytes())
    real = len(parts["word/document.xml"]).to_bytes(4, "little")
    raw = raw.replace(real, (1000).to_bytes(4, "little"))
    path.write_bytes(bytes(raw))
    done = _import(path)
    # Python's zip reader stops where the header says and finds the checksum wrong.
    assert done.returncode == 3, done.stderr[-500:]
    assert "MB" in done.stdout or "bị hỏng" in done.stdout


def test_a_huge_text_export_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "kl.txt"
    path.write_bytes(("Đoạn văn bản hư cấu của Tỉnh Mẫu.\n" * 1_500_000).encode())
    done = _import(path)
    assert done.returncode == 3, done.stderr[-500:]
    assert "MB" in done.stdout


def _pdf(objects: list[bytes], path: Path) -> Path:
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


def test_a_pdf_of_two_hundred_thousand_pages_is_refused_at_once(tmp_path: Path) -> None:
    pages = 200_000
    kids = b" ".join(b"%d 0 R" % (n + 3) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids),
        *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages,
    ]
    done = _import(_pdf(objects, tmp_path / "kl.pdf"))
    assert done.returncode == 3, done.stderr[-500:]
    assert "hơn 500 trang" in done.stdout


def test_a_pdf_page_of_a_hundred_thousand_tiny_characters_is_refused(tmp_path: Path) -> None:
    import zlib

    text = b"BT /F1 1 Tf 10 10 Td " + b"(a) Tj 0.01 0 Td " * 100_000 + b"ET"
    packed = zlib.compress(text, 9)
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 10 /Kids [" + b"3 0 R " * 10 + b"] >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        font,
    ]
    path = _pdf(objects, tmp_path / "kl.pdf")
    assert path.stat().st_size < 30_000
    done = _import(path)
    assert done.returncode == 3, done.stderr[-500:]
    assert "trang 1 của tệp PDF" in done.stdout
