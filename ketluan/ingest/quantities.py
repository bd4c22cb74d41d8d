"""Numbers a drafted paragraph states: a task's targets and recurring duties, the
review's figures and limitations, read by rules for a person to review.

- A target is a percentage in a task's clause ("hết quý II năm 2026 đạt trên 30%"),
  with the comparison, range and unit `text.quantities` reads and the horizon the
  clause names. Its `metric` is the clause's own words less the number: a proposal.
- A recurring duty is "ít nhất 1 lần/quý", "từng tuần, từng tháng", "định kỳ báo cáo".
- A figure is a result of the review: "GRDP tăng 10,43% so với cùng kỳ năm 2025"
  (growth), "ước đạt 35.636 tỷ đồng" (level), "xếp thứ 4/34" (rank). Its label is the
  clause's subject, which a person may want shorter.
- Limitations are the items after "…hạn chế…:" or "…khó khăn, vướng mắc như:".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ketluan.check.phrases import AIM_WORDS
from ketluan.ingest.marks import flag
from ketluan.model import Measure, Operator
from ketluan.text.deadlines import DeadlinePhraseError, find_deadlines
from ketluan.text.quantities import Number, numbers, operator_before, range_end, unit_after
from ketluan.text.vietnamese import searchable, sentence_of

__all__ = ["clauses", "figures", "limitations", "recurrences", "targets"]

# A clause ends at ";", "." or ", " (not the comma of "10,43"); the parenthesis of
# "(tăng 5,4% …)" is its own clause. A colon ends one in the review ("như: A; B"),
# not in a task, where it joins a target's name to its value ("tỷ lệ …: đạt 50%").
_CLAUSE_END = re.compile(r"[;.]\s+|[;.]$|,\s+|\(|\)")
_CLAUSE_OR_COLON = re.compile(r"[;.]\s+|[;.]$|,\s+|:\s+|\(|\)")


def clauses(text: str, *, colon: bool = False) -> Iterator[tuple[int, int]]:
    """The (start, end) of each clause of `text`, blanks trimmed."""
    start = 0
    ends = (_CLAUSE_OR_COLON if colon else _CLAUSE_END).finditer(text)
    for m in [*ends, None]:
        end = m.start() if m else len(text)
        lead = len(text[start:end]) - len(text[start:end].lstrip())
        if text[start + lead : end].strip():
            yield start + lead, end - (len(text[start:end]) - len(text[start:end].rstrip()))
        start = m.end() if m else len(text)


def _percentages(phrase: str) -> Iterator[Number]:
    """Each percentage of `phrase`; a range ("3-4%") by its first number."""
    uppers: set[int] = set()
    for number in numbers(phrase):
        upper = range_end(phrase, number)
        if upper is not None and unit_after(phrase, upper).startswith("%"):
            uppers.add(upper.start)
            yield number
        elif number.start not in uppers and unit_after(phrase, number).startswith("%"):
            yield number


def targets(text: str, year: int) -> list[dict[str, Any]]:
    """The percentage targets of a task paragraph (or one of its footnotes)."""
    out: list[dict[str, Any]] = []
    for start, end in clauses(text):
        phrase = text[start:end]
        for number in _percentages(phrase):
            op, words = operator_before(phrase, number)
            upper = range_end(phrase, number) if op is Operator.RANGE else None
            last = upper or number
            target: dict[str, Any] = {"phrase": phrase}
            said = phrase[number.start : last.end + 1].replace("\\%", "%")
            target["metric"] = _metric(phrase, words, said) or phrase
            target |= {"operator": op.value, "value": _plain(number)}
            if upper is not None:
                target["value_max"] = _plain(upper)
            target["unit"] = "%"
            try:
                found = find_deadlines(phrase, default_year=year)
            except DeadlinePhraseError:
                found = []
            if found:
                _at, _said, parsed = found[0]
                target |= {"by": parsed.date, "precision": parsed.precision.value}
            if AIM_WORDS.search(sentence_of(text, phrase)):
                target["aim"] = True  # "phấn đấu …": an aim, not a commitment
            flag(target, "metric: tên chỉ tiêu lấy từ chính câu văn; rút gọn nếu cần")
            out.append(target)
    return out


def _plain(number: Number) -> int | float:
    """A YAML number for a target value ("10,43" is 10.43)."""
    value = number.value
    return int(value) if value == value.to_integral_value() else float(value)


def _metric(phrase: str, operator_words: str, number_words: str) -> str:
    out = phrase
    for words in (number_words, operator_words):
        if words:
            out = out.replace(words, " ", 1)
    return re.sub(r"\s+", " ", out.replace("$", " ")).strip(" :,")


# "ít nhất 1 lần/quý", "ít nhất mỗi năm 1 lần", "từng tuần, từng tháng, từng quý",
# "hằng tháng", "định kỳ báo cáo" (on the folded text, whose offsets are the text's).
_PERIOD = r"(?:tuan|thang|quy|nam)\b(?!\s+[0-9]{4})"
_EVERY = rf"(?:tung|moi|hang)\s+{_PERIOD}"
# "theo từng quý" breaks a plan down by quarter; "khám sức khỏe định kỳ" names a kind
# of check-up: neither is a duty that recurs. "Định kỳ" is one before its verb or
# after "báo cáo (kết quả)".
_RECURRENCE = re.compile(
    # "trước ngày 25 hằng tháng": the day of the period belongs to the phrase.
    rf"(?:it nhat\s+)?(?<!theo )(?:(?:(?:truoc|vao|den)\s+ngay\s+[0-9]{{1,2}}\s+)?"
    rf"{_EVERY}(?:\s*,\s*{_EVERY})*"
    r"(?:\s+(?:[0-9]+|mot|hai|ba)\s+lan\b)?"
    rf"|(?:[0-9]+|mot|hai|ba)\s+lan\s*/\s*{_PERIOD}"
    r"|\bdinh ky\s+(?:bao cao|kiem tra|giam sat|danh gia|so ket|tong ket|hop)\b"
    r"|(?:(?<=bao cao )|(?<=bao cao ket qua ))dinh ky\b)"
)


# "kế hoạch, tiến độ thực hiện từng tuần, từng tháng, từng quý" breaks a plan down by
# period, as "theo từng quý" does: a "từng …" right after a plan's noun recurs nothing.
_BREAKDOWN = re.compile(r"\b(?:ke hoach|tien do|tien do thuc hien|lo trinh)\s*$")


def recurrences(text: str) -> list[str]:
    """The phrases of `text` that state a recurring duty, as written."""
    work = searchable(text)
    return [
        text[m.start() : m.end()]
        for m in _RECURRENCE.finditer(work)
        if not (work.startswith("tung", m.start()) and _BREAKDOWN.search(work, 0, m.start()))
    ]


# The words right before a figure's number, on the folded text: "tăng 10,43%",
# "ước đạt trên 37,6 nghìn tỷ đồng", "xếp thứ 4/34"; "và" joins a second value to the
# one before ("đạt 37,6 nghìn tỷ đồng và 251,4 triệu USD").
_VERB = re.compile(
    r"(?:\b(?P<verb>tang|giam|uoc dat|dat|xep thu|dung thu)"
    r"(?:\s+(?:tren|hon|khoang|gan|duoi|it nhat))?|(?P<and>\bva))\s*$"
)
# Units of the review's figures, longest first: the first one after the number counts.
_UNITS = (
    "nghìn tỷ đồng",
    "tỷ đồng",
    "triệu đồng",
    "triệu USD",
    "tỷ USD",
    "nghìn USD",
    "%",
)
_CONNECTOR = re.compile(r"^(?:và|với|trong đó|đồng thời)(?:\s+|$)")
_FIGURE_CLAUSE = re.compile(r"[;.]\s+|[;.]$|,\s+(?=[^\d])|:\s+")


def figures(paragraphs: list[str]) -> list[dict[str, Any]]:
    """The figures of the review's paragraphs (growth, level, rank); ids are unique
    slugs of their labels."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for text in paragraphs:
        start = 0
        for m in [*_FIGURE_CLAUSE.finditer(text), None]:
            end = m.start() if m else len(text)
            for figure in _figures(text[start:end]):
                figure_id = _unique(re.sub(r"[^a-z0-9]+", "-", searchable(figure["label"])), seen)
                out.append({"id": figure_id, **figure})
            start = m.end() if m else len(text)
        for figure in _counts(text, {f["phrase"] for f in out}):
            figure_id = _unique(re.sub(r"[^a-z0-9]+", "-", searchable(figure["label"])), seen)
            out.append({"id": figure_id, **figure})
    return out


