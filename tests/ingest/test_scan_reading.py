"""What the importer does with what OCR gives it (#24.2): footnote markers misread as
quotes and degrees put back where the note's page says; words misread put right only on
the document's own evidence; the signature block opened by its "T/L …" line; specks
dropped. Fast: no OCR runs here (tests/ingest/test_office_forms.py reads real scans)."""

from __future__ import annotations

from collections import Counter

import pytest

from ketluan.ingest.document import SourceDocument, SourceParagraph
from ketluan.ingest.ocr import _speck
from ketluan.ingest.ocr_words import Speller, spelled
from ketluan.ingest.scan_markers import place_markers
from ketluan.ingest.structure import outline
from ketluan.model import Dataset

NO_REGISTRY = Dataset(1, "Tỉnh Mẫu", (), ())


def test_each_notes_marker_is_found_on_its_page_as_ocr_misread_it() -> None:
    lines = [
        (0, ["các", "sự", "kiện", 'lớn".', "Tiếp", "tục"]),
        (0, ["mô", "hình", "“Dân", "vận", "khéo", "1+10”", "ở", "thôn,", "của", "tỉnh”", "đều"]),
        (1, ["phát", "triển", "đảng", "viên”.", "Kế", "hoạch", "năm", "20264."]),
    ]
    placed = place_markers(lines, {1: 0, 2: 0, 3: 1, 4: 1})
    assert placed.words == {
        (0, 3): "lớn¹.",
        (1, 9): "tỉnh²",  # "1+10”" closes the quote “Dân opened: a quote, not a marker
        (2, 3): "viên³.",
        (2, 7): "2026⁴.",  # the note's own number glued to a year
    }
    assert placed.unplaced == []


def test_a_marker_not_on_its_notes_page_is_said_unplaced_not_guessed() -> None:
    lines = [(0, ["Ban", "Chỉ", "đạo", "tỉnh”."]), (1, ["không", "có", "gì"])]
    placed = place_markers(lines, {1: 1})
    assert placed.words == {} and placed.unplaced == [1]


def test_a_vowel_glued_after_a_syllables_last_consonant_is_the_marker() -> None:
    lines = [(0, ["Thườngvụ", "Ban", "Chỉ", "đạo", "tỉnhẽ.", "Tham", "mưu"])]
    # "Thườngvụ" is two syllables glued ("ngv" ends none), "tỉnhẽ" one and its ⁵.
    assert place_markers(lines, {5: 0}).words == {(0, 4): "tỉnh⁵."}
    # A capital glued after a small letter is one too: no word is written so.
    capital = [(0, ["iPhone", "UBND", "đề", "raỶ.", "Tiếp"])]
    assert place_markers(capital, {3: 0}).words == {(0, 3): "ra³."}


def test_a_unit_and_a_closed_quote_are_never_markers() -> None:
    lines = [(0, ["diện", "tích", "50", "km2.", "chủ", "đề", "“Năm", "cán", "bộ", "sở”", "xong"])]
    assert place_markers(lines, {2: 0}).unplaced == [2]


def test_a_misread_word_is_put_right_where_the_text_spells_it_beside_the_same_words() -> None:
    text = [
        "tổ chức đảng ủy các cấp; đảng ủy các xã; đảng ủy các phường",
        "nâng cao chất lượng; nâng cao hiệu quả; nâng cao năng lực",
        "phát triển kinh tế - xã hội; kinh tế tư nhân; kinh tế số",
        "chỉ đạo đẳng ủy các xã nầng cao kinhtế tập thể giai đoạn 2025- 2030, của . đội,sáp",
    ]
    speller = Speller.of(text[:-1])  # the evidence: what OCR read surely
    speller.doubtful = frozenset({"nầng", "đẳng"})  # as OCR read them: 77 %, 84 %
    changes: Counter[tuple[str, str]] = Counter()
    fixed = speller.correct(text[-1], changes)
    assert fixed == (
        "chỉ đạo đảng ủy các xã nâng cao kinh tế tập thể giai đoạn 2025 - 2030, của đội, sáp"
    )
    assert changes == {("đẳng", "đảng"): 1, ("nầng", "nâng"): 1, ("kinhtế", "kinh tế"): 1}


