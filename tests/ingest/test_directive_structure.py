"""The structure of a directive's text (`outline(..., directive=True)`): the forms a
plan, an instruction, a notice and a letter take, as a text export writes them. (#27)"""

from __future__ import annotations

from pathlib import Path

from ketluan.ingest.plain import read_text_export
from ketluan.ingest.structure import Outline, outline


def _outline(tmp_path: Path, text: str) -> Outline:
    source = tmp_path / "van-ban.txt"
    source.write_text(text, encoding="utf-8")
    return outline(read_text_export(source), directive=True)


def _ids(drafted: Outline) -> dict[str, str]:
    return {t.id: t.text for t in drafted.walk()}


def test_an_addressee_line_with_a_colon_heads_its_lettered_items(tmp_path: Path) -> None:
    drafted = _outline(
        tmp_path,
        "KẾ HOẠCH\nthực hiện một đề án mẫu\n\nBan Thường vụ ban hành Kế hoạch như sau:\n\n"
        "I. NHIỆM VỤ\n\n1. Sở Mẫu:\n\na) Tham mưu sơ kết.\n\nb) Đôn đốc.\n\n"
        "2. Văn phòng Mẫu:\n\na) Theo dõi.\n\nđ) Tổng hợp.\n",
    )
    assert drafted.document_type == "KẾ HOẠCH" and drafted.heading == ["thực hiện một đề án mẫu"]
    (part,) = drafted.sections
    assert [(s.number, s.title) for s in part.sections] == [
        ("1", "Sở Mẫu:"),
        ("2", "Văn phòng Mẫu:"),
    ]
    assert list(_ids(drafted)) == ["I.1.a", "I.1.b", "I.2.a", "I.2.dd"]
    assert [t.marker for t in drafted.walk()] == ["a)", "b)", "a)", "đ)"]


def test_a_directive_with_no_roman_parts_has_its_points_in_its_body(tmp_path: Path) -> None:
    drafted = _outline(
        tmp_path,
        "CHỈ THỊ\nvề một việc mẫu\n\nThời gian qua còn hạn chế.\n\nBan Thường vụ yêu cầu:\n\n"
        "1. Các cấp ủy quán triệt.\n\n2. Sở Mẫu rà soát.\n\na) Trước ngày 30/9/2026.\n",
    )
    assert drafted.preamble == "Thời gian qua còn hạn chế.\nBan Thường vụ yêu cầu:"
    assert [s.number for s in drafted.sections] == [""]  # the body, under no heading
    assert list(_ids(drafted)) == ["1", "2", "2.a"]
    assert drafted.review_number == ""


def test_a_letter_prints_no_type_its_header_and_subject_come_first(tmp_path: Path) -> None:
    drafted = _outline(
        tmp_path,
        "TỈNH ỦY MẪU\nSố -CV/TU\nV/v một việc mẫu\nMẫu, ngày tháng năm 2026\n"
        "Kính gửi: Các sở mẫu.\nĐể bảo đảm tiến độ, Ban Thường vụ có ý kiến như sau:\n"
        "1. Giao Sở Mẫu chủ trì, phối hợp với Văn phòng Mẫu, hoàn thành trước ngày 30/9/2026.\n"
        "2. Giao Văn phòng Mẫu theo dõi.\n",
    )
    assert drafted.document_type == "" and drafted.heading == []
    assert drafted.header == ["TỈNH ỦY MẪU\nSố -CV/TU\nV/v một việc mẫu\nMẫu, ngày tháng năm 2026"]
    assert drafted.preamble.startswith("Kính gửi: Các sở mẫu.\n")
    assert list(_ids(drafted)) == ["1", "2"]


def test_a_text_exports_assignment_table_keeps_each_rows_cells(tmp_path: Path) -> None:
    lines = [
        "CHƯƠNG TRÌNH HÀNH ĐỘNG",
        "về một việc mẫu",
        "Ban Thường vụ ban hành Chương trình như sau:",
        "I. NHIỆM VỤ CỤ THỂ",
        "TT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
        "Ghi chú",
        "1",
        "Rà soát hồ sơ mẫu",
        "Sở Mẫu",
        "",  # an empty cell: an empty line
        "Quý III/2026",
        "",
        "2",
        "Tổng hợp kết quả",
        "Văn phòng Mẫu",
        "Sở Mẫu",
        "Hằng tháng",
        "Định kỳ",
        "Nơi nhận:",
    ]
    drafted = _outline(tmp_path, "\r\n".join(lines) + "\r\n")
    (part,) = drafted.sections
    assert part.columns[0] == "TT" and part.columns[2] == "Cơ quan chủ trì"
    rows = [(t.id, t.marker, t.text, t.cells) for t in part.tasks]
    assert rows == [
        ("I.1", "1", "Rà soát hồ sơ mẫu", ["Sở Mẫu", "", "Quý III/2026", ""]),
        ("I.2", "2", "Tổng hợp kết quả", ["Văn phòng Mẫu", "Sở Mẫu", "Hằng tháng", "Định kỳ"]),
    ]