def _unique(base: str, seen: set[str]) -> str:
    base = base[:48].strip("-") or "so-lieu"
    out, n = base, 2
    while out in seen:
        out, n = f"{base}-{n}", n + 1
    seen.add(out)
    return out


# A count: "104 xã, phường" — a number right before what it counts.
_COUNTED = re.compile(
    r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)\s+"
    r"(xã, phường|xã|phường|dự án|doanh nghiệp|hồ sơ|đảng viên|tổ chức cơ sở đảng)(?!\w)"
)


def _counts(text: str, taken: set[str]) -> Iterator[dict[str, Any]]:
    for m in _COUNTED.finditer(text):
        if any(m.group() in phrase for phrase in taken):
            continue
        note = "label: số liệu đếm, tên do quy tắc đặt; ghi rõ đếm cái gì"
        figure = {"label": m.group(), "phrase": m.group(), "measure": Measure.COUNT.value}
        figure |= {"value": m[1], "unit": m[2]}
        flag(figure, note)
        yield figure


def _figures(clause: str) -> Iterator[dict[str, Any]]:
    """The figures of one clause, each with the words it was read from."""
    work = searchable(clause)
    taken = 0  # where the previous figure's words end
    label, verb = "", ""
    for number in numbers(clause):
        if number.start < taken:
            continue
        said = _VERB.search(work[taken : number.start])
        if said is None:
            continue
        start = taken + said.start()
        if said["verb"]:
            verb = said["verb"]
            # "… và xếp thứ 4/34", "(tăng 5,4% …)": the subject of the figure before.
            before = _CONNECTOR.sub("", clause[taken:start].strip(" ,("))
            label = before or label
            phrase_start = clause.index(before, taken) if before else start
            if re.search(r"\d", clause[phrase_start:start]):
                # The figure's own number must be the phrase's first: the words before
                # hold another number, so the phrase opens at the verb.
                phrase_start = start
        elif not verb:
            continue
        else:
            phrase_start = taken
        figure = _figure(clause, number, verb)
        if figure is None:
            continue
        end = figure.pop("end")
        phrase = _CONNECTOR.sub("", clause[phrase_start:end].strip())
        yield {"label": label or phrase, "phrase": phrase, **figure}
        taken = end