def test_a_surely_read_word_with_evidence_on_one_side_only_keeps_its_spelling() -> None:
    # "dễ hiểu, dễ thực hiện": "để thực hiện" is common, but one neighbour does not
    # tell them apart, and OCR read this "dễ" surely.
    text = ["để thực hiện", "để thực hiện tốt", "để thực hiện nghiêm", "dễ hiểu, dễ thực hiện"]
    speller = Speller.of(text)
    assert speller.correct(text[-1], Counter()) == text[-1]
    speller.doubtful = frozenset({"dễ"})
    assert speller.correct(text[-1], Counter()) == "dễ hiểu, để thực hiện"


def test_a_foreign_word_and_a_rare_spelling_are_left_alone() -> None:
    text = ["logistics, dịch vụ", "bình đẳng giới", "đảng ủy xã", "đảng ủy phường", "lo gì"]
    speller = Speller.of(text)
    assert speller.correct("phát triển logistics và bình đẳng giới", Counter()) == (
        "phát triển logistics và bình đẳng giới"
    )


def test_only_a_scanned_document_is_respelled_and_the_changes_are_said() -> None:
    paragraphs = tuple(
        SourceParagraph("", t)
        for t in ["đảng ủy các xã", "đảng ủy các phường", "Ban đẳng ủy các xã"]
    )
    typed = SourceDocument(paragraphs, {})
    assert spelled(typed, NO_REGISTRY) is typed
    read = SourceDocument(
        paragraphs,
        {},
        scanned=True,
        doubtful=frozenset({"đẳng"}),
        sure_text=("đảng ủy các xã", "đảng ủy các phường"),  # "đẳng" was read with doubt
    )
    scanned = spelled(read, NO_REGISTRY)
    assert scanned.paragraphs[-1].text == "Ban đảng ủy các xã"
    assert "“đẳng” → “đảng”" in scanned.remarks[-1]


def test_a_misreading_ocr_repeats_does_not_outvote_the_surely_read_spelling() -> None:
    # "tinh thần" read surely once; "tỉnh thần" twice, each "tỉnh" with doubt: only the
    # sure reading is evidence, so the right spelling is not "corrected" to the wrong.
    paragraphs = tuple(
        SourceParagraph("", t)
        for t in ["vật chất và tinh thần", "phát huy tỉnh thần", "thể hiện tỉnh thần"]
    )
    read = SourceDocument(
        paragraphs,
        {},
        scanned=True,
        doubtful=frozenset({"tỉnh"}),
        sure_text=("vật chất và tinh thần", "phát huy", "thần", "thể hiện", "thần"),
    )
    assert spelled(read, NO_REGISTRY).paragraphs[0].text == "vật chất và tinh thần"


def test_an_item_number_ocr_read_as_letters_is_the_missing_item() -> None:
    from ketluan.ingest.pdf import _items_in_order

    paragraphs = [
        SourceParagraph("2.12.", "Triển khai Kế hoạch."),
        SourceParagraph("-", "Các xã thực hiện."),
        SourceParagraph("", "THIẢN: Tăng cường tiềm lực quốc phòng."),
        SourceParagraph("", "Nội dung tiếp theo của mục."),
        SourceParagraph("III.", "Đối với các xã"),
        SourceParagraph("", "UBND: đoạn không sau mục nào đánh số."),
    ]
    fixed, said = _items_in_order(paragraphs)
    assert (fixed[2].label, fixed[2].text) == ("2.13.", "Tăng cường tiềm lực quốc phòng.")
    assert fixed[3] == paragraphs[3] and fixed[5] == paragraphs[5]
    assert said == ["số mục “2.13.” suy ra từ “THIẢN: ” đầu đoạn"]
    # Where "2.13." comes later, the paragraph is one under 2.12, left as it is.
    again, _ = _items_in_order([*paragraphs[:3], SourceParagraph("2.13.", "Mục sau.")])
    assert again[2] == paragraphs[2]


def _closing(*lines: str) -> tuple[list[str], list[str]]:
    body = [
        SourceParagraph("I.", "Kết quả"),
        SourceParagraph("", "Đoạn."),
        SourceParagraph("II.", "Nhiệm vụ"),
    ]
    closing = [SourceParagraph("", line) for line in ("Nơi nhận:", *lines)]
    draft = outline(SourceDocument((*body, *closing), {}))
    return draft.recipients, draft.signer


