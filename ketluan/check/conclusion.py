"""Checks on one quarter's conclusion: its key and title, review, tasks, footnotes and
corrections; phrases, citations and dates have modules of their own."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from ketluan.check.citations import check_citation, check_overlaps
from ketluan.check.context import Context, not_found
from ketluan.check.dates import FIRST_YEAR, LAST_YEAR, check_meeting, check_reports
from ketluan.check.phrases import check_task_phrases
from ketluan.check.quantities import check_figure
from ketluan.check.registry import check_ids
from ketluan.check.surroundings import Surroundings
from ketluan.model import TASK_AGENCY_FIELDS, Conclusion, Directive, Document, Section, Task
from ketluan.model.calendar import planning_year
from ketluan.model.keys import QuarterKey
from ketluan.model.outline import (
    Text,
    body_texts,
    effective_lead,
    text_tasks,
    texts,
    top_sections,
    walk_sections,
)
from ketluan.text.vietnamese import footnote_markers

_WORD = re.compile(r"\w+")
# The site's id of a paragraph, from the document's numbering: "II.2.3-1", "IV.1"; a
# directive's may start from an Arabic number and hold its lettered items ("1.a",
# "III.2.dd" for "đ)").
TASK_ID = re.compile(r"(?:[IVX]+|\d+)(?:\.(?:\d+|[a-z]{1,2}))*(?:-\d+)?")


def check_conclusion(ctx: Context, conclusion: Conclusion, around: Surroundings) -> None:
    """Check one quarter, reading only `around` of what lies outside it (the
    registries, the earlier quarters' tasks, the meetings)."""
    ctx = dataclasses.replace(ctx, agency_ids=around.agency_ids, document_ids=around.document_ids)
    documents = around.documents
    key = QuarterKey.parse(conclusion.key)
    if key is None:
        ctx.report(
            conclusion, ("key",), f"mã quý '{conclusion.key}' phải có dạng YYYY-qN (ví dụ: 2026-q1)"
        )
        return
    if not FIRST_YEAR <= key.year <= LAST_YEAR:
        ctx.report(
            conclusion,
            ("key",),
            f"năm của quý '{conclusion.key}' phải từ {FIRST_YEAR} đến {LAST_YEAR}",
        )
        return
    if not check_meeting(ctx, conclusion, key.year, key.number, around.previous_meeting):
        # Dates are then not measured against a meeting that is itself wrong.
        around = around.without_meeting(conclusion.key)
    expected = key.title
    if conclusion.title != expected:
        ctx.report(
            conclusion,
            ("title",),
            f"tiêu đề '{conclusion.title}' không khớp mã quý (cần '{expected}')",
        )
    if conclusion.issuing_body not in ctx.agency_ids:
        ctx.report(conclusion, ("issuing_body",), ctx.unknown_agency(conclusion.issuing_body))
    for directive in conclusion.directives:
        _check_directive(ctx, directive, conclusion, documents)
    for text in texts(conclusion):
        for recipient in text.recipients:
            if recipient.agency is not None and recipient.agency not in ctx.agency_ids:
                ctx.report(recipient, ("agency",), ctx.unknown_agency(recipient.agency))
        _check_review(ctx, text, documents)
        _check_tasks(ctx, text, conclusion.key, documents, around)
        _check_footnotes(ctx, text)
        _check_corrections(ctx, text)
    check_reports(ctx, conclusion, around)
    for report in conclusion.reports:
        if report.agency is not None and report.agency not in ctx.agency_ids:
            ctx.report(report, ("agency",), ctx.unknown_agency(report.agency))
        sent_to = report.evidence.sent_to if report.evidence else None
        if sent_to is not None and sent_to not in ctx.agency_ids:
            ctx.report(report.evidence, ("sent_to",), ctx.unknown_agency(sent_to))


def _check_directive(
    ctx: Context, directive: Directive, conclusion: Conclusion, documents: Mapping[str, Document]
) -> None:
    """A directive is one of the registry's documents, held once in the quarter, by a
    known issuer; its tasks are in its headings or its body."""
    if directive.document not in documents:
        ctx.report(
            directive,
            ("document",),
            f"văn bản '{directive.document}' không có trong danh mục 'documents'; "
            "thêm văn bản vào danh mục (loại, số, ngày, cơ quan ban hành)",
        )
    if [d.document for d in conclusion.directives].count(directive.document) > 1:
        ctx.report(
            directive,
            ("document",),
            f"văn bản '{directive.document}' được ghi hai lần trong quý {conclusion.key}",
        )
    body = directive.issuing_body
    if body is not None and body not in ctx.agency_ids:
        ctx.report(directive, ("issuing_body",), ctx.unknown_agency(body))
    preamble = "\n".join(directive.preamble)
    for citation in directive.cites:
        check_citation(ctx, citation, preamble, documents)
    check_overlaps(ctx, directive.cites, preamble)
    if not top_sections(directive):
        ctx.report(directive, ("sections",), "văn bản không có đoạn nào giao nhiệm vụ")


_ASIDE = re.compile(r"\([^()]*\)")


def _check_review(ctx: Context, shown: Text, documents: Mapping[str, Document]) -> None:
    review = shown.review
    text = "\n".join(review.paragraphs)
    check_ids(ctx, review.figures, "số liệu", "grdp", file_names=False)
    said = set(_WORD.findall(text.lower()))
    for figure in review.figures:
        # A label names a figure with the text's own words: it adds no fact.
        added = [w for w in _WORD.findall(figure.label.lower()) if w not in said]
        if added:
            ctx.report(
                figure,
                ("label",),
                f"nhãn '{figure.label}' có từ không có trong phần đánh giá: "
                f"{', '.join(repr(w) for w in dict.fromkeys(added))}; nhãn chỉ dùng lời văn bản",
            )
        # "(GRDP)" is the text's; "(tỷ đồng)" would be the editor's gloss, though both
        # its words stand elsewhere in the review (said once: added words say it too).
        for aside in [] if added else _ASIDE.findall(figure.label):
            if aside not in text:
                ctx.report(
                    figure,
                    ("label",),
                    f"nhãn '{figure.label}' có '{aside}' không có trong phần đánh giá; "
                    "nhãn chỉ dùng lời văn bản (đơn vị đã ghi ở 'unit')",
                )
        paragraph = next((p for p in review.paragraphs if figure.phrase in p), None)
        if paragraph is None:
            ctx.report(figure, ("phrase",), not_found(figure.phrase, "phần đánh giá"))
        else:
            check_figure(ctx, figure, paragraph)
    for i, limitation in enumerate(review.limitations):
        if limitation not in text:
            ctx.reporter.report(
                ctx.paths[id(review)] + ("limitations", i), not_found(limitation, "phần đánh giá")
            )
    for citation in review.cites:
        check_citation(ctx, citation, text, documents)
    check_overlaps(ctx, review.cites, text)


def _check_tasks(
    ctx: Context,
    text: Text,
    key: str,
    documents: Mapping[str, Document],
    around: Surroundings,
) -> None:
    for section in walk_sections(text.sections):
        ctx.require_agencies(section, "assignee", section.assignee)
    seen: set[str] = set()
    year = planning_year(key)
    meeting = around.meetings.get(key)
    footnotes = {f.number: f.text for f in text.footnotes}
    corrections = {c.phrase: c.suggested for c in text.corrections}
    where = f"quý {key}" if isinstance(text, Conclusion) else f"văn bản '{text.document}'"
    for task, chain in text_tasks(text):
        if not TASK_ID.fullmatch(task.id):
            ctx.report(
                task,
                ("id",),
                f"mã nhiệm vụ '{task.id}' phải theo số mục của văn bản "
                "(ví dụ: II.2.3, II.2.3-1, IV.1, 1.a)",
            )
        elif task.id in seen:
            ctx.report(task, ("id",), f"mã nhiệm vụ '{task.id}' bị trùng trong {where}")
        seen.add(task.id)
        for field in TASK_AGENCY_FIELDS:
            ctx.require_agencies(task, field, getattr(task, field))
        if not effective_lead(task, chain):
            hint = (
                "ghi 'lead', hoặc bỏ 'inherit_lead: false' để theo 'assignee' của đề mục"
                if task.inherit_lead is False and any(s.assignee for s in chain)
                else "ghi 'lead', hoặc 'assignee' ở đề mục chứa nhiệm vụ"
            )
            ctx.report(task, ("lead",), f"chưa rõ cơ quan chủ trì (rõ người): {hint}")
        check_task_phrases(ctx, task, year, footnotes, meeting, corrections)
        for citation in task.cites:
            check_citation(ctx, citation, task.words, documents)
        check_overlaps(ctx, task.cites, task.words)
        _check_row(ctx, task, chain[-1])
        for i, ref in enumerate(task.continues):
            if ref in task.continues[:i]:
                ctx.report(task, ("continues", i), f"nhiệm vụ '{ref}' được ghi hai lần")
            elif ref not in around.earlier:
                ctx.report(
                    task,
                    ("continues", i),
                    f"không có nhiệm vụ '{ref}' ở các quý trước (dạng: 2026-q1/II.2.5)",
                )


def _check_row(ctx: Context, task: Task, section: Section) -> None:
    """A table row has a cell under each column after TT and content, in a section
    whose table has columns."""
    if not task.cells:
        return
    if len(section.columns) != len(task.cells) + 2:
        ctx.report(
            task,
            ("cells",),
            f"dòng bảng có {len(task.cells)} ô sau cột nội dung, trong khi bảng của đề mục "
            f"có {max(len(section.columns) - 2, 0)} cột sau 'TT' và nội dung ('columns')",
        )


def _check_footnotes(ctx: Context, conclusion: Text) -> None:
    used: list[int] = []
    numbers = [f.number for f in conclusion.footnotes]
    for record, sub, text in body_texts(conclusion):
        for number in footnote_markers(text):
            used.append(number)
            if number not in numbers:
                ctx.report(record, sub, f"dấu chú thích {number} không có chú thích tương ứng")
    # A conclusion kept without a field that failed (its review, say) may have lost the
    # marker a footnote has: "no marker" would only echo that failure.
    whole = id(conclusion) not in ctx.incomplete
    for footnote in conclusion.footnotes:
        count = used.count(footnote.number)
        if count == 0 and whole:
            ctx.report(
                footnote,
                ("number",),
                f"chú thích {footnote.number} không có dấu chú thích nào trong văn bản",
            )
        elif count > 1:
            ctx.report(
                footnote, ("number",), f"dấu chú thích {footnote.number} xuất hiện {count} lần"
            )
        if numbers.count(footnote.number) > 1:
            ctx.report(footnote, ("number",), f"chú thích số {footnote.number} bị trùng")


def _check_corrections(ctx: Context, conclusion: Text) -> None:
    texts = [text for _record, _sub, text in body_texts(conclusion)]
    for correction in conclusion.corrections:
        if not any(correction.phrase in t for t in texts):
            ctx.report(correction, ("phrase",), not_found(correction.phrase, "văn bản"))