def _figure(clause: str, number: Number, verb: str) -> dict[str, Any] | None:
    rest = clause[number.end :]
    out: dict[str, Any] = {}
    if verb in ("xep thu", "dung thu"):
        out["measure"] = Measure.RANK.value
        out["value"] = number.text
        out_of = re.match(r"\s*/\s*(\d+)", rest)
        if out_of:
            out["out_of"] = int(out_of[1])
        stop = re.search(r"\s+và\s+|\)", rest)  # "xếp thứ 3 khu vực … và xếp thứ 4/34"
        out["end"] = number.end + (stop.start() if stop else len(rest))
    else:
        unit = next((u for u in _UNITS if rest.lstrip().startswith(u)), None)
        if unit is None:
            return None
        growth = verb in ("tang", "giam")
        out["measure"] = (Measure.GROWTH if growth else Measure.LEVEL).value
        out["value"] = number.text
        out["unit"] = unit
        end = number.end + rest.index(unit) + len(unit)
        basis = re.match(r"\s+(so với [^,;.()]+)", clause[end:])
        if basis:
            out["basis"] = basis[1].strip()
            end += basis.end()
        out["end"] = end
    op, _words = operator_before(clause, number)
    if op is not Operator.EQ and op is not Operator.RANGE:
        out["operator"] = op.value
    if verb == "uoc dat" or re.search(r"\buoc\b", searchable(clause[: number.start])[-12:]):
        out["estimate"] = True
    flag(out, "label, measure: đọc theo quy tắc từ câu văn; kiểm tra tên và loại số liệu")
    return out


# "… còn những khó khăn, vướng mắc như: A; B. C" — the items after the colon.
_LIMITS = re.compile(r"(?:han che|kho khan|vuong mac|ton tai|yeu kem)[^:]{0,40}:\s*")


def limitations(paragraphs: list[str]) -> list[str]:
    """The review's limitations, as written: the items of the list that follows a
    "hạn chế / khó khăn, vướng mắc …:" lead-in, split at ";" and at sentence ends."""
    out: list[str] = []
    for text in paragraphs:
        lead_in = _LIMITS.search(searchable(text))
        if lead_in is None:
            continue
        for item in re.split(r";\s*|\.\s+", text[lead_in.end() :]):
            item = item.strip().rstrip(".")
            if item:
                out.append(item)
    return out
