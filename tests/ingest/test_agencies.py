"""Agencies the registry does not know, proposed where a role stands
(ketluan.ingest.agencies)."""

from __future__ import annotations

from ketluan.ingest.agencies import ProposingFinder
from ketluan.model import Agency, AgencyGroup

KNOWN = (Agency("van-phong", "Văn phòng Tỉnh ủy Mẫu", AgencyGroup.ADVISORY),)


def _names(finder: ProposingFinder) -> list[str]:
    return [a["name"] for a in finder.proposed.values()]


def test_a_new_lead_supporter_and_addressee_are_proposed_once() -> None:
    finder = ProposingFinder(KNOWN)
    text = (
        "Trong tháng 5/2026, Ban Kinh tế Tỉnh ủy Mẫu chủ trì, phối hợp với Sở Xây dựng Mẫu "
        "rà soát các dự án; báo cáo Thường trực Tỉnh ủy Mẫu kết quả."
    )
    found = finder.find(text)
    assert _names(finder) == [
        "Ban Kinh tế Tỉnh ủy Mẫu",
        "Sở Xây dựng Mẫu",
        "Thường trực Tỉnh ủy Mẫu",
    ]
    assert [text[s:e] for s, e, _a in found] == _names(finder)
    assert all(a["needs_review"] for a in finder.proposed.values())
    groups = [a["group"] for a in finder.proposed.values()]
    assert groups == ["co-quan-tham-muu", "chinh-quyen", "lanh-dao-tinh-uy"]
    again = finder.find("ban kinh tế tỉnh ủy mẫu theo dõi.")  # found like a registry name
    assert [a for _s, _e, a in again] == ["ban-kinh-te-tinh-uy-mau"]
    assert len(finder.proposed) == 3


def test_a_list_is_split_where_an_agency_opens_and_one_name_is_kept_whole() -> None:
    finder = ProposingFinder(KNOWN)
    finder.find("Ban Tuyên giáo và Dân vận Tỉnh ủy Mẫu tập trung tuyên truyền.")
    finder.find("Các cấp ủy, tổ chức đảng; các cơ quan, đơn vị có liên quan tổ chức thực hiện.")
    assert _names(finder) == [
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Mẫu",
        "Các cấp ủy, tổ chức đảng",
        "Các cơ quan, đơn vị có liên quan",
    ]
    assert finder.proposed["cac-cap-uy-to-chuc-dang"]["collective"] is True


def test_words_that_only_look_like_a_name_are_not_proposed() -> None:
    finder = ProposingFinder(KNOWN)
    for text in (
        "Sơ kết Chỉ thị số 04-CT/TU; báo cáo viên giỏi tham gia hội thi.",
        "Thanh tra, kiểm tra, giám sát, kiên quyết xử lý dứt điểm.",
        "Văn phòng Tỉnh ủy Mẫu theo dõi, đôn đốc.",  # known
        "Ủy ban Kiểm tra",  # no verb: a subject is followed by one
        "Đảng ủy chỉ đạo.",  # one word names no one
    ):
        finder.find(text)
    assert _names(finder) == []


def test_a_heading_addresses_the_agency_it_names() -> None:
    finder = ProposingFinder(KNOWN)
    found = finder.find_heading("Đối với Đảng ủy Ủy ban nhân dân Tỉnh Mẫu")
    assert [a for _s, _e, a in found] == ["dang-uy-uy-ban-nhan-dan-tinh-mau"]
    assert finder.find_heading("Tổ chức thực hiện") == []
