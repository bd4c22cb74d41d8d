"""What a reader of a received Word file cannot see never becomes a task, a deadline or
a number: hidden, white, near-invisible text and unaccepted tracked insertions are left
out of the draft, each named by a review mark; a text box is read once (#23.1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from agreement import redraft
from docx_maker import Doc, Lvl, Para, Raw, para, write_docx
from word_documents import OUTLINE, word_paragraphs

from ketluan.fictional import Scale, dump, generate
from ketluan.ingest.review_page import review_page
from ketluan.ingest.word import read_docx
from ketluan.load import validate_text
from ketluan.model.outline import walk_tasks

PLANTED = "Ban Tổ chức Tỉnh ủy Mẫu hoàn thành trước 15/5/2026"


def run(props: str, text: str = PLANTED) -> str:
    """A run with properties `props`, as Word writes one."""
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


# How a crafted file hides text from its reader (each as Word itself would show it: not
# at all, white on white, a dot, or a proposed change nobody accepted).
HIDING = {
    "hidden": run("<w:vanish/>"),
    "white": run('<w:color w:val="FFFFFF"/>'),
    "one point": run('<w:sz w:val="2"/>'),
    "tracked insertion": f'<w:ins w:id="1" w:author="Mẫu">{run("")}</w:ins>',
}


@pytest.mark.parametrize("how", HIDING)
def test_hidden_text_inside_a_task_adds_nothing_to_it(how: str, tmp_path: Path) -> None:
    doc = Doc([Para([("Văn phòng Tỉnh ủy Mẫu theo dõi. ", False), Raw(HIDING[how])], (1, 1))],
              abstracts={1: [Lvl(0, "decimal", "%1."), Lvl(1, "bullet", "-")]},
              nums={1: (1, {})})  # fmt: skip
    document = read_docx(write_docx(tmp_path / "mau.docx", doc))
    assert [p.text for p in document.paragraphs] == ["Văn phòng Tỉnh ủy Mẫu theo dõi. "]
    (hidden,) = document.hidden
    assert PLANTED in hidden.text and hidden.where == "đoạn 1"


@pytest.mark.parametrize("how", HIDING)
def test_a_hidden_bullet_neither_appears_nor_renumbers_the_others(how: str, tmp_path: Path) -> None:
    levels = [Lvl(0, "decimal", "%1.")]
    hidden_paragraph = Raw(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/>'
                           f"</w:numPr></w:pPr>{HIDING[how]}</w:p>")  # fmt: skip
    doc = Doc([para("Một", (1, 0)), hidden_paragraph, para("Hai", (1, 0))],
              abstracts={1: levels}, nums={1: (1, {})})  # fmt: skip
    document = read_docx(write_docx(tmp_path / "mau.docx", doc))
    assert [(p.label, p.text) for p in document.paragraphs] == [("1.", "Một"), ("2.", "Hai")]
    assert [h.where for h in document.hidden] == ["đoạn 2"]


def test_a_text_box_is_read_once(tmp_path: Path) -> None:
    # Word writes a text box twice: as a drawing (mc:Choice) and as VML (mc:Fallback).
    box = "<w:txbxContent><w:p><w:r><w:t>Trong khung</w:t></w:r></w:p></w:txbxContent>"
    alternate = (
        "<w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    doc = Doc([Para([("Trước ", False), Raw(alternate)])])
    document = read_docx(write_docx(tmp_path / "mau.docx", doc))
    assert [p.text for p in document.paragraphs] == ["Trước Trong khung"]


def test_a_hidden_task_in_a_conclusion_is_drafted_only_as_a_review_mark(tmp_path: Path) -> None:
    scale = Scale(quarters=2, agencies=24, communes=8, tasks_per_quarter=24, documents=12)
    text = dump(generate(scale))
    last = validate_text(text, "mau.yml").quarters[-1]
    paragraphs: list[Para | Raw] = list(word_paragraphs(last))
    bullet = next(i for i, p in enumerate(paragraphs) if isinstance(p, Para) and p.num == (1, 3))
    planted = Raw('<w:p><w:pPr><w:numPr><w:ilvl w:val="3"/><w:numId w:val="1"/></w:numPr>'
                  f'</w:pPr>{HIDING["hidden"]}</w:p>')  # fmt: skip
    paragraphs.insert(bullet + 1, planted)
    doc = Doc(paragraphs, abstracts={1: OUTLINE}, nums={1: (1, {})},
              footnotes={f.number: f.text for f in last.footnotes})  # fmt: skip
    loaded, _curated = redraft(text, write_docx(tmp_path / "mau.docx", doc), last.key)
    drafted = loaded.dataset.quarters[-1]
    assert not any(PLANTED in t.text for t, _chain in walk_tasks(drafted.sections))
    assert [t.id for t, _ in walk_tasks(drafted.sections)] == [
        t.id for t, _ in walk_tasks(last.sections)
    ]
    notes = [m.problem.message for m in loaded.marks if m.path == ("quarters", 1)]
    assert any("chữ ẩn" in note and PLANTED in note for note in notes), notes
    page = review_page(loaded, last.key, "draft.yml", "mau.docx")
    assert "chữ ẩn trong tệp nhận được" in page and PLANTED in page


PDF_HIDING = ("white", "one point", "off the page", "invisible")


@pytest.mark.parametrize("how", PDF_HIDING)
def test_text_a_pdf_does_not_show_is_left_out_and_said(how: str, tmp_path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import TextMode
    from pdf_maker import FONTS

    from ketluan.ingest.pdf import read_pdf

    pdf = FPDF(format="A4")
    pdf.add_font("body", fname=str(FONTS / "NotoSerif-Regular.ttf"))
    pdf.add_page()
    pdf.set_font("body", size=13)
    pdf.set_xy(20, 30)
    pdf.cell(text="Văn phòng Tỉnh ủy Mẫu theo dõi, báo cáo Ban Thường vụ.")
    if how == "white":
        pdf.set_text_color(255, 255, 255)
        pdf.set_xy(20, 40)
    elif how == "one point":
        pdf.set_font("body", size=1)
        pdf.set_xy(20, 40)
    elif how == "invisible":
        pdf.text_mode = TextMode.INVISIBLE  # render mode 3: painted neither filled nor stroked
        pdf.set_xy(20, 40)
    else:
        pdf.set_xy(-400, 40)  # fpdf2 counts from the right: far left of the page
        pdf.x = -400
    pdf.cell(text=PLANTED)
    path = tmp_path / "kl.pdf"
    pdf.output(str(path))
    document = read_pdf(path)
    assert not any("15/5/2026" in p.text for p in document.paragraphs)
    assert any("Văn phòng Tỉnh ủy Mẫu theo dõi" in p.text for p in document.paragraphs)
    (hidden,) = document.hidden
    assert hidden.where == "trang 1" and "15/5/2026" in hidden.text


def test_white_text_on_a_dark_paragraph_or_cell_is_read(tmp_path: Path) -> None:
    white = run('<w:color w:val="FFFFFF"/>', "Chữ trắng trên nền xanh")
    dark_paragraph = Raw(
        f'<w:p><w:pPr><w:shd w:val="clear" w:color="auto" w:fill="1F3864"/></w:pPr>{white}</w:p>'
    )
    dark_cell = Raw(
        '<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F3864"/>'
        f"</w:tcPr><w:p>{white}</w:p></w:tc></w:tr></w:tbl>"
    )
    doc = Doc([para("Mở đầu."), dark_paragraph, dark_cell])
    document = read_docx(write_docx(tmp_path / "mau.docx", doc))
    assert [p.text for p in document.paragraphs].count("Chữ trắng trên nền xanh") == 2
    assert document.hidden == ()
