"""Characters a data file may not hold (ketluan.characters)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ketluan.text.characters import blank, mixed_script_words, scan, unsafe


def test_positions_count_line_feeds_only() -> None:
    # YAML counts U+2028 and U+0085 as line breaks; an editor does not.
    text = "a: x\u2028y\u0085\nb: \u200bz\n"
    assert [(line, column) for line, column, _ in scan(text)] == [(1, 5), (1, 7), (2, 4)]


def test_byte_order_mark_only_at_the_start_and_cr_only_before_lf() -> None:
    assert list(scan("\ufeffa: 1\r\nb: 2\r\n")) == []
    assert [(ln, c) for ln, c, _ in scan("a: 1\nb: \ufeff2\rc")] == [(2, 4), (2, 6)]


def test_reasons_name_the_character() -> None:
    assert unsafe("\u00a0") == "khoảng trắng đặc biệt U+00A0 NO-BREAK SPACE; dùng dấu cách thường"
    assert "U+202E" in (unsafe("\u202e") or "")
    assert unsafe("\x1b") == "ký tự điều khiển U+001B"
    for allowed in ("a", "Đ", "ữ", "¹", "“", "–", "≤", "\n", "\t", "%"):
        assert unsafe(allowed) is None, allowed


@given(st.text())
def test_blank_keeps_every_position_and_leaves_nothing_to_refuse(text: str) -> None:
    cleaned = blank(text)
    assert len(cleaned) == len(text)
    assert cleaned.count("\n") == text.count("\n")
    assert list(scan(cleaned)) == []


def test_mixed_script_words() -> None:
    assert list(mixed_script_words("Ban Tổ chức Tỉnh ủy, 57-NQ/TW, dự án lớn¹")) == []
    (word, why), *_ = mixed_script_words("Bаn Tổ chức")  # Cyrillic а
    assert word == "Bаn" and "U+0430" in why and "CYRILLIC" in why
    assert [w for w, _ in mixed_script_words("Ｂan and Ωmega Ωм Ωμ")] == ["Ｂan", "Ωmega", "Ωм"]
