"""Tests for ketluan.deadlines: deadline phrases and recurring duties."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketluan.model import Period, Precision, Relation
from ketluan.text.deadlines import (
    DeadlinePhraseError,
    ParsedDeadline,
    ParsedRecurrence,
    RecurrencePhraseError,
    parse_deadline,
    parse_recurrence,
)
from ketluan.text.vietnamese import fold

BY, BEFORE = Relation.BY, Relation.BEFORE
DAY, MONTH, QUARTER, YEAR = Precision.DAY, Precision.MONTH, Precision.QUARTER, Precision.YEAR
ROMAN = ["I", "II", "III", "IV"]
EXAMPLES = (
    '(ví dụ: "trong tháng 5/2026", "trước 15/6/2026", "trong quý II năm 2026", "trong năm 2026")'
)

CASES = [
    ("trong tháng 5/2026", date(2026, 5, 31), MONTH, BY),
    ("hoàn thành trong tháng 5/2026", date(2026, 5, 31), MONTH, BY),
    ("Trong tháng 5/2026", date(2026, 5, 31), MONTH, BY),
    ("tháng 05/2026", date(2026, 5, 31), MONTH, BY),
    ("trong tháng 2/2028", date(2028, 2, 29), MONTH, BY),
    ("tháng 6 năm 2026", date(2026, 6, 30), MONTH, BY),
    ("chậm nhất trong tháng 6/2026", date(2026, 6, 30), MONTH, BY),
    ("trước 15/6/2026", date(2026, 6, 15), DAY, BEFORE),
    ("Báo cáo kết quả thực hiện trước 15/6/2026", date(2026, 6, 15), DAY, BEFORE),
    ("trước ngày 15/6/2026", date(2026, 6, 15), DAY, BEFORE),
    ("Trước ngày 15/6/2026", date(2026, 6, 15), DAY, BEFORE),
    ("ngày 15/6/2026", date(2026, 6, 15), DAY, BY),
    ("đến 15/06/2026", date(2026, 6, 15), DAY, BY),
    ("ngày 15 tháng 6 năm 2026", date(2026, 6, 15), DAY, BY),
    ("hết quý II năm 2026", date(2026, 6, 30), QUARTER, BY),
    ("trong quý II năm 2026", date(2026, 6, 30), QUARTER, BY),
    ("xong trong quý II năm 2026", date(2026, 6, 30), QUARTER, BY),
    ("hoàn thành trong quý II năm 2026", date(2026, 6, 30), QUARTER, BY),
    ("quý II/2026", date(2026, 6, 30), QUARTER, BY),
    ("quý 2 năm 2026", date(2026, 6, 30), QUARTER, BY),
    ("trong quý IV/2026", date(2026, 12, 31), QUARTER, BY),
    ("trong năm 2026", date(2026, 12, 31), YEAR, BY),
    ("hoàn thành trong năm 2026", date(2026, 12, 31), YEAR, BY),
    # "trước" + period: before the period's first day.
    ("trước quý III/2026", date(2026, 7, 1), QUARTER, BEFORE),
    ("trước tháng 6/2026", date(2026, 6, 1), MONTH, BEFORE),
    ("trước năm 2027", date(2027, 1, 1), YEAR, BEFORE),
    # Without diacritics, odd spacing and case.
    ("truoc 15/6/2026", date(2026, 6, 15), DAY, BEFORE),
    ("trong thang 5/2026", date(2026, 5, 31), MONTH, BY),
    ("quy II nam 2026", date(2026, 6, 30), QUARTER, BY),
    ("TRONG   QUÝ  ii  /  2026", date(2026, 6, 30), QUARTER, BY),
    ("trước  15 / 6 / 2026", date(2026, 6, 15), DAY, BEFORE),
    # The same deadline written twice is still one deadline.
    ("trong tháng 5/2026 (tháng 5/2026)", date(2026, 5, 31), MONTH, BY),
    # "Quỹ" (a fund) is not "quý" (a quarter).
    ("Quỹ I hoàn thành trong tháng 5/2026", date(2026, 5, 31), MONTH, BY),
]


@pytest.mark.parametrize(("phrase", "expected", "precision", "relation"), CASES)
def test_parse_deadline(
    phrase: str, expected: date, precision: Precision, relation: Relation
) -> None:
    assert parse_deadline(phrase) == ParsedDeadline(expected, precision, relation)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("trong quý II", date(2026, 6, 30)),
        ("xong trong quý II", date(2026, 6, 30)),
        ("Trong quý I", date(2026, 3, 31)),
    ],
)
def test_quarter_without_year_uses_default_year(phrase: str, expected: date) -> None:
    assert parse_deadline(phrase, default_year=2026) == ParsedDeadline(expected, QUARTER, BY)


def test_default_year_does_not_override_written_year() -> None:
    assert parse_deadline("trong quý II năm 2027", default_year=2026).date == date(2027, 6, 30)
    assert parse_deadline("trong tháng 5", default_year=2026).date == date(2026, 5, 31)
    assert parse_deadline("trước ngày 15/6", default_year=2026) == ParsedDeadline(
        date(2026, 6, 15), DAY, BEFORE
    )


def test_missing_year_without_default_is_an_error() -> None:
    with pytest.raises(DeadlinePhraseError) as info:
        parse_deadline("xong trong quý II")
    assert str(info.value) == (
        f'thời hạn "quý II" trong cụm từ "xong trong quý II" không ghi năm {EXAMPLES}'
    )


def test_no_deadline_message() -> None:
    with pytest.raises(DeadlinePhraseError) as info:
        parse_deadline("Tăng cường công tác tuyên truyền")
    assert str(info.value) == (
        f'không tìm thấy thời hạn trong cụm từ "Tăng cường công tác tuyên truyền" {EXAMPLES}'
    )


@pytest.mark.parametrize(
    "phrase",
    ["Chương trình công tác năm 2026", "mỗi tháng 1 lần", "ít nhất 1 lần/quý", "", "hằng năm"],
)
def test_phrases_without_deadline(phrase: str) -> None:
    with pytest.raises(DeadlinePhraseError, match="không tìm thấy thời hạn"):
        parse_deadline(phrase, default_year=2026)


@pytest.mark.parametrize(
    ("phrase", "problem"),
    [
        ("31/4/2026", "không có ngày này trong lịch"),
        ("trước 29/2/2026", "không có ngày này trong lịch"),
        ("tháng 13/2026", "tháng phải từ 1 đến 12"),
        ("trong tháng 0/2026", "tháng phải từ 1 đến 12"),
        ("quý V năm 2026", "quý phải là I, II, III, IV (hoặc 1–4)"),
        ("quý 5/2026", "quý phải là I, II, III, IV (hoặc 1–4)"),
        ("trong năm 0000", "năm phải từ 1 đến 9999"),
    ],
)
def test_invalid_dates(phrase: str, problem: str) -> None:
    with pytest.raises(DeadlinePhraseError) as info:
        parse_deadline(phrase)
    message = str(info.value)
    assert f'trong cụm từ "{phrase}" không hợp lệ: {problem}' in message
    assert message.endswith(EXAMPLES)


def test_two_different_deadlines() -> None:
    phrase = "trong tháng 5/2026, báo cáo trước 15/6/2026"
    with pytest.raises(DeadlinePhraseError) as info:
        parse_deadline(phrase)
    assert str(info.value) == (
        f'cụm từ "{phrase}" có nhiều thời hạn khác nhau ("tháng 5/2026", "trước 15/6/2026"); '
        "cần đúng một thời hạn"
    )


def test_errors_are_value_errors() -> None:
    assert issubclass(DeadlinePhraseError, ValueError)
    assert issubclass(RecurrencePhraseError, ValueError)


def test_enum_values() -> None:
    assert [p.value for p in Precision] == ["day", "month", "quarter", "year"]
    assert [r.value for r in Relation] == ["by", "before"]
    assert [p.value for p in Period] == ["week", "month", "quarter", "year"]


dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@given(dates, st.booleans())
def test_before_day_round_trips(d: date, ascii_only: bool) -> None:
    phrase = f"trước {d.day}/{d.month}/{d.year}"
    if ascii_only:
        phrase = fold(phrase)
    assert parse_deadline(phrase) == ParsedDeadline(d, DAY, BEFORE)


@given(dates)
def test_zero_padded_day_round_trips(d: date) -> None:
    phrase = f"Hoàn thành đến ngày {d:%d/%m/%Y}."
    assert parse_deadline(phrase) == ParsedDeadline(d, DAY, BY)


@given(st.integers(1900, 2200), st.integers(1, 12))
def test_month_gives_last_day(year: int, month: int) -> None:
    last = calendar.monthrange(year, month)[1]
    assert parse_deadline(f"trong tháng {month}/{year}") == ParsedDeadline(
        date(year, month, last), MONTH, BY
    )


@given(st.integers(1900, 2200), st.integers(1, 4))
def test_quarter_gives_quarter_end(year: int, quarter: int) -> None:
    end = date(year, 3 * quarter, 30 if quarter in (2, 3) else 31)
    expected = ParsedDeadline(end, QUARTER, BY)
    assert parse_deadline(f"quý {ROMAN[quarter - 1]} năm {year}") == expected
    assert parse_deadline(f"hết quý {quarter}/{year}") == expected


@pytest.mark.parametrize(
    ("phrase", "every", "at_least"),
    [
        ("ít nhất 1 lần/quý", (Period.QUARTER,), 1),
        ("ít nhất mỗi năm 1 lần", (Period.YEAR,), 1),
        ("từng tuần, từng tháng, từng quý", (Period.WEEK, Period.MONTH, Period.QUARTER), None),
        ("hằng tháng", (Period.MONTH,), None),
        ("hàng tháng", (Period.MONTH,), None),
        ("mỗi tháng", (Period.MONTH,), None),
        ("định kỳ", (), None),
        ("Định kỳ hằng năm", (Period.YEAR,), None),
        ("hang quy, hang tuan", (Period.WEEK, Period.QUARTER), None),
        ("mỗi quý một lần", (Period.QUARTER,), 1),
        ("ít nhất 2 lần / năm", (Period.YEAR,), 2),
    ],
)
def test_parse_recurrence(phrase: str, every: tuple[Period, ...], at_least: int | None) -> None:
    assert parse_recurrence(phrase) == ParsedRecurrence(every, at_least)


@pytest.mark.parametrize(
    "phrase",
    [
        "trong tháng 5/2026",
        "Chương trình công tác năm 2026",
        "ít nhất 2 lần",
        "",
        "vốn ngân hàng năm 2026",  # "hàng năm" followed by a year is not "yearly"
    ],
)
def test_not_recurring(phrase: str) -> None:
    with pytest.raises(RecurrencePhraseError) as info:
        parse_recurrence(phrase)
    assert str(info.value) == (
        f'không tìm thấy chu kỳ lặp lại trong cụm từ "{phrase}" '
        '(ví dụ: "hằng tháng", "ít nhất 1 lần/quý", "mỗi năm 1 lần", "định kỳ")'
    )
