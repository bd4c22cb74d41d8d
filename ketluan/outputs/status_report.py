"""The Office's status report, per version: `xuat/bao-cao-tinh-hinh.docx`, the draft
"Báo cáo tình hình thực hiện Kết luận" the Office sends to the Ban Thường vụ.

A Word file (python-docx) in the Party's document layout (Hướng dẫn 36-HD/VPTW: A4,
Times New Roman, margins 20/20/30/15 mm, the issuing body and "ĐẢNG CỘNG SẢN VIỆT NAM"
side by side at the head, the document's type in capitals under them, "Nơi nhận" and
the signature side by side at the foot). It says only what the data says, as of the
version's date: the counts of the tasks as their leads reported them, per lead agency,
and the deadlines passed with no completion, each with its latest report and evidence.
What only the Office can write (the number, the day of signing, the assessment, the
proposals and the signer) is left blank for it to fill in: the file is a draft, and
says so. It is the same bytes when the same data is published again.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime, time
from typing import TYPE_CHECKING

from ketluan.index.lapses import Lapse, lapses
from ketluan.index.overview import AgencyTally, overview
from ketluan.index.site_index import Entry, SiteIndex
from ketluan.index.status import passed
from ketluan.model import Status
from ketluan.outputs.workbooks import with_fixed_times
from ketluan.render import labels
from ketluan.text.emphasis import without_emphasis
from ketluan.text.vietnamese import vi_date

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

__all__ = ["COUNTS", "status_report"]

FONT = "Times New Roman"
BLANK = "…"  # what the Office fills in

# The overview's columns, as the report's table heads them.
COUNTS = (
    "Số nhiệm vụ",
    "Đã đến hạn",
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Quá hạn (đơn vị báo cáo)",
    "Qua hạn, chưa có báo cáo",
)


def status_report(index: SiteIndex) -> bytes:
    """The version's draft status report, as .docx bytes."""
    from docx import Document  # imported here: only this file needs it

    book = Document()
    _layout(book)
    _head(book, index)
    day, tallies = overview(index)
    late = [lapse for lapse in lapses(index).listed if passed(lapse.due.deadline, day)]
    _general(book, index, late)
    _per_agency(book, tallies)
    _late_items(book, index, late)
    _heading(book, "IV. ĐỀ XUẤT, KIẾN NGHỊ")
    _paragraph(book, "(Văn phòng bổ sung.)", italic=True)
    _foot(book)
    stamp = datetime.combine(index.conclusion.meeting_date, time())
    props = book.core_properties
    props.author = props.last_modified_by = "ketluan"
    props.title = f"Báo cáo tình hình thực hiện {_followed(index)} (dự thảo)"
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    raw = io.BytesIO()
    book.save(raw)
    return with_fixed_times(raw.getvalue(), stamp)


def _layout(book: WordDocument) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    section = book.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = book.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    # Word takes a run's East Asian font apart from its Latin one: both Times New Roman.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(_qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)


def _head(book: WordDocument, index: SiteIndex) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    province = index.dataset.province
    table = _grid(book, 2, widths=(75, 90), borders=False)
    left, right = table.rows[0].cells
    _cell_lines(left, [(f"TỈNH ỦY {province.upper()}", False), ("VĂN PHÒNG", True), ("*", False)])
    _cell_lines(left, [(f"Số {BLANK} -BC/VPTU", False)], size=14)
    _cell_lines(right, [("ĐẢNG CỘNG SẢN VIỆT NAM", True)], underline=True)
    _cell_lines(
        right, [(f"{province}, ngày {BLANK} tháng {BLANK} năm {BLANK}", False)], italic=True
    )
    draft = _paragraph(book, "DỰ THẢO", bold=True)
    draft.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    title = _paragraph(book, "BÁO CÁO", bold=True, size=15)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    conclusion = index.conclusion
    about = f"tình hình thực hiện {_followed(index)}"
    if conclusion.symbol:
        about += f" (Kết luận số {conclusion.symbol})"
    subject = _paragraph(book, about, bold=True)
    subject.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(book, "-----").alignment = WD_ALIGN_PARAGRAPH.CENTER


