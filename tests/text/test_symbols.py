"""Tests for ketluan.symbols: document symbols (số ký hiệu)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketluan.text.symbols import (
    PARTY_TYPES,
    TYPE_NAMES,
    Symbol,
    SymbolError,
    find_symbols,
    issuer_level,
    parse_symbol,
)

EXAMPLES = '(ví dụ: "57-NQ/TW", "254/2025/QH15", "128/QĐ-UBND")'
PARTY_CODES = "NQ, KL, CT, TB, KH, CTr, ĐA, QĐ, QĐi, HD, BC, QC, CV"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("57-NQ/TW", Symbol("57", "NQ", "TW", None, "57-NQ/TW")),
        ("433-KH/TU", Symbol("433", "KH", "TU", None, "433-KH/TU")),
        ("01 - ĐA/TU", Symbol("01", "ĐA", "TU", None, "01-ĐA/TU")),
        ("04-CT/TU", Symbol("04", "CT", "TU", None, "04-CT/TU")),
        ("232-KL/TW", Symbol("232", "KL", "TW", None, "232-KL/TW")),
        ("191-TB/TU", Symbol("191", "TB", "TU", None, "191-TB/TU")),
        ("15-QĐi/TW", Symbol("15", "QĐi", "TW", None, "15-QĐi/TW")),
        ("08-CTr/TU", Symbol("08", "CTr", "TU", None, "08-CTr/TU")),
        ("  01 -ĐA / TU ", Symbol("01", "ĐA", "TU", None, "01-ĐA/TU")),
        ("254/2025/QH15", Symbol("254", None, "QH15", 2025, "254/2025/QH15")),
        ("128/QĐ-UBND", Symbol("128", "QĐ", "UBND", None, "128/QĐ-UBND")),
        ("15/2023/NĐ-CP", Symbol("15", "NĐ", "CP", 2023, "15/2023/NĐ-CP")),
        ("05/2024/TT-BTC", Symbol("05", "TT", "BTC", 2024, "05/2024/TT-BTC")),
        ("123/QĐ-TTg", Symbol("123", "QĐ", "TTg", None, "123/QĐ-TTg")),
        ("12 / 2024 / NQ - HĐND", Symbol("12", "NQ", "HĐND", 2024, "12/2024/NQ-HĐND")),
    ],
)
def test_parse_symbol(text: str, expected: Symbol) -> None:
    assert parse_symbol(text) == expected


@pytest.mark.parametrize(
    "text",
    ["57NQ/TW", "57-NQ", "57-NQ/", "NQ/TW", "22/12/2024", "2025 - 2030", "15/2023/NĐ", "", "x"],
)
def test_malformed_symbol(text: str) -> None:
    with pytest.raises(SymbolError) as info:
        parse_symbol(text)
    assert str(info.value) == f'số ký hiệu "{text}" không đúng dạng {EXAMPLES}'


def test_unknown_type_code() -> None:
    with pytest.raises(SymbolError) as info:
        parse_symbol("57-XX/TW")
    assert str(info.value) == (
        f'số ký hiệu "57-XX/TW" có mã loại văn bản "XX" không hợp lệ (các mã: {PARTY_CODES}) '
        f"{EXAMPLES}"
    )


def test_state_only_types_are_not_party_types() -> None:
    with pytest.raises(SymbolError, match='mã loại văn bản "NĐ" không hợp lệ'):
        parse_symbol("01-NĐ/TW")
    with pytest.raises(SymbolError, match='mã loại văn bản "Nq" không hợp lệ'):
        parse_symbol("57-Nq/TW")


def test_lookalike_d_is_rejected() -> None:
    with pytest.raises(SymbolError) as info:
        parse_symbol("01-\u00d0A/TU")
    assert "dùng chữ Ð (U+00D0) thay cho chữ Đ (U+0110)" in str(info.value)


def test_non_nfc_is_rejected() -> None:
    text = unicodedata.normalize("NFD", "01-ĐA/TU") + "\u0301"
    with pytest.raises(SymbolError, match="chưa chuẩn hóa Unicode NFC"):
        parse_symbol(text)


def test_type_names() -> None:
    assert TYPE_NAMES["NQ"] == "Nghị quyết"
    assert TYPE_NAMES["ĐA"] == "Đề án"
    assert TYPE_NAMES["QĐi"] == "Quy định"
    assert TYPE_NAMES["CTr"] == "Chương trình"
    assert TYPE_NAMES["NĐ"] == "Nghị định"
    assert len(TYPE_NAMES) == 15
    assert all(code[0] == "\u0110" for code in TYPE_NAMES if code.startswith("Đ"))
    assert all(unicodedata.is_normalized("NFC", name) for name in TYPE_NAMES.values())
    assert set(TYPE_NAMES) - PARTY_TYPES == {"NĐ", "TT"}


@pytest.mark.parametrize(
    ("issuer", "level"),
    [
        ("TW", "trung-uong"),
        ("VPTW", "trung-uong"),
        ("BTCTW", "trung-uong"),
        ("QH15", "quoc-hoi"),
        ("UBTVQH15", "quoc-hoi"),
        ("TU", "tinh-uy"),
        ("VPTU", "tinh-uy"),
        ("UBND", "chinh-quyen-tinh"),
        ("HĐND", "chinh-quyen-tinh"),
        ("CP", "chinh-phu"),
        ("TTg", "chinh-phu"),
        ("BTC", "khac"),
        ("HU", "khac"),
    ],
)
def test_issuer_level(issuer: str, level: str) -> None:
    assert issuer_level(issuer) == level


def test_find_symbols_in_sentence() -> None:
    text = (
        "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Đề án số "
        "01 - ĐA/TU, Nghị quyết 254/2025/QH15 và Quyết định 128/QĐ-UBND (giai đoạn "
        "2025 - 2030); Nghị định 15/2023/NĐ-CP."
    )
    found = find_symbols(text)
    assert [(text[a:b], norm) for a, b, norm in found] == [
        ("57-NQ/TW", "57-NQ/TW"),
        ("01 - ĐA/TU", "01-ĐA/TU"),
        ("254/2025/QH15", "254/2025/QH15"),
        ("128/QĐ-UBND", "128/QĐ-UBND"),
        ("15/2023/NĐ-CP", "15/2023/NĐ-CP"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "ngày 22/12/2024",
        "giai đoạn 2025 - 2030",
        "tháng 5/2026, quý II/2026",
        "mã 57-XX/TW lạ",
        "x57-NQ/TW",
        "57-NQ/TWa",
        "1/2/3",
    ],
)
def test_find_symbols_ignores_non_symbols(text: str) -> None:
    assert find_symbols(text) == []


def test_find_symbols_does_not_cross_lines() -> None:
    assert find_symbols("số 57 -\nNQ/TW") == []


spaces = st.sampled_from(["", " ", "  ", "\t", "\u00a0"])
issuers = st.sampled_from(["TW", "TU", "VPTW", "VPTU", "BTCTW", "HU", "ĐU", "BCSĐ"])


@given(
    st.from_regex(r"\A[0-9]{1,4}\Z"),
    st.sampled_from(sorted(PARTY_TYPES)),
    issuers,
    spaces,
    spaces,
    spaces,
    spaces,
)
def test_party_symbols_round_trip(
    number: str, code: str, issuer: str, s1: str, s2: str, s3: str, s4: str
) -> None:
    text = f"{number}{s1}-{s2}{code}{s3}/{s4}{issuer}"
    normalised = f"{number}-{code}/{issuer}"
    assert parse_symbol(text) == Symbol(number, code, issuer, None, normalised)
    sentence = f"Căn cứ {text}, ngày 01/4/2026."
    start = len("Căn cứ ")
    assert find_symbols(sentence) == [(start, start + len(text), normalised)]
