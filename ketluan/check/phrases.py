"""Checks on a task's phrases: each deadline, recurring duty and target says what its
words say, and no deadline lies absurdly far from the meeting."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from ketluan.check.context import Context, not_found
from ketluan.check.quantities import check_target_value
from ketluan.model import Deadline, Operator, Target, Task
from ketluan.text.deadlines import (
    DeadlinePhraseError,
    RecurrencePhraseError,
    parse_deadline,
    parse_recurrence,
)
from ketluan.text.vietnamese import footnote_markers, searchable, sentence_of, vi_date

DEADLINE_FIELDS = {"date": "ngày", "precision": "độ chính xác", "relation": "quan hệ"}
# How far from its meeting a deadline can lie: a term's tasks reach a few years ahead.
DEADLINE_YEARS_BEFORE, DEADLINE_YEARS_AFTER = 2, 10


def check_task_phrases(
    ctx: Context,
    task: Task,
    year: int,
    footnotes: Mapping[int, str],
    meeting: date | None,
    corrections: Mapping[str, str] | None = None,
) -> None:
    _check_deadlines(ctx, task, year)
    _check_recurrences(ctx, task)
    _check_targets(ctx, task, year, footnotes, corrections or {})
    if meeting is None:
        return
    dated: list[tuple[object, str, date]] = [(d, "date", d.date) for d in task.deadlines]
    dated += [(t, "by", t.by) for t in task.targets if t.by is not None]
    earliest = meeting.replace(year=meeting.year - DEADLINE_YEARS_BEFORE, day=1)
    latest = meeting.replace(year=meeting.year + DEADLINE_YEARS_AFTER, day=1)
    for record, key, day in dated:
        if not earliest <= day <= latest:
            ctx.report(
                record,
                (key,),
                f"thời hạn {vi_date(day)} cách ngày họp {vi_date(meeting)} quá xa "
                f"(cần từ {vi_date(earliest)} đến {vi_date(latest)}); kiểm tra lại năm",
            )


def _check_deadlines(ctx: Context, task: Task, year: int) -> None:
    for deadline in task.deadlines:
        if deadline.phrase not in task.words:
            ctx.report(deadline, ("phrase",), not_found(deadline.phrase, "nội dung nhiệm vụ"))
            continue
        try:
            parsed = parse_deadline(deadline.phrase, default_year=year)
        except DeadlinePhraseError as exc:
            ctx.report(deadline, ("phrase",), str(exc))
            continue
        for key, label in DEADLINE_FIELDS.items():
            got, want = getattr(deadline, key), getattr(parsed, key)
            if got != want:
                ctx.report(
                    deadline,
                    (key,),
                    f"{label} '{got}' không khớp cụm từ '{deadline.phrase}' (cần '{want}')",
                )
        _check_deadline_kind(ctx, task, deadline)


# "phấn đấu" (and the source's typo "phân đấu") makes a date an aim, not a deadline.
AIM_WORDS = re.compile(r"(?<!\w)ph[âấ]n đấu(?!\w)", re.IGNORECASE)
REPORT_WORDS = re.compile(r"(?<!\w)báo cáo(?!\w)", re.IGNORECASE)


def _check_deadline_kind(ctx: Context, task: Task, deadline: Deadline) -> None:
    """`aim` and `report` say what the words say: an aim's phrase holds "phấn đấu"; a
    report's deadline stands in a sentence that says "báo cáo"."""
    said_aim = AIM_WORDS.search(deadline.phrase) is not None
    if deadline.aim != said_aim:
        what, want = (
            ("mục tiêu phấn đấu", "aim: true")
            if said_aim
            else ("thời hạn", "bỏ aim (cụm từ không có 'phấn đấu')")
        )
        ctx.report(deadline, ("aim",), f"cụm từ '{deadline.phrase}' là {what}: cần {want}")
    if deadline.report and not REPORT_WORDS.search(sentence_of(task.words, deadline.phrase)):
        ctx.report(
            deadline,
            ("report",),
            f"'report: true' nhưng câu chứa '{deadline.phrase}' không nói 'báo cáo'",
        )