def _followed(index: SiteIndex) -> str:
    """What the report is of: the quarter's conclusion, and its other directives when it
    follows some ("Kết luận và 3 văn bản chỉ đạo khác Quý II/2026")."""
    others = len(index.conclusion.directives)
    also = f" và {others} văn bản chỉ đạo khác" if others else ""
    return f"Kết luận{also} {index.conclusion.title}"


def _general(book: WordDocument, index: SiteIndex, late: Sequence[Lapse]) -> None:
    conclusion = index.conclusion
    heading = " ".join(conclusion.heading)
    _paragraph(
        book,
        f"Thực hiện Kết luận {conclusion.title} ({heading}, hội nghị ngày "
        f"{vi_date(conclusion.meeting_date)}), căn cứ báo cáo của các cơ quan, đơn vị gửi "
        f"Văn phòng đến ngày {vi_date(index.reports_as_of)}, Văn phòng báo cáo tình hình "
        "thực hiện như sau:",
        indent=True,
    )
    _heading(book, "I. TÌNH HÌNH CHUNG")
    tasks = _tasks(index)
    states = [index.state(e) for e in tasks]
    statuses = [s.report.status if s.report else None for s in states]
    reported = sum(s is not None for s in statuses)
    lines = [
        f"Số nhiệm vụ đang theo dõi: {len(tasks)} (Kết luận {conclusion.title}"
        + (
            f" và các quý trước còn theo dõi, tính từ {index.quarters[0].title})"
            if len(index.quarters) > 1
            else ")"
        )
        + f"; {reported} nhiệm vụ đã có báo cáo, {len(tasks) - reported} chưa có báo cáo.",
        f"Hoàn thành đúng hạn: {statuses.count(Status.DONE_ON_TIME)}; hoàn thành quá hạn: "
        f"{statuses.count(Status.DONE_LATE)}; đơn vị báo cáo quá hạn: "
        f"{statuses.count(Status.OVERDUE)}.",
        f"Thời hạn đã qua mà chưa có báo cáo hoàn thành: {len(late)} (liệt kê tại mục III).",
    ]
    for line in lines:
        _paragraph(book, f"- {line}", indent=True)
    _paragraph(
        book,
        f"Đánh giá chung: {BLANK} (Văn phòng bổ sung). Số liệu trên là tình trạng do đơn "
        "vị chủ trì báo cáo; không có báo cáo thì không suy ra là đã hoặc chưa thực hiện.",
        indent=True,
    )


def _tasks(index: SiteIndex) -> list[Entry]:
    """The tasks the version follows: its own, and the earlier ones not carried on."""
    return [e for e in (*index.earlier, *index.entries) if not index.continued_by.get(e.ref)]


def _per_agency(book: WordDocument, tallies: Sequence[AgencyTally]) -> None:
    _heading(book, "II. TÌNH HÌNH THEO CƠ QUAN, ĐƠN VỊ CHỦ TRÌ")
    widths = (10, 47, *(18,) * len(COUNTS))  # 165 mm: A4 less the margins
    table = _grid(book, len(widths), widths=widths)
    _row(table, 0, ["TT", "Cơ quan, đơn vị chủ trì", *COUNTS], widths=widths, bold=True, size=11)
    for number, tally in enumerate(tallies, start=1):
        counts = (
            tally.led,
            tally.due,
            tally.on_time,
            tally.late,
            tally.overdue,
            tally.passed_unreported,
        )
        cells = [str(number), tally.view.agency.name, *(str(c) for c in counts)]
        _row(table, None, cells, widths=widths, size=11)


