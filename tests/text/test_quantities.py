"""Numbers read from Vietnamese phrases (ketluan.quantities)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketluan.text.quantities import numbers, operator_before, range_end, unit_after


@pytest.mark.parametrize(
    ("phrase", "written", "operator", "unit"),
    [
        ("hết quý II năm 2026 đạt trên 30%", "30", ">", "%"),
        ("giảm ít nhất 30% thời gian", "30", ">=", "%"),
        ("tỷ lệ hồ sơ trực tuyến: đạt $\\geq 50\\%$ trong quý II", "50", ">=", "%"),
        ("không dưới 5 xã, phường", "5", ">=", "xã, phường"),
        ("Không quá 12 tháng", "12", "<=", "tháng"),
        ("dưới 5,5 tỷ đồng", "5,5", "<", "tỷ đồng"),
        ("ước đạt 35.636 tỷ đồng", "35.636", "=", "tỷ đồng"),
        ("hoàn thành giải ngân 100% kế hoạch", "100", "=", "%"),
        ("tăng từ 3-4% so với", "3", "range", "-4%"),
    ],
)
def test_examples(phrase: str, written: str, operator: str, unit: str) -> None:
    (number,) = [n for n in numbers(phrase) if n.text == written]
    assert operator_before(phrase, number)[0] == operator
    assert unit_after(phrase, number).startswith(unit)


def test_vietnamese_number_format() -> None:
    values = [n.value for n in numbers("35.636 tỷ, 10,43%, 1.234,5 và 2026")]
    assert values == [Decimal(35636), Decimal("10.43"), Decimal("1234.5"), Decimal(2026)]


def test_ranges() -> None:
    for phrase in ("tăng từ 3-4%", "từ 3 – 4%", "từ 3 đến 4%"):
        first = numbers(phrase)[0]
        upper = range_end(phrase, first)
        assert upper is not None and upper.value == 4, phrase
        assert unit_after(phrase, upper) == "%"
    assert range_end("3 xã, 4 phường", numbers("3 xã, 4 phường")[0]) is None


@given(
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from([("trên", ">"), ("ít nhất", ">="), ("dưới", "<"), ("tối đa", "<="), ("", "=")]),
)
def test_written_targets_read_back(value: int, word_and_operator: tuple[str, str]) -> None:
    word, operator = word_and_operator
    written = f"{value:,}".replace(",", ".")
    phrase = f"hết năm 2026 đạt {word} {written}%".replace("  ", " ")
    number = next(n for n in numbers(phrase) if n.text == written)
    assert number.value == value
    assert operator_before(phrase, number)[0] == operator
    assert unit_after(phrase, number) == "%"
