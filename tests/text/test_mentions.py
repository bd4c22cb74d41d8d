"""Agency names are found whole, longest first, case-sensitively."""

from __future__ import annotations

from ketluan.text.mentions import MentionFinder

FINDER = MentionFinder(
    {
        "Đảng ủy UBND tỉnh": "dang-uy-ubnd",
        "UBND tỉnh": "ubnd",
        "Ban Chỉ đạo tỉnh": "bcd",
        "xã Mẫu Hòa 1": "hoa-1",
        "xã Mẫu Hòa 11": "hoa-11",
        "Chủ đầu tư": "chu-dau-tu",
    }
)


def names(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.target) for m in FINDER.find(text)]


def test_longest_name_wins_and_nothing_overlaps() -> None:
    assert names("Đảng ủy UBND tỉnh chỉ đạo; UBND tỉnh thực hiện.") == [
        ("Đảng ủy UBND tỉnh", "dang-uy-ubnd"),
        ("UBND tỉnh", "ubnd"),
    ]


def test_whole_words_only() -> None:
    assert names("xã Mẫu Hòa 11 và xã Mẫu Hòa 1, xã Mẫu Hòa 12") == [
        ("xã Mẫu Hòa 11", "hoa-11"),
        ("xã Mẫu Hòa 1", "hoa-1"),
    ]
    assert names("Ban Chỉ đạo tỉnhX") == []


def test_a_footnote_marker_does_not_glue_onto_the_name() -> None:
    assert names("của Ban Chỉ đạo tỉnh⁵.") == [("Ban Chỉ đạo tỉnh", "bcd")]


def test_case_matters() -> None:
    assert names("chủ đầu tư năng lực yếu kém; Chủ đầu tư thường xuyên") == [
        ("Chủ đầu tư", "chu-dau-tu")
    ]


def test_no_names_finds_nothing() -> None:
    assert MentionFinder({}).find("Đảng ủy UBND tỉnh") == ()
