"""What every reader gives is made plain before drafting: no character the checker
refuses reaches a draft, typed numbers read as Word's own, rule lines are layout; a
"Save as text" export's glued footnote numbers are found in order (#24.1)."""

from __future__ import annotations

import pytest

from ketluan.ingest.document import SourceDocument, SourceParagraph
from ketluan.ingest.normalise import BIDI, normalised, plain_text
from ketluan.ingest.plain import glued_markers
from ketluan.ingest.structure import outline
from ketluan.text.characters import scan


def _paragraphs(*texts: str) -> SourceDocument:
    return SourceDocument(tuple(SourceParagraph("", t) for t in texts), {})


@pytest.mark.parametrize(
    ("received", "plain"),
    [
        ("\ufeffKẾT LUẬN", "KẾT LUẬN"),
        ("Ban\u00a0Tổ\u202fchức", "Ban Tổ chức"),
        ("1.\tVăn phòng", "1. Văn phòng"),
        ("giải\u00adngân", "giảingân"),
        ("Tỉnh\u200b ủy", "Tỉnh ủy"),
        ("  hai   dấu  cách ", "hai dấu cách"),
        ("Tie\u0302\u0301n", "Tiến"),  # decomposed (NFD) as some PDFs give it
    ],
)
def test_characters_a_reader_does_not_see_become_what_they_see(received: str, plain: str) -> None:
    text, bidi = plain_text(received)
    assert text == plain and bidi == ""
    assert list(scan(text)) == []  # the checker refuses none of what is left


def test_a_bidirectional_control_is_removed_and_said() -> None:
    document = normalised(_paragraphs("Ban Tổ chức\u202e hoàn thành"))
    assert document.paragraphs[0].text == "Ban Tổ chức hoàn thành"
    (said,) = document.hidden
    assert said.why == BIDI and "U+202E" in said.text and said.where == "đoạn 1"


def test_typed_numbers_become_labels_and_rules_are_dropped() -> None:
    document = normalised(
        _paragraphs("KẾT LUẬN", "-----", "II. Nhiệm vụ", "2.1.\tMột việc.", "• Hai việc.", "***")
    )
    assert [(p.label, p.text) for p in document.paragraphs] == [
        ("", "KẾT LUẬN"),
        ("II.", "Nhiệm vụ"),
        ("2.1.", "Một việc."),
        ("-", "Hai việc."),
    ]


def test_a_header_written_as_lines_goes_to_the_header() -> None:
    document = normalised(
        _paragraphs(
            "ĐẢNG BỘ TỈNH MẪU", "TỈNH ỦY", "*", "Số 15-KL/TU", "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Mẫu, ngày 28 tháng 4 năm 2026", "KẾT LUẬN", "Hội nghị Tỉnh ủy Mẫu",
        )
    )  # fmt: skip
    drafted = outline(document)
    assert drafted.document_type == "KẾT LUẬN" and drafted.heading == ["Hội nghị Tỉnh ủy Mẫu"]
    assert "Số 15-KL/TU" in drafted.header[0] and "ngày 28 tháng 4" in drafted.header[0]


def test_glued_footnote_numbers_are_found_in_order() -> None:
    paragraphs = [
        "cho các dự án lớn1. Ban hành Nghị quyết",
        "diện tích 100 m2 đất, khí CO2; sự kiện lớn của tỉnh2 đều được triển khai",
        "trong năm 20263. Quý II có 2 việc",
    ]
    out, found = glued_markers(paragraphs)
    assert found == [1, 2, 3]
    assert out == [
        "cho các dự án lớn¹. Ban hành Nghị quyết",
        "diện tích 100 m2 đất, khí CO2; sự kiện lớn của tỉnh² đều được triển khai",
        "trong năm 2026³. Quý II có 2 việc",
    ]


def test_numbers_out_of_order_are_not_taken_for_markers() -> None:
    # No "1" glued anywhere: the "2" after a word is not a marker.
    out, found = glued_markers(["Đề án khóa2 của tỉnh"])
    assert found == [] and out == ["Đề án khóa2 của tỉnh"]


def test_lines_before_the_document_type_are_never_lost_beside_a_header_table() -> None:
    document = SourceDocument(
        (SourceParagraph("", "Số 15-KL/TU"), SourceParagraph("", "KẾT LUẬN")),
        {},
        header=("TỈNH ỦY MẪU", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    )
    drafted = outline(normalised(document))
    assert drafted.document_type == "KẾT LUẬN" and drafted.leftovers == ["Số 15-KL/TU"]
