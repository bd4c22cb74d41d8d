"""Reading Word files (ketluan.ingest.word, ketluan.ingest.numbering): the numbers Word
shows, from numbering.xml and styles, and footnotes where their references stand."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx_maker import Doc, Lvl, Para, para, write_docx
from hypothesis import given
from hypothesis import strategies as st

from ketluan.ingest.document import SourceError
from ketluan.ingest.numbering import format_number
from ketluan.ingest.word import read_docx

# A conclusion's outline: "I." parts, "1." headings, "2.1." items, "-" bullets.
OUTLINE = [
    Lvl(0, "upperRoman", "%1."),
    Lvl(1, "decimal", "%2."),
    Lvl(2, "decimal", "%2.%3."),
    Lvl(3, "bullet", "-"),
]


def labels(tmp_path: Path, doc: Doc) -> list[str]:
    return [p.label for p in read_docx(write_docx(tmp_path / "mau.docx", doc)).paragraphs]


def test_a_conclusions_outline(tmp_path: Path) -> None:
    doc = Doc(
        [
            para("Kết quả", (1, 0)),
            para("Nhiệm vụ", (1, 0)),
            para("Đối với các ban", (1, 1)),
            para("Ban Mẫu thực hiện", (1, 3)),
            para("Đối với Đảng ủy Mẫu", (1, 1)),
            para("Giải ngân", (1, 2)),
            para("Kế hoạch", (1, 3)),
            para("Mặt bằng", (1, 2)),
            para("Đoạn không đánh số"),
            para("Tổ chức thực hiện", (1, 0)),
            para("Văn phòng theo dõi", (1, 1)),
        ],
        abstracts={1: OUTLINE},
        nums={1: (1, {})},
    )
    assert labels(tmp_path, doc) == [
        "I.", "II.", "1.", "-", "2.", "2.1.", "-", "2.2.", "", "III.", "1.",
    ]  # fmt: skip


def test_restart_continue_and_never_restart(tmp_path: Path) -> None:
    levels = [Lvl(0, "decimal", "%1."), Lvl(1, "lowerLetter", "%2)", restart=0)]
    doc = Doc(
        [
            para("a", (1, 0)),
            para("b", (1, 1)),
            para("c", (1, 0)),
            para("d", (1, 1)),  # lvlRestart 0: goes on after a new level-0 item
            para("e", (2, 0)),  # another instance, no override: continues the list
            para("f", (3, 0)),  # "restart numbering": its start override
            para("g", (3, 0)),
        ],
        abstracts={1: levels},
        nums={1: (1, {}), 2: (1, {}), 3: (1, {0: 1})},
    )
    assert labels(tmp_path, doc) == ["1.", "a)", "2.", "b)", "3.", "1.", "2."]


def test_numbering_from_the_paragraph_style_and_its_base(tmp_path: Path) -> None:
    doc = Doc(
        [
            para("Phần", style="Muc"),
            para("Phần nữa", style="MucDam"),  # based on Muc: inherits its numbering
            para("Mục", style="Muc2"),
            para("Thường", style="Normal"),
        ],
        abstracts={1: OUTLINE},
        nums={1: (1, {})},
        styles={
            "Muc": (None, (1, 0)),
            "MucDam": ("Muc", None),
            "Muc2": (None, (1, 1)),
            "Normal": (None, None),
        },
    )
    assert labels(tmp_path, doc) == ["I.", "II.", "1.", ""]


def test_footnotes_at_their_references_and_italics_as_the_data_writes_them(
    tmp_path: Path,
) -> None:
    doc = Doc(
        [
            Para(
                [
                    ("Triển khai Nghị quyết về “", False),
                    ("Nâng cao", True),
                    (" chất lượng", True),
                    ("”", False),
                ]
            ),
            Para([("dự án lớn", False)], footnote=7),
            Para([("của tỉnh", False)], footnote=3),
        ],
        footnotes={3: "Chú thích thứ hai.", 7: "Chú thích thứ nhất."},
    )
    read = read_docx(write_docx(tmp_path / "mau.docx", doc))
    assert [p.text for p in read.paragraphs] == [
        "Triển khai Nghị quyết về “*Nâng cao chất lượng*”",
        "dự án lớn¹",
        "của tỉnh²",
    ]
    # Word numbers footnotes in the order their references stand, whatever their ids.
    assert read.footnotes == {1: "Chú thích thứ nhất.", 2: "Chú thích thứ hai."}


def test_what_is_not_a_docx_is_said_in_vietnamese(tmp_path: Path) -> None:
    old = tmp_path / "cu.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)  # an OLE .doc header
    with pytest.raises(SourceError, match=r"lưu lại dưới dạng \.docx"):
        read_docx(old)
    broken = write_docx(tmp_path / "hong.docx", Doc([para("x")]))
    rewrite_part(broken, "word/document.xml", b"<w:document><w:body>")
    with pytest.raises(SourceError, match="tệp Word bị hỏng"):
        read_docx(broken)


def rewrite_part(path: Path, name: str, data: bytes) -> None:
    """Replace one part of a zip archive."""
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts[name] = data
    with zipfile.ZipFile(path, "w") as archive:
        for part, content in parts.items():
            archive.writestr(part, content)


@given(st.integers(min_value=1, max_value=3999))
def test_roman_numbers_read_back(value: int) -> None:
    roman = format_number(value, "upperRoman")
    table = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
    total = sum(
        -table[c] if i + 1 < len(roman) and table[c] < table[roman[i + 1]] else table[c]
        for i, c in enumerate(roman)
    )
    assert total == value and format_number(value, "lowerRoman") == roman.lower()


def test_letters_and_other_formats() -> None:
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27, 28)] == ["a", "z", "aa", "bb"]
    assert format_number(3, "upperLetter") == "C"
    assert format_number(4, "decimalZero") == "04"
    assert format_number(4, "none") == ""
