"""Checks that a target's or a figure's structured value says what its words say.

A page shows "30–40%" or "dưới 5%" beside the original phrase; if the two disagree, an
official reads two different targets. The value, the comparison, the range, the unit
(and for figures the kind of measure, the rank's "out of" and "ước") are read from the
phrase with `ketluan.quantities` and compared with what the data states.
"""

from __future__ import annotations

import re

from ketluan.check.context import Context
from ketluan.model import Figure, Measure, Operator, Target
from ketluan.text.quantities import Number, numbers, operator_before, range_end, unit_after
from ketluan.text.vietnamese import searchable, sentence_of

_ESTIMATE = re.compile(r"(?<!\w)[Ưư]ớc(?!\w)")
_OUT_OF = re.compile(r"\s*/\s*(\d+)")


def check_target_value(ctx: Context, target: Target) -> None:
    """Value, comparison, range and unit of `target` agree with its phrase."""
    phrase = target.phrase
    found = numbers(phrase)
    candidates = [n for n in found if n.value == target.value]
    if not candidates:
        listed = ", ".join(n.text for n in found) or "không có số nào"
        ctx.report(
            target,
            ("value",),
            f"giá trị {target.value} không có trong cụm từ '{phrase}' (số trong cụm từ: {listed})",
        )
        return
    # The number that agrees best: a phrase may hold the value twice ("100% … 100%").
    mismatches = min((_target_mismatches(target, n) for n in candidates), key=len)
    for field, message in mismatches:
        ctx.report(target, (field,), message)


def _target_mismatches(target: Target, number: Number) -> list[tuple[str, str]]:
    phrase = target.phrase
    op, words = operator_before(phrase, number)
    found: list[tuple[str, str]] = []
    last = number
    if op is Operator.RANGE:
        upper = range_end(phrase, number)
        assert upper is not None  # operator_before said so
        if target.operator is not Operator.RANGE or target.value_max != upper.value:
            found.append(
                (
                    "operator" if target.operator is not Operator.RANGE else "value_max",
                    f"cụm từ '{phrase}' ghi khoảng {number.text}–{upper.text} "
                    f"(cần operator: range, value: {number.value}, value_max: {upper.value})",
                )
            )
        last = upper
    elif target.operator is not op:
        said = f"ghi '{words}'" if words else "không có từ so sánh nào"
        found.append(
            (
                "operator",
                f"phép so sánh '{target.operator.value}' không khớp cụm từ '{phrase}' "
                f"(cụm từ {said} trước {number.text}: cần '{op.value}')",
            )
        )
    if not unit_after(phrase, last).startswith(target.unit):
        found.append(
            (
                "unit",
                f"đơn vị '{target.unit}' không đứng ngay sau số {last.text} "
                f"trong cụm từ '{phrase}'",
            )
        )
    return found


def check_figure(ctx: Context, figure: Figure, paragraph: str) -> None:
    """Value, comparison, unit, measure, rank and estimate of `figure` agree with its
    phrase; `paragraph` is the review paragraph holding it ("ước" may stand just before)."""
    phrase = figure.phrase
    number = next((n for n in numbers(phrase) if n.text == figure.value), None)
    if number is None:
        ctx.report(
            figure,
            ("value",),
            f"giá trị '{figure.value}' không phải một số viết trong cụm từ '{phrase}'",
        )
        return
    op, words = operator_before(phrase, number)
    if figure.operator is not op:
        said = f"ghi '{words}'" if words else "không có từ so sánh nào"
        ctx.report(
            figure,
            ("operator",),
            f"phép so sánh '{figure.operator.value}' không khớp cụm từ '{phrase}' "
            f"(cụm từ {said} trước {number.text}: cần '{op.value}')",
        )
    rank = _OUT_OF.match(phrase, number.end)
    after = phrase[rank.end() if rank else number.end :].lstrip()
    after = "%" + after[2:] if after.startswith("\\%") else after
    _check_out_of(ctx, figure, number, rank)
    if figure.unit is not None and not after.startswith(figure.unit):
        ctx.report(
            figure,
            ("unit",),
            f"đơn vị '{figure.unit}' không đứng ngay sau số {number.text} trong cụm từ '{phrase}'",
        )
    elif figure.unit is None and after.startswith("%"):
        ctx.report(figure, ("unit",), f"cụm từ '{phrase}' ghi '%' sau {number.text}: cần unit: '%'")
    _check_measure(ctx, figure, number, words)
    _check_estimate(ctx, figure, paragraph)


def _check_out_of(ctx: Context, figure: Figure, number: Number, rank: re.Match[str] | None) -> None:
    written = int(rank.group(1)) if rank else None
    if written != figure.out_of:
        want = f"out_of: {written}" if written is not None else "bỏ out_of"
        ctx.report(
            figure,
            ("out_of",),
            f"hạng '{figure.value}/{figure.out_of}' không khớp cụm từ '{figure.phrase}' "
            f"(cụm từ ghi {number.text}{rank.group(0).strip() if rank else ''}: cần {want})",
        )


def _check_measure(ctx: Context, figure: Figure, number: Number, operator_words: str) -> None:
    # The word before the number (and before its comparison, if any) names the measure.
    before = searchable(figure.phrase[: number.start]).rstrip(" $(")
    if operator_words:
        before = before[: len(before) - len(operator_words)].rstrip(" $(")
    words = re.findall(r"\w+", before)
    said = words[-1] if words else ""
    expected = {"thu": Measure.RANK, "tang": Measure.GROWTH, "giam": None}.get(said)
    if figure.measure is Measure.RANK and said != "thu":
        problem = "hạng ('rank') cần chữ 'thứ' ngay trước số"
    elif figure.measure is Measure.GROWTH and said != "tang":
        problem = "mức tăng ('growth') cần chữ 'tăng' ngay trước số; trang hiển thị 'tăng'"
    elif said in ("thu", "tang", "giam") and figure.measure is not expected:
        word = {"thu": "thứ", "tang": "tăng", "giam": "giảm"}[said]
        problem = f"cụm từ ghi '{word}' trước số, không phải loại '{figure.measure.value}'"
    else:
        return
    ctx.report(figure, ("measure",), f"{problem} (cụm từ '{figure.phrase}')")


def _check_estimate(ctx: Context, figure: Figure, paragraph: str) -> None:
    # "ước" may open the sentence before the phrase: "ước đạt 2.543 triệu USD (tăng 5,4%".
    sentence = sentence_of(paragraph, figure.phrase)
    if figure.estimate and not _ESTIMATE.search(sentence):
        ctx.report(
            figure,
            ("estimate",),
            f"'estimate: true' nhưng cụm từ '{figure.phrase}' và câu chứa nó không có chữ 'ước'",
        )
    elif not figure.estimate and _ESTIMATE.search(figure.phrase):
        ctx.report(figure, ("estimate",), f"cụm từ '{figure.phrase}' ghi 'ước': cần estimate: true")