def _late_items(book: WordDocument, index: SiteIndex, late: Sequence[Lapse]) -> None:
    _heading(book, "III. CÁC VIỆC CHẬM TIẾN ĐỘ, VƯỚNG MẮC")
    if not late:
        _paragraph(book, "Không có thời hạn nào đã qua mà chưa có báo cáo hoàn thành.", indent=True)
        return
    widths = (10, 62, 30, 28, 35)  # 165 mm
    table = _grid(book, len(widths), widths=widths)
    heads = ["TT", "Nhiệm vụ", "Chủ trì", "Thời hạn", "Báo cáo gần nhất, minh chứng"]
    _row(table, 0, heads, widths=widths, bold=True, size=11)
    for number, lapse in enumerate(late, start=1):
        entry = lapse.entry
        task = f"{index.cited(entry)}: “{without_emphasis(entry.opening)}”"
        deadline = lapse.due.deadline
        when = f"{vi_date(deadline.date)} ({labels.deadline_note(deadline)})"
        _row(
            table,
            None,
            [
                str(number),
                task,
                "; ".join(a.name for a in entry.leaders),
                when,
                _latest(lapse),
            ],
            widths=widths,
            size=11,
        )


def _latest(lapse: Lapse) -> str:
    report = lapse.state.report
    if report is None:
        return "Chưa có báo cáo"
    said = f"{report.status.value} (báo cáo ngày {vi_date(report.date)})"
    if report.note:
        said += f": {report.note}"
    evidence = report.evidence
    if evidence is not None:
        said += f"; văn bản {evidence.symbol}"
        if evidence.date:
            said += f" ngày {vi_date(evidence.date)}"
    return said


def _foot(book: WordDocument) -> None:
    table = _grid(book, 2, widths=(85, 80), borders=False)
    left, right = table.rows[0].cells
    _cell_lines(left, [("Nơi nhận:", True)], italic=True, size=12)
    _cell_lines(
        left,
        [
            ("- Thường trực Tỉnh ủy,", False),
            ("- Ban Thường vụ Tỉnh ủy (để báo cáo),", False),
            ("- Lưu Văn phòng.", False),
        ],
        size=11,
    )
    _cell_lines(right, [("CHÁNH VĂN PHÒNG", True)])
    _cell_lines(right, [("", False), ("", False), (BLANK, False)])


def _heading(book: WordDocument, text: str) -> None:
    from docx.shared import Pt

    _paragraph(book, text, bold=True).paragraph_format.space_before = Pt(12)


def _paragraph(
    book: WordDocument,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int | None = None,
    indent: bool = False,
) -> Paragraph:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    paragraph = book.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size is not None:
        run.font.size = Pt(size)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return paragraph


def _grid(
    book: WordDocument, columns: int, *, widths: Sequence[int], borders: bool = True
) -> Table:
    from docx.shared import Mm

    table: Table = book.add_table(rows=1, cols=columns)
    if borders:
        table.style = book.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)  # the grid, which LibreOffice reads
        for cell in column.cells:
            cell.width = Mm(width)  # the cells, which Word reads
    return table


def _row(
    table: Table,
    at: int | None,
    texts: Sequence[str],
    *,
    widths: Sequence[int],
    bold: bool = False,
    size: int = 12,
) -> None:
    """Fill row `at` (a new row when None); each cell is given its column's width, which
    Word reads from the cells and LibreOffice from the grid."""
    from docx.shared import Mm, Pt

    row = table.rows[at] if at is not None else table.add_row()  # type: ignore[no-untyped-call]
    for cell, text, width in zip(row.cells, texts, widths, strict=True):
        cell.width = Mm(width)
        paragraph = cell.paragraphs[0]
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)


def _cell_lines(
    cell: _Cell,
    lines: Sequence[tuple[str, bool]],
    *,
    italic: bool = False,
    underline: bool = False,
    size: int = 13,
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for text, bold in lines:
        # A new cell holds one empty paragraph: the first line goes there.
        first = cell.paragraphs[0]
        paragraph = first if not first.runs else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline and bold
        run.font.size = Pt(size)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    result: str = qn(tag)
    return result
