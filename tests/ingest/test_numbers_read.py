"""Targets, recurring duties, figures, limitations and conversion artefacts read from a
drafted paragraph (ketluan.ingest.quantities, ketluan.ingest.artefacts)."""

from __future__ import annotations

from datetime import date

from ketluan.ingest.artefacts import artefacts
from ketluan.ingest.quantities import figures, limitations, recurrences, targets


def _values(found: list[dict[str, object]]) -> list[tuple[object, ...]]:
    keys = ("operator", "value", "value_max", "unit", "by")
    return [tuple(t.get(k) for k in keys) for t in found]


def test_targets_read_the_comparison_range_unit_and_horizon() -> None:
    text = (
        "Quyết tâm hoàn thành giải ngân 100% kế hoạch năm 2026, hết quý II năm 2026 đạt "
        "trên 30%; số đảng viên mới tăng từ 3-4% so với tổng số; giảm ít nhất 30% thời gian; "
        "tỷ lệ hồ sơ trực tuyến: đạt $\\geq 50\\%$ trong quý III."
    )
    assert _values(targets(text, 2026)) == [
        ("=", 100, None, "%", None),
        (">", 30, None, "%", date(2026, 6, 30)),
        ("range", 3, 4, "%", None),
        (">=", 30, None, "%", None),
        (">=", 50, None, "%", date(2026, 9, 30)),
    ]
    found = targets(text, 2026)
    assert all(t["phrase"] in text for t in found)  # verbatim, for the checker
    assert all(t["needs_review"] for t in found)
    assert found[3]["metric"] == "giảm thời gian"


def test_numbers_that_are_not_percentages_are_not_targets() -> None:
    assert targets("Đoàn kiểm tra số 22 làm việc với 15 xã trước 30/6/2026.", 2026) == []


def test_recurring_duties_and_what_only_looks_like_one() -> None:
    text = (
        "Đối thoại ít nhất 1 lần/quý; khám sức khỏe định kỳ ít nhất mỗi năm 1 lần; theo dõi "
        "từng tuần, từng tháng, từng quý; kế hoạch theo từng quý; định kỳ báo cáo Thường trực; "
        "báo cáo kết quả định kỳ về Ban Thường vụ; báo cáo hằng tháng; đưa ra kế hoạch, tiến "
        "độ thực hiện từng tuần, từng tháng, từng quý."
    )
    assert recurrences(text) == [
        "ít nhất 1 lần/quý",
        "ít nhất mỗi năm 1 lần",
        "từng tuần, từng tháng, từng quý",
        "định kỳ báo cáo",
        "định kỳ",
        "hằng tháng",
    ]


def test_figures_of_the_review() -> None:
    text = (
        "Tăng trưởng kinh tế tỉnh Mẫu xếp thứ 3 khu vực và xếp thứ 4/34 tỉnh, thành phố. "
        "Tổng sản phẩm trên địa bàn (GRDP) tăng 10,43% so với cùng kỳ năm 2025; thu hút vốn "
        "đạt trên 37,6 nghìn tỷ đồng và 251,4 triệu USD; kim ngạch xuất khẩu ước đạt 2.543 "
        "triệu USD (tăng 5,4% so với cùng kỳ năm trước); kiện toàn 104 xã, phường trong tỉnh."
    )
    found = figures([text])
    read = [
        (f["measure"], f["value"], f.get("unit"), f.get("operator"), f.get("out_of")) for f in found
    ]
    assert read == [
        ("rank", "3", None, None, None),
        ("rank", "4", None, None, 34),
        ("growth", "10,43", "%", None, None),
        ("level", "37,6", "nghìn tỷ đồng", ">", None),
        ("level", "251,4", "triệu USD", None, None),
        ("level", "2.543", "triệu USD", None, None),
        ("growth", "5,4", "%", None, None),
        ("count", "104", "xã, phường", None, None),
    ]
    assert all(f["phrase"] in text for f in found)
    assert found[2]["basis"] == "so với cùng kỳ năm 2025"
    assert found[5]["estimate"] is True
    assert found[1]["label"] == found[0]["label"] == "Tăng trưởng kinh tế tỉnh Mẫu"
    assert len({f["id"] for f in found}) == len(found)


def test_limitations_are_the_items_after_their_lead_in() -> None:
    text = (
        "Bên cạnh kết quả đạt được, còn những hạn chế như: Giải ngân vốn chậm; kiểm kê tài "
        "sản còn chậm. Ô nhiễm môi trường chưa được khắc phục."
    )
    assert limitations(["Kết quả tốt; không có gì.", text]) == [
        "Giải ngân vốn chậm",
        "kiểm kê tài sản còn chậm",
        "Ô nhiễm môi trường chưa được khắc phục",
    ]


def test_tex_left_by_a_converter_is_proposed_as_a_correction_never_changed() -> None:
    text = "tỷ lệ đạt $\\geq 50\\%$ và $x \\unknown$ giữ nguyên"
    (correction,) = artefacts([text, text])
    assert correction["phrase"] == "$\\geq 50\\%$" and correction["suggested"] == "≥ 50%"
    assert correction["needs_review"]
