"""Reading a conclusion from a text-layer PDF (ketluan.ingest.pdf): the PDFs are laid
out as Word exports them (tests/pdf_maker.py) from the real source and from fictional
quarters, and must draft back to the curated data; what cannot be read says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_maker import Doc, para, write_docx
from drafting import SOURCE, assert_drafts_back, fictional
from fpdf import FPDF
from pdf_maker import FONTS, write_pdf
from sitecheck import REAL_DATA, REAL_QUARTER

from ketluan.cli import main
from ketluan.ingest.document import SourceError
from ketluan.ingest.pdf import read_pdf
from ketluan.ingest.plain import read_text_export
from ketluan.ingest.source import read_source
from ketluan.model import Conclusion
from ketluan.model.outline import blocks

HEADER = "TỈNH ỦY MẪU — TÀI LIỆU MẪU"


@pytest.fixture(scope="module")
def real_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled source laid out as a Word PDF export: 11 pages, 6 footnotes."""
    doc = read_text_export(SOURCE)
    path = tmp_path_factory.mktemp("pdf") / "ket-luan.pdf"
    paragraphs = [(f"{p.label} " if p.label else "") + p.text for p in doc.paragraphs]
    write_pdf(path, paragraphs, doc.footnotes, centred=2, header=HEADER)
    return path


def test_the_real_conclusion_reads_back_from_its_pdf(real_pdf: Path) -> None:
    text, pdf = read_text_export(SOURCE), read_pdf(real_pdf)
    assert pdf.footnotes == text.footnotes  # out of the flow, where their markers stand
    lines = [line.strip("*") for p in text.paragraphs for line in p.text.split("\n")]
    read = [line for p in pdf.paragraphs for line in p.text.split("\n")]
    # Every paragraph whole, page breaks and footnote blocks notwithstanding; a text
    # export's one block of recipients is a paragraph per line in the PDF, as in Word.
    assert [line.lstrip("- ") for line in read] == [line.lstrip("- ") for line in lines]
    assert not any(HEADER in p.text or p.text.isdigit() for p in pdf.paragraphs)


def test_the_draft_from_the_pdf_agrees_with_the_curated_quarter(real_pdf: Path) -> None:
    data = REAL_DATA.read_text(encoding="utf-8")
    assert_drafts_back(data, real_pdf, REAL_QUARTER, 0.95)


def _as_pdf(conclusion: Conclusion, path: Path) -> None:
    paragraphs = []
    for block in blocks(conclusion):
        if block.kind == "task" and block.task is not None:
            marker = block.task.marker
            paragraphs.append(f"{marker} {block.task.text}" if marker else block.task.text)
        elif block.text:
            paragraphs.append(block.text)
    notes = {f.number: f.text for f in conclusion.footnotes}
    write_pdf(path, paragraphs, notes, centred=2, header=HEADER)


@pytest.mark.parametrize("seed", range(3))
def test_fictional_quarters_draft_back_from_their_pdf(seed: int, tmp_path: Path) -> None:
    text, last = fictional(seed)
    path = tmp_path / "mau.pdf"
    _as_pdf(last, path)
    assert_drafts_back(text, path, last.key, 0.95)


def _blank(path: Path, *, password: str | None = None, text: str | None = None) -> Path:
    pdf = FPDF()
    pdf.add_page()
    if password is not None:
        pdf.set_encryption(owner_password="chu", user_password=password)
    if text is not None:
        pdf.add_font("body", fname=str(FONTS / "NotoSerif-Regular.ttf"))
        pdf.set_font("body", size=13)
        pdf.multi_cell(170, 6, text)
    else:
        pdf.rect(20, 20, 170, 250, style="F")  # a scanned page: an image, no words
    pdf.output(str(path))
    return path