def test_the_signature_opens_at_its_t_l_line_and_a_recipient_without_its_dash_stays_one() -> None:
    recipients, signer = _closing(
        "T¡ TƯỜNG TRỰC TỈNH ỦY,",  # a recipient whose dash the scan lost
        "- Các đảng ủy trực thuộc,",
        "- Lưu VPTU.",
        "T/L BAN THƯỜNG VỤ",
        "CHÁNH VĂN PHÒNG",
        "„ 5",  # a stroke of the signature, read as signs
        "Nguyễn Văn A",
    )
    assert recipients == ["T¡ TƯỜNG TRỰC TỈNH ỦY,", "Các đảng ủy trực thuộc,", "Lưu VPTU."]
    assert signer == ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Nguyễn Văn A"]


def test_a_state_bodys_tm_reads_as_the_partys_t_m() -> None:
    from ketluan.ingest.draft import _signer

    assert _signer(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn B"]) == {
        "delegation": "T/M",
        "on_behalf_of": "ỦY BAN NHÂN DÂN",
        "title": "CHỦ TỊCH",
        "name": "Trần Văn B",
    }


def test_a_roman_number_of_is_has_as_many_as_its_width_holds() -> None:
    from ketluan.ingest.ocr import _is_as_wide

    # Widths in x-heights, as measured on LibreOffice's serif at 13 pt (ocr.py).
    assert _is_as_wide("II", 1.02) == "III" and _is_as_wide("II;", 1.23) == "III;"
    assert _is_as_wide("II", 0.62) == "II" and _is_as_wide("II.", 0.94) == "II."
    assert _is_as_wide("I,", 0.52) == "I," and _is_as_wide("IV", 1.16) == "IV"


def test_specks_are_dropped_and_signs_read_surely_are_kept() -> None:
    assert _speck("|", 90) and _speck("„", 0) and _speck(".", 57) and _speck("—=", 42)
    assert not _speck("-", 91) and not _speck("+", 81) and not _speck("a", 10)


def test_a_signers_name_read_with_a_mark_astray_is_the_earlier_signers() -> None:
    from ketluan.fictional import Scale, dump, generate
    from ketluan.ingest.draft import _signer_as_before
    from ketluan.load import validate_text

    registry = validate_text(dump(generate(Scale(quarters=1))), "mau.yml")
    known = registry.quarters[0].signer.name  # "Phạm Ánh Mẫu", say
    misread = known.replace("ẫ", "â").replace("ạ", "a")
    assert misread != known
    signer: dict[str, object] = {"name": misread}
    _signer_as_before(signer, registry)
    assert signer["name"] == known and "ghi theo Kết luận trước" in str(signer["needs_review"])
    other: dict[str, object] = {"name": "Trần Văn Khác"}
    _signer_as_before(other, registry)
    assert other == {"name": "Trần Văn Khác"}


def test_a_scanned_signers_rare_surname_that_is_a_common_one_but_for_its_marks() -> None:
    from ketluan.ingest.draft import _common_surname

    signer: dict[str, object] = {"name": "Nguyên Tuấn Phong"}
    _common_surname(signer)
    assert signer["name"] == "Nguyễn Tuấn Phong"
    assert "họ “Nguyên” hiếm gặp, ghi là họ “Nguyễn”" in str(signer["needs_review"])
    for kept in ("Nguyễn Tuấn Phong", "Mẫu Văn Hai", "Le"):
        same: dict[str, object] = {"name": kept}
        _common_surname(same)
        assert same == {"name": kept}


def test_glued_syllables_part_on_the_syllable_list_when_one_is_the_texts_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ketluan.ingest import ocr_words

    # Debian's hunspell-vi lists "y", "sam" and "sung"; the text itself never read "y"
    # surely, but reads "thống" often: "thốngy" is "thống y". "Samsung" is none of the
    # text's words, so it stays whole.
    monkeypatch.setattr(ocr_words, "syllables", lambda: frozenset({"thống", "y", "sam", "sung"}))
    speller = Speller.of(["hệ thống điện", "hệ thống nước", "thống nhất"])
    assert speller.correct("hệ thốngy tế và Samsung", Counter()) == "hệ thống y tế và Samsung"
    monkeypatch.setattr(ocr_words, "syllables", frozenset)
    assert speller.correct("hệ thốngy tế", Counter()) == "hệ thốngy tế"
