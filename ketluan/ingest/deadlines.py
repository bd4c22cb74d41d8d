"""A drafted paragraph's deadlines and recurring duties, in the data's shape.

A deadline keeps the paragraph's words; its precision and relation are the phrase's
own (the loader derives them). A date in the same comma-clause as a "phấn đấu" before
it is an aim, its phrase running from the "phấn đấu". One in the same clause as a
"báo cáo", or opening a sentence that says it ("Trong tháng 5/2026, … báo cáo …"), is
proposed as the report's deadline, for a person to confirm.
"""

from __future__ import annotations

import re
from typing import Any

from ketluan.check.phrases import AIM_WORDS, REPORT_WORDS
from ketluan.ingest.marks import flag
from ketluan.model import Precision
from ketluan.text.deadlines import (
    DeadlinePhraseError,
    ParsedDeadline,
    parse_deadline,
    parse_recurrence,
)

__all__ = ["draft_deadline", "draft_recurrence"]


def _same_date(phrase: str, parsed: ParsedDeadline, year: int) -> bool:
    try:
        return parse_deadline(phrase, default_year=year) == parsed
    except DeadlinePhraseError:
        return False


def draft_deadline(
    text: str, at: int, said: str, parsed: ParsedDeadline, year: int
) -> dict[str, Any]:
    """The deadline at `at` of `text` as the data writes it (see the module)."""
    clause = _start(text, at, (", ", "; ", ". "))
    aims = list(AIM_WORDS.finditer(text, clause, at))
    aim = aims[-1] if aims else None  # the last "phấn đấu" before the date
    phrase = text[aim.start() : at + len(said)] if aim else said
    if aim and not _same_date(phrase, parsed, year):
        aim, phrase = None, said  # another date stands between: not this one's aim
    out: dict[str, Any] = {"phrase": phrase, "date": parsed.date}
    sentence_start = _start(text, at, ("; ", ". "))
    sentence = text[sentence_start : _end(text, at, ("; ", ". "))]
    own_clause = text[clause : _end(text, at, (", ", "; ", ". "))]
    before = text[sentence_start:at]
    opens = len(before.split()) <= 3 and "," not in before  # "Chậm nhất trong tháng 6/2026, …"
    if aim:
        out["aim"] = True
    elif REPORT_WORDS.search(own_clause) or (opens and REPORT_WORDS.search(sentence)):
        out["report"] = True
        flag(out, "report: câu có “báo cáo”: đây là hạn báo cáo, không phải hạn công việc?")
    if not re.search(r"\d{4}", said):
        flag(out, f"date: cụm từ không ghi năm; năm {parsed.date.year} suy từ quý của Kết luận")
    elif not aim and _may_qualify(text, at, parsed):
        words = " ".join(text[:at].split()[-2:])
        flag(
            out,
            f"date: “{said}” theo sau “{words}”: có thể chỉ nói công việc của năm nào mà "
            "không đặt thời hạn; nếu vậy, ghi là ngày suy ra",
        )
    return out


# Words after which "trong năm 2026" says when the work ends: "hoàn thành trong năm
# 2026", "xử lý xong trong năm 2026", "đạt 100% trong năm 2026".
_ENDING = re.compile(r"(?:xong|thành|đạt|hết|dứt điểm|\d\s*%|\d)\s*$", re.IGNORECASE)


def _may_qualify(text: str, at: int, parsed: ParsedDeadline) -> bool:
    """Whether a year after a noun may say which works rather than by when ("hoàn thành
    điều kiện khởi công các công trình trong năm 2026": the works of 2026, or done by
    its end?): a year's deadline right after words that do not end the work."""
    if parsed.precision is not Precision.YEAR:
        return False
    before = text[max(0, at - 40) : at].rstrip()
    return bool(before) and not before.endswith((",", ";", ".")) and not _ENDING.search(before)


def _start(text: str, at: int, separators: tuple[str, ...]) -> int:
    """Where the clause holding position `at` begins (after the nearest separator)."""
    found = [text.rfind(sep, 0, at) for sep in separators]
    return max([0] + [i + len(sep) for i, sep in zip(found, separators, strict=True) if i != -1])


def _end(text: str, at: int, separators: tuple[str, ...]) -> int:
    """Where the clause holding position `at` ends (at the nearest separator)."""
    found = [i for i in (text.find(sep, at) for sep in separators) if i != -1]
    return min(found, default=len(text))


def draft_recurrence(phrase: str) -> dict[str, Any]:
    """A recurring duty as the data writes it: its phrase, periods and count."""
    parsed = parse_recurrence(phrase)
    out: dict[str, Any] = {"phrase": phrase}
    if parsed.every:
        out["every"] = [p.value for p in parsed.every]
    if parsed.at_least is not None:
        out["at_least"] = parsed.at_least
    return out