# TCVN3 (ABC) bytes read as Unicode: "Tỉnh ủy Hưng Yên chỉ đạo các cơ quan".
TCVN3 = "TØnh ñy H­ng Yªn chØ ®¹o c¸c c¬ quan thùc hiÖn nhiÖm vô quý II n¨m 2026. " * 4


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: _blank(p), "không có lớp chữ"),
        (lambda p: _blank(p, password="mat-khau", text="Kết luận"), "mật khẩu"),
        (lambda p: (p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8), p)[1], "bị hỏng"),
        (lambda p: _blank(p, text=TCVN3), "bảng mã cũ"),
    ],
    ids=["scan", "encrypted", "corrupt", "tcvn3"],
)
def test_a_pdf_that_cannot_be_read_says_what_to_do(
    make: object, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kl.pdf"
    assert callable(make)
    make(path)
    with pytest.raises(SourceError, match=words):
        read_source(path)
    out = tmp_path / "nhap.yml"
    args = ["import", str(path), "--quarter", "2026-q2", "--data", str(REAL_DATA), "-o", str(out)]
    assert main(args) == 1
    *progress, said = capsys.readouterr().err.splitlines()
    assert said.startswith("lỗi: không đọc được tệp Kết luận:") and words in said
    # One line, after the pages OCR tried ("nhận dạng chữ trang 1/1…") when it was a scan.
    assert all(line.startswith("nhận dạng chữ trang") for line in progress), progress
    assert not out.exists()


def test_text_in_a_legacy_encoding_is_refused_in_every_kind_of_file(tmp_path: Path) -> None:
    legacy = tmp_path / "kl.txt"
    legacy.write_text(TCVN3, encoding="utf-8")
    docx = write_docx(tmp_path / "kl.docx", Doc([para(TCVN3)]))
    for path in (legacy, docx):
        with pytest.raises(SourceError, match="bảng mã cũ"):
            read_source(path)
    windows = tmp_path / "kl-1258.txt"
    windows.write_bytes(b"K\xea\xect lu\xe2\xf2n")  # "Kết luận" in Windows-1258
    with pytest.raises(SourceError, match="UTF-8"):
        read_text_export(windows)


def test_a_signed_pdfs_stamp_is_said_and_kept_out_of_the_draft(tmp_path: Path) -> None:
    # A signing tool that draws its stamp into the page (not as an annotation, which
    # the reader never sees) leaves small lines over the header: before, they were
    # dropped unsaid or, beside the header, read into it.
    doc = read_text_export(SOURCE)
    paragraphs = [(f"{p.label} " if p.label else "") + p.text for p in doc.paragraphs]
    stamp = (
        "Ký bởi: Văn phòng Tỉnh ủy Mẫu",
        "Cơ quan: Tỉnh ủy Mẫu",
        "Thời gian ký: 28.04.2026 10:15:20 +07:00",
    )
    signed = tmp_path / "da-ky.pdf"
    write_pdf(signed, paragraphs, doc.footnotes, centred=2, header=HEADER, stamp=stamp)
    plain = tmp_path / "chua-ky.pdf"
    write_pdf(plain, paragraphs, doc.footnotes, centred=2, header=HEADER)
    read, unsigned = read_pdf(signed), read_pdf(plain)
    assert read.paragraphs == unsigned.paragraphs and read.header == unsigned.header
    said = " ".join(read.remarks)
    assert all(line in said for line in stamp), said
    assert "dấu chữ ký số" in said and not unsigned.remarks


def test_a_word_broken_at_its_hyphen_across_a_line_end_is_one_word_again() -> None:
    from ketluan.ingest.pdf import _Line, _paragraphs

    def line(number: int, text: str, right: float) -> _Line:
        words, x = [], 72.0
        texts = text.split()
        step = (right - 72.0) / len(texts)
        for word in texts:
            words.append({"text": word, "x0": x, "x1": x + step - 4, "size": 13.0})
            x += step
        words[-1]["x1"] = right
        top = 100.0 + number * 18
        return _Line(0, top, top + 13, 72.0, right, 13.0, [w | {"top": top} for w in words])

    lines = [
        line(0, "Triển khai Nghị quyết số 57-", 520.0),
        line(1, "NQ/TW của Bộ Chính trị, phát triển kinh tế -", 520.0),
        line(2, "xã hội; giai đoạn 2025-", 520.0),
        line(3, "2030 bền vững.", 200.0),
    ]
    assert _paragraphs(lines, 13.0) == [
        (
            "Triển khai Nghị quyết số 57-NQ/TW của Bộ Chính trị, phát triển kinh tế - xã hội; "
            "giai đoạn 2025-2030 bền vững.",
            0,
        )
    ]