def _check_recurrences(ctx: Context, task: Task) -> None:
    for recurrence in task.recurrences:
        if recurrence.phrase not in task.words:
            ctx.report(recurrence, ("phrase",), not_found(recurrence.phrase, "nội dung nhiệm vụ"))
            continue
        try:
            parsed_r = parse_recurrence(recurrence.phrase)
        except RecurrencePhraseError as exc:
            ctx.report(recurrence, ("phrase",), str(exc))
            continue
        if (recurrence.every, recurrence.at_least) != (parsed_r.every, parsed_r.at_least):
            every = ", ".join(p.value for p in parsed_r.every) or "không nêu"
            least = parsed_r.at_least if parsed_r.at_least is not None else "không nêu"
            want = f"every: [{every}], at_least: {least}"
            ctx.report(
                recurrence, (), f"chu kỳ không khớp cụm từ '{recurrence.phrase}' (cần {want})"
            )


def _check_targets(
    ctx: Context,
    task: Task,
    year: int,
    footnotes: Mapping[int, str],
    corrections: Mapping[str, str],
) -> None:
    notes = [footnotes.get(n, "") for n in footnote_markers(task.text)]
    for target in task.targets:
        holder = next((t for t in (task.words, *notes) if target.phrase in t), None)
        found = holder is not None
        if holder is None:
            ctx.report(
                target,
                ("phrase",),
                not_found(target.phrase, "nội dung nhiệm vụ và chú thích của nó"),
            )
        else:
            _check_target_aim(ctx, target, holder, corrections)
        if (target.operator is Operator.RANGE) != (target.value_max is not None):
            ctx.report(
                target,
                ("value_max",),
                "chỉ tiêu khoảng ('range') cần 'value_max', các loại khác thì không",
            )
        elif target.value_max is not None and target.value_max <= target.value:
            ctx.report(target, ("value_max",), "'value_max' phải lớn hơn 'value'")
        elif found:  # a well-formed value: does it say what the phrase says?
            check_target_value(ctx, target)
        if (target.by is None) != (target.precision is None):
            ctx.report(target, ("precision",), "'by' và 'precision' phải đi cùng nhau")
        elif target.by is not None:
            _check_target_date(ctx, target, year)


def _check_target_aim(
    ctx: Context, target: Target, holder: str, corrections: Mapping[str, str]
) -> None:
    """`aim` says what the words say: a target whose sentence holds "phấn đấu", as
    written or once the conclusion's corrections are made, is an aim; one may be read
    as an aim where the words hold it without their marks ("Phần đầu hoàn thành", the
    source's typo for "Phấn đấu hoàn thành"); no other is."""
    sentence = sentence_of(holder, target.phrase)
    corrected = sentence
    for phrase, suggested in corrections.items():
        corrected = corrected.replace(phrase, suggested)
    said = bool(AIM_WORDS.search(sentence) or AIM_WORDS.search(corrected))
    # Without diacritics "Phần đầu" is "phấn đấu": the editor may read the typo as the
    # word, not be made to.
    may = said or "phan dau" in searchable(sentence)
    if said and not target.aim:
        ctx.report(
            target, ("aim",), f"chỉ tiêu '{target.phrase}' là mục tiêu phấn đấu: cần aim: true"
        )
    elif target.aim and not may:
        ctx.report(
            target,
            ("aim",),
            f"chỉ tiêu '{target.phrase}' là chỉ tiêu phải đạt: cần bỏ aim "
            "(câu không có 'phấn đấu')",
        )


def _check_target_date(ctx: Context, target: Target, year: int) -> None:
    try:
        parsed = parse_deadline(target.phrase, default_year=year)
    except DeadlinePhraseError:
        return  # the date comes from context ("kế hoạch năm 2026"), not from the phrase
    if (target.by, target.precision) != (parsed.date, parsed.precision):
        ctx.report(
            target,
            ("by",),
            f"thời hạn '{target.by}' ({target.precision}) không khớp cụm từ '{target.phrase}' "
            f"(cần '{parsed.date}' ({parsed.precision}))",
        )
